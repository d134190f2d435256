# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The department's to-dos written before 19.0.2.35.0 carry the system's mark
    as those written since: found by their summary, in every installed language,
    as they were found until then."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Activity = env["mail.activity"]
    kinds = {"crossborder.feedback": "acknowledge", "crossborder.recurrence": "decide"}
    summaries = Activity._cbo_department_todo_summaries()
    for model, kind in kinds.items():
        Activity.search(
            [
                ("res_model", "=", model),
                ("summary", "in", sorted(summaries[model])),
                ("cbo_department_todo", "=", False),
            ]
        ).write({"cbo_department_todo": kind})
