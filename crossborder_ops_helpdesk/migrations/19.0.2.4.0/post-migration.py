# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def migrate(cr, version):
    """Tickets closed before 'Closed by' existed: those in a closed stage, and
    those closed once (a closing date, or reopened since). Who closed them was
    not recorded: the reopen rate counts them for their current agent, as the
    trial measure counted them until now."""
    cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket t
               SET closed_by_id = t.user_id
              FROM helpdesk_ticket_stage s
             WHERE s.id = t.stage_id
               AND t.closed_by_id IS NULL
               AND t.user_id IS NOT NULL
               AND (s.closed OR t.closed_date IS NOT NULL OR coalesce(t.reopen_count, 0) > 0)
            """
        )
    )
