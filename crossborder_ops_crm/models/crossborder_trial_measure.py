# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

SALES_MEASURES = [
    ("sales_leads_claimed", "Sales: leads claimed from the pool"),
    ("sales_leads_recycled", "Sales: leads recycled (follow-up clock missed)"),
    ("sales_conversions", "Sales: leads won"),
    ("sales_revenue", "Sales: revenue of the leads won"),
]


class CrossborderTrialMeasure(models.Model):
    """The measures of sales, over the trainee's moves in the high-seas pool and
    the leads he won during his trial."""

    _inherit = "crossborder.trial.measure"

    code = fields.Selection(
        selection_add=SALES_MEASURES, ondelete=dict.fromkeys(dict(SALES_MEASURES), "cascade")
    )

    # ------------------------------------------------------------------
    def _sales_rows(self, requests):
        return SQL(", ").join(
            SQL("(%s, %s, %s::timestamp, %s::timestamp)", index, user_id or 0, start, end)
            for index, (user_id, start, end) in enumerate(requests)
        )

    def _sales_event_counts(self, requests, kind, user_column):
        self.env.cr.execute(
            SQL(
                """
                SELECT r.idx, count(e.id)
                  FROM (VALUES %(rows)s) AS r(idx, user_id, date_from, date_to)
             LEFT JOIN crossborder_pool_event e
                    ON e.%(column)s = r.user_id
                   AND e.kind = %(kind)s
                   AND e.date >= r.date_from
                   AND e.date < r.date_to
              GROUP BY r.idx
              ORDER BY r.idx
                """,
                rows=self._sales_rows(requests),
                column=SQL.identifier(user_column),
                kind=kind,
            )
        )
        return [count for _idx, count in self.env.cr.fetchall()]

    def _crossborder_measure_sales_leads_claimed(self, requests):
        counts = self._sales_event_counts(requests, "claim", "to_user_id")
        return [
            (
                float(count),
                count,
                [
                    ("kind", "=", "claim"),
                    ("to_user_id", "=", user_id),
                    ("date", ">=", start),
                    ("date", "<", end),
                ],
            )
            for count, (user_id, start, end) in zip(counts, requests, strict=True)
        ]

    def _crossborder_measure_sales_leads_recycled(self, requests):
        """His leads the pool took back because he let the follow-up clock run out;
        0 means he kept every clock."""
        counts = self._sales_event_counts(requests, "recycle", "from_user_id")
        return [
            (
                float(count),
                count,
                [
                    ("kind", "=", "recycle"),
                    ("from_user_id", "=", user_id),
                    ("date", ">=", start),
                    ("date", "<", end),
                ],
            )
            for count, (user_id, start, end) in zip(counts, requests, strict=True)
        ]

    def _sales_won(self, requests):
        self.env.cr.execute(
            SQL(
                """
                SELECT r.idx, count(l.id), coalesce(sum(l.expected_revenue), 0)
                  FROM (VALUES %(rows)s) AS r(idx, user_id, date_from, date_to)
             LEFT JOIN crm_lead l
                    ON l.user_id = r.user_id
                   AND l.active
                   AND l.won_status = 'won'
                   AND l.date_closed >= r.date_from
                   AND l.date_closed < r.date_to
              GROUP BY r.idx
              ORDER BY r.idx
                """,
                rows=self._sales_rows(requests),
            )
        )
        return [row[1:] for row in self.env.cr.fetchall()]

    @staticmethod
    def _sales_won_domain(user_id, start, end):
        return [
            ("user_id", "=", user_id),
            ("won_status", "=", "won"),
            ("date_closed", ">=", start),
            ("date_closed", "<", end),
        ]

    def _crossborder_measure_sales_conversions(self, requests):
        return [
            (float(count), count, self._sales_won_domain(user_id, start, end))
            for (count, _revenue), (user_id, start, end) in zip(
                self._sales_won(requests), requests, strict=True
            )
        ]

    def _crossborder_measure_sales_revenue(self, requests):
        return [
            (float(revenue), count, self._sales_won_domain(user_id, start, end))
            for (count, revenue), (user_id, start, end) in zip(
                self._sales_won(requests), requests, strict=True
            )
        ]
