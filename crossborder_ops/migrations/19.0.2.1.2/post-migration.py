# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


def migrate(cr, version):
    """The tests of applicants already hired or refused get their decision stamp
    (``decided_on``): their grades stay as they are, even if the application is
    reopened. The stamp is the refusal or the hire date."""
    cr.execute(
        SQL(
            """
            UPDATE crossborder_skill_test_invitation i
               SET decided_on = coalesce(
                       CASE WHEN a.refuse_reason_id IS NOT NULL THEN a.refuse_date END,
                       a.date_closed, a.write_date)
              FROM hr_applicant a
             WHERE a.id = i.applicant_id
               AND i.decided_on IS NULL
               AND (a.refuse_reason_id IS NOT NULL OR (a.active AND a.date_closed IS NOT NULL))
            """
        )
    )
