# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Tickets marked as duplicates before a duplicate was no problem of its own
    lose their cause as marking them does now: through the ORM, so that they leave
    the recurrences that counted them and their classification to-dos close."""
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    duplicates = env["helpdesk.ticket"].search(
        [("duplicate_id", "!=", False), ("root_cause_id", "!=", False)]
    )
    if duplicates:
        duplicates.write({"root_cause_id": False})
        duplicates._close_classify_todos(
            feedback=env._("Marked as a duplicate: it is not classified on its own.")
        )
