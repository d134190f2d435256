# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time, timedelta
from statistics import median

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

MEASURE_PREFIX = "_crossborder_measure_"


def trial_window(date_start, date_end):
    """The trial's window as UTC datetimes: from its first day 00:00 to the day
    after its last day 00:00 (the last day counts in full)."""
    return (
        datetime.combine(date_start, time.min),
        datetime.combine(date_end + timedelta(days=1), time.min),
    )


def median_or_none(values):
    """The median of ``values`` (the mean of the two middle ones for an even count),
    None when there is none."""
    values = [value for value in values if value is not None]
    return float(median(values)) if values else None


def meets(actual, comparison, target):
    """Whether ``actual`` meets ``target`` under ``comparison`` ('>=' or '<=');
    None when there is no actual yet."""
    if actual is None:
        return None
    return actual >= target if comparison == ">=" else actual <= target


def request_parts(request):
    """``(user_id, start, end, company_id)`` of a measure's request. The trial's
    company: only its records (and those of no company) count, the ones its decider
    can open; a request of three (a company-less caller) reads every company's."""
    user_id, start, end, *company = request
    return user_id, start, end, company[0] if company else None


def in_request_company(column):
    """SQL: the record's company ``column`` is the request's (``r.company_id``), or
    either is empty."""
    return SQL("(r.company_id IS NULL OR %(c)s IS NULL OR %(c)s = r.company_id)", c=column)


def company_domain(company_id):
    """The domain of the records of a request's company (see request_parts)."""
    return [("company_id", "in", [company_id, False])] if company_id else []


def literal_domain(domain):
    """``domain`` with its dates as strings, as a client sends them back."""
    leaves = []
    for leaf in domain:
        if isinstance(leaf, tuple | list) and len(leaf) == 3:
            field, operator, value = leaf
            if isinstance(value, datetime):
                value = fields.Datetime.to_string(value)
            elif isinstance(value, date):
                value = fields.Date.to_string(value)
            leaf = (field, operator, value)
        leaves.append(leaf)
    return leaves


class CrossborderTrialMeasure(models.Model):
    """What the data can measure for a trial's expected result.

    The contract: each measure is a record (data, editable names) whose ``code`` is
    added with ``selection_add`` by the addon that owns the data, and that addon
    defines, on this model, one method ``_crossborder_measure_<code>(requests)``.
    ``requests`` is a list of ``(user_id, datetime_from, datetime_to, company_id)``
    (see ``request_parts``: only the records of the trial's company count); the method
    returns, in the same order, ``(value, count, domain)``: the number (None when
    nothing is measured yet), how many records it is computed from, and the domain
    (on ``res_model``) of exactly those records. One query per measure for all the
    requests: the refresh calls it once per batch.

    Measures that read the same rows are answered together: the owning addon
    extends ``_crossborder_actuals_many`` and hands them to
    ``_crossborder_actuals_shared`` with a loader that computes the figures of all of
    them in one query; each measure's method then receives its requests' figures as
    ``figures`` (and, called without them, loads its own).
    """

    _name = "crossborder.trial.measure"
    _inherit = ["crossborder.system.owned.mixin"]
    _description = "Measure of a trial's expected result"
    # what it computes, on which records, when it is offered: the data's, set by
    # the application that owns it; an Ops manager who switched a measure off
    # turned a measured "not met" into a rating by hand (outside audit 76, M3)
    _cbo_system_fields = frozenset(("code", "res_model", "required_module"))
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [],
        required=True,
        readonly=True,
        help="Which computation, provided by the application that holds the data "
        "(Customer service, High-seas pool).",
    )
    description = fields.Text(
        translate=True, help="How the number is counted, in the words of the people who use it."
    )
    unit = fields.Char(translate=True, help="e.g. hours, %, tickets, leads")
    better = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
        help="Gives the default comparison of a new expected result: at least the "
        "target when higher is better, at most when lower is better.",
    )
    default_target = fields.Float(help="Proposed target when the measure is picked.")
    res_model = fields.Char(
        string="Records", required=True, readonly=True, help="The records behind the number."
    )
    required_module = fields.Char(
        readonly=True,
        help="The measure is offered only when this application is installed (e.g. the "
        "customer rating of helpdesk tickets).",
    )
    available = fields.Boolean(compute="_compute_available", search="_search_available")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "A measure is registered once.")

    def write(self, vals):
        self._check_system_fields([vals])
        return super().write(vals)

    def _cbo_system_how(self):
        return self.env._(
            "The application that holds the data sets what a measure counts and where; "
            "rename it, set its proposed target or archive it."
        )

    @api.model
    def _installed_modules(self, names):
        if not names:
            return set()
        # reading which modules are installed, nothing else
        modules = (
            self.env["ir.module.module"]
            .sudo()
            .search_fetch([("name", "in", list(names)), ("state", "=", "installed")], ["name"])
        )
        return set(modules.mapped("name"))

    def _crossborder_records_views(self):
        """The views of the records behind the measure's figure: the model's
        own, unless the measure's addon shows the figure's own columns."""
        return [(False, "list"), (False, "form")]

    def _compute_available(self):
        installed = self._installed_modules(set(filter(None, self.mapped("required_module"))))
        for measure in self:
            measure.available = (
                not measure.required_module or measure.required_module in installed
            ) and measure.res_model in self.env

    def _search_available(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the available measures with = True or = False."))
        measures = self.with_context(active_test=False).search([])
        ids = measures.filtered("available").ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------------
    def _crossborder_actuals(self, requests):
        """Dispatch to the owning addon's method; see the class docstring."""
        self.ensure_one()
        if not requests:
            return []
        method = getattr(self, MEASURE_PREFIX + (self.code or ""), None)
        if not self.available or method is None:
            return [(None, 0, [("id", "=", 0)])] * len(requests)
        # the measure counts the work of the trainee whatever the reader may see:
        # computed by the scheduled action or for whoever decides the trial
        return self._crossborder_checked(method(requests), requests)

    def _crossborder_checked(self, results, requests):
        self.ensure_one()
        if len(results) != len(requests):
            raise UserError(
                self.env._(
                    "The measure %(measure)s returned %(got)s results for %(asked)s trainees.",
                    measure=self.name,
                    got=len(results),
                    asked=len(requests),
                )
            )
        return results

    @api.model
    def _crossborder_actuals_many(self, requests_by_measure):
        """``{measure: requests}`` to ``{measure: results}`` (see the class
        docstring): here one call per measure; the addons answer their measures that
        read the same rows together, and pass the others on to ``super()``."""
        return {
            measure: measure._crossborder_actuals(requests)
            for measure, requests in requests_by_measure.items()
        }

    @api.model
    def _crossborder_actuals_shared(self, requests_by_measure, codes, load):
        """Answer the available measures of ``codes`` in ``requests_by_measure`` from
        one ``load(requests)`` (a list of figures, one per request, in their order)
        over the union of their requests, instead of one query per measure. Returns
        their results and the requests of the other measures, to pass on."""
        shared, others = {}, {}
        for measure, requests in requests_by_measure.items():
            target = shared if measure.code in codes and measure.available else others
            target[measure] = requests
        answers = {}
        if shared:
            union = list(dict.fromkeys(req for requests in shared.values() for req in requests))
            loaded = dict(zip(union, load(union), strict=True))
            for measure, requests in shared.items():
                method = getattr(measure, MEASURE_PREFIX + measure.code)
                figures = [loaded[request] for request in requests]
                answers[measure] = measure._crossborder_checked(
                    method(requests, figures=figures) if requests else [], requests
                )
        return answers, others

    @api.model
    def _crossborder_request_rows(self, requests):
        """The requests ``[(user_id, start, end, company_id)]`` as SQL VALUES rows
        ``(idx, user_id, date_from, date_to, company_id)``, ``idx`` their order: the
        addons' measure queries read each request's own records (a CROSS JOIN LATERAL
        per row, ``in_request_company`` for the company) and return their figures in
        that order."""
        return SQL(", ").join(
            SQL("(%s, %s, %s::timestamp, %s::timestamp, %s::int)", index, user or 0, *rest)
            for index, (user, *rest) in enumerate(map(request_parts, requests))
        )

    @api.model
    def _crossborder_median(self, values):
        return median_or_none(values)
