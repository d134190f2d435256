# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.orm.domains import NEGATIVE_CONDITION_OPERATORS
from odoo.tools import SQL, format_date

from ..planners import reasons

EVENT_KINDS = [
    ("claim", "Claim"),
    ("release", "Release"),
    ("recycle", "Recycle"),
    ("over_cap", "Over-cap give-back"),
    ("escalate", "Escalation"),
    ("rotation", "Rotation"),
    ("hold_back", "Kept back at random"),
    ("revival", "Dormant customer revived"),
    ("handover", "Handover"),
    ("reassign", "Manual reassignment"),
    ("pass", "Passed on by a salesperson"),
    ("join", "Came into the pool with its salesperson"),
    ("warning", "Recycle warning"),
]
RELEASE_REASONS = [
    ("not_interested", "Customer not interested now"),
    ("no_capacity", "No time to follow up"),
    ("wrong_region", "Outside my region or language"),
    ("duplicate", "Duplicate of another lead"),
    ("other", "Other"),
    ("recycled", "Recycled"),
    ("over_cap", "Above private cap"),
    ("manual", "Salesperson removed by hand"),
    ("handover", "Salesperson left or changed team"),
]


class CrossborderPoolEvent(models.Model):
    """Audit log: every move of a lead between the pool and salespeople, with the
    rule that decided it. Written by the system only."""

    _name = "crossborder.pool.event"
    _description = "High-seas pool event"
    _order = "date desc, id desc"
    _rec_name = "lead_id"
    # immutable rows with their own date: no create/write stamps (and no two extra
    # foreign keys checked per row when crons insert them by the ten thousand)
    _log_access = False

    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    # the audit outlives its lead: deleting a lead (or merging it into another,
    # see crm.lead._merge_dependences) keeps its moves, which the caps count
    lead_id = fields.Many2one("crm.lead", readonly=True, ondelete="set null", index=True)
    former_lead_name = fields.Char(
        string="Lead as recorded",
        readonly=True,
        help="The name of the lead this move was about, kept when that lead was later "
        "deleted or merged into another one.",
    )
    former_lead_number = fields.Integer(
        aggregator=None,  # an ID, not a quantity
        string="Lead number as recorded",
        readonly=True,
        help="The number (ID) of the lead this move was about, kept when that lead was "
        "later deleted or merged into another one: a rotation's random draw is checked "
        "against it.",
    )
    pool_id = fields.Many2one("crossborder.lead.pool", readonly=True, index=True)
    kind = fields.Selection(EVENT_KINDS, required=True, readonly=True)
    from_user_id = fields.Many2one("res.users", string="From", readonly=True)
    to_user_id = fields.Many2one("res.users", string="To", readonly=True)
    actor_id = fields.Many2one(
        "res.users",
        string="Done by",
        readonly=True,
        help="Who made the move: the salesperson who claimed or released, the manager who "
        "reassigned. Empty for the pool's scheduled actions.",
    )
    reason = fields.Selection(RELEASE_REASONS, readonly=True)
    rule = fields.Char(
        string="Rule (code)",
        readonly=True,
        help="Technical: the rule that fired, as a code and its values (worded in Rule).",
    )
    rule_text = fields.Char(
        string="Rule",
        compute="_compute_rule_text",
        help="The rule that fired, in words, in your language.",
    )
    note = fields.Text(readonly=True)
    run_id = fields.Many2one("crossborder.rotation.run", readonly=True, ondelete="set null")
    tier_id = fields.Many2one(
        "crossborder.sales.tier",
        readonly=True,
        ondelete="set null",
        help="Rotation: the tier of the salesperson who received the lead; kept back: the "
        "tier it would have gone to. Compares the two per tier.",
    )
    customer_id = fields.Many2one(
        "res.partner",
        readonly=True,
        index="btree_not_null",  # empty in pools working per lead: costs nothing there
        groups="sales_team.group_sale_salesman_all_leads,crossborder_ops_crm.group_pool_manager",
        help="Pools working per customer: the customer whose leads moved together. "
        "Revivals: the sleeping customer revived.",
    )
    with_customer = fields.Boolean(
        string="Moved with its customer",
        readonly=True,
        help="Pools working per customer: this lead moved along with another lead of the same "
        "customer in the same move; caps count the customer once.",
    )
    # the lead's company, not stored (one foreign key fewer for PostgreSQL to
    # check on every event the crons insert) and not a related field either:
    # that would make every change of a lead's salesperson, which recomputes
    # its company, look for the lead's events
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", search="_search_company_id"
    )
    lead_won_status = fields.Selection(
        related="lead_id.won_status",
        string="Lead outcome",
        help="Won, lost or still pending today.",
    )

    # few indexes on purpose: crons insert events by the ten thousand
    _user_kind_date_idx = models.Index("(to_user_id, kind, date)")  # claim caps, reports
    _from_user_lead_idx = models.Index("(from_user_id, lead_id, date)")  # cool-down
    # kept-back leads wait out of rotation: small indexes, one row in ten rotated
    _held_back_lead_idx = models.Index("(lead_id, date) WHERE kind = 'hold_back'")
    _held_back_pool_idx = models.Index("(pool_id, date) WHERE kind = 'hold_back'")

    @api.depends("rule")
    @api.depends_context("lang", "tz")
    def _compute_rule_text(self):
        sentences = self._rule_sentences(self.mapped("rule"))
        for event in self:
            event.rule_text = sentences.get(event.rule, event.rule)

    @api.depends("lead_id", "former_lead_name", "former_lead_number")
    def _compute_display_name(self):
        for event in self:
            if event.lead_id:
                event.display_name = event.lead_id.display_name
            elif event.former_lead_name:
                event.display_name = self.env._("%(lead)s (deleted)", lead=event.former_lead_name)
            else:  # its name forgotten (action_forget_former_lead), or never known
                event.display_name = self.env._(
                    "Lead no. %(number)s (deleted)", number=event.former_lead_number or "-"
                )

    @api.depends("lead_id", "pool_id")
    def _compute_company_id(self):
        # a deleted lead's moves: its pool's company
        for event in self:
            lead = event.lead_id
            event.company_id = lead.company_id if lead else event.pool_id.company_id

    def _search_company_id(self, operator, value):
        if operator in NEGATIVE_CONDITION_OPERATORS:
            return NotImplemented  # the negation of the positive one
        return Domain("lead_id.company_id", operator, value) | (
            Domain("lead_id", "=", False) & Domain("pool_id.company_id", operator, value)
        )

    # ------------------------------------------------------------------
    # the lead goes away: the audit stays
    # ------------------------------------------------------------------
    @api.model
    def _keep_after_leads(self, leads, into=None):
        """The moves of ``leads``, which are being deleted (or merged ``into``
        another lead), keep the lead's name and number, and follow ``into``
        when given; the deleted lead's foreign key then empties itself. One
        statement for any number of leads (a manager deletes hundreds at once,
        each with its own name): callers have checked the right to delete or
        merge them; the audit rows are system-owned."""
        if not leads:
            return
        self.env["crm.lead"].flush_model(["name"])
        self.flush_model(["lead_id", "former_lead_name", "former_lead_number"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE crossborder_pool_event e
                   SET former_lead_name = coalesce(e.former_lead_name, l.name),
                       former_lead_number = coalesce(e.former_lead_number, l.id),
                       lead_id = coalesce(%(into)s, e.lead_id)
                  FROM crm_lead l
                 WHERE l.id = e.lead_id AND e.lead_id = ANY(%(leads)s)
                """,
                into=into.id if into else None,
                leads=list(leads.ids),
            )
        )
        self.invalidate_model()

    # ------------------------------------------------------------------
    # the lead a move was about, as it was then
    # ------------------------------------------------------------------
    @api.model
    def _holders_at(self, leads, when):
        """{lead id: id of the salesperson who held it at ``when[lead id]``, or
        False}: the one the first move after that time took it from, else the one
        who holds it now. A revival claimed after its customer bought again was
        nobody's when he bought (outside audit 80, H1). Only the lead's own moves:
        those of a lead merged into it were about another lead (outside audit 85, H4)."""
        leads = leads.sudo()  # whose leads these were is read to credit a win
        leads._pool_flush_owner_events()
        holders = {lead.id: lead.user_id.id for lead in leads}
        moves = self.sudo().search_fetch(
            [
                ("lead_id", "in", leads.ids),
                ("former_lead_number", "=", False),  # as _own_move_sql
                ("date", ">=", min(when.values(), default=False)),
            ],
            ["lead_id", "date", "from_user_id", "to_user_id"],
            order="date, id",
        )
        decided = set()
        for move in moves:
            lead_id = move.lead_id.id
            # a move in the same second as the purchase came after it: a claim
            # racing the confirmation is not the reviver's (outside audit 84, L1)
            if lead_id in decided or move.date < when[lead_id]:
                continue
            if move.from_user_id != move.to_user_id:  # a warning or a draw moves nothing
                holders[lead_id] = move.from_user_id.id
                decided.add(lead_id)
        return holders

    @api.model
    def _revival_customers(self, leads):
        """{lead id: id of the customer (company) it revives}: the one its revival
        row names, kept whatever the lead's contact became since (outside audits 85,
        H2, and 86, M1), else its contact's company for a lead that is no revival."""
        leads = leads.sudo()  # whom a revival revives is read to check or close it
        customers = {lead.id: lead.partner_id.commercial_partner_id.id for lead in leads}
        for row in self.sudo().search_fetch(
            [
                ("lead_id", "in", leads.ids),
                ("kind", "=", "revival"),
                ("former_lead_number", "=", False),  # as _own_move_sql
                ("customer_id", "!=", False),
            ],
            ["lead_id", "customer_id"],
        ):
            customers[row.lead_id.id] = row.customer_id.id
        return customers

    @api.model
    def _own_move_sql(self, alias="e"):
        """SQL condition on the events table under ``alias``: the move was about
        the lead it sits on, not about a lead since merged into it (whose moves
        came along, see _keep_after_leads). Its draw, its hold-back and its
        outcome are that lead's own."""
        return SQL("%s IS NULL", SQL.identifier(alias, "former_lead_number"))

    @api.model
    def _recorded_lead_sql(self, alias="e"):
        """SQL value on the events table under ``alias``: the number of the lead
        the move was about, as it was then (a rotation drew that number)."""
        return SQL(
            "coalesce(%s, %s)",
            SQL.identifier(alias, "former_lead_number"),
            SQL.identifier(alias, "lead_id"),
        )

    def _recorded_lead_number(self):
        """The number of the lead this move was about, as it was then (the same
        as _recorded_lead_sql, for an event already read)."""
        self.ensure_one()
        return self.former_lead_number or self.lead_id.id

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """The audit is kept whoever asks, also through the server (Settings >
        Privacy Lookup deletes what it finds as the superuser): the caps count
        these lines and a rotation's draw is checked against them. A personal-data
        request blanks the deleted lead's name instead (action_forget_former_lead)."""
        if self:
            raise UserError(
                self.env._(
                    "The pool's audit is kept: its lines are not deleted (the caps count "
                    "them). To forget a deleted lead's name, use 'Forget the deleted "
                    "lead's name' on its lines."
                )
            )

    # ------------------------------------------------------------------
    # a personal-data request on a deleted lead
    # ------------------------------------------------------------------
    def action_forget_former_lead(self):
        """Pool and sales managers forget the name (and the free-text note) of
        the deleted leads these audit lines are about, on every audit line of
        those leads: the lead's number, the moves, who made them and when stay,
        so caps, counts and rotation draws still hold. Bulk on purpose (a list
        selection). Nothing personal is posted: the pool's chatter says who
        forgot which lead number."""
        if not self.env["crm.lead"]._pool_is_manager():
            raise AccessError(
                self.env._(
                    "Only pool managers and sales managers can forget a deleted lead's name."
                )
            )
        self.check_access("read")  # his companies' audit lines only
        numbers = {event.former_lead_number for event in self if event.former_lead_name}
        if not numbers:
            raise UserError(
                self.env._("These audit lines keep no name of a deleted lead: nothing to forget.")
            )
        # sudo: audit lines are system-owned, nobody writes them (checked above);
        # every line of those deleted leads, also those the selection left out
        events = self.sudo().search(
            [("former_lead_number", "in", list(numbers)), ("former_lead_name", "!=", False)]
        )
        events.write({"former_lead_name": False, "note": False})
        for pool, pool_events in events.grouped("pool_id").items():
            if not pool:
                continue
            pool.message_post(
                body=self.env._(
                    "%(user)s forgot the name of deleted lead(s) no. %(numbers)s in the audit "
                    "(%(count)s lines), on a personal-data request.",
                    user=self.env.user.name,
                    numbers=", ".join(
                        str(n) for n in sorted(set(pool_events.mapped("former_lead_number")))
                    ),
                    count=len(pool_events),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Name forgotten on %(count)s audit lines; the moves stay.", count=len(events)
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # demo data
    # ------------------------------------------------------------------
    @api.model
    def _demo_happened_days_ago(self, lead_ids, days):
        """Demo data only (demo/crossborder_ops_crm_demo.xml): the move that the
        pool's own method just made on these leads (a claim or a release as the
        demo salesperson, a rotation run) happened ``days`` ago. What this
        transaction stamped on them (the move's audit lines, run, chatter lines
        and to-dos, the lead's clocks and assignment date) goes back by as much,
        so that the demo's audit tells a story over weeks. Private (no RPC); the
        demo loader runs it as the superuser."""
        if not self.env.su:
            raise AccessError(self.env._("Only the demo data loader moves audit lines back."))
        since = self.env.cr.now().replace(microsecond=0)  # this transaction's start
        shift = timedelta(days=days)
        ids = list(lead_ids)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                UPDATE crossborder_rotation_run SET date = date - %(shift)s
                 WHERE date >= %(since)s AND id IN (
                       SELECT run_id FROM crossborder_pool_event
                        WHERE lead_id = ANY(%(ids)s) AND date >= %(since)s)
                """,
                shift=shift,
                ids=ids,
                since=since,
            )
        )
        cr.execute(
            SQL(
                "UPDATE crossborder_pool_event SET date = date - %(shift)s "
                "WHERE lead_id = ANY(%(ids)s) AND date >= %(since)s",
                shift=shift,
                ids=ids,
                since=since,
            )
        )
        cr.execute(
            SQL(
                "UPDATE mail_activity SET date_deadline = date_deadline - %(shift)s "
                "WHERE res_model = 'crm.lead' AND res_id = ANY(%(ids)s) "
                "AND create_date >= %(since)s",
                shift=shift,
                ids=ids,
                since=since,
            )
        )
        cr.execute(
            SQL(
                "UPDATE mail_message SET date = date - %(shift)s WHERE model = 'crm.lead' "
                "AND res_id = ANY(%(ids)s) AND date >= %(since)s",
                shift=shift,
                ids=ids,
                since=since,
            )
        )
        columns = ("date_open", "last_progress_date", "pool_entry_date", "reserved_until")
        cr.execute(
            SQL(
                "UPDATE crm_lead SET %(sets)s WHERE id = ANY(%(ids)s)",
                sets=SQL(", ").join(
                    SQL(
                        "%(col)s = CASE WHEN %(col)s >= %(since)s THEN %(col)s - %(shift)s "
                        "ELSE %(col)s END",
                        col=SQL.identifier(column),
                        since=since,
                        shift=shift,
                    )
                    for column in columns
                ),
                ids=ids,
            )
        )
        self.env.invalidate_all()
        # crm's "Days to assign" follows the assignment date
        leads = self.env["crm.lead"].browse(ids)
        self.env.add_to_compute(leads._fields["day_open"], leads)
        leads.flush_recordset(["day_open"])

    # ------------------------------------------------------------------
    # rule texts: stored as a code and values, worded when shown
    # ------------------------------------------------------------------
    @api.model
    def _rule_code(self, name, **params):
        """The stored form of a rule (see planners/reasons.py)."""
        return reasons.code(name, **params)

    @api.model
    def _rule_sentence(self, rule):
        """One stored rule in words, in the current language and time zone."""
        return self._rule_sentences([rule]).get(rule, rule)

    @api.model
    def _rule_templates(self):
        _ = self.env._
        return {
            "followup": _("No real follow-up for %(days)s days"),
            "conversion": _("Not converted within %(days)s days"),
            "escalate": _(
                "%(cause)s, and back in the pool %(count)s times: its pool manager decides"
            ),
            "over_cap": _("Above the private cap: %(held)s leads held for a cap of %(cap)s"),
            "round_robin": _(
                "Round robin: lead no. %(nth)s of this run for %(user)s, who held %(held)s "
                "leads before it"
            ),
            "round_robin_lang": _("speaks %(lang)s like the customer"),
            "round_robin_hours": _("%(hours)s working hours in common with the customer"),
            "round_robin_conversion": _("won %(conversion)s %% of the leads closed in 90 days"),
            "hold_back": _(
                "Kept in the pool at random (%(percent)s %%) to measure what rotation brings"
            ),
            "no_cover": _("No salesperson covers this country"),
            "all_capped": _("Every salesperson covering this country is at a cap"),
            "straight_back": _("Only the salesperson who just gave it back could take it"),
            "reserved_full": _("Reserved to new salespeople, and none of them has room"),
            "cooldown_all": _("The salespeople with room gave it back recently (cool-down)"),
            "no_eligible": _("No salesperson may take it now"),
            "revival": _(
                "No purchase for %(days)s days (last on %(date)s): a dormant customer to revive"
            ),
            "claim_by_hand": _("Claimed by hand"),
            "release_by_hand": _("Released by hand"),
            "handover": _("Handed over by %(user)s"),
            "changed_by_hand": _("Salesperson changed by hand by %(user)s"),
            "joined_pool": _(
                "Its team, country, company, customer or salesperson changed by %(user)s: the "
                "lead came into the pool held by its salesperson, within his private cap"
            ),
            "joined_pool_by_manager": _(
                "Its team, country, company, customer or salesperson changed by %(user)s, "
                "with a manager's rights: the lead came into the pool held by its salesperson, "
                "outside the private cap"
            ),
            "passed_on": _(
                "Passed on by %(user)s: a claim of the new salesperson, whose claim cap counts "
                "it; the follow-up clock keeps running"
            ),
        }

    @api.model
    def _rule_sentences(self, rules, results=True):
        """{stored rule: sentence} for many rules at once (names read once).
        ``results``: False leaves out the receiver's conversion, for the lead's
        chatter, which every later reader of the lead reads (the event keeps it
        for the receiver and the managers)."""
        parsed = {rule: reasons.parse(rule) for rule in set(rules) if rule}
        user_ids = {
            params["user"]
            for name, params in parsed.values()
            if name and isinstance(params.get("user"), int)
        }
        # names only, to word the rule (the reader may not read other users)
        names = {user.id: user.name for user in self.env["res.users"].sudo().browse(user_ids)}
        langs = dict(self.env["res.lang"].get_installed())
        templates = self._rule_templates()

        def word(name, params):
            if name is None:
                return params  # plain text
            if name not in templates:
                return name
            values = dict(params)
            if "user" in values:
                values["user"] = names.get(values["user"], "-")
            if "lang" in values:
                values["lang"] = langs.get(values["lang"], values["lang"])
            if "date" in values:
                values["date"] = format_date(self.env, values["date"])
            if "cause" in values:
                values["cause"] = word(*reasons.parse(values["cause"]))
            text = templates[name] % values
            if name == "round_robin":
                extras = [
                    templates[f"round_robin_{key}"] % values
                    for key in ("lang", "hours", "conversion")
                    if key in values and (results or key != "conversion")
                ]
                text = "; ".join([text, *extras])
            return text

        result = {}
        for rule, (name, params) in parsed.items():
            if name is None:
                result[rule] = rule  # plain text from before codes
                continue
            try:
                result[rule] = word(name, params)
            except (KeyError, TypeError, ValueError):
                result[rule] = rule  # values that do not fit the wording: show them
        return result
