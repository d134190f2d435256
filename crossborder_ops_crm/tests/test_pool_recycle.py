# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.crm_lead import POOL_MOVE
from .common import NOW, PoolCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestPoolRecycle(PoolCase):
    def _held(self, name, user, idle_days, assigned_days=None, **values):
        assigned_days = assigned_days if assigned_days is not None else idle_days
        with freeze_time(NOW - timedelta(days=assigned_days)):
            lead = self._lead(name, self.de, user=user, **values)
        lead.with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": NOW - timedelta(days=idle_days)}
        )
        return lead

    def test_recycle_boundary(self):
        due = self._held("idle 14 days", self.veteran, 14)
        not_due = self._held("idle 13 days", self.veteran, 13, recycle_warned=True)
        processed, remaining = self.pool_eu._recycle_batch()
        self.assertEqual((processed, remaining), (1, 0))
        self.assertFalse(not_due.pool_state != "private")
        self.assertEqual(due.pool_state, "pool")
        self.assertFalse(due.user_id)
        self.assertFalse(due.date_open, "Odoo's assignment skips leads that keep date_open")
        self.assertEqual(due.pool_entry_date, NOW)
        self.assertEqual(due.last_owner_id, self.veteran)
        self.assertEqual(due.recycle_count, 1)
        self.assertEqual(due.reserved_until, NOW + timedelta(days=2))
        event = self._events(due, "recycle")
        self.assertEqual(
            (event.reason, event.rule_text), ("recycled", "No real follow-up for 14 days")
        )
        self.assertEqual(event.from_user_id, self.veteran)
        self.assertIn(
            "Back to the pool EU from Vera Veteran: No real follow-up for 14 days",
            due.message_ids[0].body,
        )
        # idempotent: a second run finds nothing to do
        self.assertEqual(self.pool_eu._recycle_batch(), (0, 0))
        self.assertEqual(len(self._events(due, "recycle")), 1)

    def test_warning_before_recycle(self):
        lead = self._held("idle 11 days", self.new_a, 11)
        self.pool_eu._recycle_batch()
        self.assertEqual(lead.user_id, self.new_a, "warned, not recycled")
        self.assertTrue(lead.recycle_warned)
        activity = lead.activity_ids
        self.assertEqual(activity.user_id, self.new_a)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("crossborder_ops_crm.mail_activity_type_pool_warning"),
        )
        self.assertEqual(activity.date_deadline, (NOW + timedelta(days=3)).date())
        inbox = self.env["mail.message"].search(
            [
                ("partner_ids", "in", self.new_a.partner_id.ids),
                ("model", "=", "crossborder.lead.pool"),
            ]
        )
        self.assertIn("1 of your leads in EU go back to the pool in 3 days", inbox.body)
        self.pool_eu._recycle_batch()
        self.assertEqual(len(lead.activity_ids), 1, "warned once")
        self.assertEqual(len(self._events(lead, "warning")), 1)

    def test_won_and_lost_are_never_recycled(self):
        won = self._held("won", self.veteran, 40)
        won.action_set_won()
        lost = self._held("lost", self.veteran, 40)
        lost.action_set_lost()
        self.pool_eu._recycle_batch()
        self.assertEqual(won.user_id, self.veteran)
        self.assertEqual(lost.with_context(active_test=False).user_id, self.veteran)
        self.assertFalse(self._events(won | lost))

    def test_protection_until_date(self):
        lead = self._held("protected", self.veteran, 40)
        with self.assertRaises(AccessError):
            lead.with_user(self.veteran).protected_until = NOW.date() + timedelta(days=5)
        lead.with_user(self.manager).protected_until = NOW.date() + timedelta(days=5)
        self.pool_eu._recycle_batch()
        self.assertEqual(lead.user_id, self.veteran)
        with freeze_time(NOW + timedelta(days=6)):
            self.pool_eu._recycle_batch()
            self.assertFalse(lead.user_id)

    def test_bouncing_lead_is_escalated(self):
        lead = self._held("bouncer", self.new_a, 20, recycle_count=2)
        self.pool_eu._recycle_batch()
        self.assertEqual(lead.user_id, self.manager)
        self.assertTrue(lead.pool_escalated)
        self.assertEqual(lead.pool_state, "escalated")
        self.assertEqual(lead.recycle_count, 3)
        self.assertEqual(self._events(lead, "escalate").to_user_id, self.manager)
        self.assertEqual(lead.activity_ids.user_id, self.manager)
        with freeze_time(NOW + timedelta(days=60)):
            self.pool_eu._recycle_batch()
            self.assertEqual(lead.user_id, self.manager, "it stopped bouncing")

    def test_over_cap_gives_back_idlest(self):
        leads = [self._held(f"held {i}", self.veteran, idle_days=i) for i in range(1, 6)]
        processed, remaining = self.pool_eu._give_back_batch()
        self.assertEqual((processed, remaining), (2, 0))
        returned = (
            self.env["crm.lead"]
            .browse([lead.id for lead in leads])
            .filtered(lambda lead: not lead.user_id)
        )
        self.assertEqual(returned.mapped("name"), ["held 4", "held 5"])
        self.assertEqual(set(self._events(returned).mapped("kind")), {"over_cap"})
        self.assertEqual(
            self._events(returned)[0].rule_text,
            "Above the private cap: 5 leads held for a cap of 3",
        )
        self.assertEqual(self.m_vet.pool_cap_display, "3 / 3")

    def test_cron_killed_mid_way_then_rerun(self):
        leads = self.env["crm.lead"].browse(
            [self._held(f"idle {i}", self.veteran, 20).id for i in range(5)]
        )
        (self.env["crossborder.lead.pool"].search([]) - self.pool_eu).active = False
        cron = self.env.ref("crossborder_ops_crm.ir_cron_pool_recycle")
        cron.code = "model._cron_recycle(batch_size=2)"
        Pool = self.registry["crossborder.lead.pool"]
        original = Pool._recycle_batch
        calls = []

        def crash_on_second_batch(pool, limit=2000, now=None, report=False):
            result = original(pool, limit=limit, now=now, report=report)
            calls.append(result)
            if len(calls) == 2:
                raise RuntimeError("worker killed")
            return result

        with (
            self.enter_registry_test_mode(),
            patch.object(Pool, "_recycle_batch", crash_on_second_batch),
            self.assertLogs(
                "odoo.addons.crossborder_ops_crm.models.crossborder_lead_pool", "WARNING"
            ) as logs,
        ):
            cron.method_direct_trigger()
        self.assertIn("skipped by a scheduled action: worker killed", logs.output[0])
        self.assertLess(len(leads.filtered(lambda lead: not lead.user_id)), 5)
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        leads.invalidate_recordset()
        self.assertFalse(leads.user_id, "every lead recycled in the end")
        recycles = self._events(leads, "recycle")
        self.assertEqual(sorted(recycles.lead_id.ids), sorted(leads.ids), "exactly once each")
