# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Side doors through Odoo's own hiring and survey features, played from outside
(JSON-RPC of the web client) on the records of a skill test: the applicant's key
to his test read in the outgoing e-mail, the sealed test sent through the plain
survey invitation (no deadline, a second answer sheet), and the survey's settings
that make it timed and one-attempt loosened by hand."""

from odoo.tests import HttpCase, tagged

from .common import HiringCase, JsonRpc

USER_ERROR = "odoo.exceptions.UserError"


@tagged("post_install", "-at_install", "crossborder_ops")
class TestStockHiringDoors(JsonRpc, HiringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ana = cls._applicant("Ana Invited")
        cls.kemal = cls._applicant("Kemal Uninvited")
        cls.survey = cls.test.survey_id

    def test_the_invitation_email_gives_no_key_to_the_test(self):
        """The e-mail that carries the applicant's personal link is his: an
        interviewer of the position, who reads the test's invitation and its
        messages, does not find the link (his key to take the test in the
        applicant's place) among them."""
        invitation = self._send(self.ana)
        token = invitation.user_input_id.sudo().access_token
        mail = self.env["mail.mail"].sudo().search([("body_html", "ilike", token)])
        self.assertEqual(len(mail), 1, "the applicant gets his link")
        self.env.flush_all()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        rows, error = self._call_kw(
            "crossborder.skill.test.invitation", "read", [invitation.ids, ["state"]]
        )
        self.assertFalse(error, "she reads the test she will grade")
        for domain in (
            [("model", "=", invitation._name), ("res_id", "=", invitation.id)],
            [("body", "ilike", token)],
        ):
            with self.subTest(domain=domain):
                rows, error = self._call_kw(
                    "mail.message", "search_read", [domain], fields=["body"]
                )
                self.assertFalse(error)
                self.assertNotIn(token, str(rows))
        rows, error = self._call_kw("mail.message", "read", [mail.mail_message_id.ids, ["body"]])
        self.assertNotIn(token, str(rows))
