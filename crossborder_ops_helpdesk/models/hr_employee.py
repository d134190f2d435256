# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def write(self, vals):
        if "user_id" not in vals and "active" not in vals:
            return super().write(vals)
        # the departments these employees manage: their manager's user changes
        # with the employee's user, or goes when the employee is archived (and
        # comes back with him), and the department's to-dos go with it (outside
        # audits 63 and 67; see hr.department._cbo_todos_follow_manager)
        departments = self.env["hr.department"].sudo().search([("manager_id", "in", self.ids)])
        before = {department.id: department._cbo_manager_user() for department in departments}
        result = super().write(vals)
        if departments:
            departments._cbo_todos_follow_manager(before)
        return result

    def unlink(self):
        # deleted rather than archived, the manager leaves his departments without
        # a write of theirs: his user kept their to-dos (outside audit 70, M7)
        departments = self.env["hr.department"].sudo().search([("manager_id", "in", self.ids)])
        result = super().unlink()
        if departments:
            departments._cbo_todos_follow()
        return result
