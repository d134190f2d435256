# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailComposeMessage(models.TransientModel):
    """The composer renders templates with the lead's real e-mail and contact,
    and sends to the customer: not on a lead the user must claim first
    (single, mass mailing by ids or by domain)."""

    _inherit = "mail.compose.message"

    @api.model_create_multi
    def create(self, vals_list):
        composers = super().create(vals_list)
        composers._crossborder_check_leads()
        return composers

    def _action_send_mail(self, auto_commit=False):
        self._crossborder_check_leads()
        return super()._action_send_mail(auto_commit=auto_commit)

    def _crossborder_check_leads(self):
        Lead = self.env["crm.lead"]
        if Lead._pool_sees_contacts():
            return
        for composer in self.filtered(lambda c: c.model == "crm.lead"):
            if composer.res_domain:
                leads = Lead.search(composer._evaluate_res_domain())
            else:
                leads = Lead.browse(composer._evaluate_res_ids()).exists()
            masked = leads._pool_masked()
            if masked:
                leads._pool_refuse_waiting(masked)
