# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import ValidationError


class CrossborderTicketLinkMixin(models.AbstractModel):
    """Records that count in a ticket's cost (credit notes, reshipments) carry a
    ``helpdesk_ticket_id`` set, changed or removed only by someone who may edit
    the tickets concerned, on every path (the form, import, RPC create and write),
    and only for the ticket's own customer."""

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

    @api.constrains("helpdesk_ticket_id", "partner_id")
    def _check_ticket_customer(self):
        """A refund or a reshipment counts in the cost of its own customer's ticket
        (``helpdesk.ticket._not_its_cost``): another customer's credit note or
        delivery, linked to a ticket, charged its cause (and the department,
        supplier or carrier it names) with a cost that was not its own."""
        # sudo: the ticket's customer and order are compared, not shown
        for record in self.sudo().filtered("helpdesk_ticket_id"):
            if why := record.helpdesk_ticket_id._not_its_cost(record):
                raise ValidationError(why)
