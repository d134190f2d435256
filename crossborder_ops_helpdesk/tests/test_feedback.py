# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.crossborder_ops.tests.common import load_shipped_translations

from .common import MonitorCase, weekly_digest_of_own_tickets


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestFeedback(MonitorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # only this test's problems count: move earlier tickets out of the periods
        weekly_digest_of_own_tickets(cls.env)
        cls.today = date(2026, 11, 9)  # period: 2 to 8 November; previous: 26 Oct to 1 Nov
        this_week = datetime(2026, 11, 3, 12)
        last_week = datetime(2026, 10, 28, 12)
        for _ in range(3):
            cls._ticket(
                root_cause_id=cls.c_wrong_item.id,
                product_id=cls.product.id,
                buyer_country_id=cls.de.id,
                created=this_week,
            )
        cls._ticket(root_cause_id=cls.c_missing.id, buyer_country_id=cls.fr.id, created=this_week)
        cls._ticket(root_cause_id=cls.c_wrong_item.id, created=last_week)
        cls._ticket(root_cause_id=cls.c_wrong_item.id, created=last_week)
        cls._ticket(root_cause_id=cls.c_late.id, created=this_week)
        cls._ticket(root_cause_id=cls.c_late.id, created=datetime(2026, 11, 9, 1))  # next period

    def test_digest_per_department_exact_numbers(self):
        Feedback = self.env["crossborder.feedback"]
        processed, remaining = Feedback._generate_batch(today=self.today)
        self.assertEqual(remaining, 0)
        warehouse = Feedback.search([("department_id", "=", self.warehouse.id)])
        self.assertEqual(
            (warehouse.date_from, warehouse.date_to), (date(2026, 11, 2), date(2026, 11, 8))
        )
        self.assertEqual(
            (warehouse.ticket_count, warehouse.previous_count, warehouse.trend), (4, 2, 100.0)
        )
        lines = {line.root_cause_id: line for line in warehouse.line_ids}
        self.assertEqual(
            (lines[self.c_wrong_item].count, lines[self.c_wrong_item].previous_count), (3, 2)
        )
        self.assertEqual(lines[self.c_wrong_item].trend, 50.0)
        self.assertEqual((lines[self.c_missing].count, lines[self.c_missing].is_new), (1, True))
        self.assertEqual(warehouse.top_products, "Travel adapter: 3")
        self.assertEqual(warehouse.top_countries, "Germany: 3\nFrance: 1")
        self.assertEqual(len(warehouse.example_ticket_ids), 3)
        self.assertIn("Wrong item picked", str(warehouse.body_html))
        logistics = Feedback.search([("department_id", "=", self.logistics.id)])
        self.assertEqual((logistics.ticket_count, logistics.previous_count), (1, 0))
        management = Feedback.search(
            [("department_id", "=", False), ("date_to", "=", date(2026, 11, 8))]
        )
        self.assertEqual(management.ticket_count, 5)
        mail = warehouse.message_ids.filtered(
            lambda m: self.wh_manager_user.partner_id in m.partner_ids
        )
        self.assertTrue(mail, "sent to the department manager")
        self.assertEqual(warehouse.activity_ids.user_id, self.wh_manager_user)

    def test_digest_twice_creates_no_duplicate(self):
        Feedback = self.env["crossborder.feedback"]
        first, _ = Feedback._generate_batch(today=self.today)
        second, remaining = Feedback._generate_batch(today=self.today)
        self.assertGreaterEqual(first, 3)
        self.assertEqual((second, remaining), (0, 0))
        self.assertEqual(Feedback.search_count([("department_id", "=", self.warehouse.id)]), 1)

    def test_cron_commits_progress(self):
        with self.enter_registry_test_mode(), freeze_time(self.today):
            self.env.ref("crossborder_ops_helpdesk.ir_cron_feedback").method_direct_trigger()
        self.assertTrue(
            self.env["crossborder.feedback"].search([("department_id", "=", self.warehouse.id)])
        )

    def test_acknowledge_only_by_own_manager(self):
        self.env["crossborder.feedback"]._generate_batch(today=self.today)
        feedback = self.env["crossborder.feedback"].search(
            [("department_id", "=", self.warehouse.id)]
        )
        with self.assertRaises(AccessError):
            feedback.with_user(self.log_manager_user).action_acknowledge()
        self.assertEqual(feedback.activity_ids.user_id, self.wh_manager_user)
        # he reads Chinese; the scheduled action wrote his to-do in English
        load_shipped_translations(self.env, "crossborder_ops_helpdesk")
        feedback.with_user(self.wh_manager_user).with_context(lang="zh_CN").action_acknowledge()
        self.assertEqual(
            (feedback.state, feedback.acknowledged_by_id), ("acknowledged", self.wh_manager_user)
        )
        self.assertFalse(feedback.activity_ids, "its reason is gone, in any language")

    def test_period_of_zero_days_refused(self):
        # checked once, where every path writes it: the settings page, System
        # parameters and code all meet ir.config_parameter
        settings = self.env["res.config.settings"].create({"cbo_feedback_period_days": 0})
        with self.assertFails(ValidationError, "one day to a year"):
            settings.execute()
        for days in (0, 10**9):  # nor beyond a date's reach (outside audit 66)
            with self.assertFails(ValidationError, "one day to a year"):
                self.env["ir.config_parameter"].set_param(
                    "crossborder_ops_helpdesk.feedback_period_days", days
                )
        with self.assertFails(ValidationError, "whole number"):
            self.env["ir.config_parameter"].set_param(
                "crossborder_ops_helpdesk.feedback_period_days", "a week"
            )
        self.assertEqual(
            self.env["res.config.settings"]._cbo_param("feedback_period_days"), 7, "unchanged"
        )

    def test_schedule_follows_a_period_deleted(self):
        """The period set to 14 days, then deleted in System parameters: the
        feedback still ran every 14 days while the setting read 7 (outside
        audit 66)."""
        cron = self.env.ref("crossborder_ops_helpdesk.ir_cron_feedback")
        Param = self.env["ir.config_parameter"]
        Param.set_param("crossborder_ops_helpdesk.feedback_period_days", 14)
        self.assertEqual((cron.interval_number, cron.interval_type), (14, "days"))
        Param.search([("key", "=", "crossborder_ops_helpdesk.feedback_period_days")]).unlink()
        self.assertEqual(self.env["res.config.settings"]._cbo_param("feedback_period_days"), 7)
        self.assertEqual((cron.interval_number, cron.interval_type), (7, "days"))

    def test_schedule_follows_a_period_renamed(self):
        """The period set to 30 days, then its key renamed in System parameters:
        the setting read 7 days, the feedback still ran every 30 (outside audit
        68)."""
        cron = self.env.ref("crossborder_ops_helpdesk.ir_cron_feedback")
        Param = self.env["ir.config_parameter"]
        Param.set_param("crossborder_ops_helpdesk.feedback_period_days", 30)
        self.assertEqual((cron.interval_number, cron.interval_type), (30, "days"))
        Param.search([("key", "=", "crossborder_ops_helpdesk.feedback_period_days")]).write(
            {"key": "crossborder_ops_helpdesk.feedback_period_days_old"}
        )
        self.assertEqual(self.env["res.config.settings"]._cbo_param("feedback_period_days"), 7)
        self.assertEqual((cron.interval_number, cron.interval_type), (7, "days"))

    def test_corrective_action_effect(self):
        action = self.env["crossborder.corrective.action"].create(
            {
                "name": "Double-check picking",
                "department_id": self.warehouse.id,
                "root_cause_id": self.c_wh.id,
            }
        )
        with self.assertFails(UserError, "Mark the action done"):
            action.action_verify()
        action.action_done()
        action.done_date = date(2026, 11, 5)
        with freeze_time("2026-11-20"):
            action.action_verify()
        self.assertEqual((action.state, action.effectiveness), ("done", "not_enough_data"))
        self.assertIn("wait until 2026-12-03", action.effect_reason)
        # window of 28 days: before 8 Oct - 4 Nov has 6 tickets (wrong item, missing); after: 1
        self._ticket(root_cause_id=self.c_wrong_item.id, created=datetime(2026, 11, 20))
        with freeze_time("2026-12-03"):
            action.action_verify()
        self.assertEqual(action.state, "verified")
        self.assertEqual((action.rate_before, action.rate_after), (1.5, 0.25))
        self.assertEqual(action.effectiveness, "effective")
        slow = self.env["crossborder.corrective.action"].create(
            {
                "name": "Faster carrier",
                "department_id": self.logistics.id,
                "root_cause_id": self.c_late.id,
            }
        )
        slow.action_done()
        slow.done_date = date(2026, 11, 3)
        for day in (5, 12, 19):
            self._ticket(root_cause_id=self.c_late.id, created=datetime(2026, 11, day))
        with freeze_time("2026-12-01"):
            slow.action_verify()
        self.assertEqual(slow.effectiveness, "not_effective")
