# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


def migrate(cr, version):
    """Pool events read their company from the lead now: drop the stored copy."""
    cr.execute(SQL("ALTER TABLE crossborder_pool_event DROP COLUMN IF EXISTS company_id"))
