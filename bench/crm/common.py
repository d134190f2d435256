# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared set-up of the CRM benchmarks: an Odoo environment on a bench database."""

import contextlib
import os
import sys
import time
from pathlib import Path

from odoo import SUPERUSER_ID, api, sql_db
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for benchkit
import benchkit  # noqa: E402


def parse(description, extra=None):
    return benchkit.parse(description, extra, "bench database (throw-away)")


@contextlib.contextmanager
def environment(database):
    registry = Registry(database)
    with registry.cursor() as cr:
        # no tracking_disable: Odoo's own assignment cron runs with tracking too
        yield api.Environment(cr, SUPERUSER_ID, {})


@contextlib.contextmanager
def measure(label, results):
    """Seconds and SQL queries spent in the block."""
    queries = sql_db.sql_counter
    start = time.perf_counter()
    yield
    results[label] = {
        "seconds": time.perf_counter() - start,
        "queries": sql_db.sql_counter - queries,
    }


def rss_mb():
    with open(f"/proc/{os.getpid()}/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def salespeople(env, count, tag):
    """``count`` salespeople in one new team, with a tier whose caps never bind."""
    tag = f"{tag}{int(time.time() * 1000) % 10**9}"  # native assignment commits: unique names
    group_ids = [
        env.ref("base.group_user").id,
        env.ref("sales_team.group_sale_salesman").id,
    ]
    users = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": f"Bench {tag} {i}",
                    "login": f"bench_{tag}_{i}",
                    "group_ids": [(6, 0, group_ids)],
                }
                for i in range(count)
            ]
        )
    )
    team = env["crm.team"].create({"name": f"Bench team {tag}", "member_ids": False})
    tier = env["crossborder.sales.tier"].create(
        {
            "name": f"Bench tier {tag}",
            "private_cap": 10**5,
            "claim_cap": 10**5,
            "claim_period": "month",
        }
    )
    env["crm.team.member"].create(
        [
            {
                "crm_team_id": team.id,
                "user_id": user.id,
                "tier_override_id": tier.id,
                "assignment_max": 10**4,
            }
            for user in users
        ]
    )
    CREATED.append((team.id, users.ids, tier.id))
    return team, users, tier


CREATED = []


def cleanup(env):
    """Remove what the bench created (Odoo's native assignment commits as it goes)."""
    env.cr.rollback()
    for team_id, user_ids, tier_id in CREATED:
        env.cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'crm.lead' AND res_id IN "
            "(SELECT id FROM crm_lead WHERE team_id = %s)",
            [team_id],
        )
        env.cr.execute(
            "DELETE FROM mail_message WHERE model = 'crm.lead' AND res_id IN "
            "(SELECT id FROM crm_lead WHERE team_id = %s)",
            [team_id],
        )
        for table in (
            "crossborder_pool_event",
            "crossborder_rotation_run",
            "crossborder_pool_snapshot",
        ):
            env.cr.execute(
                f"DELETE FROM {table} WHERE pool_id IN "  # noqa: S608 - fixed table names
                "(SELECT id FROM crossborder_lead_pool WHERE team_id = %s)",
                [team_id],
            )
        env.cr.execute("DELETE FROM crm_lead WHERE team_id = %s", [team_id])
        # the team's mail alias goes with it, or it outlives the team and breaks
        # later alias checks (deleted after the team, which refers to it)
        env.cr.execute("SELECT alias_id FROM crm_team WHERE id = %s", [team_id])
        alias_ids = [row[0] for row in env.cr.fetchall() if row[0]]
        env.cr.execute("DELETE FROM crossborder_lead_pool WHERE team_id = %s", [team_id])
        env.cr.execute("DELETE FROM crm_team_member WHERE crm_team_id = %s", [team_id])
        env.cr.execute("DELETE FROM crm_team WHERE id = %s", [team_id])
        if alias_ids:
            env.cr.execute("DELETE FROM mail_alias WHERE id = ANY(%s)", [alias_ids])
        env.cr.execute("DELETE FROM crossborder_sales_tier WHERE id = %s", [tier_id])
        env["res.users"].browse(user_ids).exists().write({"active": False})
    env.cr.commit()


def insert_leads(env, team, count, user_ids=None, idle_days=0):
    """Insert leads with plain SQL (the subject is the assignment, not creation).

    ``user_ids``: owners, used in turn; None leaves them in the pool.
    """
    stage = env["crm.stage"].search([], order="sequence", limit=1)
    countries = (
        env["res.country"].search([("code", "in", ["DE", "FR", "US", "CA", "IT", "ES"])]).ids
    )
    env.cr.execute(
        """
        INSERT INTO crm_lead (name, type, active, team_id, stage_id, company_id, user_id,
                              country_id, probability, won_status, date_open,
                              last_progress_date, pool_entry_date, create_date, write_date,
                              create_uid, write_uid)
        SELECT 'bench lead ' || g, 'opportunity', true, %(team)s, %(stage)s, %(company)s,
               CASE WHEN %(users)s::int[] IS NULL THEN NULL
                    ELSE (%(users)s::int[])[1 + g %% cardinality(%(users)s::int[])] END,
               (%(countries)s::int[])[1 + g %% cardinality(%(countries)s::int[])], 10, 'pending',
               CASE WHEN %(users)s::int[] IS NULL THEN NULL
                    ELSE now() at time zone 'UTC' - make_interval(days => %(idle)s) END,
               now() at time zone 'UTC' - make_interval(days => %(idle)s),
               CASE WHEN %(users)s::int[] IS NULL THEN now() at time zone 'UTC' END,
               now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
          FROM generate_series(1, %(count)s) g
     RETURNING id
        """,
        {
            "team": team.id,
            "stage": stage.id,
            "company": env.company.id,
            "users": user_ids,
            "countries": countries,
            "idle": idle_days,
            "count": count,
        },
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env["crm.lead"].invalidate_model()
    return ids
