# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

from odoo.addons.crossborder_ops_helpdesk.monitor.recurrence import carrier_key

# where a shipped order line (a done outgoing stock move of a sale line) keeps
# each dimension of a recurrence: product, delivery address country, carrier
SHIPMENT_COLUMNS = {
    "product": SQL.identifier("move", "product_id"),
    "carrier": SQL.identifier("picking", "carrier_id"),
    "country": SQL.identifier("address", "country_id"),
}


class CrossborderRecurrence(models.Model):
    _inherit = "crossborder.recurrence"

    @api.model
    def _cbo_recurrence_opportunities(self, company, keys, periods):
        """Shipped order lines (outgoing deliveries done, one stock move per sale
        line and delivery) per key and period: one grouped query per set of
        dimensions. ``periods`` follow each other (each starts where the previous
        one stops). A company that never shipped an order from Odoo (its sales
        happen elsewhere) has no rates: None, and the customer-service rules apply
        (fixed count, weekly counts).

        SQL, because it runs on each classification that reaches the fixed count
        over up to a year of shipments (bench/helpdesk/bench_rates.py); the
        indexes of stock.move in this addon serve it from the index alone."""
        if not periods:
            return {}
        outgoing = (
            self.env["stock.picking.type"]
            .sudo()  # rates count every shipment of the company, whoever classifies
            .with_context(active_test=False)
            .search([("code", "=", "outgoing")])
            .ids
        )
        self.env["stock.move"].flush_model(
            ["state", "sale_line_id", "company_id", "picking_type_id", "date", "product_id"]
        )
        self.env["stock.picking"].flush_model(["carrier_id", "partner_id"])
        starts = [start for start, _stop in periods]
        carrier_names = self._cbo_carrier_names(keys)
        result = {key: [0] * len(periods) for key in keys}
        by_dimensions = {}
        for key in keys:
            by_dimensions.setdefault(tuple(dimension for dimension, _value in key), []).append(key)
        for dimensions, group in by_dimensions.items():
            conditions = []
            for position, dimension in enumerate(dimensions):
                values = {key[position][1] for key in group}
                if dimension == "carrier":
                    values = {cid for cid, name in carrier_names.items() if name in values}
                conditions.append(SQL("%s = ANY(%s)", SHIPMENT_COLUMNS[dimension], list(values)))
            # the window of each shipped line: its number among ``periods`` (from 1)
            groups = [SHIPMENT_COLUMNS[dimension] for dimension in dimensions]
            groups.append(SQL("width_bucket(move.date, %s::timestamp[])", starts))
            self.env.cr.execute(
                SQL(
                    """
                    SELECT %(groups)s, count(*)
                      FROM stock_move move
                      %(joins)s
                     WHERE move.state = 'done'
                       AND move.sale_line_id IS NOT NULL
                       AND move.company_id = %(company)s
                       AND move.picking_type_id = ANY(%(outgoing)s)
                       AND move.date >= %(start)s AND move.date < %(stop)s
                       %(conditions)s
                     GROUP BY %(groups)s
                    """,
                    joins=self._cbo_shipment_joins(dimensions),
                    company=company.id,
                    outgoing=outgoing,
                    start=periods[0][0],
                    stop=periods[-1][1],
                    conditions=SQL("").join(SQL(" AND %s", c) for c in conditions),
                    groups=SQL(", ").join(groups),
                )
            )
            wanted = set(group)
            for *values, bucket, count in self.env.cr.fetchall():
                key = tuple(
                    (dimension, carrier_names.get(value) if dimension == "carrier" else value)
                    for dimension, value in zip(dimensions, values, strict=True)
                )
                if key in wanted:
                    result[key][bucket - 1] += count
        if any(any(counts) for counts in result.values()) or self._cbo_ever_shipped(
            company, outgoing
        ):
            return result
        return None

    @api.model
    def _cbo_shipment_joins(self, dimensions):
        joins = []
        if {"carrier", "country"} & set(dimensions):
            joins.append(SQL("JOIN stock_picking picking ON picking.id = move.picking_id"))
        if "country" in dimensions:
            joins.append(SQL("JOIN res_partner address ON address.id = picking.partner_id"))
        return SQL(" ").join(joins)

    @api.model
    def _cbo_ever_shipped(self, company, outgoing):
        self.env.cr.execute(
            SQL(
                """
                SELECT 1 FROM stock_move
                 WHERE state = 'done' AND sale_line_id IS NOT NULL
                   AND company_id = %s AND picking_type_id = ANY(%s)
                 LIMIT 1
                """,
                company.id,
                outgoing,
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _cbo_carrier_names(self, keys):
        """{carrier id: name as recurrences compare it} for the carriers named in
        ``keys`` (tickets know the carrier by name)."""
        names = {value for key in keys for dimension, value in key if dimension == "carrier"}
        if not names:
            return {}
        carriers = (
            self.env["delivery.carrier"]
            .sudo()  # a carrier's name, to match the name on tickets
            .with_context(active_test=False)
            .search_fetch([], ["name"])
        )
        keys_by_id = {carrier.id: carrier_key(carrier.name) for carrier in carriers}
        return {cid: key for cid, key in keys_by_id.items() if key in names}
