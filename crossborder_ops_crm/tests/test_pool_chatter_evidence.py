# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chatter of a pool is evidence: who forgot a deleted lead's name on a
personal-data request, who changed the pool's clocks or its manager, what the
scheduled actions told its manager. A sales manager or a pool manager, who may
write the pool, does not reword, delete, sign as a colleague or back-date what was
written there."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import HttpCase

from .common import PoolCase, PoolRpc

ACCESS = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolChatterEvidence(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = cls._new_sales_manager()
        cls.lead = cls._lead("Pool buyer to forget", cls.de)

    def _as(self, login):
        self.authenticate(login, login)

    def _refused(self, model, method, args, **kwargs):
        result, error = self._call_kw(model, method, args, **kwargs)
        self.assertEqual(error.get("name"), ACCESS, f"{model}.{method}: {result!r}")
        return error

    def _forgotten(self):
        """Nadia claims the lead, the sales manager deletes it, the pool manager
        forgets its name: the pool's message saying so."""
        number = self.lead.id
        self._as("cbo_new_a")
        self.rpc("crm.lead", "action_claim", [number])
        self._as("cbo_sales_mgr")
        self.rpc("crm.lead", "unlink", [number])
        lines = self.env["crossborder.pool.event"].search([("former_lead_number", "=", number)])
        self._as("cbo_pool_mgr")
        self.rpc("crossborder.pool.event", "action_forget_former_lead", lines.ids)
        said = self.pool_eu.message_ids.filtered(lambda m: "forgot the name" in (m.body or ""))
        self.assertEqual(said.author_id, self.manager.partner_id)
        return said

    def test_who_forgot_a_lead_stays(self):
        said = self._forgotten()
        for login in ("cbo_sales_mgr", "cbo_pool_mgr"):
            self._as(login)
            with self.subTest(login=login):
                error = self._refused(
                    "mail.message", "write", [said.ids, {"body": "Nothing was forgotten."}]
                )
                self.assertIn("stay as they were written", error["message"])
                self._refused("mail.message", "unlink", [said.ids])
        self.assertTrue(said.exists())
        self.env.invalidate_all()
        self.assertIn("Mia Manager forgot", said.body)

    def test_settings_changes_stay(self):
        self._as("cbo_pool_mgr")
        self.rpc("crossborder.lead.pool", "write", [self.pool_eu.id], {"followup_days": 60})
        changed = self.pool_eu.message_ids.filtered(
            lambda m: m.tracking_value_ids.field_id.name == "followup_days"
        )
        self.assertEqual(changed.author_id, self.manager.partner_id)
        self._as("cbo_sales_mgr")
        self._refused("mail.message", "unlink", [changed.ids])
        self._refused("mail.message", "write", [changed.ids, {"body": "Set by the system."}])
        self.assertTrue(changed.exists())

    def test_posts_are_in_ones_own_name_and_time(self):
        said = self._forgotten()
        self._as("cbo_sales_mgr")
        error = self._refused(
            "crossborder.lead.pool",
            "message_post",
            [self.pool_eu.ids],
            body="I forgot another lead's name too.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.manager.partner_id.id,
        )
        self.assertIn("in your own name", error["message"])
        error = self._refused(
            "crossborder.lead.pool",
            "message_post",
            [self.pool_eu.ids],
            body="Asked by the customer a month ago.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            date=fields.Datetime.to_string(said.date - timedelta(days=30)),
        )
        self.assertIn("not set by hand", error["message"])
        # in his own name, now, he writes; and corrects his own note
        own, error = self._call_kw(
            "crossborder.lead.pool",
            "message_post",
            [self.pool_eu.ids],
            body="The customer asked on the phone",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertFalse(error)
        own = own[0] if isinstance(own, list) else own
        result, error = self._call_kw(
            "mail.message", "write", [[own], {"body": "The customer asked by e-mail"}]
        )
        self.assertIs(result, True, error)
        self.env.invalidate_all()
        self.assertFalse(
            self.pool_eu.message_ids.filtered(
                lambda m: "too." in (m.body or "") or "a month ago" in (m.body or "")
            )
        )
