# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

CRONS = {
    "crossborder_pool_recycle_active": "crossborder_ops_crm.ir_cron_pool_recycle",
    "crossborder_pool_rotate_active": "crossborder_ops_crm.ir_cron_pool_rotate",
    "crossborder_pool_give_back_active": "crossborder_ops_crm.ir_cron_pool_give_back",
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crossborder_pool_recycle_active = fields.Boolean(
        string="Recycle idle leads",
        help="Every hour, private leads whose clocks ran out go back to their pool.",
    )
    crossborder_pool_rotate_active = fields.Boolean(
        string="Rotate pool leads",
        help="Every day, pool leads are handed out in turn to new salespeople.",
    )
    crossborder_pool_give_back_active = fields.Boolean(
        string="Enforce private caps",
        help="Every day, salespeople above their private cap give back their idlest leads.",
    )
    crossborder_pool_count = fields.Integer(compute="_compute_crossborder_pool_count")

    def _compute_crossborder_pool_count(self):
        count = self.env["crossborder.lead.pool"].search_count([])
        for settings in self:
            settings.crossborder_pool_count = count

    @api.model
    def get_values(self):
        res = super().get_values()
        for field, xmlid in CRONS.items():
            cron = self.env.ref(xmlid, raise_if_not_found=False)
            res[field] = bool(cron and cron.sudo().active)
        return res

    def set_values(self):
        result = super().set_values()
        for field, xmlid in CRONS.items():
            cron = self.env.ref(xmlid, raise_if_not_found=False)
            if cron and cron.sudo().active != self[field]:
                cron.sudo().active = self[field]  # settings are for administrators
        return result
