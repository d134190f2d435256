# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from ..hiring.outcomes import Split, verdict
from .crossborder_hiring_report import RETENTION_DAYS

HIGH_SHARE = 0.6  # a criterion "done well": graded at least 60 % of its maximum on average
VERDICTS = [
    ("predicts", "Predicts"),
    ("no", "Does not predict"),
    ("against", "Predicts the opposite"),
    ("too_few", "Too few to tell"),
]


class CrossborderTestOutcomeReport(models.Model):
    """Skill tests judged by their outcomes: per position (and source), for the test
    as a whole and for each rubric criterion, how those who did well on it fared
    against the others — trial confirmed, still employed after 4 months.

    Counted over hired applicants with a graded test. "Did well": the test passed;
    a criterion graded at least 60 % of its maximum (average of the reviewers)."""

    _name = "crossborder.test.outcome.report"
    _inherit = ["crossborder.report.view"]
    _description = "Skill tests judged by their outcomes"
    _auto = False
    _order = "job_id, all_sources desc, source_id nulls first, criterion_id nulls first"
    _check_company_auto = True

    job_id = fields.Many2one("hr.job", string="Position", readonly=True, check_company=True)
    company_id = fields.Many2one("res.company", readonly=True)
    source_id = fields.Many2one(
        "utm.source", readonly=True, help="Empty: all the sources of the position together."
    )
    all_sources = fields.Boolean(
        string="All sources together",
        readonly=True,
        help="A line of all the position's sources together; the others are per source "
        "(applicants without a source among them).",
    )
    criterion_id = fields.Many2one(
        "crossborder.rubric.criterion",
        readonly=True,
        help="Empty: the test as a whole (passed or not).",
    )
    source_label = fields.Char(string="Applied through", compute="_compute_reading")
    factor = fields.Char(compute="_compute_reading")
    hired_count = fields.Integer(string="Hired with a graded test", readonly=True)
    trial_n = fields.Integer(string="Trials decided (n)", readonly=True)
    trial_high_n = fields.Integer(string="Did well: trials", readonly=True)
    trial_high_ok = fields.Integer(string="Did well: confirmed", readonly=True)
    trial_low_n = fields.Integer(string="Others: trials", readonly=True)
    trial_low_ok = fields.Integer(string="Others: confirmed", readonly=True)
    retention_n = fields.Integer(string="Hired 4+ months ago (n)", readonly=True)
    retention_high_n = fields.Integer(string="Did well: hired", readonly=True)
    retention_high_ok = fields.Integer(string="Did well: still here", readonly=True)
    retention_low_n = fields.Integer(string="Others: hired", readonly=True)
    retention_low_ok = fields.Integer(string="Others: still here", readonly=True)
    trial_high_rate = fields.Float(
        string="Did well: trial success (%)", compute="_compute_reading", digits=(5, 1)
    )
    trial_low_rate = fields.Float(
        string="Others: trial success (%)", compute="_compute_reading", digits=(5, 1)
    )
    trial_verdict = fields.Selection(VERDICTS, compute="_compute_reading")
    trial_reading = fields.Char(string="Trial success", compute="_compute_reading")
    retention_high_rate = fields.Float(
        string="Did well: still here (%)", compute="_compute_reading", digits=(5, 1)
    )
    retention_low_rate = fields.Float(
        string="Others: still here (%)", compute="_compute_reading", digits=(5, 1)
    )
    retention_verdict = fields.Selection(VERDICTS, compute="_compute_reading")
    retention_reading = fields.Char(string="Still here after 4 months", compute="_compute_reading")

    def _query(self):
        return SQL(
            """
            WITH best AS (
                SELECT DISTINCT ON (i.applicant_id) i.id, i.applicant_id, i.passed
                  FROM crossborder_skill_test_invitation i
                 WHERE i.state = 'graded'
              ORDER BY i.applicant_id, i.final_score DESC, i.id
            ), hired AS (
                SELECT a.id AS applicant_id, a.job_id, a.source_id, j.company_id,
                       b.id AS invitation_id, coalesce(b.passed, false) AS passed,
                       CASE tr.state WHEN 'confirmed' THEN 1 WHEN 'ended' THEN 0 END AS trial_ok,
                       CASE WHEN ret.due THEN ret.retained::int END AS retained_ok
                  FROM hr_applicant a
                  JOIN best b ON b.applicant_id = a.id
                  JOIN hr_job j ON j.id = a.job_id
             LEFT JOIN LATERAL (
                       SELECT trial.state FROM crossborder_trial trial
                        WHERE trial.applicant_id = a.id
                     ORDER BY trial.id DESC LIMIT 1) tr ON true
             LEFT JOIN LATERAL (
                       SELECT a.date_closed <= (now() at time zone 'UTC')
                                  - %(days)s * interval '1 day' AS due,
                              coalesce(
                                  (e.active AND (v.departure_date IS NULL
                                                 OR v.departure_date >= r.day))
                                  OR (NOT e.active AND v.departure_date >= r.day),
                                  false) AS retained
                         FROM hr_employee e
                    LEFT JOIN hr_version v ON v.id = e.current_version_id
                   CROSS JOIN LATERAL (
                              SELECT (a.date_closed + %(days)s * interval '1 day')::date AS day) r
                        WHERE e.id = a.employee_id) ret ON true
                 WHERE a.date_closed IS NOT NULL AND a.employee_id IS NOT NULL
            ), factor AS (
                SELECT h.*, NULL::int AS criterion_id, h.passed AS high FROM hired h
                 UNION ALL
                SELECT h.*, g.criterion_id,
                       avg(g.score / nullif(c.max_score, 0)) >= %(share)s AS high
                  FROM hired h
                  JOIN crossborder_grade g ON g.invitation_id = h.invitation_id
                  JOIN crossborder_rubric_criterion c ON c.id = g.criterion_id
              GROUP BY h.applicant_id, h.job_id, h.source_id, h.company_id, h.invitation_id,
                       h.passed, h.trial_ok, h.retained_ok, g.criterion_id
            )
            SELECT row_number() OVER (
                       ORDER BY job_id, GROUPING(source_id) DESC, source_id, criterion_id
                   ) AS id,
                   job_id, company_id, source_id, criterion_id,
                   GROUPING(source_id) = 1 AS all_sources,
                   count(*) AS hired_count,
                   count(trial_ok) AS trial_n,
                   count(trial_ok) FILTER (WHERE high) AS trial_high_n,
                   coalesce(sum(trial_ok) FILTER (WHERE high), 0) AS trial_high_ok,
                   count(trial_ok) FILTER (WHERE NOT high) AS trial_low_n,
                   coalesce(sum(trial_ok) FILTER (WHERE NOT high), 0) AS trial_low_ok,
                   count(retained_ok) AS retention_n,
                   count(retained_ok) FILTER (WHERE high) AS retention_high_n,
                   coalesce(sum(retained_ok) FILTER (WHERE high), 0) AS retention_high_ok,
                   count(retained_ok) FILTER (WHERE NOT high) AS retention_low_n,
                   coalesce(sum(retained_ok) FILTER (WHERE NOT high), 0) AS retention_low_ok
              FROM factor
          GROUP BY GROUPING SETS ((job_id, company_id, source_id, criterion_id),
                                  (job_id, company_id, criterion_id))
            """,
            days=RETENTION_DAYS,
            share=HIGH_SHARE,
        )

    @api.depends_context("lang")
    def _compute_reading(self):
        settings = self.env["res.config.settings"]
        min_sample = settings._crossborder_param("outcome_min_sample")
        min_gap = settings._crossborder_param("outcome_min_gap")
        for line in self:
            line.source_label = (
                self.env._("All sources")
                if line.all_sources
                else line.source_id.display_name or self.env._("No source")
            )
            line.factor = line.criterion_id.name or self.env._("Test passed")
            trial = Split(
                line.trial_high_n, line.trial_high_ok, line.trial_low_n, line.trial_low_ok
            )
            kept = Split(
                line.retention_high_n,
                line.retention_high_ok,
                line.retention_low_n,
                line.retention_low_ok,
            )
            line.trial_high_rate = trial.high_rate or 0.0
            line.trial_low_rate = trial.low_rate or 0.0
            line.retention_high_rate = kept.high_rate or 0.0
            line.retention_low_rate = kept.low_rate or 0.0
            line.trial_verdict = verdict(trial, min_sample, min_gap)
            line.retention_verdict = verdict(kept, min_sample, min_gap)
            line.trial_reading = line._reading(
                trial, line.trial_verdict, self.env._("trial success")
            )
            line.retention_reading = line._reading(
                kept, line.retention_verdict, self.env._("staying 4 months")
            )

    def _reading(self, split, kind, outcome):
        _ = self.env._
        values = {"factor": self.factor, "outcome": outcome, "n": split.n}
        if kind == "too_few":
            return _("%(factor)s: too few to tell %(outcome)s (n = %(n)s)", **values)
        values.update(high=round(split.high_rate), low=round(split.low_rate))
        if kind == "predicts":
            return _(
                "%(factor)s predicts %(outcome)s (n = %(n)s: %(high)s %% of those who did "
                "well, %(low)s %% of the others)",
                **values,
            )
        if kind == "against":
            return _(
                "%(factor)s predicts the opposite of %(outcome)s (n = %(n)s: %(high)s %% of "
                "those who did well, %(low)s %% of the others)",
                **values,
            )
        return _(
            "%(factor)s does not predict %(outcome)s (n = %(n)s: %(high)s %% against %(low)s %%)",
            **values,
        )
