# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrossborderSituationalAnswer(models.Model):
    _name = "crossborder.situational.answer"
    _description = "Answer to a situational question"
    _order = "question_id, sequence, id"

    question_id = fields.Many2one(
        "crossborder.situational.question", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Answer", required=True, translate=True)
    is_correct = fields.Boolean(
        string="Right answer",
        # the key of an automatically scored question: for those who set tests, not
        # for every employee (a colleague applying, a referrer)
        groups="hr_recruitment.group_hr_recruitment_user",
    )
