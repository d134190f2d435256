# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class MailNotification(models.Model):
    """Who received a message is part of it: the notifications of the customer
    e-mails of a waiting lead (the customer as recipient) stay hidden with them."""

    _name = "mail.notification"
    _inherit = ["mail.notification", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        hidden = self.env["mail.message"]._crossborder_hidden_domain()
        if hidden is None:
            return None
        # the hidden messages as the system sees them (the user's own search
        # leaves them out, so that a "not in" of it would hide nothing)
        return Domain("mail_message_id", "in", self.env["mail.message"].sudo()._search(hidden))

    def _crossborder_hidden_reason(self):
        return self.env["mail.message"]._crossborder_hidden_reason()
