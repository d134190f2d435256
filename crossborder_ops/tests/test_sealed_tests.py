# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Skill tests as sealed tests (issue 11), played on survey's own routes as the
applicant would: no printable questions before submission, one attempt, the
deadline kept in one place, a timer the server enforces, a random draw per applicant,
no verdict the rubric may overturn, the answer link for recruitment officers only."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HiringCase, JsonRpc

SECRET = "stuck in customs"  # in a situational question, nowhere else


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSealedTests(JsonRpc, HiringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.applicant = cls._applicant("Sam Sealed")

    def setUp(self):
        super().setUp()
        self.invitation = self._send(self.applicant)
        self.answer = self.invitation.user_input_id.sudo()
        self.survey = self.answer.survey_id

    def _get(self, path):
        self.env.flush_all()
        response = self.url_open(path)
        self.env.invalidate_all()
        return response

    def _answer_count(self):
        return self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)])

    def test_print_route_shows_no_question_before_submission(self):
        url = f"/survey/print/{self.survey.access_token}?answer_token={self.answer.access_token}"
        response = self._get(url)
        self.assertNotIn(SECRET, response.text)
        self.assertNotIn("What we look for", response.text)
        self.assertEqual(self.answer.state, "new", "printing did not start the test either")
        self.assertNotIn(SECRET, self._get(f"/survey/print/{self.survey.access_token}").text)
        self._submit(self.invitation, fields.Datetime.now())
        self.assertIn(SECRET, self._get(url).text, "his own answers, once submitted")

    def test_retry_route_gives_no_second_attempt(self):
        self._submit(self.invitation, fields.Datetime.now())
        before = self._answer_count()
        response = self._get(f"/survey/retry/{self.survey.access_token}/{self.answer.access_token}")
        self.assertEqual(self._answer_count(), before, "no new answer")
        self.assertNotIn("Start Survey", response.text)
        self.assertTrue(self.survey.is_attempts_limited)
        self.assertEqual(self.survey.attempts_limit, 1)

    def test_extending_the_deadline_lets_the_applicant_in(self):
        past = fields.Datetime.now() - timedelta(hours=1)
        self.invitation.with_user(self.officer).deadline = past
        self.assertEqual(self.answer.deadline, past, "one deadline")
        start = f"/survey/start/{self.survey.access_token}?answer_token={self.answer.access_token}"
        self.assertIn("survey expired", self._get(start).text)
        self.invitation._refuse_late_batch()
        self.assertEqual(self.invitation.state, "late")
        later = fields.Datetime.now() + timedelta(days=1)
        self.invitation.with_user(self.officer).deadline = later
        self.assertEqual(self.answer.deadline, later)
        self.assertEqual(self.invitation.state, "sent", "the scheduled action watches it again")
        response = self._get(start)
        self.assertNotIn("survey expired", response.text)
        self.assertIn("Start Survey", response.text)
        # and the survey side keeps the invitation in step
        self.answer.deadline = later + timedelta(hours=2)
        self.assertEqual(self.invitation.deadline, later + timedelta(hours=2))

    def test_server_stops_the_test_at_the_time_limit(self):
        token, answer_token = self.survey.access_token, self.answer.access_token
        self.env.flush_all()
        self.make_jsonrpc_request(f"/survey/begin/{token}/{answer_token}", {})
        self.env.invalidate_all()
        self.assertEqual(self.answer.state, "in_progress")
        self.answer.start_datetime = fields.Datetime.now() - timedelta(
            minutes=self.survey.time_limit + 5
        )
        self.env.flush_all()
        _correct, result = self.make_jsonrpc_request(
            f"/survey/submit/{token}/{answer_token}",
            {str(q.id): "late answer" for q in self.answer.predefined_question_ids},
        )
        self.env.invalidate_all()
        self.assertEqual(result.get("error"), "unauthorized")
        self.assertEqual(self.answer.state, "in_progress", "not submitted past the timer")
        self.assertFalse(self.answer.user_input_line_ids)

    def test_an_option_of_another_question_scores_nothing(self):
        """The applicant answers each situation with the right option of another
        one, or with the right answer of a public quiz: the survey saved the option
        and scored it, a full automatic score (outside audit 35)."""
        quiz = self.env["survey.survey"].create(
            {
                "title": "Public quiz",
                "scoring_type": "scoring_with_answers",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "How long is the Nile?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create(
                                    {"value": "6650 km", "is_correct": True, "answer_score": 10}
                                ),
                                Command.create({"value": "100 km"}),
                            ],
                        }
                    )
                ],
            }
        )
        token, answer_token = self.survey.access_token, self.answer.access_token
        questions = self.answer.predefined_question_ids
        situations = questions.filtered(lambda q: q.question_type == "simple_choice")
        self.assertGreater(len(situations), 1)
        right = {q: q.suggested_answer_ids.filtered("is_correct") for q in situations}
        self._get(f"/survey/start/{token}?answer_token={answer_token}")
        self.make_jsonrpc_request(f"/survey/begin/{token}/{answer_token}", {})

        def submit(option_of):
            self.env.flush_all()
            _correct, result = self.make_jsonrpc_request(
                f"/survey/submit/{token}/{answer_token}",
                {
                    str(q.id): str(option_of(q).id) if q in situations else "My answer"
                    for q in questions
                },
            )
            self.env.invalidate_all()
            return result

        for name, option_of in (
            ("another situation's", lambda q: right[situations[0]]),
            ("a public quiz's", lambda q: quiz.question_ids.suggested_answer_ids[0]),
        ):
            with self.subTest(option=name):
                result = submit(option_of)
                self.assertEqual(result.get("error"), "validation")
                self.assertIn(str(situations[1].id), {str(k) for k in result["fields"]})
                self.assertEqual(self.answer.state, "in_progress", "not submitted")
                lines = self.answer.user_input_line_ids.filtered("suggested_answer_id")
                self.assertEqual(
                    lines.question_id, situations[0], "his own situation's option only"
                )
                self.assertLess(self.invitation.auto_score, 50.0)
        # his own options are saved and scored as ever
        self.assertFalse(submit(lambda q: right[q]).get("error"))
        self.assertEqual((self.answer.state, self.invitation.auto_score), ("done", 100.0))
        # nor is a foreign option written on an answer over RPC, by a survey manager
        # on a survey of his own
        new_test_user(self.env, login="cbo_quiz_mgr", groups="survey.group_survey_manager")
        sheet = quiz._create_answer(user=self.env.ref("base.public_user"))
        own = quiz.question_ids.suggested_answer_ids[1]
        self.authenticate("cbo_quiz_mgr", "cbo_quiz_mgr")
        line = {
            "user_input_id": sheet.id,
            "question_id": quiz.question_ids.id,
            "answer_type": "suggestion",
        }
        foreign = right[situations[0]].id
        result, error = self._call_kw(
            "survey.user_input.line", "create", [{**line, "suggested_answer_id": foreign}]
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.ValidationError")
        self.assertIn("not one of its options", error["message"])
        line_id, error = self._call_kw(
            "survey.user_input.line", "create", [{**line, "suggested_answer_id": own.id}]
        )
        self.assertFalse(error)
        result, error = self._call_kw(
            "survey.user_input.line", "write", [[line_id], {"suggested_answer_id": foreign}]
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.ValidationError")
        self.env.invalidate_all()
        self.assertEqual(sheet.user_input_line_ids.suggested_answer_id, own)
        self.assertEqual(sheet.scoring_percentage, 0.0)

    def test_done_page_shows_no_verdict(self):
        self._submit(self.invitation, fields.Datetime.now())
        self.assertEqual(self.answer.scoring_percentage, 100.0)
        text = self._get(
            f"/survey/start/{self.survey.access_token}?answer_token={self.answer.access_token}"
        ).text
        self.assertIn("we received your test", text)
        for verdict in ("You scored", "passed the test", "failed the test"):
            self.assertNotIn(verdict, text)

    def test_interviewers_read_the_answers_after_the_deadline(self):
        """*See the answers*, clicked by an interviewer of the position once the test's
        deadline had passed, opened "This survey is now closed" (outside audit 4)."""
        self.answer.deadline = fields.Datetime.now() - timedelta(hours=1)
        self._submit(self.invitation, fields.Datetime.now() - timedelta(hours=2))
        self.env.flush_all()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        action = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": self.invitation._name,
                "method": "action_view_answers",
                "args": [self.invitation.ids],
                "kwargs": {},
            },
        )
        page = self.url_open(action["url"]).text
        self.assertNotIn("survey expired", page)
        self.assertIn("My answer", page, "the applicant's answers")
        # an interviewer of another position, handed the link, reads nothing
        self.authenticate("cbo_rev_b", "cbo_rev_b")
        self.assertNotIn("My answer", self.url_open(action["url"]).text)

    def test_start_url_for_recruitment_officers_only(self):
        other = self._send(self._applicant("Sid Second"))
        self.assertEqual(len(set((self.invitation | other).mapped("start_url"))), 2)
        invitations = (self.invitation | other).with_user(self.officer)
        invitations.invalidate_recordset()
        urls = invitations.read(["start_url"])  # several at once
        self.assertEqual(len({row["start_url"] for row in urls}), 2)
        self.assertIn(self.answer.access_token, urls[0]["start_url"] + urls[1]["start_url"])
        with self.assertRaises(AccessError):
            self.invitation.with_user(self.reviewer_a).read(["start_url"])
        view = self.env["crossborder.skill.test.invitation"].with_user(self.reviewer_a)
        arch = view.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn("start_url", arch)

    def test_questions_drawn_per_applicant_from_each_task_bank(self):
        task = self.job.task_ids.filtered(lambda t: t.name == "Answer buyer messages")
        task.write(
            {
                "test_question_ids": [
                    (0, 0, {"name": f"Buyer case {n}", "instructions": f"Message {n}"})
                    for n in range(1, 6)
                ],
            }
        )
        test = self.env["crossborder.skill.test"].create({"name": "Bank", "job_id": self.job.id})
        test.action_generate_survey()
        survey = test.survey_id
        self.assertEqual(survey.questions_selection, "random")
        section = survey.page_ids.filtered(lambda p: p.title == "Answer buyer messages")
        self.assertEqual(section.random_questions_count, 1)
        self.assertEqual(len(section.question_ids), 5, "the whole bank is in the survey")
        applicants = self.env["hr.applicant"].browse(
            [self._applicant(f"Bank {n}").id for n in range(8)]
        )
        invitations = self._send(applicants, test=test)
        drawn = [
            invitation.user_input_id.predefined_question_ids & section.question_ids
            for invitation in invitations
        ]
        self.assertEqual({len(questions) for questions in drawn}, {1}, "one case each")
        self.assertGreater(len(set().union(*(q.ids for q in drawn))), 1, "not the same for all")
        # the reviewer grades the case the applicant drew
        invitation = invitations[0]
        self._submit(invitation, fields.Datetime.now(), {drawn[0].title: "Dear buyer"})
        action = invitation.with_user(self.reviewer_a).action_grade()
        wizard = self.env["crossborder.grading.wizard"].browse(action["res_id"])
        line = wizard.line_ids.filtered(lambda li: li.criterion_id.page_id == section)
        self.assertEqual((line.question_id, line.answer), (drawn[0], "Dear buyer"))


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTraineeOverJsonRpc(HiringCase, HttpCase):
    """The trainee's attack of the issue, played as he would: JSON-RPC calls from his
    own session to the endpoints the web client uses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.trainee = cls._user("cbo_rpc_trainee", "base.group_user")
        cls.manager = cls._user("cbo_rpc_manager", "base.group_user")
        cls.employee = env["hr.employee"].create({"name": "Rpc Trainee", "user_id": cls.trainee.id})
        cls.other = env["hr.employee"].create({"name": "Someone Else"})
        today = fields.Date.context_today(env.user)
        cls.trial = env["crossborder.trial"].create(
            {
                "employee_id": cls.employee.id,
                "manager_id": cls.manager.id,
                "date_start": today,
                "date_end": today + timedelta(days=21),
                "result_ids": [(0, 0, {"name": "Answer buyers"})],
            }
        )

    @classmethod
    def _user(cls, login, groups):
        return new_test_user(cls.env, login=login, password=login, groups=groups)

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _refused(self, model, method, *args, **kwargs):
        with self.assertLogs("odoo.http", "WARNING"), self.assertRaises(Exception) as catcher:
            self._call(model, method, *args, **kwargs)
        self.assertIn("AccessError", str(catcher.exception))

    def test_trainee_attack_refused_on_every_call(self):
        self.authenticate(self.trainee.login, self.trainee.login)
        trial = self.trial
        rows = self._call("crossborder.trial", "web_read", [trial.id], specification={"state": {}})
        self.assertEqual(rows[0]["state"], "in_progress", "he reads his trial")
        self._refused("crossborder.trial.result", "write", trial.result_ids.ids, {"rating": "met"})
        self._refused(
            "crossborder.trial.decision", "create", [{"trial_id": trial.id, "decision": "confirm"}]
        )
        self._refused("crossborder.trial", "write", [trial.id], {"manager_id": self.trainee.id})
        self._refused("crossborder.trial", "write", [trial.id], {"employee_id": self.other.id})
        self._refused("crossborder.trial", "write", [trial.id], {"state": "confirmed"})
        self._refused("crossborder.trial", "action_open_decision", [trial.id])
        self._refused(
            "crossborder.trial",
            "message_post",
            [trial.id],
            body="Decision: confirm long-term",
            author_id=self.manager.partner_id.id,
        )
        self._call("crossborder.trial", "message_post", [trial.id], body="Thanks for the help")
        self.env.invalidate_all()
        self.assertEqual(
            (trial.state, trial.manager_id, trial.employee_id, trial.result_ids.rating),
            ("in_progress", self.manager, self.employee, False),
        )
        self.assertIn("Thanks for the help", trial.message_ids[0].body)
