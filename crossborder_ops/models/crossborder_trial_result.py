# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrossborderTrialResult(models.Model):
    """A written responsibility with its expected result, evaluated at the end."""

    _name = "crossborder.trial.result"
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

    @api.model_create_multi
    def create(self, vals_list):
        trials = self.env["crossborder.trial"].browse(
            {vals["trial_id"] for vals in vals_list if vals.get("trial_id")}
        )
        trials._crossborder_check_rating()
        return super().create(vals_list)

    def write(self, vals):
        trials = self.trial_id | self.env["crossborder.trial"].browse(vals.get("trial_id"))
        trials._crossborder_check_rating()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_decider(self):
        self.trial_id._crossborder_check_rating()
