# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class MailMessage(models.Model):
    """A lead waiting in a masking pool shows its salespeople the notes of the
    pool and of earlier owners, not the correspondence with the customer (his
    address, phone and signature are in it) until one of them claims it."""

    _name = "mail.message"
    _inherit = ["mail.message", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        """Messages the current user may not read: e-mails and non-internal
        messages on leads whose contact is masked for him. None when he may
        read everything."""
        masked = self.env["crm.lead"]._pool_masked_query()
        if masked is None:
            return None
        return (
            Domain("model", "=", "crm.lead")
            & Domain("res_id", "in", masked)
            & (Domain("message_type", "=", "email") | Domain("is_internal", "=", False))
        )

    def _crossborder_hidden_reason(self):
        return self.env._(
            "This message belongs to a lead waiting in the pool: claim the lead to read "
            "the correspondence with the customer."
        )
