# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools.sql import column_exists, rename_column


def migrate(cr, version):
    """A task's test assignment is stored apart (``sealed_test_instructions``) and read
    through ``test_instructions``, which shows it to recruitment officers and the
    interviewers of the position only: the written assignments move to the new
    column, translations included."""
    table = "crossborder_job_task"
    if column_exists(cr, table, "test_instructions") and not column_exists(
        cr, table, "sealed_test_instructions"
    ):
        rename_column(cr, table, "test_instructions", "sealed_test_instructions")
