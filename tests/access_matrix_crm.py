# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix of crossborder_ops_crm (the high-seas pool): fixtures and expected
cells. Read by tests/test_access_matrix.py, which says the format.

The salesperson is in the matrix team, whose Europe pool holds a waiting lead; he
holds a lead of his own and claimed it (one audit event). The pool's configuration,
its audit log and its figures are read-only for him: managers configure, the pool
writes its own history. A waiting lead he may read (masked) and not work until he
claims it; his own lead he works (deleting leads is for sales managers, as in
crm). Nobody outside sales sees any of it. Pool and
sales managers are tried in crossborder_ops_crm's own tests (test_pool_security,
test_pool_attacks)."""

from itertools import count

from access_matrix_roles import NOBODY, rows

ADDON = "crossborder_ops_crm"

ROLE_GROUPS = {}

_serial = count()


def fixtures(ctx):
    env, users, Fixture = ctx.env, ctx.users, ctx.Fixture
    salesperson = users["salesperson"]
    tier = env["crossborder.sales.tier"].create(
        {"name": "Matrix tier", "private_cap": 10, "claim_cap": 10, "is_new_tier": True}
    )
    team = env["crm.team"].create({"name": "Matrix sales", "member_ids": False})
    env["crm.team.member"].create(
        {"crm_team_id": team.id, "user_id": salesperson.id, "tier_override_id": tier.id}
    )
    germany = env.ref("base.de")
    pool = env["crossborder.lead.pool"].create(
        {"name": "Matrix Europe", "team_id": team.id, "country_ids": [(6, 0, germany.ids)]}
    )
    Lead = env["crm.lead"]
    waiting = Lead.create(
        {"name": "Matrix waiting", "team_id": team.id, "country_id": germany.id, "user_id": False}
    )
    claimed = Lead.create(
        {"name": "Matrix claimed", "team_id": team.id, "country_id": germany.id, "user_id": False}
    )
    claimed.with_user(salesperson).action_claim()
    event = env["crossborder.pool.event"].search([("lead_id", "=", claimed.id)])
    run = env["crossborder.rotation.run"].create({"pool_id": pool.id})
    snapshot = env["crossborder.pool.snapshot"].create({"pool_id": pool.id, "date": "2026-01-05"})
    # a run that kept a lead back at random (issue 13): the managers' figures
    drawn = env["crossborder.rotation.run"].create({"pool_id": pool.id, "holdback_seed": "7"})
    env["crossborder.pool.event"].create(
        [
            {"lead_id": waiting.id, "pool_id": pool.id, "kind": "hold_back", "run_id": drawn.id},
            {
                "lead_id": claimed.id,
                "pool_id": pool.id,
                "kind": "rotation",
                "run_id": drawn.id,
                "to_user_id": salesperson.id,
            },
        ]
    )
    env.flush_all()
    lift_report = env["crossborder.rotation.lift.report"].search([("lead_id", "=", waiting.id)])
    share_report = env["crossborder.rotation.share.report"].search([("lead_id", "=", claimed.id)])
    assert lift_report and share_report, "the matrix needs report lines"
    lead_report = env["crossborder.pool.lead.report"].search([("lead_id", "=", claimed.id)])
    hoarding = env["crossborder.hoarding.report"].search([("user_id", "=", salesperson.id)])

    def new_lead(_env):
        return {"name": f"Matrix new {next(_serial)}", "team_id": team.id, "user_id": False}

    return {
        "sales tier": Fixture(
            tier,
            write={"private_cap": 99},
            create=lambda _env: {"name": f"Matrix tier {next(_serial)}", "private_cap": 5},
        ),
        "pool": Fixture(
            pool,
            write={"followup_days": 365},
            create=lambda _env: {"name": f"Matrix pool {next(_serial)}", "team_id": False},
        ),
        "pool event": Fixture(
            event,
            write={"rule": "forged"},
            create={"lead_id": claimed.id, "kind": "claim", "to_user_id": salesperson.id},
        ),
        "rotation run": Fixture(run, write={"assigned_count": 999}, create={"pool_id": pool.id}),
        "pool snapshot": Fixture(
            snapshot,
            write={"lead_count": 0},
            create={"pool_id": pool.id, "date": "2026-01-12"},
        ),
        "pool lead report": Fixture(lead_report),
        "hoarding report": Fixture(hoarding),
        "rotation lift report": Fixture(lift_report),
        "rotation share report": Fixture(share_report),
        "lead waiting in the pool": Fixture(
            waiting, write={"expected_revenue": 1000}, create=new_lead
        ),
        "lead claimed by the salesperson": Fixture(claimed, write={"expected_revenue": 1000}),
    }


MATRIX = [
    # configuration: read by salespeople, written by managers only
    *rows("sales tier", NOBODY, salesperson="r---"),
    *rows("pool", NOBODY, salesperson="r---"),
    # the audit log and the figures are written by the pool itself
    *rows("pool event", NOBODY, salesperson="r---"),
    *rows("rotation run", NOBODY, salesperson="r---"),
    *rows("pool snapshot", NOBODY, salesperson="r---"),
    *rows("pool lead report", NOBODY, salesperson="r---"),
    *rows("hoarding report", NOBODY, salesperson="r---"),
    # whether rotation pays, and what each salesperson received: managers only (a
    # salesperson who knew which leads are kept back could bias the comparison)
    *rows("rotation lift report", NOBODY),
    *rows("rotation share report", NOBODY),
    # leads: a waiting lead is read (masked) and claimed, not worked; he may add
    # a lead to the pool; his own lead he works
    *rows("lead waiting in the pool", NOBODY, salesperson="r-c-"),
    *rows("lead claimed by the salesperson", NOBODY, salesperson="rw--"),
]
