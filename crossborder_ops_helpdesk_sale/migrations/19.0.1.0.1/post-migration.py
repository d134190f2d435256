# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Problem rates count a problem against the supplier and the carrier its cause is
blamed on, in-sales problems too (they were counted against the ticket's own
supplier and carrier, after-sales only): every month's figures are computed again
by the next run of the scheduled action."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("UPDATE crossborder_problem_rate_refresh SET refreshed_at = NULL"))
