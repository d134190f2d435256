# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Side doors of the hiring side found by an outside audit, played from outside as
each role would (JSON-RPC of the web client): a reviewer who looks at her colleagues'
grades and then changes her own, the sealed test read by any survey user, grades
changed after the hire, the answer key's bank read by every employee."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import HiringCase, JsonRpc

USER_ERROR = "odoo.exceptions.UserError"
ACCESS = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install", "crossborder_ops")
class TestGradingSideDoors(JsonRpc, HiringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job.interviewer_ids = [(4, cls.reviewer_b.id)]
        cls.ana = cls._applicant("Ana Reyes")

    def _graded_by_colleague(self, score=4):
        """Ana's test, submitted and graded on every criterion by Ravi."""
        invitation = self._send(self.ana)
        self._submit(invitation, fields.Datetime.now())
        self.env["crossborder.grade"].with_user(self.reviewer_b).create(
            [
                {"invitation_id": invitation.id, "criterion_id": c.id, "score": score}
                for c in self.test.criterion_ids
            ]
        )
        return invitation

    def _shown(self, invitation):
        rows, error = self._call_kw(
            "crossborder.skill.test.invitation",
            "read",
            [invitation.ids, ["shown_final_score", "shown_passed"]],
        )
        self.assertFalse(error)
        return rows[0]["shown_final_score"], rows[0]["shown_passed"]

    def test_reviewer_cannot_change_her_grades_once_she_sees_the_others(self):
        invitation = self._graded_by_colleague()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        others, error = self._call_kw(
            "crossborder.grade", "search_read", [[("invitation_id", "=", invitation.id)]]
        )
        self.assertEqual(others, [], "hidden before she grades")
        mine = []
        for criterion in self.test.criterion_ids:
            grade_id, error = self._call_kw(
                "crossborder.grade",
                "create",
                [{"invitation_id": invitation.id, "criterion_id": criterion.id, "score": 0}],
            )
            self.assertFalse(error)
            mine.append(grade_id)
        # graded every criterion: the others' grades and the score open to her
        others, error = self._call_kw(
            "crossborder.grade",
            "search_read",
            [[("invitation_id", "=", invitation.id), ("reviewer_id", "!=", self.reviewer_a.id)]],
            fields=["score"],
        )
        self.assertEqual([row["score"] for row in others], [4.0, 4.0])
        verdict = self._shown(invitation)
        # ... and her own grades are final: no second try after looking
        result, error = self._call_kw("crossborder.grade", "write", [mine, {"score": 5}])
        self.assertEqual(error.get("name"), USER_ERROR)
        self.assertIn("are final", error["message"])
        result, error = self._call_kw("crossborder.grade", "unlink", [mine])
        self.assertIn(error.get("name"), (USER_ERROR, ACCESS))
        self.assertEqual(self._shown(invitation), verdict, "the verdict stays")
        self.env.invalidate_all()
        self.assertEqual(invitation.grade_ids.browse(mine).mapped("score"), [0.0, 0.0])
        # her grading screen says so and saves nothing new
        action, error = self._call_kw(
            "crossborder.skill.test.invitation", "action_grade", [invitation.ids]
        )
        wizard = self.env["crossborder.grading.wizard"].browse(action["res_id"])
        self.assertTrue(wizard.grades_final)
        result, error = self._call_kw("crossborder.grading.wizard", "action_save", [wizard.ids])
        self.assertFalse(error, "unchanged grades save as they are")
        # a recruitment officer corrects a grade
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw("crossborder.grade", "write", [mine[:1], {"score": 3}])
        self.assertFalse(error)

    def test_grades_stay_as_they_were_at_hiring(self):
        invitation = self._graded_by_colleague(score=5)
        score = self.ana.test_score
        self.ana.stage_id = self.env["hr.recruitment.stage"].search(
            [("hired_stage", "=", True)], limit=1
        )
        self.assertEqual(self.ana.application_status, "hired")
        first = self.test.criterion_ids[0]
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        result, error = self._call_kw(
            "crossborder.grade",
            "create",
            [{"invitation_id": invitation.id, "criterion_id": first.id, "score": 0}],
        )
        self.assertEqual(error.get("name"), USER_ERROR)
        self.assertIn("no longer in the running", error["message"])
        ravi = invitation.grade_ids.filtered(lambda g: g.reviewer_id == self.reviewer_b)
        self.authenticate("cbo_officer", "cbo_officer")
        for method, args in (("write", [ravi.ids, {"score": 1}]), ("unlink", [ravi.ids])):
            with self.subTest(method=method):
                result, error = self._call_kw("crossborder.grade", method, args)
                self.assertEqual(error.get("name"), USER_ERROR)
        self.env.invalidate_all()
        self.assertEqual(self.ana.test_score, score, "the score given at hiring stays")

    def test_reviewer_does_not_grade_her_own_application(self):
        """Rita, interviewer of the position, applies to it herself (as herself, or
        under her e-mail address): she graded her own test into the pass mark and
        the ranking (outside audit 35). Ravi grades it."""
        rita = self.reviewer_a
        rita.email = "rita.reviewer@example.com"
        own = self._applicant("Rita Reviewer", partner_id=rita.partner_id.id, email_from=rita.email)
        # another contact of hers, under her address
        contact = self.env["res.partner"].create(
            {"name": "Rita R.", "email": "Rita <RITA.reviewer@example.com>"}
        )
        by_email = self._applicant("Rita R.", partner_id=contact.id, email_from=contact.email)
        invitations = self._send(own | by_email)
        for invitation in invitations:
            self._submit(invitation, fields.Datetime.now())
        self.env.flush_all()
        for login, reviewer in (("cbo_rev_a", None), ("cbo_officer", rita.id)):
            self.authenticate(login, login)
            for invitation in invitations:
                with self.subTest(login=login, applicant=invitation.applicant_id.partner_name):
                    grades = [
                        {"invitation_id": invitation.id, "criterion_id": c.id, "score": 5}
                        for c in self.test.criterion_ids
                    ]
                    if reviewer:  # recorded for her by an officer
                        grades = [{**grade, "reviewer_id": reviewer} for grade in grades]
                    result, error = self._call_kw("crossborder.grade", "create", [grades])
                    # she is refused as the applicant (outside audit 50, A1), the
                    # officer for recording a grade of hers on it
                    if reviewer:
                        self.assertEqual(error.get("name"), "odoo.exceptions.ValidationError")
                        self.assertIn("his own application", error["message"])
                    else:
                        self.assertEqual(error.get("name"), ACCESS)
                        self.assertIn("your own application", error["message"])
        self.env.invalidate_all()
        self.assertFalse(invitations.grade_ids)
        self.assertEqual(set(invitations.mapped("state")), {"submitted"}, "still to grade")
        self.assertFalse((own | by_email).filtered("test_passed"))
        # Ravi, another interviewer of the position, grades her test
        self.authenticate("cbo_rev_b", "cbo_rev_b")
        result, error = self._call_kw(
            "crossborder.grade",
            "create",
            [
                [
                    {"invitation_id": invitations[0].id, "criterion_id": c.id, "score": 2}
                    for c in self.test.criterion_ids
                ]
            ],
        )
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(invitations[0].state, "graded")

    def _grade_all(self, invitation, score=5):
        """(result, error) of the logged-in reviewer grading every criterion."""
        return self._call_kw(
            "crossborder.grade",
            "create",
            [
                [
                    {"invitation_id": invitation.id, "criterion_id": c.id, "score": score}
                    for c in self.test.criterion_ids
                ]
            ],
        )

    def _ordinary_contact_work(self):
        """Ordinary work goes on: an officer corrects the contact of an applicant whose
        test is out and not graded yet; an interviewer changes the contact of an
        applicant who has no test yet, and edits the other fields of one who has."""
        invitation = self._send(self.ana)
        self._submit(invitation, fields.Datetime.now())
        ana_reyes = self.env["res.partner"].create(
            {"name": "Ana Reyes", "email": "ana.reyes@example.com"}
        )
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "hr.applicant", "write", [self.ana.ids, {"partner_id": ana_reyes.id}]
        )
        self.assertFalse(error, error.get("message"))
        bo = self._applicant("Bo Berg")
        bo_contact = self.env["res.partner"].create(
            {"name": "Bo Bergström", "email": "bo.bergstrom@example.com"}
        )
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        result, error = self._call_kw(
            "hr.applicant", "write", [bo.ids, {"partner_id": bo_contact.id}]
        )
        self.assertFalse(error, error.get("message"))
        result, error = self._call_kw(
            "hr.applicant", "write", [self.ana.ids, {"language_note": "Spanish native"}]
        )
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(self.ana.email_from, "ana.reyes@example.com")
        self.assertEqual(bo.email_from, "bo.bergstrom@example.com")

    def test_interviewer_does_not_move_her_application_off_herself_to_grade_it(self):
        """Rita, interviewer of the position, applied to it as herself. Her test sent,
        she put another contact on her application, graded herself full marks and put
        herself back (outside audit 38). Who the applicant is stays the officers' to
        change once his test is out, and a grade never ends up on its reviewer's own
        application."""
        rita = self.reviewer_a
        rita.email = "rita.reviewer@example.com"
        own = self._applicant("Rita Reviewer", partner_id=rita.partner_id.id, email_from=rita.email)
        mara = self.env["res.partner"].create({"name": "Mara Costa", "email": "mara@example.com"})
        invitation = self._send(own)
        self._submit(invitation, fields.Datetime.now())
        self.env.flush_all()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        for vals in (
            {"partner_id": mara.id},
            {"email_from": "mara@example.com"},
            {"partner_name": "Mara Costa"},
            {"partner_id": mara.id, "partner_name": "Mara Costa"},
        ):
            with self.subTest(vals=vals):
                result, error = self._call_kw("hr.applicant", "write", [own.ids, vals])
                self.assertEqual(error.get("name"), ACCESS)
                self.assertIn("your own application", error["message"])
        result, error = self._grade_all(invitation)
        self.assertIn("your own application", error.get("message", ""))
        # nor does she screen herself (outside audit 50, A2)
        result, error = self._call_kw(
            "hr.applicant", "write", [own.ids, {"screening_note": "Strong writer"}]
        )
        self.assertEqual(error.get("name"), ACCESS)
        self.env.invalidate_all()
        self.assertEqual(own.partner_id, rita.partner_id)
        self.assertEqual(own.email_from, "rita.reviewer@example.com")
        self.assertFalse(invitation.grade_ids)
        self.assertEqual(invitation.state, "submitted")
        self.assertFalse(own.test_passed)
        self._ordinary_contact_work()
        # who another applicant is, once his test is out, is the officers' to change
        result, error = self._call_kw(
            "hr.applicant", "write", [self.ana.ids, {"partner_name": "Ana R."}]
        )
        self.assertEqual(error.get("name"), ACCESS)
        self.assertIn("only recruitment officers change who", error["message"])
        # an officer who moves the application off her after she graded it (her
        # grades given to Mara's test) cannot move it back onto her
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw("hr.applicant", "write", [own.ids, {"partner_id": mara.id}])
        self.assertFalse(error, error.get("message"))
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        result, error = self._grade_all(invitation)
        self.assertFalse(error, error.get("message"))
        self.authenticate("cbo_officer", "cbo_officer")
        for vals in (
            {"partner_id": rita.partner_id.id},
            {"email_from": "Rita <rita.reviewer@example.com>"},
        ):
            with self.subTest(vals=vals):
                result, error = self._call_kw("hr.applicant", "write", [own.ids, vals])
                self.assertEqual(error.get("name"), "odoo.exceptions.ValidationError")
                self.assertIn("Rita Reviewer graded", error["message"])
        self.env.invalidate_all()
        self.assertEqual(own.partner_id, mara)

    def test_reviewer_does_not_grade_her_application_under_another_address_of_hers(self):
        """Rita's application under a plus-address of her mailbox, or under the
        private address HR keeps for her, is hers too (outside audit 38); and she does
        not take her address off her account to grade it and put it back."""
        rita = self.reviewer_a
        rita.email = "rita.reviewer@example.com"
        employee = self.env["hr.employee"].create(
            {"name": "Rita Reviewer", "user_id": rita.id, "private_email": "rita@home.example"}
        )
        plus = self._applicant("Rita R.", email_from="Rita.Reviewer+jobs@example.com")
        home = self._applicant("R. Reviewer", email_from="rita@home.example")
        self.assertNotIn(rita.partner_id, (plus | home).partner_id)
        invitations = self._send(plus | home)
        for invitation in invitations:
            self._submit(invitation, fields.Datetime.now())
        self.env.flush_all()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        for invitation in invitations:
            with self.subTest(applicant=invitation.applicant_id.partner_name):
                result, error = self._grade_all(invitation)
                self.assertEqual(error.get("name"), ACCESS)
                self.assertIn("your own application", error["message"])
        # her account's address (an account without an employee) moved away, the
        # test graded, the address put back
        employee.user_id = False
        result, error = self._call_kw(
            "res.users", "write", [rita.ids, {"email": "rita.elsewhere@example.net"}]
        )
        self.assertFalse(error, error.get("message"))
        result, error = self._grade_all(plus.invitation_ids)
        self.assertFalse(error, error.get("message"))
        result, error = self._call_kw(
            "res.users", "write", [rita.ids, {"email": "rita.reviewer@example.com"}]
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.ValidationError")
        self.assertIn("Rita Reviewer graded", error["message"])
        self.env.invalidate_all()
        self.assertEqual(rita.email, "rita.elsewhere@example.net")
        self.assertEqual(plus.invitation_ids.grade_ids.reviewer_id, rita, "graded meanwhile")
        self.assertEqual(home.invitation_ids.state, "submitted")
        self.assertFalse(home.invitation_ids.grade_ids)

    def test_reviewer_changes_her_grades_until_she_has_graded_everything(self):
        invitation = self._graded_by_colleague()
        first, second = self.test.criterion_ids
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        grade_id, error = self._call_kw(
            "crossborder.grade",
            "create",
            [{"invitation_id": invitation.id, "criterion_id": first.id, "score": 2}],
        )
        result, error = self._call_kw("crossborder.grade", "write", [[grade_id], {"score": 3}])
        self.assertFalse(error, "not done yet: she may change it")
        others, error = self._call_kw(
            "crossborder.grade",
            "search_count",
            [[("invitation_id", "=", invitation.id), ("reviewer_id", "!=", self.reviewer_a.id)]],
        )
        self.assertEqual(others, 0, "nor does she see the others' yet")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSealedSurveySideDoors(JsonRpc, HiringCase, HttpCase):
    """A survey user (Marketing's Surveys app) is no reader of skill tests: the bank
    of assignments and the situations' key are for recruitment officers and the
    interviewers of the position."""

    SECRET = "stuck in customs"  # in a situational question

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        surveys = "base.group_user,survey.group_survey_user"
        cls.survey_user = new_test_user(
            cls.env, login="cbo_survey_user", name="Marc Surveys", groups=surveys
        )
        cls.interviewer = new_test_user(
            cls.env,
            login="cbo_survey_interviewer",
            groups=f"{surveys},hr_recruitment.group_hr_recruitment_interviewer",
        )
        cls.other_interviewer = new_test_user(
            cls.env,
            login="cbo_survey_other",
            groups=f"{surveys},hr_recruitment.group_hr_recruitment_interviewer",
        )
        cls.officer.group_ids = [(4, cls.env.ref("survey.group_survey_user").id)]
        cls.job.interviewer_ids = [(4, cls.interviewer.id)]
        cls.other_job.interviewer_ids = [(4, cls.other_interviewer.id)]
        cls.survey = cls.test.survey_id

    def _seen(self, login):
        """What ``login`` reads of the skill test over JSON-RPC: its questions, its
        right options, and whether the survey itself opens."""
        self.authenticate(login, login)
        questions, _error = self._call_kw(
            "survey.question",
            "search_read",
            [[("survey_id", "=", self.survey.id)]],
            fields=["title"],
        )
        key, _error = self._call_kw(
            "survey.question.answer",
            "search_read",
            [[("question_id.survey_id", "=", self.survey.id), ("is_correct", "=", True)]],
            fields=["value"],
        )
        survey, error = self._call_kw("survey.survey", "read", [self.survey.ids, ["title"]])
        return len(questions or []), len(key or []), error.get("name")

    def test_survey_user_reads_no_skill_test(self):
        self.assertEqual(self._seen("cbo_survey_user"), (0, 0, ACCESS))
        self.assertEqual(self._seen("cbo_survey_other"), (0, 0, ACCESS), "not his position")
        # nor changes it
        question = self.survey.question_ids.filtered("suggested_answer_ids")[:1]
        self.authenticate("cbo_survey_user", "cbo_survey_user")
        result, error = self._call_kw(
            "survey.question", "write", [question.ids, {"title": "Changed"}]
        )
        self.assertEqual(error.get("name"), ACCESS)
        # the print and test routes show him nothing either
        self.env.flush_all()
        for route in ("print", "test"):
            with self.subTest(route=route):
                page = self.url_open(f"/survey/{route}/{self.survey.access_token}").text
                self.assertNotIn(self.SECRET, page)
        self.assertFalse(
            self.env["survey.user_input"].search(
                [("survey_id", "=", self.survey.id), ("test_entry", "=", True)]
            ),
            "no test run of the skill test",
        )
        # a survey of his own stays his
        mine, error = self._call_kw("survey.survey", "create", [{"title": "Team lunch"}])
        self.assertFalse(error)
        found, error = self._call_kw("survey.survey", "search", [[("id", "=", mine)]])
        self.assertEqual(found, [mine])

    def test_officers_and_interviewers_of_the_position_read_it(self):
        total = len(self.survey.question_and_page_ids)
        for login in ("cbo_officer", "cbo_survey_interviewer"):
            with self.subTest(login=login):
                questions, key, error = self._seen(login)
                self.assertEqual((questions, error), (total, None))
        self.assertEqual(self._seen("cbo_officer")[1], 3, "officers read the key")
        self.authenticate("cbo_officer", "cbo_officer")
        self.env.flush_all()
        page = self.url_open(f"/survey/print/{self.survey.access_token}").text
        self.assertIn(self.SECRET, page, "and print the test")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialNotesSideDoors(JsonRpc, HiringCase, HttpCase):
    """Notes of a trial's end and confirmation, read by those who read them: any
    employee (the position's chatter), the trial's manager and the trainee (the
    trial's). Test scores and the wage are not theirs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.hr_manager = new_test_user(
            env,
            login="cbo_notes_hr",
            groups="hr.group_hr_manager,hr_recruitment.group_hr_recruitment_user",
        )
        cls.trial_manager = new_test_user(env, login="cbo_notes_manager", name="Walter Lead")
        cls.colleague = new_test_user(env, login="cbo_notes_colleague", groups="base.group_user")
        cls.hired = cls._applicant("Hired Hana")
        cls.runner_up = cls._applicant("Runner Rosa")
        cls.hired.stage_id = env["hr.recruitment.stage"].search(
            [("hired_stage", "=", True)], limit=1
        )
        cls.hired.with_user(cls.officer).create_employee_from_applicant()
        cls.trial = env["crossborder.trial"].search([("applicant_id", "=", cls.hired.id)])
        cls.trial.sudo().manager_id = cls.trial_manager

    def _bodies(self, login, model, record):
        self.authenticate(login, login)
        rows, error = self._call_kw(
            "mail.message",
            "search_read",
            [[("model", "=", model), ("res_id", "=", record.id)]],
            fields=["body"],
        )
        self.assertFalse(error)
        return " ".join(row["body"] for row in rows)

    def test_reopen_note_carries_no_scores(self):
        invitation = self._send(self.runner_up)
        self._submit(invitation, fields.Datetime.now())
        self.env["crossborder.grade"].create(
            [
                {"invitation_id": invitation.id, "criterion_id": c.id, "score": 3}
                for c in self.test.criterion_ids
            ]
        )
        self.assertTrue(self.runner_up.test_graded)
        # the end is decided on every expected result rated
        self.trial.with_user(self.trial_manager).result_ids.write({"rating": "not_met"})
        self.trial.with_user(self.trial_manager)._apply_decision("end", "Not a fit")
        for login, model, record in (
            ("cbo_notes_colleague", "hr.job", self.job),
            ("cbo_notes_manager", "crossborder.trial", self.trial),
        ):
            with self.subTest(login=login, model=model):
                bodies = self._bodies(login, model, record)
                self.assertIn("Runner-ups still in the running: 1", bodies)
                self.assertNotIn("test score", bodies)
                self.assertNotIn(f"{self.runner_up.test_score:.0f}", bodies)
                self.assertNotIn("Runner Rosa", bodies)

    def test_confirmation_note_leaves_the_wage_out(self):
        self.trial.result_ids.sudo().write({"rating": "met"})
        calendar = self.env["resource.calendar"].create({"name": "T-Full time 40h"})
        self.authenticate("cbo_notes_hr", "cbo_notes_hr")
        wizard, error = self._call_kw(
            "crossborder.trial.decision",
            "create",
            [
                {
                    "trial_id": self.trial.id,
                    "decision": "confirm",
                    "contract_wage": 3456.0,
                    "contract_calendar_id": calendar.id,
                }
            ],
        )
        self.assertFalse(error)
        result, error = self._call_kw("crossborder.trial.decision", "action_apply", [wizard])
        self.assertFalse(error)
        self.assertEqual(self.trial.state, "confirmed")
        bodies = self._bodies("cbo_notes_manager", "crossborder.trial", self.trial)
        self.assertIn("Wage changed: see the contract", bodies)
        self.assertIn("T-Full time 40h", bodies, "the working hours are his to read")
        self.assertNotIn("3,456", bodies)
        self.assertNotIn("3456", bodies)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialMessageSideDoors(JsonRpc, HiringCase, HttpCase):
    """The trainee writes on his trial in his own name, through message_post or the
    messages themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.trainee = new_test_user(env, login="cbo_msg_trainee", groups="base.group_user")
        cls.manager = new_test_user(env, login="cbo_msg_manager", groups="base.group_user")
        employee = env["hr.employee"].create({"name": "Jonas Trainee", "user_id": cls.trainee.id})
        today = fields.Date.context_today(env.user)
        cls.trial = env["crossborder.trial"].create(
            {
                "employee_id": employee.id,
                "manager_id": cls.manager.id,
                "date_start": today,
                "date_end": today + timedelta(days=21),
            }
        )
        cls.note = env.ref("mail.mt_note")

    def _message(self, **values):
        return {
            "model": "crossborder.trial",
            "res_id": self.trial.id,
            "body": "Decision: Confirm long-term.",
            "message_type": "comment",
            "subtype_id": self.note.id,
            **values,
        }

    def test_trainee_cannot_sign_a_message_as_his_manager(self):
        self.authenticate("cbo_msg_trainee", "cbo_msg_trainee")
        manager = self.manager.partner_id.id
        result, error = self._call_kw("mail.message", "create", [self._message(author_id=manager)])
        self.assertEqual(error.get("name"), ACCESS)
        self.assertIn("in your own name", error["message"])
        result, error = self._call_kw(
            "mail.message",
            "create",
            [self._message()],
            context={"default_author_id": manager},
        )
        self.assertEqual(error.get("name"), ACCESS, "nor through a default")
        own, error = self._call_kw(
            "mail.message", "create", [self._message(body="Thanks for the help")]
        )
        self.assertFalse(error, "in his own name he writes")
        result, error = self._call_kw("mail.message", "write", [[own], {"author_id": manager}])
        self.assertEqual(error.get("name"), ACCESS, "nor signs his own later")
        self.env.invalidate_all()
        messages = self.trial.message_ids
        self.assertFalse(messages.filtered(lambda m: m.author_id == self.manager.partner_id))
        self.assertIn("Thanks for the help", messages.mapped("body")[0])

    def test_trial_messages_stay_as_written(self):
        """One rule with the tickets: a message's date is the system's, and only its
        author edits or deletes his own note; HR, who may write the trial, do not
        rewrite or delete the trainee's words."""
        note = self.trial.with_user(self.trainee).message_post(
            body="I was not told about the refund rule",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.authenticate("cbo_officer", "cbo_officer")
        for method, args in (
            ("write", [note.ids, {"body": "All clear"}]),
            ("unlink", [note.ids]),
        ):
            with self.subTest(method=method):
                result, error = self._call_kw("mail.message", method, args)
                self.assertEqual(error.get("name"), ACCESS)
                self.assertIn("stay as they were written", error["message"])
        self.authenticate("cbo_msg_trainee", "cbo_msg_trainee")
        result, error = self._call_kw(
            "crossborder.trial",
            "message_post",
            [[self.trial.id]],
            body="Check-in done",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            date=fields.Datetime.to_string(fields.Datetime.now() - timedelta(days=7)),
        )
        self.assertEqual(error.get("name"), ACCESS, "nor back-dated")
        result, error = self._call_kw(
            "mail.message", "write", [note.ids, {"body": "I was not told about the refund rule."}]
        )
        self.assertIs(result, True, "his own note he corrects")
        self.env.invalidate_all()
        self.assertNotIn("Check-in done", "".join(self.trial.message_ids.mapped("body")))

    def test_trainee_writes_to_his_manager_away(self):
        # the manager's automatic answer is the system's, in his name: the trainee's
        # message goes through
        self.manager.write(
            {
                "out_of_office_from": fields.Datetime.now() - timedelta(days=1),
                "out_of_office_to": fields.Datetime.now() + timedelta(days=1),
                "out_of_office_message": "<p>Back next week.</p>",
            }
        )
        self.authenticate("cbo_msg_trainee", "cbo_msg_trainee")
        result, error = self._call_kw(
            "crossborder.trial",
            "message_post",
            [[self.trial.id]],
            body="Can we talk about my figures?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[self.manager.partner_id.id],
        )
        self.assertFalse(error, "the trainee writes to his manager")
        self.env.invalidate_all()
        answers = self.trial.message_ids.filtered(lambda m: m.message_type == "out_of_office")
        self.assertEqual(answers.author_id, self.manager.partner_id, "his answer, by the system")
        self.assertIn("Back next week", answers.body)

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")  # "XML-RPC is deprecated": on purpose
    def test_trainee_cannot_feed_the_mail_gateway(self):
        """Any employee called the mail gateway over RPC with an e-mail of his own
        making: it posted in his manager's name on his trial, as the system, with the
        date he chose (audit b2 #1). The gateway is the system's: the mail server's
        scheduled action, or the mailgate script logged in as an administrator."""
        self.manager.email = "mia.manager@example.com"
        self.trainee.email = "jonas.trainee@example.com"
        trials_before = self.env["crossborder.trial"].search_count([])

        def mail(sender, body, key):
            return (
                f"From: {sender}\nTo: hr@example.com\nSubject: My trial\n"
                "Date: Sun, 01 Nov 2026 10:00:00 +0000\n"
                f"Message-ID: <cbo-gateway-{key}@example.com>\n"
                f"Content-Type: text/plain\n\n{body}\n"
            )

        forged = mail(self.manager.email, "Decision: Confirm long-term", "forged")
        self.authenticate("cbo_msg_trainee", "cbo_msg_trainee")
        for model, method, args, kwargs in (
            ("mail.thread", "message_process", ["crossborder.trial", forged], {}),
            (
                "mail.thread",
                "message_process",
                ["crossborder.trial", forged],
                {"thread_id": self.trial.id},
            ),
            ("crossborder.trial", "message_process", [False, forged], {}),
            (
                "crossborder.trial",
                "message_new",
                [{"subject": "Forged", "email_from": self.manager.email}],
                {},
            ),
            (
                "crossborder.trial",
                "message_update",
                [[self.trial.id], {"subject": "Forged"}],
                {"update_vals": {"date_end": "2030-01-01"}},
            ),
        ):
            with self.subTest(model=model, method=method, kwargs=kwargs):
                result, error = self._call_kw(model, method, args, **kwargs)
                self.assertEqual(error.get("name"), ACCESS)
                self.assertIn("gateway", error["message"])
        db = self.env.cr.dbname
        with mute_logger("odoo.http"), self.assertRaisesRegex(Exception, "gateway"):
            self.xmlrpc_object.execute_kw(
                db,
                self.trainee.id,
                "cbo_msg_trainee",
                "mail.thread",
                "message_process",
                ["crossborder.trial", forged],
                {"thread_id": self.trial.id},
            )
        self.env.invalidate_all()
        self.assertFalse(
            self.trial.message_ids.filtered(lambda m: "Confirm long-term" in (m.body or "")),
            "nothing posted in his manager's name",
        )
        self.assertEqual(
            self.trial.date_end, fields.Date.context_today(self.env.user) + timedelta(days=21)
        )
        self.assertEqual(self.env["crossborder.trial"].search_count([]), trials_before)
        # the mailgate script, logged in as an administrator, still delivers e-mails
        admin = new_test_user(self.env, login="cbo_gate_admin", groups="base.group_system")
        delivered = self.xmlrpc_object.execute_kw(
            db,
            admin.id,
            "cbo_gate_admin",
            "mail.thread",
            "message_process",
            ["crossborder.trial", mail(self.trainee.email, "Thanks for the call", "real")],
            {"thread_id": self.trial.id},
        )
        self.assertEqual(delivered, self.trial.id)
        self.env.invalidate_all()
        message = self.trial.message_ids.filtered(lambda m: "Thanks for the call" in (m.body or ""))
        self.assertEqual(message.author_id, self.trainee.partner_id, "in the sender's name")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialSideDoors(JsonRpc, HiringCase, HttpCase):
    """HR over JSON-RPC: one open trial per hire, and a decided trial stays about
    the employee, position and dates it was decided on."""

    VALIDATION = "odoo.exceptions.ValidationError"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.hired = cls._applicant("Lina Hired")
        cls.hired.stage_id = env["hr.recruitment.stage"].search(
            [("hired_stage", "=", True)], limit=1
        )
        cls.hired.with_user(cls.officer).create_employee_from_applicant()
        cls.trial = env["crossborder.trial"].search([("applicant_id", "=", cls.hired.id)])
        cls.other_employee = env["hr.employee"].create({"name": "Cand One"})

    def test_no_second_open_trial(self):
        self.assertEqual(self.trial.state, "in_progress")
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw("crossborder.trial", "copy", [self.trial.ids])
        self.assertEqual(error.get("name"), USER_ERROR)
        self.assertIn("not duplicated", error["message"])
        today = fields.Date.context_today(self.env.user)
        result, error = self._call_kw(
            "crossborder.trial",
            "create",
            [
                {
                    "employee_id": self.trial.employee_id.id,
                    "date_start": str(today),
                    "date_end": str(today + timedelta(days=21)),
                }
            ],
        )
        self.assertEqual(error.get("name"), self.VALIDATION)
        self.assertIn("already has a trial in progress", error["message"])
        self.assertEqual(
            self.env["crossborder.trial"].search_count(
                [("employee_id", "=", self.trial.employee_id.id)]
            ),
            1,
        )

    def test_decided_trial_keeps_its_employee_position_and_dates(self):
        self.trial.result_ids.sudo().write({"rating": "met"})
        self.trial.with_user(self.officer)._apply_decision("confirm")
        self.assertEqual(self.trial.state, "confirmed")
        before = (self.trial.employee_id, self.trial.job_id, self.trial.date_end)
        self.authenticate("cbo_officer", "cbo_officer")
        for values in (
            {"date_end": str(self.trial.date_end - timedelta(days=5))},
            {"date_start": str(self.trial.date_start + timedelta(days=1))},
            {"employee_id": self.other_employee.id},
            {"job_id": self.other_job.id},
        ):
            with self.subTest(values=values):
                result, error = self._call_kw(
                    "crossborder.trial", "write", [self.trial.ids, values]
                )
                self.assertEqual(error.get("name"), USER_ERROR)
                self.assertIn("is decided", error["message"])
        self.env.invalidate_all()
        self.assertEqual((self.trial.employee_id, self.trial.job_id, self.trial.date_end), before)
        # who follows it up is still HR's to change
        result, error = self._call_kw(
            "crossborder.trial", "write", [self.trial.ids, {"manager_id": self.officer.id}]
        )
        self.assertFalse(error)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSituationalBankSideDoors(JsonRpc, HiringCase, HttpCase):
    """The situations every skill test asks: for those who set and grade tests, and
    their order gives no key."""

    SHIPPED = ("customs", "designs", "late")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = new_test_user(cls.env, login="cbo_bank_colleague", groups="base.group_user")

    def test_bank_closed_to_employees(self):
        self.authenticate("cbo_bank_colleague", "cbo_bank_colleague")
        for model in ("crossborder.situational.question", "crossborder.situational.answer"):
            with self.subTest(model=model):
                result, error = self._call_kw(model, "search_read", [[]], fields=["name"])
                self.assertEqual(error.get("name"), ACCESS)
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        rows, error = self._call_kw(
            "crossborder.situational.question", "search_read", [[]], fields=["name"]
        )
        self.assertFalse(error, "interviewers read the situations")

    def test_shipped_right_answer_not_always_in_the_same_place(self):
        questions = self.env["crossborder.situational.question"].browse(
            [
                self.env.ref(f"crossborder_ops.situational_question_{name}").id
                for name in self.SHIPPED
            ]
        )
        # the bank as an interviewer reads it (the key is not hers to read)
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        rows, error = self._call_kw(
            "crossborder.situational.answer",
            "search_read",
            [[("question_id", "in", questions.ids)]],
            fields=["question_id", "sequence"],
        )
        self.assertFalse(error)
        right = questions.answer_ids.filtered("is_correct")
        places = set()
        for question in questions:
            listed = [row["id"] for row in rows if row["question_id"][0] == question.id]
            places.add(listed.index((right & question.answer_ids).id))
        self.assertGreater(len(places), 1, "the first one is not always right")
