# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .helpdesk_ticket_category import CS_STAGES


class HelpdeskTicketChannel(models.Model):
    _inherit = "helpdesk.ticket.channel"

    is_marketplace = fields.Boolean(
        string="Marketplace", help="Amazon, eBay, AliExpress, Shopify store... with its own rules."
    )
    cs_stage = fields.Selection(
        CS_STAGES,
        string="Default CS stage",
        help="Used when the ticket's category gives none (e.g. order messages are in-sales).",
    )
