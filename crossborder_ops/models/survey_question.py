# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .crossborder_situational_question import writing_through
from .survey_survey import SEALED_OPERATIONS

WRITING = "crossborder_ops_survey_questions_writing"  # see writing_through
# what applicants saw and scored on a question: kept once they answered it
ANSWERED_FIELDS = frozenset(
    {
        "title",
        "description",
        "question_placeholder",
        "comments_message",
        "validation_error_msg",
        "constr_error_msg",
        "survey_id",
        "question_type",
        "is_scored_question",
        "answer_score",
        "answer_numerical_box",
        "answer_date",
        "answer_datetime",
        "suggested_answer_ids",
        "matrix_row_ids",
    }
)
# what places a question in a section (the section's criteria grade it)
PLACING_FIELDS = frozenset({"sequence", "page_id", "is_page", "survey_id"})


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
        surveys = {vals.get("survey_id") for vals in vals_list} - {None, False}
        sections = self._crossborder_answered_sections(surveys)
        with writing_through(self, WRITING):
            questions = super().create(vals_list)
        questions._crossborder_check_one_right_answer()
        questions._crossborder_check_sections_kept(sections)
        return questions

    def _crossborder_answered_sections(self, survey_ids):
        """{question: its section} of the questions applicants answered in the
        sealed skill tests ``survey_ids``, for the non-superuser writes that
        may move them to another section (None: nothing to check)."""
        if self.env.su or not survey_ids:
            return None
        # sudo: every applicant's answer counts, whoever edits the test
        questions = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                [
                    ("survey_id", "in", list(survey_ids)),
                    ("survey_id.crossborder_sealed", "=", True),
                ],
                ["question_id"],
            )
        )
        return {question: question.page_id for (question,) in questions}

    def _crossborder_check_sections_kept(self, sections):
        """An answered question stays in its section: a section's criteria
        grade the answers to its questions, and a question moved (its sequence,
        its section, a section put before it) was graded by others'
        (outside audit 75, M1)."""
        moved = [
            question for question, page in (sections or {}).items() if question.page_id != page
        ]
        if moved:
            self.env["survey.survey"]._crossborder_check_answers_kept(
                Domain("question_id", "in", [question.id for question in moved]), changed=True
            )

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
        if not self.env.su and ANSWERED_FIELDS.intersection(vals):
            # another test, type or scoring scored the applicants again: moved
            # into another sealed test, a right answer swapped, points raised,
            # an open question made numerical (outside audit 75, H1 and H2)
            self.env["survey.survey"]._crossborder_check_answers_kept(
                Domain("question_id", "in", self.ids), changed=True
            )
        sections = (
            self._crossborder_answered_sections(set(self.sudo().survey_id.ids))
            if PLACING_FIELDS.intersection(vals)
            else None
        )
        with writing_through(self, WRITING):
            result = super().write(vals)
        self._crossborder_check_one_right_answer()
        self._crossborder_check_sections_kept(sections)
        if moved:
            self.env["survey.survey"]._crossborder_check_stays_sealed(
                (survey, question.survey_id) for question, survey in before.items()
            )
        return result

    def update_field_translations(self, field_name, translations, source_lang=""):
        if not self.env.su and field_name in ANSWERED_FIELDS:
            # a translation of the wording is the wording (the dialog writes no write)
            self.env["survey.survey"]._crossborder_check_answers_kept(
                Domain("question_id", "in", self.ids), changed=True
            )
        return super().update_field_translations(field_name, translations, source_lang=source_lang)

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
