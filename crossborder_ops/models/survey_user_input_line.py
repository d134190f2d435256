# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

# who reads what a chosen option was worth (the situations' key, answer by
# answer): those who may read the options' own right answer (survey users) and
# those who set skill tests; an interviewer reads the answers (as printed by View
# answers) and the sheet's automatic score
KEY_READERS = "hr_recruitment.group_hr_recruitment_user,survey.group_survey_user"


class SurveyUserInputLine(models.Model):
    """An answer given in a skill test is the applicant's
    (``survey.survey._crossborder_check_sheets_untouched``), and is read as his
    answer sheet is (``survey.user_input._crossborder_hidden_domain``)."""

    _name = "survey.user_input.line"
    _inherit = ["survey.user_input.line", "crossborder.hidden.records.mixin"]

    answer_is_correct = fields.Boolean(groups=KEY_READERS)
    answer_score = fields.Float(groups=KEY_READERS)

    @api.constrains("question_id", "suggested_answer_id", "matrix_row_id")
    def _check_option_of_question(self):
        """An answer chooses among its own question's options (and rows): an option
        of another question, or of another survey, carried that option's points
        into the score (a public survey's right answer gave full marks)."""
        # sudo: the options' questions, whoever answers (the survey routes in sudo)
        for line in self.sudo():
            option, row = line.suggested_answer_id, line.matrix_row_id
            if (option and option.question_id != line.question_id) or (
                row and row.matrix_question_id != line.question_id
            ):
                raise ValidationError(
                    self.env._(
                        'The answer given to "%(question)s" is not one of its options: '
                        "choose one of the options the question shows.",
                        question=line.question_id.title,
                    )
                )

    @api.model
    def _crossborder_hidden_domain(self):
        """The answers of the sheets kept from the current user: a skill test not
        submitted yet, for those who do not send tests (its reviewers read it once
        submitted, the options chosen included, but not what each was worth:
        ``KEY_READERS``)."""
        hidden = self.env["survey.user_input"]._crossborder_hidden_domain()
        if hidden is None:
            return None
        # sudo: the sheets the rule keeps from the user, to leave their lines out
        sheets = self.env["survey.user_input"].sudo()._search(hidden)
        return Domain("user_input_id", "in", sheets)

    def _crossborder_hidden_reason(self):
        return self.env["survey.user_input"]._crossborder_hidden_reason()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # sudo: the sheets' surveys, whether they are sealed, whoever writes
            sheets = (
                self.env["survey.user_input"]
                .sudo()
                .browse({vals["user_input_id"] for vals in vals_list if vals.get("user_input_id")})
            )
            sheets.survey_id._crossborder_check_sheets_untouched()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.sudo().survey_id._crossborder_check_sheets_untouched()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_skill_test_answer(self):
        if not self.env.su:
            self.sudo().survey_id._crossborder_check_sheets_untouched()
