# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase, TransactionCase
from odoo.tools import SQL

from odoo.addons.crossborder_ops.tests.common import (
    assert_refresh_cost,
    measured_trials,
    trial_of,
)

from ..models.crm_lead import POOL_MOVE
from .common import NOW, PoolCase, PoolRpc
from .test_pool_progress import REPLY

SALESMAN = "sales_team.group_sale_salesman,crossborder_ops.group_crossborder_ops_user"
# measuring 4 results or 18 (5 trainees): the stale results, their fields, the lock of
# their trials (one being decided is skipped), their trials, their measures, ONE query
# for the claims and recycles, ONE for the won leads, the UPDATE of the figures, the
# count of the results left
QUERIES_SALES_REFRESH = 9


@tagged("post_install", "-at_install")
class TestSalesTrialMeasures(TransactionCase):
    """A sales trainee's expected results measured from his pool moves and won leads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["crossborder.trial.result"].search([]).sudo().write({"measure_id": False})
        cls.trainee = new_test_user(
            env, login="cbo_sales_trainee", name="Sam Trainee", groups=SALESMAN
        )
        cls.other = new_test_user(env, login="cbo_sales_other", name="Olga Other", groups=SALESMAN)
        cls.manager = new_test_user(
            env,
            login="cbo_sales_trial_mgr",
            name="Max Manager",
            groups="crossborder_ops_crm.group_pool_manager,sales_team.group_sale_manager,"
            + SALESMAN,
        )
        employee = env["hr.employee"].create({"name": "Sam Trainee", "user_id": cls.trainee.id})

        def measure(code):
            return env.ref(f"crossborder_ops_crm.crossborder_trial_measure_sales_{code}")

        cls.measure = staticmethod(measure)

        cls.trial = env["crossborder.trial"].create(
            {
                "employee_id": employee.id,
                "manager_id": cls.manager.id,
                "date_start": date(2026, 5, 4),
                "date_end": date(2026, 5, 24),
                "result_ids": [
                    (
                        0,
                        0,
                        {"name": "Claims", "measure_id": measure("leads_claimed").id, "target": 3},
                    ),
                    (
                        0,
                        0,
                        {"name": "Clock", "measure_id": measure("leads_recycled").id, "target": 0},
                    ),
                    (0, 0, {"name": "Wins", "measure_id": measure("conversions").id, "target": 2}),
                    (
                        0,
                        0,
                        {"name": "Revenue", "measure_id": measure("revenue").id, "target": 5000},
                    ),
                ],
            }
        )
        cls.r_claims, cls.r_clock, cls.r_wins, cls.r_revenue = cls.trial.result_ids.sorted("id")
        Lead = env["crm.lead"]
        cls.leads = Lead.create(
            [
                {"name": f"T-lead {i}", "type": "opportunity", "user_id": cls.trainee.id}
                for i in range(8)
            ]
        )
        cls.other_lead = Lead.create(
            {"name": "T-lead other", "type": "opportunity", "user_id": cls.other.id}
        )
        inside = datetime(2026, 5, 10, 9, 0)
        before = datetime(2026, 5, 3, 23, 59)
        after = datetime(2026, 5, 25, 0, 0)
        Event = env["crossborder.pool.event"]
        leads = cls.leads
        cls.claims_in = Event.create(
            [
                {"lead_id": lead.id, "kind": "claim", "to_user_id": cls.trainee.id, "date": inside}
                for lead in leads[:4]
            ]
        )
        Event.create(
            [
                # outside the window, another kind, another salesperson
                {
                    "lead_id": leads[4].id,
                    "kind": "claim",
                    "to_user_id": cls.trainee.id,
                    "date": before,
                },
                {
                    "lead_id": leads[5].id,
                    "kind": "claim",
                    "to_user_id": cls.trainee.id,
                    "date": after,
                },
                {
                    "lead_id": leads[6].id,
                    "kind": "rotation",
                    "to_user_id": cls.trainee.id,
                    "date": inside,
                },
                {
                    "lead_id": leads[7].id,
                    "kind": "claim",
                    "to_user_id": cls.other.id,
                    "date": inside,
                },
                {
                    "lead_id": leads[4].id,
                    "kind": "recycle",
                    "from_user_id": cls.trainee.id,
                    "date": before,
                },
                {
                    "lead_id": leads[7].id,
                    "kind": "recycle",
                    "from_user_id": cls.other.id,
                    "date": inside,
                },
            ]
        )
        cls.recycled_in = Event.create(
            {
                "lead_id": leads[3].id,
                "kind": "recycle",
                "from_user_id": cls.trainee.id,
                "date": inside,
            }
        )
        # won: two inside (1000 + 2500), one before the trial, one of someone else
        won = [
            (leads[0], inside, 1000.0),
            (leads[1], datetime(2026, 5, 24, 23, 0), 2500.0),
            (leads[2], before, 9000.0),
            (cls.other_lead, inside, 9000.0),
        ]
        env.flush_all()
        for lead, closed, revenue in won:
            # crafted history: when each lead was won and for how much
            env.cr.execute(
                SQL(
                    "UPDATE crm_lead SET won_status = 'won', date_closed = %s, "
                    "expected_revenue = %s WHERE id = %s",
                    closed,
                    revenue,
                    lead.id,
                )
            )
        Lead.invalidate_model()
        cls.won_in = leads[0] | leads[1]

    def test_sales_measures(self):
        self.trial.with_user(self.manager).action_refresh_measures()
        self.assertEqual((self.r_claims.actual, self.r_claims.actual_state), (4.0, "met"))
        self.assertEqual((self.r_clock.actual, self.r_clock.actual_state), (1.0, "not_met"))
        self.assertEqual((self.r_wins.actual, self.r_wins.actual_state), (2.0, "met"))
        self.assertEqual((self.r_revenue.actual, self.r_revenue.actual_state), (3500.0, "not_met"))
        self.assertEqual(self.r_revenue.actual_count, 2)
        cases = [
            (self.r_claims, self.claims_in),
            (self.r_clock, self.recycled_in),
            (self.r_wins, self.won_in),
            (self.r_revenue, self.won_in),
        ]
        for result, expected in cases:
            action = result.with_user(self.manager).action_open_measured_records()
            found = self.env[action["res_model"]].with_user(self.manager).search(action["domain"])
            self.assertEqual(found, expected, result.name)
        # the wins behind the revenue show what was counted: who first won them,
        # and for how much (outside audit 64)
        view_id, _list = self.r_revenue.action_open_measured_records()["views"][0]
        arch = self.env["crm.lead"].get_view(view_id, "list")["arch"]
        for field in ("pool_first_won_user_id", "pool_won_revenue"):
            self.assertIn(f'name="{field}"', arch)

    def test_refresh_idempotent(self):
        Result = self.env["crossborder.trial.result"]
        now = datetime(2026, 5, 20, 8, 0)
        self.assertEqual(Result._refresh_measures_batch(batch_size=100, now=now), (4, 0))
        before = self.trial.result_ids.read(["actual", "actual_count", "actual_state"])
        self.assertEqual(Result._refresh_measures_batch(batch_size=100, now=now), (0, 0))
        self.assertEqual(
            self.trial.result_ids.read(["actual", "actual_count", "actual_state"]), before
        )

    def test_refresh_cost_does_not_grow_with_trainees(self):
        """The pool moves of every trainee are read in one query, their won leads in
        another: the refresh costs the same queries for one trainee or many, each
        with his own figures."""
        Result = self.env["crossborder.trial.result"]
        Result._refresh_measures_batch(batch_size=100, now=datetime(2026, 5, 20, 8))
        assert_refresh_cost(self, QUERIES_SALES_REFRESH, datetime(2026, 5, 20, 9), 4)
        # Olga on a trial too, with two of the measures, and three trainees without
        # leads with all four; rated already as they measure (no rating to write:
        # what is counted is the measuring)
        users = self.other | self.env["res.users"].create(
            [{"name": f"Newcomer {i}", "login": f"cbo_sales_newcomer_{i}"} for i in range(3)]
        )
        claimed, recycled = self.measure("leads_claimed"), self.measure("leads_recycled")
        won, revenue = self.measure("conversions"), self.measure("revenue")
        olga = {claimed: "met", revenue: "met"}
        newcomer = {claimed: "not_met", recycled: "met", won: "not_met", revenue: "not_met"}
        ratings = dict.fromkeys(users, newcomer) | {users[0]: olga}
        trials = measured_trials(
            self.env, users, ratings, date(2026, 5, 4), date(2026, 5, 24), recycled
        )
        assert_refresh_cost(self, QUERIES_SALES_REFRESH, datetime(2026, 5, 20, 10), 4 + 2 + 3 * 4)
        olga_results = trials[0].result_ids.sorted("id")
        self.assertEqual(olga_results.mapped("actual"), [1.0, 9000.0])
        self.assertEqual(olga_results.mapped("actual_count"), [1, 1])
        self.assertEqual(set(trials[1:].result_ids.mapped("actual_count")), {0})
        self.assertEqual((self.r_claims.actual, self.r_clock.actual), (4.0, 1.0))
        self.assertEqual((self.r_wins.actual, self.r_revenue.actual), (2.0, 3500.0))


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestSalesTrialFromOutside(PoolRpc, PoolCase, HttpCase):
    """A salesperson on trial works for her results over JSON-RPC: what she makes
    up herself, gives back at once or rewrites after the fact counts in none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env

        def measure(code):
            return env.ref(f"crossborder_ops_crm.crossborder_trial_measure_sales_{code}")

        today = NOW.date()
        cls.trial, (cls.r_claims, cls.r_wins, cls.r_revenue) = trial_of(
            cls.new_a,
            cls.manager,
            today - timedelta(days=5),
            today + timedelta(days=16),
            [
                ("Claims", measure("leads_claimed"), 1),
                ("Wins", measure("conversions"), 2),
                ("Revenue", measure("revenue"), 5000),
            ],
        )

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    def _measured(self, result):
        self.trial.with_user(self.manager).action_refresh_measures()
        return result.actual

    def _win(self, lead_id):
        self.rpc("crm.lead", "action_set_won_rainbowman", [lead_id])

    def test_a_win_she_made_up_counts_for_nothing(self):
        made_up = self.rpc(
            "crm.lead",
            "create",
            {"name": "Self-made deal", "type": "opportunity", "expected_revenue": 900000},
        )
        self._win(made_up)
        copies = self.rpc("crm.lead", "copy", [made_up])
        self._win(copies[0])
        given = self._lead("Given to her", self.jp, user=self.new_a, expected_revenue=1200)
        self._win(given.id)
        self.assertEqual(self._measured(self.r_wins), 1.0, "only the lead she was given")
        self.assertEqual(self.r_revenue.actual, 1200.0)
        action = self.r_wins.with_user(self.manager).action_open_measured_records()
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), given)
        # a lead she typed in whose customer writes (through the mail gateway) is a sale
        buyer = self.env["res.partner"].create({"name": "Real buyer", "email": "b@buyer.example"})
        typed = self.rpc(
            "crm.lead",
            "create",
            {"name": "Typed in", "type": "opportunity", "partner_id": buyer.id},
        )
        raw = REPLY.format(
            sender="Real buyer <b@buyer.example>", subject="Typed in", reference=typed, parent=""
        ).replace("In-Reply-To: \nReferences: \n", "")
        self.env["mail.thread"].with_context(default_type="opportunity").message_process(
            "crm.lead", raw, custom_values=None, thread_id=typed
        )
        self._win(typed)
        self.assertEqual(self._measured(self.r_wins), 2.0, "her customer wrote")
        # her private mailbox writing to a lead she typed in while nobody held it
        unheld = self.rpc(
            "crm.lead",
            "create",
            {"name": "Unheld", "type": "opportunity", "email_from": "n@private.example"},
        )
        self.rpc("crm.lead", "write", [unheld], {"user_id": False})
        raw = REPLY.format(
            sender="Nadia <n@private.example>", subject="Unheld", reference=unheld, parent=""
        ).replace("In-Reply-To: \nReferences: \n", "")
        self.env["mail.thread"].message_process("crm.lead", raw, thread_id=unheld)
        self.rpc("crm.lead", "write", [unheld], {"user_id": self.new_a.id})
        self._win(unheld)
        self.assertEqual(self._measured(self.r_wins), 2.0, "her own mailbox")

    def test_a_colleague_gives_her_no_wins_nor_recycles(self):
        """Noah typed a lead with no customer behind it and passed it to her, and
        handed her a lead he had won: both counted as her wins. Vera passed her
        a lead whose clock had run out: its recycling counted as hers (outside
        audit 64)."""
        wins = self._measured(self.r_wins)
        self.authenticate("cbo_new_b", "cbo_new_b")
        typed = self.rpc(
            "crm.lead",
            "create",
            {"name": "Noah's gift", "type": "opportunity", "expected_revenue": 50000},
        )
        self.rpc("crm.lead", "write", [typed], {"user_id": self.new_a.id})
        won = self.rpc("crm.lead", "create", {"name": "Noah's win", "type": "opportunity"})
        self._win(won)
        self.assertRpcRefused(
            "is won: it stays with the salesperson who won it",
            "crm.lead",
            "write",
            [won],
            {"user_id": self.new_a.id},
        )
        self.authenticate("cbo_new_a", "cbo_new_a")
        self._win(typed)
        self.assertEqual(self._measured(self.r_wins), wins, "a colleague's word is no sale")
        overdue = self._lead("Ran out", user=self.veteran)
        long_ago = fields.Datetime.now() - timedelta(days=60)
        overdue.with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": long_ago, "date_open": long_ago}
        )
        self.authenticate("cbo_vet", "cbo_vet")
        self.assertRpcRefused(
            "was due back in the pool",
            "crm.lead",
            "write",
            overdue.ids,
            {"user_id": self.new_a.id},
        )
        self.assertEqual(overdue.user_id, self.veteran)

    def test_a_win_reopened_and_passed_on_is_still_his(self):
        """Noah won a lead, reopened it as the refusal told him, passed it to her
        and she won it again: his win, dated his day, counted as hers (outside
        audit 65)."""
        wins = self._measured(self.r_wins)
        lead = self._lead("Noah's real deal", user=self.new_b, expected_revenue=20000)
        self.authenticate("cbo_new_b", "cbo_new_b")
        self._win(lead.id)
        open_stage = self.env["crm.stage"].search([("is_won", "=", False)], limit=1)
        self.rpc("crm.lead", "write", lead.ids, {"stage_id": open_stage.id})
        self.rpc("crm.lead", "write", lead.ids, {"user_id": self.new_a.id})
        self.authenticate("cbo_new_a", "cbo_new_a")
        self._win(lead.id)
        self.assertEqual(lead.pool_first_won_user_id, self.new_b)
        self.assertEqual(self._measured(self.r_wins), wins, "Noah's win")

    def test_a_lead_she_typed_into_the_pool_is_no_claim(self):
        """She typed a lead into the pool and claimed it straight back: it
        counted as a lead claimed (outside audit 64)."""
        claims = self._measured(self.r_claims)
        typed = self.rpc(
            "crm.lead",
            "create",
            {
                "name": "Typed for the pool",
                "type": "opportunity",
                "team_id": self.team.id,
                "country_id": self.de.id,
                "user_id": False,
            },
        )
        self.rpc("crm.lead", "action_claim", [typed])
        self.assertEqual(self.env["crm.lead"].browse(typed).user_id, self.new_a)
        self.assertEqual(self._measured(self.r_claims), claims)

    def test_her_wins_in_another_company_are_not_her_trials(self):
        """She also helps out in the group's other company: her wins there are not
        those of her trial's company, whose manager could not open them (outside
        audit 47, A3)."""
        other = self.env["res.company"].create({"name": "Crossborder US Co"})
        self.new_a.company_ids |= other
        both = {"allowed_company_ids": [self.env.company.id, other.id]}
        there = self._lead(
            "US deal", self.jp, user=self.new_a, expected_revenue=7000, company_id=other.id
        )
        here = self._lead("Given to her", self.jp, user=self.new_a, expected_revenue=1200)
        for lead in there | here:
            self.rpc("crm.lead", "action_set_won_rainbowman", [lead.id], context=both)
        self.assertEqual(there.company_id, other)
        self.assertEqual(self._measured(self.r_wins), 1.0, "her trial's company only")
        self.assertEqual(self.r_revenue.actual, 1200.0)
        action = self.r_wins.with_user(self.manager).action_open_measured_records()
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), here)

    def test_a_win_is_not_raised_afterwards(self):
        given = self._lead("Given to her", self.jp, user=self.new_a, expected_revenue=1200)
        self._win(given.id)
        self.assertEqual(self._measured(self.r_revenue), 1200.0)
        self.assertRpcRefused(
            "is won", "crm.lead", "write", [given.id], {"expected_revenue": 5000000}
        )
        self.rpc("crm.lead", "write", [given.id], {"expected_revenue": 1200, "name": "Pumps"})
        self.assertEqual(self._measured(self.r_revenue), 1200.0)
        # reopened, raised and won again: it counts for what it was first won
        open_stage = self.env["crm.stage"].search([("is_won", "=", False)], limit=1)
        self.rpc("crm.lead", "write", [given.id], {"stage_id": open_stage.id})
        self.rpc("crm.lead", "write", [given.id], {"expected_revenue": 900000})
        self._win(given.id)
        self.assertEqual(self._measured(self.r_revenue), 1200.0, "as first won")
        self.assertEqual(self.r_wins.actual, 1.0)

    def test_a_claim_given_back_at_once_is_not_a_lead_claimed(self):
        kept, given_back = self._lead("Kept", self.de), self._lead("Given back", self.fr)
        self.rpc("crm.lead", "action_claim", [given_back.id])
        wizard = self.rpc(
            "crossborder.lead.release.wizard",
            "create",
            {"lead_ids": [(6, 0, given_back.ids)], "reason": "no_capacity"},
        )
        self.rpc("crossborder.lead.release.wizard", "action_release", [wizard])
        self.assertEqual(self._measured(self.r_claims), 0.0, "given back")
        self.rpc("crm.lead", "action_claim", [kept.id])
        self.assertEqual(self._measured(self.r_claims), 1.0)
        action = self.r_claims.with_user(self.manager).action_open_measured_records()
        events = self.env["crossborder.pool.event"].search(action["domain"])
        self.assertEqual(events, self._events(kept, "claim"))
        # held above her cap (her tier's cap lowered), the pool takes the idlest back
        self._lead("Handed to her", self.de, user=self.new_a)
        kept.with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": NOW - timedelta(days=5)}
        )
        self.tier_new.private_cap = 1
        self.pool_eu._give_back_batch(now=NOW)
        self.assertTrue(self._events(kept, "over_cap"), "given back above the cap")
        self.assertEqual(self._measured(self.r_claims), 0.0, "not kept")

    def test_the_agreement_states_each_measured_target(self):
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        page = self.url_open(
            f"/report/html/crossborder_ops.report_trial_agreement/{self.trial.id}"
        ).text
        text = " ".join(page.split())
        self.assertIn(f"{self.r_wins.measure_id.name}: At least 2 leads won", text)
        self.assertIn(f"{self.r_revenue.measure_id.name}: At least 5000", text)
