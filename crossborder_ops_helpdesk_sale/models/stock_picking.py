# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# what a done reshipment costs its ticket besides its moves (see
# helpdesk.ticket._compute_problem_cost; the moves guard their own fields)
RESHIP_COST_FIELDS = frozenset({"carrier_price"})
# what the company paid the carrier and which ticket a delivery answers: for the
# company's people, not for the customer reading his own deliveries (sale_stock's
# portal rule), as the ticket's own cost and blame are not his
INTERNAL = "base.group_user"


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "crossborder.ticket.link.mixin"]

    # problem rates per carrier start from the carrier's deliveries
    _cbo_carrier_idx = models.Index("(carrier_id) WHERE carrier_id IS NOT NULL")

    helpdesk_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Ticket",
        index="btree_not_null",
        copy=False,
        check_company=True,
        tracking=True,
        groups=INTERNAL,
        help="The customer-service ticket this replacement delivery answers: once done, "
        "its products at cost and the carrier's price count in the ticket's cost of the "
        "problem.",
    )

    # a reshipment's shipping cost counts in its ticket's cost: who changed it shows
    carrier_price = fields.Float(tracking=True, groups=INTERNAL)

    @api.constrains("helpdesk_ticket_id", "picking_type_id")
    def _check_helpdesk_ticket(self):
        for picking in self:
            if picking.helpdesk_ticket_id and picking.picking_type_code != "outgoing":
                raise ValidationError(
                    self.env._(
                        "Only deliveries to customers are reshipments of a ticket (%(picking)s "
                        "is not one).",
                        picking=picking.display_name,
                    )
                )

    @api.constrains("date_done", "sale_id")
    def _check_still_a_reshipment(self):
        # a reshipment redated before its ticket, or made a delivery of its order
        self._check_ticket_customer()

    def write(self, vals):
        if RESHIP_COST_FIELDS.intersection(vals):
            self._check_can_change_reship_cost()
        if {"user_id", "date_done", "sale_id", "carrier_id"}.intersection(vals) and not self.env.su:
            self._check_can_move_shipper_blame(vals)
        result = super().write(vals)
        if "carrier_id" in vals:
            self._follow_tickets_carrier()
        return result

    def _follow_tickets_carrier(self):
        """The carrier of a ticket with an order is computed from the order's
        deliveries (their carrier, whether they are done): changed in Inventory, the
        tickets' recurrences follow as when the ticket is written."""
        # sudo: the system revises the recurrences of the orders' tickets, whoever
        # changed the delivery
        orders = self.sudo().sale_id
        if orders:
            tickets = (
                self.env["helpdesk.ticket"].sudo().search([("sale_order_id", "in", orders.ids)])
            )
            tickets._follow_recurrence_keys()

    def _create_backorder_picking(self):
        backorder = super()._create_backorder_picking()
        # sudo: the rest of a reshipment stays its ticket's; who validates a part of it
        # (the warehouse) need not edit the ticket
        if ticket := self.sudo().helpdesk_ticket_id:
            backorder.sudo().helpdesk_ticket_id = ticket
        return backorder

    def _check_can_move_shipper_blame(self, vals):
        """Who shipped a parcel, when, and for which order decide whom a ticket's
        warehousing or packaging cause blames (named in the department's feedback):
        once a delivery is done, they are changed, for an order that has tickets,
        by those who may edit its tickets (customer service), not by the
        department that answers for the cause (which then confirmed whom it had
        named, or would once the ticket is classified). Validating a delivery names
        who validated it and when, as before."""
        order_ids = {vals["sale_id"]} if vals.get("sale_id") else set()
        done = self.filtered(
            lambda p: p.state == "done"
            and p.picking_type_code == "outgoing"
            and (
                # an empty Responsible too: whoever wrote first named the packer
                # (outside audit 77, L2)
                ("user_id" in vals and p.user_id.id != (vals["user_id"] or False))
                or (
                    "date_done" in vals
                    and p.date_done
                    and p.date_done != fields.Datetime.to_datetime(vals["date_done"])
                )
                or ("sale_id" in vals and p.sale_id.id != (vals["sale_id"] or False))
                # the carrier a late parcel is blamed on (outside audit 62, F6)
                or ("carrier_id" in vals and p.carrier_id.id != (vals["carrier_id"] or False))
            )
        )
        if done:
            done._check_orders_tickets_editable(order_ids | set(done.sudo().sale_id.ids))

    def _check_orders_tickets_editable(self, order_ids):
        """Refuse changing these done deliveries of ``order_ids`` to whom may not
        edit the orders' tickets (see ``_check_can_move_shipper_blame``)."""
        # sudo: the tickets of these orders, and those these deliveries replace a
        # parcel of, are found to check the caller's right on them
        tickets = (
            self.env["helpdesk.ticket"].sudo().search([("sale_order_id", "in", list(order_ids))])
            | self.sudo().helpdesk_ticket_id
        ).with_env(self.env)
        if denied := (tickets - tickets._filtered_access("write")).sudo()[:1]:
            raise AccessError(
                self.env._(
                    "%(picking)s is a delivery of the order %(ticket)s is about: who shipped it, "
                    "when, by which carrier and for which order may be what its cause blames, "
                    "so now that it is done customer service changes them.",
                    picking=self[:1].name,
                    ticket=denied.display_name,
                )
            )

    def _action_done(self):
        """A delivery nobody was responsible for gets who validated it: a cause of the
        warehousing or packaging link names that person (see the ticket's blame)."""
        result = super()._action_done()
        self._follow_tickets_carrier()
        if self.env.uid != SUPERUSER_ID:
            # sudo: who validated it, as it is validated (the warehouse, who may not
            # name whoever shipped a done delivery afterwards)
            self.sudo().filtered(
                lambda p: p.state == "done" and not p.user_id and p.picking_type_code == "outgoing"
            ).user_id = self.env.user
        return result

    def send_to_shipper(self):
        # sudo: the price a done reshipment's carrier charges comes from the carrier,
        # not from who sends it (the warehouse, who may not edit its ticket); he is
        # checked for his right to send the delivery first
        self.check_access("write")
        return super(StockPicking, self.sudo()).send_to_shipper()

    def _check_can_change_reship_cost(self):
        """What a reshipment carries and the carrier's price count in its ticket's
        cost of the problem: changed by the warehouse (inventory users, who
        validate reshipments) or by someone who may read the ticket; once the
        reshipment is done, by those who may edit its ticket (customer service),
        not by a department its cause judges. Called on every path that changes
        them: the delivery, its moves and move lines."""
        if self.env.su:
            return
        # sudo: which ticket a delivery answers is read to check the caller's right on it
        linked = self.sudo().filtered("helpdesk_ticket_id")
        done = linked.filtered(lambda p: p.state == "done")
        tickets = done.helpdesk_ticket_id.with_env(self.env)
        if frozen := tickets - tickets._filtered_access("write"):
            picking = done.filtered(lambda p: p.helpdesk_ticket_id in frozen)[:1]
            raise AccessError(
                self.env._(
                    "%(picking)s is done and is the reshipment of %(ticket)s: what it carried "
                    "and the carrier's price count in that ticket's cost, so now customer "
                    "service changes them.",
                    picking=picking.name,
                    ticket=picking.helpdesk_ticket_id.display_name,
                )
            )
        if not linked or self.env.user.has_group("stock.group_stock_user"):
            return
        tickets = linked.helpdesk_ticket_id.with_env(self.env)
        hidden = tickets - tickets._filtered_access("read")
        if hidden:
            picking = linked.filtered(lambda p: p.helpdesk_ticket_id in hidden)[:1]
            raise AccessError(
                self.env._(
                    "%(picking)s is the reshipment of a ticket you cannot read: what it "
                    "carries and the carrier's price count in that ticket's cost. The "
                    "warehouse or the ticket's agents change it.",
                    picking=picking.name,
                )
            )
