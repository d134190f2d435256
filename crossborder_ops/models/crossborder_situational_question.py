# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from random import SystemRandom

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrossborderSituationalQuestion(models.Model):
    """A typical situation of the job, asked in every skill test that includes
    situational questions and scored automatically (one right answer)."""

    _name = "crossborder.situational.question"
    _description = "Situational question of the skill tests"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    name = fields.Text(string="Situation", required=True, translate=True)
    answer_ids = fields.One2many(
        "crossborder.situational.answer", "question_id", string="Answers", copy=True
    )

    @api.constrains("answer_ids", "active")
    def _check_one_right_answer(self):
        for question in self.filtered(lambda q: q.active and q.answer_ids):
            if len(question.answer_ids.filtered("is_correct")) != 1:
                raise ValidationError(
                    self.env._(
                        "The situation %(question)s needs exactly one right answer.",
                        question=question.name,
                    )
                )

    def _survey_questions(self, sequence):
        """The survey questions of these situations, from ``sequence`` on."""
        return [
            {
                "title": question.name,
                "question_type": "simple_choice",
                "constr_mandatory": True,
                "sequence": sequence + offset,
                "suggested_answer_ids": [
                    (
                        0,
                        0,
                        {
                            "value": answer.name,
                            "is_correct": answer.is_correct,
                            "answer_score": 10 if answer.is_correct else 0,
                        },
                    )
                    # in an order of their own: the right one is not always where
                    # the bank lists it (one taker's "always the first" would do)
                    for answer in SystemRandom().sample(
                        list(question.answer_ids), len(question.answer_ids)
                    )
                ],
            }
            for offset, question in enumerate(self, start=1)
        ]
