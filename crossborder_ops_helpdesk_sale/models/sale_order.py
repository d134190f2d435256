# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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
