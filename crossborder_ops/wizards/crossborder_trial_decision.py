# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.crossborder_trial import DECISIONS


class CrossborderTrialDecision(models.TransientModel):
    _name = "crossborder.trial.decision"
    _description = "Decide on a trial"

    trial_id = fields.Many2one("crossborder.trial", required=True)
    decision = fields.Selection(DECISIONS, required=True, default="confirm")
    new_end_date = fields.Date(help="Only for an extension.")
    note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # fail early, with the plain message; _apply_decision checks again
        wizards.trial_id._crossborder_check_decider()
        return wizards

    def action_apply(self):
        self.ensure_one()
        self.trial_id._apply_decision(self.decision, self.note, self.new_end_date)
        return {"type": "ir.actions.act_window_close"}
