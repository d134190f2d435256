# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from random import SystemRandom

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the questions whose answers are being written through them (server side only,
# the cursor's cache): their own constraint judges the answers once all are saved
WRITING = "crossborder_ops_situations_writing"


@contextmanager
def writing_through(questions, key):
    """The answers written inside the block through ``questions`` (a form saves
    them one by one: the right answer moved from one to another is first none,
    or two) are judged by the questions, at the end; ``key`` names the
    questions' model in the cursor's cache."""
    writing = questions.env.cr.cache.setdefault(key, set())
    mine = set(questions.ids) - writing
    writing |= mine
    try:
        yield
    finally:
        writing -= mine


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

    @api.model_create_multi
    def create(self, vals_list):
        with self._writing_answers():
            return super().create(vals_list)

    def write(self, vals):
        with self._writing_answers():
            return super().write(vals)

    def _writing_answers(self):
        return writing_through(self, WRITING)

    def _check_answers_written_apart(self):
        """The answers written on their own (JSON-RPC on the answers, an import):
        their questions still have one right answer each (outside audit 66)."""
        writing = self.env.cr.cache.get(WRITING, set())
        # sudo: the right answers are read to check them, whoever wrote them
        self.exists().sudo().filtered(lambda q: q.id not in writing)._check_one_right_answer()

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
