# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.crossborder_trial import DECISIONS


class CrossborderTrialDecision(models.TransientModel):
    _name = "crossborder.trial.decision"
    _description = "Decide on a trial"

    trial_id = fields.Many2one("crossborder.trial", required=True)
    decision = fields.Selection(DECISIONS, required=True, default="confirm")
    new_end_date = fields.Date(help="Only for an extension.")
    note = fields.Text()

    def action_apply(self):
        self.ensure_one()
        self.trial_id._apply_decision(self.decision, self.note, self.new_end_date)
        return {"type": "ir.actions.act_window_close"}
