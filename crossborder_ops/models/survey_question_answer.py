# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain

from .survey_survey import SEALED_OPERATIONS


class SurveyQuestionAnswer(models.Model):
    """The options of a sealed skill test's questions: the situations' key, kept
    as its survey (``survey.survey._crossborder_sealed_hidden``)."""

    _name = "survey.question.answer"
    _inherit = ["survey.question.answer", "crossborder.hidden.records.mixin"]
    _crossborder_hidden_operations = SEALED_OPERATIONS

    @api.model
    def _crossborder_hidden_domain(self):
        hidden = self.env["survey.survey"]._crossborder_sealed_hidden()
        if hidden is None:
            return None
        # sudo: the questions of the hidden surveys, to leave their options out
        questions = self.env["survey.question"].sudo()._search([("survey_id", "in", hidden)])
        return Domain("question_id", "in", questions) | Domain(
            "matrix_question_id", "in", questions
        )

    def _crossborder_hidden_reason(self):
        return self.env["survey.survey"]._crossborder_hidden_reason()
