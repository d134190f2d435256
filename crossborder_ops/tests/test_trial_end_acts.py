# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A trial's end that acts (issue 16): "End" lets the person go as the company
chose and reopens the position with the runner-ups ranked; "Confirm" puts the new
terms on the contract in one step, after a preview."""

from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import HiringCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialEndActs(HiringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.hr_manager = new_test_user(
            env,
            login="cbo_hr_manager",
            name="Hanna HR",
            groups="hr.group_hr_manager,hr_recruitment.group_hr_recruitment_user",
        )
        cls.trial_manager = new_test_user(env, login="cbo_end_manager", name="Mark Manager")
        cls.job.user_id = cls.officer
        cls.hired = cls._applicant("Hired Hana")
        # the runner-ups: the one recommended at screening ranks first
        cls.second = cls._applicant("Second Sam")
        cls.first = cls._applicant("First Fay", screening_recommendation="yes")
        cls.refused = cls._applicant("Refused Rob", screening_recommendation="yes")
        cls.refused.action_archive()
        cls.hired.stage_id = env["hr.recruitment.stage"].search(
            [("hired_stage", "=", True)], limit=1
        )
        cls.hired.with_user(cls.officer).create_employee_from_applicant()
        cls.trial = env["crossborder.trial"].search([("applicant_id", "=", cls.hired.id)])
        cls.trial.sudo().manager_id = cls.trial_manager
        cls.employee = cls.trial.employee_id
        cls.full_time = env["resource.calendar"].create({"name": "T-Full time 40h"})
        cls.contract_type = env["hr.contract.type"].create({"name": "T-Permanent"})

    def _set(self, key, value):
        self.env["ir.config_parameter"].sudo().set_param(f"crossborder_ops.{key}", value)

    def test_end_archives_and_reopens_with_runner_ups_ranked(self):
        self._set("trial_end_mode", "archive")
        wanted = self.job.no_of_recruitment
        self.trial.with_user(self.trial_manager).result_ids.write({"rating": "not_met"})
        self.trial.with_user(self.trial_manager)._apply_decision("end", "Not a fit")
        self.assertEqual(self.trial.state, "ended")
        self.assertFalse(self.employee.active)
        self.assertEqual(
            self.employee.departure_reason_id,
            self.env.ref("crossborder_ops.hr_departure_reason_trial"),
        )
        self.assertEqual(self.job.no_of_recruitment, wanted + 1)
        self.assertEqual(self.trial._crossborder_runner_ups(), self.first | self.second)
        self.assertEqual(list(self.trial._crossborder_runner_ups()), [self.first, self.second])
        note = self.job.message_ids[0].body
        self.assertIn("Runner-ups still in the running: 2", note)
        self.assertNotIn("First Fay", note, "every employee reads the position's notes")
        self.assertIn(
            "Position reopened: contact the runner-ups", self.job.activity_ids.mapped("summary")
        )
        action = self.trial.action_open_runner_ups()
        self.assertEqual(
            self.env["hr.applicant"].search(action["domain"]), self.first | self.second
        )

    def test_end_offboards_with_the_plan(self):
        self._set("trial_end_mode", "offboard")
        self.trial.with_user(self.trial_manager).result_ids.write({"rating": "partly"})
        self.trial.with_user(self.trial_manager)._apply_decision("end")
        self.assertTrue(self.employee.active, "he leaves once the offboarding is done")
        plan = self.env.ref("hr.offboarding_plan")
        self.assertEqual(
            sorted(self.employee.activity_ids.mapped("summary")),
            sorted(plan.template_ids.mapped("summary")),
        )
        self.assertEqual(
            self.employee.departure_date, min(self.trial.date_end, self.trial.decision_date)
        )

    def test_confirm_updates_the_contract_in_one_step_with_a_preview(self):
        self.trial.result_ids.sudo().write({"rating": "met"})
        version = self.employee.version_id
        self.assertNotEqual(version.resource_calendar_id, self.full_time)
        form = Form(
            self.env["crossborder.trial.decision"]
            .with_user(self.hr_manager)
            .with_context(default_trial_id=self.trial.id)
        )
        form.decision = "confirm"
        self.assertEqual(form.contract_calendar_id, version.resource_calendar_id, "starts from now")
        form.contract_calendar_id = self.full_time
        form.contract_wage = 2400
        form.contract_employee_type = "employee"
        form.contract_type_id = self.contract_type
        preview = str(form.contract_preview)
        self.assertIn("T-Full time 40h", preview)
        self.assertIn("2,400.00", preview)
        self.assertIn("T-Permanent", preview)
        form.save().action_apply()
        self.assertEqual(self.trial.state, "confirmed")
        new_version = self.employee._get_version(self.trial.date_end + timedelta(days=1))
        self.assertNotEqual(new_version, version, "a new version from the day after the trial")
        self.assertEqual(new_version.resource_calendar_id, self.full_time)
        self.assertEqual(new_version.wage, 2400)
        self.assertEqual(new_version.contract_type_id, self.contract_type)
        self.assertNotEqual(version.resource_calendar_id, self.full_time, "the trial's terms stay")
        self.assertIn("Contract from", self.trial.message_ids[0].body)

    def test_only_hr_changes_the_contract(self):
        self.trial.result_ids.sudo().write({"rating": "met"})
        trial = self.trial.with_user(self.trial_manager)
        with self.assertRaises(AccessError):
            trial._apply_decision("confirm", contract={"wage": 9999})
        self.assertEqual(self.trial.state, "in_progress", "nothing written")
        # the manager's own wizard carries no contract terms
        wizard = (
            self.env["crossborder.trial.decision"]
            .with_user(self.trial_manager)
            .with_context(default_trial_id=self.trial.id)
            .create({"decision": "confirm"})
        )
        self.assertEqual(wizard._crossborder_contract(), {})
        wizard.action_apply()
        self.assertEqual(self.trial.state, "confirmed")
        # a recruitment officer is HR for the trial, but the wage is for HR managers
        self.assertFalse(self.officer.has_group("hr.group_hr_manager"))


@tagged("post_install", "-at_install", "crossborder_ops")
class TestPartTimersHours(HiringCase):
    def test_agreed_hours_and_nothing_recorded_without_attendances(self):
        calendar = self.env["resource.calendar"].create(
            {
                "name": "T-Two mornings",
                "attendance_ids": [
                    (0, 0, {"name": d, "dayofweek": d, "hour_from": 9, "hour_to": 13})
                    for d in ("0", "2")
                ],
            }
        )
        employee = self.env["hr.employee"].create(
            {
                "name": "Pat Part-timer",
                "resource_calendar_id": calendar.id,
                "crossborder_employment_kind": "part_time_student",
            }
        )
        employee = employee.with_user(self.officer)
        self.assertEqual(employee.crossborder_agreed_hours, 8.0)
        self.assertEqual(employee.crossborder_hours_recorded, "hr.attendance" in self.env)
        if "hr.attendance" not in self.env:
            self.assertEqual(employee.crossborder_recorded_hours, 0.0)
        action = self.env.ref("crossborder_ops.hr_employee_hours_action")
        found = self.env["hr.employee"].search(safe_eval(action.domain))
        self.assertIn(employee, found)
