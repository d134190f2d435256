# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain

from .survey_survey import SEALED_OPERATIONS


class SurveyQuestion(models.Model):
    """The questions of a sealed skill test: the bank of assignments, kept as
    its survey (``survey.survey._crossborder_sealed_hidden``)."""

    _name = "survey.question"
    _inherit = ["survey.question", "crossborder.hidden.records.mixin"]
    _crossborder_hidden_operations = SEALED_OPERATIONS

    @api.model
    def _crossborder_hidden_domain(self):
        hidden = self.env["survey.survey"]._crossborder_sealed_hidden()
        return None if hidden is None else Domain("survey_id", "in", hidden)

    def _crossborder_hidden_reason(self):
        return self.env["survey.survey"]._crossborder_hidden_reason()

    def copy(self, default=None):
        copies = super().copy(default)
        # sudo: the surveys of both, to know whether they are sealed
        self.env["survey.survey"]._crossborder_check_stays_sealed(
            (question.survey_id, copy.survey_id)
            for question, copy in zip(self.sudo(), copies.sudo(), strict=True)
        )
        return copies

    def write(self, vals):
        moved = "survey_id" in vals
        # sudo: the surveys the questions leave, to know whether they are sealed
        before = {question: question.survey_id for question in self.sudo()} if moved else {}
        result = super().write(vals)
        if moved:
            self.env["survey.survey"]._crossborder_check_stays_sealed(
                (survey, question.survey_id) for question, survey in before.items()
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_graded_on(self):
        """The criteria of a test sent to applicants grade these sections and open
        questions: deleting them would take the criteria, and the grades given
        on them, with them."""
        # sudo: every criterion counts, whoever may read it
        criteria = (
            self.env["crossborder.rubric.criterion"]
            .sudo()
            .search(["|", ("page_id", "in", self.ids), ("question_id", "in", self.ids)])
        )
        criteria.skill_test_id._crossborder_check_rubric_open()
