# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Claims racing for real, on separate database connections.

The test data is committed (a race needs two transactions that both see it)
and deleted again at the end.
"""

import threading
import time
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from .common import SALESMAN


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tier = env["crossborder.sales.tier"].create(
                {"name": f"Race {tag}", "private_cap": 1, "claim_cap": 10}
            )
            team = env["crm.team"].create({"name": f"Race team {tag}", "member_ids": False})
            users = [
                new_test_user(
                    env, login=f"race_{name}_{tag}", name=f"{name} {tag}", groups=SALESMAN
                )
                for name in ("Alice", "Bob", "Carol")
            ]
            env["crm.team.member"].create(
                [
                    {"crm_team_id": team.id, "user_id": u.id, "tier_override_id": tier.id}
                    for u in users
                ]
            )
            pool = env["crossborder.lead.pool"].create(
                {"name": f"Race pool {tag}", "team_id": team.id, "holdback_percent": 0.0}
            )
            leads = env["crm.lead"].create(
                [{"name": f"race lead {i}", "team_id": team.id, "user_id": False} for i in range(3)]
            )
            self.ids = {
                "tier": tier.id,
                "team": team.id,
                "users": [u.id for u in users],
                "pool": pool.id,
                "leads": leads.ids,
            }
            self.names = [u.name for u in users]
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["crm.lead"].browse(self.ids["leads"]).unlink()
            env["crossborder.rotation.run"].search([("pool_id", "=", self.ids["pool"])]).unlink()
            env["crossborder.lead.pool"].browse(self.ids["pool"]).unlink()
            env["crm.team"].browse(self.ids["team"]).unlink()
            env["crossborder.sales.tier"].browse(self.ids["tier"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()

    def _race(self, first_user, first_lead, second_user, second_lead):
        """Two claims: see _race_calls."""
        return self._race_calls(
            first_user,
            lambda env: env["crm.lead"].browse(first_lead).action_claim(),
            second_user,
            lambda env: env["crm.lead"].browse(second_lead).action_claim(),
        )

    @mute_logger("odoo.sql_db", "odoo.service.model")  # the expected serialization failure
    def _race_calls(self, first_user, first_call, second_user, second_call):
        """The first call holds its transaction open while the second one starts;
        the second runs like an RPC call (retried on serialization failures)."""
        outcome = {}
        first_cr = self.registry.cursor()
        try:
            env = api.Environment(first_cr, first_user, {})
            first_call(env)
            env.flush_all()

            outcome["attempts"] = 0

            def attempt(env2):
                outcome["attempts"] += 1
                return second_call(env2)

            def second():
                with self.registry.cursor() as cr:
                    env2 = api.Environment(cr, second_user, {})
                    try:
                        outcome["result"] = retrying(lambda: attempt(env2), env2)
                        cr.commit()  # pylint: disable=invalid-commit  # a real, separate transaction
                        outcome["claimed"] = True
                    except UserError as exc:
                        outcome["error"] = str(exc)

            thread = threading.Thread(target=second)
            # the test runner holds the registry lock for the whole run; the
            # second "request" must not wait for it (as HttpCase does)
            self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))
            thread.start()
            time.sleep(1.0)
            outcome["blocked"] = thread.is_alive()
            first_cr.commit()  # pylint: disable=invalid-commit  # a real, separate transaction
        finally:
            first_cr.close()
        thread.join(60)
        if thread.is_alive():
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT pid, wait_event_type, state, left(query, 200) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND state <> 'idle'"
                )
                self.fail(f"second claim still blocked: {cr.fetchall()}")
        return outcome

    def _rotation_starts_after(self, user_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crossborder.lead.pool"].browse(self.ids["pool"]).rotation_pointer_id = user_id

    def _owners(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["crm.lead"].browse(self.ids["leads"]).mapped(lambda lead: lead.user_id.id)

    def test_same_lead_exactly_one_winner(self):
        alice, bob, _carol = self.ids["users"]
        lead = self.ids["leads"][0]
        outcome = self._race(alice, lead, bob, lead)
        self.assertTrue(outcome["blocked"], "the second claim waits for the first")
        self.assertNotIn("claimed", outcome)
        self.assertIn(f"was just claimed by {self.names[0]}", outcome["error"])
        self.assertEqual(outcome["attempts"], 1, "told at once, not after a retry and back-off")
        self.assertEqual(self._owners()[0], alice)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            claims = env["crossborder.pool.event"].search_count(
                [("lead_id", "=", lead), ("kind", "=", "claim")]
            )
        self.assertEqual(claims, 1)

    def test_cap_holds_under_race(self):
        _alice, _bob, carol = self.ids["users"]
        first, second = self.ids["leads"][:2]
        outcome = self._race(carol, first, carol, second)
        self.assertTrue(outcome["blocked"], "claims of one salesperson are serialized")
        self.assertIn("private cap is 1", outcome.get("error", ""))
        self.assertEqual(self._owners()[:2].count(carol), 1, "cap of 1 held")

    def test_rotation_racing_a_claim_keeps_the_cap(self):
        """Carol (private cap 1) claims while the rotation runs: the rotation
        waits for her claim, then hands her nothing more."""
        alice, bob, carol = self.ids["users"]
        first = self.ids["leads"][0]
        self._rotation_starts_after(bob)  # Carol's turn comes first
        outcome = self._race_calls(
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
        outcome = self._race_calls(
            carol,
            lambda env: env["crm.lead"].browse(first).action_claim(),
            SUPERUSER_ID,
            lambda env: env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_or_postpone(),
        )
        self.assertTrue(outcome["blocked"])
        self.assertIsNone(outcome["result"], "postponed, not failed")
        self.assertEqual(outcome["attempts"], 1)
        self.assertEqual(self._owners(), [carol, False, False])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
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
        holder = self.registry.cursor()
        try:
            holder.execute("SELECT id FROM crm_lead WHERE id = %s FOR UPDATE", [busy])
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                preview = env["crossborder.rotation.preview"].create({"pool_id": self.ids["pool"]})
                preview._fill_lines()
                self.assertEqual(
                    (preview.waiting_count, preview.assigned_count, preview.busy_count), (3, 2, 1)
                )
                self.assertIn("1 busy: retried at the next run", preview.summary)
                # the preview's transaction is still open: someone else may write or
                # claim the rest at once (the lock a write and a claim take)
                with self.registry.cursor() as other:
                    other.execute(
                        "SELECT id FROM crm_lead WHERE id = ANY(%s) FOR NO KEY UPDATE NOWAIT",
                        [free],
                    )
                    self.assertEqual(len(other.fetchall()), 2)
                run = env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_batch()
                self.assertEqual((run.assigned_count, run.busy_count), (2, 1))
                cr.rollback()
        finally:
            holder.rollback()
            holder.close()
