# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Side doors around the hiring decision found by a second outside audit, played
from outside as each role would (JSON-RPC of the web client): grades changed after
reopening an applicant or moving him out of the hired stage, a sent test's pass
mark and rubric changed under its results, decided tests and trials deleted, a
second trial typed by hand, the funnel's names read by HR, a position's test
assignment read by the interviewers of another position."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HiringCase, JsonRpc

USER_ERROR = "odoo.exceptions.UserError"
VALIDATION = "odoo.exceptions.ValidationError"
ACCESS = "odoo.exceptions.AccessError"


class DecisionCase(JsonRpc, HiringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.job.interviewer_ids = [(4, cls.reviewer_b.id)]
        cls.hired_stage = env["hr.recruitment.stage"].search([("hired_stage", "=", True)], limit=1)
        cls.first_stage = env["hr.recruitment.stage"].search(
            [("hired_stage", "=", False), ("fold", "=", False)], order="sequence", limit=1
        )
        cls.refuse_reason = env["hr.applicant.refuse.reason"].search([], limit=1)

    def _graded(self, applicant, score=4):
        """``applicant``'s test, submitted and graded on every criterion by Ravi."""
        invitation = self._send(applicant)
        self._submit(invitation, fields.Datetime.now())
        self.env["crossborder.grade"].with_user(self.reviewer_b).create(
            [
                {"invitation_id": invitation.id, "criterion_id": c.id, "score": score}
                for c in self.test.criterion_ids
            ]
        )
        return invitation

    def _grade_as_rita(self, invitation):
        return self._call_kw(
            "crossborder.grade",
            "create",
            [
                {
                    "invitation_id": invitation.id,
                    "criterion_id": self.test.criterion_ids[0].id,
                    "score": 0,
                }
            ],
        )

    def _hire_with_trial(self, applicant):
        applicant.stage_id = self.hired_stage
        applicant.with_user(self.officer).create_employee_from_applicant()
        return self.env["crossborder.trial"].search([("applicant_id", "=", applicant.id)])


@tagged("post_install", "-at_install", "crossborder_ops")
class TestDecisionKeepsTheResults(DecisionCase):
    """A test's results at the hire or the refusal stay."""

    def test_reopened_applicant_keeps_his_grades(self):
        mara = self._applicant("Mara Costa")
        invitation = self._graded(mara)
        score = mara.test_score
        self.authenticate("cbo_officer", "cbo_officer")
        wizard, error = self._call_kw(
            "applicant.get.refuse.reason",
            "create",
            [
                {
                    "applicant_ids": [(6, 0, mara.ids)],
                    "refuse_reason_id": self.refuse_reason.id,
                    "send_mail": False,
                }
            ],
        )
        self.assertFalse(error)
        result, error = self._call_kw(
            "applicant.get.refuse.reason", "action_refuse_reason_apply", [[wizard]]
        )
        self.assertFalse(error)
        # the interviewer of the position clears the refusal (stock Odoo lets her)...
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        result, error = self._call_kw("hr.applicant", "action_unarchive", [mara.ids])
        self.assertFalse(error)
        self.env.invalidate_all()
        self.assertEqual(mara.application_status, "ongoing")
        # ... but the test graded at the refusal keeps its grades
        result, error = self._grade_as_rita(invitation)
        self.assertEqual(error.get("name"), USER_ERROR)
        self.assertIn("stay as they were at the decision", error["message"])
        self.env.invalidate_all()
        self.assertEqual(len(invitation.grade_ids), len(self.test.criterion_ids))
        self.assertEqual(mara.test_score, score)

    def test_hired_applicant_with_a_trial_stays_hired(self):
        lina = self._applicant("Lina Hired")
        invitation = self._graded(lina, score=5)
        trial = self._hire_with_trial(lina)
        self.assertTrue(trial)
        hired_on = lina.date_closed
        self.authenticate("cbo_officer", "cbo_officer")
        for method, args in (
            ("write", [lina.ids, {"stage_id": self.first_stage.id}]),
            ("write", [lina.ids, {"date_closed": False}]),
            ("reset_applicant", [lina.ids]),
            # refused or archived while on trial: stuck as refused, the trial
            # running (audit a3 #2)
            ("write", [lina.ids, {"refuse_reason_id": self.refuse_reason.id}]),
            ("write", [lina.ids, {"active": False}]),
        ):
            with self.subTest(method=method, args=args):
                result, error = self._call_kw("hr.applicant", method, args)
                self.assertEqual(error.get("name"), USER_ERROR)
                self.assertIn("stays in the hired stage", error["message"])
        self.env.invalidate_all()
        self.assertEqual(lina.stage_id, self.hired_stage)
        self.assertEqual(lina.date_closed, hired_on, "the funnel keeps her hire date")
        self.assertEqual((lina.active, lina.refuse_reason_id.id), (True, False))
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        result, error = self._grade_as_rita(invitation)
        self.assertEqual(error.get("name"), USER_ERROR)

    def test_hired_by_mistake_moves_back_with_his_test_kept(self):
        # no trial yet: the officer corrects a wrong drag; the test stays as it was
        jonas = self._applicant("Jonas Weber")
        invitation = self._graded(jonas)
        jonas.stage_id = self.hired_stage
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "hr.applicant", "write", [jonas.ids, {"stage_id": self.first_stage.id}]
        )
        self.assertFalse(error)
        self.env.invalidate_all()
        self.assertEqual(jonas.application_status, "ongoing")
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        result, error = self._grade_as_rita(invitation)
        self.assertEqual(error.get("name"), USER_ERROR)
        self.assertIn("stay as they were at the decision", error["message"])

    def test_interviewers_do_not_hire_refuse_or_archive(self):
        """Rita, interviewer of the position, moved a competitor into the hired stage
        (or refused, or archived him): his test, not graded yet, was stamped decided
        and its grades closed for good (outside audit 35). The decision is the
        recruitment officers'; she still moves him between the other stages."""
        kemal = self._applicant("Kemal Arslan")
        invitation = self._send(kemal)
        self._submit(invitation, fields.Datetime.now())
        second_stage = self.env["hr.recruitment.stage"].search(
            [
                ("hired_stage", "=", False),
                ("require_screening", "=", False),
                ("id", "!=", self.first_stage.id),
            ],
            order="sequence",
            limit=1,
        )
        self.env.flush_all()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        wizard, error = self._call_kw(
            "applicant.get.refuse.reason",
            "create",
            [
                {
                    "applicant_ids": [(6, 0, kemal.ids)],
                    "refuse_reason_id": self.refuse_reason.id,
                    "send_mail": False,
                }
            ],
        )
        for model, method, args in (
            ("hr.applicant", "write", [kemal.ids, {"stage_id": self.hired_stage.id}]),
            (
                "hr.applicant",
                "write",
                [kemal.ids, {"date_closed": fields.Datetime.to_string(fields.Datetime.now())}],
            ),
            ("hr.applicant", "write", [kemal.ids, {"refuse_reason_id": self.refuse_reason.id}]),
            ("hr.applicant", "write", [kemal.ids, {"active": False}]),
            ("hr.applicant", "action_archive", [kemal.ids]),
            ("applicant.get.refuse.reason", "action_refuse_reason_apply", [[wizard]]),
        ):
            with self.subTest(model=model, method=method, args=args):
                result, error = self._call_kw(model, method, args)
                self.assertEqual(error.get("name"), ACCESS)
                self.assertIn("Only recruitment officers hire, refuse or archive", error["message"])
        self.env.invalidate_all()
        self.assertEqual(kemal.application_status, "ongoing")
        self.assertFalse(invitation.decided_on)
        result, error = self._call_kw(
            "hr.applicant", "write", [kemal.ids, {"stage_id": second_stage.id}]
        )
        self.assertFalse(error, "she moves him on as before")
        # his test is graded as usual
        result, error = self._grade_as_rita(invitation)
        self.assertFalse(error, error.get("message"))
        # the recruitment officer hires him
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "hr.applicant", "write", [kemal.ids, {"stage_id": self.hired_stage.id}]
        )
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(kemal.stage_id, self.hired_stage)
        self.assertEqual(kemal.application_status, "hired")
        self.assertTrue(invitation.decided_on)

    def test_sent_test_keeps_its_pass_mark_and_rubric(self):
        lina = self._applicant("Lina Hired")
        self._graded(lina, score=4)  # 80% of the rubric
        lina.stage_id = self.hired_stage
        passed = lina.test_passed
        self.assertTrue(passed)
        first = self.test.criterion_ids[0]
        self.authenticate("cbo_officer", "cbo_officer")
        for model, method, args in (
            ("crossborder.skill.test", "write", [self.test.ids, {"pass_mark": 95}]),
            ("crossborder.skill.test", "write", [self.test.ids, {"rubric_share": 100}]),
            # nor the time its applicants were given (audit 15, F3: the form said 555)
            ("crossborder.skill.test", "write", [self.test.ids, {"time_limit_minutes": 555}]),
            # nor does it move to another position's ranking (audit a3, LOW)
            ("crossborder.skill.test", "write", [self.test.ids, {"job_id": self.other_job.id}]),
            (
                "crossborder.skill.test",
                "write",
                [self.test.ids, {"criterion_ids": [(0, 0, {"name": "Tone", "max_score": 4})]}],
            ),
            (
                "crossborder.rubric.criterion",
                "create",
                [{"skill_test_id": self.test.id, "name": "Tone", "max_score": 4}],
            ),
            ("crossborder.rubric.criterion", "write", [first.ids, {"weight": 99}]),
            ("crossborder.rubric.criterion", "unlink", [first.ids]),
        ):
            with self.subTest(model=model, method=method, args=args):
                result, error = self._call_kw(model, method, args)
                self.assertEqual(error.get("name"), USER_ERROR)
                self.assertIn("already sent to applicants", error["message"])
        # the position's pass mark goes to its tests not sent yet, not to this one
        spare = self.env["crossborder.skill.test"].create(
            {"name": "Spare test", "job_id": self.job.id}
        )
        result, error = self._call_kw("hr.job", "write", [self.job.ids, {"pass_mark": 95}])
        self.assertFalse(error)
        # a task taking longer on the job goes to the tests not sent yet, not to this one
        minutes = self.test.time_limit_minutes
        task = self.test._tested_tasks()[:1]
        result, error = self._call_kw(
            "crossborder.job.task",
            "write",
            [task.ids, {"minutes_per_occurrence": task.minutes_per_occurrence + 500}],
        )
        self.assertFalse(error)
        result, error = self._call_kw(
            "crossborder.rubric.criterion", "write", [first.ids, {"name": "Clear answers"}]
        )
        self.assertFalse(error, "a criterion's wording may be improved")
        self.env.invalidate_all()
        self.assertEqual((self.test.pass_mark, spare.pass_mark), (60, 95))
        self.assertEqual(self.test.time_limit_minutes, minutes)
        self.assertEqual(self.test.survey_id.time_limit, minutes, "the limit applied")
        self.assertIn(task, spare._tested_tasks())
        self.assertEqual(
            spare.time_limit_minutes, sum(spare._tested_tasks().mapped("minutes_per_occurrence"))
        )
        self.assertEqual(len(self.test.criterion_ids), 2)
        self.assertEqual(lina.test_passed, passed)
        self.assertEqual(lina.invitation_ids.state, "graded")
        result, error = self._call_kw(
            "crossborder.skill.test",
            "write",
            [self.test.ids, {"job_id": self.job.id, "name": "Skill test, revised"}],
        )
        self.assertFalse(error, "the same position written again, a new name: not a change")
        result, error = self._call_kw(
            "crossborder.skill.test", "write", [spare.ids, {"pass_mark": 70, "rubric_share": 50}]
        )
        self.assertFalse(error, "a test not sent yet is still set up")
        # nor do its criteria go with a section or the survey deleted (audit a3 #1)
        for records in (first.page_id | first.question_id, self.test.survey_id):
            with (
                self.subTest(model=records._name),
                self.assertRaisesRegex(UserError, "already sent to applicants"),
            ):
                records.unlink()
        self.assertEqual(len(self.test.criterion_ids), 2)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestDecisionsStay(DecisionCase):
    """Decided tests and trials are not deleted; one trial per hired applicant."""

    def test_answered_tests_and_decided_trials_are_not_deleted(self):
        lina = self._applicant("Lina Hired")
        answered = self._graded(lina)
        trial = self._hire_with_trial(lina)
        waiting = self._send(self._applicant("Paolo Waiting"))
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw("crossborder.skill.test.invitation", "unlink", [answered.ids])
        self.assertEqual(error.get("name"), USER_ERROR)
        self.assertIn("stays", error["message"])
        spare = self.env["crossborder.skill.test"].create(
            {"name": "Spare test", "job_id": self.job.id}
        )
        for values in (
            {"skill_test_id": spare.id},
            {"applicant_id": waiting.applicant_id.id},
            {"user_input_id": waiting.user_input_id.id},
        ):
            with self.subTest(values=values):
                result, error = self._call_kw(
                    "crossborder.skill.test.invitation", "write", [answered.ids, values]
                )
                self.assertEqual(error.get("name"), USER_ERROR)
                self.assertIn("stays", error["message"])
        result, error = self._call_kw("crossborder.skill.test.invitation", "unlink", [waiting.ids])
        self.assertFalse(error, "a test sent by mistake and not answered is withdrawn")
        trial.result_ids.sudo().write({"rating": "met"})
        trial.with_user(self.officer)._apply_decision("confirm")
        result, error = self._call_kw("crossborder.trial", "unlink", [trial.ids])
        self.assertEqual(error.get("name"), USER_ERROR)
        self.assertIn("is decided", error["message"])
        self.env.invalidate_all()
        self.assertTrue(answered.exists())
        self.assertEqual(len(answered.grade_ids), len(self.test.criterion_ids))
        self.assertEqual(trial.exists().state, "confirmed")
        self.assertTrue(lina.test_graded)

    def test_an_applicant_with_results_or_a_trial_is_not_deleted_by_an_officer(self):
        lina = self._applicant("Lina Hired")
        answered = self._graded(lina)
        trial = self._hire_with_trial(lina)
        mara = self._applicant("Mara Tested")
        tested = self._graded(mara)
        sent = self._send(self._applicant("Paolo Waiting"))
        self.authenticate("cbo_officer", "cbo_officer")
        for applicant in (lina, mara):
            with self.subTest(applicant=applicant.partner_name):
                result, error = self._call_kw("hr.applicant", "unlink", [applicant.ids])
                self.assertEqual(error.get("name"), USER_ERROR, result)
                self.assertIn("cannot be deleted", error["message"])
        self.env.invalidate_all()
        self.assertTrue(answered.exists() and tested.exists())
        self.assertEqual(trial.applicant_id, lina, "the trial keeps its applicant")
        self.assertEqual(len(tested.grade_ids), len(self.test.criterion_ids))
        # an applicant whose test is not answered yet goes, with his test
        result, error = self._call_kw("hr.applicant", "unlink", [sent.applicant_id.ids])
        self.assertFalse(error, result)
        self.assertFalse(sent.exists())
        # a recruitment manager may erase a candidate who asks for it
        self.officer.group_ids |= self.env.ref("hr_recruitment.group_hr_recruitment_manager")
        result, error = self._call_kw("hr.applicant", "unlink", [mara.ids])
        self.assertFalse(error, result)
        self.assertFalse(tested.exists())

    def test_a_test_is_sent_not_copied_nor_made_by_hand(self):
        """A copied invitation (no answer sheet, the copied deadline) got Mara, graded
        and ranked, refused by the deadline's scheduled action."""
        mara = self._applicant("Mara Costa")
        graded = self._graded(mara)
        paolo = self._applicant("Paolo Waiting")
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw("crossborder.skill.test.invitation", "copy", [graded.ids])
        self.assertEqual(error.get("name"), USER_ERROR, result)
        self.assertIn("not duplicated", error["message"])
        deadline = fields.Datetime.to_string(fields.Datetime.now() - timedelta(hours=1))
        for applicant, extra in (
            (mara, {}),  # no answer sheet
            (paolo, {"user_input_id": graded.user_input_id.id}),  # Mara's answers
        ):
            with self.subTest(applicant=applicant.partner_name, extra=extra):
                result, error = self._call_kw(
                    "crossborder.skill.test.invitation",
                    "create",
                    [
                        {
                            "applicant_id": applicant.id,
                            "skill_test_id": self.test.id,
                            "deadline": deadline,
                            **extra,
                        }
                    ],
                )
                self.assertEqual(error.get("name"), ACCESS, result)
                self.assertIn("Send skill test", error["message"])
        # a test still waiting for its answers is not pointed at another's sheet,
        # another applicant or another test either
        waiting = self._send(paolo)
        spare = self.env["crossborder.skill.test"].create(
            {"name": "Spare test", "job_id": self.job.id}
        )
        for values in (
            {"user_input_id": graded.user_input_id.id},
            {"applicant_id": mara.id},
            {"skill_test_id": spare.id},
        ):
            with self.subTest(values=values):
                result, error = self._call_kw(
                    "crossborder.skill.test.invitation", "write", [waiting.ids, values]
                )
                self.assertEqual(error.get("name"), USER_ERROR, result)
        self.env.invalidate_all()
        self.assertEqual(
            (waiting.applicant_id, waiting.skill_test_id), (paolo, self.test), "unchanged"
        )
        self.env["crossborder.skill.test.invitation"]._refuse_late_batch()
        self.env.invalidate_all()
        self.assertEqual(mara.invitation_ids, graded, "one test, his own")
        self.assertTrue(mara.active and not mara.refuse_reason_id, "still in the race")
        self.assertEqual(len(waiting), 1, "sending still works")

    def test_a_copied_skill_test_survey_stays_sealed(self):
        """A duplicate of a skill test's survey was unsealed: a survey user read its
        questions and the situations' key."""
        survey_user = new_test_user(
            self.env,
            login="cbo_survey_reader",
            groups="base.group_user,survey.group_survey_user",
        )
        self.officer.group_ids |= self.env.ref("survey.group_survey_manager")
        self.authenticate("cbo_officer", "cbo_officer")
        copy_id, error = self._call_kw("survey.survey", "copy", [self.test.survey_id.ids])
        self.assertFalse(error, error)
        copy_id = copy_id[0] if isinstance(copy_id, list) else copy_id
        self.assertTrue(self.env["survey.survey"].browse(copy_id).crossborder_sealed)
        self.authenticate(survey_user.login, survey_user.login)
        key, error = self._call_kw(
            "survey.question.answer",
            "search_read",
            [[("question_id.survey_id", "=", copy_id)]],
            fields=["value", "is_correct"],
        )
        self.assertFalse(key, "no question nor key of the copy")
        result, error = self._call_kw("survey.survey", "read", [[copy_id], ["title"]])
        self.assertEqual(error.get("name"), ACCESS, result)

    def test_a_test_is_sent_with_a_deadline_still_to_come(self):
        """An invitation made over RPC with the applicant's own answer sheet (one
        made by the system: a recruitment manager makes none by hand since
        test_hiring_stock_doors) and a past deadline, or a graded test's deadline
        moved before its submission: the deadline's scheduled action refused Mara,
        graded and ranked."""
        mara = self._applicant("Mara Costa")
        graded = self._graded(mara)
        kemal = self._applicant("Kemal Arslan")
        self.officer.group_ids |= self.env.ref("hr_recruitment.group_hr_recruitment_manager")
        self.authenticate("cbo_officer", "cbo_officer")
        past = fields.Datetime.to_string(fields.Datetime.now() - timedelta(hours=1))
        for applicant in (mara, kemal):
            with self.subTest(applicant=applicant.partner_name):
                sheet = (
                    self.test.survey_id.sudo()
                    ._create_answer(
                        partner=applicant.partner_id,
                        check_attempts=False,
                        applicant_id=applicant.id,
                    )
                    .id
                )
                result, error = self._call_kw(
                    "crossborder.skill.test.invitation",
                    "create",
                    [
                        {
                            "applicant_id": applicant.id,
                            "skill_test_id": self.test.id,
                            "user_input_id": sheet,
                            "deadline": past,
                        }
                    ],
                )
                self.assertEqual(error.get("name"), ACCESS, result)
                self.assertIn("Send skill test", error["message"])
        before_submission = fields.Datetime.to_string(graded.submitted_date - timedelta(hours=1))
        result, error = self._call_kw(
            "crossborder.skill.test.invitation",
            "write",
            [graded.ids, {"deadline": before_submission}],
        )
        self.assertEqual(error.get("name"), USER_ERROR, result)
        self.assertIn("in time", error["message"])
        # Send skill test, over RPC as the web client does: a past deadline is refused,
        # one to come sends the test
        for deadline, refused in ((past, True), (self._later(48), False)):
            with self.subTest(deadline=deadline):
                wizard, error = self._call_kw(
                    "crossborder.skill.test.send",
                    "create",
                    [
                        {
                            "applicant_ids": [(6, 0, kemal.ids)],
                            "job_id": self.job.id,
                            "skill_test_id": self.test.id,
                            "deadline": deadline,
                            "send_email": False,
                        }
                    ],
                )
                self.assertFalse(error, error)
                wizard = wizard[0] if isinstance(wizard, list) else wizard
                result, error = self._call_kw(
                    "crossborder.skill.test.send", "action_send", [[wizard]]
                )
                if refused:
                    self.assertEqual(error.get("name"), USER_ERROR, result)
                    self.assertIn("already past", error["message"])
                else:
                    self.assertFalse(error, error)
        self.env["crossborder.skill.test.invitation"]._refuse_late_batch()
        self.env.invalidate_all()
        self.assertEqual(mara.invitation_ids, graded, "one test, his own")
        self.assertTrue(mara.active and not mara.refuse_reason_id, "still in the race")
        self.assertFalse(graded.decided_on or graded.is_late, "her graded test stays open")
        sent = kemal.invitation_ids
        self.assertEqual(len(sent), 1, "Send skill test still sends")
        self.assertEqual(sent.user_input_id.applicant_id, kemal, "with his own answer sheet")
        self.assertEqual(sent.state, "sent")

    @staticmethod
    def _later(hours):
        return fields.Datetime.to_string(fields.Datetime.now() + timedelta(hours=hours))

    def test_a_sealed_survey_stays_sealed_however_it_is_copied(self):
        """A duplicate asked unsealed (``default``), the seal taken off, a question or
        an option of the test copied or moved into an open survey: a survey user
        read the questions and the situations' key."""
        survey_user = new_test_user(
            self.env,
            login="cbo_survey_reader",
            groups="base.group_user,survey.group_survey_user",
        )
        self.officer.group_ids |= self.env.ref("survey.group_survey_manager")
        sealed = self.test.survey_id
        situation = sealed.question_ids.filtered("suggested_answer_ids")[:1]
        self.assertTrue(situation.suggested_answer_ids.filtered("is_correct"), "a keyed question")
        open_survey = self.env["survey.survey"].create(
            {
                "title": "Team lunch",
                "question_and_page_ids": [
                    (0, 0, {"title": "Where?", "question_type": "simple_choice"})
                ],
            }
        )
        self.authenticate("cbo_officer", "cbo_officer")
        copy_id, error = self._call_kw(
            "survey.survey", "copy", [sealed.ids], default={"crossborder_sealed": False}
        )
        self.assertFalse(error, error)
        copy = self.env["survey.survey"].browse(
            copy_id[0] if isinstance(copy_id, list) else copy_id
        )
        self.assertTrue(copy.crossborder_sealed, "the duplicate stays sealed")
        options = situation.suggested_answer_ids
        into_survey = {"survey_id": open_survey.id}
        into_question = {"question_id": open_survey.question_ids.id}
        for model, method, args, kwargs in (
            ("survey.survey", "write", [(sealed | copy).ids, {"crossborder_sealed": False}], {}),
            ("survey.question", "copy", [situation.ids], {"default": into_survey}),
            ("survey.question", "write", [situation.ids, into_survey], {}),
            ("survey.question.answer", "copy", [options.ids], {"default": into_question}),
            ("survey.question.answer", "write", [options.ids, into_question], {}),
        ):
            with self.subTest(model=model, method=method):
                result, error = self._call_kw(model, method, args, **kwargs)
                self.assertEqual(error.get("name"), USER_ERROR, result)
                self.assertIn("sealed", error["message"])
        self.env.invalidate_all()
        self.assertTrue(sealed.crossborder_sealed and copy.crossborder_sealed)
        self.assertEqual(situation.survey_id, sealed)
        self.assertFalse(open_survey.question_ids.suggested_answer_ids)
        self.authenticate(survey_user.login, survey_user.login)
        key, error = self._call_kw(
            "survey.question.answer",
            "search_read",
            [[("question_id.survey_id", "in", (copy | open_survey).ids)]],
            fields=["value", "is_correct", "answer_score"],
        )
        self.assertFalse(key, "no option of the test, nor its key")
        questions, error = self._call_kw(
            "survey.question", "search_read", [[("survey_id", "=", open_survey.id)], ["title"]]
        )
        self.assertEqual([q["title"] for q in questions], ["Where?"])
        result, error = self._call_kw("survey.survey", "read", [copy.ids, ["title"]])
        self.assertEqual(error.get("name"), ACCESS, result)

    def test_a_grade_or_a_result_is_not_copied_into_a_score(self):
        """A grade is given by its reviewer, not duplicated; a duplicated expected
        result waits for its own rating, and a decided trial gets no copy."""
        mara = self._applicant("Mara Costa")
        graded = self._graded(mara)
        score = mara.test_score
        lina = self._applicant("Lina Hired")
        trial = self._hire_with_trial(lina)
        trial.result_ids.sudo().write({"rating": "met"})
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "crossborder.grade",
            "copy",
            [graded.grade_ids[:1].ids],
            default={"reviewer_id": self.reviewer_a.id},
        )
        self.assertEqual(error.get("name"), USER_ERROR, result)
        self.assertIn("not duplicated", error["message"])
        rated = trial.result_ids[:1]
        copy_id, error = self._call_kw("crossborder.trial.result", "copy", [rated.ids])
        self.assertFalse(error, "an open trial's responsibility may be duplicated")
        copy = rated.browse(copy_id[0] if isinstance(copy_id, list) else copy_id)
        self.assertFalse(copy.rating, "the duplicate is rated on its own")
        wizard, error = self._call_kw(
            "crossborder.trial.decision", "create", [{"trial_id": trial.id, "decision": "confirm"}]
        )
        result, error = self._call_kw(
            "crossborder.trial.decision",
            "action_apply",
            [wizard if isinstance(wizard, list) else [wizard]],
        )
        self.assertEqual(error.get("name"), USER_ERROR, result)
        self.assertIn("Rate every expected result", error["message"])
        copy.unlink()
        trial.with_user(self.officer)._apply_decision("confirm")
        result, error = self._call_kw("crossborder.trial.result", "copy", [rated.ids])
        self.assertEqual(error.get("name"), USER_ERROR, result)
        self.assertIn("is decided", error["message"])
        self.env.invalidate_all()
        self.assertEqual(len(graded.grade_ids), len(self.test.criterion_ids))
        self.assertEqual(mara.test_score, score)
        self.assertEqual(trial.result_ids.mapped("rating"), ["met"] * len(trial.result_ids))

    def test_one_trial_per_hired_applicant(self):
        lina = self._applicant("Lina Hired")
        trial = self._hire_with_trial(lina)
        trial.result_ids.sudo().write({"rating": "met"})
        trial.with_user(self.officer)._apply_decision("confirm")
        today = fields.Date.context_today(self.env.user)
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "crossborder.trial",
            "create",
            [
                {
                    "employee_id": trial.employee_id.id,
                    "applicant_id": lina.id,
                    "job_id": self.job.id,
                    "date_start": str(today),
                    "date_end": str(today + timedelta(days=21)),
                }
            ],
        )
        self.assertEqual(error.get("name"), VALIDATION)
        self.assertIn("already has a trial", error["message"])
        self.assertEqual(
            self.env["crossborder.trial"].search_count([("applicant_id", "=", lina.id)]), 1
        )
        # the employee, once his trial is decided, may start another one (a new
        # position): not as the same hire
        other, error = self._call_kw(
            "crossborder.trial",
            "create",
            [
                {
                    "employee_id": trial.employee_id.id,
                    "job_id": self.other_job.id,
                    "date_start": str(today),
                    "date_end": str(today + timedelta(days=21)),
                }
            ],
        )
        self.assertFalse(error)
        result, error = self._call_kw("crossborder.trial", "unlink", [[other]])
        self.assertFalse(error, "a trial in progress opened by mistake is deleted")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestFunnelForHr(DecisionCase):
    """HR officers without recruitment rights read the funnel's hires, trials and
    retention, not who applied nor who passed the test."""

    def test_hr_reads_figures_without_the_applicants(self):
        new_test_user(self.env, login="cbo_hr_only", groups="hr.group_hr_user")
        kemal = self._applicant("Kemal Arslan")
        self._graded(kemal, score=1)
        lina = self._applicant("Lina Hired")
        self._graded(lina, score=4)
        trial = self._hire_with_trial(lina)
        self.env.flush_all()
        self.authenticate("cbo_hr_only", "cbo_hr_only")
        rows, error = self._call_kw(
            "crossborder.hiring.report", "search_read", [[("job_id", "=", self.job.id)]]
        )
        self.assertFalse(error)
        self.assertEqual(len(rows), 2)
        self.assertNotIn("applicant_id", rows[0])
        self.assertNotIn("passed_count", rows[0])
        self.assertNotIn("Kemal", str(rows))
        # HR reads the applicant behind a trial: the funnel row of the same id no
        # longer says whether he passed (audit a3, funnel row ids)
        [read], error = self._call_kw(
            "crossborder.trial", "read", [trial.ids], fields=["applicant_id"]
        )
        self.assertEqual(read["applicant_id"][0], lina.id)
        for method, args, kwargs in (
            ("search_read", [[]], {"fields": ["applicant_id", "passed_count"]}),
            ("read", [[lina.id]], {"fields": ["passed_count"]}),
            ("read", [[lina.id]], {"fields": ["pass_rate"]}),
            ("search_count", [[("id", "=", lina.id), ("passed_count", "=", 1)]], {}),
            ("search_count", [[("applicant_id.partner_name", "ilike", "Kemal")]], {}),
            ("formatted_read_group", [[], ["applicant_id"], ["tested_count:sum"]], {}),
            ("formatted_read_group", [[], ["source_id"], ["passed_count:sum"]], {}),
            ("formatted_read_group", [[("id", "=", lina.id)], [], ["pass_rate:avg"]], {}),
        ):
            with self.subTest(method=method, args=args, kwargs=kwargs):
                result, error = self._call_kw("crossborder.hiring.report", method, args, **kwargs)
                self.assertEqual(error.get("name"), ACCESS, result)
        new_test_user(
            self.env, login="cbo_hr_export", groups="hr.group_hr_user,base.group_allow_export"
        )
        self.authenticate("cbo_hr_export", "cbo_hr_export")
        result, error = self._call_kw(
            "crossborder.hiring.report", "export_data", [[lina.id], ["tested_count"]]
        )
        self.assertEqual(error.get("name"), ACCESS, result)
        groups, error = self._call_kw(
            "crossborder.hiring.report",
            "formatted_read_group",
            [
                [("job_id", "=", self.job.id)],
                ["source_id"],
                ["applicant_count:sum", "hired_count:sum", "trial_count:sum"],
            ],
        )
        self.assertFalse(error, "by source, the hires and trials")
        self.assertEqual(
            [groups[0][f"{f}_count:sum"] for f in ("applicant", "hired", "trial")], [2, 1, 1]
        )
        self.authenticate("cbo_officer", "cbo_officer")
        rows, error = self._call_kw(
            "crossborder.hiring.report",
            "search_read",
            [[("job_id", "=", self.job.id)]],
            fields=["applicant_id", "passed_count"],
            order="id",
        )
        self.assertEqual(
            [(r["applicant_id"][0], r["passed_count"]) for r in rows],
            [(kemal.id, 0), (lina.id, 1)],
            "officers read who it is and how he did",
        )


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTaskAssignmentSideDoors(DecisionCase):
    """A task's test assignment is read like the skill test it goes into: by
    recruitment officers and the interviewers of the position."""

    def test_assignment_for_the_positions_interviewers(self):
        task = self.job.task_ids[0]
        self.other_job.interviewer_ids = [(6, 0, self.reviewer_b.ids)]
        self.job.interviewer_ids = [(6, 0, self.reviewer_a.ids)]
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "crossborder.job.task", "write", [task.ids, {"test_instructions": "SECRET-INSTR"}]
        )
        self.assertFalse(error)
        rows, error = self._call_kw(
            "crossborder.job.task", "read", [task.ids, ["test_instructions"]]
        )
        self.assertEqual(rows[0]["test_instructions"], "SECRET-INSTR")
        # Ravi interviews for another position
        self.authenticate("cbo_rev_b", "cbo_rev_b")
        rows, error = self._call_kw(
            "crossborder.job.task", "read", [task.ids, ["test_instructions"]]
        )
        self.assertFalse(error)
        self.assertFalse(rows[0]["test_instructions"])
        for domain in (
            [("test_instructions", "ilike", "SECRET")],
            [("job_id.task_ids.test_instructions", "ilike", "SECRET")],
        ):
            with self.subTest(domain=domain):
                count, error = self._call_kw("crossborder.job.task", "search_count", [domain])
                self.assertEqual(count, 0)
        result, error = self._call_kw(
            "crossborder.job.task", "read", [task.ids, ["sealed_test_instructions"]]
        )
        self.assertEqual(error.get("name"), ACCESS)
        # Rita interviews for this one
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        rows, error = self._call_kw(
            "crossborder.job.task",
            "search_read",
            [[("test_instructions", "ilike", "SECRET")]],
            fields=["test_instructions"],
        )
        self.assertEqual([row["test_instructions"] for row in rows], ["SECRET-INSTR"])


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialFollowUpDoors(DecisionCase):
    """Who follows a trial up, and its trainee's messages and employee record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one calendar day for everybody: the officer's save reminds on his own day
        # (the server's, UTC, for test users), the test's dates are counted from it
        cls.env = cls.env(context=dict(cls.env.context, tz="UTC"))
        env = cls.env
        cls.walter = new_test_user(env, login="cbo_fu_walter", groups="base.group_user")
        cls.manager = new_test_user(env, login="cbo_fu_manager", groups="base.group_user")
        cls.trainee = new_test_user(env, login="cbo_fu_trainee", groups="base.group_user")
        cls.employee = env["hr.employee"].create(
            {"name": "Jonas Trainee", "user_id": cls.trainee.id}
        )
        cls.today = fields.Date.context_today(env.user)
        cls.trial = env["crossborder.trial"].create(
            {
                "employee_id": cls.employee.id,
                "manager_id": cls.walter.id,
                "date_start": cls.today - timedelta(days=18),
                "date_end": cls.today + timedelta(days=3),
            }
        )

    def _todos(self, login):
        self.authenticate(login, login)
        rows, error = self._call_kw(
            "mail.activity",
            "search_read",
            [[("res_model", "=", "crossborder.trial"), ("res_id", "=", self.trial.id)]],
            fields=["summary"],
        )
        self.assertFalse(error)
        return [row["summary"] for row in rows]

    def _decide_as_walter(self, decision, **values):
        self.authenticate("cbo_fu_walter", "cbo_fu_walter")
        wizard, error = self._call_kw(
            "crossborder.trial.decision",
            "create",
            [{"trial_id": self.trial.id, "decision": decision, **values}],
        )
        self.assertFalse(error, error.get("message"))
        result, error = self._call_kw("crossborder.trial.decision", "action_apply", [[wizard]])
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()

    def test_the_managers_decision_keeps_the_trial(self):
        """Walter extended the trial and wrote why; an HR manager who is no
        settings administrator deleted the trial and Walter's decision with it:
        the note the button posts did not count as his (outside audit 76, M2)."""
        new_test_user(self.env, login="cbo_fu_hr_mgr", groups="hr.group_hr_manager")
        self._decide_as_walter(
            "extend",
            new_end_date=str(self.today + timedelta(days=7)),
            note="Two more weeks on listings",
        )
        self.assertEqual(self.trial.state, "extended")
        self.authenticate("cbo_fu_hr_mgr", "cbo_fu_hr_mgr")
        result, error = self._call_kw("crossborder.trial", "unlink", [self.trial.ids])
        self.assertIn("keeps what was written on it", error.get("message", ""), result)
        self.assertTrue(self.trial.exists())
        # a trial nobody wrote on yet goes as before
        other = self.env["crossborder.trial"].create(
            {
                "employee_id": self.env["hr.employee"].create({"name": "Nora New"}).id,
                "date_start": self.today,
                "date_end": self.today + timedelta(days=21),
            }
        )
        self.env.flush_all()
        result, error = self._call_kw("crossborder.trial", "unlink", [other.ids])
        self.assertIs(result, True, error)

    def test_a_decided_trial_keeps_its_check_in(self):
        """The check-in a decision was taken on was reworded, unticked or moved
        after the decision, with nothing in the chatter (outside audit 76, L1)."""
        self.trial.write({"checkin_done": True, "checkin_note": "<p>On track</p>"})
        self._decide_as_walter("confirm", note="A keeper")
        self.assertEqual(self.trial.state, "confirmed")
        for login, values in (
            ("cbo_fu_walter", {"checkin_note": "<p>Rewritten after the decision</p>"}),
            ("cbo_fu_walter", {"checkin_done": False}),
            ("cbo_officer", {"checkin_date": str(self.today - timedelta(days=2))}),
        ):
            with self.subTest(login=login, values=values):
                self.authenticate(login, login)
                result, error = self._call_kw(
                    "crossborder.trial", "write", [self.trial.ids, values]
                )
                self.assertIn("is decided", error.get("message", ""), result)
        self.env.invalidate_all()
        self.assertTrue(self.trial.checkin_done)
        self.assertIn("On track", self.trial.checkin_note)

    def test_new_manager_takes_over_the_todos(self):
        self.env["crossborder.trial"]._remind_batch(today=self.today)
        self.assertTrue(self._todos("cbo_fu_walter"))
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "crossborder.trial", "write", [self.trial.ids, {"manager_id": self.manager.id}]
        )
        self.assertFalse(error)
        self.assertEqual(self._todos("cbo_fu_walter"), [], "not his trial any more")
        self.assertEqual(len(self._todos("cbo_fu_manager")), 1)
        self.assertIn("Decide on the trial of Jonas Trainee", self._todos("cbo_fu_manager")[0])

    def test_new_manager_reminded_again(self):
        self.env["crossborder.trial"]._remind_batch(today=self.today)
        self.trial.activity_ids.action_feedback(feedback="Seen")  # Walter closed it
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "crossborder.trial", "write", [self.trial.ids, {"manager_id": self.manager.id}]
        )
        self.assertFalse(error)
        self.assertEqual(len(self._todos("cbo_fu_manager")), 1, "reminded at once")
        self.env["crossborder.trial"]._remind_batch(today=self.today)
        self.assertEqual(len(self._todos("cbo_fu_manager")), 1, "once")

    def test_employee_on_trial_is_not_archived(self):
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "hr.employee", "write", [self.employee.ids, {"active": False}]
        )
        self.assertEqual(error.get("name"), USER_ERROR)
        self.assertIn("decide on the trial first", error["message"])
        self.env.invalidate_all()
        self.assertTrue(self.employee.active)
        self.assertEqual(self.trial.state, "in_progress")

    def test_a_trainee_in_hr_does_not_change_his_own_trial(self):
        """An HR or recruiting assistant hired on a trial is a recruitment officer:
        he moved his own trial's end (an extension without a decision), ticked his
        own check-in and made himself its manager (outside audit 48, A1)."""
        self.trainee.group_ids |= self.env.ref("hr_recruitment.group_hr_recruitment_user")
        self.authenticate("cbo_fu_trainee", "cbo_fu_trainee")
        later = fields.Date.to_string(self.today + timedelta(days=7))
        for vals in (
            {"date_end": later},
            {"checkin_done": True, "checkin_note": "<p>All good</p>"},
            {"manager_id": self.trainee.id},
        ):
            with self.subTest(vals=vals):
                result, error = self._call_kw("crossborder.trial", "write", [self.trial.ids, vals])
                self.assertEqual(error.get("name"), ACCESS)
                self.assertIn("your own trial", error["message"])
        self.env.invalidate_all()
        self.assertEqual(self.trial.date_end, self.today + timedelta(days=3))
        self.assertFalse(self.trial.checkin_done)
        self.assertEqual(self.trial.manager_id, self.walter)
        result, error = self._call_kw(
            "crossborder.trial", "message_post", [self.trial.ids], body="Week two went well."
        )
        self.assertFalse(error, "he comments it")

    def test_a_trainee_in_hr_leaves_his_managers_todos_and_followers(self):
        """An HR trainee marked his manager's "Decide on the trial" done, moved it
        months away or took it over, and no reminder came again; he took his
        manager off the trial's followers (outside audit 50, A3)."""
        self.trainee.group_ids |= self.env.ref("hr.group_hr_user")
        self.trainee.group_ids |= self.env.ref("hr_recruitment.group_hr_recruitment_user")
        self.env["crossborder.trial"]._remind_batch(today=self.today)
        reminder = self.trial.reminder_activity_id
        self.assertEqual(reminder.user_id, self.walter)
        deadline = reminder.date_deadline
        self.assertIn(self.walter.partner_id, self.trial.message_partner_ids)
        later = fields.Date.to_string(self.today + timedelta(days=90))
        self.authenticate("cbo_fu_trainee", "cbo_fu_trainee")
        for model, method, args, kwargs in (
            ("mail.activity", "write", [reminder.ids, {"user_id": self.trainee.id}], {}),
            ("mail.activity", "write", [reminder.ids, {"date_deadline": later}], {}),
            ("mail.activity", "action_feedback", [reminder.ids], {"feedback": "done"}),
            ("mail.activity", "unlink", [reminder.ids], {}),
            (
                "crossborder.trial",
                "write",
                [self.trial.ids, {"activity_ids": [(1, reminder.id, {"date_deadline": later})]}],
                {},
            ),
            (
                "crossborder.trial",
                "message_unsubscribe",
                [self.trial.ids],
                {"partner_ids": self.walter.partner_id.ids},
            ),
        ):
            with self.subTest(model=model, method=method):
                result, error = self._call_kw(model, method, args, **kwargs)
                self.assertEqual(error.get("name"), ACCESS, result)
                self.assertIn("is about you", error["message"])
        self.env.invalidate_all()
        self.assertTrue(reminder.exists() and reminder.active)
        self.assertEqual(reminder.user_id, self.walter)
        self.assertEqual(reminder.date_deadline, deadline)
        self.assertIn(self.walter.partner_id, self.trial.message_partner_ids)
        # his own to-dos on it stay his
        own, error = self._call_kw(
            "crossborder.trial",
            "activity_schedule",
            [self.trial.ids],
            act_type_xmlid="mail.mail_activity_data_todo",
            summary="Prepare my week-three notes",
            user_id=self.trainee.id,
        )
        self.assertFalse(error, error)
        own = self.trial.activity_ids.filtered(lambda a: a.user_id == self.trainee)
        result, error = self._call_kw("mail.activity", "action_feedback", [own.ids])
        self.assertFalse(error, error)

    def test_a_trainee_in_hr_does_not_delete_his_own_trial(self):
        """On its first day (before, only an HR manager deletes a trial) an HR
        trainee deleted his own (outside audit 50, A4)."""
        self.trainee.group_ids |= self.env.ref("hr.group_hr_user")
        self.trial.write({"date_start": self.today, "date_end": self.today + timedelta(days=21)})
        self.authenticate("cbo_fu_trainee", "cbo_fu_trainee")
        result, error = self._call_kw("crossborder.trial", "unlink", [self.trial.ids])
        self.assertEqual(error.get("name"), ACCESS, result)
        self.assertIn("your own trial", error["message"])
        self.assertTrue(self.trial.exists())

    def test_trainee_cannot_schedule_a_note_as_his_manager(self):
        self.authenticate("cbo_fu_trainee", "cbo_fu_trainee")
        values = {
            "model": "crossborder.trial",
            "res_id": self.trial.id,
            "is_note": True,
            "scheduled_date": fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=1)),
            "body": "Decision: Confirm long-term.",
        }
        result, error = self._call_kw(
            "mail.scheduled.message",
            "create",
            [dict(values, author_id=self.walter.partner_id.id)],
        )
        self.assertEqual(error.get("name"), ACCESS)
        self.assertIn("in your own name", error["message"])
        own, error = self._call_kw(
            "mail.scheduled.message",
            "create",
            [dict(values, author_id=self.trainee.partner_id.id, body="See you Monday")],
        )
        self.assertFalse(error, "in his own name he schedules")
        result, error = self._call_kw(
            "mail.scheduled.message", "write", [[own], {"author_id": self.walter.partner_id.id}]
        )
        self.assertEqual(error.get("name"), ACCESS, "nor signs it later")
        self.assertEqual(
            self.env["mail.scheduled.message"]
            .search([("model", "=", "crossborder.trial"), ("res_id", "=", self.trial.id)])
            .author_id,
            self.trainee.partner_id,
        )


@tagged("post_install", "-at_install", "crossborder_ops")
class TestReferenceCheckDoors(DecisionCase):
    def test_reference_check_in_ones_own_name(self):
        ana = self._applicant("Ana Reyes")
        values = {"applicant_id": ana.id, "name": "Former manager", "result": "negative"}
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        result, error = self._call_kw(
            "crossborder.applicant.reference",
            "create",
            [dict(values, checked_by_id=self.officer.id)],
        )
        self.assertEqual(error.get("name"), ACCESS)
        self.assertIn("in your own name", error["message"])
        own, error = self._call_kw("crossborder.applicant.reference", "create", [values])
        self.assertFalse(error)
        result, error = self._call_kw(
            "crossborder.applicant.reference", "write", [[own], {"checked_by_id": self.officer.id}]
        )
        self.assertEqual(error.get("name"), ACCESS)
        reference = self.env["crossborder.applicant.reference"].browse(own)
        self.assertEqual(reference.checked_by_id, self.reviewer_a, "hers, by default")
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "crossborder.applicant.reference",
            "create",
            [dict(values, checked_by_id=self.reviewer_b.id)],
        )
        self.assertFalse(error, "an officer records a colleague's check")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialTodosFollow(DecisionCase):
    """The manager's to-dos on a trial follow what happens to it (audit a3 F10):
    the check-in to-do closes when the check-in is done, the "Decide" to-do moves
    with the end date, and a trial without a manager reminds no robot."""

    def _open_todos(self, trial):
        trial.invalidate_recordset(["activity_ids"])
        return trial.activity_ids.sorted("summary")

    def test_todos_follow_the_trial(self):
        lina = self._applicant("Lina Hired")
        trial = self._hire_with_trial(lina)
        manager = new_test_user(
            self.env, login="cbo_trial_mgr", groups="base.group_user", name="Mona Manager"
        )
        self.authenticate("cbo_officer", "cbo_officer")
        _result, error = self._call_kw(
            "crossborder.trial", "write", [trial.ids, {"manager_id": manager.id}]
        )
        self.assertFalse(error)
        [checkin] = self._open_todos(trial)
        self.assertEqual((checkin.summary, checkin.user_id), ("Mid-trial check-in", manager))
        self.env["crossborder.trial"]._remind_batch(today=trial.date_end)
        decide = self._open_todos(trial) - checkin
        self.assertIn(fields.Date.to_string(trial.date_end), decide.summary)
        # HR moves the end a week later: the "Decide" to-do says the new end
        new_end = trial.date_end + timedelta(days=7)
        _result, error = self._call_kw(
            "crossborder.trial",
            "write",
            [trial.ids, {"date_end": fields.Date.to_string(new_end)}],
        )
        self.assertFalse(error)
        self.assertEqual(self._open_todos(trial), checkin, "the end is no longer near")
        self.env["crossborder.trial"]._remind_batch(today=new_end)
        todos = self._open_todos(trial)
        self.assertEqual(len(todos), 2, "one check-in, one decision")
        decide = todos - checkin
        self.assertIn(fields.Date.to_string(new_end), decide.summary)
        self.assertEqual(decide.date_deadline, new_end)
        self.assertEqual(checkin.date_deadline, trial.checkin_date, "the check-in moved too")
        # the manager checks in: the check-in to-do is done
        self.authenticate("cbo_trial_mgr", "cbo_trial_mgr")
        _result, error = self._call_kw(
            "crossborder.trial", "write", [trial.ids, {"checkin_done": True}]
        )
        self.assertFalse(error)
        self.assertEqual(self._open_todos(trial), decide)

    def test_no_manager_reminds_the_recruiter_not_a_robot(self):
        trial = self._hire_with_trial(self._applicant("Mara Costa"))
        trial.sudo().manager_id = False
        trial.activity_ids.unlink()
        self.job.user_id = False
        self.env["crossborder.trial"]._remind_batch(today=trial.date_end)
        self.assertFalse(self._open_todos(trial), "nobody to remind, not OdooBot")
        self.authenticate("cbo_officer", "cbo_officer")
        _result, error = self._call_kw(
            "crossborder.trial", "write", [trial.ids, {"manager_id": self.officer.id}]
        )
        self.assertFalse(error)
        self.env["crossborder.trial"]._remind_batch(today=trial.date_end)
        self.assertEqual(self._open_todos(trial).user_id, self.officer, "the new manager's")
