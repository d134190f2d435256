# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A ticket's chatter is evidence (audit F6): the customer's e-mails, the answers
and their dates stay as written, on every path an agent reaches from outside."""

import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import MonitorHttpCase

ACCESS = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestTicketChatterEvidence(MonitorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.trainee = new_test_user(
            env,
            login="cbo_ev_trainee",
            name="Tim Trainee",
            groups="helpdesk_mgmt.group_helpdesk_user_own",
        )
        cls.colleague = new_test_user(
            env,
            login="cbo_ev_mei",
            name="Mei Colleague",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.admin = new_test_user(
            env,
            login="cbo_ev_admin",
            name="Sam Settings",
            groups="base.group_system,helpdesk_mgmt.group_helpdesk_manager",
        )
        cls.team.user_ids |= cls.trainee | cls.colleague
        cls.team.use_sla = True
        cls.buyer = env["res.partner"].create({"name": "Jane Roe", "email": "jane.roe@example.com"})
        cls.ticket = cls._ticket(
            name="Broken adapter",
            partner_id=cls.buyer.id,
            user_id=cls.trainee.id,
            channel_id=env.ref("crossborder_ops_helpdesk.channel_amazon").id,
        )
        cls.ticket.message_subscribe(partner_ids=cls.trainee.partner_id.ids)
        now = fields.Datetime.now()
        with freeze_time(now - timedelta(hours=30)):
            # as the mail gateway posts it
            cls.email = cls.ticket.sudo().message_post(
                body="The adapter sparks when I plug it in.",
                author_id=cls.buyer.id,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
                attachments=[("sparks.jpg", b"photo of the sparks")],
            )
        cls.photo = cls.email.attachment_ids
        with freeze_time(now - timedelta(hours=1)):
            cls.answer = cls.ticket.with_user(cls.trainee).message_post(
                body="Sorry, we send a new one.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=cls.ticket.partner_id.ids,  # sent to the customer: an answer
            )
            cls.note = cls.ticket.with_user(cls.trainee).message_post(
                body="Ask the warehouse", message_type="comment", subtype_xmlid="mail.mt_note"
            )
        cls.clock = cls.ticket.buyer_message_ids

    def _as(self, login):
        self.authenticate(login, login)

    def _refused(self, model, method, args, **kwargs):
        result, error = self._call_kw(model, method, args, **kwargs)
        self.assertEqual(error.get("name"), ACCESS, f"{model}.{method}: {result!r}")
        return error

    def _messages(self):
        self.env.invalidate_all()
        return self.ticket.message_ids

    def test_the_customers_email_stays(self):
        self.assertEqual(self.clock.state, "late", "answered after 29 hours")
        self._as("cbo_ev_trainee")
        for values, reason in (
            ({"body": "Thanks, all fine now"}, "stay as they were written"),
            ({"date": fields.Datetime.to_string(fields.Datetime.now())}, "not set by hand"),
            ({"attachment_ids": [(5, 0, 0)]}, "stay as they were written"),
        ):
            with self.subTest(values=values):
                error = self._refused("mail.message", "write", [self.email.ids, values])
                self.assertIn(reason, error["message"])
        self._refused("mail.message", "unlink", [self.email.ids])
        self._as("cbo_agent")  # a team agent, not the ticket's holder
        self._refused("mail.message", "write", [self.email.ids, {"body": "Thanks"}])
        self._refused("mail.message", "unlink", [self.email.ids])
        self.env.invalidate_all()
        self.assertIn("sparks when I plug", self.email.body)
        self.assertEqual(self.clock.message_id, self.email)
        self.assertEqual(self.clock.state, "late", "the late mark stays")

    def test_answers_and_colleagues_messages_stay(self):
        self._as("cbo_ev_trainee")
        self._refused("mail.message", "write", [self.answer.ids, {"body": "Answered at once"}])
        self._refused("mail.message", "unlink", [self.answer.ids])
        error = self._refused(
            "mail.message",
            "write",
            [self.answer.ids, {"date": fields.Datetime.to_string(self.email.date)}],
        )
        self.assertIn("not set by hand", error["message"])
        self._as("cbo_ev_mei")
        self._refused("mail.message", "write", [self.note.ids, {"body": "Done, nothing to do"}])
        self._refused("mail.message", "unlink", [self.note.ids])
        self.env.invalidate_all()
        self.assertIn("new one", self.answer.body)
        self.assertIn("Ask the warehouse", self.note.body)

    def test_own_note_is_edited_and_deleted_by_its_author(self):
        self._as("cbo_ev_trainee")
        result, error = self._call_kw(
            "mail.message", "write", [self.note.ids, {"body": "Ask the warehouse (Tom)"}]
        )
        self.assertIs(result, True, error)
        result, error = self._call_kw("mail.message", "unlink", [self.note.ids])
        self.assertIs(result, True, error)
        self.assertNotIn(self.note, self._messages())

    def test_posts_are_in_ones_own_name(self):
        self._as("cbo_ev_trainee")
        for author in (self.buyer, self.colleague.partner_id):
            with self.subTest(author=author.name):
                error = self._refused(
                    "helpdesk.ticket",
                    "message_post",
                    [self.ticket.ids],
                    body="Thanks, all fine now",
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    author_id=author.id,
                )
                self.assertIn("in your own name", error["message"])
                self._refused(
                    "mail.message",
                    "create",
                    [
                        {
                            "model": "helpdesk.ticket",
                            "res_id": self.ticket.id,
                            "body": "Thanks, all fine now",
                            "message_type": "comment",
                            "author_id": author.id,
                        }
                    ],
                )
        error = self._refused(
            "helpdesk.ticket",
            "message_post",
            [self.ticket.ids],
            body="Sorry, we send a new one (again)",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            date=fields.Datetime.to_string(self.email.date + timedelta(minutes=5)),
        )
        self.assertIn("not set by hand", error["message"])
        self._refused(
            "mail.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_id": self.ticket.id,
                    "body": "Sorry, we send a new one (again)",
                    "message_type": "comment",
                }
            ],
            context={"default_date": fields.Datetime.to_string(self.email.date)},
        )
        result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.ticket.ids],
            body="Tracking number: 123",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(error)
        posted = self.env["mail.message"].browse(result)
        self.assertEqual(posted.author_id, self.trainee.partner_id)
        others = self._messages().filtered(
            lambda m: "all fine" in (m.body or "") or "again" in (m.body or "")
        )
        self.assertFalse(others, "nothing posted in another name or at another time")

    def test_composer_sends_in_ones_own_name(self):
        self._as("cbo_ev_trainee")
        for mode in ("comment", "mass_mail"):
            for author in (self.buyer, self.colleague.partner_id):
                with self.subTest(mode=mode, author=author.name):
                    composer, error = self._call_kw(
                        "mail.compose.message",
                        "create",
                        [
                            {
                                "model": "helpdesk.ticket",
                                "res_ids": self.ticket.ids,
                                "composition_mode": mode,
                                "subject": "Your adapter",
                                "body": "Thanks, all fine now",
                                "author_id": author.id,
                            }
                        ],
                    )
                    self.assertFalse(error)
                    error = self._refused("mail.compose.message", "action_send_mail", [[composer]])
                    self.assertIn("in your own name", error["message"])
        self.assertFalse(self._messages().filtered(lambda m: "all fine" in (m.body or "")))
        mails = self.env["mail.mail"].sudo().search([("subject", "=", "Your adapter")])
        self.assertFalse(mails, "no e-mail in another's name either")
        composer, error = self._call_kw(
            "mail.compose.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_ids": self.ticket.ids,
                    "composition_mode": "comment",
                    "body": "A new adapter is on its way",
                }
            ],
        )
        result, error = self._call_kw("mail.compose.message", "action_send_mail", [[composer]])
        self.assertFalse(error, "in his own name he sends")
        sent = self._messages().filtered(lambda m: "on its way" in (m.body or ""))
        self.assertEqual(sent.author_id, self.trainee.partner_id)

    def test_chatter_edit_keeps_what_was_sent(self):
        self._as("cbo_ev_trainee")

        def edit(message, body):
            return self._rpc(
                "/mail/message/update_content",
                {
                    "message_id": message.id,
                    "update_data": {"body": body, "attachment_ids": []},
                },
            )

        result, error = edit(self.answer, "Answered at once")
        self.assertIn("stay as they were written", error.get("message", ""))
        result, error = edit(self.note, "Ask the warehouse (Tom)")
        self.assertFalse(error, "his own note he edits")
        self.env.invalidate_all()
        self.assertIn("new one", self.answer.body)
        self.assertIn("(Tom)", self.note.body)
        self._as("cbo_ev_admin")
        result, error = edit(self.answer, "Sorry, we send a new one. [address removed]")
        self.assertFalse(error, "an administrator may clean up")

    def test_the_customers_files_stay(self):
        self._as("cbo_ev_trainee")
        self._refused("ir.attachment", "unlink", [self.photo.ids])
        self._refused(
            "ir.attachment", "write", [self.photo.ids, {"datas": base64.b64encode(b"x").decode()}]
        )
        result, error = self._rpc("/mail/attachment/delete", {"attachment_id": self.photo.id})
        self.assertTrue(error)
        self.env.invalidate_all()
        self.assertTrue(self.photo.exists())
        self.assertEqual(self.email.attachment_ids, self.photo)
        # a file added to the ticket itself, outside any message, is his to remove
        own, error = self._call_kw(
            "ir.attachment",
            "create",
            [
                {
                    "name": "draft.txt",
                    "raw": "draft",
                    "res_model": "helpdesk.ticket",
                    "res_id": self.ticket.id,
                }
            ],
        )
        result, error = self._call_kw("ir.attachment", "unlink", [[own]])
        self.assertIs(result, True, error)

    def test_the_response_clock_outlives_its_message(self):
        self._as("cbo_ev_admin")
        result, error = self._call_kw("mail.message", "unlink", [self.email.ids])
        self.assertIs(result, True, error)
        self.env.invalidate_all()
        self.assertTrue(self.clock.exists(), "the late mark stays in the figures")
        self.assertEqual(
            (self.clock.state, self.clock.ticket_id, bool(self.clock.received_date)),
            ("late", self.ticket, True),
        )

    def test_a_worked_ticket_is_not_deleted_with_its_chatter(self):
        """Deleting the ticket deleted the answers and the customer's e-mail with
        it (mail.thread deletes the chatter in sudo): a helpdesk manager archives a
        ticket somebody answered; spam nobody answered he still deletes."""
        self._as("cbo_cs_manager")
        error = self._refused("helpdesk.ticket", "unlink", [self.ticket.ids])
        self.assertIn("archive it instead", error["message"])
        self.assertEqual(self._messages() & self.answer, self.answer, "the answer stays")
        spam = self._ticket(name="Cheap watches", partner_id=self.buyer.id)
        spam.sudo().message_post(
            body="Buy cheap watches", author_id=self.buyer.id, message_type="email"
        )
        spam.with_user(self.cs_manager).message_post(
            body="Spam", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self._as("cbo_cs_manager")
        result, error = self._call_kw("helpdesk.ticket", "unlink", [spam.ids])
        self.assertFalse(error, error.get("message"))
        self.assertFalse(spam.exists())
        self._as("cbo_ev_admin")
        result, error = self._call_kw("helpdesk.ticket", "unlink", [self.ticket.ids])
        self.assertFalse(error, error.get("message"))

    def test_no_name_and_no_address_of_someone_else(self):
        """A post with no author and the customer's address showed as his e-mail
        ("Thanks, all fine, please close"); so did one with his address only, and a
        notification in his name (audit F1)."""
        self._as("cbo_ev_trainee")
        customer = '"Jane Roe" <jane.roe@example.com>'
        for kwargs in (
            {"author_id": False, "email_from": customer, "message_type": "email"},
            {"email_from": customer, "message_type": "comment"},
        ):
            with self.subTest(kwargs=kwargs):
                error = self._refused(
                    "helpdesk.ticket", "message_post", [self.ticket.ids], body="All fine", **kwargs
                )
                self.assertIn("in your own name", error["message"])
        self._refused(
            "helpdesk.ticket",
            "message_notify",
            [self.ticket.ids],
            body="All fine",
            author_id=self.buyer.id,
            partner_ids=self.trainee.partner_id.ids,
        )
        self._refused(
            "mail.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_id": self.ticket.id,
                    "body": "All fine",
                    "author_id": False,
                    "email_from": customer,
                    "message_type": "comment",
                }
            ],
        )
        self.assertFalse(self._messages().filtered(lambda m: "All fine" in (m.body or "")))

    def test_no_changes_recorded_by_hand(self):
        """A message created with tracking lines showed a stage change nobody made,
        or took a real one from another message (audit F2)."""
        stage_field = self.env["ir.model.fields"]._get("helpdesk.ticket", "stage_id")
        self._as("cbo_ev_trainee")
        error = self._refused(
            "mail.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_id": self.ticket.id,
                    "body": "",
                    "message_type": "notification",
                    "tracking_value_ids": [
                        (0, 0, {"field_id": stage_field.id, "old_value_char": "Done"})
                    ],
                }
            ],
        )
        self.assertIn("not by hand", error["message"])
        # the system still records a real change
        result, error = self._call_kw(
            "helpdesk.ticket", "write", [self.ticket.ids, {"stage_id": self.stage_done.id}]
        )
        self.assertFalse(error, error)
        tracked = self._messages().sudo().tracking_value_ids
        self.assertTrue(tracked.filtered(lambda t: t.field_id == stage_field))

    def test_a_note_sent_to_the_customer_stays(self):
        """A note naming the customer is e-mailed to him: its author rewrote and
        deleted it afterwards (audit F6)."""
        self._as("cbo_ev_trainee")
        note, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.ticket.ids],
            body="Your refund is refused.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.buyer.ids,
        )
        self.assertFalse(error, error)
        self._refused("mail.message", "write", [note, {"body": "Checked refund."}])
        self._refused("mail.message", "unlink", [note])

    def test_no_message_moved_onto_the_ticket(self):
        """A settings administrator wrote a message dated before the customer's
        e-mail on a contact and moved it onto the ticket, where it read as an
        earlier answer (audit F9)."""
        self._as("cbo_ev_admin")
        message, error = self._call_kw(
            "res.partner",
            "message_post",
            [self.buyer.ids],
            body="We already answered.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertFalse(error, error)
        self._refused(
            "mail.message",
            "write",
            [message, {"model": "helpdesk.ticket", "res_id": self.ticket.id}],
        )

    def test_scheduled_answers_and_display_fields_stay(self):
        """A colleague deleted an agent's scheduled answer before it went out, and a
        scheduled answer carried the customer's address as sender (audit F4); the
        record name shown for a customer's e-mail and its file's visibility were
        editable (audit F8, F3)."""
        self._as("cbo_ev_trainee")
        scheduled, error = self._call_kw(
            "mail.scheduled.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_id": self.ticket.id,
                    "author_id": self.trainee.partner_id.id,
                    "body": "Your new adapter ships tomorrow.",
                    "scheduled_date": fields.Datetime.to_string(
                        fields.Datetime.now() + timedelta(days=1)
                    ),
                    "partner_ids": [(6, 0, self.buyer.ids)],
                }
            ],
        )
        self.assertFalse(error, error)
        self._refused(
            "mail.scheduled.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_id": self.ticket.id,
                    "author_id": self.trainee.partner_id.id,
                    "body": "All fine, please close.",
                    "scheduled_date": fields.Datetime.to_string(
                        fields.Datetime.now() + timedelta(days=1)
                    ),
                    "notification_parameters": '{"email_from": "Jane Roe <jane.roe@example.com>"}',
                }
            ],
        )
        self._as("cbo_ev_mei")
        error = self._refused("mail.scheduled.message", "unlink", [[scheduled]])
        self.assertIn("only he cancels it", error["message"])
        self._refused("mail.message", "write", [self.email.ids, {"record_name": "spam"}])
        self._refused("ir.attachment", "write", [self.photo.ids, {"public": True}])
        # a token she chooses opens the customer's photo to anyone without a login, and
        # what search finds in it is its content too (outside audit 3, A3)
        for vals in ({"access_token": "easy-guess"}, {"index_content": "rewritten"}):
            with self.subTest(vals=vals):
                self._refused("ir.attachment", "write", [self.photo.ids, vals])
        self.assertFalse(self.photo.sudo().access_token)
        self._as("cbo_ev_trainee")
        result, error = self._call_kw("mail.scheduled.message", "unlink", [[scheduled]])
        self.assertFalse(error, error)

    def test_a_stage_change_is_recorded_whatever_the_context(self):
        """A stage change sent with ``tracking_disable`` or ``mail_notrack`` in the
        context left no line in the chatter (audit F11)."""
        self._as("cbo_ev_trainee")
        stages = (
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting"),
        )
        for key, stage in zip(("tracking_disable", "mail_notrack"), stages, strict=True):
            with self.subTest(key=key):
                result, error = self._call_kw(
                    "helpdesk.ticket",
                    "write",
                    [self.ticket.ids, {"stage_id": stage.id}],
                    context={key: True},
                )
                self.assertIs(result, True, error)
                lines = self._messages().tracking_value_ids.filtered(
                    lambda line, stage=stage: line.field_id.name == "stage_id"
                    and line.new_value_char == stage.name
                )
                self.assertTrue(lines, "the change is in the chatter")

    def test_no_answer_written_straight_into_the_chatter(self):
        """A message created directly on the ticket read as an answer the customer
        never got: nothing was sent (audit F7). A note, which nobody is sent, may
        still be written that way."""
        self._as("cbo_ev_trainee")
        values = {
            "model": "helpdesk.ticket",
            "res_id": self.ticket.id,
            "author_id": self.trainee.partner_id.id,
            "body": "Your refund was sent yesterday.",
        }
        for extra in (
            {"message_type": "comment", "subtype_id": self.env.ref("mail.mt_comment").id},
            {"message_type": "email", "subtype_id": self.env.ref("mail.mt_comment").id},
            {
                "message_type": "comment",
                "subtype_id": self.env.ref("mail.mt_comment").id,
                "partner_ids": [(6, 0, self.buyer.ids)],
            },
        ):
            with self.subTest(extra=extra):
                error = self._refused("mail.message", "create", [values | extra])
                self.assertIn("sent", error["message"])
        self.assertFalse(self._messages().filtered(lambda m: "refund was sent" in (m.body or "")))
        result, error = self._call_kw(
            "mail.message",
            "create",
            [
                values
                | {
                    "body": "Warehouse called back",
                    "message_type": "comment",
                    "subtype_id": self.env.ref("mail.mt_note").id,
                }
            ],
        )
        self.assertFalse(error, error)

    def test_no_delivery_made_up(self):
        """Delivery records (sent, read, bounced) could be added to any message: a
        note showed as e-mailed to the customer, an answer as delivered to a
        second address (audit F13)."""
        self._as("cbo_ev_trainee")
        for message in (self.note, self.answer, self.email):
            with self.subTest(message=message.body):
                self._refused(
                    "mail.notification",
                    "create",
                    [
                        {
                            "mail_message_id": message.id,
                            "res_partner_id": self.buyer.id,
                            "notification_type": "email",
                            "notification_status": "sent",
                        }
                    ],
                )
        own = self.env["mail.notification"].search(
            [
                ("mail_message_id", "=", self.email.id),
                ("res_partner_id", "=", self.trainee.partner_id.id),
            ]
        )
        self.assertTrue(own, "he follows the ticket")
        self._refused("mail.notification", "write", [own.ids, {"notification_status": "bounce"}])
        result, error = self._call_kw("mail.notification", "write", [own.ids, {"is_read": True}])
        self.assertIs(result, True, error)

    def test_an_answer_from_the_list_counts_and_stays(self):
        """The composer's mass mode (a template's action on the ticket list) e-mails each
        ticket's customer: the answer set no first response, and the ticket could
        be deleted with it as if nobody had answered (audit F5)."""
        waiting = self._ticket(
            name="Where is my parcel?", partner_id=self.buyer.id, user_id=self.trainee.id
        )
        self._as("cbo_ev_trainee")
        composer, error = self._call_kw(
            "mail.compose.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_ids": waiting.ids,
                    "composition_mode": "mass_mail",
                    "subject": "Your parcel",
                    "body": "It left our warehouse today.",
                    "auto_delete": True,
                    "auto_delete_keep_log": False,
                }
            ],
        )
        self.assertFalse(error, error)
        result, error = self._call_kw("mail.compose.message", "action_send_mail", [[composer]])
        self.assertFalse(error, error)
        # sent: the e-mail deletes itself (auto_delete), as the mail queue does
        mails = self.env["mail.mail"].sudo().search([("res_id", "=", waiting.id)])
        self.assertTrue(mails)
        mails.unlink()
        self.env.invalidate_all()
        self.assertEqual(waiting.first_response_user_id, self.trainee)
        self.assertTrue(waiting.first_response_date)
        self.assertTrue(
            waiting.message_ids.filtered(lambda m: "left our warehouse" in (m.body or "")),
            "the answer stays in the chatter once sent",
        )
        self._as("cbo_cs_manager")
        error = self._refused("helpdesk.ticket", "unlink", [waiting.ids])
        self.assertIn("archive it instead", error["message"])
        # the automatic e-mail of a stage is no answer: an unanswered ticket that
        # only got it still goes
        spam = self._ticket(
            name="Cheap watches",
            partner_id=self.buyer.id,
            user_id=self.trainee.id,
            root_cause_id=self.c_wrong_item.id,
        )
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        self.assertTrue(stage.mail_template_id, "it e-mails the customer")
        self._as("cbo_ev_trainee")
        result, error = self._call_kw(
            "helpdesk.ticket", "write", [spam.ids, {"stage_id": stage.id}]
        )
        self.assertIs(result, True, error)
        self.env.invalidate_all()
        self.assertFalse(spam.first_response_date, "no answer")
        self.assertTrue(
            spam.message_ids.filtered(lambda m: m.message_type == "email_outgoing"),
            "the automatic e-mail went out",
        )
        self._as("cbo_cs_manager")
        result, error = self._call_kw("helpdesk.ticket", "unlink", [spam.ids])
        self.assertIs(result, True, error)

    def test_how_the_customers_email_is_shown_stays(self):
        """The layout and signature fields of a customer's e-mail were editable
        (audit F8)."""
        self._as("cbo_ev_trainee")
        for values in (
            {"email_layout_xmlid": "mail.mail_notification_light"},
            {"email_add_signature": False},
        ):
            with self.subTest(values=values):
                self._refused("mail.message", "write", [self.email.ids, values])

    def test_merging_contacts_keeps_who_wrote(self):
        """Merging contacts moves their messages to the contact kept (in SQL): a
        colleague's contact merged with the customer's (given the same e-mail
        first) would make the colleague's answer the customer's message, or the
        customer's e-mail the colleague's. Odoo refuses it to whoever may not
        change users (audit: checked, no hole); two contacts of the same customer
        still merge."""
        new_test_user(
            self.env,
            login="cbo_ev_contacts",
            name="Cora Contacts",
            groups="helpdesk_mgmt.group_helpdesk_user,base.group_partner_manager",
        )
        self._as("cbo_ev_contacts")
        result, error = self._call_kw(
            "res.partner", "write", [self.buyer.ids, {"email": self.trainee.email}]
        )
        self.assertIs(result, True, error)
        for kept in (self.trainee.partner_id, self.buyer):
            with self.subTest(kept=kept.name):
                wizard, error = self._call_kw(
                    "base.partner.merge.automatic.wizard",
                    "create",
                    [
                        {
                            "partner_ids": [(6, 0, (self.trainee.partner_id | self.buyer).ids)],
                            "dst_partner_id": kept.id,
                        }
                    ],
                )
                self.assertFalse(error, error)
                self._refused("base.partner.merge.automatic.wizard", "action_merge", [[wizard]])
        self.env.invalidate_all()
        self.assertEqual(self.answer.author_id, self.trainee.partner_id)
        self.assertEqual(self.email.author_id, self.buyer)
        # the same customer twice: merged as before
        twin = self.env["res.partner"].create({"name": "J. Roe", "email": self.trainee.email})
        wizard, error = self._call_kw(
            "base.partner.merge.automatic.wizard",
            "create",
            [{"partner_ids": [(6, 0, (twin | self.buyer).ids)], "dst_partner_id": self.buyer.id}],
        )
        result, error = self._call_kw(
            "base.partner.merge.automatic.wizard", "action_merge", [[wizard]]
        )
        self.assertFalse(error, error)
        self.assertFalse(twin.exists())

    def test_a_customer_named_on_a_note_afterwards_is_refused(self):
        """An agent's own note, edited to name the customer, showed him as its
        recipient though nothing was sent on the edit (outside audit H10); naming a
        colleague on it stays his choice."""
        self._as("cbo_ev_trainee")
        result, error = self._rpc(
            "/mail/message/update_content",
            {
                "message_id": self.note.id,
                "update_data": {"body": "Ask the warehouse", "partner_ids": self.buyer.ids},
            },
        )
        self.assertIn("write a new message", error.get("message", ""), result)
        error = self._refused(
            "mail.message", "write", [self.note.ids, {"partner_ids": [(4, self.buyer.id)]}]
        )
        self.env.invalidate_all()
        self.assertNotIn(self.buyer, self.note.partner_ids)
        result, error = self._rpc(
            "/mail/message/update_content",
            {
                "message_id": self.note.id,
                "update_data": {
                    "body": "Ask the warehouse, Mei",
                    "partner_ids": self.colleague.partner_id.ids,
                },
            },
        )
        self.assertFalse(error, error)
