# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.crossborder_pool_event import RELEASE_REASONS

USER_REASONS = [
    r for r in RELEASE_REASONS if r[0] not in ("recycled", "over_cap", "manual", "handover")
]


class CrossborderLeadReleaseWizard(models.TransientModel):
    _name = "crossborder.lead.release.wizard"
    _description = "Release leads to the pool"

    lead_ids = fields.Many2many("crm.lead", required=True)
    reason = fields.Selection(USER_REASONS, required=True, default="no_capacity")
    note = fields.Text(help="Tell the next salesperson what you learned about this customer.")
    cooldown_note = fields.Char(compute="_compute_cooldown_note")

    @api.depends("lead_ids")
    def _compute_cooldown_note(self):
        for wizard in self:
            days = sorted(set(wizard.lead_ids.pool_id.mapped("cooldown_days")))
            if not days or days == [0]:
                wizard.cooldown_note = self.env._(
                    "The leads go back to the pool, where colleagues can claim them."
                )
                continue
            wizard.cooldown_note = self.env._(
                "The leads go back to the pool, where colleagues can claim them. A cool-down "
                "follows: you cannot claim them again for %(days)s days.",
                days=" / ".join(str(d) for d in days),
            )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "crm.lead":
            values["lead_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def action_release(self):
        self.ensure_one()
        # archived leads too: the release refuses them in words, not silently
        lead_ids = self.with_context(active_test=False).lead_ids.ids
        self.env["crm.lead"].browse(lead_ids)._release_to_pool(self.reason, self.note)
        return {"type": "ir.actions.act_window_close"}
