# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


def migrate(cr, version):
    """A first win names its winner from now on, nobody included: wins recorded
    with a date only (before the winner was recorded, and revivals the nightly
    scan closed) get the salesperson who held the lead then, the one the first
    move after it took it from, else the one holding it now; and the revenue
    they were won for."""
    cr.execute(
        SQL(
            """
            UPDATE crm_lead l
               SET pool_first_won_user_id = CASE WHEN m.lead_id IS NULL THEN l.user_id
                                                 ELSE m.from_user_id END,
                   pool_won_revenue = coalesce(l.pool_won_revenue, l.expected_revenue)
              FROM crm_lead w
         LEFT JOIN LATERAL (
                       SELECT e.lead_id, e.from_user_id
                         FROM crossborder_pool_event e
                        WHERE e.lead_id = w.id AND e.date > w.pool_first_won
                          AND e.from_user_id IS DISTINCT FROM e.to_user_id
                     ORDER BY e.date, e.id
                        LIMIT 1
                   ) m ON true
             WHERE w.id = l.id AND l.won_status = 'won' AND l.pool_first_won IS NOT NULL
               AND l.pool_first_won_user_id IS NULL
            """
        )
    )
