# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class CrossborderApplicantReference(models.Model):
    _name = "crossborder.applicant.reference"
    _description = "Applicant reference"
    _order = "applicant_id, id"
    _check_company_auto = True

    applicant_id = fields.Many2one(
        "hr.applicant", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="applicant_id.company_id", store=True, index=True)
    name = fields.Char(string="Referee", required=True)
    contact = fields.Char(help="E-mail or phone of the referee.")
    relation = fields.Char(help="e.g. former manager, teacher")
    checked_by_id = fields.Many2one(
        "res.users",
        string="Checked by",
        default=lambda self: self.env.user,
        check_company=True,
        help="Who called the referee: yourself; a recruitment officer may record the check "
        "of a colleague.",
    )
    result = fields.Selection(
        [
            ("positive", "Positive"),
            ("neutral", "Neutral"),
            ("negative", "Negative"),
            ("unreachable", "Unreachable"),
        ]
    )
    note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        self._crossborder_check_checker(
            [vals.get("checked_by_id", self.env.uid) for vals in vals_list]
        )
        return super().create(vals_list)

    def write(self, vals):
        if "checked_by_id" in vals and any(
            reference.checked_by_id.id != vals["checked_by_id"] for reference in self
        ):
            self._crossborder_check_checker([vals["checked_by_id"]])
        return super().write(vals)

    @api.model
    def _crossborder_check_checker(self, user_ids):
        """A reference check is recorded in one's own name ("negative, would not
        rehire" signed by someone else would carry his weight); recruitment officers
        record the checks of colleagues."""
        if self.env.su or self.env.user._crossborder_is_recruitment_officer():
            return
        if any(user_id and user_id != self.env.uid for user_id in user_ids):
            raise AccessError(
                self.env._(
                    "You record a reference check in your own name: only a recruitment "
                    "officer records one for a colleague."
                )
            )
