# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .crossborder_onboarding_item import ONBOARDING_KINDS


class CrossborderTrialOnboarding(models.Model):
    _name = "crossborder.trial.onboarding"
    _inherit = ["crossborder.trial.line.mixin"]
    _description = "Onboarding item of a trial"
    _order = "trial_id, sequence, id"
    _check_company_auto = True

    trial_id = fields.Many2one(
        "crossborder.trial", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="trial_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(ONBOARDING_KINDS, default="other")
    done = fields.Boolean()
    done_date = fields.Date(compute="_compute_done_date", store=True, readonly=False)

    @api.depends("done")
    def _compute_done_date(self):
        for item in self:
            item.done_date = item.done and (item.done_date or fields.Date.context_today(item))
