# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrossborderTrialLineMixin(models.AbstractModel):
    """A line of a trial (onboarding item, expected result): only who decides the
    trial writes it (crossborder.trial._crossborder_check_rating)."""

    _name = "crossborder.trial.line.mixin"
    _description = "Line of a trial, written by who decides it"

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
