# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every path that gives a salesperson leads, racing another one for real on
separate database connections: a colleague passing him a lead, his own claim,
restoring his archived leads, making a lead for himself. Each takes his counters'
lock (the one claims take) before checking his private cap, so the second waits
for the first (seen in pg_locks), runs again with the first one's lead counted,
and is refused: nobody ends above his cap.

And two scans of one pool for dormant customers at once: the second waits for
the first and opens no second revival lead for the same customer.

The test data is committed (a race needs two transactions that both see it)
and deleted again at the end."""

from datetime import timedelta

from odoo import SUPERUSER_ID, fields
from odoo.tests import tagged

from .concurrency import PoolRaceCase


def _salespeople(env, team):
    """The race's salespeople, in the order of ``race_salespeople``."""
    return env["crm.team.member"].search([("crm_team_id", "=", team.id)]).user_id.sorted("id")


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolCapRaces(PoolRaceCase):
    """Carol may hold 2 open leads and holds 1; Alice and Bob hold one each,
    Carol has two more in the archive, and one lead waits in the pool."""

    race_tier = {"private_cap": 2, "claim_cap": 10}
    race_salespeople = ("Alice", "Bob", "Carol")

    def _race_leads(self, env, team, tag):
        alice, bob, carol = _salespeople(env, team)
        leads = env["crm.lead"].create(
            [
                {"name": f"Alice's {tag}", "team_id": team.id, "user_id": alice.id},
                {"name": f"Bob's {tag}", "team_id": team.id, "user_id": bob.id},
                {"name": f"Carol's {tag}", "team_id": team.id, "user_id": carol.id},
                {"name": f"Carol's archived 1 {tag}", "team_id": team.id, "user_id": carol.id},
                {"name": f"Carol's archived 2 {tag}", "team_id": team.id, "user_id": carol.id},
                {"name": f"Waiting {tag}", "team_id": team.id, "user_id": False},
            ]
        )
        leads[3:5].action_archive()
        return leads, env["res.partner"]

    def _carol_holds(self):
        with self._separate_env() as env:
            return env["crm.lead"].search_count(
                [("user_id", "=", self.ids["users"][2]), ("team_id", "=", self.ids["team"])]
            )

    def _pass_to_carol(self, lead_index):
        carol = self.ids["users"][2]
        lead = self.ids["leads"][lead_index]
        return lambda env: env["crm.lead"].browse(lead).write({"user_id": carol})

    def _assert_second_waited_and_was_refused(self, outcome, refusal):
        self.assertTrue(outcome["blocked"], "the second waited for the first (pg_locks)")
        self.assertNotIn("claimed", outcome, "the second was refused")
        self.assertIn(refusal, outcome.get("error", ""))
        self.assertEqual(self._carol_holds(), 2, "Carol stays at her cap of 2")

    def test_two_colleagues_passing_her_a_lead_at_once(self):
        alice, bob, carol = self.ids["users"]
        outcome = self._race(alice, self._pass_to_carol(0), bob, self._pass_to_carol(1))
        self._assert_second_waited_and_was_refused(
            outcome, f"{self.names[2]} may hold 2 open leads (tier Race"
        )
        self.assertEqual(self._owners()[:2], [carol, bob])

    def test_her_claim_racing_a_colleague_passing_her_a_lead(self):
        alice, _bob, carol = self.ids["users"]
        waiting = self.ids["leads"][5]
        outcome = self._race(
            carol,
            lambda env: env["crm.lead"].browse(waiting).action_claim(),
            alice,
            self._pass_to_carol(0),
        )
        self._assert_second_waited_and_was_refused(outcome, "and already holds 2")
        self.assertEqual(self._owners()[0], alice, "Alice keeps her lead")
        self.assertEqual(self._owners()[5], carol)

    def test_two_of_her_leads_restored_at_once(self):
        _alice, _bob, carol = self.ids["users"]
        first, second = self.ids["leads"][3:5]
        outcome = self._race(
            carol,
            lambda env: env["crm.lead"].browse(first).action_unarchive(),
            carol,
            lambda env: env["crm.lead"].browse(second).action_unarchive(),
        )
        self._assert_second_waited_and_was_refused(outcome, "would hold 3 leads in Race team")

    def test_a_lead_made_for_herself_racing_a_colleague_passing_her_one(self):
        alice, _bob, carol = self.ids["users"]
        team = self.ids["team"]
        made = []

        def create(env):
            made.append(env["crm.lead"].create({"name": "Carol's own", "team_id": team}).id)

        self.addCleanup(self._delete_leads, made)
        outcome = self._race(carol, create, alice, self._pass_to_carol(0))
        self._assert_second_waited_and_was_refused(outcome, "and already holds 2")

    def _delete_leads(self, lead_ids):
        with self._separate_env(active_test=False) as env:
            env["crm.lead"].browse(lead_ids).exists().unlink()


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestDormancyScanRace(PoolRaceCase):
    """A customer of Tuvalu (the race pool's only country, so that the scans
    meet no other customer of the database) bought 100 days ago; the pool
    revives customers after 90 days. Alice and Bob manage the pool."""

    race_pool = {"holdback_percent": 0.0, "dormancy_days": 90}

    def _race_leads(self, env, team, tag):
        tuvalu = env.ref("base.tv")
        env["crossborder.lead.pool"].search([("team_id", "=", team.id)]).country_ids = tuvalu
        managers = _salespeople(env, team)
        managers.group_ids += env.ref("crossborder_ops_crm.group_pool_manager")
        customer = env["res.partner"].create(
            {"name": f"Funafuti Traders {tag}", "is_company": True, "country_id": tuvalu.id}
        )
        sale = env["crm.lead"].create(
            {
                "name": f"First order {tag}",
                "team_id": team.id,
                "partner_id": customer.id,
                "user_id": managers[:1].id,
                "expected_revenue": 900.0,
            }
        )
        # won 100 days ago, written directly: winning through crm would feed its
        # scoring frequencies, which outlive the race (and move other tests' odds)
        sale.flush_recordset()
        env.cr.execute(
            """UPDATE crm_lead SET won_status = 'won', probability = 100, date_closed = %s
                WHERE id = %s""",
            [fields.Datetime.now() - timedelta(days=100), sale.id],
        )
        sale.invalidate_recordset()
        return sale, customer

    def _delete_race_fixtures(self):
        with self._separate_env(active_test=False) as env:
            env["crm.lead"].search([("partner_id", "in", self.ids["partners"])]).unlink()
        return super()._delete_race_fixtures()

    def _revivals(self):
        with self._separate_env(active_test=False) as env:
            return env["crm.lead"].search_count(
                [
                    ("partner_id", "in", self.ids["partners"]),
                    ("revival_last_purchase", "!=", False),
                ]
            )

    def _scan(self, env):
        return env["crossborder.lead.pool"].browse(self.ids["pool"]).action_scan_dormant()

    def test_two_managers_scanning_at_once_revive_the_customer_once(self):
        alice, bob = self.ids["users"]
        outcome = self._race(alice, self._scan, bob, self._scan)
        self.assertTrue(outcome["blocked"], "the second scan waited for the first (pg_locks)")
        self.assertEqual(self._revivals(), 1, "one revival lead, not one per scan")
        self.assertIn("0 revival leads opened", outcome["result"]["params"]["message"])

    def test_the_scheduled_scan_racing_a_manager_leaves_the_pool_to_its_next_run(self):
        alice, _bob = self.ids["users"]

        def scheduled(env):
            pools = env["crossborder.lead.pool"].browse(self.ids["pool"])
            scan = env["crossborder.pool.dormancy"]
            return pools._each_pool(lambda pool: scan._scan(pool))[0][1]

        outcome = self._race(alice, self._scan, SUPERUSER_ID, scheduled)
        self.assertTrue(outcome["blocked"], "the scheduled scan waited for the manager's")
        self.assertIsNone(outcome["result"], "postponed, not failed")
        self.assertEqual(self._revivals(), 1)
