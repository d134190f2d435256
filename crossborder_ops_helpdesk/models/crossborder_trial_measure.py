# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

CS_MEASURES = [
    ("cs_first_response", "Customer service: first response (median hours)"),
    ("cs_resolution", "Customer service: resolution (median hours)"),
    ("cs_reopen_rate", "Customer service: reopen rate (%)"),
    ("cs_tickets_handled", "Customer service: tickets handled"),
    ("cs_disputes_lost", "Customer service: attributions disputed"),
    ("cs_customer_rating", "Customer service: customer rating"),
]


class CrossborderTrialMeasure(models.Model):
    """The measures of customer service, over the tickets assigned to the trainee
    that were opened during his trial."""

    _inherit = "crossborder.trial.measure"

    code = fields.Selection(
        selection_add=CS_MEASURES, ondelete=dict.fromkeys(dict(CS_MEASURES), "cascade")
    )

    # ------------------------------------------------------------------
    @staticmethod
    def _cs_ticket_domain(user_id, date_from, date_to, *extra):
        return [
            ("user_id", "=", user_id),
            ("create_date", ">=", date_from),
            ("create_date", "<", date_to),
            *extra,
        ]

    def _cs_ticket_stats(self, requests, aggregates):
        """One query for all the requests: ``aggregates`` (SQL over the tickets ``t``
        joined to each request) per request, in the requests' order."""
        rows = SQL(", ").join(
            SQL("(%s, %s, %s::timestamp, %s::timestamp)", index, user_id or 0, start, end)
            for index, (user_id, start, end) in enumerate(requests)
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT r.idx, %(aggregates)s
                  FROM (VALUES %(rows)s) AS r(idx, user_id, date_from, date_to)
             LEFT JOIN helpdesk_ticket t
                    ON t.user_id = r.user_id
                   AND t.active
                   AND t.create_date >= r.date_from
                   AND t.create_date < r.date_to
              GROUP BY r.idx
              ORDER BY r.idx
                """,
                aggregates=SQL(", ").join(aggregates),
                rows=rows,
            )
        )
        return [row[1:] for row in self.env.cr.fetchall()]

    def _crossborder_measure_cs_first_response(self, requests):
        stats = self._cs_ticket_stats(
            requests,
            [
                SQL(
                    "percentile_cont(0.5) WITHIN GROUP (ORDER BY t.first_response_hours) "
                    "FILTER (WHERE t.first_response_date IS NOT NULL)"
                ),
                SQL("count(t.id) FILTER (WHERE t.first_response_date IS NOT NULL)"),
            ],
        )
        return [
            (
                value,
                count,
                self._cs_ticket_domain(user_id, start, end, ("first_response_date", "!=", False)),
            )
            for (value, count), (user_id, start, end) in zip(stats, requests, strict=True)
        ]

    def _crossborder_measure_cs_resolution(self, requests):
        stats = self._cs_ticket_stats(
            requests,
            [
                SQL(
                    "percentile_cont(0.5) WITHIN GROUP (ORDER BY t.resolution_hours) "
                    "FILTER (WHERE t.closed_date IS NOT NULL)"
                ),
                SQL("count(t.id) FILTER (WHERE t.closed_date IS NOT NULL)"),
            ],
        )
        return [
            (
                value,
                count,
                self._cs_ticket_domain(user_id, start, end, ("closed_date", "!=", False)),
            )
            for (value, count), (user_id, start, end) in zip(stats, requests, strict=True)
        ]

    def _crossborder_measure_cs_reopen_rate(self, requests):
        """Share of his tickets of the trial that came back after being closed; the
        records behind it are all his tickets of the trial (the reopened ones show
        their count of reopenings)."""
        stats = self._cs_ticket_stats(
            requests,
            [
                SQL("count(t.id) FILTER (WHERE coalesce(t.reopen_count, 0) > 0)"),
                SQL("count(t.id)"),
            ],
        )
        return [
            (
                round(100.0 * reopened / count, 2) if count else None,
                count,
                self._cs_ticket_domain(user_id, start, end),
            )
            for (reopened, count), (user_id, start, end) in zip(stats, requests, strict=True)
        ]

    def _crossborder_measure_cs_tickets_handled(self, requests):
        stats = self._cs_ticket_stats(requests, [SQL("count(t.id)")])
        return [
            (float(count), count, self._cs_ticket_domain(user_id, start, end))
            for (count,), (user_id, start, end) in zip(stats, requests, strict=True)
        ]

    def _crossborder_measure_cs_disputes_lost(self, requests):
        """His tickets of the trial whose cause the responsible department disputed:
        the classification did not hold."""
        stats = self._cs_ticket_stats(
            requests, [SQL("count(t.id) FILTER (WHERE t.attribution_state = 'disputed')")]
        )
        return [
            (
                float(count),
                count,
                self._cs_ticket_domain(user_id, start, end, ("attribution_state", "=", "disputed")),
            )
            for (count,), (user_id, start, end) in zip(stats, requests, strict=True)
        ]

    def _crossborder_measure_cs_customer_rating(self, requests):
        """Average rating the customers gave to his tickets of the trial (offered only
        where the helpdesk rating application is installed)."""
        stats = self._cs_ticket_stats(
            requests,
            [
                SQL(
                    """(SELECT avg(rr.rating) FROM rating_rating rr
                         WHERE rr.res_model = 'helpdesk.ticket' AND rr.consumed
                           AND rr.rating > 0 AND rr.res_id = ANY(array_agg(t.id)))"""
                ),
                SQL(
                    """(SELECT count(rr.id) FROM rating_rating rr
                         WHERE rr.res_model = 'helpdesk.ticket' AND rr.consumed
                           AND rr.rating > 0 AND rr.res_id = ANY(array_agg(t.id)))"""
                ),
            ],
        )
        return [
            (
                value,
                count,
                self._cs_ticket_domain(
                    user_id,
                    start,
                    end,
                    ("rating_ids.consumed", "=", True),
                    ("rating_ids.rating", ">", 0),
                ),
            )
            for (value, count), (user_id, start, end) in zip(stats, requests, strict=True)
        ]
