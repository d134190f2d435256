# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import format_date

from .common import HiringCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrials(HiringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source = cls.env["utm.source"].create({"name": "University work-study office"})
        cls.env["hr.recruitment.source"].create(
            {
                "source_id": cls.source.id,
                "job_id": cls.job.id,
                "source_kind": "work_study",
                "cost": 100,
            }
        )

    def _hire(self, name, **values):
        applicant = self._applicant(name, source_id=self.source.id, **values)
        applicant.stage_id = self.env["hr.recruitment.stage"].search(
            [("hired_stage", "=", True)], limit=1
        )
        applicant.with_user(self.officer).create_employee_from_applicant()
        return applicant

    def test_trial_opens_on_hire_with_expected_results(self):
        applicant = self._hire("Hired Hana")
        trial = self.env["crossborder.trial"].search([("applicant_id", "=", applicant.id)])
        self.assertEqual(len(trial), 1)
        self.assertEqual(trial.employee_id, applicant.employee_id)
        self.assertEqual(trial.date_end - trial.date_start, timedelta(days=21))
        self.assertEqual(
            trial.result_ids.mapped("expected_result"),
            ["first answer within 4 hours", "two listings a day without errors"],
            "from the job's tasks, high-value task left out",
        )
        self.assertIn("confidentiality", trial.onboarding_ids.mapped("kind"), "part-timer")
        self.assertEqual(trial.activity_ids.summary, "Mid-trial check-in")
        opened = trial.message_ids.filtered(lambda m: "Trial opened" in (m.body or ""))
        self.assertIn(
            f"until {format_date(self.env, trial.date_end)},",
            opened.body,
            "a date as users read it",
        )
        self.assertNotIn(str(trial.date_end), opened.body)
        employee = applicant.employee_id.sudo()
        self.assertEqual(employee.crossborder_employment_kind, "part_time_student")
        self.assertEqual(employee.crossborder_source_id, self.source)

    def test_decision_writes_trial_end_on_contract(self):
        trial = self.env["crossborder.trial"].search(
            [("applicant_id", "=", self._hire("Decided Dan").id)]
        )
        with self.assertFails(UserError, "Rate every expected result"):
            trial._apply_decision("confirm")
        trial.result_ids.write({"rating": "met"})
        trial._apply_decision("confirm", "Great first weeks")
        self.assertEqual(trial.state, "confirmed")
        self.assertEqual(trial.employee_id.sudo().version_id.trial_date_end, trial.date_end)
        self.assertIn("Confirm long-term", trial.message_ids[0].body)
        with self.assertFails(UserError, "already decided"):
            trial._apply_decision("end")

    def test_extension_and_bounds(self):
        trial = self.env["crossborder.trial"].search(
            [("applicant_id", "=", self._hire("Extended Ella").id)]
        )
        new_end = trial.date_start + timedelta(days=28)
        decision = self.env["crossborder.trial.decision"].create(
            {"trial_id": trial.id, "decision": "extend", "new_end_date": new_end}
        )
        decision.action_apply()
        self.assertEqual((trial.state, trial.date_end), ("extended", new_end))
        self.assertEqual(trial.employee_id.sudo().version_id.trial_date_end, new_end)
        with self.assertFails(ValidationError, "between 14 and 30 days; .* would last 45 days"):
            trial.date_end = trial.date_start + timedelta(days=45)
        self.assertEqual(trial.date_end, new_end, "nothing changed")

    def test_reminder_before_the_end(self):
        trial = self.env["crossborder.trial"].search(
            [("applicant_id", "=", self._hire("Reminded Rob").id)]
        )
        trial.activity_ids.unlink()
        Trial = self.env["crossborder.trial"]
        self.assertEqual(Trial._remind_batch(today=trial.date_end - timedelta(days=4)), (0, 0))
        self.assertEqual(Trial._remind_batch(today=trial.date_end - timedelta(days=3)), (1, 0))
        self.assertIn("Decide on the trial of", trial.activity_ids.summary)
        self.assertEqual(trial.activity_ids.date_deadline, trial.date_end)
        self.assertEqual(Trial._remind_batch(today=trial.date_end - timedelta(days=2)), (0, 0))

    def test_conversion_and_candidates(self):
        applicant = self._hire("Convert Cara")
        trial = self.env["crossborder.trial"].search([("applicant_id", "=", applicant.id)])
        employee = applicant.employee_id.sudo()
        self.assertFalse(employee.conversion_candidate)
        trial.result_ids.write({"rating": "met"})
        trial._apply_decision("confirm")
        self.assertTrue(employee.conversion_candidate)
        self.env["crossborder.conversion"].create(
            {
                "employee_id": employee.id,
                "from_kind": "part_time_student",
                "to_kind": "full_time",
                "from_hours": 20,
                "to_hours": 40,
            }
        )
        self.assertEqual(employee.crossborder_employment_kind, "full_time")
        self.assertFalse(employee.conversion_candidate)
        self.assertIn("Converted from Part-time student to Full-time", employee.message_ids[0].body)
        with self.assertFails(ValidationError, "changes the kind of employment"):
            self.env["crossborder.conversion"].create(
                {"employee_id": employee.id, "from_kind": "full_time", "to_kind": "full_time"}
            )

    def test_retention_and_source_report(self):
        today = fields.Date.context_today(self.env.user)
        with freeze_time(today - timedelta(days=200)):
            stayed = self._hire("Stayed Stan")
            left = self._hire("Left Lea")
        recent = self._hire("Recent Rae")
        refused = self._applicant("Refused Rick", source_id=self.source.id)
        refused.write(
            {"refuse_reason_id": self.env.ref("hr_recruitment.refuse_reason_1").id, "active": False}
        )
        for applicant in (stayed, left):
            applicant.date_closed = fields.Datetime.now() - timedelta(days=200)
        left.employee_id.sudo().version_id.departure_date = today - timedelta(days=140)
        self.env.flush_all()
        Report = self.env["crossborder.hiring.report"]
        rows = Report.search([("source_id", "=", self.source.id)])
        self.assertEqual(sum(rows.mapped("applicant_count")), 4)
        self.assertEqual(sum(rows.mapped("hired_count")), 3)
        [group] = Report._read_group(
            [("source_id", "=", self.source.id)],
            [],
            ["retained_count:sum", "retention_rate:avg", "hired_count:sum"],
        )
        self.assertEqual(group, (1, 50.0, 3), "of two hires due, one stayed four months")
        [by_kind] = Report._read_group(
            [("hired_count", "=", 1), ("source_id", "=", self.source.id)],
            ["employment_kind"],
            ["retention_rate:avg", "hired_count:sum"],
        )
        self.assertEqual(by_kind, ("part_time_student", 50.0, 3), "the recent hire is not due yet")
        self.assertTrue(recent.date_closed)

    def test_employee_reads_only_own_evaluation(self):
        hana = self._hire("Own Olga")
        user = new_test_user(self.env, login="cbo_olga", groups="base.group_user")
        hana.employee_id.sudo().user_id = user
        other = self._hire("Other Otis")
        other_user = new_test_user(self.env, login="cbo_otis", groups="base.group_user")
        other.employee_id.sudo().user_id = other_user
        Result = self.env["crossborder.trial.result"]
        mine = Result.with_user(user).search([])
        self.assertEqual(mine.trial_id.applicant_id, hana)
        theirs = Result.search([("trial_id.applicant_id", "=", other.id)])
        with self.assertRaises(AccessError):
            theirs.with_user(user).read(["rating"])

    def test_trial_agreement_renders(self):
        trial = self.env["crossborder.trial"].search(
            [("applicant_id", "=", self._hire("Printed Pia").id)]
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "crossborder_ops.action_report_trial_agreement", trial.ids
        )
        html = html.decode()
        self.assertIn("Trial agreement", html)
        self.assertIn("first answer within 4 hours", html)
        self.assertIn(trial.employee_id.name, html)
