# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

# what a ticket knows of the order: for the company's people, not for the buyer
# reading his ticket on the portal
INTERNAL = "base.group_user"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Order",
        compute="_compute_sale_order_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        check_company=True,
        groups=INTERNAL,
        help="The order the buyer writes about: found from the marketplace order number "
        "(the order's customer reference or its name), editable.",
    )
    picking_ids = fields.Many2many(
        "stock.picking",
        string="Deliveries",
        compute="_compute_picking_ids",
        groups=INTERNAL,
        help="Outgoing deliveries of the order.",
    )
    carrier_id = fields.Many2one(
        "delivery.carrier",
        compute="_compute_carrier_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        groups=INTERNAL,
        help="Carrier of the last shipped delivery of the order (else the order's "
        "shipping method), editable.",
    )
    carrier_tracking_ref = fields.Char(
        string="Tracking reference", compute="_compute_carrier_tracking_ref", groups=INTERNAL
    )
    carrier = fields.Char(
        string="Carrier name", compute="_compute_carrier", store=True, readonly=False
    )
    supplier_id = fields.Many2one(
        "res.partner",
        compute="_compute_supplier_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        groups=INTERNAL,
        help="The product's main supplier (first vendor of the product), editable.",
    )

    # ------------------------------------------------------------------
    @api.depends("marketplace_order_ref", "company_id")
    def _compute_sale_order_id(self):
        refs = {t.marketplace_order_ref.strip() for t in self if t.marketplace_order_ref}
        found = {}
        if refs:
            orders = self.env["sale.order"].search(
                [
                    ("company_id", "in", self.company_id.ids + [False]),
                    "|",
                    ("client_order_ref", "in", list(refs)),
                    ("name", "in", list(refs)),
                ],
                order="id",
            )
            for order in orders:
                for ref in (order.name, order.client_order_ref):
                    found.setdefault((ref, order.company_id.id), order)
        for ticket in self:
            ref = (ticket.marketplace_order_ref or "").strip()
            order = found.get((ref, ticket.company_id.id)) if ref else False
            if order:
                ticket.sale_order_id = order
            elif not ticket.sale_order_id:
                ticket.sale_order_id = False

    @api.depends("sale_order_id.picking_ids")
    def _compute_picking_ids(self):
        for ticket in self:
            ticket.picking_ids = ticket.sale_order_id.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing"
            )

    @api.depends("sale_order_id.picking_ids.carrier_id", "sale_order_id.picking_ids.state")
    def _compute_carrier_id(self):
        for ticket in self:
            shipped = ticket.sale_order_id.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state == "done" and p.carrier_id
            ).sorted("date_done")
            carrier = shipped[-1:].carrier_id or ticket.sale_order_id.carrier_id
            if carrier:
                ticket.carrier_id = carrier
            elif not ticket.carrier_id:
                ticket.carrier_id = False

    @api.depends(
        "sale_order_id.picking_ids.carrier_tracking_ref",
        "sale_order_id.picking_ids.picking_type_code",
    )
    def _compute_carrier_tracking_ref(self):
        for ticket in self:
            refs = ticket.picking_ids.filtered("carrier_tracking_ref").mapped(
                "carrier_tracking_ref"
            )
            ticket.carrier_tracking_ref = ", ".join(refs) or False

    @api.depends("carrier_id")
    def _compute_carrier(self):
        # the customer-service addon groups recurrences by this name
        for ticket in self:
            if ticket.carrier_id:
                ticket.carrier = ticket.carrier_id.name

    @api.depends("product_id")
    def _compute_supplier_id(self):
        for ticket in self:
            product = ticket.product_id
            sellers = product.product_tmpl_id.seller_ids.filtered(
                lambda s, p=product, c=ticket.company_id: (not s.product_id or s.product_id == p)
                and s.company_id in (c, self.env["res.company"])
            ).sorted(lambda s: (s.sequence, s.id))
            if sellers:
                ticket.supplier_id = sellers[0].partner_id.commercial_partner_id
            elif not ticket.supplier_id:
                ticket.supplier_id = False

    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._link_sale_order()
        return tickets

    def write(self, vals):
        result = super().write(vals)
        if "sale_order_id" in vals or "marketplace_order_ref" in vals:
            self._link_sale_order()
        return result

    def _link_sale_order(self):
        """Keep OCA helpdesk_mgmt_sale's list of orders holding the ticket's order."""
        # a ticket without order links nothing (an empty order is "not in" any list)
        for ticket in self.filtered(
            lambda t: t.sale_order_id and t.sale_order_id not in t.sale_order_ids
        ):
            ticket.sale_order_ids = [Command.link(ticket.sale_order_id.id)]
