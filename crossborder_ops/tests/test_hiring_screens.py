# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import Form, HttpCase, tagged

from .common import HiringCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHiringScreens(HiringCase):
    """What the recruiter sees: blanks for "not yet", life-cycle order, defaults that
    do not decide for him, the agreement as a PDF."""

    def _hire(self, name):
        applicant = self._applicant(name)
        applicant.stage_id = self.env["hr.recruitment.stage"].search(
            [("hired_stage", "=", True)], limit=1
        )
        applicant.with_user(self.officer).create_employee_from_applicant()
        return self.env["crossborder.trial"].search([("applicant_id", "=", applicant.id)])

    def test_one_trigger_opens_one_trial(self):
        trial = self._hire("Single Sam")
        self.assertEqual(len(trial), 1)
        applicant = trial.applicant_id
        # linked again to the same employee: still one trial
        applicant.write({"employee_id": False})
        applicant.write({"employee_id": trial.employee_id.id})
        self.assertEqual(
            self.env["crossborder.trial"].search_count([("applicant_id", "=", applicant.id)]), 1
        )
        # an applicant created already hired (import, demo) opens his trial too
        employee = self.env["hr.employee"].create({"name": "Imported Ida"})
        imported = self._applicant("Imported Ida", employee_id=employee.id)
        self.assertEqual(
            self.env["crossborder.trial"].search_count([("applicant_id", "=", imported.id)]), 1
        )

    def test_onboarding_and_situations_come_from_configuration(self):
        item = self.env["crossborder.onboarding.item"].create(
            {"name": "Meet the warehouse team", "kind": "other", "sequence": 99}
        )
        self.env.ref("crossborder_ops.onboarding_item_tools").active = False
        trial = self._hire("Configured Cleo")
        names = trial.onboarding_ids.mapped("name")
        self.assertIn(item.name, names)
        self.assertNotIn("Tools granted: chatbot, answer templates, shared drive", names)
        # part-timers sign the confidentiality agreement
        self.assertIn("confidentiality", trial.onboarding_ids.mapped("kind"))
        situation = self.env["crossborder.situational.question"].create(
            {
                "name": "A buyer asks for a discount before paying. What do you do?",
                "answer_ids": [
                    (0, 0, {"name": "Follow the discount policy", "is_correct": True}),
                    (0, 0, {"name": "Give 50 %", "is_correct": False}),
                ],
            }
        )
        test = self.env["crossborder.skill.test"].create(
            {"name": "Configured test", "job_id": self.job.id}
        )
        test.action_generate_survey()
        titles = test.survey_id.question_ids.mapped("title")
        self.assertIn(situation.name, titles)
        self.assertEqual(
            test.survey_id.question_ids.filtered(lambda q: q.title == situation.name)
            .suggested_answer_ids.filtered("is_correct")
            .value,
            "Follow the discount policy",
        )

    def test_decision_has_no_default_and_says_what_is_rated(self):
        trial = self._hire("Undecided Uma")
        wizard = Form(
            self.env["crossborder.trial.decision"]
            .with_user(self.officer)
            .with_context(default_trial_id=trial.id)
        )
        self.assertFalse(wizard.decision, "nothing is decided for the manager")
        self.assertEqual(wizard.unrated_count, len(trial.result_ids))
        self.assertIn(f"0 met of {len(trial.result_ids)}", wizard.result_summary)

    def test_trial_columns_follow_the_life_cycle(self):
        self._hire("Column Carl")
        # the kanban asks for empty columns with read_group_expand
        groups = (
            self.env["crossborder.trial"]
            .with_context(read_group_expand=True)
            .web_read_group([("applicant_id.job_id", "=", self.job.id)], ["state"], ["__count"])[
                "groups"
            ]
        )
        self.assertEqual(
            [group["state"] for group in groups],
            ["in_progress", "extended", "confirmed", "ended"],
            "every state is a column, in the order of a trial's life",
        )

    def test_grading_starts_blank_and_shows_colleagues(self):
        applicant = self._applicant("Blank Bob")
        invitation = self._send(applicant)
        self._submit(invitation, fields.Datetime.now())
        self.job.interviewer_ids = [(4, self.reviewer_b.id)]
        action = invitation.with_user(self.reviewer_a).action_grade()
        wizard = (
            self.env["crossborder.grading.wizard"]
            .with_user(self.reviewer_a)
            .browse(action["res_id"])
        )
        self.assertTrue(wizard.line_ids)
        self.assertFalse(any(wizard.line_ids.mapped("score")), "no score before grading")
        wizard.line_ids[0].score = "4"
        wizard.action_save()
        self.assertEqual(invitation.grade_ids.mapped("score"), [4.0], "blank lines give no grade")
        self.assertEqual(invitation.state, "submitted")
        # Ravi grades everything; Rita, once done herself, sees Ravi's grades
        wizard_b = (
            self.env["crossborder.grading.wizard"]
            .with_user(self.reviewer_b)
            .browse(invitation.with_user(self.reviewer_b).action_grade()["res_id"])
        )
        wizard_b.line_ids.score = "3"
        wizard_b.action_save()
        wizard_a = (
            self.env["crossborder.grading.wizard"]
            .with_user(self.reviewer_a)
            .browse(invitation.with_user(self.reviewer_a).action_grade()["res_id"])
        )
        self.assertEqual(wizard_a.line_ids[0].score, "4")
        self.assertFalse(wizard_a.line_ids[0].other_grades, "not before she graded everything")
        wizard_a.line_ids.filtered(lambda line: not line.score).score = "5"
        wizard_a.action_save()
        wizard_a = (
            self.env["crossborder.grading.wizard"]
            .with_user(self.reviewer_a)
            .browse(invitation.with_user(self.reviewer_a).action_grade()["res_id"])
        )
        self.assertIn("Ravi Reviewer: 3/5", wizard_a.line_ids[0].other_grades)

    def test_untested_applicants_have_no_rank(self):
        tested, untested = self._applicant("Tested Tom"), self._applicant("Untested Ulla")
        invitation = self._send(tested)
        self._submit(invitation, fields.Datetime.now())
        self.env["crossborder.grade"].create(
            [
                {"invitation_id": invitation.id, "criterion_id": c.id, "score": 4}
                for c in self.test.criterion_ids
            ]
        )
        self.assertEqual((tested.ranking_position, untested.ranking_position), (1, 0))
        self.assertFalse(untested.test_graded)

    def test_retention_too_early_and_funnel(self):
        trial = self._hire("Recent Rita")
        source = self.env["utm.source"].create({"name": "Funnel source"})
        trial.applicant_id.source_id = source
        untested = self._applicant("Funnel Fred", source_id=source.id)
        self.env.flush_all()
        rows = self.env["crossborder.hiring.report"].search([("source_id", "=", source.id)])
        by_applicant = {row.applicant_id: row for row in rows}
        hired = by_applicant[trial.applicant_id]
        self.assertEqual(hired.retention_state, "too_early")
        self.assertEqual((hired.too_early_count, hired.retained_count), (1, 0))
        self.assertEqual(hired.trial_count, 1)
        self.assertFalse(by_applicant[untested].retention_state)
        [funnel] = self.env["crossborder.hiring.report"]._read_group(
            [("source_id", "=", source.id)],
            [],
            ["applicant_count:sum", "trial_count:sum", "too_early_count:sum"],
        )
        self.assertEqual(funnel, (2, 1, 1))


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialAgreementPdf(HttpCase):
    """The agreement prints as a PDF (wkhtmltopdf fetches the report's styles from
    the running server, hence an HttpCase)."""

    def test_trial_agreement_as_pdf(self):
        job = self.env["hr.job"].create(
            {
                "name": "Printed position",
                "weekly_hours": 20,
                "task_ids": [(0, 0, {"name": "Answer buyers", "expected_result": "within 4 h"})],
            }
        )
        employee = self.env["hr.employee"].create({"name": "Printed Paula"})
        applicant = self.env["hr.applicant"].create(
            {"partner_name": "Printed Paula", "job_id": job.id, "employee_id": employee.id}
        )
        trial = self.env["crossborder.trial"].search([("applicant_id", "=", applicant.id)])
        self.assertEqual(trial.result_ids.expected_result, "within 4 h")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("crossborder_ops.action_report_trial_agreement", trial.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf renders the agreement")
        # a company with a document layout prints straight away (no layout wizard)
        self.env.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = trial.action_print_agreement()
        self.assertEqual(action["type"], "ir.actions.report")
