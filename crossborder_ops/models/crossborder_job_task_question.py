# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrossborderJobTaskQuestion(models.Model):
    """One test assignment of a task's bank: each applicant gets a random draw of
    them, so a leaked test does not give away the next applicant's."""

    _name = "crossborder.job.task.question"
    _description = "Test assignment of a delegated task"
    _order = "task_id, sequence, id"
    _check_company_auto = True

    task_id = fields.Many2one(
        "crossborder.job.task",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Assignment",
        required=True,
        translate=True,
        help="What the applicant does, as on the job, e.g. 'Answer this buyer who asks "
        "where his parcel is'.",
    )
    instructions = fields.Text(
        translate=True, help="The material of the assignment: the message, the listing, the data."
    )
