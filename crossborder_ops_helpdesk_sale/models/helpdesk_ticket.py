# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import dataclasses
import logging
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import email_normalize, file_open, formataddr

from odoo.addons.crossborder_ops_helpdesk.models.helpdesk_ticket import ANSWERED, SYSTEM_FIELDS
from odoo.addons.crossborder_ops_helpdesk.models.mail_thread import AUTO_REPLY_KEY
from odoo.addons.crossborder_ops_helpdesk.models.todo_summaries import in_every_language

from ..chain.blame import shipping_delivery
from ..chain.cost import problem_cost
from ..intake import marketplace

_logger = logging.getLogger(__name__)

# what a ticket knows of the order: for the company's people, not for the buyer
# reading his ticket on the portal
INTERNAL = "base.group_user"
# --- marketplace intake ---
# written by the mail gateway only (see crossborder.system.owned.mixin)
INTAKE_SYSTEM_FIELDS = frozenset({"marketplace_reply_to", "buyer_photo_count", "buyer_opted_out"})
# what routing read from the raw e-mail, handed to message_new/message_update
INTAKE_KEY = "cbo_marketplace_intake"
# --- end marketplace intake ---

# --- order, cost and attribution ---
# written by the system only (see crossborder.system.owned.mixin): who the cause
# reaches and what the problem cost
ORDER_SYSTEM_FIELDS = frozenset(
    {
        "blame_supplier_id",
        "blame_carrier_id",
        "blame_user_id",
        "refund_amount",
        "reship_cost",
        "problem_cost",
        "removed_order_id",
    }
)
# the department's answer (crossborder_ops_helpdesk), or a helpdesk manager's
# decision over its dispute: asked again, as for a new cause, when what the blame
# points at moves after it answered
ATTRIBUTION_FIELDS = ("attribution_state", "attribution_note", "attribution_user_id")
# disputed tickets whose blame moved in this transaction (cursor precommit data)
DISPUTES_MOVED = "crossborder_ops_helpdesk_sale.disputes_moved"
# --- end order, cost and attribution ---


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"
    # union of the parts' system fields (see crossborder.system.owned.mixin)
    _cbo_system_fields = SYSTEM_FIELDS | INTAKE_SYSTEM_FIELDS | ORDER_SYSTEM_FIELDS

    # --- order, cost and attribution ---
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
    removed_order_id = fields.Many2one(
        "sale.order",
        string="Order taken off",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="The order a helpdesk manager took off the ticket: the carrier and who "
        "shipped it are still the ones to blame, until the right order is linked.",
    )
    picking_ids = fields.Many2many(
        "stock.picking",
        string="Deliveries",
        compute="_compute_picking_ids",
        groups=INTERNAL,
        help="Outgoing deliveries of the order.",
    )
    shipped_line_ids = fields.Many2many(
        "stock.move.line",
        string="Shipped",
        compute="_compute_shipped_line_ids",
        groups=INTERNAL,
        help="What reached the buyer: products, lots and quantities of the order's done "
        "deliveries.",
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
        "shipping method), editable among the carriers that carried the problem: the "
        "order's deliveries and its shipping method, the ticket's replacement deliveries "
        "and, without an order, the order its refunds refund. Changed after the "
        "department answered for a logistics cause, it asks the department again.",
    )
    # computed as root: an agent who reads the ticket reads its tracking numbers,
    # without reading the order's deliveries (agents on their own tickets only)
    carrier_tracking_ref = fields.Char(
        string="Tracking reference",
        compute="_compute_carrier_tracking_ref",
        compute_sudo=True,
        groups=INTERNAL,
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
        help="The product's main supplier (first vendor of the product), editable among "
        "the product's vendors. Changed after the department answered for the cause, it "
        "asks the department again.",
    )
    blame_supplier_id = fields.Many2one(
        "res.partner",
        string="Supplier to blame",
        compute="_compute_blame",
        store=True,
        index="btree_not_null",
        copy=False,
        groups=INTERNAL,
        help="The supplier the cause reaches (procurement causes, and causes marked so): "
        "the product's main supplier. Named in the weekly feedback.",
    )
    blame_carrier_id = fields.Many2one(
        "delivery.carrier",
        string="Carrier to blame",
        compute="_compute_blame",
        store=True,
        index="btree_not_null",
        copy=False,
        groups=INTERNAL,
        help="The carrier the cause reaches (logistics and customs clearance causes): the "
        "ticket's carrier. Named in the weekly feedback.",
    )
    blame_user_id = fields.Many2one(
        "res.users",
        string="Shipped by",
        compute="_compute_blame",
        store=True,
        index="btree_not_null",
        copy=False,
        groups=INTERNAL,
        help="For warehousing and packaging causes: the responsible of the delivery that "
        "shipped the product. Named in the weekly feedback.",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company currency", groups=INTERNAL
    )
    refund_ids = fields.One2many(
        "account.move",
        "helpdesk_ticket_id",
        string="Refunds",
        domain=[("move_type", "=", "out_refund")],
        groups="account.group_account_invoice",
    )
    reship_ids = fields.One2many(
        "stock.picking", "helpdesk_ticket_id", string="Reshipments", groups=INTERNAL
    )
    refund_count = fields.Integer(
        compute="_compute_refund_count", groups=INTERNAL, string="Number of refunds"
    )
    reship_count = fields.Integer(
        compute="_compute_reship_count", groups=INTERNAL, string="Number of reshipments"
    )
    refund_amount = fields.Monetary(
        string="Refunded",
        currency_field="company_currency_id",
        compute="_compute_problem_cost",
        store=True,
        copy=False,
        groups=INTERNAL,
        help="Untaxed amount of the posted credit notes of the ticket (the VAT refunded is "
        "given back by the tax authority).",
    )
    reship_cost = fields.Monetary(
        string="Reshipment cost",
        currency_field="company_currency_id",
        compute="_compute_problem_cost",
        store=True,
        copy=False,
        groups=INTERNAL,
        help="Done replacement deliveries of the ticket: the products at their cost plus the "
        "carrier's price recorded on the delivery.",
    )
    problem_cost = fields.Monetary(
        string="Cost of the problem",
        currency_field="company_currency_id",
        compute="_compute_problem_cost",
        store=True,
        copy=False,
        groups=INTERNAL,
        help="What the problem cost the company: refunded plus reshipment cost, in the "
        "company's currency. Summed per cause, link, department, supplier and carrier in "
        "Reports > Cost of problems.",
    )
    destination_warning = fields.Text(
        compute="_compute_destination_warning",
        groups=INTERNAL,
        help="The product's plug, voltage or size system does not match the buyer's country.",
        string="Destination warning",
    )
    # --- end order, cost and attribution ---

    # --- order, cost and attribution ---
    @api.depends("marketplace_order_ref", "company_id")
    def _compute_sale_order_id(self):
        found = self._cbo_orders_by_number()
        for ticket in self:
            ref = (ticket.marketplace_order_ref or "").strip()
            order = found.get((ref, ticket.company_id.id)) if ref else False
            if order:
                ticket.sale_order_id = order
            elif not ticket.sale_order_id:
                ticket.sale_order_id = False

    def _cbo_orders_by_number(self):
        """{(order number, company id): the first order of that name or customer
        reference}, for the order numbers of these tickets, in their companies."""
        refs = list({t.marketplace_order_ref.strip() for t in self if t.marketplace_order_ref})
        found = {}
        if refs:
            orders = self.env["sale.order"].search(
                [
                    ("company_id", "in", self.company_id.ids + [False]),
                    "|",
                    ("client_order_ref", "in", refs),
                    ("name", "in", refs),
                ],
                order="id",
            )
            for order in orders:
                for ref in (order.name, order.client_order_ref):
                    found.setdefault((ref, order.company_id.id), order)
        return found

    @api.depends("sale_order_id.picking_ids")
    def _compute_picking_ids(self):
        for ticket in self:
            ticket.picking_ids = ticket.sale_order_id.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing"
            )

    @api.depends("sale_order_id.picking_ids.move_line_ids.quantity", "removed_order_id")
    def _compute_shipped_line_ids(self):
        for ticket in self:
            ticket.shipped_line_ids = ticket._shipped_deliveries().move_line_ids.filtered(
                "quantity"
            )

    @api.depends("sale_order_id.picking_ids.carrier_id", "sale_order_id.picking_ids.state")
    def _compute_carrier_id(self):
        # the carrier of the parcel the customer wrote about: a delivery done
        # since, of something else, moved the blame onto its carrier (audit 63)
        for ticket in self:
            shipped = ticket._shipped_deliveries().filtered("carrier_id")
            carrier = (
                ticket._shipping_delivery().carrier_id
                or shipped.sorted("date_done")[-1:].carrier_id
                or ticket.sale_order_id.carrier_id
            )
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
            vendors = ticket._product_vendors()
            if vendors:
                ticket.supplier_id = vendors[0]
            elif not ticket.supplier_id:
                ticket.supplier_id = False

    @api.depends(
        "root_cause_id.blame_party",
        "supplier_id",
        "carrier_id",
        "product_id",
        "sale_order_id.picking_ids.state",
        "sale_order_id.picking_ids.user_id",
        "sale_order_id.picking_ids.date_done",
        "removed_order_id",
    )
    def _compute_blame(self):
        moved = self.browse()
        for ticket in self:
            before = (ticket.blame_supplier_id, ticket.blame_carrier_id, ticket.blame_user_id)
            party = ticket.root_cause_id.blame_party
            ticket.blame_supplier_id = ticket.supplier_id if party == "supplier" else False
            ticket.blame_carrier_id = ticket.carrier_id if party == "carrier" else False
            ticket.blame_user_id = (
                ticket._shipping_delivery().user_id if party == "shipper" else False
            )
            after = (ticket.blame_supplier_id, ticket.blame_carrier_id, ticket.blame_user_id)
            if ticket.id and after != before and ticket.attribution_state in ANSWERED:
                moved |= ticket
        if moved:
            # the department answered for another supplier, carrier or packer, on
            # whatever path the blame moved (the ticket, its order's deliveries, the
            # cause's settings): it is asked again, as for a new cause
            disputed = moved.filtered(lambda t: t.attribution_state == "disputed")
            for fname in ATTRIBUTION_FIELDS:
                self.env.add_to_compute(self._fields[fname], moved)
            if disputed:
                disputed._close_dispute_todos_later()

    def _attribution_answered_for(self):
        # the department answers for whom the cause names too: a window opened before
        # the supplier, carrier or packer moved is refused like one before a new cause
        return super()._attribution_answered_for() + [
            self.blame_supplier_id.id or False,
            self.blame_carrier_id.id or False,
            self.blame_user_id.id or False,
        ]

    def _attribution_blamed(self):
        self.ensure_one()
        named = (
            (self.env._("Supplier"), self.blame_supplier_id),
            (self.env._("Carrier"), self.blame_carrier_id),
            (self.env._("Shipped by"), self.blame_user_id),
        )
        return ", ".join(f"{label}: {record.display_name}" for label, record in named if record)

    def _compute_refund_count(self):
        # agents may not read accounting: they read the ticket (the caller's own right,
        # checked by the ORM on reading this field), and count its credit notes as root
        counts = dict(
            self.env["account.move"]
            .sudo()
            ._read_group(
                [("helpdesk_ticket_id", "in", self.ids), ("move_type", "=", "out_refund")],
                ["helpdesk_ticket_id"],
                ["__count"],
            )
        )
        for ticket in self:
            ticket.refund_count = counts.get(ticket, 0)

    def _compute_reship_count(self):
        # agents on their own tickets only read no deliveries: they read the ticket
        # (checked by the ORM on reading this field), its reshipments are counted as root
        counts = dict(
            self.env["stock.picking"]
            .sudo()
            ._read_group(
                [("helpdesk_ticket_id", "in", self.ids)], ["helpdesk_ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.reship_count = counts.get(ticket, 0)

    # stored computes run as root (compute_sudo): agents see the cost of refunds
    # they may not read
    @api.depends(
        "company_id.currency_id",
        "refund_ids.state",
        "refund_ids.move_type",
        "refund_ids.amount_untaxed_signed",
        "reship_ids.state",
        "reship_ids.carrier_price",
        "reship_ids.move_ids.quantity",
        "reship_ids.move_ids.state",
    )
    def _compute_problem_cost(self):
        for ticket in self:
            company = ticket.company_id or self.env.company
            refunds = ticket.refund_ids.filtered(
                lambda m: m.state == "posted" and m.move_type == "out_refund"
            )
            reshipments = [
                (ticket._goods_cost(picking, company), picking.carrier_price)
                for picking in ticket.reship_ids
                if picking.state == "done"
            ]
            currency = company.currency_id
            refunded, reshipped, total = problem_cost(
                [-amount for amount in refunds.mapped("amount_untaxed_signed")],
                reshipments,
                digits=currency.decimal_places,
            )
            ticket.refund_amount = refunded
            ticket.reship_cost = reshipped
            ticket.problem_cost = total

    @api.depends(
        "product_id.plug_type",
        "product_id.voltage_min",
        "product_id.voltage_max",
        "product_id.size_system",
        "buyer_country_id",
    )
    @api.depends_context("lang")
    def _compute_destination_warning(self):
        specs = self.env["crossborder.country.spec"]._by_country(self.buyer_country_id)
        for ticket in self:
            spec = specs.get(ticket.buyer_country_id.id)
            warnings = spec._fit_warnings(ticket.product_id) if spec and ticket.product_id else []
            ticket.destination_warning = "\n".join(warnings) or False

    @api.depends(
        "sale_order_id.partner_shipping_id.country_id", "sale_order_id.partner_id.country_id"
    )
    def _compute_buyer_defaults(self):
        """A ticket with an order has the order's buyer country: where it is
        delivered, else its buyer's. It follows when the order is linked (its
        first, another one, the one taken off again, by the order or its
        number: outside audit 71, H5 and H6), and when the address moves, on
        the order or in Contacts: left behind, the order's tickets were in two
        countries' rates (outside audit 73, H2)."""
        result = super()._compute_buyer_defaults()
        for ticket in self.filtered("sale_order_id"):
            country = ticket.sale_order_id._cbo_buyer_country()
            if country:
                ticket.buyer_country_id = country
        return result

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id_buyer(self):
        self.update(self._values_from_order(self._buyer_langs()))

    @api.constrains("supplier_id", "product_id")
    def _check_supplier_is_vendor(self):
        """The supplier a problem is blamed on is one of the product's vendors (or,
        for a product without vendors, a vendor at all): not a customer or anyone
        else an agent picks."""
        # sudo: the vendors of products and partners are read to check the choice
        emptied = self.sudo().filtered(lambda t: not t.supplier_id and t._product_vendors())
        if emptied:  # the problem would leave the supplier's scorecard (audit 62, F1)
            raise ValidationError(
                self.env._(
                    "The supplier of %(ticket)s is one of the vendors of %(product)s "
                    "(%(vendors)s): it is not left empty.",
                    ticket=emptied[0].display_name,
                    product=emptied[0].product_id.display_name,
                    vendors=", ".join(emptied[0]._product_vendors().mapped("display_name")),
                )
            )
        tickets = self.sudo().filtered("supplier_id")
        if not tickets:
            return
        listed = set(
            self.env["product.supplierinfo"]
            .sudo()
            .search([("partner_id", "child_of", tickets.supplier_id.ids)])
            .partner_id.commercial_partner_id.ids
        )
        for ticket in tickets:
            supplier = ticket.supplier_id.commercial_partner_id
            vendors = ticket._product_vendors()
            if vendors and supplier not in vendors:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a vendor of %(product)s: the supplier to blame is "
                        "one of the product's vendors (%(vendors)s).",
                        partner=supplier.display_name,
                        product=ticket.product_id.display_name,
                        vendors=", ".join(vendors.mapped("display_name")),
                    )
                )
            if not vendors and not (supplier.supplier_rank or supplier.id in listed):
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a vendor: the supplier to blame is a partner the "
                        "company buys from.",
                        partner=supplier.display_name,
                    )
                )

    @api.constrains("product_id", "sale_order_id")
    def _check_product_of_the_order(self):
        """A ticket with an order is about a product of that order: another one
        moved the problem, and its cost, onto another product's vendor and rate
        (outside audit 62, F2)."""
        # sudo: the order's lines are read to check the choice, whoever picks it
        for ticket in self.sudo().filtered(lambda t: t.product_id and t.sale_order_id):
            sold = ticket.sale_order_id.order_line.product_id
            if sold and ticket.product_id not in sold:
                raise ValidationError(
                    self.env._(
                        "%(product)s is not in %(order)s: the product of the ticket is one "
                        "the order sold (%(products)s).",
                        product=ticket.product_id.display_name,
                        order=ticket.sale_order_id.name,
                        products=", ".join(sold.mapped("display_name")),
                    )
                )

    def _check_country_of_the_order(self, country_id):
        """A user does not give a ticket with an order another buyer country
        than the one the order was delivered to (or its buyer's, for an order
        with no delivery country), nor none: the problem moved into that
        country's rates, or out of every one (outside audits 62 and 65). A
        ticket takes its order's country (_compute_buyer_defaults), and the mail
        gateway's buyer messages are never refused for it."""
        # sudo: the order's delivery address is read to check the choice
        for ticket in self.sudo().filtered("sale_order_id"):
            country = ticket.sale_order_id._cbo_buyer_country()
            if country and country.id != country_id:
                raise ValidationError(
                    self.env._(
                        "%(order)s was delivered to %(country)s: that is the buyer country "
                        "of its tickets.",
                        order=ticket.sale_order_id.name,
                        country=country.name,
                    )
                )

    @api.constrains("carrier_id", "sale_order_id")
    def _check_carrier_carried_the_order(self):
        """The carrier a ticket's problem is blamed on carried its order: one of
        the order's done deliveries or replacement deliveries, the ticket's own
        replacement deliveries, or the order's shipping method, as the supplier is
        one of the product's vendors. Taken off the ticket, the order still counts
        through what the ticket costs: the order its refunds refund and the
        ticket's own replacement deliveries. A ticket with nothing shipped takes
        any carrier. Another one picked from the list moved the problem and its
        cost onto a carrier that never shipped the order."""
        # sudo: the order's deliveries and the ticket's refunds are read to check the
        # choice, whoever may read them (agents on their own tickets read none)
        tickets = self.sudo()
        orders = {ticket: ticket._orders_of_the_problem() for ticket in tickets}
        reshipped = self._reshipment_carriers(self.env["sale.order"].union(*orders.values()))
        for ticket in tickets:
            order = orders[ticket]
            shipped = (
                order.picking_ids.filtered(
                    lambda p: p.picking_type_code == "outgoing" and p.state == "done"
                ).carrier_id
                | order.carrier_id
            )
            if not ticket.carrier_id:
                if shipped:  # the problem would leave the carrier's scorecard (audit 62, F1)
                    raise ValidationError(
                        self.env._(
                            "The carrier of %(ticket)s is one that carried %(order)s "
                            "(%(carriers)s): it is not left empty.",
                            ticket=ticket.display_name,
                            order=", ".join(order.mapped("name")),
                            carriers=", ".join(shipped.mapped("name")),
                        )
                    )
                continue
            carriers = (
                ticket.reship_ids.filtered(lambda p: p.state != "cancel").carrier_id | shipped
            )
            for each in order:
                carriers |= reshipped[each]
            if carriers and ticket.carrier_id not in carriers:
                raise ValidationError(
                    self.env._(
                        "%(carrier)s did not carry %(order)s: the carrier to blame is one "
                        "that shipped the order or a replacement, or the order's shipping "
                        "method (%(carriers)s).",
                        carrier=ticket.carrier_id.name,
                        order=", ".join(order.mapped("name")) or ticket.display_name,
                        carriers=", ".join(carriers.mapped("name")),
                    )
                )

    def _orders_of_the_problem(self):
        """The order a ticket's problem is about: its order, else (taken off the
        ticket) the order its refunds refund, which the ticket's cost still counts."""
        self.ensure_one()
        if self.sale_order_id:
            return self.sale_order_id
        refunds = self.refund_ids.filtered(lambda m: m.state != "cancel")
        refunded = (refunds | refunds.reversed_entry_id).line_ids.sale_line_ids.order_id
        # and the order a manager took off: under a cause that blames nobody, then
        # given any carrier and the carrier's cause again (outside audit 67)
        return refunded | self.removed_order_id

    @api.model
    def _reshipment_carriers(self, orders):
        """{order: carriers of the done replacement deliveries of its tickets}."""
        reshipped = defaultdict(lambda: self.env["delivery.carrier"])
        if not orders:
            return reshipped
        for picking in (
            self.env["stock.picking"]
            .sudo()
            .with_context(active_test=False)  # the reshipments of archived tickets too
            .search_fetch(
                [
                    ("helpdesk_ticket_id.sale_order_id", "in", orders.ids),
                    ("state", "=", "done"),
                    ("carrier_id", "!=", False),
                ],
                ["carrier_id", "helpdesk_ticket_id"],
            )
        ):
            reshipped[picking.helpdesk_ticket_id.sale_order_id] |= picking.carrier_id
        return reshipped

    # --- numbers: what the feedback reads of a problem (begin) ---
    def _cbo_problem_facts(self):
        """Cost and who is named, from the cost and blame of the ticket when this
        database has them (refunds, reshipments, attribution to a supplier or a
        carrier); nothing otherwise."""
        facts = super()._cbo_problem_facts()
        if "problem_cost" not in self._fields:
            return facts
        for ticket in self:
            facts[ticket.id] = {
                "cost": ticket.problem_cost or 0.0,
                "supplier_id": ticket.blame_supplier_id.id or None,
                "carrier_id": ticket.blame_carrier_id.id or None,
            }
        return facts

    # --- numbers (end) ---

    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_can_link_order(vals_list)
        tickets = super().create(vals_list)
        tickets._link_sale_order()
        tickets._fill_from_order()
        if not self.env.su:
            named = [t.id for t, vals in zip(tickets, vals_list, strict=True) if "carrier" in vals]
            tickets.browse(named)._check_carrier_name()
            # created with a cause, as given one (outside audit 67)
            tickets.sudo().filtered("root_cause_id")._check_blamed_supplier_kept()
            # and with an order and a buyer country, as given them (outside audit 68);
            # an empty one is filled from the order (outside audit 72)
            for ticket, vals in zip(tickets, vals_list, strict=True):
                if vals.get("buyer_country_id"):
                    ticket._check_country_of_the_order(vals["buyer_country_id"])
            tickets._check_order_number_is_its_order()
        return tickets

    def write(self, vals):
        self._check_can_link_order([vals])
        if "sale_order_id" in vals and not vals["sale_order_id"]:
            self._check_costly_ticket_keeps_its_order()
            taken_off = {t: t.sale_order_id for t in self.sudo().filtered("sale_order_id")}
        else:
            taken_off = {}
        # the order before: the one linked, else the one a manager took off (an
        # agent then links one of the same customer's: outside audit 68); a new
        # company finds the order number's order there (outside audit 68)
        orders = (
            {ticket.id: ticket.sale_order_id or ticket.removed_order_id for ticket in self.sudo()}
            if {"sale_order_id", "marketplace_order_ref", "company_id"}.intersection(vals)
            and not self.env.su
            else None
        )
        supplied = self.browse()
        if vals.get("root_cause_id") and not self.env.su:
            # a cause put back after the supplier was taken off under a cause that
            # blames nobody (outside audit 65): checked as the emptying is
            supplied = self.sudo()
        elif {"product_id", "supplier_id"}.intersection(vals) and not self.env.su:
            supplied = self.sudo().filtered("supplier_id")
        # a country saved again with the same order is no choice: it may differ from
        # the order's since before this rule or the buyer's move (outside audit 70)
        kept = (
            self.sudo().filtered(
                lambda t: t.buyer_country_id.id == (vals["buyer_country_id"] or False)
            )
            if "buyer_country_id" in vals
            and not {"sale_order_id", "marketplace_order_ref"}.intersection(vals)
            else self.browse()
        )
        result = super().write(vals)
        if "buyer_country_id" in vals and not self.env.su:
            # against the order it has now: one linked in the same write too (audit 69)
            (self - kept)._check_country_of_the_order(vals["buyer_country_id"] or False)
        if supplied:
            supplied._check_blamed_supplier_kept()
        if "carrier" in vals and not self.env.su:
            self._check_carrier_name()
        if taken_off or "marketplace_order_ref" in vals or vals.get("sale_order_id"):
            self._remember_order_taken_off(taken_off)
        if orders:
            self._check_order_replaced(orders)
        if "sale_order_id" in vals or "marketplace_order_ref" in vals:
            self._link_sale_order()
            self._fill_from_order()
            if not self.env.su:
                self._check_order_number_is_its_order(vals)
        return result

    def _check_order_number_is_its_order(self, vals=None):
        """A ticket's order number is its order's, or the number of no order we
        know: an order chosen alone under another order's number takes its own
        number; written beside another order, the number is refused. The buyer's
        messages quoting that number went to this ticket, while its cost and
        blame were the other order's (outside audit 68, L3). ``vals``: what was
        written (None: created)."""
        others = self._cbo_numbers_of_other_orders()
        if vals is not None and "marketplace_order_ref" not in vals:
            by_number = defaultdict(lambda: self.browse())
            for ticket, _other in others.items():
                order = ticket.sale_order_id
                by_number[order.client_order_ref or order.name] |= self.browse(ticket.id)
            for number, tickets in by_number.items():
                tickets.marketplace_order_ref = number
        elif others:
            ticket, other = next(iter(others.items()))
            raise UserError(
                self.env._(
                    "A ticket about %(order)s does not give %(number)s: %(number)s is the "
                    "number of %(other)s. Write the number of %(order)s, or choose "
                    "%(other)s as its order.",
                    order=ticket.sale_order_id.name,
                    number=ticket.marketplace_order_ref.strip(),
                    other=other.name,
                )
            )

    def _cbo_numbers_of_other_orders(self):
        """{ticket: the other order of its company its order number names}, of
        these tickets with an order (sudo: every order is looked up, as the
        number finds one)."""
        tickets = self.sudo().filtered(
            lambda t: t.sale_order_id
            and t.marketplace_order_ref
            and t.marketplace_order_ref.strip()
            not in (t.sale_order_id.name, t.sale_order_id.client_order_ref)
        )
        named = tickets._cbo_orders_by_number()
        return {
            ticket: named[key]
            for ticket in tickets
            if (key := (ticket.marketplace_order_ref.strip(), ticket.company_id.id)) in named
        }

    def _remember_order_taken_off(self, taken_off):
        """The order taken off a ticket (``taken_off``: {ticket: order}) is kept
        as *Order taken off* until an order is linked again."""
        by_order = defaultdict(lambda: self.browse())
        for ticket, order in taken_off.items():
            by_order[order] |= ticket
        for order, tickets in by_order.items():
            tickets.sudo().removed_order_id = order
        self.sudo().filtered(lambda t: t.sale_order_id and t.removed_order_id).write(
            {"removed_order_id": False}
        )

    def _check_order_replaced(self, before):
        """A wrong order is replaced by the right one of the same customer: the
        order of a ticket with a refund or a replacement delivery stays the one
        its cost is for, and another customer's order is linked by a helpdesk
        manager. An agent moved a refunded late parcel onto another customer's
        order not shipped yet, then blamed a carrier that never carried either
        (outside audit 67). ``before``: {ticket id: its order before}."""
        if self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager"):
            return
        # sudo: the orders and costs are read to check the choice, whoever makes it
        for ticket in self.sudo():
            old, new = before[ticket.id], ticket.sale_order_id
            if not old or old == new:
                continue
            if ticket._cbo_costly():
                raise UserError(
                    self.env._(
                        "%(ticket)s has a refund or a replacement delivery for %(order)s: "
                        "it keeps that order. Ask a helpdesk manager to move it.",
                        ticket=ticket.display_name,
                        order=old.name,
                    )
                )
            customer = old.partner_id.commercial_partner_id
            if new and new.partner_id.commercial_partner_id != customer:
                raise UserError(
                    self.env._(
                        "%(order)s is not an order of %(customer)s, whose order %(old)s "
                        "%(ticket)s is about: choose one of his orders, or ask a helpdesk "
                        "manager to move the ticket to another customer's.",
                        order=new.name,
                        customer=customer.display_name,
                        old=old.name,
                        ticket=ticket.display_name,
                    )
                )

    def _check_blamed_supplier_kept(self):
        """A ticket whose cause blames the product's supplier keeps a supplier:
        its product and supplier emptied together, the problem and its cost left
        the supplier's scorecard (outside audit 63)."""
        emptied = self.filtered(
            lambda t: not t.supplier_id and t.root_cause_id.blame_party == "supplier"
        )
        if emptied:
            raise UserError(
                self.env._(
                    "The cause of %(ticket)s blames the product's supplier: the ticket keeps "
                    "its product and supplier. Choose the right ones instead of none.",
                    ticket=emptied[0].display_name,
                )
            )

    def _cbo_costly(self):
        """The tickets whose problem cost something: a refund or a replacement
        delivery that is not cancelled (sudo: counted, not shown)."""
        return self.sudo().filtered(
            lambda ticket: ticket.refund_ids.filtered(lambda m: m.state != "cancel")
            or ticket.reship_ids.filtered(lambda p: p.state != "cancel")
        )

    def _check_costly_ticket_keeps_its_order(self):
        """A ticket whose problem cost something (a refund, a replacement
        delivery) keeps an order: its cost is that order's, and without it the
        carrier to blame could no longer be checked (a refund typed in by hand
        names no order). A wrong order is replaced by the right one."""
        # a cause that blames who supplied, carried or shipped the order is checked
        # against that order: taken off, any carrier would do (outside audit 62, F1)
        blamed = self.sudo().filtered(
            lambda t: t.sale_order_id and t.root_cause_id.blame_party not in (False, "none")
        )
        if blamed and not self.env.su:
            raise UserError(
                self.env._(
                    "The cause of %(ticket)s blames who supplied, carried or shipped "
                    "%(order)s: it keeps an order. Choose the right order instead of none.",
                    ticket=blamed[0].display_name,
                    order=blamed[0].sale_order_id.name,
                )
            )
        costly = self.filtered("sale_order_id")._cbo_costly()
        if costly:
            raise UserError(
                self.env._(
                    "%(ticket)s has a refund or a replacement delivery for %(order)s: it keeps "
                    "an order. Choose the right order instead of none.",
                    ticket=costly[0].display_name,
                    order=costly[0].sale_order_id.name,
                )
            )
        # under a cause that blames nobody, the order taken off and the blaming
        # cause put back left nothing to check the carrier and the packer against
        # (outside audit 65): a wrong order is replaced, and taken off by a manager
        linked = self.filtered("sale_order_id")
        if linked and not (
            self.env.su or self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager")
        ):
            raise UserError(
                self.env._(
                    "%(ticket)s keeps %(order)s: choose the right order instead of none, "
                    "or ask a helpdesk manager to take it off.",
                    ticket=linked[0].display_name,
                    order=linked[0].sale_order_id.name,
                )
            )

    def copy_data(self, default=None):
        if self.env.su or self.env["sale.order"].has_access("read"):
            return super().copy_data(default)
        # an agent who reads no orders copies his ticket without them: he links none
        # (see below), and OCA's list of orders is not his to read nor to write
        default = {"sale_order_id": False, "marketplace_order_ref": False} | (default or {})
        vals_list = super().copy_data(dict(default, sale_order_ids=False))
        for vals in vals_list:
            vals.pop("sale_order_ids", None)
        return vals_list

    @api.model
    def _check_can_link_order(self, vals_list):
        """An order is linked to a ticket (chosen, or found from the order number) by
        agents who read orders: one who handles only his own tickets reads no
        orders, and linking any order by its number would show him its buyer."""
        if self.env.su or self.env["sale.order"].has_access("read"):
            return
        if any(
            vals.get(f) for vals in vals_list for f in ("sale_order_id", "marketplace_order_ref")
        ):
            raise AccessError(
                self.env._(
                    "Orders are linked to tickets by agents who read orders: ask a colleague "
                    "or your team leader to link it (tickets from the marketplaces come "
                    "with their order)."
                )
            )

    def _check_carrier_name(self):
        """A ticket with a carrier carries its name: another name written beside it
        (on create, with the carrier or with the order that brings it) took the
        ticket out of its carrier's recurrences (which group by the name) while the
        feedback still blamed that carrier."""
        for ticket in self.filtered("carrier_id"):
            if ticket.carrier != ticket.carrier_id.name:
                raise UserError(
                    self.env._(
                        "The carrier name of %(ticket)s is its carrier's (%(carrier)s): "
                        "choose another carrier to change it.",
                        ticket=ticket.display_name,
                        carrier=ticket.carrier_id.name,
                    )
                )

    # ------------------------------------------------------------------
    def action_refund(self):
        """Odoo's own credit-note flow on the order's last posted invoice; the credit
        note it creates is linked to the ticket."""
        self.ensure_one()
        self.check_access("write")
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(
                self.env._("Refunds are made by people with invoicing rights: ask Accounting.")
            )
        invoice = self.sale_order_id.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        ).sorted(lambda m: (m.invoice_date or fields.Date.today(), m.id))[-1:]
        if not invoice:
            raise UserError(
                self.env._(
                    "The order of %(ticket)s has no posted invoice to refund.",
                    ticket=self.display_name,
                )
            )
        action = self.env["ir.actions.actions"]._for_xml_id(
            "account.action_view_account_move_reversal"
        )
        action["context"] = {
            "active_model": "account.move",
            "active_ids": invoice.ids,
            "default_helpdesk_ticket_id": self.id,
        }
        return action

    def action_reship(self):
        """A replacement delivery of the ticket's product (else of everything shipped)
        to the order's delivery address, linked to the ticket; confirmed and opened
        for the warehouse to adjust and validate."""
        self.ensure_one()
        self.check_access("write")
        if not self.env.user.has_group("stock.group_stock_user"):
            raise AccessError(
                self.env._("Reshipments are made by warehouse users: ask the warehouse.")
            )
        order = self.sale_order_id
        if not order:
            raise UserError(self.env._("Link the ticket to its order first."))
        quantities = defaultdict(float)
        for line in self._shipped_deliveries().move_line_ids:
            if not self.product_id or line.product_id == self.product_id:
                quantities[line.product_id] += line.product_uom_id._compute_quantity(
                    line.quantity, line.product_id.uom_id
                )
        if self.product_id and not any(quantities.values()):
            # a replacement is of what was shipped (outside audit 62, F5)
            raise UserError(
                self.env._(
                    "%(product)s was not shipped with %(order)s: there is nothing of it to reship.",
                    product=self.product_id.display_name,
                    order=order.name,
                )
            )
        if not any(quantities.values()):
            raise UserError(
                self.env._(
                    "Nothing of %(order)s was shipped yet: there is nothing to reship.",
                    order=order.name,
                )
            )
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": order.warehouse_id.out_type_id.id,
                "partner_id": order.partner_shipping_id.id,
                "origin": f"{self.number} ({order.name})",
                "carrier_id": self.carrier_id.id,
                "user_id": False,  # the warehouse's, not the agent's who asked for it
                "helpdesk_ticket_id": self.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                        }
                    )
                    for product, qty in quantities.items()
                    if qty
                ],
            }
        )
        picking.action_confirm()
        self.message_post(
            body=self.env._("Replacement delivery %(picking)s created.", picking=picking.name),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": picking.id,
            "view_mode": "form",
            "name": self.env._("Reshipment"),
        }

    def action_view_refunds(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("account.action_move_out_refund_type")
        action["domain"] = [("helpdesk_ticket_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_refund", "create": False}
        return action

    def action_view_reshipments(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("helpdesk_ticket_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_reply_with_destination_template(self):
        """The answer template for products that do not fit the buyer's country, in
        the buyer's language."""
        self.ensure_one()
        template = self.env.ref(
            "crossborder_ops_helpdesk_sale.mail_template_answer_destination",
            raise_if_not_found=False,
        )
        if not template:
            raise UserError(self.env._("The answer template for the destination was deleted."))
        return self._reply_with_templates(template)

    # ------------------------------------------------------------------
    def _answer_attribution(self, state, note):
        # the department answers for what the blame points at now: computed before
        # the answer, so that only a later move of the blame asks it again
        self.flush_recordset(["blame_supplier_id", "blame_carrier_id", "blame_user_id"])
        return super()._answer_attribution(state, note)

    def _close_dispute_todos_later(self):
        """These disputed tickets' blame moved (in a computation, where no message
        may be posted): their to-dos are closed once the change is written, before
        the transaction commits."""
        pending = self.env.cr.precommit.data.setdefault(DISPUTES_MOVED, set())
        if not pending:
            self.env.cr.precommit.add(self.browse()._close_moved_dispute_todos)
        pending.update(self.ids)

    def _close_moved_dispute_todos(self):
        # sudo: the department's answer is read, and the to-do may be another agent's
        ids = self.env.cr.precommit.data.pop(DISPUTES_MOVED, ())
        tickets = self.sudo().browse(ids).exists()
        tickets.filtered(lambda t: t.attribution_state == "pending")._close_dispute_todos()

    def _close_dispute_todos(self):
        """The department's dispute was about a supplier or carrier the ticket no
        longer names: the agent's to-do to review the classification has lost its
        reason (a new cause closes it in crossborder_ops_helpdesk)."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        summaries = in_every_language(self, lambda t: t._classify_summaries()[1:])
        # sudo: the to-do may be another agent's
        activities = self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == todo and a.summary in summaries
        )
        if activities:
            activities.action_feedback(
                feedback=self.env._(
                    "The supplier or carrier to blame changed: the department is asked again."
                )
            )

    @api.model
    def _check_can_link(self, ticket_ids):
        """A credit note or a delivery is linked to a ticket, or taken off it, only by
        someone who may edit the ticket, as its Refund and Reship buttons ask: the
        link changes the ticket's cost of the problem, which counts against the
        department its cause is traced to (whose manager reads the ticket, and does
        not take his department's costs off it)."""
        tickets = self.browse({ticket_id for ticket_id in ticket_ids if ticket_id})
        if tickets and not self.env.su:
            tickets.check_access("read")
            if denied := tickets - tickets._filtered_access("write"):
                raise AccessError(
                    self.env._(
                        "Refunds and reshipments are linked to %(ticket)s, or taken off it, "
                        "by those who may edit the ticket: what they cost counts against the "
                        "department its cause is traced to. Ask its agent.",
                        ticket=denied[0].display_name,
                    )
                )
        return True

    def _not_its_cost(self, record):
        """Why ``record`` (a credit note or a delivery) is no cost of this ticket, in
        words ("" when it is): a refund of its order's invoices (or, reversing no
        invoice, one for the ticket's or its order's customer, not an invoice address
        a marketplace may share between buyers nor a delivery address); a
        replacement delivery to them or the order's delivery address, made since he
        wrote, not one of the order's own deliveries (what was shipped) nor one done
        before he wrote (companies compared)."""
        self.ensure_one()
        order = self.sale_order_id
        reversed_invoice = record._name == "account.move" and record.reversed_entry_id
        if reversed_invoice and order:
            if (
                reversed_invoice in order.invoice_ids
                and record.commercial_partner_id == reversed_invoice.commercial_partner_id
            ):
                return ""
            if reversed_invoice in order.invoice_ids:  # another's note pointed at it
                return self.env._(
                    "%(record)s is for %(partner)s, not for the customer of %(ticket)s: only "
                    "his own refunds and reshipments count in its cost.",
                    record=record.display_name,
                    partner=record.partner_id.display_name or self.env._("no customer"),
                    ticket=self.display_name,
                )
            return self.env._(
                "%(record)s refunds %(invoice)s, not an invoice of %(order)s, the order of "
                "%(ticket)s: only its own refunds count in its cost.",
                record=record.display_name,
                invoice=record.reversed_entry_id.display_name,
                order=order.name,
                ticket=self.display_name,
            )
        if record._name == "stock.picking" and order and record.sale_id == order:
            return self.env._(
                "%(record)s is a delivery of %(order)s, what was shipped, not a reshipment of "
                "%(ticket)s: reship from the ticket.",
                record=record.display_name,
                order=order.name,
                ticket=self.display_name,
            )
        # to the second, as a delivery's date is kept
        opened = self.create_date and self.create_date.replace(microsecond=0)
        if record._name == "stock.picking" and opened and record.create_date < opened:
            return self.env._(
                "%(picking)s was made before the customer wrote (%(ticket)s): it is no "
                "reshipment of the ticket.",
                picking=record.display_name,
                ticket=self.display_name,
            )
        if record._name == "stock.picking" and opened and (record.date_done or opened) < opened:
            return self.env._(
                "%(picking)s was shipped before the customer wrote (%(ticket)s): it is no "
                "reshipment of the ticket.",
                picking=record.display_name,
                ticket=self.display_name,
            )
        # a parcel goes to the order's delivery address; money, to the customer
        buyers = self.partner_id | order.partner_id
        if record._name == "stock.picking":
            buyers |= order.partner_shipping_id
        if record.partner_id.commercial_partner_id not in buyers.commercial_partner_id:
            return self.env._(
                "%(record)s is for %(partner)s, not for the customer of %(ticket)s: only his "
                "own refunds and reshipments count in its cost.",
                record=record.display_name,
                partner=record.partner_id.display_name or self.env._("no customer"),
                ticket=self.display_name,
            )
        return ""

    @api.constrains("partner_id", "sale_order_id")
    def _check_costs_still_its_own(self):
        """A ticket given another customer or order keeps only costs that are still
        its own: given another buyer, linked his refund, and given back, it charged
        its cause with his."""
        # sudo: the ticket's refunds and reshipments are compared, not shown
        linked = [("helpdesk_ticket_id", "in", self.ids)]
        for model in ("account.move", "stock.picking"):
            self.env[model].sudo().search(linked)._check_ticket_customer()

    @api.model
    def _check_cost_not_on_duplicate(self, ticket_ids):
        """A duplicate has no cost of its own: a refund or a reshipment is made from
        the ticket it duplicates, whose cause it is charged to."""
        tickets = self.browse({t for t in ticket_ids if t})
        if not tickets:
            return
        # the tickets' rows are written first, as marking them as duplicates does
        # (``_lock_duplicate_marks``): a reshipment or a refund made while an agent
        # marks its ticket waits for the mark and is refused, or the other way round
        tickets._lock_duplicate_marks(False)
        # sudo: reads the duplicate mark of tickets the caller was checked to read
        duplicates = tickets.sudo().filtered("duplicate_id")
        if duplicates:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is a duplicate of %(original)s: refund or reship from "
                    "%(original)s, whose cause pays for it.",
                    ticket=duplicates[0].display_name,
                    original=duplicates[0].duplicate_id.display_name,
                )
            )

    @api.constrains("duplicate_id")
    def _check_duplicate_without_cost(self):
        """Marked as a duplicate, a ticket would take its refunds and reshipments out
        of the cost of problems (it has no cause)."""
        costly = self.filtered("duplicate_id")._cbo_costly()
        if costly:
            raise ValidationError(
                self.env._(
                    "Ticket %(ticket)s has refunds or reshipments of its own: it is not a "
                    "duplicate, its problem cost the company. Mark the other ticket as the "
                    "duplicate, or keep both.",
                    ticket=costly[0].display_name,
                )
            )

    def _link_sale_order(self):
        """Keep OCA helpdesk_mgmt_sale's list of orders holding the ticket's order."""
        # a ticket without order links nothing (an empty order is "not in" any list)
        for ticket in self.filtered(
            lambda t: t.sale_order_id and t.sale_order_id not in t.sale_order_ids
        ):
            ticket.sale_order_ids = [Command.link(ticket.sale_order_id.id)]

    # --- marketplace intake ---------------------------------------------
    marketplace_reply_to = fields.Char(
        string="Buyer's reply address",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="Where replies to the buyer go: the marketplace's relay address he wrote "
        "from (or the address he gave in the shop's contact form).",
    )
    buyer_photo_count = fields.Integer(
        string="Photos from the buyer",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="Pictures the buyer attached to his messages: evidence for a claim against "
        "the carrier or the supplier.",
    )
    buyer_opted_out = fields.Boolean(
        string="Buyer opted out of messages",
        readonly=True,
        copy=False,
        tracking=True,
        groups=INTERNAL,
        help="The marketplace did not deliver a reply because the buyer opted out of "
        "messages: only replies marked order-critical reach him.",
    )
    reply_order_critical = fields.Boolean(
        string="Next reply is order-critical",
        copy=False,
        groups=INTERNAL,
        help="Tick it before answering about the order itself (delivery, return, refund): "
        "the reply's subject then starts with the channel's tag (Amazon: [Important]), so "
        "that it reaches even a buyer who opted out. Cleared once the reply is sent.",
    )

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        """Mail to a helpdesk alias: read what the marketplace sent. A follow-up
        of an open ticket (same channel and order number) goes into it; an
        auto-reply, a marketplace notice or a 'no response needed' message opens
        no ticket."""
        route = super()._routing_check_route(
            message, message_dict, route, raise_exception=raise_exception
        )
        if not route or route[0] != self._name:
            return route
        model, thread_id, custom_values, uid, alias = route
        intake = self._cbo_read_intake(message, message_dict, custom_values)
        message_dict[INTAKE_KEY] = intake
        if not thread_id:
            thread_id = self._cbo_ticket_of_order(intake).id
        if not thread_id and not intake.is_buyer_message:
            _logger.info(
                "Marketplace message %s from %s opens no ticket (%s)",
                message_dict.get("message_id"),
                message_dict.get("email_from"),
                intake.skip_reason or "opt-out notice without ticket",
            )
            return False
        return (model, thread_id or False, custom_values, uid, alias)

    def _cbo_customer_addresses(self):
        # the marketplace's relay, set from the buyer's own message: replies reach
        # him there (the relay mail carries them)
        addresses = super()._cbo_customer_addresses()
        relay = email_normalize(self.sudo().marketplace_reply_to or "")
        return addresses | {relay} if relay else addresses

    @api.model
    def _cbo_read_intake(self, message, message_dict, custom_values=None):
        """The parser's reading of an incoming e-mail (``message`` is the raw
        e-mail when routing has it, else None: then headers are unknown)."""
        custom_values = custom_values or {}
        headers = {}
        reply_to = ""
        if message is not None:
            headers = {name.lower(): str(value) for name, value in message.items()}
            reply_to = headers.get("reply-to", "")
        team = self.env["helpdesk.ticket.team"].browse(custom_values.get("team_id"))
        company = team.sudo().company_id or self.env.company
        intake = marketplace.parse(
            # the gateway reads every channel's settings, whoever runs it
            self.env["helpdesk.ticket.channel"].sudo()._intake_rules(company),
            sender=message_dict.get("email_from") or "",
            reply_to=reply_to,
            to=message_dict.get("to") or "",
            subject=message_dict.get("subject") or "",
            body=message_dict.get("body") or "",
            headers=headers,
            attachments=[
                marketplace.Attachment(
                    filename=att[0] or "", inline=bool(len(att) > 2 and (att[2] or {}).get("cid"))
                )
                for att in message_dict.get("attachments") or []
            ],
            default_channel_id=custom_values.get("channel_id"),
            # without the raw e-mail (a reply routed by the gateway): what the
            # gateway read from its headers
            auto_headers=None if message is not None else message_dict.get(AUTO_REPLY_KEY, ()),
            auto_subjects=self.env["crossborder.auto.reply.subject"]._prefixes(),
        )
        return self._cbo_checked_intake(intake, company)

    @api.model
    def _cbo_checked_intake(self, intake, company):
        """The order number a message quotes binds it to the order, its buyer and
        his open ticket only when the marketplace answers for the sender (its
        relay, its notices) or when replies go to the order's buyer's own address:
        order numbers are on parcels, invoices and screenshots, anyone can quote
        one. Otherwise the number is set aside (``unverified_order_ref``) for the
        agent, who checks the sender and links the order by hand."""
        if intake.marketplace_vouched:
            return self._cbo_checked_relay(intake, company)
        if not intake.order_ref:
            return intake
        sender = email_normalize(intake.relay_address or "")
        order = self._cbo_order_of(intake.order_ref, company)
        if sender and sender == email_normalize(order.partner_id.email or ""):
            return intake
        return dataclasses.replace(intake, order_ref=None, unverified_order_ref=intake.order_ref)

    @api.model
    def _cbo_checked_relay(self, intake, company):
        """A relay answers for who writes, not for the order he quotes: a buyer
        typed another buyer's order number above the footer of his own, got her
        order, her country and the agent's replies about her parcel, and wrote
        into her open ticket (outside audit 77, H1). The marketplace's message
        binds the order it is about only: not when it quotes several, nor one
        whose buyer writes from another relay (her earlier tickets, the address
        on the order). A relay the order does not know yet binds it only when
        the marketplace names the order in the subject it writes (the channel's
        subject pattern, with no other number in it): the first
        stranger to type an order's number in his text took the order, and its
        buyer, writing next, was the one set aside (outside audit 78, H1). The
        numbers are then set aside for the agent, who links the order by hand;
        the relay stays, so that replies reach the sender."""
        if not intake.order_ref:
            return dataclasses.replace(intake, set_aside_refs=intake.quoted_refs)
        rule = next(
            (
                rule
                for rule in self.env["helpdesk.ticket.channel"].sudo()._intake_rules(company)
                if rule.channel_id == intake.channel_id
            ),
            None,
        )
        relay = email_normalize(intake.relay_address or "")
        if not (rule and marketplace.is_buyer_relay(rule, relay)):
            return intake  # the marketplace's notice (an opt-out), not a buyer's relay
        order = self._cbo_order_of(intake.order_ref, company)
        about = Domain("marketplace_order_ref", "=", intake.order_ref)
        if order:
            about |= Domain("sale_order_id", "=", order.id)
        # sudo, without archived ones left out: every ticket of the order counts
        earlier = (
            self.sudo()
            .with_context(active_test=False)
            .search(about & Domain("marketplace_reply_to", "!=", False))
        )
        known = {email_normalize(address) for address in earlier.mapped("marketplace_reply_to")}
        address = email_normalize(order.partner_id.email or "")
        if address and marketplace.is_buyer_relay(rule, address):
            known.add(address)
        # an order it does not know (nor imported yet: its ticket would make the
        # sender its known relay) only as the marketplace names it in the subject
        # it writes (outside audit 79, H1 and L2)
        if relay in known or not known and intake.order_ref_in_subject:
            return intake
        return dataclasses.replace(intake, order_ref=None, set_aside_refs=(intake.order_ref,))

    def _cbo_note_set_aside(self, intake):
        """Tell the agent which order numbers the marketplace's message quoted,
        and why the ticket is not linked to them."""
        if not intake.set_aside_refs:
            return
        orders = ", ".join(intake.set_aside_refs)
        if len(intake.set_aside_refs) > 1:
            body = self.env._(
                "This message quotes several orders (%(orders)s) and was linked to none: "
                "link the one the buyer wrote about by hand.",
                orders=orders,
            )
        else:
            body = self.env._(
                "This message quotes order %(orders)s, which was not linked to the ticket: "
                "the marketplace does not name that order's buyer by this address. Check who "
                "wrote before you link the order by hand.",
                orders=orders,
            )
        for ticket in self:
            ticket.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _cbo_note_unverified_order(self, intake):
        """Tell the agent which order number the message quoted, and why the
        ticket is not linked to it."""
        if not intake.unverified_order_ref:
            return
        for ticket in self:
            ticket.message_post(
                body=self.env._(
                    "This message quotes order %(order)s, which was not linked to the "
                    "ticket: the sender is neither the marketplace nor the order's buyer. "
                    "Check who wrote before you link the order by hand.",
                    order=intake.unverified_order_ref,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _cbo_note_other_order(self, order_ref):
        """Tell the agent that a message quotes an order number that is not the
        ticket's order, which stays linked."""
        if order_ref in (self.sale_order_id.name, self.sale_order_id.client_order_ref):
            return
        self.message_post(
            body=self.env._(
                "This message quotes order %(quoted)s; the ticket stays on %(order)s. Move "
                "it to the quoted order by hand if the buyer wrote about that one.",
                quoted=order_ref,
                order=self.sale_order_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _cbo_ticket_of_order(self, intake):
        """The ticket a message without thread headers continues: the latest of
        its channel and order number, still open (or any, for an opt-out notice
        that answers a reply just sent)."""
        if not (intake.channel_id and intake.order_ref):
            return self.browse()
        domain = [
            ("channel_id", "=", intake.channel_id),
            ("marketplace_order_ref", "=", intake.order_ref),
        ]
        if not intake.optout_bounce:
            domain.append(("stage_id.closed", "=", False))
        # routing sees every buyer's tickets, whatever the gateway user may read
        return self.sudo().search(domain, order="id desc", limit=1)

    @api.model
    def _cbo_order_of(self, order_ref, company):
        if not order_ref:
            return self.env["sale.order"]
        return (
            self.env["sale.order"]
            .sudo()  # the gateway links any buyer's order
            .search(
                [
                    ("company_id", "=", company.id),
                    "|",
                    ("client_order_ref", "=", order_ref),
                    ("name", "=", order_ref),
                ],
                order="id desc",
                limit=1,
            )
        )

    @api.model
    def _cbo_new_ticket_values(self, intake, custom_values):
        """Channel, order number, buyer, country and language of a new ticket."""
        values = {"buyer_photo_count": intake.image_count}
        channel = self.env["helpdesk.ticket.channel"].browse(intake.channel_id).sudo()
        if intake.channel_id:
            values["channel_id"] = intake.channel_id
        if intake.unverified_order_ref:
            # an order number from a sender neither the marketplace nor its buyer:
            # no relay (which agents cannot change); the contact is who replies
            # reach, not who the From header claims (a buyer's address, forged)
            author = intake.relay_address and self._partner_find_from_emails_single(
                [intake.relay_address], no_create=True
            )
            values["partner_id"] = author.id if author else False
            values["partner_email"] = intake.relay_address or False
            return values
        # plain e-mail to a team (no channel recognised) keeps the helpdesk's ways
        if intake.relay_address and channel and channel.reply_by_email:
            values["marketplace_reply_to"] = intake.relay_address
            values["partner_email"] = intake.relay_address
        elif channel and intake.marketplace_vouched:
            # answered in the marketplace's message center: its notice address
            # takes no replies
            values["partner_email"] = False
        if not intake.order_ref:
            return values
        values["marketplace_order_ref"] = intake.order_ref
        team = self.env["helpdesk.ticket.team"].browse(custom_values.get("team_id"))
        company = team.sudo().company_id or self.env.company
        order = self._cbo_order_of(intake.order_ref, company)
        if not order:
            return values
        buyer = order.partner_id
        lang = (
            self.env["res.lang"]
            .with_context(active_test=False)
            .search([("code", "=", buyer.lang)], limit=1)
            if buyer.lang
            else False
        )
        if "marketplace_reply_to" not in values:
            # not the notice sender's address: the buyer's own, if the order has it
            values["partner_email"] = buyer.email or False
        values.update(
            partner_id=buyer.id,
            partner_name=buyer.name,
            sale_order_id=order.id,
            buyer_country_id=order._cbo_buyer_country().id,
        )
        if lang:
            values["buyer_lang_id"] = lang.id
        return values

    @api.model
    def message_new(self, msg, custom_values=None):
        intake = msg.pop(INTAKE_KEY, None) or self._cbo_read_intake(None, msg, custom_values)
        values = dict(custom_values or {})
        values.update(self._cbo_new_ticket_values(intake, values))
        if "partner_id" not in values and intake.relay_address and not msg.get("author_id"):
            # the contact form's buyer is in Reply-To, not in From
            author = self._partner_find_from_emails_single([intake.relay_address], no_create=True)
            if author:
                values["partner_id"] = author.id
        ticket = super().message_new(msg, custom_values=values)
        ticket._cbo_note_unverified_order(intake)
        ticket._cbo_note_set_aside(intake)
        return ticket

    def message_update(self, msg, update_vals=None):
        intake = msg.pop(INTAKE_KEY, None) or self._cbo_read_intake(
            None, msg, {"channel_id": self[:1].channel_id.id, "team_id": self[:1].team_id.id}
        )
        update_vals = dict(update_vals or {})
        if intake.optout_bounce:
            # kept as a note: it is the marketplace speaking, not the buyer
            msg["is_internal"] = True
            self._cbo_buyer_opted_out()
        elif not intake.is_buyer_message:
            msg["is_internal"] = True
        elif len(self) == 1:
            # the buyer writing again (not an agent answering by e-mail)
            from_buyer = intake.from_marketplace or (
                email_normalize(intake.relay_address or "") == self.marketplace_reply_to
            )
            if from_buyer and intake.image_count:
                update_vals["buyer_photo_count"] = self.buyer_photo_count + intake.image_count
            # the order number is the buyer's (see _cbo_checked_intake); a ticket
            # with an order keeps it, whatever a message quotes: it is moved by a
            # user, with the user's rules (outside audit 68)
            linked = self.marketplace_order_ref or self.sale_order_id
            if from_buyer and intake.order_ref and not linked:
                update_vals["marketplace_order_ref"] = intake.order_ref
            elif self.sale_order_id and not self.marketplace_order_ref:
                for order_ref in (intake.order_ref,) if intake.order_ref else intake.set_aside_refs:
                    self._cbo_note_other_order(order_ref)
            if not self.marketplace_order_ref:
                self._cbo_note_unverified_order(intake)
            if not linked:
                self._cbo_note_set_aside(intake)
        return super().message_update(msg, update_vals=update_vals)

    def _cbo_opted_out_summaries(self):
        return (self.env._("Buyer opted out of messages"),)

    def _cbo_buyer_opted_out(self):
        """Flag the tickets and tell their agent that replies no longer arrive (once:
        the marketplace bounces every reply until one is order-critical)."""
        new = self.filtered(lambda ticket: not ticket.buyer_opted_out)
        self.buyer_opted_out = True
        for ticket in new:
            ticket.message_post(
                body=self.env._(
                    "The marketplace did not deliver the last reply: the buyer opted out of "
                    "messages. Only replies marked order-critical reach him now."
                ),
                subtype_xmlid="mail.mt_note",
            )
            agent = ticket.user_id or ticket.team_id.user_id
            if agent:
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self._cbo_opted_out_summaries()[0],
                    note=self.env._(
                        "Answer about the order with 'Next reply is order-critical' ticked, "
                        "or through the marketplace."
                    ),
                    user_id=agent.id,
                )
        return True

    def _cbo_close_opted_out_todos(self):
        """The agent answered the buyer who opted out (an order-critical reply), or
        the ticket closed: the to-do telling him how has lost its reason."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        summaries = in_every_language(self, lambda t: t._cbo_opted_out_summaries())
        # sudo: the to-do is the ticket agent's, closed by whoever answered
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == todo and a.summary in summaries
        ).action_feedback(feedback=self.env._("The buyer got an order-critical answer."))

    def message_post(self, **kwargs):
        if len(self) == 1 and self._cbo_is_reply_to_buyer(kwargs):
            kwargs = self._cbo_marketplace_reply_values(kwargs)
            message = super().message_post(**kwargs)
            if self.sudo().reply_order_critical:
                # the tick is used up by the reply it marked, which reached the buyer
                self.sudo().reply_order_critical = False
                self._cbo_close_opted_out_todos()
            return message
        return super().message_post(**kwargs)

    def _cbo_is_reply_to_buyer(self, kwargs):
        """An agent's public answer on a ticket that has a buyer relay address."""
        if kwargs.get("message_type", "notification") != "comment":
            return False
        if not self.env.user._is_internal() or self.env.user == self.env.ref("base.user_root"):
            return False
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        subtype = kwargs.get("subtype_id") or (
            self.env["ir.model.data"]._xmlid_to_res_id(kwargs["subtype_xmlid"])
            if kwargs.get("subtype_xmlid")
            else False
        )
        # the relay is an internal field: agents reply, the check reads it for them
        return subtype == comment and bool(self.sudo().marketplace_reply_to)

    def _cbo_marketplace_reply_values(self, kwargs):
        """To the relay address, from the address the marketplace accepts, with
        the order-critical tag when the agent ticked it."""
        ticket = self.sudo()  # channel settings and relay, read for the replying agent
        channel = ticket.channel_id
        kwargs = dict(kwargs)
        relay = ticket.marketplace_reply_to
        already = marketplace.addresses(kwargs.get("outgoing_email_to") or "")
        if relay not in already:
            kwargs["outgoing_email_to"] = ",".join(
                filter(None, [kwargs.get("outgoing_email_to"), relay])
            )
        if channel.reply_from_email and not kwargs.get("email_from"):
            kwargs.setdefault("author_id", self.env.user.partner_id.id)
            kwargs["email_from"] = formataddr(
                (ticket.company_id.name or "", channel.reply_from_email)
            )
        tag = channel.critical_subject_tag
        if ticket.reply_order_critical and tag:
            subject = kwargs.get("subject") or ticket.name or ""
            if not subject.startswith(tag):
                kwargs["subject"] = f"{tag} {subject}"
        return kwargs

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """A marketplace buyer is reached through his relay address only: the
        order's customer record may hold an address the marketplace forbids."""
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        if len(self) != 1 or not recipients:
            return recipients
        ticket = self.sudo()  # who the buyer is decides where mail may go
        relay = ticket.marketplace_reply_to
        buyer = ticket.partner_id.commercial_partner_id
        if not relay or not buyer:
            return recipients
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse([r["id"] for r in recipients if r["id"] and r.get("share")])
        )
        hidden = set(partners.filtered(lambda p: p.commercial_partner_id == buyer).ids)
        kept = [
            r for r in recipients if not (r["id"] in hidden and r.get("email_normalized") != relay)
        ]
        if any(r["id"] and r.get("email_normalized") == relay for r in kept):
            # the relay is also a contact (a suggested recipient the agent ticked): once
            kept = [r for r in kept if r["id"] or r.get("email_normalized") != relay]
        return kept

    @api.model
    def _cbo_relay_mail_values(self, vals_list):
        """E-mails about marketplace tickets (``mail.mail`` values, changed in
        place) that Odoo builds itself, past ``_notify_get_recipients``: the
        stage's e-mail, a template sent, an e-mail to several tickets at once.
        The buyer's contacts leave the recipients and his addresses To and Cc;
        the relay gets the e-mail instead."""
        ids = {vals.get("res_id") for vals in vals_list if vals.get("model") == self._name} - {
            None,
            False,
        }
        if not ids:
            return
        # sudo: the relay and the buyer decide where mail may go, whoever sends it
        tickets = {t.id: t for t in self.sudo().browse(ids).filtered("marketplace_reply_to")}
        for vals in vals_list:
            ticket = vals.get("model") == self._name and tickets.get(vals.get("res_id"))
            if ticket:
                self._cbo_relay_one_mail(ticket, vals)

    @api.model
    def _cbo_relay_one_mail(self, ticket, vals):
        relay = ticket.marketplace_reply_to
        buyer = ticket.partner_id.commercial_partner_id
        partner_ids = []
        for command in vals.get("recipient_ids") or []:
            if command[0] == Command.LINK:
                partner_ids.append(command[1])
            elif command[0] == Command.SET:
                partner_ids = list(command[2])
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        hidden = partners.filtered(
            lambda p: buyer and p.commercial_partner_id == buyer and p.email_normalized != relay
        )
        private = {
            email_normalize(email)
            for email in (buyer | buyer.child_ids | hidden).mapped("email")
            if email
        } - {relay, False}
        changed = bool(hidden)
        for field in ("email_to", "email_cc"):
            kept = [
                address
                for address in marketplace.addresses(vals.get(field) or "")
                if email_normalize(address) not in private
            ]
            if len(kept) != len(marketplace.addresses(vals.get(field) or "")):
                vals[field] = ",".join(kept)
                changed = True
        if not changed:
            return
        vals["recipient_ids"] = [Command.set((partners - hidden).ids)]
        if relay not in marketplace.addresses(vals.get("email_to") or ""):
            vals["email_to"] = ",".join(filter(None, [vals.get("email_to"), relay]))

    def _message_add_suggested_recipients(self, force_primary_email=False):
        """Do not suggest the order's customer record to a marketplace buyer's
        reply: he is reached through the relay, which every reply goes to."""
        suggested = super()._message_add_suggested_recipients(
            force_primary_email=force_primary_email
        )
        # sudo: the relay and the buyer are read to clean a suggestion, nothing is shown
        for ticket in self.sudo().filtered("marketplace_reply_to"):
            buyer = ticket.partner_id.commercial_partner_id
            values = suggested.get(ticket.id)
            if buyer and values:
                values["partners"] = values["partners"].filtered(
                    lambda p, b=buyer, r=ticket.marketplace_reply_to: (
                        p.commercial_partner_id != b or p.email_normalized == r
                    )
                )
        return suggested

    @api.model
    def _cbo_demo_intake(self, path, custom_values):
        """Demo: a marketplace e-mail (an .eml file of an addon) through the mail
        gateway, whatever the database's alias domain."""
        with file_open(path, "rb") as eml:
            ticket_id = self.env["mail.thread"].message_process(
                self._name, eml.read(), custom_values=custom_values
            )
        return ticket_id or False

    # --- end marketplace intake ---------------------------------------------

    def _values_from_order(self, langs):
        """What the ticket takes from its order where it has nothing yet: the buyer,
        his country (of the delivery address) and language, the product when the
        order has only one. ``langs``: {code: res.lang} of the buyers."""
        self.ensure_one()
        order = self.sale_order_id
        if not order:
            return {}
        values = {}
        buyer = order.partner_id
        if not self.partner_id:
            values["partner_id"] = buyer.id
            if not self.partner_name:
                values["partner_name"] = buyer.name
            if not self.partner_email and buyer.email:
                values["partner_email"] = buyer.email
        country = order._cbo_buyer_country()
        if not self.buyer_country_id and country:
            values["buyer_country_id"] = country.id
        if not self.buyer_lang_id and langs.get(buyer.lang):
            values["buyer_lang_id"] = langs[buyer.lang].id
        products = order.order_line.filtered(lambda line: not line.display_type).product_id
        products = products.filtered(lambda p: p.type != "service")
        if not self.product_id and len(products) == 1:
            values["product_id"] = products.id
        return values

    def _fill_from_order(self):
        tickets = self.filtered("sale_order_id")
        langs = tickets._buyer_langs()
        batches = defaultdict(lambda: self.browse())
        for ticket in tickets:
            values = ticket._values_from_order(langs)
            if values:
                batches[tuple(sorted(values.items()))] |= ticket
        for values, batch in batches.items():
            batch.write(dict(values))

    def _buyer_langs(self):
        """{code: res.lang} of the buyers of the tickets' orders, active or not (the
        agent is told when the buyer's language is not active)."""
        codes = set(self.sale_order_id.partner_id.mapped("lang")) - {False}
        if not codes:
            return {}
        Lang = self.env["res.lang"].with_context(active_test=False)
        return {lang.code: lang for lang in Lang.search([("code", "in", list(codes))])}

    def _product_vendors(self):
        """The vendors of the ticket's product for its company, main vendor first
        (commercial partners)."""
        self.ensure_one()
        product = self.product_id
        sellers = product.product_tmpl_id.seller_ids.filtered(
            lambda s: (not s.product_id or s.product_id == product)
            and s.company_id in (self.company_id, self.env["res.company"])
        ).sorted(lambda s: (s.sequence, s.id))
        return sellers.partner_id.commercial_partner_id

    def _shipped_deliveries(self):
        """The done deliveries of the ticket's order, else of the order a manager
        took off: the carrier and who shipped stay theirs until the right order is
        linked (outside audit 67)."""
        self.ensure_one()
        order = self.sale_order_id or self.removed_order_id
        return order.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "done"
        )

    def _shipping_delivery(self):
        """The done delivery that shipped the ticket's product (else the last one)."""
        self.ensure_one()
        deliveries = self._shipped_deliveries()
        chosen = shipping_delivery(
            [
                {
                    "id": p.id,
                    "date_done": p.date_done,
                    "product_ids": set(p.move_ids.product_id.ids),
                }
                for p in deliveries
            ],
            self.product_id.id,
            self.create_date and self.create_date.replace(microsecond=0),  # as deliveries
        )
        return deliveries.browse(chosen["id"]) if chosen else deliveries.browse()

    def _goods_cost(self, picking, company):
        """Products of a done delivery at their cost, in the company's currency."""
        total = 0.0
        for move in picking.move_ids.filtered(lambda m: m.state == "done"):
            product = move.product_id.with_company(company)
            qty = move.product_uom._compute_quantity(move.quantity, product.uom_id)
            total += qty * product.standard_price
        return total

    @api.model
    def _crossborder_sale_demo_story(self):
        """Demo: two shipped marketplace orders, their tickets with a cause, a
        reshipment and a refund; a pre-sales question about a plug."""
        ref = self.env.ref
        prefix = "crossborder_ops_helpdesk_sale."
        lamp = ref(prefix + "product_desk_lamp_demo")
        kettle = ref(prefix + "product_kettle_uk_demo")
        carrier = ref(prefix + "delivery_carrier_yunexpress_demo")
        uk_buyer = ref(prefix + "res_partner_buyer_uk_demo")
        us_buyer = ref(prefix + "res_partner_buyer_us_demo")
        team = ref("crossborder_ops_helpdesk.team_store_demo")
        amazon = ref("crossborder_ops_helpdesk.channel_amazon")
        ebay = ref("crossborder_ops_helpdesk.channel_ebay")
        stock = ref("stock.stock_location_stock")
        if self.env["sale.order"].search_count([("client_order_ref", "=", "204-3344556-1122334")]):
            return True  # told once
        for product in lamp | kettle:
            self.env["stock.quant"]._update_available_quantity(product, stock, 50.0)
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": uk_buyer.id,
                    "client_order_ref": "204-3344556-1122334",
                    "carrier_id": carrier.id,
                    "order_line": [
                        Command.create({"product_id": lamp.id, "product_uom_qty": 2}),
                        Command.create({"product_id": kettle.id, "product_uom_qty": 1}),
                    ],
                },
                {
                    "partner_id": us_buyer.id,
                    "client_order_ref": "12-11223-34455",
                    "carrier_id": carrier.id,
                    "order_line": [Command.create({"product_id": kettle.id, "product_uom_qty": 1})],
                },
            ]
        )
        orders.action_confirm()
        trackings = ("YT2611023344556", "YT2611029988776")
        for picking, tracking in zip(orders.picking_ids, trackings, strict=True):
            picking.carrier_tracking_ref = tracking
            picking.user_id = ref("base.user_admin")
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
        orders.picking_ids._action_done()
        cause = {
            name: ref(f"crossborder_ops_helpdesk.root_cause_{name}")
            for name in ("packaging_damaged", "logistics_late", "procurement_wrong_spec")
        }
        broken, late, _question, other_model = self.create(
            [
                {
                    "name": "Both lamps arrived broken",
                    "description": "<p>The box was crushed and both lamps are broken.</p>",
                    "team_id": team.id,
                    "channel_id": amazon.id,
                    "category_id": ref("crossborder_ops_helpdesk.category_return_refund").id,
                    "marketplace_order_ref": "204-3344556-1122334",
                    "product_id": lamp.id,
                    "root_cause_id": cause["packaging_damaged"].id,
                },
                {
                    "name": "My kettle is three weeks late",
                    "description": "<p>Tracking has not moved for two weeks.</p>",
                    "team_id": team.id,
                    "channel_id": ebay.id,
                    "category_id": ref("crossborder_ops_helpdesk.category_order_status").id,
                    "marketplace_order_ref": "12-11223-34455",
                    "root_cause_id": cause["logistics_late"].id,
                },
                {
                    "name": "Will this desk lamp work in England?",
                    "description": "<p>Can I plug it in at home in Leeds?</p>",
                    "team_id": team.id,
                    "channel_id": amazon.id,
                    "category_id": ref("crossborder_ops_helpdesk.category_product_question").id,
                    "partner_id": uk_buyer.id,
                    "product_id": lamp.id,
                },
                {
                    "name": "The lamp is not the model in the photos",
                    "description": "<p>No dimmer, and the arm does not fold.</p>",
                    "team_id": team.id,
                    "channel_id": amazon.id,
                    "category_id": ref("crossborder_ops_helpdesk.category_return_refund").id,
                    "marketplace_order_ref": "204-3344556-1122334",
                    "product_id": lamp.id,
                    "root_cause_id": cause["procurement_wrong_spec"].id,
                },
            ]
        )
        reship = self.env["stock.picking"].browse(broken.action_reship()["res_id"])
        for move in reship.move_ids:
            move.quantity = move.product_uom_qty
        reship.move_ids.picked = True
        reship._action_done()
        if self.env["account.journal"].search_count(
            [("type", "=", "sale"), ("company_id", "=", late.company_id.id)], limit=1
        ):
            credit_notes = self.env["account.move"].create(
                [
                    {
                        "move_type": "out_refund",
                        "partner_id": ticket.partner_id.id,
                        "helpdesk_ticket_id": ticket.id,
                        "invoice_line_ids": [
                            Command.create({"name": label, "price_unit": amount, "tax_ids": []})
                        ],
                    }
                    for ticket, label, amount in (
                        (late, "Goodwill refund: late parcel", 10.0),
                        (other_model, "Partial refund: not the model listed", 15.0),
                    )
                ]
            )
            credit_notes.action_post()
        return True

    # --- end order, cost and attribution ---
