# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.crossborder_ops.locks import write_rows_first

from ..monitor.control import chart, periods_ending, recurs
from ..monitor.recurrence import Occurrence, carrier_key, detect, key_value

# what a ticket's place in a recurrence depends on: the same cause for the same
# product, destination country or carrier
KEY_FIELDS = frozenset({"root_cause_id", "product_id", "buyer_country_id", "carrier"})

DIMENSION_LABELS = [
    ("product", "Product"),
    ("country", "Destination country"),
    ("carrier", "Carrier"),
]


def _occurrence(ticket):
    """A ticket as the recurrence rules see it (monitor/recurrence.py)."""
    return Occurrence(
        ticket.id,
        ticket.root_cause_id.id,
        ticket.create_date,
        ticket.product_id.id or None,
        ticket.buyer_country_id.id or None,
        ticket.carrier or None,
    )


class CrossborderRecurrence(models.Model):
    """The same cause keeps coming back for the same product, country or carrier."""

    _name = "crossborder.recurrence"
    _description = "Recurring customer problem"
    # its chatter is evidence (the department asked to decide, its answer):
    # the evidence mixin first, it extends mail.thread
    _inherit = [
        "crossborder.evidence.thread.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "crossborder.system.record.mixin",
    ]
    _order = "state, last_date desc, id desc"
    # what detection found; a helpdesk manager closes it (action_close). Its
    # cause or department rewritten by hand left its to-do with the wrong manager
    # (outside audit 71, H4), its state closed or reopened by hand kept or lost
    # its to-do (outside audit 72): its tickets are reclassified instead
    _cbo_system_fields = frozenset(
        {
            "name",
            "state",
            "ticket_count",
            "root_cause_id",
            "link",
            "department_id",
            "dimension",
            "product_id",
            "country_id",
            "carrier",
            "ticket_ids",
            "first_date",
            "last_date",
            "window_days",
            "shipment_count",
            "rate",
            "usual_rate",
            "upper_limit",
            "company_id",
        }
    )
    _check_company_auto = True
    # departments and agents read recurrences and discuss them in the chatter
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True)
    root_cause_id = fields.Many2one(
        "crossborder.root.cause",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
        string="Root cause",
    )
    link = fields.Selection(related="root_cause_id.link", store=True)
    department_id = fields.Many2one(
        "hr.department", related="root_cause_id.department_id", store=True, index=True
    )
    dimension = fields.Selection(DIMENSION_LABELS, required=True, readonly=True)
    product_id = fields.Many2one("product.product", readonly=True, check_company=True)
    country_id = fields.Many2one("res.country", readonly=True)
    carrier = fields.Char(readonly=True)
    ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "crossborder_recurrence_ticket_rel",
        "recurrence_id",
        "ticket_id",
        string="Tickets",
        readonly=True,
        check_company=True,
        context={"active_test": False},  # an archived ticket's problem still happened
    )
    ticket_count = fields.Integer(
        compute="_compute_ticket_count", store=True, string="Number of tickets"
    )
    first_date = fields.Datetime(readonly=True, string="First ticket")
    last_date = fields.Datetime(readonly=True, string="Last ticket")
    window_days = fields.Integer(
        readonly=True,
        string="Window (days)",
        aggregator=None,  # a length and rates: recurrences do not add up
    )
    shipment_count = fields.Integer(
        string="Shipped lines",
        readonly=True,
        help="Order lines shipped to this product, carrier or country in the window in which "
        "the recurrence opened (with sales only).",
    )
    rate = fields.Float(
        aggregator=None,
        string="Problems per 1,000 shipped",
        readonly=True,
        digits=(16, 2),
        help="The cause's tickets per 1,000 shipped order lines in that window.",
    )
    usual_rate = fields.Float(
        aggregator=None,
        string="Usual rate per 1,000",
        readonly=True,
        digits=(16, 2),
        help="The same rate over the earlier periods: what is normal for this product, "
        "carrier or country.",
    )
    upper_limit = fields.Float(
        aggregator=None,
        string="Alarm above (per 1,000)",
        readonly=True,
        digits=(16, 2),
        help="Above this rate the window is clearly worse than usual (3 standard deviations "
        "for its number of shipments).",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed"), ("withdrawn", "Withdrawn")],
        default="open",
        tracking=True,
        index=True,
        help="Withdrawn: its tickets were reclassified (another cause, product, country or "
        "carrier) until fewer than the set count were left; the chatter says which.",
    )
    corrective_action_ids = fields.One2many(
        "crossborder.corrective.action", "recurrence_id", string="Corrective actions"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
        help="Company of the tickets: recurrences never mix companies.",
    )

    def _cbo_system_how(self):
        return self.env._(
            "The system writes a recurrence when it finds one: reclassify the tickets "
            "behind it instead, or close it with Close."
        )

    @api.depends("root_cause_id.complete_name", "dimension", "product_id", "country_id", "carrier")
    def _compute_name(self):
        for rec in self:
            subject = {
                "product": rec.product_id.display_name,
                "country": rec.country_id.name,
                "carrier": rec.carrier,
            }.get(rec.dimension)
            rec.name = f"{rec.root_cause_id.complete_name} · {subject or ''}"

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        for rec in self:
            rec.ticket_count = len(rec.ticket_ids)

    def action_close(self):
        """Close the recurrence: the problem stopped. An effective corrective action
        closes it by itself; by hand, a helpdesk manager decides, not the department
        the problem is traced to."""
        if not (self.env.su or self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager")):
            raise AccessError(
                self.env._(
                    "Only a helpdesk manager closes a recurrence by hand; an effective "
                    "corrective action closes it by itself."
                )
            )
        # sudo: the system's field, written once the caller is checked above
        self.sudo().write({"state": "closed"})
        self._close_decide_todos(self.env._("The recurrence was closed."))
        return True

    def _cbo_waiting_for_manager(self):
        """The recurrences still waiting for their department to decide an action."""
        return self.filtered(lambda r: r.state == "open" and not r.corrective_action_ids)

    def _cbo_schedule_manager_todo(self, user):
        """The to-dos of the department's manager ``user`` to decide an action,
        on the recurrences of the companies he works in (outside audit 67)."""
        companies = user.sudo().company_ids
        # sudo: the system's to-do, for the manager who speaks for the department
        self.sudo().filtered(lambda rec: rec.company_id in companies).activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self._decide_summary(),
            user_id=user.id,
            cbo_department_todo="decide",
        )

    def _decide_summary(self):
        return self.env._("Recurring problem: decide a corrective action")

    def _cbo_drop_decide_todos(self):
        """The to-dos to decide a corrective action, of recurrences no
        department speaks for: written again for its manager when their cause
        is given a department."""
        # sudo: the to-dos are the system's, whoever left them without department
        self.sudo().activity_ids.filtered(lambda a: a.cbo_department_todo == "decide").unlink()

    def _close_decide_todos(self, feedback):
        """The department's to-do to decide a corrective action has lost its
        reason (an action was created, the recurrence closed or withdrawn),
        whoever removed it and in whatever language it was written."""
        # sudo: the to-do is the department manager's, its reason may go with
        # someone else's work (an agent's reclassification, a manager's close)
        activities = self.sudo().activity_ids.filtered(lambda a: a.cbo_department_todo == "decide")
        if activities:
            activities.action_feedback(feedback=feedback)

    @api.model
    def _revise_for(self, tickets, deleted=False):
        """These tickets' cause, product, destination country or carrier changed
        (or, ``deleted``, a helpdesk manager is deleting them): each leaves the
        recurrences whose key it no longer has (a recurrence is the same cause for
        the same product, country or carrier, N times). Its count follows its
        tickets; an open recurrence left with fewer than N is withdrawn, its to-do
        closed, and the corrective actions that answer it are kept (they still
        measure their cause) and told. System work, whoever reclassified."""
        system = self.sudo()  # recurrences are revised by the system
        tickets = tickets.sudo().with_context(active_test=False)
        recurrences = system.browse(tickets.recurrence_ids.ids)
        if not recurrences:
            return system
        threshold = self.env["res.config.settings"]._cbo_param("recurrence_threshold")
        revised = system
        for rec in recurrences:
            leaving = (rec.ticket_ids & tickets).filtered(
                lambda t, rec=rec: deleted or not rec._has(t)
            )
            if not leaving:
                continue
            kept = rec.ticket_ids - leaving
            dates = kept.mapped("create_date")
            rec.write(
                {
                    "ticket_ids": [Command.unlink(t.id) for t in leaving],
                    "first_date": min(dates, default=False),
                    "last_date": max(dates, default=False),
                }
            )
            why = (
                self.env._("deleted by %(user)s", user=self.env.user.name)
                if deleted
                else self.env._("reclassified (another cause, product, country or carrier)")
            )
            rec.message_post(
                body=self.env._(
                    "No longer counted, %(why)s: %(tickets)s. Tickets still counted: %(count)s.",
                    why=why,
                    tickets=", ".join(leaving.mapped("display_name")),
                    count=len(kept),
                ),
                subtype_xmlid="mail.mt_note",
            )
            revised |= rec
        revised.filtered(lambda r: r.state == "open" and r.ticket_count < threshold)._withdraw(
            threshold
        )
        return revised

    def _has(self, ticket):
        """Whether ``ticket`` still has this recurrence's cause and subject."""
        self.ensure_one()
        return (
            ticket.root_cause_id == self.root_cause_id
            and key_value(_occurrence(ticket), self.dimension) == self._key_value()
        )

    def _withdraw(self, threshold):
        """Too few tickets left for a recurrence: it was opened on
        classifications that did not hold."""
        if not self:
            return
        self.write({"state": "withdrawn"})
        for rec in self:
            rec.message_post(
                body=self.env._(
                    "Withdrawn: its tickets were reclassified or deleted, and only %(count)s "
                    "still have this cause for this product, country or carrier, fewer than "
                    "the %(threshold)s that make a recurrence.",
                    count=rec.ticket_count,
                    threshold=threshold,
                ),
                subtype_xmlid="mail.mt_note",
            )
            for action in rec.corrective_action_ids:
                action.message_post(
                    body=self.env._(
                        "The recurrence %(recurrence)s this action answers was withdrawn: its "
                        "tickets were reclassified or deleted. The action is kept and still "
                        "measures its own cause, product and country.",
                        recurrence=rec.display_name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        self._close_decide_todos(self.env._("The recurrence was withdrawn."))

    @api.model
    def _detect_for(self, tickets):
        """Look for recurrences around these tickets' causes (called when a cause is
        set). System work: it counts the tickets of every team of the tickets'
        companies and opens or extends recurrences whoever set the cause."""
        system = self.sudo()  # recurrences are opened by the system
        tickets = tickets.sudo()
        settings = self.env["res.config.settings"]
        threshold = settings._cbo_param("recurrence_threshold")
        window = settings._cbo_param("recurrence_window_days")
        causes = tickets.root_cause_id
        if not causes:
            return system.browse()
        system._lock_causes(causes)
        newest = max(tickets.mapped("create_date"))
        oldest = min(tickets.mapped("create_date")) - timedelta(days=window)
        # one query for every ticket that can be in the same window, archived ones
        # included: archiving a classified ticket does not undo its problem
        peers = (
            system.env["helpdesk.ticket"]
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("root_cause_id", "in", causes.ids),
                    ("company_id", "in", tickets.company_id.ids),
                    ("create_date", ">=", oldest),
                    ("create_date", "<=", newest + timedelta(days=window)),
                ],
                [
                    "root_cause_id",
                    "create_date",
                    "buyer_country_id",
                    "carrier",
                    "company_id",
                    "product_id",
                ],
            )
        )
        touched = system.browse()
        for company, company_peers in peers.grouped("company_id").items():
            occurrences = [_occurrence(t) for t in company_peers]
            # the fixed count is the floor; with shipments the rate must also leave its limit
            found = detect(occurrences, threshold, window)
            found, measures = system._apply_control_limits(found, company, threshold, window)
            touched |= system._open_or_extend(found, window, company, measures)
        return touched

    @api.model
    def _lock_causes(self, causes):
        """Count a cause's tickets one classification at a time: two agents who
        classify two tickets of the same cause at once each counted the tickets
        without the other's (two short of the threshold, no recurrence opened).
        Both write the causes' rows first, so that the second waits for the
        first, then fails to serialize and is counted again on what the first
        saved (a row lock alone would not do: after waiting, repeatable read
        still counts the tickets as they were when its transaction began). In id
        order, so that two classifications of several causes never deadlock."""
        write_rows_first(causes)

    @api.model
    def _cbo_recurrence_opportunities(self, company, keys, periods):
        """Shipped order lines per key and period: {key: [count per period]}, for
        ``keys`` (tuples of (dimension, value) pairs, dimension in product /
        country / carrier; the empty tuple means every shipment) and ``periods``
        ([(start, stop)] datetimes, stop excluded). None here: without sales there
        are no shipments, and recurrences open on the fixed count alone."""
        return None

    @api.model
    def _apply_control_limits(self, found, company, threshold, window):
        """Keep the groups of ``found`` whose current window is past the upper
        control limit of their own history (see monitor/control.py); their
        tickets become those of the current window. Returns (found, {key: point})."""
        if not found:
            return found, {}
        history = self.env["res.config.settings"]._cbo_param("recurrence_history_periods")
        dates = {}
        for key, ticket_ids in found.items():
            dates[key] = max(self.env["helpdesk.ticket"].browse(ticket_ids).mapped("create_date"))
        # the current window ends with the day of the newest ticket of the group
        by_end = {}
        for key, newest in dates.items():
            end = datetime.combine(newest.date() + timedelta(days=1), time.min)
            by_end.setdefault(end, []).append(key)
        kept, measures = {}, {}
        for end, group in by_end.items():
            periods = periods_ending(end, window, history + 1)
            wanted = list({((dimension, value),) for _cause, dimension, value in group})
            shipped = self._cbo_recurrence_opportunities(company, wanted, periods)
            if shipped is None:
                kept.update({key: found[key] for key in group})
                continue
            problems = self._problems_per_period(company, group, periods)
            for key in group:
                _cause, dimension, value = key
                counts = shipped.get(((dimension, value),)) or [0] * len(periods)
                history_points = list(zip([len(ids) for ids in problems[key]], counts, strict=True))
                if recurs(history_points, floor=threshold):
                    point = chart(history_points, floor=threshold)[-1]
                    kept[key] = problems[key][-1]
                    measures[key] = point
        return kept, measures

    @api.model
    def _problems_per_period(self, company, keys, periods):
        """{key: [ticket ids per period]} for (cause, dimension, value) keys,
        archived tickets included."""
        tickets = (
            self.env["helpdesk.ticket"]
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("company_id", "=", company.id),
                    ("root_cause_id", "in", list({key[0] for key in keys})),
                    ("create_date", ">=", periods[0][0]),
                    ("create_date", "<", periods[-1][1]),
                ],
                ["root_cause_id", "create_date", "product_id", "buyer_country_id", "carrier"],
                order="create_date, id",
            )
        )
        result = {key: [[] for _period in periods] for key in keys}
        for ticket in tickets:
            occurrence = _occurrence(ticket)
            index = next(
                i for i, (start, stop) in enumerate(periods) if start <= ticket.create_date < stop
            )
            for dimension in ("product", "country", "carrier"):
                key = (occurrence.cause_id, dimension, key_value(occurrence, dimension))
                if key in result:
                    result[key][index].append(ticket.id)
        return result

    def _open_or_extend(self, found, window, company, measures=None):
        if not found:
            return self.browse()
        measures = measures or {}
        existing = self.search(
            [
                ("state", "=", "open"),
                ("company_id", "=", company.id),
                ("root_cause_id", "in", [k[0] for k in found]),
            ]
        )
        index = {(r.root_cause_id.id, r.dimension, r._key_value()): r for r in existing}
        touched = self.browse()
        for (cause_id, dimension, value), ticket_ids in found.items():
            tickets = self.env["helpdesk.ticket"].browse(ticket_ids)
            dates = tickets.mapped("create_date")
            point = measures.get((cause_id, dimension, value))
            rates = (
                {
                    "shipment_count": point.opportunities,
                    "rate": 1000.0 * (point.rate or 0.0),
                    "usual_rate": 1000.0 * (point.centre or 0.0),
                    "upper_limit": 1000.0 * (point.upper or 0.0),
                }
                if point
                else {}
            )
            rec = index.get((cause_id, dimension, value))
            if rec:
                new = tickets - rec.ticket_ids
                if new:
                    rec.write(
                        {"ticket_ids": [(4, t.id) for t in new], "last_date": max(dates), **rates}
                    )
                    touched |= rec
                continue
            values = {
                "root_cause_id": cause_id,
                "dimension": dimension,
                "ticket_ids": [(6, 0, ticket_ids)],
                "first_date": min(dates),
                "last_date": max(dates),
                "window_days": window,
                "company_id": company.id,
                "product_id": value if dimension == "product" else False,
                "country_id": value if dimension == "country" else False,
                "carrier": tickets[0].carrier if dimension == "carrier" else False,
                **rates,
            }
            rec = self.create(values)
            manager = rec.department_id._cbo_manager_user()
            body = self.env._(
                "%(count)s tickets with the cause %(cause)s within %(days)s days.",
                count=len(ticket_ids),
                cause=rec.root_cause_id.complete_name,
                days=window,
            )
            if point and point.centre is not None and point.opportunities:
                body = self.env._(
                    "%(count)s tickets with the cause %(cause)s within %(days)s days: "
                    "%(rate).2f per 1,000 shipped lines (%(shipped)s shipped), usually "
                    "%(usual).2f; above %(limit).2f is more than chance.",
                    count=len(ticket_ids),
                    cause=rec.root_cause_id.complete_name,
                    days=window,
                    rate=rec.rate,
                    shipped=rec.shipment_count,
                    usual=rec.usual_rate,
                    limit=rec.upper_limit,
                )
            rec.message_post(body=body, subtype_xmlid="mail.mt_note")
            if manager:
                rec._cbo_schedule_manager_todo(manager)
            touched |= rec
        return touched

    def _key_value(self):
        self.ensure_one()
        if self.dimension == "product":
            return self.product_id.id
        if self.dimension == "country":
            return self.country_id.id
        return carrier_key(self.carrier)

    def action_new_corrective_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.corrective.action",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_recurrence_id": self.id,
                "default_root_cause_id": self.root_cause_id.id,
                "default_department_id": self.department_id.id,
                "default_product_id": self.product_id.id,
                "default_country_id": self.country_id.id,
                "default_name": self.env._("Stop: %(name)s", name=self.name),
            },
        }
