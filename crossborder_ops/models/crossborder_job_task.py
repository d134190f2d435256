# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

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

    job_id = fields.Many2one("hr.job", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True, translate=True)
    value_class = fields.Selection(VALUE_CLASSES, default="low", required=True)
    minutes_per_occurrence = fields.Float(
        string="Minutes each time", default=30, help="Time the task takes on the job, once."
    )
    occurrences_per_week = fields.Float(string="Times a week", default=5)
    weekly_minutes = fields.Float(
        compute="_compute_weekly_minutes", store=True, aggregator="sum", help="Minutes per week."
    )
    expected_result = fields.Char(
        string="Expected result",
        translate=True,
        help="Measurable result used in the skill test rubric and the trial, e.g. "
        "'first answer to customers within 4 hours'.",
    )
    test_instructions = fields.Text(
        string="Test assignment",
        translate=True,
        help="What the candidate does in the skill test for this task. Empty: a "
        "question is written from the task name.",
    )

    @api.depends("minutes_per_occurrence", "occurrences_per_week")
    def _compute_weekly_minutes(self):
        for task in self:
            task.weekly_minutes = task.minutes_per_occurrence * task.occurrences_per_week

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
