# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


def stamp_confirmed_orders(cr):
    """Orders confirmed before the first confirmation was recorded: their order
    date, the best record of it there is."""
    cr.execute(
        SQL(
            "UPDATE sale_order SET pool_confirmed_on = date_order "
            "WHERE state = 'sale' AND pool_confirmed_on IS NULL"
        )
    )


def post_init_hook(env):
    stamp_confirmed_orders(env.cr)
