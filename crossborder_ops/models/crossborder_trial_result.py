# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from .crossborder_trial_measure import literal_domain, meets, trial_window

# --- measured expected results (issue 16): written by the refresh only ---
MEASURED_FIELDS = frozenset(
    ("actual", "actual_count", "actual_state", "actual_domain", "actual_date")
)
# what was agreed with the trainee at the start of the trial (the written list):
# reworded, retargeted or removed after the start by HR managers only, in the chatter
AGREED_FIELDS = frozenset(
    ("trial_id", "name", "expected_result", "measure_id", "target", "comparison")
)


class CrossborderTrialResult(models.Model):
    """A written responsibility with its expected result, evaluated at the end."""

    _name = "crossborder.trial.result"
    _inherit = ["crossborder.trial.line.mixin"]
    _description = "Expected result of a trial"
    _order = "trial_id, sequence, id"
    _check_company_auto = True
    _crossborder_agreed_fields = AGREED_FIELDS

    trial_id = fields.Many2one(
        "crossborder.trial", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="trial_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(related="trial_id.employee_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Responsibility", required=True)
    expected_result = fields.Char(
        help="Measurable, e.g. first response to customers within 4 hours."
    )
    checkin_note = fields.Char(string="At check-in")
    # a duplicated responsibility is evaluated on its own, not with the original's rating
    rating = fields.Selection(
        [("met", "Met"), ("partly", "Partly met"), ("not_met", "Not met")],
        string="Final evaluation",
        copy=False,
    )
    final_note = fields.Char(string="Evaluation note", copy=False)

    # --- measured expected results (issue 16) ---
    measure_id = fields.Many2one(
        "crossborder.trial.measure",
        string="Measured by",
        ondelete="set null",
        domain=[("available", "=", True)],
        help="Measured from the trainee's own work over the trial (his tickets, his "
        "leads) instead of rated by hand. Empty: you rate it yourself.",
    )
    measure_unit = fields.Char(related="measure_id.unit", string="Unit")
    target = fields.Float(
        help="The number to reach, in the measure's unit.",
        aggregator=None,  # each result in its own unit: results do not add up
    )
    comparison = fields.Selection(
        [(">=", "At least"), ("<=", "At most")],
        compute="_compute_comparison",
        store=True,
        readonly=False,
        help="At least the target (e.g. tickets handled) or at most (e.g. hours to the "
        "first response).",
    )
    actual = fields.Float(
        readonly=True,
        copy=False,
        help="Measured over the trial so far.",
        aggregator=None,
    )
    actual_count = fields.Integer(
        string="Records counted",
        readonly=True,
        copy=False,
        help="How many records the number is computed from.",
    )
    actual_state = fields.Selection(
        [("no_data", "Nothing to measure yet"), ("met", "Met"), ("not_met", "Not met")],
        string="Measured",
        readonly=True,
        copy=False,
    )
    actual_domain = fields.Char(readonly=True, copy=False)
    actual_date = fields.Datetime(string="Measured on", readonly=True, copy=False, index=True)

    @api.depends("measure_id")
    def _compute_comparison(self):
        for result in self:
            if result.measure_id:
                result.comparison = ">=" if result.measure_id.better == "higher" else "<="
            elif not result.comparison:
                result.comparison = ">="

    @api.onchange("measure_id")
    def _onchange_measure_id(self):
        if self.measure_id and not self.target:
            self.target = self.measure_id.default_target

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(MEASURED_FIELDS.intersection(vals) for vals in vals_list):
            raise AccessError(self._measured_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if MEASURED_FIELDS.intersection(vals):
                raise AccessError(self._measured_message())
            if "rating" in vals and self.filtered(
                lambda r: r.measure_id
                and r.actual_state in ("met", "not_met")
                and r.rating != (vals["rating"] or False)
            ):
                raise UserError(
                    self.env._(
                        "A measured result is rated by its measure. Remove the measure to "
                        "rate it by hand."
                    )
                )
        result = super().write(vals)
        if not self.env.su and {"measure_id", "target", "comparison"}.intersection(vals):
            # the binding changed: measure again now (or forget the figures of a
            # result that is rated by hand from now on)
            unbound = self.filtered(lambda r: not r.measure_id)
            # safe: clears the system figures of the lines the caller just unbound
            unbound.sudo().write(
                dict.fromkeys(MEASURED_FIELDS, False) | {"actual": 0.0, "actual_count": 0}
            )
            (self - unbound)._crossborder_refresh()
        return result

    def _crossborder_expected(self):
        """What is expected, as written in the agreement and the chatter: the
        measure, its comparison and its target for a measured result."""
        self.ensure_one()
        if not self.measure_id:
            return self.expected_result or ""
        comparison = dict(self._fields["comparison"]._description_selection(self.env))
        return f"{self.measure_id.name}: {comparison.get(self.comparison, '')} " + (
            f"{self.target:g} {self.measure_unit or ''}".strip()
        )

    def _crossborder_text(self):
        expected = self._crossborder_expected()
        return f"{self.name} ({expected})" if expected else self.name

    def _measured_message(self):
        return self.env._(
            "The measured figures of an expected result are written by its measure only."
        )

    # ------------------------------------------------------------------
    def action_open_measured_records(self):
        """The records behind the number, exactly those the measure counted."""
        self.ensure_one()
        measure = self.measure_id
        if not measure or not self.actual_date:
            raise UserError(self.env._("This result has not been measured yet."))
        return {
            "type": "ir.actions.act_window",
            "res_model": measure.res_model,
            "name": self.env._(
                "%(measure)s: %(employee)s", measure=measure.name, employee=self.employee_id.name
            ),
            "view_mode": "list,form",
            "views": measure._crossborder_records_views(),
            "domain": safe_eval(self.actual_domain or "[('id', '=', 0)]"),
            "context": {"create": False},
        }

    def _crossborder_refresh(self, now=None):
        """Measure these results: one call for all of them and all their measures
        (the measures that read the same rows share one query). The figures
        are system columns nothing depends on: one UPDATE for all of them; the
        rating, which other records depend on (full-time candidates), through the
        ORM, one write per new rating. Decided trials keep their figures (the
        decision window measures them one last time when it opens), and so does a
        trial being decided at this moment on another connection: its row is
        locked (``_crossborder_lock``), so it is skipped and, decided, not measured
        again; a decision that comes while its results are measured waits for them
        (the trials measured are locked until the end of the transaction)."""
        now = now or fields.Datetime.now()
        results = self.sudo().filtered("measure_id")  # safe: system figures, see callers
        if not results:
            return 0
        # the measures read their records in SQL: what this transaction wrote
        # (a ticket answered, a lead won) must be in the tables first
        self.env.flush_all()
        results.fetch(["measure_id", "trial_id", "comparison", "target", "rating"])
        trials = results.trial_id.try_lock_for_update()
        results = results.filtered(lambda result: result.trial_id in trials)
        if not results:
            return 0
        results.trial_id.fetch(["date_start", "date_end", "employee_user_id", "company_id"])
        figures = {"ids": [], "actual": [], "count": [], "state": [], "domain": []}
        ratings = defaultdict(list)
        lines_by_measure = results.grouped("measure_id")
        requests_by_measure = {
            measure: [
                (
                    line.trial_id.employee_user_id.id or 0,
                    *trial_window(line.trial_id.date_start, line.trial_id.date_end),
                    line.trial_id.company_id.id or None,
                )
                for line in lines
            ]
            for measure, lines in lines_by_measure.items()
        }
        answers = self.env["crossborder.trial.measure"]._crossborder_actuals_many(
            requests_by_measure
        )
        for measure, lines in lines_by_measure.items():
            for line, (value, count, domain) in zip(lines, answers[measure], strict=True):
                met = meets(value, line.comparison or ">=", line.target)
                figures["ids"].append(line.id)
                figures["actual"].append(float(value or 0.0))
                figures["count"].append(count)
                figures["state"].append("no_data" if met is None else ("met" if met else "not_met"))
                figures["domain"].append(repr(literal_domain(domain)))
                # nothing measured yet: the manager may still rate it by hand
                if met is not None and line.rating != ("met" if met else "not_met"):
                    ratings["met" if met else "not_met"].append(line.id)
        self.env.cr.execute(
            SQL(
                """
                UPDATE crossborder_trial_result r
                   SET actual = v.actual, actual_count = v.count, actual_state = v.state,
                       actual_domain = v.domain, actual_date = %(now)s,
                       write_date = %(now)s, write_uid = %(uid)s
                  FROM unnest(%(ids)s::int[], %(actual)s::float8[], %(count)s::int[],
                              %(state)s::varchar[], %(domain)s::varchar[])
                       AS v(id, actual, count, state, domain)
                 WHERE r.id = v.id
                """,
                now=now,
                uid=self.env.uid,
                **figures,
            )
        )
        results.invalidate_recordset([*MEASURED_FIELDS, "write_date", "write_uid"])
        for rating, ids in ratings.items():
            results.browse(ids).write({"rating": rating})
        return len(results)

    @api.model
    def _crossborder_stale_domain(self, now=None):
        now = now or fields.Datetime.now()
        hours = self.env["res.config.settings"]._crossborder_param("trial_measure_hours")
        return [
            ("measure_id", "!=", False),
            ("trial_id.state", "in", ("in_progress", "extended")),
            "|",
            ("actual_date", "=", False),
            ("actual_date", "<=", now - timedelta(hours=hours)),
        ]

    @api.model
    def _cron_refresh_measures(self, batch_size=2000):
        processed, remaining = self._refresh_measures_batch(batch_size)
        self.env["ir.cron"]._commit_progress(processed, remaining=remaining)

    @api.model
    def _refresh_measures_batch(self, batch_size=2000, now=None):
        """One bounded batch of the measured results not refreshed for a while, the
        oldest first. Running it twice measures each result once per period."""
        now = now or fields.Datetime.now()
        domain = self._crossborder_stale_domain(now)
        results = self.search(domain, limit=batch_size, order="actual_date asc nulls first, id")
        results._crossborder_refresh(now)
        return len(results), self.search_count(domain)

    # --- end measured expected results ---
