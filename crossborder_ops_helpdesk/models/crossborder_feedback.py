# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.orm.models import parse_read_group_spec
from odoo.tools import SQL
from odoo.tools.misc import format_date, format_datetime, formatLang

from odoo.addons.crossborder_ops.locks import write_rows_first

from ..monitor.digest import Problem, build_digest
from .crossborder_root_cause import LINKS

# counts of problems: the company-wide digest counts again what its departments' count
COUNTS = ("ticket_count", "previous_count", "late_count", "problem_cost", "change_count")


class CrossborderFeedback(models.Model):
    """What customer service tells a department about a period: problems by cause
    and link, trend against the previous period, top products and countries,
    examples and open corrective actions. Without department: the digest of all
    departments for management."""

    _name = "crossborder.feedback"
    _description = "Feedback from customer service to a department"
    # its chatter is evidence (the department's answer, the owner's follow-up):
    # the evidence mixin first, it extends mail.thread
    _inherit = [
        "crossborder.evidence.thread.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "crossborder.ratio.mixin",
        "crossborder.system.record.mixin",
    ]
    _order = "date_to desc, department_id"
    # what the weekly run wrote for a department and period, and who acknowledged
    # it (the button): moved, changed or copied under another department, its
    # figures and to-do went with it (outside audits 70 and 71)
    _cbo_system_fields = frozenset(
        {
            "name",
            "department_id",
            "company_id",
            "date_from",
            "date_to",
            "state",
            "change_count",
            "trend",
            "ticket_count",
            "previous_count",
            "late_count",
            "problem_cost",
            "top_suppliers",
            "top_carriers",
            "is_new",
            "line_ids",
            "top_products",
            "top_countries",
            "example_ticket_ids",
            "body_html",
            "acknowledged_by_id",
            "acknowledged_date",
        }
    )
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    # a department with feedback is archived, not deleted: its feedbacks are its
    # history (emptied, they collided with the digest of all departments)
    department_id = fields.Many2one(
        "hr.department", index=True, readonly=True, check_company=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
        help="Only this company's tickets are counted.",
    )
    date_from = fields.Date(required=True, readonly=True, string="From")
    date_to = fields.Date(
        required=True, readonly=True, help="Last day of the period, included.", string="To"
    )
    state = fields.Selection(
        [("sent", "Sent"), ("acknowledged", "Acknowledged")],
        default="sent",
        tracking=True,
        index=True,
    )
    ticket_count = fields.Integer(
        string="Problems",
        readonly=True,
        help="Tickets classified in this period, archived or not (each ticket is counted "
        "once, in the period in which it got its root cause, or a cause of this department "
        "when it was reclassified from another one).",
    )
    previous_count = fields.Integer(
        string="Previous period",
        readonly=True,
        help="What the previous period's feedback counted (not counted again).",
    )
    late_count = fields.Integer(
        string="Late classifications",
        readonly=True,
        help="Problems counted in this period although their ticket was opened in an earlier "
        "one: classified late, or reclassified to this department from another one.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    problem_cost = fields.Monetary(
        string="Cost",
        readonly=True,
        help="What the problems of the period cost (refunds and reshipments), when known.",
    )
    top_suppliers = fields.Text(readonly=True, string="Top suppliers")
    top_carriers = fields.Text(readonly=True, string="Top carriers")
    change_count = fields.Integer(
        string="Change",
        compute="_compute_change_count",
        store=True,
        help="Problems of this period minus those of the previous one.",
    )
    trend = fields.Float(
        string="Trend (%)",
        readonly=True,
        digits=(16, 0),  # whole percents
        aggregator="avg",  # grouped: the group's change over its previous periods (_cbo_ratios)
        help="Change against the previous period. Empty when the previous period had no "
        "problem (new).",
    )
    is_new = fields.Boolean(
        string="New",
        compute="_compute_change_count",
        store=True,
        help="Problems in this period, none in the previous one: no percentage to show.",
    )
    line_ids = fields.One2many("crossborder.feedback.line", "feedback_id", readonly=True)
    top_products = fields.Text(readonly=True, string="Top products")
    top_countries = fields.Text(readonly=True, string="Top countries")
    example_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Examples",
        readonly=True,
        check_company=True,
        context={"active_test": False},  # an example archived since stays an example
    )
    corrective_action_ids = fields.One2many(
        "crossborder.corrective.action", "feedback_id", string="Corrective actions"
    )
    open_action_ids = fields.Many2many(
        "crossborder.corrective.action", compute="_compute_open_action_ids", string="Open actions"
    )
    body_html = fields.Html(readonly=True, sanitize_style=True, string="Summary")
    acknowledged_by_id = fields.Many2one("res.users", readonly=True, string="Acknowledged by")
    acknowledged_date = fields.Datetime(readonly=True, string="Acknowledged on")

    _period_uniq = models.UniqueIndex(
        "(company_id, COALESCE(department_id, 0), date_from, date_to)",
        "One feedback per department and period.",
    )

    _cbo_ratios = {"trend": ("change_count", "previous_count", 100)}

    def _cbo_system_how(self):
        return self.env._(
            "The weekly run writes feedback and its lines: reclassify the tickets behind "
            "them instead, and acknowledge a feedback with Acknowledge."
        )

    @api.depends("ticket_count", "previous_count")
    def _compute_change_count(self):
        for feedback in self:
            feedback.change_count = feedback.ticket_count - feedback.previous_count
            feedback.is_new = feedback.ticket_count > 0 and not feedback.previous_count

    def _cbo_count_sql(self, fname, query):
        """The sum of a count over a group of digests, each problem once: the
        group's digests of all departments when it has some (they count every
        problem, those of no department too), else its departments' digests."""
        value = self._field_to_sql(self._table, fname, query)
        everyone = SQL("%s IS NULL", self._field_to_sql(self._table, "department_id", query))
        return SQL(
            "CASE WHEN bool_or(%(all)s) THEN SUM(%(v)s) FILTER (WHERE %(all)s) ELSE SUM(%(v)s) END",
            all=everyone,
            v=value,
        )

    def _cbo_ratio_sql(self, fname, query):
        numerator, denominator, scale = self._cbo_ratios[fname]
        return SQL(
            "(%s * %s / NULLIF(%s, 0))",
            self._cbo_count_sql(numerator, query),
            float(scale),
            self._cbo_count_sql(denominator, query),
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "__count":
            fname, _dot, func = parse_read_group_spec(aggregate_spec)[:3]
            if fname in COUNTS and func == "sum":
                self._field_to_sql(self._table, fname, query)  # checks it is readable
                return self._cbo_count_sql(fname, query)
        return super()._read_group_select(aggregate_spec, query)

    @api.depends("department_id.name", "date_from", "date_to")
    def _compute_name(self):
        for feedback in self:
            who = feedback.department_id.name or self.env._("All departments")
            feedback.name = f"{who} · {feedback.date_from} – {feedback.date_to}"

    def _compute_open_action_ids(self):
        actions = self.env["crossborder.corrective.action"].search(
            [("state", "!=", "verified"), ("company_id", "in", self.company_id.ids)]
        )
        by_key = actions.grouped(lambda a: (a.company_id, a.department_id))
        by_company = actions.grouped("company_id")
        empty = actions.browse()
        for feedback in self:
            feedback.open_action_ids = (
                by_key.get((feedback.company_id, feedback.department_id), empty)
                if feedback.department_id
                else by_company.get(feedback.company_id, empty)
            )

    def action_acknowledge(self):
        """The department's manager acknowledges its feedback, once: who and when
        are written once (pressed again, by him or anyone else, they were replaced:
        outside audit 81, F1). A helpdesk manager acknowledges only the feedback of
        a department without a manager, in his own name."""
        user = self.env.user
        self.check_access("read")  # another department's feedback: refused as unreadable
        # two presses at once: the second waits for the first and reads it acknowledged
        write_rows_first(self)
        self.invalidate_recordset(["state", "acknowledged_by_id", "acknowledged_date"])
        for feedback in self:
            done = feedback.sudo()  # who acknowledged: read for the refusal
            if done.state == "acknowledged":
                raise UserError(
                    self.env._(
                        "%(feedback)s was acknowledged by %(user)s on %(date)s: it is "
                        "acknowledged once.",
                        feedback=done.name,
                        user=done.acknowledged_by_id.name or self.env._("someone"),
                        date=format_datetime(self.env, done.acknowledged_date),
                    )
                )
            manager = feedback.department_id._cbo_manager_user()
            may = (
                manager == user
                if manager
                else user.has_group("helpdesk_mgmt.group_helpdesk_manager")
            )
            if feedback.department_id and not may:
                raise UserError(
                    self.env._(
                        "Only the manager of %(department)s acknowledges its feedback (a "
                        "helpdesk manager only while the department has no manager).",
                        department=feedback.department_id.name,
                    )
                )
        self.sudo().write(  # department managers acknowledge without editing rights
            {
                "state": "acknowledged",
                "acknowledged_by_id": user.id,
                "acknowledged_date": fields.Datetime.now(),
            }
        )
        # its reason is gone: the "acknowledge" to-do is done, whoever acknowledged
        # and in whatever language it was written (the system's mark)
        self.sudo().activity_ids.filtered(
            lambda a: a.cbo_department_todo == "acknowledge"
        ).action_feedback(feedback=self.env._("Acknowledged"))
        return True

    def _acknowledge_summary(self):
        return self.env._("Acknowledge the customer-service feedback")

    def action_new_corrective_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.corrective.action",
            "view_mode": "form",
            "context": {
                "default_feedback_id": self.id,
                "default_department_id": self.department_id.id,
                **self._corrective_defaults(),
            },
        }

    def _corrective_defaults(self):
        """What a new corrective action takes from the feedback: its main cause,
        and the product and country that cause hit most."""
        self.ensure_one()
        line = self.line_ids.filtered("count")[:1]  # ordered by count
        if not line:
            return {}
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()  # the feedback's own problems, whoever reads it
            .with_context(active_test=False)  # archived or not, as the feedback counted them
            .search_fetch(
                [
                    ("company_id", "=", self.company_id.id),
                    ("root_cause_id", "=", line.root_cause_id.id),
                    ("classified_date", ">=", datetime.combine(self.date_from, time.min)),
                    (
                        "classified_date",
                        "<",
                        datetime.combine(self.date_to + timedelta(days=1), time.min),
                    ),
                ],
                ["product_id", "buyer_country_id"],
            )
        )

        def most(records):
            counts = {}
            for record in records:
                counts[record] = counts.get(record, 0) + 1
            return max(counts, key=lambda r: (counts[r], -r.id)).id if counts else False

        return {
            "default_root_cause_id": line.root_cause_id.id,
            "default_product_id": most([t.product_id for t in tickets if t.product_id]),
            "default_country_id": most([t.buyer_country_id for t in tickets if t.buyer_country_id]),
            "default_name": self.env._("Stop: %(cause)s", cause=line.root_cause_id.complete_name),
        }

    # ------------------------------------------------------------------
    @api.model
    def _last_period(self, today=None):
        days = self.env["res.config.settings"]._cbo_param("feedback_period_days")
        today = today or fields.Date.context_today(self)
        date_to = today - timedelta(days=1)
        return date_to - timedelta(days=days - 1), date_to

    @api.model
    def _sync_schedule(self):
        """The feedback period is the one source of the scheduled action's
        schedule: every N days, N being the setting."""
        cron = self.env.ref("crossborder_ops_helpdesk.ir_cron_feedback", raise_if_not_found=False)
        days = self.env["res.config.settings"]._cbo_param("feedback_period_days")
        if cron and (cron.interval_number, cron.interval_type) != (days, "days"):
            cron.sudo().write({"interval_number": days, "interval_type": "days"})

    @api.model
    def _cron_generate(self, batch_size=50):
        processed, remaining = self._generate_batch(batch_size=batch_size)
        self.env["ir.cron"]._commit_progress(processed, remaining=remaining)

    @api.model
    def _generate_batch(self, batch_size=50, today=None):
        """Write the feedback of the last complete period for departments that do
        not have it yet, and each company's digest of all its departments. A
        period never overlaps one already written for the same department (run
        twice, or after the period was changed, it writes nothing twice), and a
        department without problems in the period and the one before gets no
        feedback (nothing to tell it). Each feedback
        counts the tickets of its own company only."""
        date_from, date_to = self._last_period(today)
        System = self.sudo()  # the scheduled action writes every company's feedback
        departments = System.env["crossborder.root.cause"].search([]).department_id
        done = System.search([("date_to", ">=", date_from), ("date_from", "<=", date_to)])
        done_keys = {(f.company_id, f.department_id) for f in done}
        # nothing to say: no problem in this period nor in the one before
        with_problems = System._departments_with_problems(
            date_from - (date_to - date_from) - timedelta(days=1), date_to
        )
        todo = [
            (department.company_id or self.env.company, department)
            for department in departments
            if (department.company_id or self.env.company, department) not in done_keys
            and (department.company_id or self.env.company, department) in with_problems
        ]
        no_department = self.env["hr.department"]
        companies = {company for company, _department in todo} | {self.env.company}
        todo += [
            (company, no_department)
            for company in sorted(companies, key=lambda c: c.id)
            if (company, no_department) not in done_keys
        ]
        batch = todo[:batch_size]
        created = System.browse()
        for company, department in batch:
            created |= System._build(department, date_from, date_to, company)
        return len(created), len(todo) - len(batch)

    @api.model
    def _departments_with_problems(self, date_from, date_to):
        """{(company, department)} of the departments that have problems
        classified in the period."""
        Ticket = self.env["helpdesk.ticket"]
        groups = (
            Ticket.sudo()  # counts across every team
            .with_context(active_test=False)  # an archived problem is still a problem
            ._read_group(
                Ticket._cbo_problem_domain()
                & Domain("responsible_department_id", "!=", False)
                & Domain("classified_date", ">=", datetime.combine(date_from, time.min))
                & Domain(
                    "classified_date", "<", datetime.combine(date_to + timedelta(days=1), time.min)
                ),
                ["company_id", "responsible_department_id"],
            )
        )
        return set(groups)

    @api.model
    def _problems(self, department, date_from, date_to, company):
        """The problems of the period (``helpdesk.ticket._cbo_problem_domain``):
        tickets classified in it (see ``helpdesk.ticket.classified_date``), late when
        opened before it, archived or not."""
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        Ticket = self.env["helpdesk.ticket"]
        domain = (
            Ticket._cbo_problem_domain()
            & Domain("company_id", "=", company.id)
            & Domain("classified_date", ">=", start)
            & Domain("classified_date", "<", end)
        )
        if department:
            domain &= Domain("responsible_department_id", "=", department.id)
        tickets = (
            Ticket.sudo()
            # archived or not: archiving a classified ticket does not take its problem
            # out of the department's numbers (nor out of the examples)
            .with_context(active_test=False)
            .search_fetch(  # counts across every team
                domain,
                [
                    "root_cause_id",
                    "root_cause_link",
                    "product_id",
                    "buyer_country_id",
                    "create_date",
                ],
            )
        )
        facts = tickets._cbo_problem_facts()
        return [
            Problem(
                t.id,
                t.root_cause_id.id,
                t.root_cause_link,
                t.product_id.id or None,
                t.buyer_country_id.id or None,
                late=t.create_date < start,
                cost=facts.get(t.id, {}).get("cost") or 0.0,
                supplier_id=facts.get(t.id, {}).get("supplier_id") or None,
                carrier_id=facts.get(t.id, {}).get("carrier_id") or None,
            )
            for t in tickets
        ]

    @api.model
    def _previous_figures(self, department, date_from, date_to, company):
        """The previous period as its own feedback counted it ({(cause, link): count});
        before the first feedback, its problems as counted today."""
        length = (date_to - date_from).days + 1
        previous = self.search(
            [
                ("company_id", "=", company.id),
                ("department_id", "=", department.id),
                ("date_to", "=", date_from - timedelta(days=1)),
                ("date_from", "=", date_from - timedelta(days=length)),
            ],
            limit=1,
        )
        if not previous:
            return self._problems(
                department,
                date_from - timedelta(days=length),
                date_from - timedelta(days=1),
                company,
            )
        figures = {}
        for line in previous.line_ids:
            key = (line.root_cause_id.id, line.link)
            figures[key] = figures.get(key, 0) + line.count
        return figures

    @api.model
    def _build(self, department, date_from, date_to, company):
        current = self._problems(department, date_from, date_to, company)
        previous = self._previous_figures(department, date_from, date_to, company)
        digest = build_digest(current, previous)
        Product = self.env["product.product"]
        Country = self.env["res.country"]
        Partner = self.env["res.partner"]
        currency = company.currency_id
        feedback = self.create(
            {
                "company_id": company.id,
                "department_id": department.id,
                "date_from": date_from,
                "date_to": date_to,
                "ticket_count": digest.total,
                "previous_count": digest.previous_total,
                "late_count": digest.late,
                "problem_cost": digest.cost,
                "trend": digest.trend or 0.0,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "root_cause_id": line.cause_id,
                            "link": line.link,
                            "count": line.count,
                            "previous_count": line.previous,
                            "trend": line.trend or 0.0,
                            "is_new": line.previous == 0 and line.count > 0,
                            "late_count": line.late,
                            "cost": line.cost,
                        },
                    )
                    for line in digest.lines
                ],
                "top_products": "\n".join(
                    f"{Product.browse(pid).display_name}: {count}"
                    for pid, count in digest.top_products
                ),
                "top_countries": "\n".join(
                    f"{Country.browse(cid).name}: {count}" for cid, count in digest.top_countries
                ),
                "top_suppliers": "\n".join(
                    f"{Partner.browse(pid).display_name}: {count} · "
                    f"{formatLang(self.env, cost, currency_obj=currency)}"
                    for pid, count, cost in digest.top_suppliers
                ),
                "top_carriers": "\n".join(
                    f"{self._carrier_name(cid)}: {count} · "
                    f"{formatLang(self.env, cost, currency_obj=currency)}"
                    for cid, count, cost in digest.top_carriers
                ),
                "example_ticket_ids": [(6, 0, digest.examples)],
            }
        )
        feedback.body_html = feedback._render_body()
        feedback._send()
        return feedback

    @api.model
    def _crossborder_numbers_demo(self):
        """Demo: the demo tickets were classified when they were opened, except the
        parcel stuck in customs, classified a week late; the feedback of the two
        last weeks; a corrective action whose effect cannot be told yet."""
        ref = self.env.ref
        today = fields.Date.context_today(self)
        tickets = self.env["helpdesk.ticket"].search(
            [("team_id", "=", ref("crossborder_ops_helpdesk.team_store_demo").id)]
        )
        late = tickets.filtered(lambda t: t.name == "Parcel stuck in customs")
        # the classification dates still to be written would overwrite the update
        tickets.flush_recordset(["classified_date"])
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_ticket SET classified_date = CASE WHEN id = ANY(%s) "
                "THEN create_date + interval '7 days' ELSE create_date END "
                "WHERE id = ANY(%s) AND root_cause_id IS NOT NULL",
                late.ids,
                tickets.ids,
            )
        )
        tickets.invalidate_recordset(["classified_date"])
        self._generate_batch(today=today - timedelta(days=7))
        self._generate_batch(today=today)
        lamp_damaged = ref("crossborder_ops_helpdesk.root_cause_packaging_damaged")
        action = self.env["crossborder.corrective.action"].create(
            {
                "name": "Double-box the lamps",
                "department_id": lamp_damaged.department_id.id
                or ref("crossborder_ops_helpdesk.department_warehouse").id,
                "root_cause_id": lamp_damaged.id,
                "product_id": ref("crossborder_ops_helpdesk.product_lamp_demo").id,
                "owner_id": ref("crossborder_ops_helpdesk.user_warehouse_manager_demo").id,
                "state": "done",
                "done_date": today - timedelta(days=10),
            }
        )
        action._verify(today)
        return True

    @api.model
    def _carrier_name(self, carrier_id):
        """Name of a carrier named by the sales addon (delivery.carrier), else the id."""
        if "delivery.carrier" in self.env:
            return self.env["delivery.carrier"].browse(carrier_id).display_name
        return str(carrier_id)

    def _render_body(self):
        self.ensure_one()
        links = dict(LINKS)
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td>%s</td><td style='text-align:right'>%s</td>"
                "<td style='text-align:right'>%s</td><td style='text-align:right'>%s</td>"
                "<td style='text-align:right'>%s</td><td style='text-align:right'>%s</td></tr>"
            )
            % (
                line.root_cause_id.complete_name,
                links.get(line.link, ""),
                line.count,
                line.late_count or "",
                formatLang(self.env, line.cost, currency_obj=self.currency_id) if line.cost else "",
                line.previous_count,
                self.env._("new") if line.is_new else f"{line.trend:+.0f} %",
            )
            for line in self.line_ids
        )
        examples = Markup("").join(
            Markup("<li>%s</li>") % ticket._get_html_link() for ticket in self.example_ticket_ids
        )
        actions = Markup("").join(
            Markup("<li>%s (%s)</li>") % (action.name, action.due_date or "-")
            for action in self.open_action_ids
        )
        return Markup(
            "<p>%(intro)s</p><table class='table table-sm'><thead><tr>"
            "<th>%(cause)s</th><th>%(link)s</th>"
            "<th>%(now)s</th><th>%(late)s</th><th>%(cost)s</th>"
            "<th>%(before)s</th><th>%(trend)s</th></tr></thead><tbody>%(rows)s</tbody></table>"
            "<p>%(late_intro)s</p>"
            "<p><b>%(products_title)s</b><br/>%(products)s</p><p><b>%(countries_title)s</b><br/>%(countries)s</p>"
            "<p><b>%(suppliers_title)s</b><br/>%(suppliers)s</p><p><b>%(carriers_title)s</b><br/>%(carriers)s</p>"
            "<p><b>%(examples_title)s</b></p><ul>%(examples)s</ul><p><b>%(actions_title)s</b></p><ul>%(actions)s</ul>"
        ) % {
            "intro": self._intro(),
            "cause": self.env._("Cause"),
            "link": self.env._("Link"),
            "now": self.env._("This period"),
            "late": self.env._("Classified late"),
            "cost": self.env._("Cost"),
            "late_intro": self.env._(
                "%(late)s of them were opened in an earlier period and classified in this one; "
                "total cost %(cost)s.",
                late=self.late_count,
                cost=formatLang(self.env, self.problem_cost, currency_obj=self.currency_id),
            ),
            "suppliers_title": self.env._("Suppliers named"),
            "suppliers": Markup("<br/>").join((self.top_suppliers or "-").splitlines()),
            "carriers_title": self.env._("Carriers named"),
            "carriers": Markup("<br/>").join((self.top_carriers or "-").splitlines()),
            "before": self.env._("Before"),
            "trend": self.env._("Trend"),
            "rows": rows,
            "products_title": self.env._("Top products"),
            "products": Markup("<br/>").join((self.top_products or "-").splitlines()),
            "countries_title": self.env._("Top destination countries"),
            "countries": Markup("<br/>").join((self.top_countries or "-").splitlines()),
            "examples_title": self.env._("Examples"),
            "examples": examples,
            "actions_title": self.env._("Open corrective actions"),
            "actions": actions,
        }

    def _intro(self):
        self.ensure_one()
        values = {
            "count": self.ticket_count,
            "start": format_date(self.env, self.date_from),
            "end": format_date(self.env, self.date_to),
            "previous": self.previous_count,
        }
        if self.ticket_count == 1:
            return self.env._(
                "1 customer problem traced to you was classified between %(start)s and "
                "%(end)s (%(previous)s in the period before).",
                **values,
            )
        return self.env._(
            "%(count)s customer problems traced to you were classified between %(start)s "
            "and %(end)s (%(previous)s in the period before).",
            **values,
        )

    def _send(self):
        """Post the feedback to the department manager (management for the digest):
        people of the feedback's company only."""
        managers = self.env.ref("helpdesk_mgmt.group_helpdesk_manager").sudo().user_ids
        # whose companies are checked below, read at once
        (managers | self.department_id.manager_id.user_id).sudo().mapped("company_ids")
        for feedback in self:
            manager = feedback._insiders(feedback.department_id._cbo_manager_user())
            partners = manager if feedback.department_id else feedback._insiders(managers)
            feedback.message_post_with_source(
                "crossborder_ops_helpdesk.mail_template_feedback",
                partner_ids=partners.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            feedback._cbo_schedule_manager_todo(manager)

    def _cbo_waiting_for_manager(self):
        """The feedbacks their department's manager is still to acknowledge."""
        return self.filtered(lambda f: f.department_id and f.state == "sent")

    def _cbo_schedule_manager_todo(self, user):
        """The to-dos of the department's manager ``user`` to acknowledge the
        feedbacks, of the companies he works in."""
        for feedbacks in self.grouped("company_id").values():
            manager = feedbacks._insiders(user)
            if manager:
                # sudo: the system's to-do, for the manager who speaks for the department
                feedbacks.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self._acknowledge_summary(),
                    user_id=manager.id,
                    cbo_department_todo="acknowledge",
                )

    def _insiders(self, users):
        """Those of ``users`` who work in the company of these feedbacks (internal
        users allowed in it): a feedback, the digest of all departments included,
        stays within its company."""
        companies = self.company_id
        return users.sudo().filtered(
            lambda user: not user.share and not companies - user.company_ids
        )

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """Whatever is posted on a feedback (the feedback itself, its tracking, a
        note) reaches the people of its company only: not a follower or an
        addressee of another company, who would read that company's causes,
        counts and cost in his inbox or mailbox."""
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        users = (
            self.env["res.users"]
            .sudo()  # who the recipients are decides whether they may be told
            .browse({r["uid"] for r in recipients if r.get("uid")})
        )
        allowed = set(self._insiders(users).ids)
        return [r for r in recipients if r.get("uid") in allowed]
