# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The roles of the access matrix and the helper its data files write rows with
(see test_access_matrix.py). Not a test module: pytest does not collect it."""

# role -> groups of its user (minimal). A data file adds groups to a role (or a new
# role) with its own ROLE_GROUPS.
ROLE_GROUPS = {
    "trainee": ["base.group_user"],  # on a trial (see ctx.employees)
    "employee": ["base.group_user"],
    "interviewer": ["hr_recruitment.group_hr_recruitment_interviewer"],
    "recruitment_officer": ["hr_recruitment.group_hr_recruitment_user"],
    "hr_officer": ["hr.group_hr_user"],
    "helpdesk_agent_own": ["helpdesk_mgmt.group_helpdesk_user_own"],
    "helpdesk_agent_team": ["helpdesk_mgmt.group_helpdesk_user_team"],
    "helpdesk_agent_all": ["helpdesk_mgmt.group_helpdesk_user"],
    # manages ctx.department (the trainee is in it) and leads the trainee's trial
    "department_manager": ["base.group_user", "crossborder_ops_helpdesk.group_cs_department"],
    "helpdesk_manager": ["helpdesk_mgmt.group_helpdesk_manager"],
    "portal": ["base.group_portal"],
    "salesperson": ["sales_team.group_sale_salesman"],
}
ROLES = tuple(ROLE_GROUPS)
# read, write, create, unlink: a letter = allowed, "-" = refused (AccessError)
NOBODY = "----"
INTERNAL_READ = {role: "r---" for role in ROLES if role != "portal"}


def rows(fixture, default, **cells):
    """One row per role: ``default`` unless the role is given."""
    unknown = set(cells) - set(ROLES)
    assert not unknown, unknown
    return [(fixture, role, cells.get(role, default)) for role in ROLES]
