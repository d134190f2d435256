# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID
from odoo.tools import SQL


def migrate(cr, version):
    """Leads made before the upgrade: whoever made a lead typed its address in
    (the best record of it there is), and a lead its customer wrote to
    through the mail gateway, from his contact or his company or, without a
    contact, from the lead's address, has the customer's side on record."""
    cr.execute(
        SQL(
            """
            UPDATE crm_lead SET pool_email_typed_by = create_uid
             WHERE create_uid IS NOT NULL AND create_uid != %s
            """,
            SUPERUSER_ID,
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE crm_lead l SET pool_customer_wrote = TRUE
             WHERE EXISTS (
                   SELECT 1 FROM mail_message m
                     LEFT JOIN res_partner author ON author.id = m.author_id
                     LEFT JOIN res_partner customer ON customer.id = l.partner_id
                    WHERE m.model = 'crm.lead' AND m.res_id = l.id
                      AND m.message_type = 'email' AND m.create_uid = %(system)s
                      AND NOT EXISTS (SELECT 1 FROM res_users u
                                       WHERE u.partner_id = m.author_id AND NOT u.share)
                      AND CASE WHEN customer.id IS NOT NULL
                               THEN author.commercial_partner_id = customer.commercial_partner_id
                               ELSE lower(m.email_from) LIKE '%%' || l.email_normalized || '%%'
                           END)
            """,
            system=SUPERUSER_ID,
        )
    )
