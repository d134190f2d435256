# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo import api, models


class MailComposeMessage(models.TransientModel):
    """The composer renders templates with the lead's real e-mail and contact:
    not on a lead the user must claim first."""

    _inherit = "mail.compose.message"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            model = vals.get("model") or self.env.context.get("default_model")
            if model != "crm.lead":
                continue
            res_ids = vals.get("res_ids") or self.env.context.get("default_res_ids") or []
            if isinstance(res_ids, str):
                res_ids = literal_eval(res_ids)
            leads = self.env["crm.lead"].browse(res_ids).exists()
            masked = leads._pool_masked()
            if masked:
                leads._pool_refuse_waiting(masked)
        return super().create(vals_list)
