# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailMail(models.Model):
    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        # every e-mail about a ticket comes through here (Odoo's stage e-mails, a
        # template sent, an e-mail to several tickets at once), not only the
        # replies posted in its chatter: a marketplace buyer is reached through
        # his relay on all of them
        self.env["helpdesk.ticket"]._cbo_relay_mail_values(vals_list)
        return super().create(vals_list)
