# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def migrate(cr, version):
    """Before 19.0.2.19.0 the trial measures looked, each time, for a message of
    the ticket's current customer: the tickets on which he wrote get the stamp
    that now keeps them counted whoever their customer is later."""
    cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket t
               SET customer_wrote = TRUE
             WHERE EXISTS (SELECT 1 FROM mail_message m
                             JOIN res_partner author ON author.id = m.author_id
                             JOIN res_partner customer ON customer.id = t.partner_id
                            WHERE m.model = 'helpdesk.ticket' AND m.res_id = t.id
                              AND m.message_type IN ('email', 'comment')
                              AND author.commercial_partner_id = customer.commercial_partner_id
                              AND NOT EXISTS (SELECT 1 FROM res_users staff
                                               WHERE staff.partner_id = m.author_id
                                                 AND NOT staff.share))
            """
        )
    )
