# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.orm.models import parse_read_group_spec
from odoo.tools import SQL


class CrossborderRatioMixin(models.AbstractModel):
    """Ratios that stay right at every grouping level of a pivot or a graph.

    A ratio (a share, a rate, an average per ticket) cannot be averaged over the
    lines of a group: a team's first response is not the mean of its agents', a
    year's problem rate not the mean of its months'. Each field of
    ``_cbo_ratios`` is read, at every grouping level, as
    ``sum(numerator) * scale / sum(denominator)`` over the group's lines,
    whatever aggregator the client asks for."""

    _name = "crossborder.ratio.mixin"
    _description = "Ratios of sums in reports"

    # ratio field -> (numerator field, denominator field, scale)
    _cbo_ratios = {}

    def _cbo_ratio_sql(self, fname, query):
        numerator, denominator, scale = self._cbo_ratios[fname]
        # an amount of lines in several currencies: converted to the current
        # company's, as Odoo converts a monetary sum (sum_currency)
        money = self._fields[numerator].type == "monetary"
        return SQL(
            "(%s * %s / NULLIF(SUM(%s), 0))",
            super()._read_group_select(f"{numerator}:sum_currency", query)
            if money
            else SQL("SUM(%s)", self._field_to_sql(self._table, numerator, query)),
            float(scale),
            self._field_to_sql(self._table, denominator, query),
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "__count":
            fname = parse_read_group_spec(aggregate_spec)[0]
            if fname in self._cbo_ratios:
                # reading the ratio field checks it is readable, like the standard path
                self._field_to_sql(self._table, fname, query)
                return self._cbo_ratio_sql(fname, query)
        return super()._read_group_select(aggregate_spec, query)
