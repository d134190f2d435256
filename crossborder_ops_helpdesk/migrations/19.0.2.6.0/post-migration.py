# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def migrate(cr, version):
    """Tickets answered before 'Agent at first response' existed get their current
    agent: who held them at the first answer was not recorded, so the trial
    measure counts them as it did until now."""
    cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket
               SET first_response_user_id = user_id
             WHERE first_response_date IS NOT NULL
               AND first_response_user_id IS NULL
               AND user_id IS NOT NULL
            """
        )
    )
