# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def migrate(cr, version):
    """Tickets the customer closed himself on the portal before 19.0.2.11.0 carry
    their agent as "Closed by": his closings counted them, and their reopenings
    counted against him. Their chatter says who first moved them to a closed stage:
    where it is a portal user (no user of the company), the closing is the
    customer's. Where the chatter names a user of the company or the system, or
    tracked nothing, the stamp stays as it was."""
    cr.execute(
        SQL(
            """
            WITH closing AS (
                SELECT DISTINCT ON (m.res_id) m.res_id AS ticket_id, m.author_id
                  FROM mail_tracking_value v
                  JOIN ir_model_fields f
                    ON f.id = v.field_id AND f.model = 'helpdesk.ticket' AND f.name = 'stage_id'
                  JOIN helpdesk_ticket_stage s ON s.id = v.new_value_integer AND s.closed
                  JOIN mail_message m ON m.id = v.mail_message_id AND m.model = 'helpdesk.ticket'
                 ORDER BY m.res_id, m.date, m.id
            )
            UPDATE helpdesk_ticket t
               SET closed_by_id = NULL, closed_by_customer = TRUE
              FROM closing
             WHERE t.id = closing.ticket_id
               AND NOT coalesce(t.closed_by_customer, FALSE)
               AND EXISTS (SELECT 1 FROM res_users u
                            WHERE u.partner_id = closing.author_id AND u.share)
               AND NOT EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id = closing.author_id AND NOT u.share)
            """
        )
    )
