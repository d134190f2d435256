# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    destination_warning = fields.Text(
        compute="_compute_destination_warning",
        help="Products of the order whose plug, voltage or size system do not match the "
        "country it is delivered to (from the country specs of Customer Service).",
        string="Destination warning",
        groups="base.group_user",  # the sellers', as on the ticket; not the customer's
    )

    @api.depends(
        "partner_shipping_id.country_id",
        "order_line.product_id.plug_type",
        "order_line.product_id.voltage_min",
        "order_line.product_id.voltage_max",
        "order_line.product_id.size_system",
    )
    @api.depends_context("lang")
    def _compute_destination_warning(self):
        specs = self.env["crossborder.country.spec"]._by_country(
            self.partner_shipping_id.country_id
        )
        for order in self:
            spec = specs.get(order.partner_shipping_id.country_id.id)
            products = order.order_line.product_id
            order.destination_warning = (
                "\n".join(spec._fit_warnings(products)) if spec and products else False
            ) or False

    def write(self, vals):
        renamed = {"name", "client_order_ref"} & set(vals)
        before = (
            {order.id: (order.name, order.client_order_ref) for order in self} if renamed else {}
        )
        result = super().write(vals)
        if renamed:
            self._cbo_tickets_follow_numbers(before)
        return result

    def _cbo_tickets_follow_numbers(self, before):
        """An order renamed in Sales (its number or its customer's reference):
        its tickets that gave the old number take the new one, and a number a
        ticket gives for another order is refused. Left as it was, a ticket's
        number named another order than its own, and that order's buyer's
        messages came to it (outside audit 70). ``before``: {order id: (name,
        customer reference) before}."""
        # sudo: every ticket giving these numbers, archived too, whoever renames
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        old = {number for pair in before.values() for number in pair if number}
        follow = defaultdict(lambda: Ticket)
        for ticket in Ticket.search(
            [("sale_order_id", "in", self.ids), ("marketplace_order_ref", "in", list(old))]
        ):
            order, number = ticket.sale_order_id, ticket.marketplace_order_ref
            new = order.name if number == before[order.id][0] else order.client_order_ref
            new = new or order.name
            if new != number:
                follow[new] |= ticket
        for number, tickets in follow.items():
            tickets.marketplace_order_ref = number
        new = [
            number for order in self for number in (order.name, order.client_order_ref) if number
        ]
        other = Ticket.search(
            [
                ("sale_order_id", "not in", self.ids),
                ("sale_order_id", "!=", False),
                ("marketplace_order_ref", "in", new),
                ("company_id", "in", self.company_id.ids),
            ],
            limit=1,
        )
        if other:
            raise UserError(
                self.env._(
                    "%(number)s is the number %(ticket)s gives for %(order)s: give this "
                    "order another one.",
                    number=other.marketplace_order_ref,
                    ticket=other.display_name,
                    order=other.sale_order_id.name,
                )
            )

    def _cbo_buyer_country(self):
        """The buyer country of a ticket about the order: the country it was
        delivered to, else its buyer's (one rule for the ticket's check, its
        filling and its intake: outside audit 68, L5)."""
        self.ensure_one()
        return self.partner_shipping_id.country_id or self.partner_id.country_id

    @api.constrains("partner_id", "partner_shipping_id")
    def _check_ticket_costs_still_theirs(self):
        # an order given another buyer for the time of a link: its tickets keep only
        # the costs still their own (see helpdesk.ticket._not_its_cost)
        # sudo: which tickets the orders have, to compare their costs
        tickets = self.env["helpdesk.ticket"].sudo().search([("sale_order_id", "in", self.ids)])
        tickets._check_costs_still_its_own()

    @api.onchange("partner_shipping_id")
    def _onchange_partner_shipping_id_destination(self):
        if self.destination_warning:
            return {"warning": self._destination_warning_popup(self.destination_warning)}
        return None

    def _destination_warning_popup(self, message):
        return {
            "title": self.env._("Check the destination"),
            "message": message,
        }
