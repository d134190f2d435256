# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def migrate(cr, version):
    """Tickets answered or closed before 19.0.2.7.0 carry the agent who held them
    then as "First answered by" and "Closed by", even when a colleague wrote the
    answer or closed them (a trainee handing his late ticket to a colleague to
    answer it left the late answer on her). Their chatter says who did: the stamps
    are set again from it, where it names one of the company's users. Where it
    does not (the system closed the ticket, the answer came by a way the chatter
    does not show), the stamp stays as it was."""
    # the answer: the last public message of one of the company's users (not the
    # ticket's own customer) up to the first response the ticket recorded, which
    # that message set
    cr.execute(
        SQL(
            """
            WITH answer AS (
                SELECT DISTINCT ON (t.id) t.id AS ticket_id, u.id AS user_id
                  FROM helpdesk_ticket t
                  JOIN mail_message m
                    ON m.model = 'helpdesk.ticket' AND m.res_id = t.id
                   AND m.message_type IN ('comment', 'email')
                   AND NOT coalesce(m.is_internal, FALSE)
                   AND m.date <= t.first_response_date + interval '1 minute'
                   AND m.author_id IS DISTINCT FROM t.partner_id
                  JOIN mail_message_subtype st
                    ON st.id = m.subtype_id AND NOT coalesce(st.internal, FALSE)
                  JOIN res_users u
                    ON u.partner_id = m.author_id AND NOT u.share AND u.id != %(root)s
                 WHERE t.first_response_date IS NOT NULL
                 ORDER BY t.id, m.date DESC, m.id DESC, u.id
            )
            UPDATE helpdesk_ticket t
               SET first_response_user_id = answer.user_id
              FROM answer
             WHERE t.id = answer.ticket_id
               AND t.first_response_user_id IS DISTINCT FROM answer.user_id
            """,
            root=1,
        )
    )
    # the closing: the first move to a closed stage the chatter tracked, when one
    # of the company's users made it (not the system, not the customer)
    cr.execute(
        SQL(
            """
            WITH closing AS (
                SELECT DISTINCT ON (m.res_id) m.res_id AS ticket_id,
                       (SELECT min(u.id) FROM res_users u
                         WHERE u.partner_id = m.author_id AND NOT u.share
                           AND u.id != %(root)s) AS user_id
                  FROM mail_tracking_value v
                  JOIN ir_model_fields f
                    ON f.id = v.field_id AND f.model = 'helpdesk.ticket' AND f.name = 'stage_id'
                  JOIN helpdesk_ticket_stage s ON s.id = v.new_value_integer AND s.closed
                  JOIN mail_message m ON m.id = v.mail_message_id AND m.model = 'helpdesk.ticket'
                 ORDER BY m.res_id, m.date, m.id
            )
            UPDATE helpdesk_ticket t
               SET closed_by_id = closing.user_id
              FROM closing
             WHERE t.id = closing.ticket_id
               AND closing.user_id IS NOT NULL
               AND t.closed_by_id IS DISTINCT FROM closing.user_id
            """,
            root=1,
        )
    )
