# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL, sql


def migrate(cr, version):
    """Before 19.0.2.20.0 a ticket named one classifier whose cause was disputed,
    and a later dispute replaced him: the one named becomes the first of the
    classifiers each dispute now counts for."""
    if not sql.column_exists(cr, "helpdesk_ticket", "attribution_disputed_user_id"):
        return
    cr.execute(
        SQL(
            """
            INSERT INTO helpdesk_ticket_disputed_user_rel (ticket_id, user_id)
            SELECT id, attribution_disputed_user_id FROM helpdesk_ticket
             WHERE attribution_disputed_user_id IS NOT NULL
            ON CONFLICT DO NOTHING
            """
        )
    )
    cr.execute(SQL("ALTER TABLE helpdesk_ticket DROP COLUMN attribution_disputed_user_id"))
