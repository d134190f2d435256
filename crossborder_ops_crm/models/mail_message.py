# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class MailMessage(models.Model):
    """A lead waiting in a masking pool shows its salespeople the notes of the
    pool and of earlier owners, not the correspondence with the customer (his
    address, phone and signature are in it) until one of them claims it."""

    _inherit = "mail.message"

    @api.model
    def _crossborder_hidden_domain(self):
        """Messages the current user may not read: e-mails and non-internal
        messages on leads whose contact is masked for him. None when he may
        read everything."""
        Lead = self.env["crm.lead"]
        if self.env.su or Lead._pool_sees_contacts():
            return None
        masked = Lead.sudo()._search(
            [
                ("pool_id.mask_contact", "=", True),
                ("user_id", "=", False),
                ("won_status", "=", "pending"),
                ("pool_escalated", "=", False),
            ]
        )
        return (
            Domain("model", "=", "crm.lead")
            & Domain("res_id", "in", masked)
            & (Domain("message_type", "=", "email") | Domain("is_internal", "=", False))
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, *, bypass_access=False, **kwargs):
        if not bypass_access:
            hidden = self._crossborder_hidden_domain()
            if hidden is not None:
                domain = Domain(domain) & ~hidden
        return super()._search(domain, offset, limit, order, bypass_access=bypass_access, **kwargs)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if operation != "read" or not self:
            return result
        hidden_domain = self._crossborder_hidden_domain()
        if hidden_domain is None:
            return result
        hidden = self.sudo().filtered_domain(hidden_domain).with_env(self.env)
        if not hidden:
            return result
        forbidden = (result[0] if result else self.browse()) | hidden
        return forbidden, lambda: AccessError(
            self.env._(
                "This message belongs to a lead waiting in the pool: claim the lead to read "
                "the correspondence with the customer."
            )
        )
