# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, sql
from odoo.tools.mail import email_normalize

from odoo.addons.crossborder_ops.locks import write_rows_first

from ..monitor import routing
from .crossborder_buyer_message import POST_KEY
from .crossborder_recurrence import KEY_FIELDS as RECURRENCE_KEY_FIELDS
from .helpdesk_ticket_category import CS_STAGES, INQUIRY_TYPES
from .mail_thread import AUTO_REPLY_KEY
from .todo_summaries import in_every_language

ATTRIBUTION_STATES = [
    ("pending", "Waiting for the department"),
    ("confirmed", "Confirmed by the department"),
    ("disputed", "Disputed by the department"),
    ("kept", "Kept by customer service"),
]
# the department answered for the cause (or, kept, a helpdesk manager decided over
# its dispute): clearing it or marking the ticket a duplicate keeps the answer
ANSWERED = ("confirmed", "disputed", "kept")


# written by the system only (see crossborder.system.owned.mixin)
SYSTEM_FIELDS = frozenset(
    {
        "root_cause_link",
        "responsible_department_id",
        "root_cause_required",
        "attribution_state",
        "attribution_note",
        "attribution_user_id",
        "attribution_disputed",
        "attribution_disputed_user_ids",
        "answer_before_duplicate",
        "classified_by_id",
        "closed_by_id",
        "closed_by_customer",
        "first_response_date",
        "first_response_hours",
        "first_response_user_id",
        "first_response_message_id",
        "first_response_kept",
        "resolution_hours",
        "reopen_count",
        "reopened_by_id",
        "reopened_date",
        "customer_came_back",
        "customer_wrote",
        "recurrence_ids",
        "in_recurrence",
    }
)
# --- buyer-message SLA (issue 12, item 5) ---
SYSTEM_FIELDS |= {"buyer_message_ids"}
# --- end buyer-message SLA ---

# --- numbers: when a ticket was classified (begin) ---
SYSTEM_FIELDS |= {"classified_date", "classified_department_id"}
# the stamps resolution and assignment are measured from (OCA's write sets them when
# the stage or the agent changes): a date written by hand would fake a trial's figures
SYSTEM_FIELDS |= {"closed_date", "assigned_date"}
# --- numbers (end) ---
# what a reopening writes (by SQL: system fields nothing depends on)
REOPEN_FIELDS = ["reopen_count", "customer_came_back", "reopened_by_id", "reopened_date"]
# on the cursor while tickets are created: the notice of their creation, which mail
# posts in the name of whoever creates them, is the system's (no client reaches it)
CREATING_KEY = "crossborder_ticket_creating"
# what the close gate depends on: writing any of them checks it again
CLOSE_GATE_FIELDS = frozenset(
    {"stage_id", "root_cause_id", "cs_stage", "category_id", "team_id", "duplicate_id"}
)
# internal classification and measures: customers reading their own ticket
# (portal pages, JSON-RPC) see their ticket, not the blame
INTERNAL = "base.group_user"


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    # the evidence mixin first: it extends mail.thread, a base of the ticket
    _inherit = [
        "crossborder.evidence.thread.mixin",
        "helpdesk.ticket",
        "crossborder.system.owned.mixin",
    ]
    _check_company_auto = True
    _cbo_system_fields = SYSTEM_FIELDS

    # where the ticket came from decides which response rules clock it: on record
    channel_id = fields.Many2one(tracking=True)
    cs_stage = fields.Selection(
        CS_STAGES,
        string="CS stage",
        compute="_compute_cs_defaults",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        group_expand=True,  # columns in the order of a sale: pre, in, after
        help="Before, during or after the sale: from the category or the channel, editable.",
    )
    inquiry_type = fields.Selection(
        INQUIRY_TYPES,
        compute="_compute_cs_defaults",
        store=True,
        readonly=False,
        tracking=True,
        help="Product questions (size, plug, material, use) or service questions "
        "(shipping, customs, returns, refunds).",
        string="Inquiry type",
    )
    marketplace_order_ref = fields.Char(string="Marketplace order", index="trigram", tracking=True)
    buyer_country_id = fields.Many2one(
        "res.country",
        string="Buyer country",
        compute="_compute_buyer_defaults",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    buyer_lang_id = fields.Many2one(
        "res.lang",
        string="Buyer language",
        compute="_compute_buyer_defaults",
        store=True,
        readonly=False,
        context={"active_test": False},
        help="Answer templates are written in it when the language is active in the "
        "database; otherwise in the company's language, and the agent is told.",
    )
    # the buyer's to read on his ticket (the late-delivery answer names it too): the
    # carrier of his own parcel; which carrier is to blame stays internal
    carrier = fields.Char(
        help="Carrier of the shipment, e.g. DHL, Yanwen, 4PX. The buyer reads it on his "
        "ticket; the carrier to blame stays internal."
    )
    # the ticket a duplicate's problem is counted on: of the duplicate's company
    # (another company's counts would take it). Internal, as the classification it
    # replaces (_has_field_access: helpdesk's views show them to portal users too,
    # so no field groups): its customer read on his ticket another customer's
    # ticket (its name is read as superuser) and that his problem was counted elsewhere
    duplicate_id = fields.Many2one(check_company=True)
    root_cause_id = fields.Many2one(
        "crossborder.root.cause",
        string="Root cause",
        tracking=True,
        # a copy is a new problem, classified when it is known (a copied cause
        # counted a second problem at once and asked the department again)
        copy=False,
        index="btree_not_null",
        check_company=True,
        groups=INTERNAL,
    )
    root_cause_link = fields.Selection(
        string="Link", related="root_cause_id.link", store=True, index=True, groups=INTERNAL
    )
    responsible_department_id = fields.Many2one(
        "hr.department",
        string="Responsible department",
        related="root_cause_id.department_id",
        store=True,
        index="btree_not_null",
        groups=INTERNAL,
    )
    root_cause_required = fields.Boolean(
        string="After-sales problem",
        compute="_compute_root_cause_required",
        store=True,
        copy=False,
        groups=INTERNAL,
        help="The ticket is, or once was, an after-sales problem (by its CS stage or its "
        "category). Where its team requires root causes it closes only with one, even if "
        "it is relabelled later; a misfiled question takes a 'no fault' cause.",
    )
    attribution_state = fields.Selection(
        ATTRIBUTION_STATES,
        compute="_compute_attribution",
        store=True,
        tracking=True,
        copy=False,
        groups=INTERNAL,
        help="Waiting as soon as the ticket has a cause; only the responsible department's "
        "manager (or a helpdesk manager, for a department without a manager) confirms or "
        "disputes it. Kept by customer service: a helpdesk manager kept the cause over the "
        "department's dispute (the chatter says who and why; the note stays the department's).",
        string="Attribution",
    )
    attribution_note = fields.Text(
        compute="_compute_attribution",
        store=True,
        copy=False,
        groups=INTERNAL,
        string="Department's note",
    )
    attribution_user_id = fields.Many2one(
        "res.users",
        string="Answered by",
        compute="_compute_attribution",
        store=True,
        copy=False,
        groups=INTERNAL,
    )
    attribution_disputed = fields.Boolean(
        string="Cause disputed once",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="The responsible department disputed a cause of this ticket. It stays set when "
        "the cause changes afterwards: the trial measure 'attributions disputed' counts it.",
    )
    attribution_disputed_user_ids = fields.Many2many(
        "res.users",
        "helpdesk_ticket_disputed_user_rel",
        "ticket_id",
        "user_id",
        string="Classifications disputed of",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="Who had classified the ticket each time the department disputed its cause: "
        "the trial measure 'attributions disputed' counts the dispute for each of them, "
        "whoever holds the ticket later.",
    )
    answer_before_duplicate = fields.Json(
        string="Answer kept while a duplicate",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="The cause its department had answered for when the ticket was marked as a "
        "duplicate, with the answer: unmarked, the ticket gets both back.",
    )
    first_response_kept = fields.Json(
        string="First response kept aside",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="The first response as it was stamped, kept while the ticket's customer is one "
        "who did not receive it: given back the customer who did, the ticket gets it back.",
    )
    first_response_date = fields.Datetime(
        readonly=True, copy=False, groups=INTERNAL, string="First response on"
    )
    first_response_hours = fields.Float(
        string="First response (h)",
        readonly=True,
        copy=False,
        aggregator="avg",
        groups=INTERNAL,
    )
    first_response_user_id = fields.Many2one(
        "res.users",
        string="First answered by",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="Who wrote the customer's first answer (a message he received, with words in "
        "it), whoever held the ticket then: the trial measure 'first response' counts the "
        "ticket for him, whoever holds it later.",
    )
    first_response_message_id = fields.Many2one(
        "mail.message",
        string="First response",
        readonly=True,
        copy=False,
        ondelete="set null",
        groups=INTERNAL,
        help="The customer's first answer. Given another customer, the ticket keeps it only "
        "if the new customer received it too, and gets it back with a customer who did.",
    )
    resolution_hours = fields.Float(
        string="Resolution (h)",
        compute="_compute_resolution_hours",
        store=True,
        aggregator="avg",
        groups=INTERNAL,
    )
    reopen_count = fields.Integer(
        readonly=True,
        copy=False,
        groups=INTERNAL,
        string="Reopened",
        help="How often the closed ticket was reopened: moved back to an open stage, or "
        "written to again by the customer (once per closing, even if his team keeps the "
        "ticket closed).",
    )
    # who reopened it last, and when: a reopening counts against the agent who
    # closed the ticket (his trial's reopen rate), so the decider sees whose it was
    reopened_by_id = fields.Many2one(
        "res.partner",
        string="Last reopened by",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="Who reopened the closed ticket last: the customer writing again, or the "
        "person who moved it back to an open stage.",
    )
    reopened_date = fields.Datetime(
        string="Last reopened on", readonly=True, copy=False, groups=INTERNAL
    )
    customer_came_back = fields.Boolean(
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="The customer wrote again since the ticket was last closed, and it was "
        "counted in Reopened (his team keeps tickets closed): reopening it counts no "
        "second time.",
    )
    # the customer's side on record, stamped when he writes: judged against the
    # customer of the time, a ticket whose customer was changed afterwards left
    # the trial measures of the agent who changed it (outside audit 32, A1)
    customer_wrote = fields.Boolean(
        string="Customer wrote on it",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="The ticket's customer (or a contact of his company) wrote on it, by "
        "e-mail or on the portal: a ticket the staff typed in counts in the trial "
        "measures from then on, whoever its customer is later.",
    )
    # who the ticket is for is a fact of the measures (see customer_wrote)
    partner_id = fields.Many2one(tracking=True)
    # whom answers must reach when the ticket has no contact: its changes are told
    partner_email = fields.Char(tracking=True)
    recurrence_ids = fields.Many2many(
        "crossborder.recurrence",
        "crossborder_recurrence_ticket_rel",
        "ticket_id",
        "recurrence_id",
        string="Recurrences",
        readonly=True,
        copy=False,
        groups=INTERNAL,
    )
    in_recurrence = fields.Boolean(
        compute="_compute_in_recurrence", store=True, groups=INTERNAL, string="In a recurrence"
    )
    has_answer_template = fields.Boolean(
        compute="_compute_has_answer_template",
        groups=INTERNAL,
        help="The ticket's root cause has an answer template.",
        string="Has an answer template",
    )
    country_spec_id = fields.Many2one(
        "crossborder.country.spec",
        compute="_compute_country_spec_id",
        string="Country specs",
        groups=INTERNAL,
    )
    # --- buyer-message SLA (issue 12, item 5) ---
    buyer_message_ids = fields.One2many(
        "crossborder.buyer.message",
        "ticket_id",
        string="Buyer messages",
        readonly=True,
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="Each message of the buyer and its response clock: met by your reply "
        "(not a note), late after its deadline, or marked 'no response needed'.",
    )
    # --- end buyer-message SLA ---

    # --- numbers: when a ticket was classified (begin) ---
    classified_date = fields.Datetime(
        string="Classified on",
        compute="_compute_classified_date",
        store=True,
        copy=False,
        index="btree_not_null",
        groups=INTERNAL,
        help="When the ticket first got a root cause. The weekly feedback counts the ticket "
        "once, in the period of this date. Changing the cause keeps the date, unless a "
        "feedback counted the ticket already for another department: reclassified to a new "
        "department, it is dated again so that this department's next feedback counts it "
        "(as a late classification when the ticket was opened earlier). Removing the cause "
        "clears the date only while no feedback has counted the ticket yet.",
    )
    classified_department_id = fields.Many2one(
        "hr.department",
        string="Classified for",
        compute="_compute_classified_date",
        store=True,
        copy=False,
        groups=INTERNAL,
        help="The department whose feedback counts the ticket in the period of its "
        "classification date.",
    )

    classified_by_id = fields.Many2one(
        "res.users",
        string="Classified by",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="Who set the current root cause. A dispute of the department counts for him in "
        "his trial's measures.",
    )

    closed_by_id = fields.Many2one(
        "res.users",
        string="Closed by",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="Who closed the ticket the first time, whoever held it then (its agent when "
        "the system closed it; nobody when the customer closed it himself). If the ticket "
        "is reopened, or the customer writes again, the reopening counts in his trial "
        "reopen rate, whoever holds the ticket later, archived or not.",
    )
    closed_by_customer = fields.Boolean(
        string="Closed by the customer",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="The customer closed the ticket himself the first time (the Close button of "
        "his ticket page): the closing is no agent's, and its reopenings count against "
        "nobody, whoever closes it later.",
    )

    def _set_classifier(self):
        """Who set the cause: the current user (not a compute, which runs as
        whoever flushes), nobody for the system's scheduled actions and data."""
        user = self.env.user if self.env.uid != SUPERUSER_ID else self.env["res.users"]
        # sudo: a system field, written for whoever classified
        tickets = self.sudo()
        with_cause = tickets.filtered("root_cause_id")
        if with_cause:
            with_cause.write({"classified_by_id": user.id})
        if tickets - with_cause:
            (tickets - with_cause).write({"classified_by_id": False})

    def _set_closed_by(self, agents=None):
        """Stamp who closed these tickets the first time: the company's user who
        closes them, whoever holds them (handing his ticket to a colleague, closing
        it and taking it back, in one save or several, leaves the closing his; a
        colleague closing his ticket takes the closing on her). When the system
        closes it (scheduled actions, data), the ticket's agent: ``agents`` is
        {ticket id: its agent before the save}, when the save that closes it also
        gives it another agent; a ticket created closed has none. The customer
        closing his own ticket (the portal's Close, which runs as him with
        ``sudo()``) closes it for nobody: "Closed by the customer", and no later
        closing makes it an agent's (its reopenings count against nobody)."""
        user = self.env.user
        system = self.env.uid == SUPERUSER_ID
        closer = user if not system and user._is_internal() else user.browse()
        # sudo: a system field, written for whoever closes
        tickets = self.sudo().filtered(lambda t: not t.closed_by_id and not t.closed_by_customer)
        if not tickets:
            return
        if not system and not closer:
            tickets.write({"closed_by_customer": True})
            return

        def closed_by(ticket):
            if closer:
                return closer
            agent = ticket.user_id if agents is None else agents.get(ticket.id, user.browse())
            return agent if agent and agent._is_internal() else ticket.user_id

        for agent, group in tickets.grouped(closed_by).items():
            if agent:
                group.write({"closed_by_id": agent.id})

    @api.depends("root_cause_id")
    def _compute_classified_date(self):
        # the first classification dates the ticket; a ticket already counted by a
        # feedback keeps its date, so that classifying it again never counts it twice,
        # except for a department that never heard of it: reclassified to another
        # department, it is dated again and reaches that department's next feedback
        now = fields.Datetime.now()

        def moved(ticket):
            # cleared, or given a cause of another department than the one dated
            # (or of none: nobody's fault)
            department = ticket.root_cause_id.department_id
            return ticket.classified_date and (
                not ticket.root_cause_id or department != ticket.classified_department_id
            )

        counted = self.filtered(moved)._cbo_counted_by_feedback()
        for ticket in self:
            department = ticket.root_cause_id.department_id
            if not ticket.classified_date and ticket.root_cause_id:
                ticket.classified_date = now
                ticket.classified_department_id = department
            elif not moved(ticket):
                # same department, or nobody's fault again: nothing changes
                ticket.classified_date = ticket.classified_date
                ticket.classified_department_id = ticket.classified_department_id
            elif not department:
                # cleared, or nobody's fault: once counted, the date and its
                # department stay; not counted yet, no department's feedback counts
                # it now (a cleared one is not classified any more)
                counted_here = ticket in counted
                ticket.classified_date = (
                    counted_here or ticket.root_cause_id
                ) and ticket.classified_date
                ticket.classified_department_id = counted_here and ticket.classified_department_id
            else:
                # counted for another department, or while it was nobody's fault:
                # this one hears of it in its next feedback; not counted yet, its
                # period's feedback counts it here
                if ticket in counted:
                    ticket.classified_date = now
                ticket.classified_department_id = department

    def _cbo_counted_by_feedback(self):
        """The tickets whose classification date falls in a period for which their
        company's feedback is already written."""
        if not self:
            return self
        dates = [fields.Date.to_date(d) for d in self.mapped("classified_date")]
        feedbacks = (
            self.env["crossborder.feedback"]
            .sudo()  # system bookkeeping: whoever classifies, every digest counts
            .search_fetch(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("date_from", "<=", max(dates)),
                    ("date_to", ">=", min(dates)),
                ],
                ["company_id", "date_from", "date_to"],
            )
        )
        return self.filtered(
            lambda t: any(
                f.company_id == t.company_id
                and f.date_from <= t.classified_date.date() <= f.date_to
                for f in feedbacks
            )
        )

    @api.model
    def _cbo_problem_domain(self, faults_only=False):
        """What a customer problem is, for every count of them (the weekly feedback
        here, the problem rates and the supplier and carrier scorecards of the sales
        addon): a ticket with a root cause, whatever its CS stage. The cause says
        there was a problem and whose it is; the stage only says when in the sale
        the customer wrote, and relabelling a classified ticket (an after-sales
        problem called a pre-sales question, or no stage at all) takes its problem
        and its cost out of no count. A duplicate has no cause: the ticket it
        duplicates counts its problem. ``faults_only`` leaves out the causes
        nobody is at fault for ("no fault"), which the rates do not count and the
        feedback's overview lists on their own line."""
        domain = Domain("root_cause_id", "!=", False)
        if faults_only:
            domain &= Domain("root_cause_link", "!=", "no_fault")
        return domain

    def _cbo_problem_facts(self):
        """What each ticket's problem cost and who it names, for the feedback:
        {ticket id: {"cost": float, "supplier_id": id, "carrier_id": id}}. Nothing
        here: the sales addon knows refunds, reshipments, suppliers and carriers."""
        return {}

    # --- numbers (end) ---

    # the monitor report groups a million tickets by link x department x month
    # trial measures and routing quality (issue 16): one agent's tickets of a window,
    # archived ones included (archiving a ticket does not undo the work), and the
    # tickets that were his when first closed (his reopen rate)
    _cbo_agent_window_idx = models.Index("(user_id, create_date)")
    _cbo_closer_window_idx = models.Index(
        "(closed_by_id, create_date) WHERE closed_by_id IS NOT NULL"
    )
    _cbo_first_responder_window_idx = models.Index(
        "(first_response_user_id, create_date) WHERE first_response_user_id IS NOT NULL"
    )
    _cbo_monitor_idx = models.Index(
        "(root_cause_link, responsible_department_id, create_date) "
        "WHERE active OR root_cause_id IS NOT NULL"
    )

    def _auto_init(self):
        # "Classified for" of the tickets classified before it existed: the
        # department of their cause, written before the ORM would compute it (a
        # computation would date every classification again, as reclassified)
        cr = self.env.cr
        if (
            not sql.column_exists(cr, self._table, "classified_department_id")
            and sql.column_exists(cr, self._table, "classified_date")
            and sql.column_exists(cr, self._table, "responsible_department_id")
        ):
            sql.create_column(cr, self._table, "classified_department_id", "int4")
            cr.execute(
                SQL(
                    "UPDATE %s SET classified_department_id = responsible_department_id "
                    "WHERE classified_date IS NOT NULL",
                    SQL.identifier(self._table),
                )
            )
        return super()._auto_init()

    # ------------------------------------------------------------------
    @api.depends("category_id", "channel_id")
    def _compute_cs_defaults(self):
        for ticket in self:
            if not ticket.cs_stage:
                ticket.cs_stage = ticket.category_id.cs_stage or ticket.channel_id.cs_stage or False
            if not ticket.inquiry_type:
                ticket.inquiry_type = ticket.category_id.inquiry_type or False

    @api.depends("cs_stage", "category_id.cs_stage")
    def _compute_root_cause_required(self):
        # sticky: relabelling an after-sales ticket does not lift the close gate
        for ticket in self:
            ticket.root_cause_required = (
                ticket.root_cause_required
                or ticket.cs_stage == "after_sales"
                or ticket.category_id.cs_stage == "after_sales"
            )

    @api.depends("root_cause_id")
    def _compute_attribution(self):
        # follows the cause actually stored: a new cause asks its department again
        for ticket in self:
            ticket.attribution_state = "pending" if ticket.root_cause_id else False
            ticket.attribution_note = False
            ticket.attribution_user_id = False

    @api.depends("partner_id")
    def _compute_buyer_defaults(self):
        langs = {
            lang.code: lang
            for lang in self.env["res.lang"].with_context(active_test=False).search([])
        }
        for ticket in self:
            if not ticket.buyer_country_id:
                ticket.buyer_country_id = ticket.partner_id.country_id
            if not ticket.buyer_lang_id and ticket.partner_id.lang:
                ticket.buyer_lang_id = langs.get(ticket.partner_id.lang, False)

    @api.depends("closed_date", "create_date")
    def _compute_resolution_hours(self):
        for ticket in self:
            if ticket.closed_date and ticket.create_date:
                ticket.resolution_hours = round(
                    (ticket.closed_date - ticket.create_date).total_seconds() / 3600.0, 2
                )
            else:
                ticket.resolution_hours = 0.0

    @api.depends("recurrence_ids.state")
    def _compute_in_recurrence(self):
        # a withdrawn recurrence was no recurrence: its classifications did not hold
        for ticket in self:
            ticket.in_recurrence = any(r.state != "withdrawn" for r in ticket.recurrence_ids)

    @api.depends("root_cause_id.template_ids")
    def _compute_has_answer_template(self):
        for ticket in self:
            ticket.has_answer_template = bool(ticket.root_cause_id.template_ids)

    @api.depends("buyer_country_id")
    def _compute_country_spec_id(self):
        specs = {
            spec.country_id.id: spec
            for spec in self.env["crossborder.country.spec"].search(
                [("country_id", "in", self.buyer_country_id.ids)]
            )
        }
        for ticket in self:
            ticket.country_spec_id = specs.get(ticket.buyer_country_id.id, False)

    # ------------------------------------------------------------------
    def _cbo_token_for_caller(self):
        """Whether the caller may be handed the ticket's link token, which lets whoever
        holds it write as the customer without a login: the system (the customer's
        e-mails carry it) and the customer's side (portal); a colleague opens the
        ticket logged in."""
        return self.env.su or not self.env.user._is_internal() or self.env.user._is_system()

    def _sign_token(self, pid):
        # sudo: the signature of the customer's e-mail links is made from the token,
        # also when a colleague's message notifies him; no client calls this (private)
        # and the share wizard passes a colleague no pid (_get_share_url)
        return super(HelpdeskTicket, self.sudo())._sign_token(pid)

    def _portal_ensure_token(self):
        # the token as the caller may be handed it: none for a colleague (get_portal_url
        # and the share wizard build their links with this)
        return super()._portal_ensure_token() if self._cbo_token_for_caller() else ""

    def get_portal_url(
        self, suffix=None, report_type=None, download=None, query_string=None, anchor=None
    ):
        url = super().get_portal_url(
            suffix=suffix,
            report_type=report_type,
            download=download,
            query_string=query_string,
            anchor=anchor,
        )
        if self._cbo_token_for_caller():
            return url
        # built with an empty token (_portal_ensure_token): a colleague logs in to open it
        url = url.replace("?access_token=", "?", 1)
        return url.replace("?&", "?").removesuffix("?")

    def _get_share_url(self, redirect=False, signup_partner=False, pid=None, share_token=True):
        # the share wizard shows its link to the colleague who opens it, and posts
        # the customer's (his pid and its signature) as a note in the chatter
        if not self._cbo_token_for_caller():
            share_token, pid = False, None
        return super()._get_share_url(
            redirect=redirect, signup_partner=signup_partner, pid=pid, share_token=share_token
        )

    def _cbo_system_how(self):
        return self.env._(
            "These values follow the ticket's messages, stage and agent, its cause "
            "(confirmed or disputed with the ticket's buttons) and the recurrences found "
            "from it: change those instead."
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, creating=True)
        self._check_own_companies(vals_list)
        self._check_root_cause_values(vals_list)
        # OCA fills in the dicts it is given (number, assigned date): copies, so that an
        # import that retries them row by row after a failure sends what the user typed
        cache = self.env.cr.cache
        outer = cache.get(CREATING_KEY)
        cache[CREATING_KEY] = True
        try:
            tickets = super().create([dict(vals) for vals in vals_list])
        finally:
            cache[CREATING_KEY] = outer
        tickets.filtered("duplicate_id")._check_duplicate_of_readable()
        # unassigned, or given by default to someone outside the team (e.g. the mail gateway)
        tickets.filtered(
            lambda t: t.team_id
            and t.cs_stage
            and (not t.user_id or t.user_id not in t.team_id.user_ids)
        )._route_to_agents()
        tickets._check_root_cause_to_close()
        tickets._check_root_cause_to_archive()  # created archived (a copy, an import)
        born_closed = tickets.sudo().filtered(lambda t: t.stage_id.closed)
        if born_closed:
            # OCA stamps the closing date when a ticket moves to a closed stage
            # (write): one created closed was closed when it was created
            born_closed.filtered(lambda t: not t.closed_date).write(
                {"closed_date": self.env.cr.now()}
            )
            tickets.browse(born_closed.ids)._set_closed_by(agents={})
        with_cause = tickets.sudo().filtered("root_cause_id")
        if with_cause:
            tickets.browse(with_cause.ids)._set_classifier()
            self.env["crossborder.recurrence"]._detect_for(with_cause)
        return tickets

    def write(self, vals):
        self._check_system_fields([vals])
        self._check_own_companies([vals])
        self._check_root_cause_values([vals])
        duplicating = bool(vals.get("duplicate_id"))
        if duplicating:
            self._lock_duplicate_marks(vals["duplicate_id"])
        answers = self._answers_to_keep() if duplicating else None
        if duplicating and "root_cause_id" not in vals and self.sudo().filtered("root_cause_id"):
            # a duplicate is no problem of its own: the ticket it duplicates counts it
            # (recurrences, feedback, rates); its cause goes, as a reclassification's would
            vals = dict(vals, root_cause_id=False)
        if "root_cause_id" in vals:
            cause = vals["root_cause_id"]
            cause = cause.id if isinstance(cause, models.BaseModel) else cause or False
            same = self.filtered(lambda t: t.root_cause_id.id == cause)
            if same:
                # saving the cause a ticket already has is no new cause: the
                # department's answer (confirmed, disputed) stays
                rest = {k: v for k, v in vals.items() if k != "root_cause_id"}
                if rest:
                    same.write(rest)
                return (self - same).write(vals) if self - same else True
        if "root_cause_id" in vals and not vals["root_cause_id"] and not duplicating:
            self._check_answered_cause_kept()
        if "channel_id" in vals:
            self._check_clocked_channel_kept(vals["channel_id"])
        if "team_id" in vals:
            self._check_cause_kept_on_team_change(vals["team_id"])
            if not vals["team_id"]:
                self._check_team_kept_with_sla()
        if vals.get("stage_id"):
            new_stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            reopened = self.filtered(lambda t: t.stage_id.closed and not new_stage.closed)
            closing = self.filtered(lambda t: not t.stage_id.closed and new_stage.closed)
        else:
            reopened = closing = self.browse()
        # the agents before a save that closes tickets and gives them another agent
        agents = {t.id: t.user_id for t in closing.sudo()} if "user_id" in vals else None
        handed = (
            self.sudo().filtered(lambda t: t.user_id.id != vals["user_id"])
            if vals.get("user_id")
            else self.browse()
        )
        result = super().write(dict(vals))  # OCA adds its dates to the dict (see create)
        if "duplicate_id" in vals:
            self._follow_duplicate_mark(answers)
        if closing:
            closing._set_closed_by(agents)
        if reopened:
            # a customer's coming back already counted on the closed ticket (its team
            # keeps tickets closed) is not counted again when an agent reopens it
            self.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET reopen_count = coalesce(reopen_count, 0) + "
                    "CASE WHEN customer_came_back THEN 0 ELSE 1 END, customer_came_back = FALSE, "
                    "reopened_by_id = %s, reopened_date = %s WHERE id IN %s",
                    self.env.user.partner_id.id,
                    fields.Datetime.now(),
                    tuple(reopened.ids),
                )
            )
            reopened.invalidate_recordset(REOPEN_FIELDS)
        if CLOSE_GATE_FIELDS.intersection(vals):
            self._check_root_cause_to_close()
        if "active" in vals or CLOSE_GATE_FIELDS.intersection(vals):
            # archived open without its cause: by archiving it, or by clearing the
            # cause, reopening or relabelling a ticket archived already
            self._check_root_cause_to_archive()
        self._follow_customer(vals, handed)
        self._follow_classification(vals)
        return result

    def _follow_customer(self, vals, handed):
        """After a write: the buyer's reminders follow the agent, the answers the
        customer."""
        if handed:
            self.env["crossborder.buyer.message"]._hand_over_reminders(handed)
        if {"partner_id", "partner_email"}.intersection(vals):
            self._answers_follow_customer()

    def _answers_follow_customer(self):
        """Given another customer, a ticket keeps its first response, and its buyer
        messages their answers, only where the new customer received them too: an
        answer sent to whoever was put in as the customer (a colleague, another
        contact), the customer put back afterwards, answered nobody. What the new
        customer did not receive is kept aside, as it was stamped, and comes back
        with a customer who did: a change back and forth drops no slow answer."""
        Clock = self.env["crossborder.buyer.message"].sudo()
        Message = self.env["mail.message"].sudo()
        # sudo: the stamps are the system's, whoever changes the customer
        tickets = self.sudo()
        lost = tickets.filtered(
            lambda t: t.first_response_message_id
            and not Clock._received_by_customer(t, t.first_response_message_id)
        )
        back = (tickets - lost).filtered(
            lambda t: t.first_response_kept
            and Clock._received_by_customer(t, Message.browse(t.first_response_kept["message"]))
            and (
                not t.first_response_date
                or t.first_response_kept["date"] < fields.Datetime.to_string(t.first_response_date)
            )
        )
        for ticket in lost:  # one customer changed at a time: each its own stamps
            ticket.write(
                {
                    "first_response_kept": {
                        "message": ticket.first_response_message_id.id,
                        "user": ticket.first_response_user_id.id,
                        "date": fields.Datetime.to_string(ticket.first_response_date),
                        "hours": ticket.first_response_hours,
                    },
                    "first_response_date": False,
                    "first_response_hours": 0.0,
                    "first_response_user_id": False,
                    "first_response_message_id": False,
                }
            )
        for ticket in back:
            kept = ticket.first_response_kept
            ticket.write(
                {
                    "first_response_message_id": kept["message"],
                    "first_response_user_id": kept["user"],
                    "first_response_date": kept["date"],
                    "first_response_hours": kept["hours"],
                    "first_response_kept": False,
                }
            )
        clocks = Clock.search([("ticket_id", "in", self.ids)])
        clocks.filtered("answer_message_id")._reopen_unreceived()
        clocks._answers_back()

    @api.ondelete(at_uninstall=False)
    def _unlink_leaves_recurrences(self):
        """A helpdesk manager deletes tickets (a duplicate, spam): they leave the
        recurrences that counted them, as a reclassification does, so that no
        recurrence counts tickets it no longer has."""
        self.env["crossborder.recurrence"]._revise_for(self, deleted=True)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_duplicates(self):
        """The ticket a duplicate's problem is counted on stays while it has
        duplicates: deleted, it turned them into ordinary tickets, closed without a
        cause, whose problem was counted nowhere."""
        # sudo: the duplicates count, whoever may read them
        kept = self.sudo().duplicate_ids - self.sudo()
        if kept:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is counted for its duplicates (%(duplicates)s): delete "
                    "them with it, or unmark and classify them first.",
                    ticket=kept[0].duplicate_id.display_name,
                    duplicates=", ".join(kept.mapped("display_name")),
                )
            )

    def _follow_classification(self, vals):
        """After a write: who classified, the recurrences and the to-dos asking for
        a cause follow the ticket's cause, product, country and carrier."""
        if "root_cause_id" in vals:
            self._set_classifier()
        if self._recurrence_key_sources().intersection(vals):
            self._follow_recurrence_keys()
        if vals.get("root_cause_id"):
            self._close_classify_todos()
        elif vals.get("duplicate_id"):
            self._close_classify_todos(
                feedback=self.env._("Marked as a duplicate: it is not classified on its own.")
            )

    def _follow_recurrence_keys(self):
        """Reclassified (its cause, product, country or carrier may have changed):
        the ticket leaves the recurrences it no longer belongs to, and may make one
        with its new key."""
        Recurrence = self.env["crossborder.recurrence"]
        Recurrence._revise_for(self)
        classified = self.sudo().filtered("root_cause_id")
        if classified:
            Recurrence._detect_for(classified)

    def _recurrence_key_sources(self):
        """The ticket's fields whose write can change a recurrence key: the keys and,
        through their computes, what they are computed from (the sales addon's
        carrier follows the order linked to the ticket)."""
        sources, todo = set(), list(RECURRENCE_KEY_FIELDS)
        while todo:
            name = todo.pop()
            if name in self._fields and name not in sources:
                sources.add(name)
                depends = self.pool.field_depends[self._fields[name]]
                todo.extend(path.split(".")[0] for path in depends)
        return sources

    def _follow_duplicate_mark(self, answers):
        """After a write of the duplicate mark: marked, the tickets keep the
        department's ``answers`` (see ``_answers_to_keep``); unmarked, they get
        them back."""
        if answers is None:
            self._answers_back_after_duplicate()
            return
        self._check_duplicate_of_readable()
        for answer, tickets in answers.items():
            tickets.write({"answer_before_duplicate": dict(answer)})

    def _answers_to_keep(self):
        """{answer: tickets (sudo)} of the tickets being marked as duplicates whose
        cause their department answered for (confirmed, disputed): the cause goes,
        the answer is kept for an unmarking."""
        answers = {}
        for ticket in self.sudo().filtered(lambda t: t.attribution_state in ANSWERED):
            answer = (
                ("cause", ticket.root_cause_id.id),
                ("state", ticket.attribution_state),
                ("note", ticket.attribution_note or ""),
                ("user", ticket.attribution_user_id.id),
                ("by", ticket.classified_by_id.id),
            )
            answers[answer] = answers.get(answer, ticket.browse()) | ticket
        return answers

    def _answers_back_after_duplicate(self):
        """Unmarked as duplicates: a ticket whose department had answered for its
        cause gets the cause and the answer back (cleared and set again, the same
        cause asked the department again and closed the agent's 'review' to-do
        without any new classification). Another cause set in the same save is a
        new classification."""
        # sudo: the kept answer and the stamps are the system's
        back = self.sudo().filtered(
            lambda t: t.answer_before_duplicate
            and not t.duplicate_id
            and t.root_cause_id.id in (False, t.answer_before_duplicate["cause"])
        )
        # one pair of writes per answer kept, not per ticket: the cause (which
        # follows its recurrences and feedback), then the answer over it
        for answer, tickets in back.grouped(
            lambda t: tuple(sorted(t.answer_before_duplicate.items()))
        ).items():
            answer = dict(answer)
            tickets.write({"root_cause_id": answer["cause"]})
            tickets.write(
                {
                    "attribution_state": answer["state"],
                    "attribution_note": answer["note"] or False,
                    "attribution_user_id": answer["user"],
                    "classified_by_id": answer["by"],
                }
            )
        self.sudo().filtered(lambda t: t.answer_before_duplicate and not t.duplicate_id).write(
            {"answer_before_duplicate": False}
        )
        back.filtered(lambda t: t.attribution_state == "disputed")._ask_review_after_dispute()

    def _check_answered_cause_kept(self):
        """A cause its department answered for is replaced, not cleared: cleared
        and set again, the same cause asked the department again and closed the
        agent's 'review' to-do without any new classification."""
        if self.env.su:
            return
        answered = self.sudo().filtered(lambda t: t.attribution_state in ANSWERED)
        if answered:
            raise UserError(
                self.env._(
                    "%(department)s answered for the cause of %(ticket)s: choose another "
                    "cause instead of none (a new cause asks its department again).",
                    department=answered[0].responsible_department_id.name or "-",
                    ticket=answered[0].display_name,
                )
            )

    def _classify_summaries(self):
        """The to-dos that ask an agent to (re)classify a ticket."""
        return (
            self.env._("Closed by the customer without a root cause: classify it"),
            self.env._("Cause disputed: review the classification"),
        )

    def _close_classify_todos(self, feedback=None, disputed_only=False):
        """A new cause is set (or, ``disputed_only``, the department confirmed the
        cause it disputed): the to-dos asking for one have lost their reason,
        whoever removed it (in whatever language they were written)."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        summaries = in_every_language(
            self,
            lambda t: t._classify_summaries()[1:] if disputed_only else t._classify_summaries(),
        )
        # sudo: the one who removes the reason may not be the one the to-do was for
        activities = self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == todo and a.summary in summaries
        )
        if activities:
            activities.action_feedback(feedback=feedback or self.env._("A new root cause was set."))

    def set_sla(self):
        """The SLA lines of new tickets, made by the system (OCA calls it from
        create, as the user who creates the ticket). Made again on a ticket that
        has lines (its breaches gone), only by a helpdesk manager."""
        self.check_access("write")
        if self.sudo().ticket_sla_ids and not self._is_helpdesk_manager():
            raise AccessError(
                self.env._("Only a helpdesk manager sets the SLA deadlines of a ticket again.")
            )
        super(HelpdeskTicket, self.sudo()).set_sla()
        return True  # OCA returns None, which XML-RPC clients cannot receive

    def refresh_sla(self):
        """The SLA lines after a change of team, category or tags, as the system;
        a breached line stays (its breach happened)."""
        self.ensure_one()
        self.check_access("write")
        ticket = self.sudo()
        slas = ticket._get_sla()
        ticket.ticket_sla_ids.filtered(
            lambda line: line.sla_id not in slas and line.state != "expired" and not line.expired
        ).unlink()
        self.env["helpdesk.ticket.sla"].sudo().create(
            [{"ticket_id": ticket.id, "sla_id": sla.id} for sla in slas - ticket.sla_ids]
        )
        return True

    def _is_helpdesk_manager(self):
        return self.env.su or self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager")

    @api.model
    def _check_keeps_attribution(self):
        if not self._is_helpdesk_manager():
            raise AccessError(
                self.env._("Only a helpdesk manager keeps a cause over its department's dispute.")
            )

    def _check_cause_kept_on_team_change(self, team_id):
        """An after-sales ticket of a team that needs causes does not move, still
        without one, to a team that does not (that would close it uncaused)."""
        team = self.env["helpdesk.ticket.team"].browse(team_id)
        if not team_id or team.require_root_cause or self._is_helpdesk_manager():
            return
        uncaused = self.sudo().filtered(
            lambda t: t.root_cause_required
            and not t.root_cause_id
            and (not t.team_id or t.team_id.require_root_cause)
        )
        if uncaused:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is an after-sales problem without a root cause: set "
                    "its cause before moving it to %(team)s, which does not ask for one.",
                    ticket=uncaused[0].display_name,
                    team=team.sudo().name,
                )
            )

    def _check_clocked_channel_kept(self, channel_id):
        """The channel whose response rules clock a ticket's buyer messages is
        changed by a helpdesk manager only: switched away and back by an agent,
        the messages the buyer wrote in between started no clock, were never
        late and counted in no late-response figure (outside audit 59, F5)."""
        if self.env.su or self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager"):
            return
        # sudo: the ticket's SLA rules and clocks, which agents do not read
        clocked = self.sudo().filtered(
            lambda ticket: ticket.channel_id.id != (channel_id or False)
            and (
                ticket.buyer_message_ids
                or ticket.ticket_sla_ids.sla_id.filtered(
                    lambda sla: sla.channel_id == ticket.channel_id
                )
            )
        )
        if clocked:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s came through %(channel)s, whose response times run "
                    "on the buyer's messages: its channel stays (a helpdesk manager may "
                    "correct it).",
                    ticket=clocked[0].display_name,
                    channel=clocked[0].channel_id.name,
                )
            )

    def _check_team_kept_with_sla(self):
        """The SLA clocks of a ticket run on its team's working hours: a ticket
        with SLA lines moves to another team, it is not left without one."""
        timed = self.sudo().filtered("ticket_sla_ids")
        if timed:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s has SLA deadlines counted on its team's working "
                    "hours: move it to another team instead of leaving it without one.",
                    ticket=timed[0].display_name,
                )
            )

    def _check_own_companies(self, vals_list):
        """A ticket goes only into a company its writer works in: put in
        another, it left his colleagues' lists and his own while it still
        counted in his trial measures (outside audit 33, H1)."""
        if self.env.su:
            return
        companies = {vals["company_id"] for vals in vals_list if vals.get("company_id")}
        if self.env["res.company"].browse(companies) - self.env.user.company_ids:
            raise UserError(
                self.env._(
                    "A ticket goes only into a company you work in: ask someone of the "
                    "other company to take it over."
                )
            )

    def _check_root_cause_values(self, vals_list):
        """A cause is a record of the taxonomy: any other value (a name typed over
        RPC, ...) would silently clear the ticket's cause."""
        Cause = self.env["crossborder.root.cause"]
        for vals in vals_list:
            value = vals.get("root_cause_id")
            if value is None or value is False:
                continue
            if (isinstance(value, int) and not isinstance(value, bool)) or (
                isinstance(value, models.BaseModel) and value._name == Cause._name
            ):
                continue
            raise ValidationError(
                self.env._(
                    "Choose the root cause from the list of causes: %(value)s is not one.",
                    value=repr(value),
                )
            )

    def _cbo_closes_with_cause(self):
        """These tickets that close only with a root cause: after-sales (now or
        once) of teams that require a cause."""
        return self.sudo().filtered(
            lambda t: t.root_cause_required
            # a ticket without a team follows the default (teams require causes)
            and (not t.team_id or t.team_id.require_root_cause)
        )

    def _cbo_missing_cause(self):
        """These tickets that close only with a root cause and have none yet."""
        return self._cbo_closes_with_cause().filtered(
            lambda t: not t.root_cause_id
            and not t.duplicate_id  # its problem is the ticket it duplicates
        )

    @api.constrains("duplicate_id", "root_cause_id")
    def _check_duplicate_without_cause(self):
        """A duplicate's problem is counted once, on the ticket it duplicates."""
        duplicate = self.sudo().filtered(lambda t: t.duplicate_id and t.root_cause_id)
        if duplicate:
            raise ValidationError(
                self.env._(
                    "Ticket %(ticket)s is a duplicate of %(original)s: its problem is counted "
                    "on %(original)s, so classify that one (or unmark the duplicate first).",
                    ticket=duplicate[0].display_name,
                    original=duplicate[0].duplicate_id.display_name,
                )
            )

    @api.constrains("duplicate_id", "root_cause_id", "root_cause_required", "team_id")
    def _check_duplicate_of_a_problem(self):
        """A duplicate leaves the counts because the ticket it duplicates counts its
        problem: that ticket is another one, and no duplicate itself (marked as a
        duplicate of itself, or of each other, neither kept a cause, and the problem
        was counted nowhere). Checked when a ticket is marked, and when the ticket
        it duplicates changes (its cause cleared, relabelled, another team)."""
        # sudo: the marks of the tickets around it, whoever may read them
        tickets = self.sudo()
        for ticket in tickets.filtered("duplicate_id") | tickets.duplicate_ids:
            original = ticket.duplicate_id
            if original == ticket:
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s is not a duplicate of itself: mark it as a "
                        "duplicate of the other ticket of the same problem.",
                        ticket=ticket.display_name,
                    )
                )
            if ticket.duplicate_ids:
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s has duplicates of its own (%(duplicates)s): its "
                        "problem is counted on it. Mark the other ticket as the duplicate, "
                        "or unmark its duplicates first.",
                        ticket=ticket.display_name,
                        duplicates=", ".join(ticket.duplicate_ids.mapped("display_name")),
                    )
                )
            if original.duplicate_id:
                raise ValidationError(
                    self.env._(
                        "Ticket %(original)s is itself a duplicate of %(root)s: mark "
                        "%(ticket)s as a duplicate of %(root)s, whose problem is counted.",
                        ticket=ticket.display_name,
                        original=original.display_name,
                        root=original.duplicate_id.display_name,
                    )
                )
            if (
                ticket._cbo_closes_with_cause()
                and not original.root_cause_id
                and not original._cbo_closes_with_cause()
            ):
                # the problem would be counted nowhere: the duplicate loses its
                # cause, and the original closes without one
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s closes only with a root cause, and %(original)s "
                        "has none and needs none: as its duplicate, its problem would be "
                        "counted nowhere. Mark it as a duplicate of a ticket of the same "
                        "problem, or give %(original)s its cause first.",
                        ticket=ticket.display_name,
                        original=original.display_name,
                    )
                )

    def _lock_duplicate_marks(self, original):
        """Marks are checked against the tickets around them (no duplicate of a
        duplicate): marking writes these tickets' and their original's rows first,
        so that two agents marking two tickets as each other's duplicate at the same
        moment wait for each other, and the second fails to serialize and runs again
        on the mark the first saved (refused). Checked on its own, each saw the other
        ticket unmarked, and both became duplicates."""
        if isinstance(original, models.BaseModel):
            original = original.id
        elif isinstance(original, list | tuple):
            original = original[0] if original else False
        if not isinstance(original, int) or isinstance(original, bool):
            original = False
        write_rows_first(self | self.browse(original or []))

    def _check_duplicate_of_readable(self):
        """A ticket is marked as a duplicate of a ticket its agent reads (the one he
        picks on the screen): its problem is counted there, on a ticket he knows to
        be the same problem."""
        if self.env.su:
            return
        # sudo: the mark just saved is read to check the user's right on it
        marked = self.sudo().filtered("duplicate_id")
        originals = marked.duplicate_id.with_env(self.env)
        hidden = originals - originals._filtered_access("read")
        if hidden:
            ticket = marked.filtered(lambda t: t.duplicate_id in hidden)[:1]
            raise AccessError(
                self.env._(
                    "Ticket %(ticket)s is marked as a duplicate of a ticket you cannot "
                    "read: mark it as a duplicate of a ticket of the same problem that "
                    "you can open.",
                    ticket=ticket.display_name,
                )
            )

    def _check_root_cause_to_close(self):
        """After-sales tickets (now or once, by CS stage or category) of teams that
        require it enter a closed stage, or one that requires a cause, only with a
        root cause. Called after the change, so it reads what is saved: clearing
        the cause and closing in one save is refused too."""
        missing = self._cbo_missing_cause().filtered(
            lambda t: t.stage_id.closed or t.stage_id.require_root_cause
        )
        if not missing:
            return
        if self.env.su and self.env.context.get("cbo_closed_by_customer"):
            # only the portal close route sets this, after checking the customer's
            # access; clients cannot reach a superuser environment
            missing._ask_cause_after_customer_close()
            return
        raise UserError(
            self.env._(
                "Ticket %(ticket)s cannot be moved to %(stage)s without a root cause: "
                "say which link of the chain caused the problem, so that its "
                "department hears about it.",
                ticket=missing[0].display_name,
                stage=missing[0].stage_id.name,
            )
        )

    def _check_root_cause_to_archive(self):
        """Archiving an open ticket takes it out of every list like closing it: one
        that could close only with a root cause is archived with its cause, or by
        a helpdesk manager (a duplicate, spam); the system's scheduled actions and
        data archive freely. Called after the change, like the close gate."""
        if self.env.su or self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager"):
            return
        missing = self._cbo_missing_cause().filtered(
            lambda t: not t.active and not t.stage_id.closed
        )
        if missing:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is not archived without a root cause: say which "
                    "link of the chain caused the problem (or close it with its cause), "
                    "so that its department hears about it. A helpdesk manager archives "
                    "duplicates and spam.",
                    ticket=missing[0].display_name,
                )
            )

    def _ask_cause_after_customer_close(self):
        """The customer closed his after-sales ticket before it had a cause: the
        ticket closes (it is his), and its agent is asked to classify it so that
        the department still hears about the problem. Once per ticket however often
        he closes it, written in the agent's language, not the customer's."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        asked = in_every_language(self, lambda t: t._classify_summaries()[:1])
        for ticket in self:
            agent = ticket._cbo_agent_to_ask()
            ticket = ticket.with_context(lang=agent.lang or ticket.company_id.partner_id.lang)
            ticket.message_post(
                body=ticket.env._(
                    "The customer closed the ticket before it had a root cause. Set the "
                    "cause so that the responsible department hears about the problem."
                ),
                subtype_xmlid="mail.mt_note",
                # the system's note for the agent, not the customer's word (his
                # closing runs in his name): his messages are never notes
                author_id=self.env.ref("base.partner_root").id,
            )
            if agent and not ticket.activity_ids.filtered(
                lambda a: a.activity_type_id == todo and a.summary in asked
            ):
                # the system's to-do, as its note: not assigned by the customer (his
                # closing runs in his name), whose address the agent would answer
                ticket.with_user(SUPERUSER_ID).sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=ticket._classify_summaries()[0],
                    user_id=agent.id,
                )

    def _cbo_agent_to_ask(self):
        """Who is asked to (re)classify the ticket: its agent, else who set its
        cause, else its team's leader (active users of the company only)."""
        self.ensure_one()
        ticket = self.sudo()  # who holds the ticket, whoever asks
        for user in (ticket.user_id, ticket.classified_by_id, ticket.team_id.user_id):
            if user.active and not user.share and ticket.company_id in user.company_ids:
                return user
        return self.env["res.users"]

    def _close_by_customer(self, stage):
        """Move the customer's ticket to ``stage`` (one he may close from the portal).
        Called by the portal route once it checked that the ticket is his."""
        self.ensure_one()
        if not stage.close_from_portal:
            return False
        self.sudo().with_context(cbo_closed_by_customer=True).stage_id = stage
        return True

    def _route_to_agents(self):
        """New tickets go to the least busy agent of their team's CS stage."""
        agents = self.env["res.users"]
        for ticket in self:
            agents |= ticket.team_id._agents_for(ticket.cs_stage)
        outsiders = self.filtered(
            lambda t: t.user_id not in t.team_id.user_ids and not t.team_id._agents_for(t.cs_stage)
        )
        if outsiders:
            outsiders.user_id = False
        if not agents:
            return
        load = {
            user.id: count
            for user, count in self.env["helpdesk.ticket"]._read_group(
                [("user_id", "in", agents.ids), ("closed", "=", False)], ["user_id"], ["__count"]
            )
        }
        # --- routing by measured quality and availability (issue 16) ---
        weights = {team: team.crossborder_quality_weight for team in self.team_id}
        facts = self.env["helpdesk.ticket.team"]._crossborder_agent_facts(
            agents, with_quality=any(weights.values())
        )
        for ticket in self:
            candidates = ticket.team_id._agents_for(ticket.cs_stage)
            if candidates:
                agent_id = routing.pick(
                    [
                        routing.Agent(
                            user.id, load.get(user.id, 0), *facts.get(user.id, (True, None))
                        )
                        for user in candidates
                    ],
                    weights.get(ticket.team_id, 0.0),
                )
                if agent_id:
                    load[agent_id] = load.get(agent_id, 0) + 1
                # nobody available now: the ticket waits in the team's queue
                ticket.user_id = agent_id or False
        # --- end routing ---

    def _get_sla_ticket_domain(self):
        """Marketplace SLAs apply to the tickets of their channel only."""
        return Domain.AND(
            [
                super()._get_sla_ticket_domain(),
                Domain.OR(
                    [
                        Domain("channel_id", "=", False),
                        Domain("channel_id", "=", self.channel_id.id),
                    ]
                ),
            ]
        )

    def _has_field_access(self, field, operation):
        if (
            field.name in ("duplicate_id", "duplicate_ids", "duplicate_count")
            and not self.env.su
            and not self.env.user._is_internal()
        ):
            return False
        # a colleague neither reads nor sets the link token: not over RPC, in a search,
        # a grouping or an export (one he set would let him post as the customer too)
        if field.name == self._mail_post_token_field and not self._cbo_token_for_caller():
            return False
        return super()._has_field_access(field, operation)

    def message_post(self, **kwargs):
        kwargs = self._cbo_customer_message(kwargs)
        self._check_can_write_to_customer(kwargs)
        # what the post's answer test must know of how it is sent, on the cursor
        # (no client reaches it): later, or to its named recipients only
        scheduled = kwargs.get("scheduled_date")
        post = {
            "deferred": bool(scheduled)
            and fields.Datetime.to_datetime(scheduled) > fields.Datetime.now(),
            "skip_followers": bool(kwargs.get("notify_skip_followers")),
        }
        cache = self.env.cr.cache
        outer = cache.get(POST_KEY)
        cache[POST_KEY] = post
        try:
            return super().message_post(**kwargs)
        finally:
            cache[POST_KEY] = outer

    def message_notify(self, **kwargs):
        # e-mails its recipients as a post would
        self._check_can_write_to_customer(kwargs)
        return super().message_notify(**kwargs)

    def _check_can_write_to_customer(self, kwargs):
        """helpdesk_mgmt lets whoever reads a ticket post on it: a department
        manager, who reads the tickets traced to his department to answer for their
        cause, wrote to the customer (with the agents' internal files, if he liked),
        and his message counted as the agents' first response. An employee who may
        not edit a ticket writes notes on it, unless it is his own (he is its
        customer); customers answer on their tickets from the portal."""
        # under sudo too: the chatter's Send (/mail/message/post) posts in sudo for
        # the user; the system (the gateway, scheduled actions) is the superuser
        if self.env.uid == SUPERUSER_ID or not self.env.user._is_internal():
            return
        if not self._cbo_reaches_outside(kwargs):
            return
        tickets = self.with_env(self.env(su=False))
        not_his = tickets.filtered(lambda t: t.partner_id != self.env.user.partner_id)
        if not_his and not not_his.has_access("write"):
            raise AccessError(
                self.env._(
                    "You read %(ticket)s but do not handle it: write a note for its agents, "
                    "they answer the customer.",
                    ticket=not_his[0].display_name,
                )
            )

    @api.model
    def _cbo_reaches_outside(self, kwargs):
        """A post with ``kwargs`` goes out of the company: a reply (not a note,
        not an internal reply), or a note naming someone who is not one of the
        company's users (a note's recipients get it by e-mail), or one to a
        typed-in address."""
        if kwargs.get("outgoing_email_to"):
            return True
        partner_ids = kwargs.get("partner_ids") or []
        # sudo: whether the named contacts are colleagues, whoever may read them
        named = self.env["res.partner"].sudo().browse(partner_ids)
        if named.filtered("partner_share"):
            return True
        # a message marked internal still goes to the followers of a public subtype,
        # the customer too
        return not self._cbo_post_subtype(kwargs).internal

    @api.model
    def _cbo_post_subtype(self, kwargs):
        """The subtype a post with ``kwargs`` gets, as message_post reads it: its
        xmlid first, else its id, else a note."""
        # sudo: the subtype's settings, whoever posts
        if kwargs.get("subtype_xmlid"):
            return self.env.ref(kwargs["subtype_xmlid"]).sudo()
        if kwargs.get("subtype_id"):
            return self.env["mail.message.subtype"].sudo().browse(kwargs["subtype_id"])
        return self.env.ref("mail.mt_note").sudo()

    def _cbo_customer_message(self, kwargs):
        """What the customer's side posts on a ticket (a portal user, a visitor
        with the ticket's link, a program of his over the API) is a message to the
        agents: whatever kind and subtype it asks for (a note, the "internal" flag,
        a notification, another public subtype such as "Ticket created"), it is
        posted as his message ("comment", *Discussions*), which the agents see as
        his, which starts his response clock and reopens a closed ticket as every
        message of his does. Notes and notices are the company's. What the system
        posts during his action keeps its kind: a note in another author's name
        (the one his closing leaves for the agent), the notice of the ticket's
        creation ("Ticket created") that mail posts in his name."""
        if self.env.uid == SUPERUSER_ID or self.env.user._is_internal():
            return kwargs
        if kwargs.get("author_id") and self._cbo_is_staff_partner(kwargs["author_id"]):
            return kwargs
        if self.env.cr.cache.get(CREATING_KEY) and (
            self._cbo_post_subtype(kwargs) == self._creation_subtype()
        ):
            return kwargs
        kwargs = {
            key: value
            for key, value in kwargs.items()
            if key not in ("subtype_id", "subtype_xmlid", "is_internal")
        }
        return dict(kwargs, message_type="comment", subtype_xmlid="mail.mt_comment")

    @api.model
    def _cbo_is_staff_partner(self, partner_id):
        """Whether ``partner_id`` is OdooBot or one of the company's users (those
        who left too)."""
        # sudo: whose contact it is, whoever may read it
        partner = self.env["res.partner"].sudo().with_context(active_test=False).browse(partner_id)
        return partner == self.env.ref("base.partner_root") or any(
            not user.share for user in partner.user_ids
        )

    def _message_mail_after_hook(self, mails):
        # the composer's mass mode (a template's action on the list, the API) e-mails each
        # ticket's customer, past message_post: who may answer them, and what an
        # answer counts for, are the same
        result = super()._message_mail_after_hook(mails)
        self._check_can_write_to_customer({"subtype_xmlid": "mail.mt_comment"})
        now = fields.Datetime.now()
        for mail in mails.sudo():
            if mail.scheduled_date and mail.scheduled_date > now:
                continue  # sent later: it answers nobody yet
            if mail.model == self._name and mail.res_id in self.ids:
                self.browse(mail.res_id)._cbo_on_message(mail.mail_message_id)
        return result

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        self._cbo_on_message(message)
        return result

    def _cbo_on_message(self, message):
        """A message posted or e-mailed on the ticket: the buyer's clocks, the
        first response, the customer coming back."""
        # --- buyer-message SLA (issue 12, item 5) ---
        Clock = self.env["crossborder.buyer.message"]
        Clock._on_ticket_message(self, message)
        # --- end buyer-message SLA ---
        writer = Clock._writer(self)
        # sudo: the stamps are the system's; customers post on their tickets too
        ticket, message = self.sudo(), message.sudo()
        if not ticket.first_response_date and Clock._is_answer(ticket, message, writer):
            # who wrote the answer, whoever holds the ticket (handing it to a
            # colleague to answer it, and taking it back, left the answer hers);
            # now, the instant the buyer's clocks take for a reply posted now
            now = Clock._posted_now(message)
            ticket.write(
                {
                    "first_response_user_id": Clock._answerer(ticket, message, writer).id,
                    "first_response_message_id": message.id,
                    "first_response_date": now,
                    "first_response_hours": round(
                        (now - ticket.create_date).total_seconds() / 3600.0, 2
                    ),
                }
            )
        if not writer and ticket.stage_id.closed and Clock._is_buyer_message(ticket, message):
            ticket._customer_came_back()
        if not (writer or ticket.customer_wrote) and Clock._is_customers_own(ticket, message):
            ticket.write({"customer_wrote": True})

    def _customer_came_back(self):
        """The customer wrote again on these closed tickets (an e-mail answering the
        thread, a message on his portal page): as helpdesks do, each goes back to
        the first open stage of its team, and the reopening counts in Reopened,
        for whoever closed it. A team that keeps closed tickets closed (and an
        archived ticket, left where a manager put it) still counts the customer's
        coming back, once until it is closed again. Called as the system: the
        customer moves his ticket without rights on it."""
        reopen = self.filtered(
            lambda t: t.active and (not t.team_id or t.team_id.reopen_on_customer_reply)
        )
        kept = self - reopen
        for team, tickets in reopen.grouped("team_id").items():
            stage = team._get_applicable_stages().filtered(lambda s: not s.closed)[:1]
            if stage:
                tickets.write({"stage_id": stage.id})  # counts the reopening
            else:
                kept |= tickets
        kept = kept.filtered(lambda t: not t.customer_came_back)
        if kept:
            self.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET reopen_count = coalesce(reopen_count, 0) + 1, "
                    "customer_came_back = TRUE, reopened_date = %s WHERE id IN %s",
                    fields.Datetime.now(),
                    tuple(kept.ids),
                )
            )
        if reopen or kept:
            # the customer reopened them, whoever the system wrote as
            self.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET reopened_by_id = partner_id WHERE id IN %s",
                    tuple((reopen | kept).ids),
                )
            )
            (reopen | kept).invalidate_recordset(REOPEN_FIELDS)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        self._cbo_keep_auto_reply_aside(msg_dict)
        return super().message_new(msg_dict, custom_values=custom_values)

    def message_update(self, msg_dict, update_vals=None):
        automatic = self._cbo_keep_auto_reply_aside(msg_dict)
        if automatic:
            self._cbo_note_auto_reply(automatic)
        return super().message_update(msg_dict, update_vals=update_vals)

    @api.model
    def _cbo_keep_auto_reply_aside(self, msg_dict):
        """An e-mail a program wrote (the customer's out-of-office answering the
        "ticket closed" e-mail, an auto-responder, a marketplace's automatic
        acknowledgement: see ``monitor.auto_reply``) is kept in the chatter as a
        note: not a message of the customer, it neither reopens the ticket nor
        counts as his coming back (``_message_post_after_hook``), nor starts a
        response clock (``crossborder.buyer.message._on_ticket_message``), which
        read only the customer's public messages. Returns the headers that tell
        (empty for a person's e-mail). Only the mail gateway's parsed e-mail
        carries them (see ``AUTO_REPLY_KEY``)."""
        automatic = msg_dict.pop(AUTO_REPLY_KEY, ())
        if automatic:
            msg_dict["is_internal"] = True
        return automatic

    def _cbo_note_auto_reply(self, automatic):
        """Say once per closing, on the closed tickets an automatic reply came to,
        why they stay closed: later automatic replies (an out-of-office answers
        every e-mail) add no further note until the ticket is reopened and closed
        again. Called by the mail gateway, as the system."""
        closed = self.filtered(lambda t: t.stage_id.closed)
        if not closed:
            return
        subtype = self.env.ref("crossborder_ops_helpdesk.mt_ticket_auto_reply")
        noted = dict(
            self.env["mail.message"]
            .sudo()
            ._read_group(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", closed.ids),
                    ("subtype_id", "=", subtype.id),
                ],
                ["res_id"],
                ["date:max"],
            )
        )
        headers = ", ".join(name.title() for name in automatic)
        for ticket in closed:
            last = noted.get(ticket.id)
            if last and (not ticket.closed_date or last >= ticket.closed_date):
                continue
            ticket.message_post(
                body=self.env._(
                    "An automatic reply came (e-mail header %(headers)s): it is kept as a "
                    "note. The ticket stays closed, no reopening is counted and no answer "
                    "is expected.",
                    headers=headers,
                ),
                message_type="notification",
                subtype_id=subtype.id,
            )

    # ------------------------------------------------------------------
    # attribution: the department agrees or disputes
    # ------------------------------------------------------------------
    def _check_can_answer_attribution(self):
        """The department's manager confirms or disputes its causes, again too; a
        helpdesk manager answers only for a department that has no manager: over
        its dispute or confirmation, or before its manager, he spoke in its name
        (outside audit 81, F3). He may keep a disputed cause
        instead (``action_keep_attribution``)."""
        user = self.env.user
        is_manager = user.has_group("helpdesk_mgmt.group_helpdesk_manager")
        for ticket in self:
            if not ticket.root_cause_id:
                raise UserError(self.env._("Set a root cause first."))
            department_manager = ticket.responsible_department_id._cbo_manager_user()
            if department_manager == user:
                continue
            if not is_manager:
                raise AccessError(
                    self.env._(
                        "Only the manager of %(department)s can answer for the attribution "
                        "of %(ticket)s (a helpdesk manager while the department has no "
                        "manager).",
                        department=ticket.responsible_department_id.name or "-",
                        ticket=ticket.display_name,
                    )
                )
            # for a department without a manager he answers in its place, again too
            # (outside audit 83, L1)
            if department_manager and ticket.sudo().attribution_state in ANSWERED:
                raise UserError(
                    self.env._(
                        "%(department)s answered for the cause of %(ticket)s (%(answer)s): "
                        "only its manager answers for it again. A helpdesk manager keeps a "
                        "disputed cause with Keep the cause, or changes the cause.",
                        department=ticket.responsible_department_id.name or "-",
                        ticket=ticket.display_name,
                        answer=ticket.sudo()._attribution_state_label(),
                    )
                )
            if department_manager:
                raise AccessError(
                    self.env._(
                        "%(manager)s answers for %(department)s on %(ticket)s: a helpdesk "
                        "manager answers only for a department without a manager.",
                        manager=department_manager.name,
                        department=ticket.responsible_department_id.name,
                        ticket=ticket.display_name,
                    )
                )

    def _attribution_state_label(self):
        self.ensure_one()
        states = dict(self._fields["attribution_state"]._description_selection(self.env))
        return states.get(self.attribution_state, "")

    def _attribution_answered_for(self):
        """What the department answers for on this ticket, as its Confirm or
        Dispute window shows it (a JSON list): the cause first; the sales glue adds
        the supplier, carrier or packer it names."""
        self.ensure_one()
        return [self.root_cause_id.id or False]

    def _attribution_blamed(self):
        """Who outside the department the cause names, in words ("" if nobody):
        shown in the window beside the cause."""
        return ""

    def _check_causes_answered(self, causes):
        """The department answers for the cause it read: ``causes`` is {ticket id:
        what the window showed} (``_attribution_answered_for``; a bare cause id is
        read as the cause alone; None: not known, nothing checked). A ticket the
        agent reclassified or blamed on another supplier, carrier or packer
        meanwhile, even at the same moment (both write the ticket: the later one
        runs again on what the other saved), asks the department again for what it
        has not read: the answer is refused."""
        if causes is None:
            if self.env.su:
                return  # the system's own answers (data files)
            # an answer sent without the causes it is for (a client calling the method
            # itself) could land on a cause changed since it was read: as the window
            raise UserError(
                self.env._(
                    "Answer from the ticket's Confirm or Dispute window: it shows the cause "
                    "you answer for."
                )
            )
        # JSON-RPC sends the ticket ids as strings; anything but {ticket id: what was
        # shown} (a value typed over RPC) reads as nothing known: refused below
        try:
            read = {
                int(ticket_id): shown if isinstance(shown, list) else [shown or False]
                for ticket_id, shown in causes.items()
            }
        except (AttributeError, TypeError, ValueError):
            read = {}
        moved = self.filtered(lambda t: t._attribution_answered_for() != read.get(t.id))
        if not moved:
            return
        ticket = moved[0]
        if ticket.root_cause_id.id != read.get(ticket.id, [None])[0]:
            raise UserError(
                self.env._(
                    "The cause of %(ticket)s changed since you opened it (now: %(cause)s): "
                    "open it again and answer for the cause it has now.",
                    ticket=ticket.display_name,
                    cause=ticket.root_cause_id.complete_name or self.env._("none"),
                )
            )
        raise UserError(
            self.env._(
                "Who %(ticket)s is blamed on changed since you opened it (now: %(blamed)s): "
                "open it again and answer for what it names now.",
                ticket=ticket.display_name,
                blamed=ticket._attribution_blamed() or self.env._("nobody outside"),
            )
        )

    def action_confirm_attribution(self, note=False, causes=None):
        self._check_causes_answered(causes)
        self._answer_attribution("confirmed", note)
        for ticket in self:
            ticket.message_post(
                body=self.env._(
                    "%(department)s confirmed the cause: %(cause)s.",
                    department=ticket.responsible_department_id.name,
                    cause=ticket.root_cause_id.complete_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        # a dispute the department took back: nothing left to review
        self._close_classify_todos(
            self.env._("The department confirmed the cause."), disputed_only=True
        )
        return True

    def action_dispute_attribution(self, note, causes=None):
        if not (note or "").strip():
            raise UserError(self.env._("Say why the department disputes the cause."))
        self._check_causes_answered(causes)
        self._answer_attribution("disputed", note)
        for ticket in self:
            body = self.env._(
                "%(department)s disputes the cause %(cause)s: %(note)s",
                department=ticket.responsible_department_id.name,
                cause=ticket.root_cause_id.complete_name,
                note=note,
            )
            if not ticket.sudo().classified_by_id:
                body += " " + self.env._(
                    "Nobody is recorded as having set this cause: the dispute counts for "
                    "nobody's measures, not for the ticket's agent."
                )
            ticket.message_post(body=body, subtype_xmlid="mail.mt_note")
        self._ask_review_after_dispute()
        return True

    def action_keep_attribution(self, note, causes=None):
        """A helpdesk manager keeps the cause the department disputed: recorded as
        his decision (the department's dispute and its note stay what they were),
        and the agent's review is answered with it."""
        self._check_keeps_attribution()
        if not (note or "").strip():
            raise UserError(self.env._("Say why customer service keeps the cause."))
        self._check_causes_answered(causes)
        not_disputed = self.sudo().filtered(lambda t: t.attribution_state != "disputed")
        if not_disputed:
            raise UserError(
                self.env._(
                    "%(ticket)s is not disputed (%(answer)s): only a cause its department "
                    "disputes is kept over the dispute.",
                    ticket=not_disputed[0].display_name,
                    answer=not_disputed[0]._attribution_state_label() or self.env._("no cause"),
                )
            )
        # the department's answer and note are read-only to him: the state is the system's
        self.sudo().write({"attribution_state": "kept"})
        for ticket in self:
            ticket.message_post(
                body=self.env._(
                    "%(user)s, a helpdesk manager, kept the cause %(cause)s over "
                    "%(department)s's dispute: %(note)s",
                    user=self.env.user.name,
                    cause=ticket.root_cause_id.complete_name,
                    department=ticket.responsible_department_id.name,
                    note=note,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._close_classify_todos(
            self.env._(
                "A helpdesk manager kept the cause over the department's dispute: %(note)s",
                note=note,
            ),
            disputed_only=True,
        )
        return True

    def _ask_review_after_dispute(self):
        """One 'review the classification' to-do per disputed ticket, for its
        agent (else who classified it, else the team leader): disputed again, the
        open one is kept and goes to whoever is asked now."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        summaries = in_every_language(self, lambda t: t._classify_summaries()[1:])
        # sudo: department managers only read tickets, and the to-do is the agent's
        for ticket in self.sudo():
            agent = ticket._cbo_agent_to_ask()
            open_todos = ticket.activity_ids.filtered(
                lambda a: a.activity_type_id == todo and a.summary in summaries
            )
            if open_todos:
                open_todos[1:].unlink()
                if agent and open_todos[0].user_id != agent:
                    open_todos[0].user_id = agent
            elif agent:
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self._classify_summaries()[1],
                    user_id=agent.id,
                )

    def _answer_attribution(self, state, note):
        self._check_can_answer_attribution()
        values = {
            "attribution_state": state,
            "attribution_note": note,
            "attribution_user_id": self.env.user.id,
        }
        if state == "disputed":
            # for good: a new cause (or the old one again) asks the department
            # again, but the classification did not hold once
            values["attribution_disputed"] = True
        # department managers answer without editing rights on tickets
        self.sudo().write(values)
        if state == "disputed":
            # the dispute counts for who classified, whoever holds the ticket later;
            # a cause the system set (data, scheduled actions) was classified by
            # nobody: no agent is charged for it, least of all its holder now
            # disputed again after a colleague's new cause, it counts for him too:
            # the first classifier's dispute stays his
            for classifier, tickets in self.sudo().grouped("classified_by_id").items():
                if classifier:
                    tickets.write({"attribution_disputed_user_ids": [Command.link(classifier.id)]})

    def action_open_attribution_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.attribution.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Answer for the attribution"),
            # the answer the button opens on (Keep the cause); the window checks nothing
            "context": {
                "default_ticket_ids": self.ids,
                "default_answer": self.env.context.get("default_answer", "confirm"),
            },
        }

    # ------------------------------------------------------------------
    def action_reply_with_template(self):
        """Open the composer with the cause's answer template in the buyer's language,
        or in the company's when the buyer's is not active in this database (the
        agent is told, the reply is never refused for it)."""
        self.ensure_one()
        templates = self.root_cause_id.template_ids
        if not templates:
            raise UserError(self.env._("This cause has no answer template yet."))
        return self._reply_with_templates(templates)

    def _reply_with_templates(self, templates):
        """The composer with the first of ``templates`` in the buyer's language (see
        action_reply_with_template); other answer buttons reuse it."""
        self.ensure_one()
        wanted = self.buyer_lang_id.code or self.partner_id.lang
        lang = self._reply_lang(wanted)
        action = self._reply_composer({"default_template_id": templates[0].id, "lang": lang})
        if not wanted or lang == wanted:
            return action
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "title": self.env._("Answer in %(language)s", language=self._lang_name(lang)),
                "message": self.env._(
                    "%(language)s (the buyer's language) is not active in this database, so "
                    "the template opens in %(fallback)s. Activate %(language)s in Settings > "
                    "Languages to answer in it.",
                    language=self._lang_name(wanted),
                    fallback=self._lang_name(lang),
                ),
                "next": action,
            },
        }

    def _reply_lang(self, wanted):
        """``wanted`` when it is active in the database, else the company's language
        (English when that is not active either)."""
        self.ensure_one()
        active = {code for code, _name in self.env["res.lang"].get_installed()}
        if not wanted or wanted in active:
            return wanted or self.env.lang or "en_US"
        company_lang = self.company_id.partner_id.lang
        return company_lang if company_lang in active else "en_US"

    def _lang_name(self, code):
        lang = (
            self.env["res.lang"]
            .with_context(active_test=False)
            .search([("code", "=", code)], limit=1)
        )
        return lang.name or code

    def action_open_country_specs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.size.converter",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Country specs and sizes"),
            "context": {
                "default_ticket_id": self.id,
                "default_country_id": self.buyer_country_id.id,
            },
        }

    def _insert_into_reply(self, text):
        """Open the composer with ``text`` ready to send to the buyer."""
        self.ensure_one()
        return self._reply_composer({"default_body": Markup("<p>%s</p>") % text})

    def _reply_composer(self, context):
        """The composer of a reply to the buyer: titled, addressed to the buyer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Reply to %(buyer)s", buyer=self._buyer_name()),
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_composition_mode": "comment",
                "default_message_type": "comment",
                "default_subtype_xmlid": "mail.mt_comment",
                "default_partner_ids": self.partner_id.ids,
                **context,
            },
        }

    def _cbo_customer_addresses(self):
        """The addresses at which an answer reaches the ticket's customer: his
        contact's, or the ticket's e-mail on a ticket without a contact (an
        address typed there beside a contact is nobody's answer)."""
        self.ensure_one()
        address = self.partner_id.email if self.partner_id else self.partner_email
        return {email for email in [email_normalize(address or "")] if email}

    def _buyer_name(self):
        self.ensure_one()
        return (
            self.partner_id.name
            or self.partner_name
            or self.partner_email
            or self.env._("the buyer")
        )

    # ------------------------------------------------------------------
    def _cbo_customer_attachments(self, viewer=None):
        """The files of the ticket its customer may open on his portal page: those
        of the messages he sees (not the agents' notes, not internal replies) and
        those he (or ``viewer``, the user opening the page) uploaded himself. A file
        attached to an internal note (a refund approval, a supplier claim) stays
        with the agents, whoever stored it: the portal route reads the ticket as
        OdooBot, who stores the mail gateway's files, so the page's viewer is given,
        not taken from the environment."""
        self.ensure_one()
        # sudo: which messages and files the ticket has, read to filter them for
        # the customer; the portal route already checked that he may read it
        ticket = self.sudo()
        Clock = self.env["crossborder.buyer.message"]
        public = ticket.message_ids.filtered(Clock._is_public).attachment_ids
        customers = ticket.partner_id.user_ids
        if viewer and not viewer._is_public() and not viewer._is_superuser():
            customers |= viewer
        return ticket.attachment_ids.filtered(
            lambda a: a in public or a.create_uid in customers
        ).sorted("id")

    def _cbo_demo_set_create_date(self, create_date):
        """Demo data only (demo/helpdesk_ticket_demo.xml): date these tickets as
        opened on ``create_date``. A ticket has no business field for when it was
        opened: recurrences, the weekly feedback and the effect of corrective
        actions count tickets by their creation date, which the ORM sets itself
        and drops from the values of ``create``. The demo's past therefore needs
        the creation date written afterwards."""
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_ticket SET create_date = %s WHERE id IN %s",
                fields.Datetime.to_datetime(create_date),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["create_date"])
        return True
