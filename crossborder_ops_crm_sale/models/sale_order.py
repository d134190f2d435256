# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import float_compare

# when and for whom an order was first confirmed: the system's, never written by hand
SYSTEM_FIELDS = frozenset(("pool_confirmed_on", "pool_customer_id"))


class SaleOrder(models.Model):
    """A quotation made on a lead, or moved onto one (its Opportunity), is work
    on the lead, like a meeting or an activity: a lead waiting in the high seas
    pool is claimed first (crm.lead._pool_check_attach owns the rule).

    The quotations a waiting lead kept from its earlier owner are its customer:
    they are hidden with it from the salespeople who must claim the lead first
    (crm.lead._pool_masked_query says which leads), although Odoo's "Personal
    Orders" rule lets every salesperson read an order without salesperson."""

    _name = "sale.order"
    _inherit = ["sale.order", "crossborder.hidden.records.mixin"]
    # nor written to: posting on it (which Odoo allows whoever may write the
    # order) e-mailed the hidden customer, made the poster a follower who got
    # his answers, and named him in the reply
    _crossborder_hidden_operations = ("read", "write")

    pool_confirmed_on = fields.Datetime(
        string="First confirmed on",
        readonly=True,
        copy=False,
        help="When the order was first confirmed: when the customer bought, for the sales "
        "pool (a sleeping customer's revival is won by whoever held it then). Cancelled and "
        "confirmed again, it keeps this date; a sales manager correcting the order date "
        "corrects it too.",
    )
    pool_customer_id = fields.Many2one(
        "res.partner",
        string="Bought by",
        readonly=True,
        copy=False,
        help="The customer (company) the order was confirmed for: whose purchase it is for "
        "the sales pool, even if its contact later moves to another company. A sales "
        "manager changing the order's customer corrects it.",
    )

    @api.model
    def _crossborder_hidden_domain(self):
        """Orders on leads whose contact the current salesperson may not see,
        but his own (he made it, he knows the customer). Only salespeople: they
        are whom the pool masks leads from; the warehouse, accounting and the
        portal customer read orders for their own work, as before. None when
        nothing is hidden (sales managers, "All Documents" salespeople)."""
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            return None
        masked = self.env["crm.lead"]._pool_masked_query()
        if masked is None:
            return None
        return Domain("opportunity_id", "in", masked) & Domain("user_id", "!=", self.env.uid)

    def _crossborder_hidden_reason(self):
        return self.env._(
            "This quotation belongs to a lead waiting in the pool: claim the lead to see it."
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(SYSTEM_FIELDS.intersection(vals) for vals in vals_list):
            self._pool_refuse_confirmed_on()
        if not self._pool_dates_orders():
            # made confirmed, as confirmed by the button: dated now (outside audit 84, L2)
            now = fields.Datetime.now()
            vals_list = [
                dict(vals, date_order=now) if vals.get("state") == "sale" else vals
                for vals in vals_list
            ]
        orders = super().create(vals_list)
        # made confirmed: the system's own data keeps its date, a user's is dated now
        confirmed = orders.filtered(lambda order: order.state == "sale")
        if confirmed and self.env.su:
            for date, same in confirmed.grouped("date_order").items():
                same.pool_confirmed_on = date
        elif confirmed:
            confirmed.sudo().pool_confirmed_on = fields.Datetime.now()  # a system field
        confirmed._pool_stamp_customer()
        # checked on the orders made: the lead may come from the values, from
        # the context's default (the lead's New Quotation) or from a copy (sudo:
        # the lead of orders just made, one made for a colleague included)
        self.env["crm.lead"]._pool_check_attach(orders.sudo().opportunity_id.ids)
        # and a customer of a pool working per customer is his salesperson's
        self.env["crm.lead"]._pool_check_customer_work(orders._pool_customers())
        return orders

    def _pool_customers(self):
        """Whom these orders sell to: the customer, and whom they invoice and
        deliver (sudo: the partners are checked, not shown)."""
        orders = self.sudo()
        return orders.partner_id | orders.partner_invoice_id | orders.partner_shipping_id

    def write(self, vals):
        Lead = self.env["crm.lead"]
        if SYSTEM_FIELDS.intersection(vals) and not self.env.su:
            # whose purchase it is too: written, it credited a revival with a sale
            # to another customer (outside audit 87, H1)
            self._pool_refuse_confirmed_on()
        dates_orders = self._pool_dates_orders()
        if vals.get("state") == "sale" and not dates_orders:
            # confirmed by a write of the state, as by the button: dated now
            vals = dict(vals, date_order=fields.Datetime.now())
        elif "date_order" in vals and not dates_orders:
            self._pool_check_confirmed_date(vals["date_order"])
        if "partner_id" in vals and not dates_orders:
            self._pool_check_confirmed_customer(vals["partner_id"])
        # a sales manager's new date of a confirmed order corrects when it was bought
        corrected = (
            self.filtered(lambda order: order.state == "sale")
            if "date_order" in vals and dates_orders and vals.get("state", "sale") == "sale"
            else self.browse()
        )
        confirming = (
            self.filtered(lambda order: order.state != "sale")
            if vals.get("state") == "sale"
            else self.browse()
        )
        if vals.get("opportunity_id"):
            Lead._pool_check_attach([vals["opportunity_id"]])
        if partner_ids := [
            vals[name]
            for name in ("partner_id", "partner_invoice_id", "partner_shipping_id")
            if vals.get(name)
        ]:
            # the customer an order leaves too: a released customer's confirmed
            # order moved to one's own customer grew again (outside audit 20)
            Lead._pool_check_customer_work(
                self._pool_customers() | self.env["res.partner"].browse(partner_ids)
            )
        if vals.get("state") == "sale":
            # a confirmation written directly (RPC write of the state) is a
            # confirmation: the same claim first as action_confirm, whose own
            # write comes here too (managers and the system pass, see there)
            Lead._pool_check_attach(confirming.opportunity_id.ids)
            Lead._pool_check_customer_work(confirming._pool_customers())
        result = super().write(vals)
        # first confirmed: cancelled and confirmed again, an order was bought when it
        # was first confirmed, not after a colleague's claim (outside audit 83, H1)
        first = confirming.sudo().filtered(lambda order: not order.pool_confirmed_on)
        if first:
            first.pool_confirmed_on = fields.Datetime.now()
            first._pool_stamp_customer()
        if corrected:
            corrected.sudo().pool_confirmed_on = vals["date_order"]
        if "partner_id" in vals and dates_orders:
            # a sales manager's new customer corrects whose purchase it is
            self.sudo().filtered("pool_customer_id")._pool_stamp_customer()
        return result

    def _pool_stamp_customer(self):
        """Whose purchase the orders are: their customer's company now, kept when
        a contact of his moves to another company (outside audit 86, H1)."""
        for customer, orders in (
            self.sudo().grouped(lambda order: order.partner_id.commercial_partner_id).items()
        ):
            orders.pool_customer_id = customer

    def _pool_dates_orders(self):
        """Sales managers (and the system) date confirmed orders."""
        return self.env.su or self.env.user.has_group("sales_team.group_sale_manager")

    def _pool_refuse_confirmed_on(self):
        raise AccessError(
            self.env._(
                "When an order was first confirmed, and for whom, is recorded by the system: "
                "a sales manager corrects it with the order date and the customer."
            )
        )

    def _pool_check_confirmed_date(self, value):
        """A confirmed order is dated when it was confirmed: the pool reads that
        date as the customer's purchase (when he bought again closes his revival
        for whoever held it then, and when he last bought says when he sleeps).
        Re-dated after a colleague's claim, it credited her with the sale
        (outside audit 82, H1). Sales managers correct it."""
        date = fields.Datetime.to_datetime(value)
        moved = self.filtered(lambda order: order.state == "sale" and order.date_order != date)
        if moved:
            raise UserError(
                self.env._(
                    "%(order)s is confirmed: its order date is the day it was confirmed, "
                    "when the customer bought. Ask a sales manager to correct it.",
                    order=moved[0].name,
                )
            )

    def _pool_check_confirmed_customer(self, partner_id):
        """An order once confirmed is its customer's purchase: moved to another
        customer (cancelled and set to quotation first, too), it closed that
        customer's revival for whoever moved it, or took the purchase from its
        own customer (outside audit 85, H1). Another contact of the same
        customer is no move. Sales managers correct it."""
        # sudo: when an order was first confirmed is the system's field
        customer = self.env["res.partner"].sudo().browse(partner_id).commercial_partner_id
        moved = self.sudo().filtered(
            lambda order: order.pool_confirmed_on
            and order.partner_id.commercial_partner_id != customer
        )
        if moved:
            raise UserError(
                self.env._(
                    "%(order)s was confirmed: it stays what %(customer)s bought (another "
                    "contact of his may take it). Ask a sales manager to correct it.",
                    order=moved[0].name,
                    customer=moved[0].partner_id.commercial_partner_id.name,
                )
            )

    def _pool_check_lines_kept(self):
        """What an order once confirmed sold stays on it: a line moved to or from
        it changed the purchase after the fact (outside audit 85, H1). Sales
        managers correct it."""
        if self._pool_dates_orders():
            return
        # sudo: when an order was first confirmed is the system's field
        if confirmed := self.sudo().filtered("pool_confirmed_on"):
            raise UserError(
                self.env._(
                    "%(order)s was confirmed: its lines stay on it. Ask a sales manager to "
                    "correct it.",
                    order=confirmed[0].name,
                )
            )

    def _create_invoices(self, grouped=False, final=False, date=None):
        """What was confirmed stays its salesperson's to invoice; more than that
        (a delivered quantity raised through the order's delivery, past its
        lines' own check: outside audit 20) is a sale to the customer, who may
        have gone back to the pool or to a colleague since."""
        beyond = self.order_line.filtered(
            lambda line: not line.display_type
            and float_compare(
                line.qty_to_invoice + line.qty_invoiced,
                line.product_uom_qty,
                precision_rounding=line.product_uom_id.rounding or 0.01,
            )
            > 0
        )
        if beyond:
            self.env["crm.lead"].with_user(self.env.uid)._pool_check_customer_work(
                beyond.order_id._pool_customers()
            )
        return super()._create_invoices(grouped=grouped, final=final, date=date)

    def action_confirm(self):
        """Confirming a quotation is work on its lead (sale_crm raises the
        lead's expected revenue, the lead's sales count it): a lead waiting in
        the pool is claimed first, whatever the amount, by its earlier owner
        too. Managers confirm as before, and so does the customer signing or
        paying online (run as the system)."""
        self.env["crm.lead"]._pool_check_attach(self.opportunity_id.ids)
        return super().action_confirm()
