# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Companies, settings and XML-RPC clients on the hiring side (issue 11)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.rpc.controllers.xmlrpc import dumps as xmlrpc_dumps

from .common import HiringCase, JsonRpc, load_shipped_translations
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
        with self.assertFails(ValidationError, "0 to 365 days before the end"):
            self._save(crossborder_trial_reminder_days=-2)
        with self.assertFails(ValidationError, "one hour to 90 days"):
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


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHiringCompaniesOverRpc(JsonRpc, TrialCase, HttpCase):
    """Another company's recruitment officer, and one of both companies, from
    outside (outside audit 60)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Istanbul store"})
        cls.officer_b = new_test_user(
            cls.env,
            login="cbo_officer_b",
            groups="hr_recruitment.group_hr_recruitment_user,hr.group_hr_user",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.officer.company_ids = [(4, cls.company_b.id)]  # Olivia recruits for both
        cls.job_b = cls.env["hr.job"].create(
            {"name": "Istanbul agent", "company_id": cls.company_b.id}
        )
        cls.ada = cls._applicant("Ada Company-A")

    def test_another_companys_officer_reads_no_answer_sheet(self):
        """Berk, officer of the other company only, read Ada's answer sheet (its
        key to her test), her answers and the test's average score."""
        invitation = self._send(self.ada)
        self._submit(invitation, fields.Datetime.now(), {})
        sheet = invitation.user_input_id
        self.assertTrue(sheet.user_input_line_ids, "she answered")
        self.env.flush_all()
        reads = [
            (
                "survey.user_input",
                "search_read",
                [[]],
                {"fields": ["access_token", "applicant_id"]},
            ),
            (
                "survey.user_input.line",
                "search_read",
                [[("user_input_id", "=", sheet.id)]],
                {"fields": ["value_text_box"]},
            ),
            ("survey.user_input", "search_count", [[("applicant_id", "=", self.ada.id)]], {}),
        ]
        for login, sees in (("cbo_officer", True), ("cbo_officer_b", False)):
            self.authenticate(login, login)
            for model, method, args, kwargs in reads:
                with self.subTest(login=login, model=model, method=method):
                    found, error = self._call_kw(model, method, args, **kwargs)
                    self.assertFalse(error)
                    if method == "search_read" and model == "survey.user_input":
                        found = [row for row in found if row["applicant_id"]]
                    self.assertEqual(bool(found), sees)
            with self.subTest(login=login, model="survey.user_input", method="read_group"):
                groups, error = self._call_kw(
                    "survey.user_input",
                    "formatted_read_group",
                    [[("applicant_id", "!=", False)], ["survey_id"], ["scoring_percentage:avg"]],
                )
                self.assertFalse(error)
                self.assertEqual(bool(groups), sees)
        found, error = self._call_kw("survey.user_input", "read", [sheet.ids, ["access_token"]])
        self.assertIn("AccessError", error.get("name", ""))
        self.assertFalse(found)

    def test_an_applicant_with_a_test_stays_with_its_company(self):
        """Olivia moved Ada, whose test was sent, to a position of the other
        company: the test followed her there, still of the first company's
        position, readable and extendable from there, lost to its sender."""
        invitation = self._send(self.ada)
        self.authenticate("cbo_officer", "cbo_officer")
        both = {"allowed_company_ids": [self.company_a.id, self.company_b.id]}
        department_b = self.env["hr.department"].create(
            {"name": "Istanbul CS", "company_id": self.company_b.id}
        )
        for values in (
            {"job_id": self.job_b.id},
            {"company_id": self.company_b.id},
            {"company_id": False},  # then seen by every company
            {"department_id": department_b.id},  # the company follows the department
        ):
            with self.subTest(values=values):
                result, error = self._call_kw(
                    "hr.applicant", "write", [self.ada.ids, values], context=both
                )
                self.assertIn("stays with that company", error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(self.ada.company_id, self.company_a)
        self.assertEqual(invitation.company_id, self.company_a)
        # a position of the same company stays open to her
        job_a2 = self.env["hr.job"].create({"name": "VA", "company_id": self.company_a.id})
        result, error = self._call_kw(
            "hr.applicant", "write", [self.ada.ids, {"job_id": job_a2.id}], context=both
        )
        self.assertFalse(error)
        self.assertTrue(result)

    def test_an_employee_on_trial_stays_with_its_company(self):
        """Olivia moved Tom, on a trial of the first company, to the other one:
        his trial and application stayed linked to him across companies."""
        self.authenticate("cbo_officer", "cbo_officer")
        both = {"allowed_company_ids": [self.company_a.id, self.company_b.id]}
        _result, error = self._call_kw(
            "hr.employee",
            "write",
            [self.employee.ids, {"company_id": self.company_b.id}],
            context=both,
        )
        self.assertIn("decide on the trial before he moves", error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(self.employee.company_id, self.company_a)

    def test_a_position_with_tests_sent_stays_with_its_company(self):
        """Olivia moved the position to the other company: its skill test went
        along, and its applicants' tests were no longer readable from the
        company that sent them (outside audit 63)."""
        self._send(self.ada)
        self.authenticate("cbo_officer", "cbo_officer")
        both = {"allowed_company_ids": [self.company_a.id, self.company_b.id]}
        _result, error = self._call_kw(
            "hr.job", "write", [self.job.ids, {"company_id": self.company_b.id}], context=both
        )
        self.assertIn("stays in that company", error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(self.test.company_id, self.company_a)
