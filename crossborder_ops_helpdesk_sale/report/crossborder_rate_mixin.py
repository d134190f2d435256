# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.orm.models import parse_read_group_spec
from odoo.tools import SQL, unique


def _plain_key(value):
    """Empty values last, as PostgreSQL sorts NULLs in an ascending order."""
    empty = value is None or value is False
    return (empty, 0 if empty else value)


class CrossborderRateMixin(models.AbstractModel):
    """Rates per 1,000 that stay right at every grouping level of a pivot or a
    graph (``_cbo_ratios`` of ``crossborder.ratio.mixin``, scale 1,000).
    ``_cbo_trends`` lists fields aggregated as the difference of two such rates.
    """

    _name = "crossborder.rate.mixin"
    _inherit = ["crossborder.ratio.mixin"]
    _description = "Rates per 1,000 in reports"

    # trend field -> (rate field, previous rate field)
    _cbo_trends = {}

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "__count":
            fname = parse_read_group_spec(aggregate_spec)[0]
            if fname in self._cbo_trends:
                self._field_to_sql(self._table, fname, query)
                current, previous = self._cbo_trends[fname]
                return SQL(
                    "(%s - %s)",
                    self._cbo_ratio_sql(current, query),
                    self._cbo_ratio_sql(previous, query),
                )
        return super()._read_group_select(aggregate_spec, query)

    # ------------------------------------------------------------------
    # groups in their natural order, sorted after grouping
    def _cbo_natural_order(self, order, groupby):
        """Whether ``order`` is the groups' natural order (by the group-by fields,
        ascending) and one of them is a many2one, the case sorted after grouping."""
        if not order:
            return False
        terms = [term.strip() for term in order.split(",") if term.strip()]
        return terms == list(groupby) and any(
            self._fields[parse_read_group_spec(spec)[0]].type == "many2one" for spec in groupby
        )

    def _cbo_sort_groups(self, groupby, rows):
        keys = []
        for index, spec in enumerate(groupby):
            field = self._fields[parse_read_group_spec(spec)[0]]
            if field.type == "many2one":
                ids = list({row[index].id for row in rows if row[index]})
                # the comodel's own order (what the database would have sorted by).
                # sudo: the groups are the caller's, read already; their order needs
                # no right on the comodel (a warehouse manager reads the carrier
                # scorecard without reading carriers' settings), as their names
                ordered = (
                    self.env[field.comodel_name]
                    .sudo()
                    .with_context(active_test=False)
                    .search([("id", "in", ids)])
                    .ids
                )
                rank = {record_id: n for n, record_id in enumerate(ordered)}
                keys.append(
                    lambda value, rank=rank: (
                        not value,
                        rank.get(value.id, len(rank)),
                        value.id or 0,
                    )
                )
            else:
                keys.append(_plain_key)
        return sorted(rows, key=lambda row: tuple(key(row[i]) for i, key in enumerate(keys)))

    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        if not offset and not limit and self._cbo_natural_order(order, groupby):
            rows = super()._read_group(domain, groupby, aggregates, having=having)
            return self._cbo_sort_groups(groupby, rows)
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )

    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        specs = list(unique(spec for grouping_set in grouping_sets for spec in grouping_set))
        if self._cbo_natural_order(order, specs):
            results = super()._read_grouping_sets(domain, grouping_sets, aggregates)
            return [
                self._cbo_sort_groups(grouping_set, rows)
                for grouping_set, rows in zip(grouping_sets, results, strict=True)
            ]
        return super()._read_grouping_sets(domain, grouping_sets, aggregates, order=order)
