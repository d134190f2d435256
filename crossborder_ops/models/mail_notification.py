# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError

# what a user changes on his own notification (reading it in his inbox)
READ_FIELDS = frozenset(("is_read", "read_date"))


class MailNotification(models.Model):
    """Who a message on a trial or a ticket was sent to, and whether it arrived,
    is evidence too: the chatter shows it under the message (sent, read,
    bounced). Mail writes these records itself, in sudo, when it sends; a user
    reading his inbox marks his own as read. Created or changed by a user
    otherwise, a note showed as e-mailed to the customer, an answer as delivered
    to an address it never went to."""

    _inherit = "mail.notification"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # before the insert: a second record of a recipient fails on a unique key
            self._crossborder_check_delivery(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) - READ_FIELDS:
            self._crossborder_check_delivery(
                [{"mail_message_id": n.mail_message_id.id} for n in self], written=True
            )
        return super().write(vals)

    @api.model
    def _crossborder_check_delivery(self, vals_list, written=False):
        """Refused on evidence, unless written as the composer's mass mode writes
        them in the user's own call: for an e-mail of that same message, to one of
        its recipients, with the e-mail's status (only the system creates
        e-mails)."""
        messages = self.env["mail.message"].browse(
            {vals.get("mail_message_id") for vals in vals_list} - {None, False}
        )
        evidence = messages._crossborder_on_evidence()
        if not evidence:
            return
        # sudo: the e-mails behind the notifications, which only the system reads
        mails = (
            self.env["mail.mail"]
            .sudo()
            .browse({vals.get("mail_mail_id") for vals in vals_list} - {None, False})
            .exists()
        )

        def of_its_mail(vals):
            mail = mails.filtered(lambda m: m.id == vals.get("mail_mail_id"))
            return bool(
                mail
                and mail.mail_message_id.id == vals.get("mail_message_id")
                and vals.get("notification_status", "ready") == mail._get_notification_status()
                and vals.get("res_partner_id", False) in (False, *mail.recipient_ids.ids)
            )

        made_up = [
            vals
            for vals in vals_list
            if vals.get("mail_message_id") in evidence.ids and (written or not of_its_mail(vals))
        ]
        if made_up:
            model = evidence.filtered(lambda m: m.id == made_up[0]["mail_message_id"]).model
            raise AccessError(
                self.env._(
                    "Who a message on a %(record)s was sent to, and whether it arrived, is "
                    "recorded by the system when it sends it.",
                    record=self.env["ir.model"].sudo()._get(model).name,
                )
            )
