# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Claims racing for real, on separate database connections.

The test data is committed (a race needs two transactions that both see it)
and deleted again at the end.
"""

from odoo import SUPERUSER_ID
from odoo.tests import tagged

from .concurrency import PoolRaceCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolConcurrency(PoolRaceCase):
    race_salespeople = ("Alice", "Bob", "Carol")

    def _race_leads(self, env, team, tag):
        leads = env["crm.lead"].create(
            [{"name": f"race lead {i}", "team_id": team.id, "user_id": False} for i in range(3)]
        )
        return leads, env["res.partner"]

    def _race_claims(self, first_user, first_lead, second_user, second_lead):
        """Two claims racing: see PoolRaceCase._race."""
        return self._race(
            first_user,
            lambda env: env["crm.lead"].browse(first_lead).action_claim(),
            second_user,
            lambda env: env["crm.lead"].browse(second_lead).action_claim(),
        )

    def _rotation_starts_after(self, user_id):
        with self._separate_env() as env:
            env["crossborder.lead.pool"].browse(self.ids["pool"]).rotation_pointer_id = user_id

    def test_same_lead_exactly_one_winner(self):
        alice, bob, _carol = self.ids["users"]
        lead = self.ids["leads"][0]
        outcome = self._race_claims(alice, lead, bob, lead)
        self.assertTrue(outcome["blocked"], "the second claim waits for the first")
        self.assertNotIn("claimed", outcome)
        self.assertIn(f"was just claimed by {self.names[0]}", outcome["error"])
        self.assertEqual(outcome["attempts"], 1, "told at once, not after a retry and back-off")
        self.assertEqual(self._owners()[0], alice)
        with self._separate_env() as env:
            claims = env["crossborder.pool.event"].search_count(
                [("lead_id", "=", lead), ("kind", "=", "claim")]
            )
        self.assertEqual(claims, 1)

    def test_cap_holds_under_race(self):
        _alice, _bob, carol = self.ids["users"]
        first, second = self.ids["leads"][:2]
        outcome = self._race_claims(carol, first, carol, second)
        self.assertTrue(outcome["blocked"], "claims of one salesperson are serialized")
        self.assertIn("private cap is 1", outcome.get("error", ""))
        self.assertEqual(self._owners()[:2].count(carol), 1, "cap of 1 held")

    def test_rotation_racing_a_claim_keeps_the_cap(self):
        """Carol (private cap 1) claims while the rotation runs: the rotation
        waits for her claim, then hands her nothing more."""
        alice, bob, carol = self.ids["users"]
        first = self.ids["leads"][0]
        self._rotation_starts_after(bob)  # Carol's turn comes first
        outcome = self._race(
            carol,
            lambda env: env["crm.lead"].browse(first).action_claim(),
            SUPERUSER_ID,
            lambda env: env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_batch().id,
        )
        owners = self._owners()
        self.assertEqual(owners[0], carol)
        self.assertEqual(owners.count(carol), 1, "Carol stays at her cap of 1")
        self.assertEqual(sorted(owners[1:]), sorted([alice, bob]))
        self.assertTrue(outcome["blocked"], "the rotation waits for the claim in progress")
        self.assertTrue(outcome.get("claimed"), outcome)

    def test_scheduled_rotation_postpones_a_pool_after_a_racing_claim(self):
        """The scheduled action does not fail on that race: the pool waits for
        the next call, which hands the leads out with fresh counts."""
        alice, bob, carol = self.ids["users"]
        first = self.ids["leads"][0]
        self._rotation_starts_after(bob)
        outcome = self._race(
            carol,
            lambda env: env["crm.lead"].browse(first).action_claim(),
            SUPERUSER_ID,
            lambda env: env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_or_postpone(),
        )
        self.assertTrue(outcome["blocked"])
        self.assertIsNone(outcome["result"], "postponed, not failed")
        self.assertEqual(outcome["attempts"], 1)
        self.assertEqual(self._owners(), [carol, False, False])
        with self._separate_env() as env:
            run = env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_or_postpone()
            self.assertEqual(run.assigned_count, 2)
        owners = self._owners()
        self.assertEqual(sorted(owners[1:]), sorted([alice, bob]), "Carol is at her cap")

    def test_busy_leads_are_counted_and_the_preview_locks_nothing(self):
        """Another transaction holds a waiting lead (Odoo's lead enrichment does
        while it waits for its server): the preview and the run count it as
        busy instead of skipping it silently, and the preview leaves every lead
        free for others."""
        busy, *free = self.ids["leads"]
        with self._held([busy]), self._separate_env() as env:
            preview = env["crossborder.rotation.preview"].create({"pool_id": self.ids["pool"]})
            preview._fill_lines()
            self.assertEqual(
                (preview.waiting_count, preview.assigned_count, preview.busy_count), (3, 2, 1)
            )
            self.assertIn("1 busy: retried at the next run", preview.summary)
            # the preview's transaction is still open: someone else may write or
            # claim the rest at once (the lock a write and a claim take)
            self.assertEqual(self._lockable(free), sorted(free))
            run = env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_batch()
            self.assertEqual((run.assigned_count, run.busy_count), (2, 1))
            env.cr.rollback()
