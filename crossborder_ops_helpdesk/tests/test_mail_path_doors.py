# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer service's mail paths played from outside by an agent (outside audit
59): an empty-looking answer, an e-mail from the ticket list to a colleague, a
sender's or reply-to address of his choosing, and the channel switched away
while the buyer writes."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import MonitorHttpCase
from .test_buyer_message_sla import BuyerMessageData


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestMailPathDoors(BuyerMessageData, MonitorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = new_test_user(
            cls.env,
            login="cbo_agent_cy",
            name="Cy Colleague",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.ticket = cls._marketplace_ticket()
        with freeze_time(datetime.now() - timedelta(hours=1)):
            cls.ticket.sudo().message_post(  # as the mail gateway brings it in
                body="Where is my parcel?",
                author_id=cls.buyer.id,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
            )
        cls.clock = cls.ticket.buyer_message_ids

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_agent", "cbo_agent")

    def _post(self, body, **kwargs):
        """message_post over RPC, as a program would (plain text)."""
        return self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.ticket.ids],
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.buyer.ids,
            **kwargs,
        )

    def _chatter(self, html):
        """A reply from the ticket's chatter (its HTML as the editor sends it)."""
        return self._rpc(
            "/mail/message/post",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": self.ticket.id,
                "post_data": {
                    "body": html,
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "partner_ids": self.buyer.ids,
                },
            },
        )

    def _mass_mail(self, partners, **values):
        composer, error = self._call_kw(
            "mail.compose.message",
            "create",
            [
                {
                    "composition_mode": "mass_mail",
                    "model": "helpdesk.ticket",
                    "res_ids": str(self.ticket.ids),
                    "subject": "Your parcel",
                    "body": "<p>Your parcel left our warehouse today.</p>",
                    "partner_ids": [(6, 0, partners.ids)],
                    **values,
                }
            ],
        )
        self.assertFalse(error, error.get("message"))
        return self._call_kw("mail.compose.message", "action_send_mail", [[composer]])

    def assertUnanswered(self):
        self.env.invalidate_all()
        self.assertEqual(self.clock.state, "waiting")
        self.assertFalse(self.ticket.sudo().first_response_date)

    def test_a_link_or_a_picture_alone_answers_nobody(self):
        """Jonas answered with a "." inside a link, an empty link, a picture: the
        buyer got an empty e-mail, and the clock and the first response were met."""
        for body in (
            '<p><a href="https://example.com">.</a></p>',
            '<p><a href="https://x.example"></a></p>',
            '<p><img src="/web/image/res.partner/1/avatar_128"/></p>',
            '<p><a href="https://track.example/1">https://track.example/1</a></p>',
            "<p>\u00b2 \u2460</p>",
            '<p style="display:none">Hello Jane</p><p>.</p>',  # words he does not see
        ):
            with self.subTest(body=body):
                _result, error = self._chatter(body)
                self.assertFalse(error, error.get("message"))
                self.assertUnanswered()
        _result, error = self._chatter(
            '<p>It left today: <a href="https://track.example">track it</a></p>'
        )
        self.env.invalidate_all()
        self.assertEqual(self.clock.state, "met", "words with a link answer him")

    def test_an_email_from_the_list_to_a_colleague_answers_nobody(self):
        """Mei e-mailed a ticket from the list to a colleague only; the buyer, a
        follower, got nothing (mass mode e-mails no follower), yet the ticket's
        first response and the buyer's clock were met."""
        self.ticket.sudo().message_subscribe(partner_ids=self.buyer.ids)
        _result, error = self._mass_mail(self.colleague.partner_id)
        self.assertFalse(error, error.get("message"))
        self.assertUnanswered()
        _result, error = self._mass_mail(self.buyer)
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(self.clock.state, "met", "e-mailed to him, it answers him")

    def test_the_sender_and_the_reply_to_are_the_companys(self):
        """An agent sent as an address no contact has, and set the reply-to of
        his answers elsewhere: the customer's reply would never come back to the
        ticket (no reopening, no clock)."""
        for kwargs, refusal in (
            (
                {
                    "author_id": self.agent.partner_id.id,  # signed as himself, sent as her
                    "email_from": '"Emily C." <emily.c.other@example.com>',
                },
                "in your own name",
            ),
            ({"reply_to": "nobody@void.example"}, "come back to it"),
            ({"reply_to": self.agent.email}, "come back to it"),
        ):
            with self.subTest(kwargs=kwargs):
                _result, error = self._post("We consider this solved.", **kwargs)
                self.assertIn(refusal, error.get("message", ""))
                self.assertUnanswered()
        _result, error = self._mass_mail(
            self.buyer, reply_to="nobody@void.example", reply_to_mode="new"
        )
        self.assertIn("come back to it", error.get("message", ""))
        self.assertUnanswered()
        _result, error = self._post("It left today.", email_from=self.agent.email)
        self.assertFalse(error, error.get("message"))

    def test_the_channel_of_a_clocked_ticket_stays(self):
        """Mei switched an Amazon ticket to Phone and back: the buyer's message
        in between started no clock, and nothing showed the switch."""
        phone = self.env["helpdesk.ticket.channel"].create({"name": "Phone (test)"})
        _result, error = self._call_kw(
            "helpdesk.ticket", "write", [self.ticket.ids, {"channel_id": phone.id}]
        )
        self.assertIn("its channel stays", error.get("message", ""))
        self.assertEqual(self.ticket.channel_id, self.amazon)
        self.authenticate("cbo_cs_manager", "cbo_cs_manager")
        _result, error = self._call_kw(
            "helpdesk.ticket", "write", [self.ticket.ids, {"channel_id": phone.id}]
        )
        self.assertFalse(error, error.get("message"))
        tracked = self.ticket.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "channel_id"
        )
        self.assertEqual(tracked.old_value_char, self.amazon.name, "the correction is on record")
