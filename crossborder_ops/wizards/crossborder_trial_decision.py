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

    # --- measured expected results (issue 16) ---
    result_ids = fields.One2many(
        related="trial_id.result_ids",
        string="Expected results",
        readonly=True,
        help="Target and actual of the measured results, with the records behind each "
        "number, and your own rating of the others.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        trial = self.env["crossborder.trial"].browse(values.get("trial_id"))
        if trial.exists() and trial._crossborder_may_decide():
            # the decision is taken on figures measured now
            trial.action_refresh_measures()
        return values

    # --- end measured expected results ---
