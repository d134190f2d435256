# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import HiringCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestPositions(HiringCase):
    def test_description_written_from_tasks(self):
        self.job.action_generate_description()
        html = str(self.job.description)
        self.assertIn("Answer buyer messages", html)
        self.assertIn("15 times a week, about 20 minutes each (5 h a week)", html)
        self.assertIn("Expected result: first answer within 4 hours.", html)
        self.assertNotIn("Negotiate with suppliers", html, "high-value tasks stay with the owner")
        self.assertIn("Pay: 15.38 GBP per hour", html)
        self.assertIn("20 hours a week", html)
        self.assertIn("Remote", html)
        self.assertIn("Part-time student", html)

    def test_task_load_and_flags(self):
        self.assertEqual(self.job.tasks_weekly_minutes, 20 * 15 + 40 * 5 + 60)
        self.assertEqual(self.job.high_value_task_count, 1)

    def test_tasks_beyond_weekly_hours_refused(self):
        with self.assertFails(ValidationError, r"take 21\.33 hours a week, more than the 20\.0"):
            self.job.write(
                {
                    "task_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Photo retouching",
                                "minutes_per_occurrence": 60,
                                "occurrences_per_week": 12,
                            },
                        )
                    ]
                }
            )
        self.assertEqual(len(self.job.task_ids), 3, "nothing changed")
        with self.assertFails(ValidationError, "more than the 9.0"):
            self.job.weekly_hours = 9

    def test_trial_length_within_bounds(self):
        with self.assertFails(ValidationError, "between 14 and 30 days"):
            self.job.trial_days = 60
