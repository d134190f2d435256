# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.hr_job import EMPLOYMENT_KINDS
from ..models.hr_recruitment_source import SOURCE_KINDS

RECRUITMENT = "hr_recruitment.group_hr_recruitment_user"
RETENTION_DAYS = 120  # the owner: most full-time hires "left in less than 4 months"


class CrossborderHiringReport(models.Model):
    """One line per applicant: source, test, hire, trial and 4-month retention.

    Rates are averages of 0/100 values that are empty where they do not apply
    (e.g. pass rate only over tested applicants), so pivots can group by any
    dimension and still show the right percentage.
    """

    _name = "crossborder.hiring.report"
    _inherit = ["crossborder.report.view"]
    _description = "Hiring funnel by source and employment kind"
    _auto = False
    # rows are named by position: the applicant is for recruitment officers
    _rec_name = "job_id"
    _order = "applied_on desc"
    _check_company_auto = True

    # one row per applicant: who it is stays with those who read applicants (HR officers
    # read hires, trials and retention by source, position, month)
    applicant_id = fields.Many2one(
        "hr.applicant",
        readonly=True,
        check_company=True,
        groups=RECRUITMENT,
    )
    job_id = fields.Many2one("hr.job", readonly=True, check_company=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    source_kind = fields.Selection(SOURCE_KINDS, readonly=True)
    employment_kind = fields.Selection(EMPLOYMENT_KINDS, readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    applied_on = fields.Datetime(readonly=True)
    hired_on = fields.Datetime(readonly=True)
    applicant_count = fields.Integer(string="Applicants", readonly=True, aggregator="sum")
    # a row's id is its applicant's, which HR reads on the trial: test results stay with
    # recruitment, like the tests themselves (HR reads hires, trials and retention)
    tested_count = fields.Integer(
        string="Tested", readonly=True, aggregator="sum", groups=RECRUITMENT
    )
    passed_count = fields.Integer(
        string="Passed the test", readonly=True, aggregator="sum", groups=RECRUITMENT
    )
    hired_count = fields.Integer(string="Hired", readonly=True, aggregator="sum")
    trial_count = fields.Integer(string="Trial", readonly=True, aggregator="sum")
    trial_confirmed_count = fields.Integer(
        string="Trials confirmed", readonly=True, aggregator="sum"
    )
    too_early_count = fields.Integer(
        string="Too early to tell",
        readonly=True,
        aggregator="sum",
        help="Hired less than 4 months ago: retention is not known yet.",
    )
    retention_state = fields.Selection(
        [("too_early", "Too early"), ("retained", "Still here"), ("left", "Left")],
        string="At 4 months",
        readonly=True,
        help="Too early while the hire is younger than 4 months.",
    )
    retained_count = fields.Integer(
        string="Still there after 4 months", readonly=True, aggregator="sum"
    )
    pass_rate = fields.Float(
        string="Test pass rate (%)", readonly=True, aggregator="avg", groups=RECRUITMENT
    )
    trial_success_rate = fields.Float(string="Trial success (%)", readonly=True, aggregator="avg")
    retention_rate = fields.Float(string="4-month retention (%)", readonly=True, aggregator="avg")

    def _query(self):
        return SQL(
            """
            SELECT a.id AS id, a.id AS applicant_id, a.job_id, a.source_id,
                   src.source_kind, j.employment_kind, a.company_id,
                   a.create_date AS applied_on, a.date_closed AS hired_on,
                   1 AS applicant_count,
                   (t.tested)::int AS tested_count,
                   (t.passed)::int AS passed_count,
                   (a.date_closed IS NOT NULL)::int AS hired_count,
                   (tr.state IS NOT NULL)::int AS trial_count,
                   (tr.state = 'confirmed')::int AS trial_confirmed_count,
                   (d.due AND coalesce(ret.retained, false))::int AS retained_count,
                   (a.date_closed IS NOT NULL AND NOT d.due)::int AS too_early_count,
                   CASE WHEN a.date_closed IS NULL THEN NULL
                        WHEN NOT d.due THEN 'too_early'
                        WHEN coalesce(ret.retained, false) THEN 'retained'
                        ELSE 'left' END AS retention_state,
                   CASE WHEN t.tested THEN 100.0 * t.passed::int END AS pass_rate,
                   CASE WHEN tr.state IN ('confirmed', 'ended')
                        THEN 100.0 * (tr.state = 'confirmed')::int END AS trial_success_rate,
                   CASE WHEN d.due THEN 100.0 * coalesce(ret.retained, false)::int
                        END AS retention_rate
              FROM hr_applicant a
         LEFT JOIN hr_job j ON j.id = a.job_id
         LEFT JOIN LATERAL (
                   SELECT rs.source_kind FROM hr_recruitment_source rs
                    WHERE rs.source_id = a.source_id ORDER BY rs.id LIMIT 1) src ON true
         LEFT JOIN LATERAL (
                   SELECT bool_or(i.state = 'graded') AS tested,
                          bool_or(i.passed) AS passed
                     FROM crossborder_skill_test_invitation i
                    WHERE i.applicant_id = a.id) t ON true
         LEFT JOIN LATERAL (
                   SELECT trial.state FROM crossborder_trial trial
                    WHERE trial.applicant_id = a.id
                 ORDER BY trial.id DESC LIMIT 1) tr ON true
        CROSS JOIN LATERAL (
                   SELECT a.date_closed <= (now() at time zone 'UTC') - %(days)s * interval '1 day'
                              AS due) d
         LEFT JOIN LATERAL (
                   SELECT (e.active AND (v.departure_date IS NULL OR v.departure_date >= r.day))
                          OR (NOT e.active AND v.departure_date >= r.day) AS retained
                     FROM hr_employee e
                LEFT JOIN hr_version v ON v.id = e.current_version_id
                    CROSS JOIN LATERAL (
                          SELECT (a.date_closed + %(days)s * interval '1 day')::date AS day) r
                    WHERE e.id = a.employee_id) ret ON true
             WHERE a.active OR a.refuse_reason_id IS NOT NULL OR a.date_closed IS NOT NULL
            """,
            days=RETENTION_DAYS,
        )
