# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrAttachment(models.Model):
    """The files of a waiting lead (the customer's e-mails brought them, a vCard,
    a signed offer), and of its hidden meetings, carry its contact: they stay
    hidden with it until the claim, although reading the lead lets one read its
    attachments."""

    _name = "ir.attachment"
    _inherit = ["ir.attachment", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        documents = self.env["crm.lead"]._pool_masked_documents()
        if documents is None:
            return None
        # and those of its hidden meetings (an agenda, the customer's card)
        return documents | self.env["calendar.event"]._crossborder_hidden_documents()

    def _crossborder_hidden_reason(self):
        return self.env["mail.message"]._crossborder_hidden_reason()
