# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pool's own activities, played from outside over JSON-RPC: the warning
before recycling and the revive to-do go when their reason is gone (they stayed
open after the follow-up and came twice); a warning retyped as a call and ticked
reset the clock; the decide to-do of an escalated lead went to a salesperson
who could not decide, or to an archived manager, or the lead to nobody."""

from datetime import timedelta
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import HttpCase

from ..models.crossborder_pool_mover import POOL_MOVE
from .common import NOW, PoolCase, PoolRpc, RpcRefused


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolReminders(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warning = cls.env.ref("crossborder_ops_crm.mail_activity_type_pool_warning")
        cls.revive = cls.env.ref("crossborder_ops_crm.mail_activity_type_revive")
        cls.decide = cls.env.ref("crossborder_ops_crm.mail_activity_type_escalation")
        cls.call = cls.env.ref("mail.mail_activity_data_call")
        cls.stages = cls.env["crm.stage"].search([("is_won", "=", False)], order="sequence, id")
        cls.admin = cls.env.ref("base.user_admin")

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    def _held(self, name, idle_days, user=None, **values):
        lead = self._lead(name, self.de, user=user or self.new_a, stage_id=self.stages[0].id)
        lead.with_context(**{POOL_MOVE: True}).write(
            {
                "last_progress_date": NOW - timedelta(days=idle_days),
                "date_open": NOW - timedelta(days=idle_days),
                **values,
            }
        )
        return lead

    def _warned(self, name):
        """A lead of Nadia's, idle for 12 days: warned, due back in 2 days."""
        lead = self._held(name, 12)
        self.pool_eu._recycle_batch()
        self.assertEqual(self._open(lead, self.warning).user_id, self.new_a)
        return lead

    def _open(self, lead, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.lead"),
                ("res_id", "=", lead.id),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    # ------------------------------------------------------------------
    # F1: the warning and the revive to-do go with their reason
    # ------------------------------------------------------------------
    def test_follow_up_removes_the_warning_and_it_comes_once(self):
        lead = self._warned("Lyon importer")
        self.rpc("crm.lead", "write", [lead.id], {"stage_id": self.stages[1].id})
        self.assertEqual(lead.last_progress_date, NOW, "real follow-up")
        self.assertFalse(lead.recycle_warned)
        self.assertFalse(self._open(lead, self.warning), "the warning went with its reason")
        # idle again: one warning, not a second one next to a stale first
        lead.with_context(**{POOL_MOVE: True}).last_progress_date = NOW - timedelta(days=12)
        self.pool_eu._recycle_batch()
        self.assertEqual(len(self._open(lead, self.warning)), 1)

    def test_won_lost_key_account_and_protection_remove_the_warning(self):
        self.tier_new.protected_quota = 1
        won, lost, key, protected = (self._warned(f"lead {i}") for i in range(4))
        self.rpc("crm.lead", "action_set_won", [won.id])
        self.rpc("crm.lead", "action_set_lost", [lost.id])
        self.rpc("crm.lead", "write", [key.id], {"pool_key_account": True})
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc(
            "crm.lead",
            "write",
            [protected.id],
            {"protected_until": str(NOW.date() + timedelta(days=90))},
        )
        for lead in (won, lost, key, protected):
            with self.subTest(lead=lead.name):
                self.assertFalse(self._open(lead, self.warning), "no reason left to follow up")
                self.assertFalse(lead.recycle_warned, "warned afresh if a clock runs again")

    def test_winning_a_revived_customer_removes_the_revive_todo(self):
        lead = self._lead("Sleeping customer", self.de)
        lead.flush_recordset()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s",
            [NOW - timedelta(days=40), lead.id],
        )
        lead.invalidate_recordset()
        self.pool_eu._rotate_batch()
        owner = lead.user_id
        self.assertEqual(self._open(lead, self.revive).user_id, owner)
        self.authenticate(owner.login, owner.login)
        self.rpc("crm.lead", "action_set_won", [lead.id])
        self.assertFalse(self._open(lead, self.revive), "revived: nothing left to revive")

    # ------------------------------------------------------------------
    # F2: the pool's warning is no follow-up, whatever its type is made
    # ------------------------------------------------------------------
    def test_ticking_the_warning_is_no_follow_up(self):
        lead = self._warned("Bordeaux wholesaler")
        due = lead.pool_recycle_date
        warning = self._open(lead, self.warning)
        with self.assertRaisesRegex(RpcRefused, "the pool's own activity: it keeps its type"):
            self.rpc("mail.activity", "write", warning.ids, {"activity_type_id": self.call.id})
        self.assertEqual(warning.activity_type_id, self.warning)
        # even where a manager made the warning's type a qualifying one
        self.pool_eu.progress_activity_type_ids |= self.warning
        self.rpc("mail.activity", "action_feedback", warning.ids)
        lead.invalidate_recordset()
        self.assertEqual(lead.last_progress_date, NOW - timedelta(days=12), "no follow-up")
        self.assertEqual(lead.pool_recycle_date, due, "it still goes back on the same day")

    # ------------------------------------------------------------------
    # F3: the escalation reaches someone who can decide, and ends with it
    # ------------------------------------------------------------------
    def _escalated(self, name):
        lead = self._held(name, 20, recycle_count=2)
        self.pool_eu._recycle_batch()
        self.assertTrue(lead.pool_escalated)
        return lead

    def test_escalated_lead_handed_to_a_salesperson_is_hers_to_work(self):
        lead = self._escalated("Bouncing GmbH")
        kept = self._escalated("Bouncing AG")
        self.assertEqual(self._open(lead, self.decide).user_id, self.manager)
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "write", [lead.id], {"user_id": self.new_b.id})
        self.rpc("crm.lead", "write", [kept.id], {"user_id": self.admin.id})
        # given to a salesperson: the manager's decision, nothing left for her to decide
        self.assertEqual((lead.user_id, lead.pool_state), (self.new_b, "private"))
        self.assertFalse(self._open(lead, self.decide), "no decide to-do for anyone")
        self.assertTrue(any("No longer escalated" in m.body for m in lead.message_ids))
        # given to another pool manager: still his to decide, with the to-do
        self.assertTrue(kept.pool_escalated)
        self.assertEqual(self._open(kept, self.decide).user_id, self.admin)
        self.authenticate("cbo_new_b", "cbo_new_b")
        self.rpc("crm.lead", "write", [lead.id], {"stage_id": self.stages[1].id})
        self.assertEqual(lead.stage_id, self.stages[1], "she works it")

    def test_pool_manager_can_decide(self):
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        for user in (self.new_a, self.admin.copy({"login": "cbo_gone", "active": False})):
            with self.subTest(user=user.name):
                with self.assertRaisesRegex(RpcRefused, "cannot be the manager of the pool EU"):
                    self.rpc(
                        "crossborder.lead.pool", "write", self.pool_eu.ids, {"manager_id": user.id}
                    )
        self.assertEqual(self.pool_eu.manager_id, self.manager)

    def test_escalation_of_an_archived_or_missing_manager_reaches_a_decider(self):
        self.manager.active = False  # archived after he was made the pool's manager
        lead = self._escalated("Archived manager's lead")
        decider = lead.user_id
        self.assertTrue(decider.active and decider != self.manager)
        self.assertTrue(self.pool_eu._can_decide(decider))
        self.assertEqual(self._open(lead, self.decide).user_id, decider)
        note = self.pool_eu.message_ids[0]
        self.assertIn(f"went to {decider.name}", note.body)
        self.assertIn("Mia Manager cannot decide on them", note.body)
        self.assertIn(decider.partner_id, note.partner_ids)
        self.pool_eu.manager_id = False
        lead = self._escalated("No manager's lead")
        self.assertEqual(lead.user_id, decider, "not escalated to nobody")
        self.assertEqual(self._open(lead, self.decide).user_id, decider)
        self.assertIn("the pool has no manager", self.pool_eu.message_ids[0].body)

    def test_escalations_of_a_manager_archived_later_reach_whoever_decides_now(self):
        lead = self._escalated("Escalated before he left")
        self.assertEqual(self._open(lead, self.decide).user_id, self.manager)
        self.authenticate("admin", "admin")
        self.rpc("res.users", "action_archive", self.manager.ids)  # he left the company
        self.rpc("crossborder.lead.pool", "action_recycle_now", self.pool_eu.ids)
        lead.invalidate_recordset()
        decider = lead.user_id
        self.assertTrue(decider.active and self.pool_eu._can_decide(decider), decider.name)
        self.assertEqual(lead.pool_state, "escalated", "still a decision to take")
        self.assertEqual(self._open(lead, self.decide).user_id, decider, "his to-do, not Mia's")
        self.assertTrue(any("Handed over from Mia Manager" in m.body for m in lead.message_ids))
        self.assertIn("Mia Manager cannot decide on them", self.pool_eu.message_ids[0].body)
        # the next run finds nothing more to do
        self.rpc("crossborder.lead.pool", "action_recycle_now", self.pool_eu.ids)
        self.assertEqual(self._events(lead, "handover").to_user_id, decider)

    def test_escalations_nobody_can_decide_any_more_go_back_to_the_pool(self):
        lead = self._escalated("Escalated, then nobody")
        self.manager.active = False
        Pool = type(self.pool_eu)
        with patch.object(Pool, "_escalation_decider", lambda pool: pool.env["res.users"]):
            self.pool_eu._recycle_batch()
        self.assertEqual((lead.pool_state, lead.user_id.id), ("pool", False))
        self.assertFalse(self._open(lead, self.decide), "nobody's to-do")
        self.assertTrue(any("No longer escalated" in m.body for m in lead.message_ids))

    def test_without_anyone_to_decide_the_lead_goes_back_to_the_pool(self):
        lead = self._held("Nobody decides", 20, recycle_count=2)
        Pool = type(self.pool_eu)
        with patch.object(Pool, "_escalation_decider", lambda pool: pool.env["res.users"]):
            self.pool_eu._recycle_batch()
        self.assertEqual((lead.pool_state, lead.user_id.id), ("pool", False))
        self.assertFalse(lead.pool_escalated, "claimable, not escalated to nobody")
        self.assertIn(
            "went back to the pool instead of being escalated", self.pool_eu.message_ids[0].body
        )
        self.authenticate("cbo_new_b", "cbo_new_b")  # Nadia is in her cool-down
        self.rpc("crm.lead", "action_claim", [lead.id])
        self.assertEqual(lead.user_id, self.new_b)
