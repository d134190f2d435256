# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

HR_GROUPS = ("hr.group_hr_user", "hr_recruitment.group_hr_recruitment_user")
RECRUITMENT_OFFICER = "hr_recruitment.group_hr_recruitment_user"
HR_MANAGER_GROUPS = ("hr.group_hr_manager", "hr_recruitment.group_hr_recruitment_manager")


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crossborder_is_hr(self):
        """HR in the sense of stock Odoo: an HR officer ("manage all employees") or a
        recruitment officer ("manage all applicants"). Interviewers are not."""
        self.ensure_one()
        return any(self.has_group(group) for group in HR_GROUPS)

    def _crossborder_is_recruitment_officer(self):
        self.ensure_one()
        return self.has_group(RECRUITMENT_OFFICER)

    def _crossborder_is_hr_manager(self):
        """HR at the manager level, who own trials and their agreements: an HR
        administrator or a recruitment administrator."""
        self.ensure_one()
        return any(self.has_group(group) for group in HR_MANAGER_GROUPS)
