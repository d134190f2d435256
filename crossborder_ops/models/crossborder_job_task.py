# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

VALUE_CLASSES = [
    ("high", "High value (stays with the owner)"),
    ("low", "Low value"),
    ("trivial", "Trivial"),
]


class CrossborderJobTask(models.Model):
    """A task the position takes over from the owner.

    The seed (004): list what you want to delegate and class each task as high
    value, low value or trivial; the high-value ones stay with you.
    """

    _name = "crossborder.job.task"
    _description = "Delegated task of a position"
    _order = "job_id, sequence, id"
    _check_company_auto = True

    job_id = fields.Many2one(
        "hr.job", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True, translate=True)
    value_class = fields.Selection(VALUE_CLASSES, default="low", required=True)
    minutes_per_occurrence = fields.Float(
        string="Minutes each time",
        default=30,
        digits=(16, 0),
        help="Time the task takes on the job, once.",
    )
    occurrences_per_week = fields.Float(string="Times a week", default=5)
    weekly_minutes = fields.Float(
        digits=(16, 0),
        compute="_compute_weekly_minutes",
        store=True,
        aggregator="sum",
        help="Minutes per week.",
    )
    expected_result = fields.Char(
        string="Expected result",
        translate=True,
        help="Measurable result used in the skill test rubric and the trial, e.g. "
        "'first answer to customers within 4 hours'.",
    )
    # the assignment as written, in the database; read through test_instructions
    sealed_test_instructions = fields.Text(
        string="Test assignment (as written)",
        translate=True,
        groups="hr_recruitment.group_hr_recruitment_user",
    )
    test_instructions = fields.Text(
        string="Test assignment",
        compute="_compute_test_instructions",
        inverse="_inverse_test_instructions",
        search="_search_test_instructions",
        groups="hr_recruitment.group_hr_recruitment_interviewer",
        help="What the candidate does in the skill test for this task when the task has no "
        "bank of assignments. Empty: a question is written from the task name. Shown to "
        "recruitment officers and the interviewers of the position.",
    )
    test_question_ids = fields.One2many(
        "crossborder.job.task.question",
        "task_id",
        string="Bank of assignments",
        groups="hr_recruitment.group_hr_recruitment_interviewer",
        help="Each applicant gets a random draw of these in the skill test.",
    )
    test_draw_count = fields.Integer(
        string="Assignments drawn",
        default=1,
        help="How many assignments of the bank each applicant gets.",
    )

    @api.depends("minutes_per_occurrence", "occurrences_per_week")
    def _compute_weekly_minutes(self):
        for task in self:
            task.weekly_minutes = task.minutes_per_occurrence * task.occurrences_per_week

    @api.depends("sealed_test_instructions")
    @api.depends_context("uid", "lang")
    def _compute_test_instructions(self):
        readable = self._crossborder_test_readable()
        # safe: the assignment is shown only to those who read the task's skill test
        for task, task_sudo in zip(self, self.sudo(), strict=True):
            task.test_instructions = (
                task_sudo.sealed_test_instructions if task in readable else False
            )

    def _inverse_test_instructions(self):
        # officers write the stored field (groups); others do not reach it
        for task in self:
            task.sealed_test_instructions = task.test_instructions

    def _search_test_instructions(self, operator, value):
        domain = Domain("sealed_test_instructions", operator, value)
        if not self._crossborder_reads_every_test():
            domain &= Domain("job_id.interviewer_ids", "in", self.env.uid)
        # sudo: the stored assignment is searched for the tasks the user may read it of
        return Domain("id", "in", self.sudo()._search(domain))

    def _crossborder_reads_every_test(self):
        return self.env.su or self.env.user._crossborder_is_recruitment_officer()

    def _crossborder_test_readable(self):
        """The tasks of ``self`` whose test assignment the current user reads: the
        skill test's rule (``survey.survey._crossborder_sealed_hidden``), recruitment
        officers and the interviewers of the task's position."""
        if self._crossborder_reads_every_test():
            return self
        # sudo: whom the position's interviewers are, to check the caller
        return self.filtered(lambda task: self.env.user in task.sudo().job_id.interviewer_ids)

    @api.constrains("test_draw_count")
    def _check_draw_count(self):
        for task in self:
            if task.test_draw_count < 1:
                raise ValidationError(
                    self.env._(
                        "Task %(task)s: each applicant gets at least one assignment of the task.",
                        task=task.name,
                    )
                )

    def _test_assignments(self):
        """(title, instructions) of each assignment of the bank; without a bank, one
        assignment written from the task. Read by the skill test generator."""
        self.ensure_one()
        task = self
        if task.test_question_ids:
            return [(q.name, q.instructions or "") for q in task.test_question_ids]
        return [
            (
                task.name,
                task.test_instructions
                or self.env._("Do this task as you would on the job: %(task)s.", task=task.name),
            )
        ]

    @api.constrains("minutes_per_occurrence", "occurrences_per_week")
    def _check_positive(self):
        for task in self:
            if task.minutes_per_occurrence <= 0 or task.occurrences_per_week < 0:
                raise ValidationError(
                    self.env._(
                        "Task %(task)s: the time must be positive and the frequency cannot "
                        "be negative.",
                        task=task.name,
                    )
                )
