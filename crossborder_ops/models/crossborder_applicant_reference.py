# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


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
    checked_by_id = fields.Many2one("res.users", string="Checked by", check_company=True)
    result = fields.Selection(
        [
            ("positive", "Positive"),
            ("neutral", "Neutral"),
            ("negative", "Negative"),
            ("unreachable", "Unreachable"),
        ]
    )
    note = fields.Text()
