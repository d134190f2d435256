# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import api, models

# where a shipped order line (a done outgoing stock move of a sale line) keeps
# each dimension of a recurrence: product, delivery address country, carrier
SHIPMENT_FIELDS = {
    "product": "product_id",
    "country": "picking_id.partner_id.country_id",
    "carrier": "picking_id.carrier_id",
}


class CrossborderRecurrence(models.Model):
    _inherit = "crossborder.recurrence"

    @api.model
    def _cbo_recurrence_opportunities(self, company, keys, periods):
        """Shipped order lines (outgoing deliveries done, one per sale line and
        delivery) per key and period, counted with one grouped query per set of
        dimensions. Periods start and end at midnight (UTC). A company that never
        shipped an order from Odoo (its sales happen elsewhere) has no rates: None,
        and the customer-service rules apply (fixed count, weekly counts)."""
        if not periods:
            return {}
        Move = (
            self.env["stock.move"]
            .sudo()  # rates count every shipment of the company, whoever classifies
            .with_context(tz="UTC")
        )
        shipped = [
            ("company_id", "=", company.id),
            ("state", "=", "done"),
            ("picking_type_id.code", "=", "outgoing"),
            ("sale_line_id", "!=", False),
        ]
        if not Move.search_count(shipped, limit=1):
            return None
        base = shipped + [("date", ">=", periods[0][0]), ("date", "<", periods[-1][1])]
        carrier_names = self._cbo_carrier_names(keys)
        result = {key: [0] * len(periods) for key in keys}
        by_dimensions = {}
        for key in keys:
            by_dimensions.setdefault(tuple(dimension for dimension, _value in key), []).append(key)
        for dimensions, group in by_dimensions.items():
            domain = list(base)
            for position, dimension in enumerate(dimensions):
                values = {key[position][1] for key in group}
                if dimension == "carrier":
                    values = [cid for cid, name in carrier_names.items() if name in values]
                domain.append((SHIPMENT_FIELDS[dimension], "in", list(values)))
            groupby = [SHIPMENT_FIELDS[dimension] for dimension in dimensions] + ["date:day"]
            wanted = set(group)
            for *records, day, count in Move._read_group(domain, groupby, ["__count"]):
                key = tuple(
                    (
                        dimension,
                        carrier_names.get(record.id) if dimension == "carrier" else record.id,
                    )
                    for dimension, record in zip(dimensions, records, strict=True)
                )
                if key not in wanted:
                    continue
                moment = day if isinstance(day, datetime) else datetime.combine(day, time.min)
                for index, (start, stop) in enumerate(periods):
                    if start <= moment < stop:
                        result[key][index] += count
                        break
        return result

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
        return {
            carrier.id: (carrier.name or "").strip().lower()
            for carrier in carriers
            if (carrier.name or "").strip().lower() in names
        }
