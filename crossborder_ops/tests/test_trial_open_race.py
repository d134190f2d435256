# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two trials opened for the same employee at the same moment, from two servers:
each saw no trial in progress for him, and he had two (one decided without the
other's expected results, the reports reading whichever is newest)."""

from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from .race_common import HiringRaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialOpenRace(HiringRaceCase):
    sent = False

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.ids["employee"] = env["hr.employee"].create({"name": f"Ada {self.tag}"}).id
            # the same person applied twice (two applications of the position)
            self.ids["applicant_2"] = (
                env["hr.applicant"]
                .create(
                    {
                        "partner_name": f"Ada {self.tag}",
                        "email_from": f"ada2_{self.tag}@example.com",
                        "job_id": self.ids["job"],
                    }
                )
                .id
            )

    def _hire(self, applicant_key):
        """HR links the application to the employee (as Odoo's Create employee does)."""

        def hire(env):
            env["hr.applicant"].browse(self.ids[applicant_key]).write(
                {"employee_id": self.ids["employee"]}
            )

        return hire

    def _type_trial(self, env):
        """HR types a trial for the employee by hand."""
        env["crossborder.trial"].create(
            {
                "employee_id": self.ids["employee"],
                "date_start": date(2026, 3, 2),
                "date_end": date(2026, 3, 22),
            }
        )

    def _open_trials(self):
        return self._read(
            "SELECT count(*) FROM crossborder_trial WHERE employee_id = %s "
            "AND state IN ('in_progress', 'extended')",
            [self.ids["employee"]],
        )[0]

    def test_two_applications_hired_at_once_open_one_trial(self):
        outcome = self._race(
            self._hire("applicant"),
            self._hire("applicant_2"),
            self.ids["officer"],
            self.ids["officer_b"],
        )
        self.assertEqual(self._open_trials(), 1)
        self.assertIsNone(outcome["error"])
        self.assertTrue(outcome["blocked"], "the second hire waited for the first (pg_locks)")

    def test_hire_while_a_trial_is_typed_keeps_the_typed_one(self):
        """HR typed a trial for the employee while another linked his application:
        the hire keeps the trial in progress (as when he is hired again)."""
        outcome = self._race(
            self._type_trial, self._hire("applicant"), self.ids["officer"], self.ids["officer_b"]
        )
        self.assertEqual(self._open_trials(), 1)
        self.assertTrue(outcome["blocked"], "the hire waited for the typed trial (pg_locks)")

    def test_trial_typed_while_the_hire_opens_one_is_refused(self):
        outcome = self._race(
            self._hire("applicant"), self._type_trial, self.ids["officer"], self.ids["officer_b"]
        )
        self.assertEqual(self._open_trials(), 1)
        self.assertIn("already has a trial in progress", str(outcome["error"]))
        self.assertTrue(outcome["blocked"], "the typed trial waited for the hire (pg_locks)")

    def test_two_trials_typed_at_once_make_one(self):
        outcome = self._race(
            self._type_trial, self._type_trial, self.ids["officer"], self.ids["officer_b"]
        )
        self.assertEqual(self._open_trials(), 1)
        self.assertIn("already has a trial in progress", str(outcome["error"]))
        self.assertTrue(outcome["blocked"], "the second trial waited for the first (pg_locks)")
