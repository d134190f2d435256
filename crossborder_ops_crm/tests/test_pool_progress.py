# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import HttpCase

from ..models.crm_lead import POOL_MOVE
from .common import EMAIL, NOW, PoolCase, PoolRpc

REPLY = """From: {sender}
To: sales@crossborder-ops.example
Subject: Re: {subject}
Message-ID: <{reference}.reply@mailbox.example>
In-Reply-To: {parent}
References: {parent}
Content-Type: text/plain; charset=utf-8

Please send the price list.
"""


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolProgress(PoolCase):
    """What resets the follow-up clock, and what does not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        stages = cls.env["crm.stage"].search(
            [("is_won", "=", False)], order="sequence, id", limit=3
        )
        cls.first_stage, cls.second_stage, cls.third_stage = stages
        cls.lead = cls._lead(
            "Antwerp importer", cls.de, user=cls.new_a, stage_id=cls.second_stage.id
        )
        cls.before = NOW - timedelta(days=10)
        cls.lead.with_context(**{POOL_MOVE: True}).write({"last_progress_date": cls.before})

    def test_only_a_stage_never_reached_counts(self):
        self.lead.stage_id = self.first_stage
        self.assertEqual(self.lead.last_progress_date, self.before, "backward")
        with freeze_time(NOW):
            self.lead.stage_id = self.second_stage
            self.assertEqual(
                self.lead.last_progress_date, self.before, "back and forth is not progress"
            )
            self.lead.stage_id = self.third_stage
            self.assertEqual(self.lead.last_progress_date, NOW, "a stage never reached before")

    def test_note_and_scheduled_activity_do_not_count(self):
        self.lead.with_user(self.new_a).message_post(
            body="called, no answer", message_type="comment"
        )
        self.lead.with_user(self.new_a).activity_schedule("mail.mail_activity_data_call")
        self.assertEqual(self.lead.last_progress_date, self.before)

    def _created_at(self, activity, when):
        self.env.cr.execute(
            "UPDATE mail_activity SET create_date = %s WHERE id = %s", (when, activity.id)
        )
        activity.invalidate_recordset(["create_date"])

    def test_completed_call_counts_unless_logged_at_once(self):
        call = self.lead.with_user(self.new_a).activity_schedule("mail.mail_activity_data_call")
        self._created_at(call, NOW - timedelta(hours=5))
        instant = self.lead.with_user(self.new_a).activity_schedule("mail.mail_activity_data_call")
        self._created_at(instant, NOW + timedelta(minutes=50))
        todo = self.lead.with_user(self.new_a).activity_schedule("mail.mail_activity_data_todo")
        self._created_at(todo, NOW - timedelta(hours=5))
        with freeze_time(NOW + timedelta(hours=1)):
            instant.with_user(self.new_a).action_done()
            self.assertEqual(self.lead.last_progress_date, self.before, "logged and done at once")
            todo.with_user(self.new_a).action_done()
            self.assertEqual(self.lead.last_progress_date, self.before, "not a qualifying type")
            call.with_user(self.new_a).action_done()
            self.assertEqual(self.lead.last_progress_date, NOW + timedelta(hours=1))

    def test_customer_email_counts(self):
        customer = self.env["res.partner"].create({"name": "Buyer", "email": "buyer@example.com"})
        self.lead.partner_id = customer
        self.assertEqual(self.lead.last_progress_date, self.before)
        with freeze_time(NOW):
            self.lead.message_post(
                body="Please send the price list", message_type="email", author_id=customer.id
            )
            self.assertEqual(self.lead.last_progress_date, NOW)

    def test_own_email_does_not_count(self):
        self.lead.with_user(self.new_a).message_post(body="Following up", message_type="email")
        self.assertEqual(self.lead.last_progress_date, self.before)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolProgressByMail(PoolRpc, PoolCase, HttpCase):
    """Replies that Odoo's mail gateway brings in: only the customer's restart
    the follow-up clock its salesperson sees, not one she answered herself from
    a private mailbox or had anyone else send."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        company = Partner.create({"name": "Kunde GmbH", "is_company": True})
        cls.customer = Partner.create(
            {"name": "Anna Schmidt", "email": EMAIL, "parent_id": company.id}
        )
        cls.colleague = Partner.create(
            {"name": "Bernd Schmidt", "email": "bernd@kunde-gmbh.example", "parent_id": company.id}
        )
        cls.lead = cls._lead("Kunde GmbH", cls.de, user=cls.new_a, partner_id=cls.customer.id)
        cls.walk_in = cls._lead(
            "Walk-in buyer", cls.de, user=cls.new_a, email_from="Otto <otto@walk-in.example>"
        )
        cls.before = NOW - timedelta(days=10)
        (cls.lead | cls.walk_in).with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": cls.before}
        )

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    def _reply(self, lead, sender):
        """``sender`` answers Nadia's e-mail on the lead; the gateway receives
        it, as it does, as OdooBot. The lead's clock as Nadia reads it."""
        [sent] = self.rpc(
            "crm.lead",
            "message_post",
            [lead.id],
            body="Our catalogue",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        parent = self.env["mail.message"].browse(sent).message_id
        raw = REPLY.format(
            sender=sender, subject=lead.name, reference=f"{lead.id}.{sent}", parent=parent
        )
        thread = self.env["mail.thread"].message_process("crm.lead", raw)
        self.assertEqual(thread, lead.id, "the reply reached the lead")
        lead.invalidate_recordset(["message_ids"])
        self.assertIn("price list", lead.message_ids[:1].body)
        [values] = self.rpc("crm.lead", "read", [lead.id], ["last_progress_date"])
        return values["last_progress_date"]

    def test_her_private_mailbox_filed_as_the_customer_does_not_count(self):
        """Her private mailbox as the lead's e-mail address, as the lead's
        contact, or as a contact of the customer's company: its e-mails are
        hers, not the customer's."""
        before = fields.Datetime.to_string(self.before)
        private = "Nadia <nadia.private@mailbox.example>"
        self.rpc("crm.lead", "write", [self.walk_in.id], {"email_from": private})
        self.assertEqual(self._reply(self.walk_in, private), before, "the lead's address")
        lead = self._lead("Kunde GmbH: pumps", self.de, user=self.new_a)
        lead.with_context(**{POOL_MOVE: True}).write({"last_progress_date": self.before})
        filed = self.rpc(
            "res.partner", "create", {"name": "Kunde (Hans)", "email": "hans@mailbox.example"}
        )
        self.rpc("crm.lead", "write", [lead.id], {"partner_id": filed})
        self.assertEqual(self._reply(lead, "Hans <hans@mailbox.example>"), before, "contact")
        self.rpc(
            "res.partner",
            "create",
            {
                "name": "Assistant",
                "email": "assistant@mailbox.example",
                "parent_id": self.customer.parent_id.id,
            },
        )
        sender = "Assistant <assistant@mailbox.example>"
        self.assertEqual(self._reply(self.lead, sender), before, "of the company")
        # the gateway resets a bouncing address's counter as the system: the
        # contact was then last written by OdooBot, the address still hers
        self.rpc(
            "res.partner",
            "write",
            [self.colleague.id],
            {"email": "b@mailbox.example", "message_bounce": 1},
        )
        sender = "Bernd <b@mailbox.example>"
        self.assertEqual(self._reply(self.lead, sender), before, "an address she changed")
        self.assertFalse(any((self.lead | self.walk_in | lead).mapped("pool_customer_wrote")))

    def test_only_the_customers_reply_counts(self):
        before = fields.Datetime.to_string(self.before)
        # her private mailbox, a contact she made of it
        self.rpc(
            "res.partner",
            "create",
            {"name": "Nadia (private)", "email": "nadia.private@mailbox.example"},
        )
        for sender in (
            "Nadia <nadia.private@mailbox.example>",
            "A friend <friend@elsewhere.example>",
            "Anna <anna.schmidt@other-gmbh.example>",
        ):
            with self.subTest(sender=sender):
                self.assertEqual(self._reply(self.lead, sender), before, "not the customer")
                self.assertEqual(self._reply(self.walk_in, sender), before, "not the customer")
        now = fields.Datetime.to_string(NOW)
        self.assertEqual(
            self._reply(self.lead, "Bernd Schmidt <bernd@kunde-gmbh.example>"),
            now,
            "a colleague of the customer's company writes for it",
        )
        self.assertEqual(
            self._reply(self.walk_in, "Otto <OTTO@walk-in.example>"),
            now,
            "a lead without a contact: its e-mail address",
        )
