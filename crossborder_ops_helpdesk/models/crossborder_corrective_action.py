# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..monitor.effectiveness import NOT_ENOUGH_DATA, Window, assess

# what the effect is measured on: fixed once the action is done, so that nobody
# (the department included) moves the measure to a cause that never occurs
MEASURED_SCOPE = frozenset(
    {"department_id", "root_cause_id", "product_id", "country_id", "recurrence_id", "company_id"}
)

# what the action was (what the department promised, for which problem, by whom
# and when): fixed once it is done, except by a settings administrator (outside
# audit 81, F4)
PROMISED = frozenset(
    {
        "name",
        "description",
        "department_id",
        "recurrence_id",
        "feedback_id",
        "owner_id",
        "due_date",
    }
)


class CrossborderCorrectiveAction(models.Model):
    """What a department changes so that a problem stops recurring, and whether
    it worked (recurrence rate before and after).

    The department (or the owner) does the action and says it is done; the
    effect is measured by the scheduled action or a helpdesk manager, never by
    the department itself: state, done date, rates and effectiveness are
    written by the system only."""

    _name = "crossborder.corrective.action"
    _description = "Corrective action"
    # its chatter is evidence (what the department promised, the owner's checks):
    # the evidence mixin first, it extends mail.thread
    _inherit = [
        "crossborder.evidence.thread.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "crossborder.system.owned.mixin",
    ]
    _order = "state, due_date, id"
    _check_company_auto = True
    _cbo_system_fields = frozenset(
        {
            "state",
            "done_date",
            "rate_before",
            "rate_after",
            "effectiveness",
            "rate_unit",
            "effect_reason",
            "shipments_before",
            "shipments_after",
            "unclassified_after",
            "effect_checked_date",
        }
    )

    name = fields.Char(required=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department", required=True, tracking=True, index=True, check_company=True
    )
    owner_id = fields.Many2one(
        "res.users", tracking=True, default=lambda self: self.env.user, check_company=True
    )
    due_date = fields.Date(tracking=True, string="Due date")
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("verified", "Verified")],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand=True,  # kanban columns in life-cycle order, empty ones too
        help="Done: said by the department or the owner. Verified: measured by the "
        "scheduled action (or a helpdesk manager) once the effect window has passed.",
    )
    description = fields.Html()
    root_cause_id = fields.Many2one(
        "crossborder.root.cause", tracking=True, check_company=True, string="Root cause"
    )
    product_id = fields.Many2one("product.product", check_company=True)
    country_id = fields.Many2one("res.country")
    # a copy is a new action, no second answer to the same recurrence (outside audit 83)
    recurrence_id = fields.Many2one(
        "crossborder.recurrence", index="btree_not_null", check_company=True, copy=False
    )
    feedback_id = fields.Many2one(
        "crossborder.feedback", index="btree_not_null", check_company=True
    )
    done_date = fields.Date(readonly=True, copy=False, string="Done on")
    rate_before = fields.Float(
        aggregator=None,  # a rate: rates of different causes do not add up
        string="Rate before",
        readonly=True,
        copy=False,
        help="Classified tickets of the cause per 1,000 shipped order lines (with sales), "
        "otherwise per week, in the window before the action.",
    )
    rate_after = fields.Float(
        string="Rate after",
        readonly=True,
        copy=False,
        aggregator=None,
    )
    rate_unit = fields.Selection(
        [("thousand", "per 1,000 shipped lines"), ("week", "per week")],
        string="Rates",
        readonly=True,
        copy=False,
    )
    shipments_before = fields.Integer(string="Shipped lines before", readonly=True, copy=False)
    shipments_after = fields.Integer(string="Shipped lines after", readonly=True, copy=False)
    unclassified_after = fields.Integer(
        string="Unclassified after",
        readonly=True,
        copy=False,
        help="After-sales tickets of the window after that still had no root cause when the "
        "effect was measured.",
    )
    effectiveness = fields.Selection(
        [
            ("effective", "Effective"),
            ("not_effective", "Not effective"),
            (NOT_ENOUGH_DATA, "Not enough data"),
        ],
        readonly=True,
        copy=False,
        tracking=True,
        help="Not enough data: the windows do not allow a verdict yet (see why); it is "
        "measured again.",
    )
    effect_reason = fields.Char(
        string="Why no verdict", readonly=True, copy=False, help="Why there is not enough data."
    )
    effect_checked_date = fields.Date(
        string="Last measured", readonly=True, copy=False, index="btree_not_null"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    def _cbo_system_how(self):
        return self.env._(
            "Only its buttons change what the system sets: Done, then Measure the effect (the "
            "scheduled action measures it too)."
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, creating=True)
        # an action for a recurrence measures its cause on its product or country,
        # unless it says a more precise cause
        recurrences = (
            self.env["crossborder.recurrence"]
            .sudo()
            .browse({vals["recurrence_id"] for vals in vals_list if vals.get("recurrence_id")})
        )
        for vals in vals_list:
            if vals.get("recurrence_id") and not vals.get("root_cause_id"):
                recurrence = recurrences.browse(vals["recurrence_id"])
                vals.setdefault("product_id", recurrence.product_id.id)
                vals.setdefault("country_id", recurrence.country_id.id)
                vals["root_cause_id"] = recurrence.root_cause_id.id
        actions = super().create(vals_list)
        actions._check_department_speaker()
        actions._answer_recurrences()
        return actions

    def write(self, vals):
        self._check_system_fields([vals])
        self._check_promise_kept(vals)
        scope = MEASURED_SCOPE.intersection(vals)
        if scope and not self._is_verifier():
            frozen = self.filtered(lambda a: a.state != "open")
            if frozen:
                raise AccessError(
                    self.env._(
                        "%(action)s is done: what its effect is measured on (%(fields)s) "
                        "no longer changes, except by a helpdesk manager.",
                        action=frozen[0].name,
                        fields=", ".join(
                            sorted(self._fields[f]._description_string(self.env) for f in scope)
                        ),
                    )
                )
        if "recurrence_id" in vals and not self._is_verifier():
            self._check_answer_kept(vals["recurrence_id"])
        answered = self.sudo().recurrence_id if "recurrence_id" in vals else None
        if "department_id" not in vals:
            result = super().write(vals)
        else:
            self._check_department_speaker()  # the department it leaves, then the one it joins
            result = super().write(vals)
            self._check_department_speaker()
        if vals.get("recurrence_id"):
            self._answer_recurrences()
        if answered:
            # moved off by a helpdesk manager: a recurrence left with no action
            # asks its department again (see unlink)
            answered.department_id._cbo_todos_follow()
        return result

    def unlink(self):
        recurrences = self.sudo().recurrence_id
        result = super().unlink()
        # a settings administrator deleted their answer: a recurrence left open
        # with no action waits for its department's decision again, as when its
        # department is given a manager (its "decide" to-do written back)
        recurrences.department_id._cbo_todos_follow()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answer(self):
        """The action that answers a recurrence stays its answer: deleted, the
        recurrence was left open with no action and no to-do, its chatter naming
        an action that no longer existed (outside audit 81, F2). Only a settings
        administrator deletes it (the recurrence then asks its department again)."""
        if self.env.su or self.env.user._is_system():
            return
        answer = self.sudo().filtered("recurrence_id")[:1]
        if answer:
            raise AccessError(
                self.env._(
                    "%(action)s answers the recurrence %(recurrence)s and is kept as its "
                    "answer: mark it Done when the work is done, or have a helpdesk manager "
                    "move it to another recurrence. Only a settings administrator deletes it.",
                    action=answer.name,
                    recurrence=answer.recurrence_id.display_name,
                )
            )

    def _check_promise_kept(self, vals):
        """Once done or verified, what the action was (its name, description,
        department, recurrence, feedback, owner and due date) no longer changes:
        the effect measured is that of what was promised and done. A settings
        administrator may still correct it."""
        promised = PROMISED.intersection(vals)
        if not promised or self.env.su or self.env.user._is_system():
            return
        closed = self.filtered(lambda action: action.state != "open")
        if closed:
            raise UserError(
                self.env._(
                    "%(action)s is %(state)s: what it was (%(fields)s) no longer changes. "
                    "Write a new action for what is left to do; only a settings "
                    "administrator corrects a done action.",
                    action=closed[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        closed[0].state
                    ].lower(),
                    fields=", ".join(
                        sorted(self._fields[f]._description_string(self.env) for f in promised)
                    ),
                )
            )

    def _check_answer_kept(self, recurrence_id):
        """An action that answered a recurrence (its department's to-do to decide
        one is done) stays its answer: taken off, the recurrence was left open
        with no action and nothing left to do (outside audit 59, F2)."""
        moved = self.sudo().filtered(
            lambda action: action.recurrence_id and action.recurrence_id.id != recurrence_id
        )
        if moved:
            raise UserError(
                self.env._(
                    "%(action)s answers the recurrence %(recurrence)s and stays its answer "
                    "(a helpdesk manager may move it): write a new action for another one.",
                    action=moved[0].name,
                    recurrence=moved[0].recurrence_id.display_name,
                )
            )

    def _answer_recurrences(self):
        """An action answers its recurrence: the department's to-do to decide one
        is done."""
        for action in self.filtered("recurrence_id"):
            action.recurrence_id._close_decide_todos(
                self.env._("Corrective action: %(action)s", action=action.name)
            )

    @api.constrains(
        "department_id", "recurrence_id", "feedback_id", "root_cause_id", "product_id", "country_id"
    )
    def _check_same_department(self):
        # an effective action closes its recurrence: only the department's own
        for action in self.sudo():
            linked = action.recurrence_id.department_id | action.feedback_id.department_id
            if linked - action.department_id:
                raise ValidationError(
                    self.env._(
                        "%(action)s is an action of %(department)s: it answers only that "
                        "department's recurrences and feedback.",
                        action=action.name,
                        department=action.department_id.name,
                    )
                )
        self._check_measures_its_recurrence()
        self._check_measures_its_department()

    def _check_measures_its_department(self):
        # what it measures is the department's own problem: another's cause (or
        # one nobody is at fault for) falling would count as its success
        for action in self.sudo().filtered("root_cause_id"):
            cause = action.root_cause_id
            if cause.department_id != action.department_id:
                raise ValidationError(
                    self.env._(
                        "%(action)s is an action of %(department)s: it measures one of that "
                        "department's causes, not %(cause)s (%(owner)s).",
                        action=action.name,
                        department=action.department_id.name,
                        cause=cause.complete_name,
                        owner=cause.department_id.name or self.env._("nobody's fault"),
                    )
                )

    def _check_measures_its_recurrence(self):
        # an effective action closes its recurrence: it measures that recurrence,
        # not a cause or a product that never occurs (0 tickets before and after)
        for action in self.sudo().filtered("recurrence_id"):
            recurrence = action.recurrence_id
            cause = action.root_cause_id
            if not (cause.parent_path or "").startswith(
                recurrence.root_cause_id.parent_path or "-"
            ):
                raise ValidationError(
                    self.env._(
                        "%(action)s answers the recurrence %(recurrence)s: its root cause is "
                        "%(cause)s or one of its more precise causes, not %(other)s.",
                        action=action.name,
                        recurrence=recurrence.display_name,
                        cause=recurrence.root_cause_id.complete_name,
                        other=cause.complete_name or self.env._("none"),
                    )
                )
            if (action.product_id, action.country_id) != (
                recurrence.product_id,
                recurrence.country_id,
            ):
                raise ValidationError(
                    self.env._(
                        "%(action)s answers the recurrence %(recurrence)s: it measures the "
                        "same product (%(product)s) and country (%(country)s) as the "
                        "recurrence.",
                        action=action.name,
                        recurrence=recurrence.display_name,
                        product=recurrence.product_id.display_name or self.env._("any"),
                        country=recurrence.country_id.name or self.env._("any"),
                    )
                )

    def _speaks_for_department(self):
        """The department's manager, an owner who works in the department, a
        helpdesk manager: those who say the action is done."""
        self.ensure_one()
        if self._is_verifier():
            return True
        user, action = self.env.user, self.sudo()
        return user == action.department_id._cbo_manager_user() or (
            user == action.owner_id and action.department_id in user.employee_ids.department_id
        )

    def _check_department_speaker(self):
        """A department manager (not a customer-service agent) writes the actions
        of his own department only."""
        user = self.env.user
        if self._is_verifier():
            return
        for action in self.sudo():
            own = user == action.department_id._cbo_manager_user()
            agent = user.has_group("helpdesk_mgmt.group_helpdesk_user_own")
            if not own and not agent:
                raise AccessError(
                    self.env._(
                        "%(department)s's actions are written by its manager or by customer "
                        "service, not by another department.",
                        department=action.department_id.name,
                    )
                )

    def _is_verifier(self):
        return self.env.su or self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager")

    def action_done(self):
        """The department (or the owner) says the action is done; the effect is
        measured later."""
        self.check_access("write")
        others = self.filtered(lambda a: not a._speaks_for_department())
        if others:
            raise AccessError(
                self.env._(
                    "%(action)s is said done by its owner or by the manager of %(department)s "
                    "(or a helpdesk manager).",
                    action=others[0].name,
                    department=others[0].sudo().department_id.name,
                )
            )
        if self.filtered(lambda a: a.state != "open"):
            raise UserError(self.env._("Only open actions can be marked done."))
        # state and done date are the system's: written after the access check
        self.sudo().write({"state": "done", "done_date": fields.Date.context_today(self)})
        return True

    def action_verify(self):
        """Measure the effect now (a helpdesk manager; the scheduled action does it
        when the window has passed)."""
        if not self._is_verifier():
            raise AccessError(
                self.env._(
                    "The effect of a corrective action is measured by the scheduled action "
                    "or a helpdesk manager, not by the department that did it."
                )
            )
        self.check_access("read")
        # rates, verdict and state are the system's: written after the check above
        self.sudo()._verify(fields.Date.context_today(self))
        return True

    def _verify(self, today):
        """Compare the rate of the cause over the same window before and after the
        action was done, counting only classified tickets. An action whose windows
        cannot tell (window after not over, too few shipments, too many tickets
        still unclassified) gets "not enough data" with the reason and stays done,
        to be measured again."""
        settings = self.env["res.config.settings"]
        days = settings._cbo_param("effect_window_days")
        min_drop = settings._cbo_param("effect_min_drop")
        min_shipments = settings._cbo_param("effect_min_shipments")
        max_unclassified = settings._cbo_param("effect_max_unclassified")
        for action in self:
            if action.state != "done" or not action.done_date:
                raise UserError(self.env._("Mark the action done before verifying it."))
            if not action.root_cause_id:
                raise UserError(self.env._("Give the action the cause it fights to measure it."))
            before, after = action._windows(days, today)
            result = assess(before, after, days, min_drop, min_shipments, max_unclassified)
            values = {
                "effectiveness": result.result,
                "rate_before": result.rate_before,
                "rate_after": result.rate_after,
                "rate_unit": result.unit,
                "shipments_before": before.shipments or 0,
                "shipments_after": after.shipments or 0,
                "unclassified_after": after.unclassified,
                "effect_reason": action._reason_text(result, days),
                "effect_checked_date": today,
            }
            if result.result != NOT_ENOUGH_DATA:
                values["state"] = "verified"
            action.write(values)
            if action.recurrence_id.state == "open" and result.result == "effective":
                action.recurrence_id.action_close()
        return True

    def _reason_text(self, result, days):
        self.ensure_one()
        values = dict(result.values)
        if result.reason == "incomplete":
            return self.env._(
                "The window after the action is not over: wait until %(date)s (%(days)s days).",
                date=fields.Date.to_string(self.done_date + timedelta(days=days)),
                days=days,
            )
        if result.reason == "few_shipments_before":
            return self.env._(
                "Only %(count)s shipped lines in the window before (at least %(min)s needed).",
                **values,
            )
        if result.reason == "few_shipments_after":
            return self.env._(
                "Only %(count)s shipped lines in the window after (at least %(min)s needed).",
                **values,
            )
        if result.reason == "unclassified":
            return self.env._(
                "%(count)s of the %(total)s after-sales tickets of the window after have no "
                "root cause yet (at most %(max)s %% allowed): classify them first.",
                count=values["count"],
                total=values["total"],
                max=round(values["max"]),
            )
        if result.reason == "no_problems":
            return self.env._(
                "No problem of this cause in the window before nor after the action: "
                "nothing to compare."
            )
        return False

    def _scope_domain(self):
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.product_id:
            domain.append(("product_id", "=", self.product_id.id))
        if self.country_id:
            domain.append(("buyer_country_id", "=", self.country_id.id))
        return domain

    def _windows(self, days, today):
        """The windows before and after the action (``effectiveness.Window``):
        classified tickets of the cause, shipped lines of the scope (None without
        sales), and after-sales tickets of the scope still unclassified."""
        self.ensure_one()
        done = fields.Datetime.to_datetime(self.done_date)
        periods = [(done - timedelta(days=days), done), (done, done + timedelta(days=days))]
        scope = self._scope_domain()
        # counts over every team; a classified problem counts archived or not, an
        # unclassified ticket only while active (archived without a cause, it is a
        # duplicate or spam a helpdesk manager took out: nothing to classify)
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        counts = []
        for start, stop in periods:
            window = [("create_date", ">=", start), ("create_date", "<", stop)]
            counts.append(
                Ticket.search_count(
                    scope + window + [("root_cause_id", "child_of", self.root_cause_id.id)]
                )
            )
        after = [("create_date", ">=", periods[1][0]), ("create_date", "<", periods[1][1])]
        after_sales = Ticket._read_group(
            scope
            + after
            + [
                "|",
                ("root_cause_id", "!=", False),
                "&",
                "&",
                ("root_cause_required", "=", True),
                ("active", "=", True),
                # a duplicate's problem is the ticket it duplicates: nothing to classify
                ("duplicate_id", "=", False),
            ],
            ["root_cause_id"],
            ["__count"],
        )
        unclassified = sum(count for cause, count in after_sales if not cause)
        total_after = sum(count for _cause, count in after_sales)
        key = tuple(
            (dimension, value)
            for dimension, value in (
                ("product", self.product_id.id),
                ("country", self.country_id.id),
            )
            if value
        )
        shipped = self.env["crossborder.recurrence"]._cbo_recurrence_opportunities(
            self.company_id, [key], periods
        )
        shipments = shipped.get(key, [0, 0]) if shipped is not None else [None, None]
        return (
            Window(counts[0], shipments[0]),
            Window(
                counts[1],
                shipments[1],
                unclassified=unclassified,
                scope_total=total_after,
                complete=today >= self.done_date + timedelta(days=days),
            ),
        )

    @api.model
    def _cron_verify_due(self, batch_size=100):
        days = self.env["res.config.settings"]._cbo_param("effect_window_days")
        today = fields.Date.context_today(self)
        # measured at most once a day: an action without enough data waits for more
        domain = [
            ("state", "=", "done"),
            ("done_date", "<=", today - timedelta(days=days)),
            ("root_cause_id", "!=", False),
            "|",
            ("effect_checked_date", "=", False),
            ("effect_checked_date", "<", today),
        ]
        System = self.sudo()  # the scheduled action measures every company's actions
        actions = System.search(domain, limit=batch_size, order="effect_checked_date, id")
        actions._verify(today)
        self.env["ir.cron"]._commit_progress(len(actions), remaining=System.search_count(domain))
