# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models
from odoo.tools import float_compare

from .sale_order_line import VALIDATING

# what decides how much a done move delivered to, or took back from, its order's
# customer (sale_stock counts an order's moves by these)
COUNTED_FIELDS = frozenset(
    {
        "state",
        "quantity",
        "product_id",
        "product_uom",
        "sale_line_id",
        "picking_id",
        "location_id",
        "location_dest_id",
        "location_final_id",
        "rule_id",
        "warehouse_id",
        "to_refund",
        "origin_returned_move_id",
    }
)


# what makes a done move deliver to another order or address
RELINKING_FIELDS = frozenset({"sale_line_id", "picking_id", "partner_id"})


class StockMove(models.Model):
    """What an order delivered is counted from its moves: whatever changes them
    (validating, writing their state, quantity, unit, sale line, return marks,
    a new move) is checked against what the order sold (sale.order.line)."""

    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        sold = {vals.get("sale_line_id") for vals in vals_list} - {None, False}
        before = self.env["sale.order.line"].browse(sold)._pool_delivered()
        moves = super().create(vals_list)
        moves.sale_line_id._pool_check_delivered(before)
        moves._pool_check_correcting()  # made done: a return without returning
        moves._pool_check_validated()  # and checked as if validated
        return moves

    def write(self, vals):
        if COUNTED_FIELDS & set(vals) and self.sale_line_id:
            changed_by(self, vals, COUNTED_FIELDS)._pool_check_correcting()
        if "partner_id" in vals and (sold := self.filtered("sale_line_id")):
            # its destination address, as the delivery's (outside audit 26, N2)
            self.env["stock.picking"]._pool_check_addressed(
                changed_by(sold, vals, {"partner_id"}).sale_line_id.order_id,
                self.env["res.partner"].browse(vals["partner_id"]),
            )
        # the line a move is given counts it too (outside audit 25, F1)
        lines = self.sale_line_id | self.sale_line_id.browse(vals.get("sale_line_id"))
        before = lines._pool_delivered()
        result = super().write(vals)
        # a done move written "done" or linked to a line (outside audit 22)
        (lines | self.sale_line_id)._pool_check_delivered(before)
        # written done (outside audit 28, G1), or done and given another line,
        # delivery or address (audit 29, H1, H2): checked as if validated
        if vals.get("state") == "done" or RELINKING_FIELDS & set(vals):
            self._pool_check_validated()
        return result

    def _action_done(self, cancel_backorder=False):
        lines = self.sale_line_id
        before = lines._pool_delivered()
        validating = VALIDATING.set(True)
        try:
            moves = super()._action_done(cancel_backorder=cancel_backorder)
        finally:
            VALIDATING.reset(validating)
        (lines | moves.sale_line_id)._pool_check_delivered(before, validated=True)
        moves._pool_check_validated()
        return moves

    def _pool_check_validated(self):
        """What a validation delivered to an order's customer, or took back
        from him, is his: a return takes back what one of the line's own
        deliveries brought him, from him, as Odoo's return wizard makes it (a
        receipt built by hand, from a vendor or returning another order's
        delivery, counted goods as returned that he never sent back, and gave
        him a credit note: outside audit 26, N1), and the goods go to, or come
        from, the order's addresses (a delivery assembled for another
        customer, or to none, shipped the order's goods to him: audit 27, F2;
        a move written done, or a done one relinked, is checked as validated:
        audits 28 and 29). Its goods really left the warehouse for him, or came
        back from him with the lots or serials the returned delivery brought
        (see _pool_moved; audit 31). Checked as a correction of what was
        delivered to him (see _pool_check_correcting) and a sale to the other
        customer."""
        Lead = self.env["crm.lead"].with_user(self.env.uid)
        if VALIDATING.get() or not Lead._pool_limits_customer_work():
            return  # Odoo's own writes while validating: see _action_done
        # sudo: other orders' moves are compared, not shown
        moves = self.sudo().filtered(lambda move: move.state == "done" and move.sale_line_id)
        deliveries = returns = self.env["stock.move"].sudo()
        for line in moves.sale_line_id._counted_in_full():
            delivered, returned = line._get_outgoing_incoming_moves()  # as sale_stock counts
            deliveries, returns = deliveries | delivered, returns | returned
        unfounded = (moves & returns).filtered(
            lambda move: not (
                move._pool_moved(returned=True)
                and move.origin_returned_move_id.state == "done"
                and move.origin_returned_move_id.sale_line_id == move.sale_line_id
                and move._pool_returns_delivered_lots()
            )
        ) | (moves & deliveries).filtered(lambda move: not move._pool_moved())
        elsewhere = moves.filtered(
            lambda move: (move.picking_id.partner_id | move.partner_id).commercial_partner_id
            - move.sale_line_id.order_id._pool_customers().commercial_partner_id
            # a delivery to no address at all (audit 28, G2)
            or not (move.picking_id.partner_id | move.partner_id)
            and move.location_dest_id._is_outgoing()
        )
        corrected = (unfounded | elsewhere).sale_line_id.order_id
        Lead._pool_check_customer_work(corrected._pool_customers(), work="delivery")
        Lead._pool_check_customer_work(elsewhere.picking_id.partner_id | elsewhere.partner_id)

    def _pool_moved(self, returned=False):
        """Whether a move's goods went from the warehouse to the customer (or
        back from him into the warehouse, ``returned``): sale_stock counts a
        move by its destination, but Odoo moves the stock by its lines, whose
        locations once sent counted goods back to the shelf, took them from a
        vendor, an inventory adjustment or the customers, or to and from the
        inter-company transit, and returned nothing (outside audits 31, A1,
        A2, and 33, B1 to B4)."""

        def ends(record):  # (the warehouse's side, the customer's side)
            ends = (record.location_id.usage, record.location_dest_id.usage)
            return ends[::-1] if returned else ends

        return all(
            ends(record) == ("internal", "customer") for record in [self, *self.move_line_ids]
        )

    def _pool_returns_delivered_lots(self):
        """Whether a return brings back no more of each lot or serial number
        than the delivery it returns brought him, with what its other returns
        brought back (another customer's serial, a lot made up, or twice one
        lot of two delivered counted as returned: outside audits 31, A3, and
        33, B5)."""
        delivery = self.origin_returned_move_id

        def per_lot(moves):
            quantities = defaultdict(float)
            for line in moves.move_line_ids.filtered("lot_id"):
                quantities[line.lot_id] += line.quantity_product_uom
            return quantities

        brought = per_lot(delivery)
        back = per_lot(delivery.returned_move_ids.filtered(lambda move: move.state == "done"))
        rounding = self.product_id.uom_id.rounding
        return all(
            float_compare(quantity, brought[lot], precision_rounding=rounding) <= 0
            for lot, quantity in back.items()
        )

    def _pool_check_correcting(self):
        """A done delivery or return of an order is its customer's history:
        changed afterwards (another product, sale line, destination,
        return mark or a lower quantity) it counts less delivered and can give
        a credit note without a return (outside audit 24, I2). Corrected by a
        salesperson only for a customer he may work, as a sale (crm.lead owns
        the rule)."""
        if done := self.filtered(lambda move: move.state == "done" and move.sale_line_id):
            self.env["crm.lead"].with_user(self.env.uid)._pool_check_customer_work(
                done.sale_line_id.order_id._pool_customers(), work="delivery"
            )


def changed_by(records, vals, names):
    """The records whose value of one of names vals changes: Odoo's own
    writes of the values a record has pass."""
    names = names & set(vals)
    return records.filtered(
        lambda record: any(
            record._fields[name].convert_to_record(
                record._fields[name].convert_to_cache(vals[name], record), record
            )
            != record[name]
            for name in names
        )
    )
