# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CrossborderSkillTest(models.Model):
    """A skill test built from the real tasks of the position, with the time the
    person would have on the job (the seed, 004: give a test made of the tasks
    with the same time they would have, and drop late submissions)."""

    _name = "crossborder.skill.test"
    _description = "Skill test of a position"
    _inherit = ["mail.thread"]
    _order = "job_id, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    job_id = fields.Many2one(
        "hr.job",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)
    task_ids = fields.Many2many(
        "crossborder.job.task",
        string="Tasks tested",
        domain="[('job_id', '=', job_id), ('value_class', '!=', 'high')]",
        check_company=True,
        help="One section per task. Empty: every task of the position except the high-value ones.",
    )
    include_situational = fields.Boolean(
        string="Situational questions",
        default=True,
        help="Add questions on typical situations (customs delay, design files, late "
        "work); they are scored automatically.",
    )
    survey_id = fields.Many2one("survey.survey", readonly=True, copy=False)
    time_limit_minutes = fields.Float(
        string="Time limit (min)",
        compute="_compute_time_limit_minutes",
        store=True,
        readonly=False,
        help="Defaults to the on-the-job time of the tested tasks, once each.",
    )
    deadline_hours = fields.Integer(
        string="Deadline (hours after sending)",
        default=lambda self: self.env["res.config.settings"]._crossborder_param(
            "test_deadline_hours"
        ),
    )
    pass_mark = fields.Float(
        string="Pass mark (%)",
        compute="_compute_pass_mark",
        store=True,
        readonly=False,
    )
    rubric_share = fields.Float(
        string="Weight of the rubric (%)",
        default=60.0,
        help="Share of the final score that comes from reviewers grading open answers; "
        "the rest comes from the automatically scored questions.",
    )
    criterion_ids = fields.One2many(
        "crossborder.rubric.criterion", "skill_test_id", string="Rubric"
    )
    invitation_ids = fields.One2many("crossborder.skill.test.invitation", "skill_test_id")
    invitation_count = fields.Integer(compute="_compute_invitation_count")

    _rubric_share_range = models.Constraint(
        "CHECK(rubric_share >= 0 AND rubric_share <= 100)",
        "The weight of the rubric is a percentage between 0 and 100.",
    )

    def _tested_tasks(self):
        self.ensure_one()
        return self.task_ids or self.job_id.task_ids.filtered(lambda t: t.value_class != "high")

    @api.depends("task_ids.minutes_per_occurrence", "job_id.task_ids.minutes_per_occurrence")
    def _compute_time_limit_minutes(self):
        for test in self:
            test.time_limit_minutes = sum(test._tested_tasks().mapped("minutes_per_occurrence"))

    @api.depends("job_id.pass_mark")
    def _compute_pass_mark(self):
        for test in self:
            test.pass_mark = test.job_id.pass_mark or 70.0

    def _compute_invitation_count(self):
        counts = dict(
            self.env["crossborder.skill.test.invitation"]._read_group(
                [("skill_test_id", "in", self.ids)], ["skill_test_id"], ["__count"]
            )
        )
        for test in self:
            test.invitation_count = counts.get(test, 0)

    @api.constrains("time_limit_minutes", "deadline_hours", "pass_mark")
    def _check_limits(self):
        for test in self:
            if test.time_limit_minutes < 0 or test.deadline_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "Skill test %(test)s: the time limit cannot be negative and the "
                        "deadline must be at least one hour.",
                        test=test.name,
                    )
                )
            if not 0 <= test.pass_mark <= 100:
                raise ValidationError(
                    self.env._("The pass mark is a percentage between 0 and 100.")
                )

    # ------------------------------------------------------------------
    def _situational_questions(self):
        """(question, [(answer, correct)]) on situations the seeds describe."""
        _ = self.env._
        return [
            (
                _(
                    "At 22:00 a buyer in Germany writes that the parcel has been stuck in customs"
                    " for a week. What do you do first?"
                ),
                [
                    (
                        _(
                            "Ask for the order number, check the tracking and the customs status,"
                            " then tell the buyer the next step and when you will write again."
                        ),
                        True,
                    ),
                    (_("Tell the buyer that customs is not our responsibility."), False),
                    (_("Refund at once without checking."), False),
                ],
            ),
            (
                _(
                    "A part-time colleague asks to take the source files of our product designs "
                    "home. What do you do?"
                ),
                [
                    (
                        _(
                            "Decline, remind them of the confidentiality agreement and tell the "
                            "manager."
                        ),
                        True,
                    ),
                    (_("Send the files: they are on the team."), False),
                    (_("Send only the newest designs."), False),
                ],
            ),
            (
                _("You will not finish a listing translation before its deadline. What do you do?"),
                [
                    (
                        _(
                            "Tell the manager early, with what is done and when the rest will be "
                            "ready."
                        ),
                        True,
                    ),
                    (_("Deliver a machine translation without saying so."), False),
                    (_("Say nothing and finish it later."), False),
                ],
            ),
        ]

    def action_generate_survey(self):
        """Write (or rewrite) the survey: one section per task whose questions are
        the task's bank of assignments, drawn at random per applicant, then the
        situational questions. The survey is sealed (one attempt, timed, nothing to
        print before submission) and stays editable afterwards."""
        self.check_access("write")
        for test in self:
            tasks = test._tested_tasks()
            if not tasks:
                raise UserError(
                    self.env._(
                        "%(job)s has no delegated task to test (high-value tasks stay with "
                        "the owner). Add tasks to the position first.",
                        job=test.job_id.name,
                    )
                )
            if test.time_limit_minutes <= 0:
                raise UserError(
                    self.env._(
                        "Give the test %(test)s a time limit: the server closes the test when "
                        "it is over.",
                        test=test.name,
                    )
                )
            if test.survey_id and test.invitation_ids:
                raise UserError(
                    self.env._(
                        "The test %(test)s was already sent to applicants; create a new test "
                        "instead of rewriting this one.",
                        test=test.name,
                    )
                )
            questions = []
            sequence = 0
            for task in tasks:
                assignments = task._test_assignments()
                sequence += 1
                questions.append(
                    {
                        "title": task.name,
                        "is_page": True,
                        "question_type": False,
                        "sequence": sequence,
                        "random_questions_count": min(task.test_draw_count, len(assignments)),
                    }
                )
                for title, instructions in assignments:
                    description = instructions
                    if task.expected_result:
                        description += " " + self.env._(
                            "What we look for: %(result)s.", result=task.expected_result
                        )
                    sequence += 1
                    questions.append(
                        {
                            "title": title,
                            "description": description.strip(),
                            "question_type": "text_box",
                            "constr_mandatory": True,
                            "sequence": sequence,
                        }
                    )
            if test.include_situational:
                situations = test._situational_questions()
                questions.append(
                    {
                        "title": self.env._("Situations"),
                        "is_page": True,
                        "question_type": False,
                        "sequence": 1000,
                        "random_questions_count": len(situations),
                    }
                )
                for offset, (title, answers) in enumerate(situations, start=1):
                    questions.append(
                        {
                            "title": title,
                            "question_type": "simple_choice",
                            "constr_mandatory": True,
                            "sequence": 1000 + offset,
                            "suggested_answer_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "value": value,
                                        "is_correct": ok,
                                        "answer_score": 10 if ok else 0,
                                    },
                                )
                                for value, ok in answers
                            ],
                        }
                    )
            values = {
                "title": test.name,
                "survey_type": "recruitment",
                "access_mode": "token",
                "questions_layout": "one_page",
                "questions_selection": "random",
                # every active language: the applicant reads the survey's buttons in his
                # browser's language (stock defaults to the sender's, or the first one)
                "lang_ids": [Command.clear()],
                "crossborder_sealed": True,
                "is_attempts_limited": True,
                "attempts_limit": 1,
                "is_time_limited": True,
                "time_limit": test.time_limit_minutes,
                "scoring_type": "scoring_without_answers",
                # the verdict is the rubric's (pass mark of the test), not the survey's
                "scoring_success_min": 0,
                "users_can_go_back": True,
                "description_done": self.env._(
                    "Thank you, we received your test. We will get back to you once "
                    "reviewers have read your answers."
                ),
                "question_and_page_ids": [(5, 0, 0)] + [(0, 0, q) for q in questions],
            }
            # safe: the caller may write this skill test (checked above); recruitment
            # officers build its survey without being survey managers
            if test.survey_id:
                test.survey_id.sudo().write(values)
            else:
                test.survey_id = self.env["survey.survey"].sudo().create(values)
            test.criterion_ids.unlink()
            pages = test.survey_id.sudo().page_ids.sorted("sequence")
            test.criterion_ids = [
                (
                    0,
                    0,
                    {
                        "page_id": page.id,
                        "name": task.expected_result or self.env._("Quality of the work"),
                        "weight": max(task.weekly_minutes, 1.0),
                        "max_score": 5,
                    },
                )
                for page, task in zip(pages[: len(tasks)], tasks, strict=True)
            ]
        return True

    def action_open_survey(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.survey",
            "res_id": self.survey_id.id,
            "view_mode": "form",
        }

    def action_view_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crossborder_ops.crossborder_skill_test_invitation_action"
        )
        action["domain"] = [("skill_test_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    @api.model
    def _demo_story(self, test_ids):
        """Demo data: graded applicants, a late one, a trial running and one
        confirmed. Called once from the demo file."""
        from datetime import timedelta

        tests = self.browse(test_ids)
        tests.action_generate_survey()
        now = fields.Datetime.now()
        cs_test, va_test = tests
        stage_hired = self.env["hr.recruitment.stage"].search([("hired_stage", "=", True)], limit=1)
        people = [
            # (test, name, source xmlid, rubric score over 5, minutes, hire)
            (cs_test, "Lina Chen", "crossborder_ops.utm_source_work_study_demo", 5, 38, "confirm"),
            (cs_test, "Jonas Weber", "crossborder_ops.utm_source_referral_demo", 4, 52, "running"),
            (cs_test, "Mara Costa", "crossborder_ops.utm_source_work_study_demo", 2, 44, False),
            (va_test, "Ana Reyes", "crossborder_ops.utm_source_va_platform_demo", 4, 41, False),
            (
                va_test,
                "Paolo Santos",
                "crossborder_ops.utm_source_va_platform_demo",
                None,
                None,
                False,
            ),
        ]
        for test, name, source, score, minutes, hire in people:
            applicant = self.env["hr.applicant"].create(
                {
                    "partner_name": name,
                    "email_from": f"{name.split()[0].lower()}@example.com",
                    "job_id": test.job_id.id,
                    "source_id": self.env.ref(source).id,
                    "qualifications_met": "yes" if score and score >= 4 else "partly",
                    "screening_recommendation": "yes" if score and score >= 4 else False,
                    "available_hours": test.job_id.weekly_hours,
                }
            )
            deadline = now + timedelta(days=2) if score is not None else now - timedelta(hours=1)
            invitation = applicant._crossborder_send_test(
                test, max(deadline, now + timedelta(minutes=1)), False
            )
            if score is None:
                invitation.deadline = deadline  # never submitted: the deadline cron refuses him
                continue
            answer = invitation.user_input_id.sudo()
            for question in answer.predefined_question_ids:
                if question.question_type == "text_box":
                    answer._save_lines(question, self.env._("Demo answer of %(name)s", name=name))
                else:
                    answer._save_lines(
                        question, question.suggested_answer_ids.filtered("is_correct")[:1].id
                    )
            answer.write(
                {
                    "state": "done",
                    "start_datetime": now - timedelta(minutes=minutes),
                    "end_datetime": now,
                }
            )
            self.env["crossborder.grade"].create(
                [
                    {"invitation_id": invitation.id, "criterion_id": criterion.id, "score": score}
                    for criterion in test.criterion_ids
                ]
            )
            if hire:
                applicant.stage_id = stage_hired
                applicant.create_employee_from_applicant()
                trial = self.env["crossborder.trial"].search([("applicant_id", "=", applicant.id)])
                if hire == "confirm":
                    trial.result_ids.write({"rating": "met"})
                    trial.onboarding_ids.write({"done": True})
                    trial._apply_decision("confirm", self.env._("Reliable and quick with buyers."))
