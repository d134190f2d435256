# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.orm.models import parse_read_group_spec
from odoo.tools import SQL


class CrossborderRateMixin(models.AbstractModel):
    """Rates that stay right at every grouping level of a pivot or a graph.

    A rate cannot be averaged nor summed: the rate of a product over a year is
    not the mean of its monthly rates. Each rate field listed in ``_cbo_rates``
    is aggregated as ``sum(numerator) * 1000 / sum(denominator)`` over the rows
    of the group, whatever aggregator the client asks for. ``_cbo_trends`` lists
    fields aggregated as the difference of two such rates.
    """

    _name = "crossborder.rate.mixin"
    _description = "Rates per 1,000 in reports"

    # rate field -> (numerator field, denominator field)
    _cbo_rates = {}
    # trend field -> (rate field, previous rate field)
    _cbo_trends = {}

    def _cbo_rate_sql(self, fname, query):
        numerator, denominator = self._cbo_rates[fname]
        return SQL(
            "(SUM(%s) * 1000.0 / NULLIF(SUM(%s), 0))",
            self._field_to_sql(self._table, numerator, query),
            self._field_to_sql(self._table, denominator, query),
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "__count":
            fname = parse_read_group_spec(aggregate_spec)[0]
            if fname in self._cbo_rates:
                # reading the rate field checks it is readable, like the standard path
                self._field_to_sql(self._table, fname, query)
                return self._cbo_rate_sql(fname, query)
            if fname in self._cbo_trends:
                self._field_to_sql(self._table, fname, query)
                current, previous = self._cbo_trends[fname]
                return SQL(
                    "(%s - %s)",
                    self._cbo_rate_sql(current, query),
                    self._cbo_rate_sql(previous, query),
                )
        return super()._read_group_select(aggregate_spec, query)
