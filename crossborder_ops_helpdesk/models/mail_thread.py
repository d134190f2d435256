# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..monitor.auto_reply import auto_reply_headers, auto_reply_subject

# What the mail gateway read from the raw e-mail's headers (``message_parse``),
# handed to ``message_new``/``message_update`` in the parsed message: the headers
# that say a program wrote it. Only the gateway builds that dict from a real
# e-mail (and only the system runs the gateway: crossborder_ops'
# ``_crossborder_check_gateway_caller``); nothing a client sends with
# ``message_post`` (its arguments, its context) is read for it.
AUTO_REPLY_KEY = "cbo_auto_reply_headers"


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def message_parse(self, message, save_original=False):
        msg_dict = super().message_parse(message, save_original=save_original)
        automatic = auto_reply_headers(message.items())
        if not automatic:
            prefixes = self.env["crossborder.auto.reply.subject"]._prefixes()
            if auto_reply_subject(msg_dict.get("subject"), prefixes):
                automatic = ("subject",)
        if automatic:
            msg_dict[AUTO_REPLY_KEY] = automatic
        return msg_dict

    def message_notify(self, **kwargs):
        # mail.thread's own message_notify takes the record as model and res_id:
        # on a ticket, who may write to its customer is the ticket's rule
        if self._name != "helpdesk.ticket" and kwargs.get("model") == "helpdesk.ticket":
            self.env["helpdesk.ticket"].browse(kwargs.get("res_id"))._check_can_write_to_customer(
                kwargs
            )
        return super().message_notify(**kwargs)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        # read by the records that use it (helpdesk tickets) before they come here;
        # never posted with the message
        msg_dict.pop(AUTO_REPLY_KEY, None)
        return super().message_new(msg_dict, custom_values=custom_values)

    def message_update(self, msg_dict, update_vals=None):
        msg_dict.pop(AUTO_REPLY_KEY, None)
        return super().message_update(msg_dict, update_vals=update_vals)
