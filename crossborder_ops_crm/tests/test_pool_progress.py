# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.crm_lead import POOL_MOVE
from .common import NOW, PoolCase


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
        with freeze_time(NOW):
            self.lead.message_post(
                body="Please send the price list", message_type="email", author_id=customer.id
            )
            self.assertEqual(self.lead.last_progress_date, NOW)

    def test_own_email_does_not_count(self):
        self.lead.with_user(self.new_a).message_post(body="Following up", message_type="email")
        self.assertEqual(self.lead.last_progress_date, self.before)
