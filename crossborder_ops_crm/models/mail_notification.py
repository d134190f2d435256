# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class MailNotification(models.Model):
    """Who received a message is part of it: the notifications of the customer
    e-mails of a waiting lead (the customer as recipient) stay hidden with them."""

    _inherit = "mail.notification"

    @api.model
    def _crossborder_hidden_domain(self):
        hidden = self.env["mail.message"]._crossborder_hidden_domain()
        if hidden is None:
            return None
        # the hidden messages as the system sees them (the user's own search
        # leaves them out, so that a "not in" of it would hide nothing)
        return Domain("mail_message_id", "in", self.env["mail.message"].sudo()._search(hidden))

    @api.model
    def _search(self, domain, *args, **kwargs):
        if not kwargs.get("bypass_access"):
            hidden = self._crossborder_hidden_domain()
            if hidden is not None:
                domain = Domain(domain) & ~hidden
        return super()._search(domain, *args, **kwargs)

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
