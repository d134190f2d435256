# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain

from .survey_survey import SEALED_OPERATIONS

# the question an option belongs to (its survey is sealed or not)
QUESTION_FIELDS = frozenset(("question_id", "matrix_question_id"))
# what applicants saw of an option and scored with it
SCORED_FIELDS = frozenset(("value", "value_image", "is_correct", "answer_score"))


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

    def copy(self, default=None):
        copies = super().copy(default)
        self.env["survey.survey"]._crossborder_check_stays_sealed(
            (option._crossborder_survey(), copy._crossborder_survey())
            for option, copy in zip(self, copies, strict=True)
        )
        return copies

    @api.model_create_multi
    def create(self, vals_list):
        options = super().create(vals_list)
        if not self.env.su:
            # an option added to a question applicants answered: not what they saw
            options._crossborder_check_question_unanswered(changed=True)
        options.sudo().question_id._crossborder_check_one_right_answer()
        return options

    def write(self, vals):
        if not self.env.su and SCORED_FIELDS.intersection(vals):
            # reworded, or scored again: not what applicants saw, nor what they
            # scored (outside audit 75, H2 and M2)
            self._crossborder_check_question_unanswered(changed=True)
        moved = QUESTION_FIELDS.intersection(vals)
        before = {option: option._crossborder_survey() for option in self} if moved else {}
        if moved:
            # nor moved out of, or into, a question applicants answered: deleted
            # there afterwards, or shown to nobody (outside audit 73)
            self._crossborder_check_question_unanswered(
                [vals[name] for name in moved if vals[name]]
            )
        questions = self.sudo().question_id
        result = super().write(vals)
        if moved:
            self.env["survey.survey"]._crossborder_check_stays_sealed(
                (survey, option._crossborder_survey()) for option, survey in before.items()
            )
        if {"is_correct", "answer_score", "question_id"} & set(vals):
            (questions | self.sudo().question_id)._crossborder_check_one_right_answer()
        return result

    def update_field_translations(self, field_name, translations, source_lang=""):
        if not self.env.su and field_name in SCORED_FIELDS:
            # a translation of the wording is the wording (the dialog writes no write)
            self._crossborder_check_question_unanswered(changed=True)
        return super().update_field_translations(field_name, translations, source_lang=source_lang)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answered(self):
        """An option of a question applicants answered stays, chosen or not: it
        is the choice they saw (outside audit 72)."""
        self._crossborder_check_question_unanswered()

    def _crossborder_check_question_unanswered(self, other_question_ids=(), changed=False):
        """Refuses if applicants chose these options or answered their questions
        (or the questions ``other_question_ids``, where they would go);
        ``changed``: the options are changed, not deleted or moved."""
        # sudo: the questions of the options, whoever may read them
        options = self.sudo()
        questions = options.question_id | options.matrix_question_id
        self.env["survey.survey"]._crossborder_check_answers_kept(
            Domain("suggested_answer_id", "in", self.ids)
            | Domain("question_id", "in", [*questions.ids, *other_question_ids]),
            changed=changed,
        )

    def unlink(self):
        questions = self.sudo().question_id
        result = super().unlink()
        questions._crossborder_check_one_right_answer()
        return result

    def _crossborder_survey(self):
        """The survey of this option's question (or matrix question)."""
        # sudo: the survey, to know whether it is sealed, whoever may read it
        option = self.sudo()
        return option.question_id.survey_id or option.matrix_question_id.survey_id
