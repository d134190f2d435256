# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.crossborder_ops_crm_sale.hooks import stamp_confirmed_orders


def migrate(cr, version):
    """Confirmed orders get whose purchase they are: their customer's company."""
    stamp_confirmed_orders(cr)
