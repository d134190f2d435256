# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Recurrences count the tickets that still have their cause and subject:
    tickets reclassified before leave them (a recurrence left with too few is
    withdrawn). To-dos whose reason is gone are done: "decide a corrective
    action" on recurrences that have an action or are no longer open, "review
    the classification" on tickets whose department confirmed the cause since."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Recurrence = env["crossborder.recurrence"]
    tickets = Recurrence.search([]).ticket_ids
    Recurrence._revise_for(tickets)
    answered = Recurrence.search(
        ["|", ("state", "!=", "open"), ("corrective_action_ids", "!=", False)]
    )
    answered._close_decide_todos(env._("Answered before this update."))
    confirmed = (
        env["helpdesk.ticket"]
        .with_context(active_test=False)
        .search([("attribution_state", "=", "confirmed")])
    )
    confirmed._close_classify_todos(
        env._("The department confirmed the cause."), disputed_only=True
    )
