# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrossborderTrialResult(models.Model):
    """A written responsibility with its expected result, evaluated at the end."""

    _name = "crossborder.trial.result"
    _inherit = ["crossborder.trial.line.mixin"]
    _description = "Expected result of a trial"
    _order = "trial_id, sequence, id"
    _check_company_auto = True

    trial_id = fields.Many2one(
        "crossborder.trial", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="trial_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(related="trial_id.employee_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Responsibility", required=True)
    expected_result = fields.Char(
        help="Measurable, e.g. first response to customers within 4 hours."
    )
    checkin_note = fields.Char(string="At check-in")
    rating = fields.Selection(
        [("met", "Met"), ("partly", "Partly met"), ("not_met", "Not met")],
        string="Final evaluation",
    )
    final_note = fields.Char(string="Evaluation note")
