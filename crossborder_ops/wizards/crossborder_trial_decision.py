# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.crossborder_trial import DECISIONS


class CrossborderTrialDecision(models.TransientModel):
    _name = "crossborder.trial.decision"
    _description = "Decide on a trial"

    trial_id = fields.Many2one("crossborder.trial", required=True)
    # no default: the manager chooses, with the ratings in front of him
    decision = fields.Selection(DECISIONS, required=True)
    new_end_date = fields.Date(help="Only for an extension.")
    note = fields.Text()
    result_summary = fields.Char(string="Expected results", compute="_compute_result_summary")
    unrated_count = fields.Integer(compute="_compute_result_summary")

    @api.depends("trial_id")
    def _compute_result_summary(self):
        for wizard in self:
            results = wizard.trial_id.result_ids
            rated = results.filtered("rating")
            met = rated.filtered(lambda r: r.rating == "met")
            wizard.unrated_count = len(results) - len(rated)
            wizard.result_summary = self.env._(
                "%(met)s met of %(total)s, %(unrated)s not rated yet",
                met=len(met),
                total=len(results),
                unrated=wizard.unrated_count,
            )

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
