# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


def stamp_confirmed_orders(cr):
    """Orders confirmed before the first confirmation (and its customer) was
    recorded: their order date and customer, the best record of them there is."""
    cr.execute(
        SQL(
            "UPDATE sale_order SET pool_confirmed_on = date_order "
            "WHERE state = 'sale' AND pool_confirmed_on IS NULL"
        )
    )
    # and whose purchase they are: their customer's company, as it is now
    cr.execute(
        SQL(
            "UPDATE sale_order o SET pool_customer_id = p.commercial_partner_id "
            "FROM res_partner p WHERE p.id = o.partner_id "
            "AND o.pool_confirmed_on IS NOT NULL AND o.pool_customer_id IS NULL"
        )
    )


def post_init_hook(env):
    stamp_confirmed_orders(env.cr)
