# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Problem rates and scorecards count a problem whatever its ticket's CS stage, as
the weekly feedback does (a classified ticket relabelled as a pre-sales question, or
left without a stage, was left out): every month's figures are computed again by
the next run of the scheduled action."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("UPDATE crossborder_problem_rate_refresh SET refreshed_at = NULL"))
