# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import api, models
from odoo.exceptions import AccessError


class MailScheduledMessage(models.Model):
    """A message scheduled on a trial or a ticket is listed there under its author
    until it is posted: it is scheduled in one's own name."""

    _name = "mail.scheduled.message"
    _inherit = ["mail.scheduled.message", "crossborder.evidence.message.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        messages._crossborder_check_notification_senders()
        return messages

    def write(self, vals):
        result = super().write(vals)
        if "notification_parameters" in vals:
            self._crossborder_check_notification_senders()
        return result

    def _crossborder_check_notification_senders(self):
        # the sender's address it will be posted with, kept among its parameters
        for model, messages in self._crossborder_on_evidence().grouped("model").items():
            senders = [message._crossborder_email_from() for message in messages]
            self._crossborder_check_evidence_senders(model, senders)

    def _crossborder_email_from(self):
        try:
            parameters = json.loads(self.notification_parameters or "{}")
        except ValueError:
            return False
        return parameters.get("email_from") if isinstance(parameters, dict) else False

    def unlink(self):
        """A colleague's scheduled answer is not taken away before it is sent (Odoo
        lets whoever may write the ticket delete it): its author, the system and a
        settings administrator delete it."""
        if not self.env.su and not self.env.user._is_system():
            others = self._crossborder_on_evidence().filtered(
                lambda message: message.create_uid != self.env.user
            )
            if others:
                raise AccessError(
                    self.env._(
                        "A message scheduled by a colleague on a %(record)s is sent as he "
                        "wrote it: only he cancels it.",
                        record=self.env["ir.model"].sudo()._get(others[0].model).name,
                    )
                )
        return super().unlink()
