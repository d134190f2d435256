# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An e-mail a program wrote (the customer's out-of-office answering the "ticket
closed" e-mail, an auto-responder, a marketplace's automatic acknowledgement) is
kept in the ticket's chatter, but neither reopens the ticket, nor counts a
reopening against who closed it, nor starts a buyer's response clock. Played from
outside: the mail gateway for the e-mails, JSON-RPC for the agent and the portal
customer."""

from datetime import timedelta

from odoo import fields
from odoo.tests import BaseCase, new_test_user, tagged

from ..monitor.auto_reply import auto_reply_headers, auto_reply_subject, is_automatic
from .common import MonitorHttpCase
from .test_buyer_message_sla import BuyerMessageData

REPLY_MAIL = """From: {sender}
To: support@example.com
Subject: {subject}
Message-ID: <{key}@example.com>
{references}Date: {date}
{extra}Content-Type: text/plain; charset="utf-8"

{body}
"""

OUT_OF_OFFICE = "I am out of the office until Monday and will read your message then."
AUTOMATIC = {
    "Auto-Submitted": "Auto-Submitted: auto-replied\n",
    "Auto-Submitted with parameters": "Auto-Submitted: auto-generated; owner-email=x@example.com\n",
    "X-Autoreply": "X-Autoreply: yes\n",
    "X-Autorespond": "X-Autorespond: vacation\n",
    "Precedence bulk": "Precedence: bulk\n",
    "Precedence auto_reply": "Precedence: auto_reply\n",
    "X-Auto-Response-Suppress": "X-Auto-Response-Suppress: All\n",
}
PERSON = {
    "no header": "",
    "Auto-Submitted: no": "Auto-Submitted: no\n",
    "Precedence: first-class": "Precedence: first-class\n",
}


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestAutoReplyHeaders(BaseCase):
    def test_the_headers_that_mark_a_program(self):
        self.assertEqual(
            auto_reply_headers({"Auto-Submitted": "auto-replied"}), ("auto-submitted",)
        )
        self.assertEqual(auto_reply_headers([("AUTO-SUBMITTED", " No ")]), ())
        self.assertEqual(auto_reply_headers({"Precedence": "List"}), ("precedence",))
        self.assertEqual(auto_reply_headers({"Precedence": "first-class"}), ())
        self.assertEqual(auto_reply_headers({"X-Auto-Response-Suppress": "None"}), ())
        self.assertEqual(
            auto_reply_headers(
                [
                    ("Precedence", "junk"),
                    ("X-Autorespond", "1"),
                    ("Auto-Submitted", "auto-notified"),
                ]
            ),
            ("auto-submitted", "x-autorespond", "precedence"),
        )
        self.assertFalse(is_automatic({"Subject": "Out of office", "From": "a@example.com"}))


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestAutoReplySubject(BaseCase):
    def test_the_subjects_that_mark_a_program(self):
        prefixes = ["Automatic reply:", "自动回复:", "Réponse automatique :", "Auto:"]
        for subject, found in (
            ("Automatic reply: Re: Lamp plug", "Automatic reply:"),
            ("AUTOMATIC  REPLY: Re: Lamp plug", "Automatic reply:"),
            ("自动回复：Re: 灯的插头", "自动回复:"),
            ("Réponse automatique: Re: Lampe", "Réponse automatique :"),
            ("Auto: Re: order 1234", "Auto:"),
            ("Re: Automatic reply: Re: Lamp plug", None),
            ("Automobile parts missing", None),
            ("Re: Lamp plug", None),
            ("", None),
            (False, None),
        ):
            with self.subTest(subject=subject):
                self.assertEqual(auto_reply_subject(subject, prefixes), found)
        self.assertIsNone(auto_reply_subject("Automatic reply: x", []))


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestAutoReplies(BuyerMessageData, MonitorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent.email = "ada.agent@example.com"
        cls.customer = cls.env["res.partner"].create(
            {"name": "Oliver Bennett", "email": "oliver.bennett@example.com"}
        )
        cls.comment = {"message_type": "comment", "subtype_xmlid": "mail.mt_comment"}
        cls.kept_aside = cls.env.ref("crossborder_ops_helpdesk.mt_ticket_auto_reply")

    def _ok(self, model, method, args, **kwargs):
        result, error = self._call_kw(model, method, args, **kwargs)
        self.assertFalse(error, error)
        return result

    def test_a_subject_of_peoples_replies_is_refused(self):
        """The help desk manager listed 'Re:' as an automatic reply's subject:
        every customer's answer was kept aside and started no clock (outside
        audit 66)."""
        self.authenticate("cbo_cs_manager", "cbo_cs_manager")
        Subject = "crossborder.auto.reply.subject"
        # and whatever follows a reply's beginning, in any width, in the customers'
        # languages and their mail programs' (outside audit 67)
        for name in (
            "Re:", "RE", "Fwd:", "AW:", "回复：", "R", "Re: Contact", "Ｒｅ:", "Re[2]:", "I:",
            "Cvp:", "RES:", "ENC:", "Rép :", "回复: 您的",
        ):  # fmt: skip
            with self.subTest(name=name):
                _result, error = self._call_kw(Subject, "create", [{"name": name}])
                self.assertIn("people write themselves", error.get("message", ""))
        shipped = self.env.ref("crossborder_ops_helpdesk.auto_reply_subject_automatic_reply")
        _result, error = self._call_kw(Subject, "write", [shipped.ids, {"name": "Re"}])
        self.assertIn("people write themselves", error.get("message", ""))
        self.assertEqual(self.env[Subject].search_count([("name", "in", ["Re:", "RE", "R"])]), 0)
        # and the forwards of the Nordic, Dutch, Greek, Korean and Russian mail
        # programs, numbered replies, and the words customers' own subjects
        # begin with (outside audit 68)
        for name in (
            "VB:", "Doorst:", "ΑΠ:", "회신:", "Пересл:", "Továbbítás:", "Re(2):", "Re^2:",
            "Wg.:", "Order", "Where is", "Meine",
            # beginnings without a colon, more languages' replies and customers'
            # own colons (outside audit 69)
            "Inquiry from Amazon customer", "Hi", "Urgent", "Paket", "包裹", "Re -", "Re.",
            "Odg:", "TL:", "Atb:", "رد:", "Urgent:", "Question:", "Commande :",
            "Refund:", "Stornierung:", "CT:",
        ):  # fmt: skip
            with self.subTest(name=name):
                _result, error = self._call_kw(Subject, "create", [{"name": name}])
                self.assertIn("people write themselves", error.get("message", ""))
        self._ok(Subject, "create", [{"name": "Vacation reply:"}])

    def _closed_ticket(self, name, partner=None, **values):
        """A ticket the agent answered and closed, from his session."""
        ticket = self._ticket(
            name=name,
            category_id=self.cat_pre.id,
            user_id=self.agent.id,
            partner_id=(partner or self.customer).id,
            created=fields.Datetime.now() - timedelta(hours=5),
            **values,
        )
        self.authenticate(self.agent.login, self.agent.login)
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="We sent you an adapter today.",
            partner_ids=ticket.partner_id.ids,
            **self.comment,
        )
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"stage_id": self.stage_done.id}])
        ticket.invalidate_recordset()
        self.assertTrue(ticket.closed)
        self.assertEqual((ticket.closed_by_id, ticket.reopen_count), (self.agent, 0))
        return ticket

    def _mail(self, ticket, key, body, extra="", sender=None, new_values=None, subject=None):
        """An e-mail to ``ticket`` through the mail gateway: a reply to the last
        message its customer got, if any."""
        last = ticket.sudo().message_ids.filtered(
            lambda m: m.message_id and not m.is_internal and not m.subtype_id.internal
        )[:1]
        references = (
            f"References: {last.message_id}\nIn-Reply-To: {last.message_id}\n" if last else ""
        )
        partner = ticket.partner_id
        result = self.env["mail.thread"].message_process(
            "helpdesk.ticket",
            REPLY_MAIL.format(
                sender=sender or f"{partner.name} <{partner.email}>",
                subject=subject or f"Re: {ticket.name}",
                key=key,
                references=references,
                date=fields.Datetime.now().strftime("%a, %d %b %Y %H:%M:%S +0000"),
                extra=extra,
                body=body,
            ),
            thread_id=ticket.id or None,
            custom_values=None if ticket else {"team_id": self.team.id, **(new_values or {})},
        )
        self.env.invalidate_all()
        return result

    def _message(self, ticket, key):
        return ticket.sudo().message_ids.filtered(lambda m: m.message_id == f"<{key}@example.com>")

    def _notes(self, ticket):
        return ticket.sudo().message_ids.filtered(lambda m: m.subtype_id == self.kept_aside)

    def test_out_of_office_keeps_the_closed_ticket_closed(self):
        """The customer's out-of-office answers the e-mail that closed his ticket: it
        reopened the ticket and counted a reopening against the agent who closed
        it. It is kept in the chatter as a note; the ticket stays closed, one note
        says why (not one per automatic reply); the customer's own e-mail then
        reopens it as before."""
        ticket = self._closed_ticket("Lamp plug does not fit")
        self._mail(ticket, "cbo-ooo-1", OUT_OF_OFFICE, AUTOMATIC["Auto-Submitted"])
        self.assertTrue(ticket.closed, "an out-of-office does not reopen the ticket")
        self.assertEqual((ticket.reopen_count, ticket.customer_came_back), (0, False))
        kept = self._message(ticket, "cbo-ooo-1")
        self.assertEqual(len(kept), 1, "the automatic reply is in the chatter")
        self.assertIn("out of the office", kept.body)
        self.assertEqual(kept.author_id, self.customer)
        self.assertTrue(kept.is_internal or kept.subtype_id.internal, "kept as a note")
        self.assertEqual(len(self._notes(ticket)), 1, "the chatter says why it stays closed")
        self._mail(ticket, "cbo-ooo-2", OUT_OF_OFFICE, AUTOMATIC["X-Autoreply"])
        self.assertTrue(ticket.closed)
        self.assertEqual(ticket.reopen_count, 0)
        self.assertEqual(len(self._notes(ticket)), 1, "said once, not at every automatic reply")
        # the customer himself writes: reopened, counted for who closed it
        self._mail(ticket, "cbo-back-1", "Back home: the plug still does not fit!")
        self.assertFalse(ticket.closed, "the customer's own e-mail reopens it")
        self.assertEqual((ticket.reopen_count, ticket.closed_by_id), (1, self.agent))
        self.assertFalse(self._message(ticket, "cbo-back-1").is_internal)

    def test_every_automatic_header_and_only_them(self):
        for index, (label, extra) in enumerate(AUTOMATIC.items()):
            with self.subTest(header=label):
                ticket = self._closed_ticket(f"Scarf colour ({label})")
                self._mail(ticket, f"cbo-auto-{index}", OUT_OF_OFFICE, extra)
                self.assertTrue(ticket.closed)
                self.assertEqual(ticket.reopen_count, 0)
        for index, (label, extra) in enumerate(PERSON.items()):
            with self.subTest(header=label):
                ticket = self._closed_ticket(f"Scarf colour ({label})")
                self._mail(ticket, f"cbo-person-{index}", "Wrong colour!", extra)
                self.assertFalse(ticket.closed, "a person's e-mail reopens it")
                self.assertEqual(ticket.reopen_count, 1)
                self.assertFalse(self._notes(ticket))

    def test_automatic_reply_known_by_its_subject(self):
        """A webmail vacation answer with none of the headers, only a subject of its
        own ("Automatic reply: ...", "自动回复：..."), reopened the closed ticket. The
        subjects are a list the help desk manager keeps: what he adds counts at the
        next e-mail; an agent does not change it."""
        for index, subject in enumerate(
            (
                "Automatic reply: Re: {}",
                "自动回复：Re: {}",
                "Out of Office: Re: {}",
                "Otomatik yanıt: Re: {}",
                "Abwesenheitsnotiz: AW: {}",
            )
        ):
            with self.subTest(subject=subject):
                ticket = self._closed_ticket(f"Vase broken ({index})")
                self._mail(
                    ticket, f"cbo-subj-{index}", OUT_OF_OFFICE, subject=subject.format(ticket.name)
                )
                self.assertTrue(ticket.closed, "kept closed")
                self.assertEqual(ticket.reopen_count, 0)
                self.assertIn("Subject", self._notes(ticket).body)
        spanish = "Fuera de la oficina: Re: {}"
        before = self._closed_ticket("Vase broken (es, before)")
        self._mail(before, "cbo-subj-es-1", OUT_OF_OFFICE, subject=spanish.format(before.name))
        self.assertFalse(before.closed, "not on the list yet")
        self.authenticate(self.agent.login, self.agent.login)
        result, error = self._call_kw(
            "crossborder.auto.reply.subject", "create", [{"name": "Fuera de la oficina:"}]
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError", result)
        self.authenticate(self.cs_manager.login, self.cs_manager.login)
        self._ok("crossborder.auto.reply.subject", "create", [{"name": "Fuera de la oficina:"}])
        after = self._closed_ticket("Vase broken (es, after)")
        self._mail(after, "cbo-subj-es-2", OUT_OF_OFFICE, subject=spanish.format(after.name))
        self.assertTrue(after.closed, "on the list: kept closed")
        # the customer's own answer about it still reopens
        self._mail(after, "cbo-subj-es-3", "Re-sent: still broken", subject=f"Re: {after.name}")
        self.assertFalse(after.closed)
        # his thanks too (what he writes is his message, whatever it says)
        thanked = self._closed_ticket("Vase broken (thanks)")
        self._mail(thanked, "cbo-subj-thanks", "Thanks!", subject=f"Re: {thanked.name}")
        self.assertEqual((thanked.closed, thanked.reopen_count), (False, 1))
        # "Auto:" is shipped archived ("Auto" is a car in German): the manager turns
        # it on, and it counts at the next e-mail
        auto = "Auto: Re: {}"
        before = self._closed_ticket("Vase broken (auto, before)")
        self._mail(before, "cbo-subj-auto-1", OUT_OF_OFFICE, subject=auto.format(before.name))
        self.assertFalse(before.closed, "archived: not read")
        shipped = self.env.ref("crossborder_ops_helpdesk.auto_reply_subject_auto")
        self.authenticate(self.cs_manager.login, self.cs_manager.login)
        self._ok("crossborder.auto.reply.subject", "write", [shipped.ids, {"active": True}])
        after = self._closed_ticket("Vase broken (auto, after)")
        self._mail(after, "cbo-subj-auto-2", OUT_OF_OFFICE, subject=auto.format(after.name))
        self.assertTrue(after.closed, "turned on: kept closed")

    def test_team_keeping_tickets_closed_counts_no_coming_back(self):
        self.team.reopen_on_customer_reply = False
        ticket = self._closed_ticket("Lamp plug does not fit")
        self._mail(ticket, "cbo-ooo-3", OUT_OF_OFFICE, AUTOMATIC["Precedence auto_reply"])
        self.assertEqual((ticket.reopen_count, ticket.customer_came_back), (0, False))
        self._mail(ticket, "cbo-back-3", "It still does not work!")
        self.assertEqual((ticket.reopen_count, ticket.customer_came_back), (1, True))

    def test_automatic_reply_starts_no_clock(self):
        """The buyer's message waits for an answer; his auto-responder's
        acknowledgement of our e-mail started a second clock that turned late."""
        ticket = self._marketplace_ticket()
        self._mail(ticket, "cbo-buyer-1", "Where is my parcel?")
        clock = ticket.buyer_message_ids
        self.assertEqual((len(clock), clock.state), (1, "waiting"), "the buyer's message waits")
        self._mail(ticket, "cbo-ack-1", "We received your e-mail.", AUTOMATIC["Auto-Submitted"])
        self.assertEqual(ticket.buyer_message_ids, clock, "no clock for the automatic reply")
        self.assertEqual(clock.state, "waiting", "the buyer's message still waits")
        self.assertEqual(len(self._message(ticket, "cbo-ack-1")), 1, "in the chatter")
        self.assertFalse(self._notes(ticket), "an open ticket gets no note")
        # a ticket opened by an automatic e-mail waits for no answer either
        new_id = self._mail(
            self.env["helpdesk.ticket"],
            "cbo-ack-2",
            "Thank you for your e-mail. This is an automatic reply.",
            AUTOMATIC["X-Autorespond"],
            sender=f"{self.buyer.name} <{self.buyer.email}>",
            new_values={"channel_id": self.amazon.id},
        )
        if "marketplace_reply_to" in self.env["helpdesk.ticket"]._fields:
            # where the marketplace intake reads the mail (its sales addon), an
            # automatic e-mail opens no ticket at all, however it comes in
            self.assertFalse(new_id, "no ticket for an automatic reply")
            return
        new = self.env["helpdesk.ticket"].browse(new_id)
        self.assertEqual(new.channel_id, self.amazon)
        self.assertEqual(len(self._message(new, "cbo-ack-2")), 1)
        self.assertFalse(new.buyer_message_ids, "no clock for an automatic reply")

    def test_customer_cannot_claim_his_message_automatic(self):
        """Whatever a client sends with its message (headers, context, arguments),
        only the mail gateway reads an e-mail's headers: the portal customer's
        message reopens his closed ticket and waits for an answer."""
        buyer = new_test_user(
            self.env,
            login="cbo_auto_buyer",
            email="cbo.buyer@example.com",
            groups="base.group_portal",
        )
        ticket = self._closed_ticket(
            "Parcel never arrived", partner=buyer.partner_id, channel_id=self.amazon.id
        )
        claims = {"cbo_auto_reply_headers": ["auto-submitted"], "is_automatic": True}
        self.authenticate(buyer.login, buyer.login)
        result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="Where is my parcel?",
            context=dict(claims, mail_auto_submitted=True),
            mail_headers={"Auto-Submitted": "auto-replied", "Precedence": "bulk"},
            **claims,
            **self.comment,
        )
        if error:  # refused: nothing posted, nothing skipped
            self.assertFalse(
                ticket.sudo().message_ids.filtered(lambda m: m.author_id == buyer.partner_id)
            )
            result = self._ok(
                "helpdesk.ticket",
                "message_post",
                [ticket.ids],
                body="Where is my parcel?",
                context=claims,
                **self.comment,
            )
        self.env.invalidate_all()
        self.assertTrue(result)
        self.assertFalse(ticket.closed, "his message reopens his ticket")
        self.assertEqual(ticket.reopen_count, 1)
        self.assertEqual(len(ticket.sudo().buyer_message_ids), 1, "and waits for an answer")
        self.assertFalse(self._notes(ticket))
