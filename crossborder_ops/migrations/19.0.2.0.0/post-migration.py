# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Skill tests generated before 19.0.2 are sealed too: one attempt, no printable
    questions before submission, no verdict on the done page, the server's timer."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    tests = env["crossborder.skill.test"].with_context(active_test=False).search([])
    tests.survey_id.write(
        {
            "crossborder_sealed": True,
            "is_attempts_limited": True,
            "attempts_limit": 1,
            "scoring_success_min": 0,
        }
    )
    timed = tests.filtered(lambda test: test.time_limit_minutes > 0)
    for limit, group in timed.grouped("time_limit_minutes").items():
        group.survey_id.write({"is_time_limited": True, "time_limit": limit})
