# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def send_mail_batch(
        self,
        res_ids,
        force_send=False,
        raise_exception=False,
        email_values=None,
        email_layout_xmlid=False,
    ):
        # a template sent on tickets over the API e-mails their customers, past
        # message_post: whoever may not answer them may not send it either
        if self.model == "helpdesk.ticket" and res_ids:
            self.env["helpdesk.ticket"].browse(res_ids)._check_can_write_to_customer(
                {"subtype_xmlid": "mail.mt_comment"}
            )
        return super().send_mail_batch(
            res_ids,
            force_send=force_send,
            raise_exception=raise_exception,
            email_values=email_values,
            email_layout_xmlid=email_layout_xmlid,
        )
