# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class IrAttachment(models.Model):
    """The files of a waiting lead (the customer's e-mails brought them, a vCard,
    a signed offer) carry its contact: they stay hidden with it until the claim,
    although reading the lead lets one read its attachments."""

    _name = "ir.attachment"
    _inherit = ["ir.attachment", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        masked = self.env["crm.lead"]._pool_masked_query()
        if masked is None:
            return None
        return Domain("res_model", "=", "crm.lead") & Domain("res_id", "in", masked)

    def _crossborder_hidden_reason(self):
        return self.env["mail.message"]._crossborder_hidden_reason()
