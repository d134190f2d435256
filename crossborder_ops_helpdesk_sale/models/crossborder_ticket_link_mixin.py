# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CrossborderTicketLinkMixin(models.AbstractModel):
    """Records that count in a ticket's cost (credit notes, reshipments) carry a
    ``helpdesk_ticket_id`` set, changed or removed only by someone who may read
    the tickets concerned, on every path (the form, import, RPC create and write)."""

    _name = "crossborder.ticket.link.mixin"
    _description = "Linked to a customer-service ticket"

    @api.model_create_multi
    def create(self, vals_list):
        targets = [vals.get("helpdesk_ticket_id") for vals in vals_list]
        Ticket = self.env["helpdesk.ticket"]
        Ticket._check_can_link(targets)
        Ticket._check_cost_not_on_duplicate(targets)
        return super().create(vals_list)

    def write(self, vals):
        if "helpdesk_ticket_id" in vals:
            # unlinking or moving the record changes the cost of the ticket it leaves
            # too. sudo: the current link is read to check the caller's right on it
            current = self.sudo().helpdesk_ticket_id.ids
            Ticket = self.env["helpdesk.ticket"]
            Ticket._check_can_link(current + [vals["helpdesk_ticket_id"]])
            Ticket._check_cost_not_on_duplicate([vals["helpdesk_ticket_id"]])
        return super().write(vals)
