# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import timedelta

from odoo import fields
from odoo.tests import BaseCase, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import TourOnALoadedMachine


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSkillTestTour(TourOnALoadedMachine, HttpCase):
    def test_applicant_answers_and_reviewer_grades(self):
        reviewer = new_test_user(
            self.env,
            login="cbo_tour_reviewer",
            password="cbo_tour_reviewer",
            groups="hr_recruitment.group_hr_recruitment_interviewer,crossborder_ops.group_crossborder_ops_user",
        )
        job = self.env["hr.job"].create(
            {
                "name": "Tour CS agent",
                "weekly_hours": 20,
                "interviewer_ids": [(6, 0, reviewer.ids)],
                "task_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Answer buyer messages",
                            "minutes_per_occurrence": 20,
                            "occurrences_per_week": 10,
                            "expected_result": "clear answer with tracking",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Write product descriptions",
                            "minutes_per_occurrence": 30,
                            "occurrences_per_week": 5,
                            "expected_result": "size conversion included",
                        },
                    ),
                ],
            }
        )
        test = self.env["crossborder.skill.test"].create({"name": "Tour test", "job_id": job.id})
        test.action_generate_survey()
        applicant = self.env["hr.applicant"].create(
            {"partner_name": "Tour Tina", "email_from": "tina@example.com", "job_id": job.id}
        )
        invitation = applicant._crossborder_send_test(
            test, fields.Datetime.now() + timedelta(days=2), send_email=False
        )
        url = invitation.user_input_id.get_start_url()
        self.start_tour(url, "crossborder_skill_test_applicant")
        invitation.invalidate_recordset()
        self.assertEqual(invitation.state, "submitted")
        self.assertEqual(invitation.auto_score, 100.0)
        self.start_tour(
            "/odoo/action-crossborder_ops.crossborder_grading_queue_action",
            "crossborder_skill_test_grading",
            login=reviewer.login,
        )
        invitation.invalidate_recordset()
        self.assertEqual(invitation.state, "graded")
        self.assertEqual(sorted(invitation.grade_ids.mapped("score")), [4.0, 5.0])
        self.assertEqual(invitation.grade_ids.reviewer_id, reviewer)
        self.assertTrue(invitation.passed)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestRecruiterTour(TourOnALoadedMachine, HttpCase):
    """The recruiter's day in the browser: position from tasks, description, skill
    test, send, grade, trial, decide."""

    def test_recruiter_flow(self):
        env = self.env
        # the scheduled actions and other data are not in the way
        owner = new_test_user(
            env,
            login="cbo_tour_owner",
            password="cbo_tour_owner",
            name="Owen Owner",
            groups="hr_recruitment.group_hr_recruitment_user,hr.group_hr_user,"
            "crossborder_ops.group_crossborder_ops_manager",
        )
        job = env["hr.job"].create(
            {
                "name": "Tour position",
                "weekly_hours": 20,
                "employment_kind": "part_time_student",
                "user_id": owner.id,
                "interviewer_ids": [(6, 0, owner.ids)],
            }
        )
        self.start_tour(
            f"/odoo/action-crossborder_ops.hr_job_action/{job.id}",
            "crossborder_recruiter_position",
            login=owner.login,
        )
        self.assertEqual(job.task_ids.name, "Answer buyer messages")
        self.assertIn("Answer buyer messages", str(job.description))
        test = job.skill_test_ids
        self.assertTrue(test.survey_id, "the test is written from the task")
        applicant = env["hr.applicant"].create(
            {"partner_name": "Tour Tina", "email_from": "tina@example.com", "job_id": job.id}
        )
        self.start_tour(
            f"/odoo/hr.applicant/{applicant.id}", "crossborder_recruiter_send", login=owner.login
        )
        invitation = applicant.invitation_ids
        self.assertEqual(invitation.skill_test_id, test)
        # the applicant answers (his own tour is crossborder_skill_test_applicant)
        answer = invitation.user_input_id.sudo()
        for question in answer.predefined_question_ids:
            if question.question_type == "text_box":
                answer._save_lines(question, "Dear buyer, here is your tracking number.")
            else:
                answer._save_lines(
                    question, question.suggested_answer_ids.filtered("is_correct").id
                )
        now = fields.Datetime.now()
        answer.write(
            {"state": "done", "start_datetime": now - timedelta(minutes=15), "end_datetime": now}
        )
        self.start_tour(
            "/odoo/action-crossborder_ops.crossborder_grading_queue_action",
            "crossborder_recruiter_grade",
            login=owner.login,
        )
        invitation.invalidate_recordset()
        self.assertEqual(invitation.state, "graded")
        applicant.stage_id = env["hr.recruitment.stage"].search(
            [("hired_stage", "=", True)], limit=1
        )
        applicant.with_user(owner).create_employee_from_applicant()
        trial = env["crossborder.trial"].search([("applicant_id", "=", applicant.id)])
        self.assertEqual(trial.manager_id, owner)
        self.start_tour(
            f"/odoo/action-crossborder_ops.crossborder_trial_action/{trial.id}",
            "crossborder_recruiter_decide",
            login=owner.login,
        )
        trial.invalidate_recordset()
        self.assertEqual(trial.state, "confirmed")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTourOnALoadedMachine(BaseCase):
    """What runs a tour again: a browser lost before the first step, nothing else."""

    def _runs(self, *outcomes):
        """How many times the tour ran when its runs end with these outcomes."""
        runs = []

        class Browser:  # HttpCase's start_tour, which ends with these outcomes
            failureException = AssertionError

            def start_tour(self, url_path, tour_name, **kwargs):
                runs.append(tour_name)
                if (outcome := outcomes[len(runs) - 1]) is not None:
                    raise outcome

        try:
            with mute_logger("odoo.addons.crossborder_ops.tests.common"):  # retried on purpose
                type("TourCase", (TourOnALoadedMachine, Browser), {})().start_tour("/odoo", "a")
        finally:
            self.assertEqual(set(runs), {"a"})
        return len(runs)

    def test_a_browser_lost_before_the_first_step_runs_the_tour_again(self):
        chrome_gone = ConnectionResetError("the page's websocket closed")
        self.assertEqual(self._runs(chrome_gone, None), 2)
        self.assertEqual(self._runs(TimeoutError("Page.navigate(...)"), None), 2)
        with self.assertRaises(unittest.SkipTest):  # no chromium: skipped, which CI fails
            self._runs(unittest.SkipTest("chrome not found"), unittest.SkipTest("again"))
        with self.assertRaises(ConnectionResetError):  # once only
            self._runs(chrome_gone, chrome_gone)

    def test_a_tour_that_failed_or_ran_out_of_time_is_not_run_again(self):
        with self.assertRaises(AssertionError):
            self._runs(AssertionError("step 3: trigger not found"), None)
        with self.assertRaises(TimeoutError):
            self._runs(TimeoutError('Runtime.evaluate(odoo.startTour("a_tour"))'), None)
        self.assertEqual(self._runs(None), 1)
