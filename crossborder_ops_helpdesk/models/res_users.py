# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def write(self, vals):
        if not {"company_ids", "active"} & set(vals):
            return super().write(vals)
        # the departments these users manage: given a company, or back from the
        # archive, the manager gets the to-dos of what waits for him there; a
        # company taken from him takes its to-dos too (outside audit 68; see
        # hr.department._cbo_todos_follow_manager)
        departments = (
            self.env["hr.department"].sudo().search([("manager_id.user_id", "in", self.ids)])
        )
        result = super().write(vals)
        if departments:
            departments._cbo_todos_follow()
        return result
