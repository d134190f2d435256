# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The e-mail a closed ticket sends its customer greets him, not the agent
(helpdesk's own template says "Hello" to the ticket's agent; seen by outside
audit 49)."""

from odoo.tests import tagged

from .common import MonitorHttpCase, load_migration


@tagged("post_install", "-at_install")
class TestClosingMail(MonitorHttpCase):
    def test_the_customer_is_greeted_when_his_ticket_closes(self):
        customer = self.env["res.partner"].create(
            {"name": "Bea Buyer", "email": "bea.buyer@example.com"}
        )
        ticket = self._ticket(
            "Does the scarf come in blue?",
            partner_id=customer.id,
            category_id=self.cat_pre.id,
            user_id=self.agent.id,
        )
        self.authenticate("cbo_agent", "cbo_agent")
        result, error = self._call_kw(
            "helpdesk.ticket", "write", [ticket.ids, {"stage_id": self.stage_done.id}]
        )
        self.assertFalse(error, error)
        self.env.invalidate_all()
        closed = ticket.message_ids.filtered(lambda m: m.subject and "is closed" in m.subject)
        self.assertEqual(len(closed), 1, ticket.message_ids.mapped("subject"))
        self.assertIn("Hello Bea Buyer", closed.body)
        self.assertIn("Does the scarf come in blue?", closed.body)
        self.assertNotIn("Ada Agent", closed.body)
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", closed.id)])
        self.assertEqual(mail.recipient_ids, customer, "e-mailed to him")

    def test_an_installed_database_sends_it_too(self):
        """Upgraded, the closing stages still on helpdesk's template send the
        customer's; a template a manager chose stays."""
        former = self.env.ref("helpdesk_mgmt.closed_ticket_template")
        ours = self.env.ref("crossborder_ops_helpdesk.mail_template_ticket_closed")
        chosen = former.copy({"name": "Our own closing words"})
        b2b = self.env["helpdesk.ticket.stage"].create(
            {"name": "Closed (B2B)", "closed": True, "mail_template_id": chosen.id}
        )
        self.stage_done.mail_template_id = former
        load_migration("19.0.2.25.0").migrate(self.env.cr, "19.0.2.24.0")
        self.env.invalidate_all()
        self.assertEqual(self.stage_done.mail_template_id, ours)
        self.assertEqual(b2b.mail_template_id, chosen)
