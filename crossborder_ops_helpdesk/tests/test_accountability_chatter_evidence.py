# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The chatter of the department's accountability records is evidence: the
feedback a department received and its manager's answer, the corrective action it
promised and the owner's follow-up, the recurrence it was asked to decide on. A
department manager or an agent does not reword, delete, sign as someone else or
back-date what was said there."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import MonitorHttpCase

ACCESS = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestAccountabilityChatterEvidence(MonitorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        today = fields.Date.context_today(env["res.users"])
        wh_partner = cls.wh_manager_user.partner_id
        cls.ticket = cls._ticket(
            name="Sent the blue one",
            root_cause_id=cls.c_wh.id,
            product_id=cls.product.id,
            user_id=cls.agent.id,
        )
        # the feedback sent to the warehouse manager, his answer, the owner's follow-up
        cls.feedback = env["crossborder.feedback"].create(
            {
                "department_id": cls.warehouse.id,
                "date_from": today - timedelta(days=7),
                "date_to": today - timedelta(days=1),
                "ticket_count": 4,
            }
        )
        cls.feedback._send()
        cls.digest = cls.feedback.message_ids.filtered(lambda m: wh_partner in m.partner_ids)
        cls.dispute = cls.feedback.with_user(cls.wh_manager_user).message_post(
            body="We dispute two of them: the carrier crushed the boxes.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.follow_up = cls.feedback.with_user(cls.cs_manager).message_post(
            body="The photos show a wrong item, not a crushed box.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=wh_partner.ids,
        )
        # what the warehouse promised on the agent's action, and the agent's check
        cls.action = env["crossborder.corrective.action"].create(
            {
                "name": "Scan every item at packing",
                "department_id": cls.warehouse.id,
                "root_cause_id": cls.c_wh.id,
                "owner_id": cls.agent.id,
            }
        )
        cls.promise = cls.action.with_user(cls.wh_manager_user).message_post(
            body="Scanners on every packing table by Friday.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.check = cls.action.with_user(cls.agent).message_post(
            body="Monday: two tables still without a scanner.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.wh_note = cls.action.with_user(cls.wh_manager_user).message_post(
            body="Order two more scanners", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        # a problem that came back, the owner asking the warehouse to decide
        cls.recurrence = env["crossborder.recurrence"].create(
            {
                "root_cause_id": cls.c_wh.id,
                "dimension": "product",
                "product_id": cls.product.id,
                "ticket_ids": [(6, 0, cls.ticket.ids)],
            }
        )
        cls.ask = cls.recurrence.with_user(cls.cs_manager).message_post(
            body="Third time this month: decide by Friday.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=(wh_partner | cls.agent.partner_id).ids,
        )

    def _as(self, login):
        self.authenticate(login, login)

    def _refused(self, model, method, args, **kwargs):
        result, error = self._call_kw(model, method, args, **kwargs)
        self.assertEqual(error.get("name"), ACCESS, f"{model}.{method}: {result!r}")
        return error

    def test_others_messages_are_not_rewritten(self):
        for login, messages in (
            ("cbo_wh_mgr", self.digest | self.follow_up | self.check | self.ask),
            ("cbo_agent", self.promise | self.ask),
        ):
            self._as(login)
            for message in messages:
                with self.subTest(login=login, message=message.body):
                    error = self._refused(
                        "mail.message", "write", [message.ids, {"body": "All fine, nothing to do"}]
                    )
                    self.assertIn("stay as they were written", error["message"])
        self.env.invalidate_all()
        self.assertFalse(
            (self.digest | self.follow_up | self.check | self.promise | self.ask).filtered(
                lambda m: "nothing to do" in (m.body or "")
            )
        )

    def test_others_messages_are_not_deleted(self):
        self._as("cbo_wh_mgr")
        self._refused("mail.message", "unlink", [self.check.ids])
        self._as("cbo_agent")
        self._refused("mail.message", "unlink", [self.promise.ids])
        self.assertTrue((self.check | self.promise).exists())

    def test_the_record_is_not_deleted_with_its_chatter(self):
        """The helpdesk manager deleted the feedback, and with it the department's
        dispute and his own follow-up (mail.thread deletes the chatter in sudo)."""
        self._as("cbo_cs_manager")
        error = self._refused("crossborder.feedback", "unlink", [self.feedback.ids])
        self.assertIn("only a settings administrator deletes it", error["message"])
        self.assertTrue((self.dispute | self.follow_up).exists())

    def test_answers_sent_stay(self):
        """His own dispute, sent to the followers, is what the owner answered."""
        self._as("cbo_wh_mgr")
        for message in (self.dispute, self.promise):
            with self.subTest(message=message.body):
                self._refused("mail.message", "write", [message.ids, {"body": "We agree."}])
        self._refused("mail.message", "unlink", [self.promise.ids])
        self.env.invalidate_all()
        self.assertIn("We dispute", self.dispute.body)

    def test_posts_are_in_ones_own_name_and_time(self):
        for login, author, records in (
            ("cbo_wh_mgr", self.cs_manager, (self.feedback, self.action, self.recurrence)),
            ("cbo_agent", self.wh_manager_user, (self.action, self.recurrence)),
        ):
            self._as(login)
            for record in records:
                with self.subTest(login=login, model=record._name):
                    error = self._refused(
                        record._name,
                        "message_post",
                        [record.ids],
                        body="Agreed: nothing to change.",
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                        author_id=author.partner_id.id,
                    )
                    self.assertIn("in your own name", error["message"])
                    error = self._refused(
                        record._name,
                        "message_post",
                        [record.ids],
                        body="Agreed: nothing to change.",
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                        date=fields.Datetime.to_string(fields.Datetime.now() - timedelta(days=10)),
                    )
                    self.assertIn("not set by hand", error["message"])
        self._as("cbo_wh_mgr")
        self._refused(
            "mail.message",
            "write",
            [self.dispute.ids, {"date": fields.Datetime.to_string(self.digest.date)}],
        )
        result, error = self._call_kw(
            "crossborder.corrective.action",
            "message_post",
            [self.action.ids],
            body="Scanners ordered.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(error, "in his own name, now, he answers")
        self.assertEqual(
            self.env["mail.message"].browse(result).author_id, self.wh_manager_user.partner_id
        )
        self.env.invalidate_all()
        posted = self.feedback.message_ids | self.action.message_ids | self.recurrence.message_ids
        self.assertFalse(posted.filtered(lambda m: "nothing to change" in (m.body or "")))

    def test_own_internal_note_is_still_edited(self):
        self._as("cbo_wh_mgr")
        result, error = self._call_kw(
            "mail.message", "write", [self.wh_note.ids, {"body": "Order three more scanners"}]
        )
        self.assertIs(result, True, error)
        result, error = self._rpc(
            "/mail/message/update_content",
            {
                "message_id": self.wh_note.id,
                "update_data": {"body": "Order four more scanners", "attachment_ids": []},
            },
        )
        self.assertFalse(error, "his own note he edits in the chatter")
        self.env.invalidate_all()
        self.assertIn("four more", self.wh_note.body)
        result, error = self._call_kw("mail.message", "unlink", [self.wh_note.ids])
        self.assertIs(result, True, error)

    def test_a_state_change_is_recorded_whatever_the_context(self):
        """Acknowledging a feedback or saying an action done, with
        ``tracking_disable`` in the context, left no line in the chatter: these
        actions check their caller, then write the state in sudo with his context
        (outside audit H7)."""
        self._as("cbo_wh_mgr")
        for record, method, key in (
            (self.feedback, "action_acknowledge", "tracking_disable"),
            (self.action, "action_done", "mail_notrack"),
        ):
            with self.subTest(method=method):
                result, error = self._call_kw(
                    record._name, method, [record.ids], context={key: True}
                )
                self.assertFalse(error, error)
                self.env.invalidate_all()
                lines = record.message_ids.tracking_value_ids.filtered(
                    lambda line: line.field_id.name == "state"
                )
                self.assertTrue(lines, "the change is in the chatter")
