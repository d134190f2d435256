# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Side doors found by playing the roles from outside: scores and submission
dates typed over JSON-RPC, the answer key read by any employee, a test answered
without ever starting its clock, the right answer always in first place."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HiringCase, JsonRpc

ACCESS = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHiringSideDoors(JsonRpc, HiringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = new_test_user(
            cls.env, login="cbo_colleague", name="Colin Colleague", groups="base.group_user"
        )
        cls.ana = cls._applicant("Ana Graded")
        cls.kemal = cls._applicant("Kemal Waiting")

    def test_scores_and_submission_dates_are_not_typed(self):
        graded = self._send(self.ana)
        waiting = self._send(self.kemal)
        self._submit(graded, fields.Datetime.now())
        self.authenticate("cbo_officer", "cbo_officer")
        for model, record, values in (
            ("crossborder.skill.test.invitation", graded, {"final_score": 99, "passed": True}),
            ("crossborder.skill.test.invitation", graded, {"state": "graded"}),
            ("crossborder.skill.test.invitation", waiting, {"is_late": True}),
            # a late applicant "submitted" by hand would escape the deadline's refusal
            ("crossborder.skill.test.invitation", waiting, {"submitted_date": "2026-01-01"}),
            ("hr.applicant", self.kemal, {"test_score": 100, "test_graded": True}),
        ):
            with self.subTest(model=model, values=values):
                result, error = self._call_kw(model, "write", [record.ids, values])
                self.assertEqual(error.get("name"), ACCESS)
                self.assertIn("set by the system", error["message"])
        self.env.invalidate_all()
        self.assertFalse(waiting.submitted_date)
        self.assertEqual(graded.state, "submitted", "waits for its grades")
        self.assertFalse(self.kemal.test_graded)

    def test_answer_key_for_those_who_set_tests(self):
        self.authenticate("cbo_colleague", "cbo_colleague")
        result, error = self._call_kw(
            "crossborder.situational.answer", "search_read", [[]], fields=["name", "is_correct"]
        )
        self.assertEqual(error.get("name"), ACCESS)
        count, error = self._call_kw(
            "crossborder.situational.answer", "search_count", [[("is_correct", "=", True)]]
        )
        self.assertEqual(error.get("name"), ACCESS, "no guessing by search either")
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw(
            "crossborder.situational.answer", "search_read", [[]], fields=["is_correct"]
        )
        self.assertTrue(any(row["is_correct"] for row in result), "officers set the key")

    def test_answers_sent_to_a_test_never_started_are_refused(self):
        invitation = self._send(self.ana)
        answer = invitation.user_input_id.sudo()
        survey = answer.survey_id
        self.env.flush_all()
        _correct, result = self.make_jsonrpc_request(
            f"/survey/submit/{survey.access_token}/{answer.access_token}",
            {
                str(q.id): "offline answer"
                if q.question_type == "text_box"
                else str(q.suggested_answer_ids.filtered("is_correct").id)
                for q in answer.predefined_question_ids
            },
        )
        self.env.invalidate_all()
        self.assertEqual(result.get("error"), "unauthorized")
        self.assertEqual((answer.state, invitation.state), ("new", "sent"), "nothing submitted")
        _correct, result = self.make_jsonrpc_request(
            f"/survey/next_question/{survey.access_token}/{answer.access_token}", {}
        )
        self.assertEqual(result.get("error"), "unauthorized", "no questions without the clock")

    def test_right_answer_not_always_first(self):
        situation = self.env["crossborder.situational.question"].create(
            {
                "name": "A buyer asks for a discount before paying. What do you do?",
                "answer_ids": [
                    (0, 0, {"name": "Follow the discount policy", "is_correct": True}),
                    (0, 0, {"name": "Give 50 %", "is_correct": False}),
                    (0, 0, {"name": "Ignore the message", "is_correct": False}),
                ],
            }
        )
        places = {
            [answer[2]["is_correct"] for answer in question["suggested_answer_ids"]].index(True)
            for question in (situation._survey_questions(0)[0] for _i in range(20))
        }
        # twenty generated tests, each with its own order: one place only would
        # happen by chance once in 3^19
        self.assertGreater(len(places), 1)

    def test_one_right_answer_whatever_the_path(self):
        """An officer ticked a second answer right, or deleted the right one,
        on the answers themselves: the situation scored two answers, or none
        (outside audit 66). Moving the right answer in the form still works."""
        situation = self.env["crossborder.situational.question"].create(
            {
                "name": "T-A buyer writes in capitals. What do you do?",
                "answer_ids": [
                    (0, 0, {"name": "Answer calmly", "is_correct": True}),
                    (0, 0, {"name": "Ask him to stop", "is_correct": False}),
                ],
            }
        )
        right, wrong = situation.answer_ids
        self.authenticate("cbo_officer", "cbo_officer")
        Answer = "crossborder.situational.answer"
        for method, args in (
            ("write", [wrong.ids, {"is_correct": True}]),
            ("write", [right.ids, {"is_correct": False}]),
            ("unlink", [right.ids]),
            ("create", [{"question_id": situation.id, "name": "Both", "is_correct": True}]),
        ):
            with self.subTest(method=method, args=args):
                _result, error = self._call_kw(Answer, method, args)
                self.assertIn("needs exactly one right answer", error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(situation.answer_ids.filtered("is_correct"), right)
        # the form saves the answers one by one: none right, then one again
        _result, error = self._call_kw(
            "crossborder.situational.question",
            "write",
            [
                situation.ids,
                {
                    "answer_ids": [
                        (1, right.id, {"is_correct": False}),
                        (1, wrong.id, {"is_correct": True}),
                    ]
                },
            ],
        )
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(situation.answer_ids.filtered("is_correct"), wrong)
        # emptied of its answers, it is asked in no test: a choice without
        # choices cannot be answered (outside audit 67)
        _result, error = self._call_kw(
            "crossborder.situational.question", "write", [situation.ids, {"answer_ids": [(5,)]}]
        )
        self.assertFalse(error, error.get("message"))
        self.test.action_generate_survey()
        asked = self.test.survey_id.question_ids.mapped("title")
        self.assertNotIn(situation.name, asked)
        self.assertTrue(
            self.test.survey_id.question_ids.filtered(lambda q: q.question_type == "simple_choice")
        )

    def test_interviewer_gets_no_key_to_an_open_test(self):
        invitation = self._send(self.kemal)
        answer = invitation.user_input_id.sudo()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        found, error = self._call_kw(
            "survey.user_input", "search_read", [[]], fields=["access_token", "state"]
        )
        self.assertNotIn(answer.access_token, str(found), "not listed")
        result, error = self._call_kw("survey.user_input", "read", [answer.ids, ["access_token"]])
        self.assertEqual(error.get("name"), ACCESS, "nor read by id")
        rows, error = self._call_kw(
            "crossborder.skill.test.invitation",
            "search_read",
            [[("id", "=", invitation.id)]],
            fields=["state", "user_input_id"],
        )
        self.assertFalse(error, "her list of tests still opens")
        self.assertEqual(rows[0]["state"], "sent")
        self._submit(invitation, fields.Datetime.now())
        result, error = self._call_kw("survey.user_input", "read", [answer.ids, ["state"]])
        self.assertEqual(result[0]["state"], "done", "submitted answers are hers to grade")

    def test_interviewer_reads_answers_not_the_key(self):
        """A reviewer reads the applicant's answers, the options he chose included
        (as View answers prints them), not what each was worth: search_read of
        answer_is_correct/answer_score on the answer lines gave him the situations'
        key, which the options themselves keep from him. Nor does he open a grading
        form on another position's test (it named the applicant)."""
        invitation = self._send(self.ana)
        self._submit(invitation, fields.Datetime.now())
        sheet = [("user_input_id", "=", invitation.user_input_id.id)]
        lines = self.env["survey.user_input.line"].search(sheet)
        chosen = lines.filtered("suggested_answer_id")
        self.assertTrue(chosen and lines - chosen, "options chosen, answers written")
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        rows, error = self._call_kw(
            "survey.user_input.line",
            "search_read",
            [sheet],
            fields=["value_text_box", "suggested_answer_id"],
        )
        self.assertFalse(error, "the answers are hers to read")
        self.assertEqual({row["id"] for row in rows}, set(lines.ids))
        for method, args, kwargs in (
            ("search_read", [sheet], {"fields": ["suggested_answer_id", "answer_is_correct"]}),
            ("search_read", [sheet], {"fields": ["answer_score"]}),
            ("search_count", [[*sheet, ("answer_is_correct", "=", True)]], {}),
            ("search_count", [[*sheet, ("answer_score", ">", 0)]], {}),
            ("formatted_read_group", [sheet, ["suggested_answer_id"], ["answer_score:sum"]], {}),
            ("formatted_read_group", [sheet, ["answer_is_correct"], ["__count"]], {}),
        ):
            with self.subTest(method=method, args=args):
                result, error = self._call_kw("survey.user_input.line", method, args, **kwargs)
                self.assertEqual(error.get("name"), ACCESS, result)
        self.reviewer_a.group_ids |= self.env.ref("base.group_allow_export")
        result, error = self._call_kw(
            "survey.user_input.line", "export_data", [chosen.ids, ["question_id", "answer_score"]]
        )
        self.assertEqual(error.get("name"), ACCESS, "nor exported")
        result, error = self._call_kw(
            "survey.user_input.line", "fields_get", [], attributes=["type"]
        )
        self.assertNotIn("answer_is_correct", result, "no column of it in her screens")
        # another position's reviewer
        self.authenticate("cbo_rev_b", "cbo_rev_b")
        result, error = self._call_kw(
            "crossborder.grading.wizard", "create", [{"invitation_id": invitation.id}]
        )
        self.assertEqual(error.get("name"), ACCESS, result)
        self.authenticate("cbo_officer", "cbo_officer")
        rows, error = self._call_kw(
            "survey.user_input.line", "search_read", [sheet], fields=["answer_is_correct"]
        )
        self.assertFalse(error, "officers set the key and read it")
        self.assertTrue(any(row["answer_is_correct"] for row in rows), "right answers given")

    def test_scheduled_actions_are_the_schedulers(self):
        """A recruitment officer (who writes the tests the deadline's scheduled action
        works on) ran it over RPC, in his name, outside the scheduler's lock."""
        cron = self.env.ref("crossborder_ops.ir_cron_skill_test_deadline")
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw("ir.actions.server", "run", [cron.ir_actions_server_id.ids])
        self.assertEqual(error.get("name"), ACCESS, result)
        self.assertIn("scheduled action", error["message"])
        self.authenticate("admin", "admin")
        result, error = self._call_kw("ir.cron", "method_direct_trigger", [cron.ids])
        self.assertFalse(error, "an administrator runs it by hand (Run Manually)")

    def test_a_waiting_test_is_extended_from_the_applicant(self):
        """Sending the test again is refused while it waits: the recruiter gives the
        applicant more time from his Skill tests tab (Extend deadline); a colleague
        who may only read it does not."""
        waiting = self._send(self.kemal)
        later = fields.Datetime.to_string(waiting.deadline + timedelta(days=2))
        self.authenticate("cbo_colleague", "cbo_colleague")
        result, error = self._call_kw(
            "crossborder.skill.test.invitation", "action_extend_deadline", [waiting.ids]
        )
        self.assertEqual(error.get("name"), ACCESS, result)
        self.authenticate("cbo_officer", "cbo_officer")
        action, error = self._call_kw(
            "crossborder.skill.test.invitation", "action_extend_deadline", [waiting.ids]
        )
        self.assertFalse(error, error.get("message"))
        self.assertEqual(
            (action["res_model"], action["res_id"]), (waiting._name, waiting.id), "its form"
        )
        result, error = self._call_kw(
            action["res_model"],
            "web_save",
            [[action["res_id"]], {"deadline": later}],
            specification={"deadline": {}},
        )
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(fields.Datetime.to_string(waiting.deadline), later)
        self.assertEqual(waiting.user_input_id.deadline, waiting.deadline, "his answer sheet too")

    def test_a_situation_in_the_survey_keeps_one_right_answer(self):
        """A recruitment administrator ticked a second answer of a situation
        right in the Survey app, or unticked the right one: the applicants'
        scores counted two, or none (outside audit 68). Moving the right answer
        in the question's form still works."""
        new_test_user(
            self.env,
            login="cbo_hr_admin",
            name="Hana Admin",
            groups="hr_recruitment.group_hr_recruitment_manager,survey.group_survey_manager",
        )
        question = self.test.survey_id.question_ids.filtered(
            lambda q: q.question_type == "simple_choice"
        )[:1]
        self.assertTrue(question, "the test asks situations")
        right = question.suggested_answer_ids.filtered("is_correct")
        wrong = (question.suggested_answer_ids - right)[:1]
        self.authenticate("cbo_hr_admin", "cbo_hr_admin")
        Option = "survey.question.answer"
        for method, args in (
            ("write", [wrong.ids, {"is_correct": True}]),
            ("write", [right.ids, {"is_correct": False}]),
            ("unlink", [right.ids]),
            ("create", [{"question_id": question.id, "value": "Both", "is_correct": True}]),
        ):
            with self.subTest(method=method, args=args):
                _result, error = self._call_kw(Option, method, args)
                self.assertIn("needs exactly one right answer", error.get("message", ""))
        # nor does a wrong answer score, nor the situation become another kind
        # of question (outside audit 69)
        for model, args, message in (
            (Option, [wrong.ids, {"answer_score": right.answer_score}], "Only the right answer"),
            (Option, [wrong.ids, {"answer_score": -5}], "Only the right answer"),
            ("survey.question", [question.ids, {"question_type": "multiple_choice"}], "stays"),
            ("survey.question", [question.ids, {"question_type": "text_box"}], "stays"),
        ):
            with self.subTest(model=model, args=args):
                _result, error = self._call_kw(model, "write", args)
                self.assertIn(message, error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(question.suggested_answer_ids.filtered("is_correct"), right)
        self.assertEqual((question.question_type, wrong.answer_score), ("simple_choice", 0))
        score = right.answer_score
        moved = [(1, right.id, {"is_correct": False}), (1, wrong.id, {"is_correct": True})]
        _result, error = self._call_kw(
            "survey.question", "write", [question.ids, {"suggested_answer_ids": moved}]
        )
        self.assertIn("Only the right answer", error.get("message", ""), "its points too")
        moved[0][2]["answer_score"], moved[1][2]["answer_score"] = 0, score
        _result, error = self._call_kw(
            "survey.question", "write", [question.ids, {"suggested_answer_ids": moved}]
        )
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(question.suggested_answer_ids.filtered("is_correct"), wrong)
        # emptied of its answers, in the Survey app or over RPC, it stayed no
        # situation: then a multiple choice took two right answers (audit 70, M4)
        for model, method, args in (
            (Option, "unlink", [question.suggested_answer_ids.ids]),
            ("survey.question", "write", [question.ids, {"suggested_answer_ids": [(5, 0, 0)]}]),
        ):
            with self.subTest(model=model, method=method):
                _result, error = self._call_kw(model, method, args)
                self.assertIn("needs exactly one right answer", error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(question.suggested_answer_ids.filtered("is_correct"), wrong)

    def test_what_applicants_answered_stays(self):
        """A recruitment administrator deleted, in the Survey app, a situation Ana
        had answered, or the option she chose: her answers and the points she
        scored went with them."""
        new_test_user(
            self.env,
            login="cbo_hr_admin",
            name="Hana Admin",
            groups="hr_recruitment.group_hr_recruitment_manager,survey.group_survey_manager",
        )
        invitation = self._send(self.ana)
        self._submit(invitation, fields.Datetime.now())
        line = invitation.user_input_id.user_input_line_ids.filtered("suggested_answer_id")[:1]
        self.assertTrue(line, "she answered a situation")
        self.authenticate("cbo_hr_admin", "cbo_hr_admin")
        unchosen = line.question_id.suggested_answer_ids - line.suggested_answer_id
        for model, ids in (
            ("survey.question", line.question_id.ids),
            ("survey.question.answer", line.suggested_answer_id.ids),
            # nor one nobody chose: the choice they saw (outside audit 72)
            ("survey.question.answer", unchosen[:1].ids),
        ):
            with self.subTest(model=model):
                _result, error = self._call_kw(model, "unlink", [ids])
                self.assertIn("Applicants answered", error.get("message", ""))
        # nor moved out of it, to be deleted there (outside audit 73)
        page = line.question_id.page_id or line.question_id.survey_id.page_ids[:1]
        _result, error = self._call_kw(
            "survey.question.answer", "write", [unchosen[:1].ids, {"question_id": page.id}]
        )
        self.assertIn("Applicants answered", error.get("message", ""))
        self.env.invalidate_all()
        self.assertTrue(line.exists())

    def test_what_applicants_answered_is_not_rescored(self):
        """Once Ana had answered, a recruitment administrator moved a question
        into another sealed test, swapped or raised its right answer's points,
        reworded an option, made her open question a numerical one worth 500
        points, or moved it under another section's criteria: her score went
        from 100 % to 2 %, and passed applicants failed (outside audit 75)."""
        invitation = self._send(self.ana)
        self._submit(invitation, fields.Datetime.now())
        sheet = invitation.user_input_id
        score = sheet.scoring_percentage
        lines = sheet.user_input_line_ids
        line = lines.filtered("suggested_answer_id")[:1]
        question, chosen = line.question_id, line.suggested_answer_id
        unchosen = question.suggested_answer_ids - chosen
        opened = lines.filtered(lambda x: x.question_id.question_type == "text_box")[:1].question_id
        self.assertTrue(question and opened, "she answered a situation and an open question")
        survey = question.survey_id
        other = survey.copy()
        page = (survey.page_ids - opened.page_id)[:1]
        self.assertTrue(other.crossborder_sealed and page)
        new_test_user(
            self.env,
            login="cbo_hr_admin",
            name="Hana Admin",
            groups="hr_recruitment.group_hr_recruitment_manager,survey.group_survey_manager",
        )
        self.authenticate("cbo_hr_admin", "cbo_hr_admin")
        for model, method, args in (
            ("survey.question", "write", [question.ids, {"survey_id": other.id}]),
            ("survey.question.answer", "write", [chosen.ids, {"answer_score": 1000}]),
            ("survey.question.answer", "write", [unchosen[:1].ids, {"is_correct": True}]),
            ("survey.question.answer", "write", [unchosen[:1].ids, {"value": "Reworded"}]),
            ("survey.question.answer", "create", [{"question_id": question.id, "value": "New"}]),
            (
                "survey.question",
                "write",
                [opened.ids, {"question_type": "numerical_box", "answer_score": 500}],
            ),
            ("survey.question", "write", [opened.ids, {"sequence": page.sequence + 1}]),
            ("survey.question", "write", [opened.ids, {"page_id": page.id}]),
            # nor reworded, in any language (outside audit 84's leftovers)
            ("survey.question", "write", [opened.ids, {"title": "Another assignment"}]),
            ("survey.question", "write", [opened.ids, {"description": "<p>Other</p>"}]),
            ("survey.question", "write", [opened.ids, {"question_placeholder": "Other"}]),
            (
                "survey.question",
                "update_field_translations",
                [opened.ids, "title", {"fr_FR": "Un autre devoir"}],
            ),
            (
                "survey.question.answer",
                "update_field_translations",
                [unchosen[:1].ids, "value", {"fr_FR": "Autre"}],
            ),
        ):
            with self.subTest(model=model, method=method, args=args):
                _result, error = self._call_kw(model, method, args)
                self.assertIn("stay as they saw and scored them", error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(sheet.scoring_percentage, score)
        self.assertEqual(question.survey_id, survey)
        self.assertNotEqual(opened.page_id, page)
        self.assertNotEqual(opened.title, "Another assignment")
