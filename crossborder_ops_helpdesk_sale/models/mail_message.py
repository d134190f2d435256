# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _cbo_staff_only_models(self):
        # what a ticket's cost is made of: the notes on a customer's deliveries (what
        # the carrier charged: "Shipment sent to carrier ... Cost: 6.50") and credit
        # notes stay the company's, as the ticket's
        return super()._cbo_staff_only_models() | {"stock.picking", "account.move"}
