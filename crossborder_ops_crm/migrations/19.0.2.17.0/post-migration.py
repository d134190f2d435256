# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID
from odoo.tools import SQL


def migrate(cr, version):
    """Won leads keep when and for what they were won (the best record of their
    first win there is); a contact's address was set by whoever last changed the
    contact, unless that was the system."""
    cr.execute(
        SQL(
            """
            UPDATE crm_lead SET pool_first_won = date_closed, pool_won_revenue = expected_revenue
             WHERE won_status = 'won' AND pool_first_won IS NULL
            """
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE res_partner SET pool_email_set_by = write_uid
             WHERE email IS NOT NULL AND write_uid IS NOT NULL AND write_uid != %s
            """,
            SUPERUSER_ID,
        )
    )
