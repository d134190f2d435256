# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The intake's system fields and the order-critical reply, over the web
client's own JSON-RPC, as the agent."""

from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpc
from .test_marketplace_intake import IntakeData


@tagged("post_install", "-at_install", "crossborder_ops_helpdesk_sale")
class TestIntakeRpc(JsonRpc, IntakeData, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls.Ticket.browse(
            cls.env["mail.thread"].message_process(
                None, (cls._fixtures() / "amazon_buyer_message.eml").read_bytes()
            )
        )
        cls.ticket.user_id = cls.agent
        cls.portal_user = new_test_user(
            cls.env, login="cbo_intake_portal", groups="base.group_portal"
        )

    @classmethod
    def _fixtures(cls):
        from .test_marketplace_intake import FIXTURES

        return FIXTURES

    def test_agent_cannot_forge_what_the_gateway_recorded(self):
        self.authenticate("cbo_sale_agent", "cbo_sale_agent")
        for values in (
            {"buyer_photo_count": 9},
            {"buyer_opted_out": False},
            {"marketplace_reply_to": "someone@example.com"},
        ):
            with self.subTest(values=values):
                result, error = self._call_kw("helpdesk.ticket", "write", [self.ticket.ids, values])
                self.assertIsNone(result)
                self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
        self.assertEqual(self.ticket.buyer_photo_count, 2)
        self.assertEqual(
            self.ticket.marketplace_reply_to, "3k7xyz9q2mnbvcx@marketplace.amazon.co.uk"
        )

    def test_agent_marks_a_reply_order_critical_from_the_chatter(self):
        self.authenticate("cbo_sale_agent", "cbo_sale_agent")
        result, error = self._call_kw(
            "helpdesk.ticket", "write", [self.ticket.ids, {"reply_order_critical": True}]
        )
        self.assertTrue(result, error)
        result, error = self._rpc(
            "/mail/message/post",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": self.ticket.id,
                "post_data": {
                    "body": "Your replacement ships today.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )
        self.assertFalse(error)
        message = self.ticket.message_ids.filtered(lambda m: "replacement ships" in str(m.body))
        self.assertEqual(message.outgoing_email_to, "3k7xyz9q2mnbvcx@marketplace.amazon.co.uk")
        self.assertIn("seller-central@shop.example.com", message.email_from)
        self.assertTrue(message.subject.startswith("[Important] "))
        self.assertFalse(self.ticket.reply_order_critical)

    def test_portal_buyer_sees_none_of_it(self):
        self.ticket.partner_id = self.portal_user.partner_id
        self.authenticate("cbo_intake_portal", "cbo_intake_portal")
        for field in ("marketplace_reply_to", "buyer_photo_count", "reply_order_critical"):
            with self.subTest(field=field):
                result, error = self._call_kw("helpdesk.ticket", "read", [self.ticket.ids, [field]])
                self.assertIsNone(result)
                self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
