# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Side doors through Odoo's own hiring and survey features, played from outside
(JSON-RPC of the web client) on the records of a skill test: the applicant's key
to his test read in the outgoing e-mail, the sealed test sent through the plain
survey invitation (no deadline, a second answer sheet), the survey's settings
that make it timed and one-attempt loosened by hand, the applicant's answer sheet
rewritten by a recruitment manager, and the position's runner-ups
listed in rank order for whoever reads an ended trial."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HiringCase, JsonRpc

USER_ERROR = "odoo.exceptions.UserError"
ACCESS = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install", "crossborder_ops")
class TestStockHiringDoors(JsonRpc, HiringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ana = cls._applicant("Ana Invited")
        cls.kemal = cls._applicant("Kemal Uninvited")
        cls.survey = cls.test.survey_id

    def test_the_invitation_email_gives_no_key_to_the_test(self):
        """The e-mail that carries the applicant's personal link is his: an
        interviewer of the position, who reads the test's invitation and its
        messages, does not find the link (his key to take the test in the
        applicant's place) among them."""
        invitation = self._send(self.ana)
        token = invitation.user_input_id.sudo().access_token
        mail = self.env["mail.mail"].sudo().search([("body_html", "ilike", token)])
        self.assertEqual(len(mail), 1, "the applicant gets his link")
        self.env.flush_all()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        rows, error = self._call_kw(
            "crossborder.skill.test.invitation", "read", [invitation.ids, ["state"]]
        )
        self.assertFalse(error, "she reads the test she will grade")
        for domain in (
            [("model", "=", invitation._name), ("res_id", "=", invitation.id)],
            [("body", "ilike", token)],
        ):
            with self.subTest(domain=domain):
                rows, error = self._call_kw(
                    "mail.message", "search_read", [domain], fields=["body"]
                )
                self.assertFalse(error)
                self.assertNotIn(token, str(rows))
        rows, error = self._call_kw("mail.message", "read", [mail.mail_message_id.ids, ["body"]])
        self.assertNotIn(token, str(rows))

    def test_the_link_sent_again_from_the_chatter_stays_the_applicants(self):
        """A recruitment officer sends the link again from the test's chatter (Send
        message, with the invitation's template): the message is the applicant's
        and the officers', not the interviewers' who read the test."""
        invitation = self._send(self.ana)
        token = invitation.user_input_id.sudo().access_token
        template = self.env.ref("crossborder_ops.mail_template_skill_test_invitation")
        self.authenticate("cbo_officer", "cbo_officer")
        composer, error = self._call_kw(
            "mail.compose.message",
            "create",
            [
                {
                    "model": invitation._name,
                    "res_ids": str(invitation.ids),
                    "composition_mode": "comment",
                    "template_id": template.id,
                    "partner_ids": [(6, 0, self.ana.partner_id.ids)],
                }
            ],
        )
        self.assertFalse(error, error.get("message"))
        result, error = self._call_kw("mail.compose.message", "action_send_mail", [[composer]])
        self.assertFalse(error, error.get("message"))
        posted = self.env["mail.message"].search(
            [("model", "=", invitation._name), ("res_id", "=", invitation.id)]
        )
        self.assertIn(token, str(posted.mapped("body")), "posted on the test")
        rows, error = self._call_kw("mail.message", "read", [posted.ids, ["body"]])
        self.assertIn(token, str(rows), "the officers read it")
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        for domain in (
            [("model", "=", invitation._name), ("res_id", "=", invitation.id)],
            [("body", "ilike", token)],
        ):
            with self.subTest(domain=domain):
                rows, error = self._call_kw(
                    "mail.message", "search_read", [domain], fields=["body"]
                )
                self.assertNotIn(token, str(rows))
        rows, error = self._call_kw("mail.message", "read", [posted.ids, ["body"]])
        self.assertNotIn(token, str(rows))
        rows, error = self._call_kw(
            "crossborder.skill.test.invitation", "read", [invitation.ids, ["state"]]
        )
        self.assertFalse(error, "she still reads the test she will grade")

    def test_interviewers_do_not_write_to_applicants_about_their_test(self):
        """An interviewer of the position sends the invitation's template from the
        composer in mass mode: its message, hers, held the applicant's personal
        link, and the test waiting for his answers went to him again (outside
        audit 35). The composer on tests is for those who send them."""
        invitation = self._send(self.ana)
        token = invitation.user_input_id.sudo().access_token
        template = self.env.ref("crossborder_ops.mail_template_skill_test_invitation")
        mails = self.env["mail.mail"].sudo().search_count([("body_html", "ilike", token)])
        self.env.flush_all()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        for mode in ("mass_mail", "comment"):
            for values in (
                {"model": invitation._name, "template_id": template.id},
                {"model": invitation._name, "body": "Here is your link again"},
            ):
                with self.subTest(mode=mode, values=values):
                    composer, error = self._call_kw(
                        "mail.compose.message",
                        "create",
                        [{"res_ids": str(invitation.ids), "composition_mode": mode, **values}],
                    )
                    self.assertEqual(error.get("name"), ACCESS)
                    self.assertIn("Only those who send skill tests", error["message"])
        rows, error = self._call_kw(
            "mail.message", "search_read", [[("body", "ilike", token)]], fields=["body"]
        )
        self.assertFalse(rows, "she reads no link")
        self.assertEqual(
            self.env["mail.mail"].sudo().search_count([("body_html", "ilike", token)]),
            mails,
            "the applicant got his test once",
        )
        # a recruitment officer still writes to him from the composer
        self.authenticate("cbo_officer", "cbo_officer")
        composer, error = self._call_kw(
            "mail.compose.message",
            "create",
            [
                {
                    "model": invitation._name,
                    "res_ids": str(invitation.ids),
                    "composition_mode": "mass_mail",
                    "template_id": template.id,
                }
            ],
        )
        self.assertFalse(error, error.get("message"))
        result, error = self._call_kw("mail.compose.message", "action_send_mail", [[composer]])
        self.assertFalse(error, error.get("message"))
        sent = self.env["mail.message"].search(
            [
                ("model", "=", invitation._name),
                ("res_id", "=", invitation.id),
                ("body", "ilike", token),
            ]
        )
        self.assertEqual(sent.author_id, self.officer.partner_id, "sent on the test")

    def test_the_files_of_a_tests_messages_stay_with_them(self):
        """The test's messages are kept from its interviewers, and so are their files
        (an applicant's reply with an attachment, a file the officer sent): the
        interviewer listed them, read them and downloaded them through /web/content."""
        invitation = self._send(self.ana)
        message = invitation.message_post(
            body="Here is my portfolio",
            attachments=[("portfolio.txt", b"SECRET portfolio")],
            subtype_xmlid="mail.mt_note",
        )
        attachment = message.attachment_ids
        self.assertEqual(attachment.res_model, invitation._name)
        self.env.flush_all()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        for domain in (
            [("res_model", "=", invitation._name)],
            [("res_model", "=", invitation._name), ("res_id", "=", invitation.id)],
            [("name", "=", "portfolio.txt")],
            [("id", "=", attachment.id)],
        ):
            with self.subTest(domain=domain):
                rows, error = self._call_kw(
                    "ir.attachment", "search_read", [domain], fields=["name"]
                )
                self.assertFalse(error)
                self.assertFalse(rows, "not listed")
        result, error = self._call_kw("ir.attachment", "read", [attachment.ids, ["raw"]])
        self.assertEqual(error.get("name"), ACCESS, result)
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertNotIn("SECRET", response.text)
        self.assertNotEqual(response.status_code, 200)
        self.authenticate("cbo_officer", "cbo_officer")
        rows, error = self._call_kw(
            "ir.attachment",
            "search_read",
            [[("res_model", "=", invitation._name)]],
            fields=["name"],
        )
        self.assertIn("portfolio.txt", str(rows), "those who send tests read them")
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertEqual(response.text, "SECRET portfolio")

    def test_answers_of_an_open_test_wait_for_its_submission(self):
        """An interviewer reads the answers of her applicants' skill tests once they
        are submitted: not while the applicant is still writing them (Odoo's rule
        for interviewers reads every line of their applicants' surveys)."""
        invitation = self._send(self.ana)
        sheet = invitation.user_input_id.sudo()
        question = sheet.predefined_question_ids.filtered(lambda q: q.question_type == "text_box")[
            :1
        ]
        sheet._save_lines(question, "First draft")
        line = sheet.user_input_line_ids
        self.env.flush_all()
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        rows, error = self._call_kw(
            "survey.user_input.line",
            "search_read",
            [[("survey_id", "=", self.survey.id)]],
            fields=["value_text_box"],
        )
        self.assertNotIn("First draft", str(rows))
        count, error = self._call_kw(
            "survey.user_input.line", "search_count", [[("value_text_box", "=", "First draft")]]
        )
        self.assertEqual(count, 0)
        rows, error = self._call_kw(
            "survey.user_input.line", "read", [line.ids, ["value_text_box"]]
        )
        self.assertEqual(error.get("name"), ACCESS, rows)
        self._submit(invitation, fields.Datetime.now())
        rows, error = self._call_kw(
            "survey.user_input.line", "read", [line.ids, ["value_text_box"]]
        )
        self.assertFalse(error, error.get("message"))

    def test_the_sealed_test_is_not_sent_as_a_plain_survey(self):
        """Odoo's survey invitation (Share, or Send Interview from an application)
        would give the applicant an answer sheet without the test's deadline nor
        its invitation, a second try next to the one sent, or send the test to
        any address: a skill test is sent from the application only."""
        self.job.survey_id = self.survey  # the position's interview form
        self._send(self.ana)
        sheets = self.env["survey.user_input"].search([("survey_id", "=", self.survey.id)])
        self.authenticate("cbo_officer", "cbo_officer")
        for values in (
            {"applicant_id": self.kemal.id, "partner_ids": [(6, 0, self.ana.partner_id.ids)]},
            {"applicant_id": self.ana.id, "existing_mode": "new"},
            {"emails": "friend@example.com"},
        ):
            with self.subTest(values=values):
                wizard_id, error = self._call_kw(
                    "survey.invite", "create", [dict(values, survey_id=self.survey.id)]
                )
                if wizard_id:
                    result, error = self._call_kw("survey.invite", "action_invite", [[wizard_id]])
                self.assertEqual(error.get("name"), USER_ERROR, error.get("message"))
                self.assertIn("Send skill test", error["message"])
        self.assertEqual(
            self.env["survey.user_input"].search([("survey_id", "=", self.survey.id)]),
            sheets,
            "no answer sheet besides the one sent with the test",
        )
        # a plain interview form is still sent the stock way
        form = self.env["survey.survey"].create(
            {
                "title": "Phone screen",
                "survey_type": "recruitment",
                "question_and_page_ids": [
                    (0, 0, {"title": "Why us?", "question_type": "char_box"})
                ],
            }
        )
        self.kemal.partner_id = self.env["res.partner"].create(
            {"name": "Kemal Uninvited", "email": "kemal@example.com"}
        )
        wizard_id, error = self._call_kw(
            "survey.invite",
            "create",
            [
                {
                    "survey_id": form.id,
                    "applicant_id": self.kemal.id,
                    "partner_ids": [(6, 0, self.kemal.partner_id.ids)],
                }
            ],
        )
        result, error = self._call_kw("survey.invite", "action_invite", [[wizard_id]])
        self.assertFalse(error, error.get("message"))

    def test_the_sealed_tests_settings_stay_as_the_test_made_them(self):
        """Recruitment officers who are survey users, and recruitment managers, edit
        a skill test's survey (its wording): not what seals and times it. Open to
        anyone with its link, without a time limit or with a second attempt, or
        showing the right answers on the done page, the test would no longer be
        timed, one attempt, nor its key kept from the applicants."""
        self.officer.group_ids = [(4, self.env.ref("survey.group_survey_user").id)]
        new_test_user(
            self.env, login="cbo_rec_manager", groups="hr_recruitment.group_hr_recruitment_manager"
        )
        settings = self.survey.read(
            ["access_mode", "is_attempts_limited", "is_time_limited", "time_limit", "scoring_type"]
        )
        for login in ("cbo_officer", "cbo_rec_manager"):
            self.authenticate(login, login)
            for values in (
                {"access_mode": "public"},
                {"is_attempts_limited": False},
                {"attempts_limit": 3},
                {"is_time_limited": False},
                {"time_limit": 500},
                {"scoring_type": "scoring_with_answers"},
                {"survey_type": "survey"},
                {"certification": True},
            ):
                with self.subTest(login=login, values=values):
                    result, error = self._call_kw(
                        "survey.survey", "write", [self.survey.ids, values]
                    )
                    self.assertEqual(error.get("name"), USER_ERROR, error.get("message"))
                    self.assertIn("timed and one attempt", error["message"])
            # the wording stays theirs
            result, error = self._call_kw(
                "survey.survey", "write", [self.survey.ids, {"description": "<p>Good luck</p>"}]
            )
            self.assertFalse(error, error.get("message"))
        # nor is it run as a live session (questions shown by the host, no clock)
        self.authenticate("cbo_officer", "cbo_officer")
        result, error = self._call_kw("survey.survey", "action_start_session", [self.survey.ids])
        self.assertEqual(error.get("name"), USER_ERROR, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(
            self.survey.read(
                [
                    "access_mode",
                    "is_attempts_limited",
                    "is_time_limited",
                    "time_limit",
                    "scoring_type",
                ]
            ),
            settings,
        )
        self.assertFalse(self.survey.session_state)
        # the test rewrites them itself (Generate the survey)
        self.test.with_user(self.officer).action_generate_survey()

    def test_answer_sheets_are_the_applicants_and_the_systems(self):
        """A recruitment manager reads and writes every recruitment survey's answers
        (stock rights): on a skill test's sheets that was a submission reopened for a
        second try, a submission or a time used typed by hand, an automatic score
        forged, an answer rewritten, a sheet more or a sheet taken away. He still
        gives more time (the deadline, which the invitation follows)."""
        new_test_user(
            self.env,
            login="cbo_sheet_manager",
            groups="hr_recruitment.group_hr_recruitment_manager",
        )
        done = self._send(self.ana)
        self._submit(done, fields.Datetime.now())
        waiting = self._send(self.kemal)
        sheet, open_sheet = done.user_input_id, waiting.user_input_id
        kept = done.read(["state", "submitted_date", "minutes_used", "auto_score"])
        line = sheet.user_input_line_ids.filtered(lambda li: li.answer_type == "text_box")[:1]
        question = line.question_id
        self.env.flush_all()
        self.authenticate("cbo_sheet_manager", "cbo_sheet_manager")
        for model, method, args in (
            ("survey.user_input", "write", [sheet.ids, {"state": "in_progress"}]),
            ("survey.user_input", "write", [sheet.ids, {"end_datetime": "2020-01-01 00:00:00"}]),
            ("survey.user_input", "write", [sheet.ids, {"scoring_percentage": 100}]),
            ("survey.user_input", "write", [open_sheet.ids, {"state": "done"}]),
            ("survey.user_input", "unlink", [open_sheet.ids]),
            (
                "survey.user_input",
                "create",
                [
                    {
                        "survey_id": self.survey.id,
                        "partner_id": self.ana.partner_id.id,
                        "applicant_id": self.ana.id,
                    }
                ],
            ),
            ("survey.user_input.line", "write", [line.ids, {"value_text_box": "Forged"}]),
            ("survey.user_input.line", "unlink", [line.ids]),
            (
                "survey.user_input.line",
                "create",
                [
                    {
                        "user_input_id": open_sheet.id,
                        "question_id": question.id,
                        "answer_type": "text_box",
                        "value_text_box": "Written for him",
                    }
                ],
            ),
        ):
            with self.subTest(model=model, method=method, args=args):
                result, error = self._call_kw(model, method, args)
                self.assertEqual(error.get("name"), ACCESS, result)
                self.assertIn("applicant's", error["message"])
        later = fields.Datetime.to_string(waiting.deadline + timedelta(days=1))
        result, error = self._call_kw(
            "survey.user_input", "write", [open_sheet.ids, {"deadline": later}]
        )
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(done.read(["state", "submitted_date", "minutes_used", "auto_score"]), kept)
        self.assertEqual(line.value_text_box, "My answer")
        self.assertEqual((waiting.state, waiting.user_input_id), ("sent", open_sheet))
        self.assertEqual(fields.Datetime.to_string(waiting.deadline), later, "more time")
        self.assertEqual(
            self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)]), 2
        )


@tagged("post_install", "-at_install", "crossborder_ops")
class TestRunnerUpsDoor(JsonRpc, HiringCase, HttpCase):
    """The runner-ups of an ended trial's position, best ranked first, are for
    recruitment officers: the trial's manager (or trainee), who reads the trial,
    does not get the applicants of the position in rank order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trial_manager = new_test_user(cls.env, login="cbo_runner_manager")
        hired = cls._applicant("Hired Hana")
        cls.second = cls._applicant("Second Sam")
        cls.first = cls._applicant("First Fay", screening_recommendation="yes")
        hired.stage_id = cls.env["hr.recruitment.stage"].search(
            [("hired_stage", "=", True)], limit=1
        )
        hired.with_user(cls.officer).create_employee_from_applicant()
        cls.trial = cls.env["crossborder.trial"].search([("applicant_id", "=", hired.id)])
        cls.trial.sudo().manager_id = cls.trial_manager

    def test_runner_ups_for_recruitment_officers(self):
        self.trial.with_user(self.trial_manager).result_ids.write({"rating": "not_met"})
        self.trial.with_user(self.trial_manager)._apply_decision("end", "Not a fit")
        self.env.flush_all()
        self.authenticate("cbo_runner_manager", "cbo_runner_manager")
        rows, error = self._call_kw("crossborder.trial", "read", [self.trial.ids, ["state"]])
        self.assertEqual(rows[0]["state"], "ended", "he reads the trial he led")
        action, error = self._call_kw(
            "crossborder.trial", "action_open_runner_ups", [self.trial.ids]
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError", action)
        self.assertNotIn(str(self.first.id), str(action))
        self.authenticate("cbo_officer", "cbo_officer")
        action, error = self._call_kw(
            "crossborder.trial", "action_open_runner_ups", [self.trial.ids]
        )
        self.assertFalse(error, error.get("message"))
        self.assertEqual(action["domain"], [["id", "in", [self.first.id, self.second.id]]])
