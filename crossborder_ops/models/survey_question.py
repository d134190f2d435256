# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .crossborder_situational_question import writing_through
from .survey_survey import SEALED_OPERATIONS

WRITING = "crossborder_ops_survey_questions_writing"  # see writing_through


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

    def _validate_choice(self, answer, comment):
        """The survey routes save the options sent as they come: one that is not
        this question's own is refused here, shown under the question, as the
        answer lines refuse it on every other path
        (``survey.user_input.line._check_option_of_question``)."""
        errors = super()._validate_choice(answer, comment)
        answers = answer if isinstance(answer, list) else [answer]
        if not errors and not self._crossborder_own_options(self.suggested_answer_ids, answers):
            errors = {self.id: self._crossborder_foreign_option_message()}
        return errors

    def _validate_matrix(self, answers):
        errors = super()._validate_matrix(answers)
        if not errors and answers:
            columns = [col for row_answers in answers.values() for col in row_answers]
            if not (
                self._crossborder_own_options(self.matrix_row_ids, list(answers))
                and self._crossborder_own_options(self.suggested_answer_ids, columns)
            ):
                errors = {self.id: self._crossborder_foreign_option_message()}
        return errors

    @staticmethod
    def _crossborder_own_options(options, answers):
        """Whether every option id in ``answers`` (as the routes send them) is one
        of ``options``; empty answers are the skipped ones."""
        own = {str(option_id) for option_id in options.ids}
        return all(str(answer).strip() in own for answer in answers if answer)

    def _crossborder_foreign_option_message(self):
        return self.env._("Choose one of the options this question shows.")

    @api.model_create_multi
    def create(self, vals_list):
        with writing_through(self, WRITING):
            questions = super().create(vals_list)
        questions._crossborder_check_one_right_answer()
        return questions

    def _crossborder_check_one_right_answer(self):
        """A situation asked in a sealed skill test keeps one right answer, as in
        the bank: in the Survey app, a second one ticked scored two, the right one
        unticked none (outside audit 68). Answers written through their question
        are judged once all are saved."""
        writing = self.env.cr.cache.get(WRITING, set())
        # sudo: the right answers are read to check them, whoever wrote them
        for question in self.exists().sudo()._crossborder_situations():
            if question.id in writing:
                continue
            right = question.suggested_answer_ids.filtered("is_correct")
            if len(right) != 1:
                raise ValidationError(
                    self.env._(
                        "The situation %(question)s needs exactly one right answer.",
                        question=question.title,
                    )
                )
            # a wrong answer given the right one's points scored as much (audit 69),
            # or took points off (audit 71)
            if (question.suggested_answer_ids - right).filtered("answer_score"):
                raise ValidationError(
                    self.env._(
                        "Only the right answer of the situation %(question)s scores points.",
                        question=question.title,
                    )
                )

    def _crossborder_situations(self):
        """Those of these questions that are situations of a sealed skill test:
        one choice among suggested answers. Emptied of its answers, one is still a
        situation: it became a multiple choice with two right answers, one step
        at a time (outside audit 70, M4)."""
        return self.filtered(
            lambda question: question.survey_id.crossborder_sealed
            and question.question_type == "simple_choice"
        )

    def _crossborder_check_stays_a_situation(self, vals):
        """A situation of a sealed skill test stays one choice: turned into a
        multiple choice or an open question, it took two right answers, or
        none (outside audit 69)."""
        if vals.get("question_type", "simple_choice") == "simple_choice":
            return
        # sudo: the surveys, to know whether they are sealed
        situations = self.sudo()._crossborder_situations()
        if situations:
            raise ValidationError(
                self.env._(
                    "The situation %(question)s of a sealed skill test stays a choice of "
                    "one answer: add a new question for another kind of answer.",
                    question=situations[0].title,
                )
            )

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
        self._crossborder_check_stays_a_situation(vals)
        with writing_through(self, WRITING):
            result = super().write(vals)
        self._crossborder_check_one_right_answer()
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
        # nor are the answers applicants gave to them taken (a situation, deleted
        # in the Survey app, took their answers and points)
        self.env["survey.survey"]._crossborder_check_answers_kept(
            Domain("question_id", "in", self.ids)
        )
