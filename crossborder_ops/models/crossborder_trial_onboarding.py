# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrossborderTrialOnboarding(models.Model):
    _name = "crossborder.trial.onboarding"
    _description = "Onboarding item of a trial"
    _order = "trial_id, sequence, id"
    _check_company_auto = True

    trial_id = fields.Many2one(
        "crossborder.trial", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="trial_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [
            ("values", "Values"),
            ("goals", "Goals"),
            ("tool", "Tool or template"),
            ("confidentiality", "Confidentiality"),
            ("other", "Other"),
        ],
        default="other",
    )
    done = fields.Boolean()
    done_date = fields.Date(compute="_compute_done_date", store=True, readonly=False)

    @api.depends("done")
    def _compute_done_date(self):
        for item in self:
            item.done_date = item.done and (item.done_date or fields.Date.context_today(item))

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
