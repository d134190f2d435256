# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain

# who reads what a chosen option was worth (the situations' key, answer by
# answer): those who may read the options' own right answer (survey users) and
# those who set skill tests; an interviewer reads the answers and the sheet's score
KEY_READERS = "hr_recruitment.group_hr_recruitment_user,survey.group_survey_user"


class SurveyUserInputLine(models.Model):
    """An answer given in a skill test is the applicant's
    (``survey.survey._crossborder_check_sheets_untouched``), and is read as his
    answer sheet is (``survey.user_input._crossborder_hidden_domain``)."""

    _name = "survey.user_input.line"
    _inherit = ["survey.user_input.line", "crossborder.hidden.records.mixin"]

    answer_is_correct = fields.Boolean(groups=KEY_READERS)
    answer_score = fields.Float(groups=KEY_READERS)

    @api.model
    def _crossborder_hidden_domain(self):
        """The answers kept from the current user: those of a skill test not
        submitted yet, for those who do not send tests (its reviewers read it once
        submitted); and the options chosen in a skill test's situations, for those
        who do not read the key (``KEY_READERS``): a reviewer grades the open
        answers, the choices are scored automatically, and the choices of a few
        applicants beside their automatic scores would give him the key."""
        hidden = []
        waiting = self.env["survey.user_input"]._crossborder_hidden_domain()
        if waiting is not None:
            # sudo: the sheets the rule keeps from the user, to leave their lines out
            sheets = self.env["survey.user_input"].sudo()._search(waiting)
            hidden.append(Domain("user_input_id", "in", sheets))
        if not self._crossborder_reads_key():
            # sudo: which surveys are sealed skill tests, whoever reads
            sealed = self.env["survey.survey"].sudo()._search([("crossborder_sealed", "=", True)])
            hidden.append(
                Domain("survey_id", "in", sealed) & Domain("suggested_answer_id", "!=", False)
            )
        return Domain.OR(hidden) if hidden else None

    @api.model
    def _crossborder_reads_key(self):
        return self.env.su or self.env.user.has_groups(KEY_READERS)

    def _crossborder_hidden_reason(self):
        if self._crossborder_reads_key() or not self.sudo().filtered("suggested_answer_id"):
            return self.env["survey.user_input"]._crossborder_hidden_reason()
        return self.env._(
            "The options chosen in a skill test's situations are scored automatically: "
            "they are for recruitment officers. You grade the open answers, and read the "
            "automatic score."
        )

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
