# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailRenderMixin(models.AbstractModel):
    """A template rendered on a lead shows its real e-mail and contact
    (``{{ object.email_from }}``, the customer as recipient): not on a lead the
    user must claim first, whoever renders it (template preview, the composer's
    body and recipients, any other rendering)."""

    _inherit = "mail.render.mixin"

    def _render_field(self, field, res_ids, *args, **kwargs):
        if len(self) == 1 and self.render_model == "crm.lead":
            Lead = self.env["crm.lead"]
            leads = Lead.browse([res_id for res_id in res_ids or [] if isinstance(res_id, int)])
            masked = leads._pool_masked()
            if masked:
                Lead._pool_refuse_waiting(masked)
        return super()._render_field(field, res_ids, *args, **kwargs)
