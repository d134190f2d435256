# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import email_normalize


class CrossborderEvidenceMessageMixin(models.AbstractModel):
    _inherit = "crossborder.evidence.message.mixin"

    @api.model
    def _crossborder_sender_addresses(self, emails, own=True):
        """The addresses the marketplaces accept replies from are the company's."""
        # sudo: the channels' settings, for whoever replies
        channels = (
            self.env["helpdesk.ticket.channel"].sudo().search([("reply_from_email", "!=", False)])
        )
        return super()._crossborder_sender_addresses(emails, own=own) | {
            email_normalize(channel.reply_from_email) for channel in channels
        }
