# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import new_test_user, tagged

from .common import MonitorHttpCase, weekly_digest_of_own_tickets

TODAY = date(2026, 11, 9)  # the feedback of 2 - 8 November 2026


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestFeedbackStaysInItsCompany(MonitorHttpCase):
    """A helpdesk manager of another company does not receive this company's
    digest, nor anything posted on its feedback later (audit F3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        weekly_digest_of_own_tickets(cls.env)
        chicago = cls.env["res.company"].create({"name": "T-Chicago"})
        cls.bea = new_test_user(
            cls.env,
            login="cbo_bea_chicago",
            name="Bea Chicago",
            groups="helpdesk_mgmt.group_helpdesk_manager",
            company_id=chicago.id,
            company_ids=[(6, 0, chicago.ids)],
            notification_type="email",
        )
        cls.cs_manager.notification_type = "inbox"
        cls._ticket(
            name="Sent the blue one",
            root_cause_id=cls.c_wrong_item.id,
            created=datetime(2026, 11, 4, 9),
        )
        cls.env["crossborder.feedback"]._generate_batch(today=TODAY)
        cls.digest = cls.env["crossborder.feedback"].search(
            [("department_id", "=", False), ("date_to", "=", date(2026, 11, 8))]
        )

    def _inbox(self, login):
        self.authenticate(login, login)
        result, error = self._rpc("/mail/inbox/messages", {})
        self.assertFalse(error)
        feedback_messages = self.digest.message_ids.ids
        return [mid for mid in result["messages"] if mid in feedback_messages], result

    def test_digest_reaches_the_managers_of_its_company_only(self):
        self.assertEqual(self.digest.ticket_count, 1)
        mine, _result = self._inbox("cbo_cs_manager")
        self.assertTrue(mine, "the helpdesk manager of the company gets the digest")

        theirs, result = self._inbox("cbo_bea_chicago")
        self.assertEqual(theirs, [], "another company's manager: nothing in her inbox")
        self.assertNotIn("Wrong item picked", str(result))
        found, error = self._call_kw(
            "mail.message",
            "search_count",
            [[("model", "=", "crossborder.feedback"), ("res_id", "=", self.digest.id)]],
        )
        self.assertEqual((found, error), (0, {}), "nor can she read it as a message")
        self.assertFalse(self._notified(self.bea), "nor is it mailed to her")
        self.assertTrue(self._notified(self.cs_manager))

    def _notified(self, user):
        return (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("res_partner_id", "=", user.partner_id.id),
                    ("mail_message_id", "in", self.digest.message_ids.ids),
                ]
            )
        )

    def test_a_follower_of_another_company_is_not_told(self):
        # made a follower (by someone of both companies, or by the system)
        self.digest.sudo().message_subscribe(partner_ids=self.bea.partner_id.ids)
        self.authenticate("cbo_cs_manager", "cbo_cs_manager")
        _result, error = self._call_kw(
            "crossborder.feedback",
            "message_post",
            [self.digest.ids],
            body="Figures for the board: 1 wrong item, cost 40 USD",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(error)
        theirs, result = self._inbox("cbo_bea_chicago")
        self.assertEqual(theirs, [])
        self.assertNotIn("Figures for the board", str(result))
        self.assertFalse(self._notified(self.bea))
