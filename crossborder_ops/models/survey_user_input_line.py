# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SurveyUserInputLine(models.Model):
    """An answer given in a skill test is the applicant's
    (``survey.survey._crossborder_check_sheets_untouched``)."""

    _inherit = "survey.user_input.line"

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
