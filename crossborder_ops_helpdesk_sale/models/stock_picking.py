# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# what a done reshipment costs its ticket besides its moves (see
# helpdesk.ticket._compute_problem_cost; the moves guard their own fields)
RESHIP_COST_FIELDS = frozenset({"carrier_price"})


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
        help="The customer-service ticket this replacement delivery answers: once done, "
        "its products at cost and the carrier's price count in the ticket's cost of the "
        "problem.",
    )

    # a reshipment's shipping cost counts in its ticket's cost: who changed it shows
    carrier_price = fields.Float(tracking=True)

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
            # sudo: when the ticket was opened, compared and not shown
            opened = picking.sudo().helpdesk_ticket_id.create_date
            if picking.helpdesk_ticket_id and picking.date_done and picking.date_done < opened:
                raise ValidationError(
                    self.env._(
                        "%(picking)s was shipped before the customer wrote (%(ticket)s): it is "
                        "no reshipment of the ticket.",
                        picking=picking.display_name,
                        ticket=picking.sudo().helpdesk_ticket_id.display_name,
                    )
                )

    def write(self, vals):
        if RESHIP_COST_FIELDS.intersection(vals):
            self._check_can_change_reship_cost()
        if "user_id" in vals and not self.env.su:
            self._check_can_rename_shipper(vals["user_id"])
        return super().write(vals)

    def _check_can_rename_shipper(self, user_id):
        """Who shipped a parcel that a ticket's warehousing or packaging cause blames is
        named in the department's feedback: once the delivery is done, he is renamed
        by those who may edit the ticket (customer service), not by the department
        that answers for the cause (which then confirmed what it had renamed)."""
        done = self.filtered(
            lambda p: p.state == "done"
            and p.picking_type_code == "outgoing"
            and p.user_id  # who validated it is named then: no renaming
            and p.user_id.id != user_id
        )
        if not done:
            return
        # sudo: the tickets blaming these deliveries are found to check the caller's right
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search([("sale_order_id", "in", done.sale_id.ids), ("blame_user_id", "!=", False)])
        )
        blaming = tickets.filtered(lambda t: t._shipping_delivery() & done).with_env(self.env)
        if denied := (blaming - blaming._filtered_access("write")).sudo()[:1]:
            raise AccessError(
                self.env._(
                    "%(picking)s shipped what %(ticket)s is about, and its responsible is named "
                    "for the ticket's cause: customer service changes him now that it is "
                    "done.",
                    picking=(denied._shipping_delivery() & done).name,
                    ticket=denied.display_name,
                )
            )

    def _action_done(self):
        """A delivery nobody was responsible for gets who validated it: a cause of the
        warehousing or packaging link names that person (see the ticket's blame)."""
        result = super()._action_done()
        if self.env.uid != SUPERUSER_ID:
            self.filtered(
                lambda p: p.state == "done" and not p.user_id and p.picking_type_code == "outgoing"
            ).user_id = self.env.user
        return result

    def _check_can_change_reship_cost(self):
        """What a reshipment carries and the carrier's price count in its ticket's
        cost of the problem: changed by the warehouse (inventory users, who
        validate reshipments) or by someone who may read the ticket. Called on
        every path that changes them: the delivery, its moves and move lines."""
        if self.env.su or self.env.user.has_group("stock.group_stock_user"):
            return
        # sudo: which ticket a delivery answers is read to check the caller's right on it
        linked = self.sudo().filtered("helpdesk_ticket_id")
        if not linked:
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
