# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

CS_STAGES = [("pre_sales", "Pre-sales"), ("in_sales", "In-sales"), ("after_sales", "After-sales")]
INQUIRY_TYPES = [("product", "Product question"), ("service", "Service question")]


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    cs_stage = fields.Selection(
        CS_STAGES, string="Default CS stage", help="CS stage given to new tickets of this category."
    )
    inquiry_type = fields.Selection(
        INQUIRY_TYPES, string="Default inquiry type", help="Product or service question."
    )
