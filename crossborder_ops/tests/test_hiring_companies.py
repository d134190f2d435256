# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Companies, settings and XML-RPC clients on the hiring side (issue 11)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.rpc.controllers.xmlrpc import dumps as xmlrpc_dumps

from .common import HiringCase, load_shipped_translations
from .test_hiring_decisions import TrialCase

MODELS = (
    "crossborder.job.task",
    "crossborder.job.language",
    "crossborder.applicant.reference",
    "crossborder.skill.test",
    "crossborder.rubric.criterion",
    "crossborder.skill.test.invitation",
    "crossborder.grade",
    "crossborder.trial",
    "crossborder.trial.onboarding",
    "crossborder.trial.result",
    "crossborder.conversion",
    "crossborder.hiring.report",
)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHiringCompanies(TrialCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_a = env.company
        cls.company_b = env["res.company"].create({"name": "Other store"})
        cls.officer_b = new_test_user(
            env,
            login="cbo_officer_b",
            groups="hr_recruitment.group_hr_recruitment_user,hr.group_hr_user",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        applicant = cls._applicant("Ada Company-A", reference_ids=[(0, 0, {"name": "Prof. X"})])
        cls.job.language_ids = [(0, 0, {"lang_id": env.ref("base.lang_en").id})]
        invitation = applicant._crossborder_send_test(
            cls.test, fields.Datetime.now() + timedelta(days=1), send_email=False
        )
        answer = invitation.user_input_id
        answer.write({"state": "done", "end_datetime": fields.Datetime.now()})
        env["crossborder.grade"].create(
            {
                "invitation_id": invitation.id,
                "criterion_id": cls.test.criterion_ids[0].id,
                "score": 3,
            }
        )
        env["crossborder.conversion"].create(
            {
                "employee_id": cls.employee.id,
                "from_kind": "part_time_student",
                "to_kind": "full_time",
            }
        )
        env.flush_all()

    def test_other_company_sees_nothing_of_ours(self):
        for model in MODELS:
            with self.subTest(model=model):
                ours = self.env[model].search([("company_id", "=", self.company_a.id)])
                self.assertTrue(ours, "records of company A exist")
                self.assertFalse(self.env[model].with_user(self.officer_b).search([]))

    def test_records_of_two_companies_are_not_mixed(self):
        applicant_b = self._applicant("Bea Company-B", company_id=self.company_b.id)
        with self.assertRaises(UserError):
            self.env["crossborder.skill.test.invitation"].create(
                {
                    "applicant_id": applicant_b.id,
                    "skill_test_id": self.test.id,
                    "deadline": fields.Datetime.now() + timedelta(days=1),
                }
            )
        employee_b = self.env["hr.employee"].create(
            {"name": "Ben Company-B", "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError):
            self.trial.with_user(self.officer).write({"employee_id": employee_b.id})
        self.assertEqual(self.trial.employee_id, self.employee)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHiringSettings(HiringCase):
    def _save(self, **values):
        settings = self.env["res.config.settings"].create(values)
        settings.execute()

    def _params(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return [get(f"crossborder_ops.{key}") for key in ("trial_min_days", "trial_max_days")]

    def test_settings_validated_together(self):
        before = self._params()
        with self.assertFails(ValidationError, r"shortest trial \(40 days\) is longer than"):
            self._save(crossborder_trial_min_days=40, crossborder_trial_max_days=30)
        with self.assertFails(ValidationError, "0 or more"):
            self._save(crossborder_trial_reminder_days=-2)
        with self.assertFails(ValidationError, "at least one hour"):
            self._save(crossborder_test_deadline_hours=0)
        with self.assertFails(ValidationError, "default trial .* must be between"):
            self._save(crossborder_trial_default_days=60)
        with self.assertFails(ValidationError, "has a 21-day trial, outside the new bounds"):
            self._save(crossborder_trial_min_days=25, crossborder_trial_default_days=25)
        self.assertEqual(self._params(), before, "nothing saved")
        self._save(crossborder_trial_min_days=10, crossborder_trial_default_days=14)
        self.assertEqual(self._params()[0], "10")

    def test_zero_is_kept_where_it_is_allowed(self):
        self._save(crossborder_trial_reminder_days=0)
        settings = self.env["res.config.settings"]
        self.assertEqual(settings._crossborder_param("trial_reminder_days"), 0, "not the default 3")
        self.assertEqual(settings.create({}).crossborder_trial_reminder_days, 0, "the page shows 0")
        self._save(crossborder_trial_reminder_days=5)
        self.assertEqual(settings._crossborder_param("trial_reminder_days"), 5)

    def test_refusals_in_the_users_language(self):
        load_shipped_translations(self.env, "crossborder_ops")
        Param = self.env["ir.config_parameter"].with_context(lang="zh_CN")
        with self.assertFails(ValidationError, "无法保存招聘设置：\n- 最短试用期至少为一天。"):
            Param.set_param("crossborder_ops.trial_min_days", 0)
        with self.assertFails(ValidationError, "不是整数"):
            Param.set_param("crossborder_ops.pass_mark", "high")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestButtonsForRpcClients(TrialCase):
    """Every button of the hiring side returns something XML-RPC can marshal: what
    Odoo's /xmlrpc endpoints answer with (they refuse None and records)."""

    def assertMarshallable(self, result):
        xmlrpc_dumps((result,))  # raises TypeError on None and records

    def test_buttons_return_serialisable_values(self):
        applicant = self._applicant("Rpc Rita")
        wizard = (
            self.env["crossborder.skill.test.send"]
            .with_user(self.officer)
            .create(
                {
                    "applicant_ids": [(6, 0, applicant.ids)],
                    "job_id": self.job.id,
                    "skill_test_id": self.test.id,
                    "deadline": fields.Datetime.now() + timedelta(days=1),
                    "send_email": False,
                }
            )
        )
        self.assertMarshallable(wizard.action_send())
        invitation = applicant.invitation_ids
        self._submit(invitation, fields.Datetime.now())
        grading = self.env["crossborder.grading.wizard"].browse(
            invitation.with_user(self.reviewer_a).action_grade()["res_id"]
        )
        # the end below is decided on every expected result rated
        self.trial.with_user(self.manager).result_ids.write({"rating": "not_met"})
        results = [
            self._other_test().action_generate_survey(),
            self.test.action_open_survey(),
            self.test.action_view_invitations(),
            invitation.action_view_answers(),
            grading.with_user(self.reviewer_a).action_save(),
            applicant.action_send_skill_test(),
            self.job.action_generate_description(),
            self.job.action_view_skill_tests(),
            self.job.action_view_ranking(),
            self.employee.action_convert(),
            self.trial.with_user(self.manager).action_open_decision(),
            self.trial.action_print_agreement(),
            self.env["crossborder.trial.decision"]
            .with_user(self.manager)
            .create({"trial_id": self.trial.id, "decision": "end"})
            .action_apply(),
        ]
        for result in results:
            with self.subTest(result=str(result)[:60]):
                self.assertMarshallable(result)

    def _other_test(self):
        return self.env["crossborder.skill.test"].create(
            {"name": "Second test", "job_id": self.job.id}
        )
