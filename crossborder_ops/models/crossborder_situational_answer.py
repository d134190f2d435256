# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


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

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        answers.question_id._check_answers_written_apart()
        return answers

    def write(self, vals):
        before = self.question_id if "question_id" in vals else self.question_id.browse()
        result = super().write(vals)
        if {"is_correct", "question_id"} & set(vals):
            (before | self.question_id)._check_answers_written_apart()
        return result

    def unlink(self):
        questions = self.question_id
        result = super().unlink()
        questions._check_answers_written_apart()
        return result
