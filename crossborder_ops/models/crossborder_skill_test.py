# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

# what every applicant's score and pass/fail are computed with
RESULT_FIELDS = frozenset(("job_id", "pass_mark", "rubric_share", "time_limit_minutes"))


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
        digits=(16, 0),
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
        digits=(16, 0),
        compute="_compute_pass_mark",
        store=True,
        readonly=False,
    )
    rubric_share = fields.Float(
        string="Weight of the rubric (%)",
        digits=(16, 0),
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
        sent = self._crossborder_sent()
        for test in self:
            # a test sent to applicants keeps the time limit they were given (its survey's)
            if test not in sent:
                test.time_limit_minutes = sum(test._tested_tasks().mapped("minutes_per_occurrence"))

    @api.depends("job_id.pass_mark")
    def _compute_pass_mark(self):
        default = self.env["res.config.settings"]._crossborder_param("pass_mark")
        sent = self._crossborder_sent()
        for test in self:
            # a test sent to applicants keeps the pass mark their results were given with
            if test not in sent:
                test.pass_mark = test.job_id.pass_mark or default

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
    def write(self, vals):
        changed = [
            fname
            for fname in RESULT_FIELDS.intersection(vals)
            if any(
                test._fields[fname].convert_to_write(test[fname], test) != vals[fname]
                for test in self
            )
        ]
        if changed:
            self._crossborder_check_rubric_open()
        return super().write(vals)

    def _crossborder_sent(self):
        """The tests of ``self`` already sent to applicants."""
        # sudo: every invitation counts, whoever may read it
        sent = (
            self.env["crossborder.skill.test.invitation"]
            .sudo()
            ._read_group([("skill_test_id", "in", self.filtered("id").ids)], ["skill_test_id"])
        )
        return self.browse([test.id for (test,) in sent])

    def _crossborder_check_rubric_open(self):
        """A test sent to applicants keeps its position, its time limit, its pass
        mark, the weight of its rubric and its criteria: they make every
        applicant's score, pass/fail and place in the position's ranking, and a
        hired applicant's result is what *Tests judged by outcomes* compares with his
        trial. Changing them means a new test. The one check of the test's own fields
        (``write``) and of its criteria (``crossborder.rubric.criterion``)."""
        sent = self._crossborder_sent()
        if sent:
            raise UserError(
                self.env._(
                    "The test %(test)s was already sent to applicants: its position, its "
                    "time limit, its pass mark, the weight of its rubric and its criteria no "
                    "longer change, so that its results stay comparable. Duplicate it into a "
                    "new test and change that one.",
                    test=sent[0].name,
                )
            )

    def action_generate_survey(self):
        """Write (or rewrite) the survey: one section per task whose questions are
        the task's bank of assignments, drawn at random per applicant, then the
        situational questions. The survey is sealed (one attempt, timed, nothing to
        print before submission) and stays editable afterwards."""
        self.check_access("write")
        # a situation still without answers (being written, or emptied) is asked in
        # no test: a choice question without choices cannot be answered (audit 67)
        situations = self.env["crossborder.situational.question"].search(
            [("answer_ids", "!=", False)]
        )
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
            if test.include_situational and situations:
                questions.append(
                    {
                        "title": self.env._("Situations"),
                        "is_page": True,
                        "question_type": False,
                        "sequence": 1000,
                        "random_questions_count": len(situations),
                    }
                )
                questions.extend(situations._survey_questions(1000))
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
                # no responsible: a recruitment officer is not a survey officer, and
                # the survey refuses a responsible who could not edit it
                survey = self.env["survey.survey"].sudo().create(dict(values, user_id=False))
                if survey.with_user(self.env.user)._filtered_access("write"):
                    survey.user_id = self.env.user
                test.survey_id = survey
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
