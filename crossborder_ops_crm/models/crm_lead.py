# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from dataclasses import replace
from datetime import timedelta

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL, format_date, format_datetime

from ..planners import eligibility, reasons
from ..planners.matching import match_pool
from ..planners.recycling import HeldLead, protection_end
from .crm_team import EXCLUDE_POOL
from .crossborder_pool_mover import POOL_MOVE, Move

# What a salesperson may not see of a lead waiting in a masking pool before he
# claims it: every field that carries the customer's contact, directly or as a
# computed copy. Company name, country, city, language, expected revenue,
# stage, the e-mail's domain and the notes of earlier owners stay visible.
HIDDEN_FIELDS = {
    "email_from": "email",
    "email_normalized": "email",
    "email_cc": "text",
    "phone": "phone",
    "phone_sanitized": "phone",
    "phone_mobile_search": "text",
    # whether the hidden address and number are valid: a guess confirmed
    "email_state": "empty",
    "phone_state": "empty",
    "contact_name": "text",
    "function": "text",
    "street": "text",
    "street2": "text",
    "zip": "text",
    "website": "text",
    "partner_id": "record",
    "commercial_partner_id": "record",
    "partner_is_blacklisted": "flag",
    "duplicate_lead_ids": "records",
    "duplicate_lead_count": "count",
    "message_partner_ids": "records",
    "message_follower_ids": "records",
    # the meetings' attendees are the customer (hidden on calendar.event too)
    "calendar_event_ids": "records",
    # crm's summary of them: that a meeting with the customer is booked, and when
    "meeting_display_label": "empty",
    "meeting_display_date": "empty",
    # whom to call and how (hidden on mail.activity too), and what Odoo computes
    # from them: searched or grouped by, they told whose call it is and when
    "activity_ids": "records",
    "activity_summary": "text",
    "activity_state": "empty",
    "activity_user_id": "record",
    "activity_type_id": "record",
    "activity_type_icon": "empty",
    "activity_date_deadline": "empty",
    "activity_exception_decoration": "empty",
    "activity_exception_icon": "empty",
}
# grouped by, a masked lead's activity state is none, as it reads (see
# _read_group_groupby), rather than leaving the lead out: the pipeline's activity
# bar (Odoo groups by it) counts it without a colour
GROUPED_AS_NONE = frozenset({"activity_state"})
# what makes a lead won (crm computes won_status from them)
WON_FIELDS = frozenset({"stage_id", "probability", "active", "won_status"})

# Written only by the pool's own code (sudo with POOL_MOVE, see _pool_internal)
# or by pool managers; Odoo's own date_open/day_open too, on pool leads.
# the chatter of a masked lead (the customer's e-mails and their authors): a
# search through it would confirm a guess of the hidden contact
HIDDEN_THREAD = frozenset({"message_ids", "website_message_ids"})
SYSTEM_FIELDS = (
    "pool_id",
    "pool_entry_date",
    "last_progress_date",
    "recycle_count",
    "reserved_until",
    "last_owner_id",
    "pool_escalated",
    "recycle_warned",
    "pool_best_stage_sequence",
    "pool_clock_before_won",
    "revival_last_purchase",
    "date_open",
    "day_open",
    "pool_customer_wrote",
    "pool_email_typed_by",
    "pool_first_won",
    "pool_won_revenue",
    "pool_first_won_user_id",
)


def mask_email(value):
    if not value or "@" not in value:
        return value and "••••"
    return f"•••@{value.rsplit('@', 1)[1].strip(' >')}"


def mask_phone(value):
    if not value:
        return value
    digits = re.sub(r"\D", "", value)
    return f"•••• {digits[-2:]}" if len(digits) > 2 else "••••"


def mask_value(kind, value):
    if kind == "email":
        return mask_email(value)
    if kind == "phone":
        return mask_phone(value)
    if kind == "text":
        return value and "••••"
    if kind == "records":
        return []
    if kind == "count":
        return 0
    return False  # record, flag, empty


class _CustomerBusy(Exception):
    """A lead of a customer being claimed is held by another transaction."""


class CrmLead(models.Model):
    _inherit = "crm.lead"

    pool_id = fields.Many2one(
        "crossborder.lead.pool",
        compute="_compute_pool_id",
        store=True,
        readonly=True,
        group_expand="_read_group_pool_ids",
        help="The high-seas pool whose rules apply to this lead: it waits there while "
        "it has no salesperson and goes back there when it is recycled.",
    )
    pool_state = fields.Selection(
        [
            ("pool", "In the pool"),
            ("private", "Private"),
            ("escalated", "Escalated"),
            ("closed", "Won or lost"),
        ],
        compute="_compute_pool_state",
        search="_search_pool_state",
    )
    pool_key_account = fields.Boolean(
        string="Key account",
        tracking=True,
        copy=False,
        help="Its salesperson keeps it: never recycled, never given back, and not counted "
        "in his private cap. Each tier allows a number of key accounts.",
    )
    pool_claimable = fields.Boolean(
        compute="_compute_pool_locked",
        help="Technical: the lead waits in a pool its salespeople may claim from.",
    )
    pool_locked = fields.Boolean(
        compute="_compute_pool_locked",
        help="Technical: the lead waits in the pool and the current user must claim it "
        "before working on it.",
    )
    pool_banner = fields.Char(compute="_compute_pool_locked")
    pool_entry_date = fields.Datetime(string="In the pool since", readonly=True, copy=False)
    last_progress_date = fields.Datetime(
        string="Last real follow-up",
        readonly=True,
        copy=False,
        help="Reset by a stage the lead never reached before, an activity of a qualifying "
        "type completed by its salesperson, or an e-mail from the customer received by "
        "Odoo's mail gateway. Notes, scheduled activities and stage moves back and forth "
        "do not count.",
    )
    pool_best_stage_sequence = fields.Integer(
        string="Furthest stage reached",
        readonly=True,
        copy=False,
        help="Technical: sequence of the furthest stage the lead ever reached; only a "
        "stage beyond it counts as progress.",
    )
    pool_clock_before_won = fields.Datetime(
        string="Follow-up clock before the win",
        readonly=True,
        copy=False,
        help="Technical: the last real follow-up before the lead was first won. Reopened, "
        "the lead takes this clock back: a win that did not stick is no follow-up.",
    )
    recycle_count = fields.Integer(
        string="Times recycled", readonly=True, copy=False, help="How often idleness sent it back."
    )
    protected_until = fields.Date(
        tracking=True,
        copy=False,
        help="A pool manager can keep the lead with its salesperson until this date: "
        "it is not recycled before.",
    )
    reserved_until = fields.Datetime(
        string="Reserved to new salespeople until",
        readonly=True,
        copy=False,
        help="After recycling, only salespeople of the 'new' tier may take it until then.",
    )
    revival_last_purchase = fields.Datetime(
        string="Revives a purchase of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Set on the lead the pool opens for a dormant customer: the date of his last "
        "purchase. A later purchase closes the lead as won.",
    )
    last_owner_id = fields.Many2one(
        "res.users",
        string="Previous salesperson",
        readonly=True,
        copy=False,
        help="Who held the lead before it came back to the pool: rotation never gives it "
        "straight back to them, and their cool-down applies.",
    )
    pool_escalated = fields.Boolean(
        string="Escalated",
        readonly=True,
        copy=False,
        help="Recycled too many times: the pool manager decides what to do with it.",
    )
    recycle_warned = fields.Boolean(readonly=True, copy=False)
    pool_email_typed_by = fields.Many2one(
        "res.users",
        string="Address typed by",
        readonly=True,
        copy=False,
        help="Who made the lead or last set its e-mail address or customer. An e-mail from "
        "an address the lead's salesperson typed in himself is no e-mail from the customer.",
    )
    pool_first_won = fields.Datetime(
        string="First won on",
        readonly=True,
        copy=False,
        help="When the lead was first won, and for how much: what the salesperson's results "
        "count, however often it is reopened and won again.",
    )
    pool_won_revenue = fields.Monetary(
        string="Revenue when first won",
        currency_field="company_currency",
        readonly=True,
        copy=False,
    )
    pool_first_won_user_id = fields.Many2one(
        "res.users",
        string="First won by",
        readonly=True,
        copy=False,
        help="The salesperson who held the lead when it was first won: his win, whoever "
        "holds it after it is reopened.",
    )
    pool_customer_wrote = fields.Boolean(
        string="Customer wrote",
        readonly=True,
        copy=False,
        help="An e-mail from the lead's customer came in through the mail gateway. A lead a "
        "salesperson typed in himself counts in his trial's wins only if its customer wrote.",
    )
    pool_recycle_date = fields.Datetime(
        string="Back to the pool on",
        compute="_compute_pool_recycle_date",
        help="When the first of the pool's clocks runs out for this lead.",
    )
    pool_recycle_rule = fields.Char(string="Because", compute="_compute_pool_recycle_date")
    pool_cap_display = fields.Char(
        string="Owner's private leads", compute="_compute_pool_cap_display"
    )

    # two partial indexes serve the pool's queries (waiting / held leads); no
    # single-column ones: every index costs on the crons' bulk updates
    _pool_waiting_idx = models.Index(
        "(pool_id, pool_entry_date, id) WHERE user_id IS NULL AND active"
    )
    # trial measures (issue 16): the leads one salesperson won in a window
    _won_by_user_idx = models.Index("(user_id, date_closed) WHERE active AND won_status = 'won'")
    _pool_held_idx = models.Index("(pool_id, user_id) WHERE user_id IS NOT NULL AND active")

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------
    @api.depends("team_id", "country_id", "company_id")
    def _compute_pool_id(self):
        rules_by_company = self.env["crossborder.lead.pool"]._pool_rules_by_company()
        Pool = self.env["crossborder.lead.pool"]
        for lead in self:
            rules = rules_by_company.get(lead.company_id.id or self.env.company.id, [])
            pool_id = match_pool(rules, lead.team_id.id or None, lead.country_id.id or None)
            lead.pool_id = Pool.browse(pool_id)

    @api.depends("country_id")
    def _compute_company_id(self):
        """A lead in a pool belongs to the pool's company. crm leaves a lead
        without company while nobody holds it and its team has none; a lead a
        pool takes by its team and country keeps the company it had, else takes
        the current one (whose pools ``_compute_pool_id`` reads for a lead
        without company): the pool is one company's, and its leads, moves and
        reports that company's only. Read from the pools' rules, not from
        ``pool_id``, which is computed from the company."""
        # in its own compute a field reads its value before the change
        before = {lead: lead.company_id.id for lead in self}
        result = super()._compute_company_id()
        rules_by_company = self.env["crossborder.lead.pool"]._pool_rules_by_company()
        for lead in self.filtered(lambda lead: not lead.company_id):
            for company_id in (before[lead], self.env.company.id):
                rules = rules_by_company.get(company_id, [])
                if match_pool(rules, lead.team_id.id or None, lead.country_id.id or None):
                    lead.company_id = company_id
                    break
        return result

    def _pool_company_follows(self):
        """Leads written or created without company (``company_id: False``)
        that are in a pool: crm's compute does not run on a written field, the
        rule above is applied to them here."""
        leads = self.sudo().filtered(lambda lead: lead.pool_id and not lead.company_id)
        if leads:
            self.env.add_to_compute(self._fields["company_id"], leads)
            leads.flush_recordset(["company_id"])

    @api.depends("user_id", "won_status", "active", "pool_escalated", "pool_id")
    def _compute_pool_state(self):
        for lead in self:
            if lead.won_status != "pending" or not lead.active:
                lead.pool_state = "closed"
            elif lead.pool_escalated:
                lead.pool_state = "escalated"
            elif lead.user_id:
                lead.pool_state = "private"
            else:
                lead.pool_state = "pool" if lead.pool_id else False

    def _search_pool_state(self, operator, value):
        if operator != "in":
            return NotImplemented
        domains = {
            "pool": [
                ("pool_id", "!=", False),
                ("user_id", "=", False),
                ("won_status", "=", "pending"),
                ("pool_escalated", "=", False),
            ],
            "private": [
                ("user_id", "!=", False),
                ("won_status", "=", "pending"),
                ("pool_escalated", "=", False),
            ],
            "escalated": [("pool_escalated", "=", True), ("won_status", "=", "pending")],
            "closed": [("won_status", "!=", "pending")],
        }
        return Domain.OR(Domain(domains[v]) for v in value if v in domains)

    @api.depends_context("uid")
    @api.depends("user_id", "won_status", "pool_id", "pool_escalated")
    def _compute_pool_locked(self):
        manager = self._pool_is_manager()
        cooling = {} if manager else self._pool_my_cooldowns()
        for lead in self:
            waiting = lead._pool_is_waiting()
            lead.pool_locked = not manager and waiting
            lead.pool_claimable = (
                waiting
                and (manager or not lead.pool_id.manager_assign_only)
                and lead.id not in cooling
            )
            if lead.pool_locked and lead.id in cooling:
                lead.pool_banner = self.env._(
                    "You gave this lead back to the %(pool)s pool, or passed it to a colleague "
                    "who did: you can claim it again from %(date)s.",
                    pool=lead.pool_id.name,
                    date=format_date(self.env, cooling[lead.id]),
                )
            elif lead.pool_locked and not lead.pool_claimable:
                lead.pool_banner = self.env._(
                    "In the %(pool)s pool, which its manager hands out.", pool=lead.pool_id.name
                )
            else:
                lead.pool_banner = lead.pool_locked and self.env._(
                    "In the %(pool)s pool — claim it to work it.", pool=lead.pool_id.name
                )

    def _pool_my_cooldowns(self):
        """{lead_id: date the current user's cool-down ends} for these leads
        he gave back within their pool's cool-down (``crossborder.pool.store.
        _given_back``): Claim is not offered to him there."""
        leads = self.filtered(lambda lead: lead.id and lead.pool_id.cooldown_days)
        now = fields.Datetime.now()
        given = self.env["crossborder.pool.store"]._given_back(leads.ids, now, self.env.user)
        return {
            lead.id: fields.Date.context_today(
                self, given[lead.id][0][1] + timedelta(days=lead.pool_id.cooldown_days)
            )
            for lead in leads
            if lead.id in given
        }

    @api.depends(
        "last_progress_date",
        "date_open",
        "pool_id",
        "user_id",
        "protected_until",
        "pool_key_account",
    )
    def _compute_pool_recycle_date(self):
        from ..planners.recycling import PoolClocks, due_date

        for lead in self:
            pool = lead.pool_id
            if (
                not (pool and lead.user_id and lead.won_status == "pending")
                or lead.pool_escalated
                or lead.pool_key_account
            ):
                lead.pool_recycle_date = False
                lead.pool_recycle_rule = False
                continue
            clocks = PoolClocks(
                pool.id, pool.followup_days, pool.conversion_days, pool.warn_days, pool.max_recycles
            )
            held = lead._as_held_lead()
            due, rule = due_date(held, clocks)
            if held.protected_until and due == held.protected_until:
                rule = self.env._("Its protection ends")
            else:
                rule = self.env["crossborder.pool.event"]._rule_sentence(rule)
            lead.pool_recycle_date = due
            lead.pool_recycle_rule = rule

    @api.depends("email_domain_criterion", "email_normalized", "partner_id", "phone_sanitized")
    @api.depends_context("uid")
    def _compute_potential_lead_duplicates(self):
        """crm lists a lead's potential duplicates as the system sees them (it
        searches with sudo): a waiting lead whose contact the reader may not see
        would confirm a guess of its phone or customer, typed on one's own lead
        or an unsaved form. Those leads are left out of the list and its count."""
        super()._compute_potential_lead_duplicates()
        reader = self.with_env(self.env(su=False))  # the compute runs as sudo
        if reader._pool_sees_contacts():
            return
        found = self.duplicate_lead_ids.with_env(reader.env)
        masked = found._pool_masked().with_env(self.env)
        for lead in self:
            hidden = (lead.duplicate_lead_ids & masked) - lead - lead._origin  # not itself
            if hidden:
                lead.duplicate_lead_ids -= hidden
                lead.duplicate_lead_count -= len(hidden)

    @api.depends("user_id", "team_id")
    def _compute_pool_cap_display(self):
        members = self.env["crm.team.member"].search(
            [("user_id", "in", self.user_id.ids), ("crm_team_id", "in", self.team_id.ids)]
        )
        stats = members._pool_caps()
        for lead in self:
            stat = stats.get((lead.user_id.id, lead.team_id.id))
            lead.pool_cap_display = stat and f"{stat['held']} / {stat['private_cap']}"

    @api.model
    def _read_group_pool_ids(self, pools, domain):
        """Kanban columns: every active pool the user sees, in the pools' order,
        so that an empty pool shows its column (and the empty-state help shows
        when all are empty) instead of a blank page."""
        return pools.with_context(active_test=False).search(
            ["|", ("id", "in", pools.ids), ("active", "=", True)]
        )

    def _as_held_lead(self):
        self.ensure_one()
        start = self.date_open or self.create_date or fields.Datetime.now()
        return HeldLead(
            lead_id=self.id,
            owner_id=self.user_id.id,
            pool_id=self.pool_id.id,
            last_progress=self.last_progress_date or start,
            assigned=start,
            recycle_count=self.recycle_count,
            protected_until=protection_end(self.protected_until),
            warned=self.recycle_warned,
        )

    # ------------------------------------------------------------------
    # who may do what
    # ------------------------------------------------------------------
    def _pool_is_manager(self):
        """Pool managers, sales managers and the system work pool leads freely."""
        return (
            self.env.su
            or self.env.uid == SUPERUSER_ID  # the mail gateway and crons run as OdooBot
            or self.env.user.has_group("crossborder_ops_crm.group_pool_manager")
            or self.env.user.has_group("sales_team.group_sale_manager")
        )

    def _pool_internal(self):
        """The pool's own moves: a context key honoured only under sudo, which
        no client can set (a client can pass any context key)."""
        return self.env.su and self.env.context.get(POOL_MOVE)

    def _pool_sees_contacts(self):
        return (
            self.env.su
            or self.env.uid == SUPERUSER_ID
            or self.env.user.has_group("sales_team.group_sale_salesman_all_leads")
        )

    def _pool_is_waiting(self):
        self.ensure_one()
        return bool(
            self.pool_id
            and not self.user_id
            and self.won_status == "pending"
            and not self.pool_escalated
        )

    def _pool_waiting(self):
        return self.sudo().filtered(lambda lead: lead._pool_is_waiting()).with_env(self.env)

    def _pool_masked(self):
        """The leads of self whose contact the current user may not see yet."""
        if self._pool_sees_contacts():
            return self.browse()
        return (
            self.sudo()
            .filtered(lambda lead: lead._pool_is_waiting() and lead.pool_id.mask_contact)
            .with_env(self.env)
        )

    @api.model
    def _pool_masked_query(self):
        """The leads whose contact the current user may not see, as a query for
        the domains of what hangs on them (messages, files, activities); None
        when he sees every contact. Archived leads too: a lead archived while it
        waits (not lost) is masked like the others (see _pool_masked)."""
        if self._pool_sees_contacts():
            return None
        leads = self.sudo().with_context(active_test=False)
        return leads._search(~self._pool_unmasked_domain())

    @api.model
    def _pool_masked_documents(self, model_field="res_model"):
        """What hangs on the leads whose contact the current user may not see
        (their files, activities, messages), as a domain on the model and
        ``res_id`` of those records; None when he sees every contact."""
        masked = self._pool_masked_query()
        if masked is None:
            return None
        return Domain(model_field, "=", self._name) & Domain("res_id", "in", masked)

    @api.model
    def _pool_unmasked_domain(self):
        """Leads whose contact details the current user may see."""
        return Domain.OR(
            [
                Domain("user_id", "!=", False),
                Domain("pool_id", "=", False),
                Domain("pool_id.mask_contact", "=", False),
                Domain("won_status", "!=", "pending"),
                Domain("pool_escalated", "=", True),
            ]
        )

    def _pool_refuse_waiting(self, waiting):
        raise AccessError(
            self.env._(
                "%(lead)s is waiting in the %(pool)s pool: claim it before you work on it.",
                lead=waiting[0].sudo().name,
                pool=waiting[0].sudo().pool_id.name,
            )
        )

    @api.model
    @api.model
    def _pool_document_leads(self, vals, records=None):
        """The leads ``vals`` put a record with a document on (an activity, a
        meeting: ``res_model_id`` or ``res_model``, and ``res_id``): given on
        create (or as the context's defaults, as the web client's schedule form
        sends them), or moved there by a write of ``records`` (their own model or
        id kept)."""

        def model_of(values):
            if values.get("res_model"):
                return values["res_model"]
            if values.get("res_model_id"):
                # sudo: the name of a model, whoever writes
                return self.env["ir.model"].sudo().browse(values["res_model_id"]).model
            return None

        if records is None:
            defaults = {
                key.removeprefix("default_"): value
                for key, value in self.env.context.items()
                if key in ("default_res_model", "default_res_model_id", "default_res_id")
            }
            vals = defaults | vals
            return [vals["res_id"]] if vals.get("res_id") and model_of(vals) == "crm.lead" else []
        if not {"res_model", "res_model_id", "res_id"}.intersection(vals):
            return []
        model = model_of(vals)
        return [
            vals.get("res_id") or record.res_id
            for record in records.sudo()
            if (model or record.res_model) == "crm.lead"
        ]

    def _pool_check_attach(self, lead_ids):
        """A meeting or an activity moved onto a lead (its write: Opportunity,
        Document) is work on the lead, like one made on it: a waiting lead is
        claimed first (making one was refused already). A lead he may not open
        (a colleague's) is none of his to work on: a quotation linked to one
        showed him its name and counted in its sales (outside audit 82, L1)."""
        if lead_ids and not self._pool_is_manager():
            leads = self.browse(lead_ids)
            waiting = leads._pool_waiting()
            if waiting:
                self._pool_refuse_waiting(waiting)
            if leads._filtered_access("read") != leads:
                raise AccessError(
                    self.env._(
                        "You can only link a lead you can open: a colleague's lead is "
                        "his to work on."
                    )
                )

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """A waiting lead's form is read-only for whoever must claim it first:
        every field of the sheet, the stage bar and the header's buttons (Won,
        Lost, Enrich ...) but Claim. The server refuses the same writes anyway
        (write, record rules); this only spares the user a refusal."""
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type != "form" or not arch.xpath("//field[@name='pool_locked']"):
            return arch, view
        for button in arch.xpath("//header/button"):
            if button.get("name") not in ("action_claim",):
                hide = button.get("invisible")
                button.set("invisible", f"({hide}) or pool_locked" if hide else "pool_locked")
        for node in arch.xpath("//header/field[@name='stage_id']"):
            node.set("readonly", "pool_locked")
        for button in arch.xpath("//div[@name='button_box']/button"):
            hide = button.get("invisible")
            button.set("invisible", f"({hide}) or pool_locked" if hide else "pool_locked")
        for node in arch.xpath("//sheet//field[not(ancestor::field)]"):
            readonly = node.get("readonly")
            if node.get("name") in ("pool_locked", "pool_banner") or readonly in ("1", "True"):
                continue
            node.set("readonly", f"({readonly}) or pool_locked" if readonly else "pool_locked")
        return arch, view

    # ------------------------------------------------------------------
    # masking of waiting leads' contact details, on every path
    # ------------------------------------------------------------------
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        hidden = [name for name in fnames if name in HIDDEN_FIELDS]
        if not hidden:
            return result
        masked = set(self._pool_masked().ids)
        if not masked:
            return result
        for values in result:
            if values["id"] in masked:
                for name in hidden:
                    if name in values:
                        values[name] = mask_value(HIDDEN_FIELDS[name], values[name])
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Every export of a lead comes here, the lead's own and those that reach
        it through another record (a lost-reason wizard's leads, a meeting's
        opportunity, an audit line's lead), which Odoo follows with plain reads.
        A masked lead's hidden columns show what its read shows; what hangs on
        them (its customer's e-mail, name, external id) is not even read."""
        hidden = {
            index: HIDDEN_FIELDS[path[0].split(".")[0]]
            for index, path in enumerate(fields)
            if path and path[0].split(".")[0] in HIDDEN_FIELDS
        }
        masked = self._pool_masked() if hidden else self.browse()
        if not masked:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        # a hidden column is exported as the lead's id (nothing is read); a
        # lead's first row has it, the rows of its other relations do not
        placeholder = [[".id"] if index in hidden else path for index, path in enumerate(fields)]
        marker = min(hidden)
        runs = []  # consecutive leads of one kind, in the export's order
        for lead in self:
            if runs and (lead in masked) == runs[-1][0]:
                runs[-1][1].append(lead.id)
            else:
                runs.append((lead in masked, [lead.id]))
        rows = []
        for is_masked, ids in runs:
            leads = self.browse(ids)
            if not is_masked:
                rows += super(CrmLead, leads)._export_rows(
                    fields, _is_toplevel_call=_is_toplevel_call
                )
                continue
            for row in super(CrmLead, leads)._export_rows(
                placeholder, _is_toplevel_call=_is_toplevel_call
            ):
                lead = self.browse(int(row[marker])) if row[marker] else None
                for index, kind in hidden.items():
                    row[index] = lead._pool_export_masked(fields[index], kind) if lead else ""
                rows.append(row)
        return rows

    def _pool_export_masked(self, path, kind):
        """The cell of a hidden column for this masked lead, as its read shows
        the field: the e-mail's domain, the phone's last digits, dots, or
        nothing for the customer and the lists."""
        if kind not in ("email", "phone", "text") or len(path) > 1:
            return 0 if kind == "count" else ""
        field = self._fields[path[0]]
        return mask_value(kind, field.convert_to_export(self[path[0]], self))

    def copy_data(self, default=None):
        """copy() refuses a lead the user must claim first, and so does
        copy_data, public over RPC: its values are the lead's contact in clear."""
        masked = self._pool_masked()
        if masked:
            self._pool_refuse_waiting(masked)
        return super().copy_data(default)

    def _find_matching_partner(self):
        """The customer crm's and sale_crm's wizards propose for a lead (its
        contact, else a contact of its e-mail) would name a masked lead's
        hidden customer: claim the lead first."""
        masked = self._pool_masked()
        if masked:
            self._pool_refuse_waiting(masked)
        return super()._find_matching_partner()

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        """A condition on a hidden field never matches a masked lead: searching
        ``email_from = <guess>`` cannot confirm the guess, nor ordering by it."""
        if not (kwargs.get("bypass_access") or self._pool_sees_contacts()):
            domain = self._pool_mask_domain(domain)
            if order:
                order = self._pool_mask_order(order)
        return super()._search(domain, offset, limit, order, **kwargs)

    def _get_lead_duplicates(self, partner=None, email=None, include_lost=False):
        found = super()._get_lead_duplicates(
            partner=partner, email=email, include_lost=include_lost
        )
        if self.env.context.get(EXCLUDE_POOL):
            # Odoo's team allocation merges the duplicates it finds: a pool's
            # leads are the pool's to hand out (the key only narrows)
            found = found.filtered(lambda lead: not lead.pool_id or lead in self)
        return found

    @api.model
    def _pool_mask_domain(self, domain):
        unmasked = self._pool_unmasked_domain()

        def guard(condition):
            root = condition.field_expr.split(".", 1)[0]
            hidden = root in HIDDEN_FIELDS or root in HIDDEN_THREAD
            return condition & unmasked if hidden else condition

        return Domain(domain).map_conditions(guard)

    @api.model
    def _read_group_groupby(self, alias, groupby_spec, query):
        """Another record grouped by its lead's hidden field (an audit line or a
        meeting grouped by ``lead_id.email_from``) reads the lead's column in
        that record's query, past _read_group above: a masked lead's value
        groups as empty there, as its read shows nothing."""
        sql = super()._read_group_groupby(alias, groupby_spec, query)
        if groupby_spec.split(":")[0].split(".")[0] not in HIDDEN_FIELDS:
            return sql
        masked = self._pool_masked_query()
        if masked is None:
            return sql
        return SQL(
            "CASE WHEN %s IN %s THEN NULL ELSE %s END",
            SQL.identifier(alias, "id"),
            masked.subselect(),
            sql,
        )

    @api.model
    def _pool_mask_order(self, order):
        kept = [
            part
            for part in order.split(",")
            if part.strip() and part.split()[0].split(".")[0].split(":")[0] not in HIDDEN_FIELDS
        ]
        return ",".join(kept) or None

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        """Grouping, aggregating or sorting groups by a hidden field leaves the
        masked leads out: their e-mail cannot come back as a group's value."""
        if not self._pool_sees_contacts():
            specs = [*groupby, *aggregates, *(order or "").split(",")]
            specs += [c.field_expr for c in Domain(having).iter_conditions()]
            roots = {
                spec.strip().split()[0].split(":")[0].split(".")[0]
                for spec in specs
                if spec.strip()
            }
            if roots.intersection(HIDDEN_FIELDS) - GROUPED_AS_NONE:
                domain = Domain(domain) & self._pool_unmasked_domain()
        return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)

    @api.model
    def formatted_read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        """In the web client, grouping by a hidden field says why instead of
        showing an empty pool (Odoo's own grouped reads leave masked leads out,
        see _read_group)."""
        hidden = [
            spec
            for spec in groupby
            if spec.split(":")[0].split(".")[0] in HIDDEN_FIELDS.keys() - GROUPED_AS_NONE
        ]
        if hidden and not self._pool_sees_contacts():
            masked = self.search_count(
                Domain(domain) & Domain("pool_state", "in", ["pool"]), limit=1
            ) and self.sudo().search_count(
                Domain(domain)
                & Domain("pool_state", "in", ["pool"])
                & Domain("pool_id.mask_contact", "=", True),
                limit=1,
            )
            if masked:
                field = self._fields[hidden[0].split(":")[0].split(".")[0]]
                raise UserError(
                    self.env._(
                        "Leads waiting in the pool hide their contact details until they are "
                        "claimed: they cannot be grouped by %(field)s.",
                        field=field._description_string(self.env),
                    )
                )
        return super().formatted_read_group(domain, groupby, aggregates, *args, **kwargs)

    def copy(self, default=None):
        """A waiting lead is claimed before it is worked: salespeople do not copy
        it, whether its pool masks the contact or not (a copy would be a second
        lead of the customer that nobody claimed); managers may."""
        if self._pool_is_manager():
            return super().copy(default)
        waiting = self._pool_waiting()
        if waiting:
            self._pool_refuse_waiting(waiting)
        copies = super().copy(default)
        # a copy of a held pool lead is the same customer's follow-up: it keeps the
        # lead's clock and recycle count (copying an idle lead before each
        # recycling kept its customer for good); sudo with POOL_MOVE: the pool's
        # own write, on the copies just made
        clocks = {}
        for lead, new in zip(self.sudo(), copies.sudo(), strict=True):
            if lead.pool_id and new.pool_id:
                key = (lead.last_progress_date, lead.recycle_count)
                clocks[key] = clocks.get(key, new.browse()) | new
        for (clock, count), leads in clocks.items():
            leads.with_context(**{POOL_MOVE: True}).write(
                {"last_progress_date": clock, "recycle_count": count}
            )
        return copies

    def action_schedule_meeting(self, smart_calendar=True):
        """The meeting's attendees are the lead's customer: claim it first."""
        masked = self._pool_masked()
        if masked:
            self._pool_refuse_waiting(masked)
        return super().action_schedule_meeting(smart_calendar=smart_calendar)

    def _prepare_opportunity_quotation_context(self):
        """sale_crm's quotation buttons (called only where it is installed) open an
        order for the lead's customer: claim the lead first."""
        masked = self._pool_masked()
        if masked:
            self._pool_refuse_waiting(masked)
        return super()._prepare_opportunity_quotation_context()

    def action_view_sale_order(self):
        """sale_crm's Orders button hands the lead's customer to the orders list
        (its filter and default): claim the lead first. Without sale_crm there is
        no such button, and nothing to open."""
        masked = self._pool_masked()
        if masked:
            self._pool_refuse_waiting(masked)
        parent = getattr(super(), "action_view_sale_order", None)
        if parent is None:
            raise UserError(
                self.env._("Sales orders of a lead need the CRM-Sales bridge (sale_crm).")
            )
        return parent()

    def _sms_get_recipients_info(self, *args, **kwargs):
        """The SMS composer reads the lead's real number: claim first."""
        masked = self._pool_masked()
        if masked:
            self._pool_refuse_waiting(masked)
        return super()._sms_get_recipients_info(*args, **kwargs)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Following a waiting lead would bring the customer's mail to one's inbox
        once someone claims it: salespeople claim it instead."""
        if partner_ids and not self._pool_is_manager():
            waiting = self._pool_waiting()
            if waiting:
                self._pool_refuse_waiting(waiting)
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _message_get_suggested_recipients(self, *args, **kwargs):
        result = super()._message_get_suggested_recipients(*args, **kwargs)
        return [] if self._pool_masked() else result

    def _track_filter_for_display(self, tracking_values):
        """Tracked old values of hidden fields stay hidden on a masked lead."""
        if self.env.su or not self._pool_masked():
            return tracking_values
        return tracking_values.filtered(lambda t: t.field_id.name not in HIDDEN_FIELDS)

    # ------------------------------------------------------------------
    # CRUD: every path obeys the pool
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # copies: the caller's dicts stay as he sent them. Odoo's import creates
        # its rows at once and, when that fails, again one by one with the same
        # dicts: the values filled in here (and by crm) must not come back as
        # values the user typed (refused as the pool's own, hiding the real error)
        vals_list = [dict(vals) for vals in vals_list]
        manager = self._pool_is_manager()
        Lead = self
        if not manager:
            for vals in vals_list:
                # crm's own compute sets these (copy passes them too): a client's
                # value (an assignment date in 2099 that stops the clock) is dropped
                vals.pop("date_open", None)
                vals.pop("day_open", None)
                vals.pop("date_closed", None)  # crm's own too, on leads made won
                self._pool_check_system_fields(vals)
            # the same fields given as defaults in the context (default_pool_escalated,
            # default_protected_until ...), which Odoo adds to the values after these
            # checks, are dropped too: the pool's code and managers set them
            forced = {
                f"default_{name}" for name in (*SYSTEM_FIELDS, "protected_until", "date_closed")
            }
            if forced.intersection(self.env.context):
                kept = {key: value for key, value in self.env.context.items() if key not in forced}
                Lead = self.with_env(self.env(context=kept))
        now = fields.Datetime.now()
        typed_by = self.env.uid != SUPERUSER_ID and self.env.uid
        for vals in vals_list:
            vals.setdefault("last_progress_date", now)
            vals["pool_email_typed_by"] = typed_by  # made by him: he typed its address
            if not vals.get("user_id"):
                vals.setdefault("pool_entry_date", now)
        leads = super(CrmLead, Lead).create(vals_list)
        if manager:
            leads._pool_check_made_results(vals_list)
        leads._pool_stamp_first_win()  # made won
        if not manager:
            leads._pool_check_made_for_customers()
            held = leads.sudo().filtered("user_id")
            for owner, owned in held.grouped("user_id").items():
                owned.filtered("pool_id")._pool_check_taker(
                    owner, from_pool=False, now=now, made=True
                )
                # his private cap counts his leads outside any pool too
                owned._pool_check_received_within_cap(owner, now)
            # a key account (outside the private cap, never recycled) is one of
            # the tier's quota, however the lead is made (create, copy, import)
            key_accounts = leads.filtered("pool_key_account")
            if key_accounts:
                key_accounts._pool_check_key_accounts(manager)
        leads._pool_join_waiting_customers()
        if any("company_id" in vals and not vals["company_id"] for vals in vals_list):
            leads._pool_company_follows()
        return leads

    def write(self, vals):
        vals = dict(vals)  # crm adds its dates to the dict (see create)
        if self._pool_internal():
            result = super().write(vals)
            self._pool_reminders_after_write(vals)
            return result
        manager = self._pool_is_manager()
        if manager:
            held = self._pool_check_own_results(vals)
        else:
            held = None
            self._pool_check_system_fields(vals)
            self._pool_check_decisions_kept(vals)
            waiting = self._pool_waiting()
            if waiting:
                if set(vals) == {"user_id"} and vals["user_id"] == self.env.uid:
                    # the Salesperson field set to oneself: a claim, with its rules
                    waiting.action_claim()
                    rest = self - waiting
                    return rest.write(vals) if rest else True
                self._pool_refuse_waiting(waiting)
        self._pool_note_typed_address(vals)
        customer_changed = self.browse()
        if "partner_id" in vals:
            self._pool_check_revival_customer(vals["partner_id"])
            customer_changed = self._pool_customer_change(vals["partner_id"], manager)
        if "user_id" in vals:
            # pools working per customer: the customer's other leads held by the
            # same owner (or waiting with these) change hands with them
            extra = self._pool_customer_siblings()
            if extra:
                return (self | extra.with_env(self.env)).write(vals)
        # marked in the same write as a new salesperson: checked for the new one
        key_after = vals.get("pool_key_account") and "user_id" in vals
        if vals.get("pool_key_account") and not key_after:
            self._pool_check_key_accounts(manager)
        now = fields.Datetime.now()
        stage, best, forward, reopened = self._pool_stage_change(vals.get("stage_id"))
        membership = self._pool_membership_before(vals, manager)
        archiving = self._pool_archiving(vals, manager)
        old_owner, old_pool, changed, passed = self._pool_owner_change_before(vals, manager, now)
        place = self._pool_place(manager)
        correction = self._pool_first_win_correction(vals, manager)
        result = super().write(vals)
        self._pool_after_write_checks(vals, manager, now, place, held, correction)
        archiving._pool_refuse_undecided_archive()
        self._pool_membership_after(membership, now)
        self._pool_reminders_after_write(vals)
        if "partner_id" in vals:
            self._pool_after_customer_change(customer_changed)
        if changed:
            changed._pool_after_owner_change(
                old_owner, now, old_pool, passed, keep_key=bool(key_after)
            )
        if key_after:
            self._pool_check_key_accounts(manager)
        if best:
            self.browse(best)._pool_record_best_stage(best, stage.sequence)
        if forward:
            forward._pool_register_progress(now)
        if reopened:
            reopened._pool_restore_clock_before_won()
        if "company_id" in vals and not vals["company_id"]:
            self._pool_company_follows()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_keep_pool_audit(self):
        """A deleted lead's pool moves stay in the audit with its name: the
        claims they record still count against the claim cap (deleting a
        claimed lead does not give the claim back) and who took it stays on
        record. Runs after the right to delete these leads was checked."""
        # owner changes of this transaction are inserted at commit, joined to
        # their lead: in now, while the lead is still there
        self._pool_flush_owner_events()
        self.env["crossborder.pool.event"]._keep_after_leads(self)

    def _pool_owner_change_before(self, vals, manager, now):
        """A write of the salesperson, taken before it: ({lead id: owner id},
        {lead id: pool id}, the leads that change hands, {lead id: follow-up
        clock} of the leads a salesperson passes on), refused when the change
        breaks a rule of the pool."""
        if "user_id" not in vals:
            return {}, {}, self.browse(), None
        # a win of before the first-win stamp is its salesperson's, stamped
        # before the lead changes hands (outside audit 70)
        self._pool_stamp_first_win()
        old_owner = {lead.id: lead.user_id.id for lead in self}
        # a lead may leave its pool with its owner (a salesperson of another team
        # takes the team with him): the move is still the pool's to audit
        old_pool = {lead.id: lead.pool_id.id for lead in self.sudo()}
        changed = self.browse(
            [lead_id for lead_id, owner in old_owner.items() if owner != (vals["user_id"] or False)]
        )
        if not changed or manager:
            return old_owner, old_pool, changed, None
        in_pool = changed.sudo().filtered("pool_id")
        # emptying the Salesperson field of a pool lead is a release, and only open
        # leads change hands: a win passed on would count for the colleague
        in_pool._pool_check_open_to_release()
        if not vals["user_id"]:
            return old_owner, old_pool, changed, None
        # a salesperson passing his lead on: the colleague takes it as he would
        # from the pool (claim cap and cool-down too), or two colleagues would
        # share one claim cap; a manager's reassignment is his decision
        new_owner = self.env["res.users"].browse(vals["user_id"])
        in_pool._pool_check_taker(new_owner, from_pool=True, now=now)
        # a lead whose clock ran out goes back to the pool: passed on, its
        # recycle would be the colleague's, who never let it run out (audit 64)
        overdue = in_pool.sudo().filtered(
            lambda lead: lead.pool_recycle_date and lead.pool_recycle_date <= now
        )
        if overdue:
            raise UserError(
                self.env._(
                    "%(lead)s was due back in the pool on %(date)s: release it rather than "
                    "pass it on (its recycling would count against your colleague).",
                    lead=overdue[0].name,
                    date=format_datetime(self.env, overdue[0].pool_recycle_date, dt_format="short"),
                )
            )
        # the follow-up clock as recycling reads it, before crm moves date_open
        passed = {
            lead.id: lead.last_progress_date or lead.date_open or lead.create_date
            for lead in in_pool
        }
        return old_owner, old_pool, changed, passed

    def _pool_stage_change(self, stage_id):
        """What a new stage does to the follow-up clock, taken before the write:
        (the stage, {lead id: furthest stage sequence so far} of the leads that
        change stage, the leads for which it is progress, the won leads it
        reopens)."""
        forward = reopened = self.browse()
        if not stage_id:
            return None, {}, forward, reopened
        stage = self.env["crm.stage"].browse(stage_id)
        # the furthest stage reached so far (the current one until a stage
        # change records it): only a stage beyond it is progress
        best = {
            lead.id: lead.pool_best_stage_sequence or lead.stage_id.sequence
            for lead in self
            if lead.stage_id != stage
        }
        # Won is progress the first time only: won, reopened and won again
        # (the clock reset each time) would keep a lead from recycling forever
        forward = self.browse(best).filtered(
            lambda lead: stage.sequence > best[lead.id]
            and (not lead.pool_id or lead.pool_id.progress_on_stage)
        )
        if stage.is_won:
            forward._pool_keep_clock_before_won()
        else:
            reopened = self.filtered(
                lambda lead: lead.stage_id.is_won and lead.pool_clock_before_won
            )
        return stage, best, forward, reopened

    @tools.ormcache()
    def _pool_id_dependencies(self):
        """The lead's fields a write may move it into or out of a pool with:
        those ``pool_id`` is computed from, directly or through another compute
        (the country follows the customer, the team the salesperson), read from
        the registry's dependencies once."""
        pool_field = self._fields["pool_id"]
        return frozenset(
            name
            for name, field in self._fields.items()
            if pool_field in self.env.registry.get_dependent_fields(field)
        )

    def _pool_membership_before(self, vals, manager):
        """What a write may change in the pools' counts, taken before it: (the
        leads it brings back into their owner's count, {lead id: (its pool id,
        held)} when it writes a field the pool follows: a team, a country, a
        company, a customer, a salesperson, whether a pool manager writes). A
        pool manager's move is his decision (no cap, a held lead may leave its
        pool), but a held lead he brings into a pool is audited all the same."""
        moving = self._pool_id_dependencies().intersection(vals)
        closing = {"active", "stage_id", "probability"}.intersection(vals)
        if not (moving or (not manager and closing)):
            return self.browse(), {}, manager, []
        before = {}
        if moving:
            # won and lost leads too: reopened or restored later, they would come
            # back open outside their pool
            before = {lead.id: (lead.pool_id.id, bool(lead.user_id)) for lead in self.sudo()}
        returning = self.browse() if manager else self._pool_returning(vals)
        # lost or archived ones, which the write may bring back however it does
        # (a won stage written on a lost lead made it a win: outside audit 22, G4)
        closed = (
            []
            if manager
            else self.sudo().filtered(lambda lead: not lead.active or lead.won_status == "lost").ids
        )
        return returning, before, manager, closed

    def _pool_membership_after(self, membership, now):
        returning, before, manager, closed = membership
        returning |= self.browse(closed).filtered("active")
        leads = self.sudo().browse(list(before))
        moved = leads.filtered(
            lambda lead: before[lead.id][1]
            and before[lead.id][0]
            and lead.pool_id.id != before[lead.id][0]
        )
        if moved and not manager:
            # out of the pool, a held lead escapes recycling and the caps: it
            # leaves through a release, a handover or its pool's manager
            raise UserError(
                self.env._(
                    "%(lead)s is a lead of the %(pool)s pool: a new team, country, company "
                    "or customer would take it out of the pool, which its pool manager does "
                    "(or release it).",
                    lead=moved[0].name,
                    pool=self.env["crossborder.lead.pool"]
                    .sudo()
                    .browse(before[moved[0].id][0])
                    .name,
                )
            )
        # a held lead that comes into a pool (whatever moved it: its team,
        # country, company, customer or salesperson) counts against its
        # owner's private cap from now on, like a claim (a manager's move: his
        # decision, outside the caps)
        entered = leads.filtered(
            lambda lead: lead.pool_id
            and lead.user_id
            and lead.won_status != "lost"
            and lead.pool_id.id != before[lead.id][0]
        )
        joined = entered.filtered(lambda lead: lead.won_status == "pending")
        if not manager and (returning or entered):
            # a customer held by a colleague, or waiting, is not split by a lead
            # brought into his pool (a lead made outside it, then given its team,
            # country or customer), as one made there is refused; nor won by one
            # won outside it first (outside audit 21, 3)
            (returning | entered)._pool_check_made_for_customers()
            (returning | joined.with_env(self.env))._pool_check_held_within_cap(now)
            # key accounts are outside the private cap, within the tier's quota:
            # one archived (or won), another marked, the first restored (or
            # reopened) would make one too many
            keys = (
                (returning | joined)
                .sudo()
                .filtered(
                    lambda lead: lead.pool_key_account
                    and lead.pool_id
                    and lead.active
                    and lead.won_status == "pending"
                )
            )
            if keys:
                keys._pool_check_key_account_quota()
        if joined:
            joined._pool_audit_joined(now, manager)

    def _pool_audit_joined(self, now, manager=False):
        """One event per held lead that came into a pool with its owner."""
        rule = self.env["crossborder.pool.event"]._rule_code(
            "joined_pool_by_manager" if manager else "joined_pool", user=self.env.uid
        )
        # sudo: audit rows are system-owned; the salesperson (or manager) stays the actor
        self.env["crossborder.pool.event"].sudo().create(
            [
                {
                    "date": now,
                    "lead_id": lead.id,
                    "pool_id": lead.pool_id.id,
                    "kind": "join",
                    "from_user_id": lead.user_id.id,
                    "to_user_id": lead.user_id.id,
                    "actor_id": self.env.uid,
                    "rule": rule,
                }
                for lead in self.sudo()
            ]
        )

    def _pool_returning(self, vals):
        """Held leads this write brings back into their owner's private count:
        restored from the archive, reopened after being won (those a write
        brings into a pool are compared by their pool before and after, see
        ``_pool_membership_after``). Archiving a few, claiming up to the cap and
        restoring them must not end above the cap."""
        leads = self.sudo().with_context(active_test=False).filtered("user_id")
        returning = (
            leads.filtered(lambda lead: not lead.active) if vals.get("active") else leads[:0]
        )
        stage = self.env["crm.stage"].browse(vals.get("stage_id") or [])
        if stage and not stage.is_won:
            returning |= leads.filtered(lambda lead: lead.stage_id.is_won)
        return returning.with_env(self.env)

    def _pool_archiving(self, vals, manager):
        """The held open pool leads a salesperson's write archives: archived
        undecided (neither won nor lost), a lead would leave its pool's
        recycling and its owner's private cap while nobody else may claim its
        customer. Salespeople cannot delete leads; archiving is how they would."""
        if manager or "active" not in vals or vals["active"]:
            return self.browse()
        return (
            self.sudo()
            .filtered(
                lambda lead: lead.active
                and lead.pool_id
                and lead.user_id
                and lead.won_status == "pending"
            )
            .with_env(self.env)
        )

    def _pool_check_decisions_kept(self, vals):
        """A salesperson's decided leads stay as decided: a lost one lost until
        it is restored, a won one with whoever won it."""
        self._pool_refuse_reopening_lost(vals)
        if "user_id" in vals:
            self._pool_check_wins_stay(vals["user_id"])

    def _pool_check_wins_stay(self, user_id):
        """A won lead stays with the salesperson who won it, in a pool or not:
        handed to a colleague, it counted as his win (his trial's wins and
        revenue) though he never worked it (outside audit 64). Managers move
        them."""
        won = self.sudo().filtered(
            lambda lead: lead.won_status == "won" and lead.user_id.id != (user_id or False)
        )
        if won:
            raise UserError(
                self.env._(
                    "%(lead)s is won: it stays with the salesperson who won it. Only open "
                    "leads go back to the pool; reopen it first if the sale fell through.",
                    lead=won[0].name,
                )
            )

    def _pool_refuse_reopening_lost(self, vals):
        """A salesperson's lost pool lead stays lost until it is restored: crm
        reopens a lost lead whose stage or probability is written but leaves it
        archived, its closing date cleared - undecided, out of recycling and out
        of the results his caps and his trial are read from."""
        if vals.get("active") or not (vals.get("probability") or "stage_id" in vals):
            return
        lost = self.sudo().filtered(lambda lead: lead.pool_id and lead.won_status == "lost")
        if lost:
            raise UserError(
                self.env._(
                    "%(lead)s was marked lost: restore it before you change its stage or "
                    "probability (changed while lost, the loss would drop out of the "
                    "results your caps follow).",
                    lead=lost[0].name,
                )
            )

    def _pool_refuse_undecided_archive(self):
        """After the write: archived and still pending (not lost) is refused, in
        plain words; archived as lost (probability 0, as Lost writes it) is the
        salesperson's decision and counts in his results."""
        undecided = self.sudo().filtered(
            lambda lead: not lead.active and lead.won_status == "pending"
        )
        if undecided:
            lead = undecided[0]
            raise UserError(
                self.env._(
                    "%(lead)s is a lead of the %(pool)s pool: archived without a decision, "
                    "its customer would be kept from your colleagues and from recycling. "
                    "Mark it lost (with a reason) or release it to the pool; its pool "
                    "manager may archive it.",
                    lead=lead.name,
                    pool=lead.pool_id.name,
                )
            )

    def action_set_lost(self, **additional_values):
        """crm archives first and writes the probability after: the held pool
        leads are archived and marked lost in one write, so the archive is
        never undecided (see ``_pool_refuse_undecided_archive``)."""
        held = self._pool_archiving({"active": False}, self._pool_is_manager())
        if held:
            held.write(
                {
                    "active": False,
                    **additional_values,
                    "probability": 0,
                    "automated_probability": 0,
                }
            )
        return super().action_set_lost(**additional_values)

    def _pool_check_held_within_cap(self, now):
        """After the write: each owner of these leads holds no more than his
        private cap in a pool's team (the count a claim is checked against,
        which counts his leads outside any pool there too)."""
        Member = self.env["crm.team.member"].sudo()
        leads = self.sudo().filtered_domain(Member._pool_counted_domain())
        members = Member.search(
            [("user_id", "in", leads.user_id.ids), ("crm_team_id", "in", leads.team_id.ids)]
        )._pool_caps_bind()
        # the owners' counters locked first, as a claim locks them: two leads
        # restored (or brought into a pool) at once, or a claim at the same
        # time, wait for each other and the second counts the first
        members._pool_lock()
        for (user_id, team_id), stat in members._pool_caps(now).items():
            if stat["held"] > stat["private_cap"] and leads.filtered(
                lambda lead, u=user_id, t=team_id: (lead.user_id.id, lead.team_id.id) == (u, t)
            ):
                raise UserError(
                    self.env._(
                        "%(owner)s would hold %(held)s leads in %(team)s, above the private "
                        "cap of %(cap)s: release some to the pool first.",
                        owner=stat["member"].user_id.name,
                        held=stat["held"],
                        team=stat["member"].crm_team_id.name,
                        cap=stat["private_cap"],
                    )
                )

    def _merge_dependences(self, opportunities):
        # the pool's audit (claims counted against the claim cap, give-backs
        # behind cool-downs) follows the merged leads to the lead that remains,
        # each move still naming the lead it was about
        self.ensure_one()
        self._pool_flush_owner_events()
        self.env["crossborder.pool.event"]._keep_after_leads(opportunities, into=self)
        return super()._merge_dependences(opportunities)

    def _pool_check_key_accounts(self, manager):
        """Marking leads as key accounts: the owner's own open pool leads, within his
        tier's quota (his counters locked first, as a claim locks them)."""
        leads = self.sudo()
        for lead in leads:
            if not lead.pool_id or not lead.user_id or lead.won_status != "pending":
                raise UserError(
                    self.env._(
                        "%(lead)s is not an open lead of a pool's salesperson: only those "
                        "can be key accounts.",
                        lead=lead.name,
                    )
                )
            if not manager and lead.user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only %(owner)s or a pool manager can mark %(lead)s as a key account.",
                        owner=lead.user_id.name,
                        lead=lead.name,
                    )
                )
        leads._pool_check_key_account_quota()

    def _pool_check_key_account_quota(self):
        """Each owner of these key accounts (open pool leads) keeps within his
        tier's quota, counting them with his other open key accounts; his
        counters are locked first, as a claim locks them."""
        leads = self.sudo()
        Member = self.env["crm.team.member"].sudo()
        for (owner, team), group in leads.grouped(
            lambda lead: (lead.user_id, lead.team_id)
        ).items():
            member = Member.search(
                [("user_id", "=", owner.id), ("crm_team_id", "=", team.id)], limit=1
            )
            member._pool_lock()
            quota = member.tier_id.protected_quota
            held = self.sudo().search_count(
                [
                    ("user_id", "=", owner.id),
                    ("team_id", "=", team.id),
                    ("pool_key_account", "=", True),
                    ("won_status", "=", "pending"),
                    ("id", "not in", group.ids),
                ]
            )
            if held + len(group) > quota:
                raise UserError(
                    self.env._(
                        "%(owner)s's tier allows %(quota)s key account(s) in %(team)s and "
                        "%(held)s are already marked: unmark one first.",
                        owner=owner.name,
                        quota=quota,
                        team=team.name,
                        held=held,
                    )
                )

    def _pool_record_best_stage(self, best, sequence):
        internal = self.with_context(**{POOL_MOVE: True}).sudo()  # system field
        for value, leads in internal.grouped(lambda lead: max(best[lead.id], sequence)).items():
            leads.filtered(lambda lead, v=value: lead.pool_best_stage_sequence != v).write(
                {"pool_best_stage_sequence": value}
            )

    def _pool_check_own_results(self, vals):
        """A pool manager corrects her colleagues' wins (first won on, by, for how
        much), not her own, and takes none of theirs: her trial and her results
        are measured on them (outside audit 68). Sales managers correct all."""
        first_win = {"pool_first_won", "pool_won_revenue", "pool_first_won_user_id"}
        user = self.env.user
        if self.env.su or user.has_group("sales_team.group_sale_manager"):
            return None
        # crm's own closing date of a lead made won as it is created (a copy of a
        # lead as her won one: outside audit 70, L9) corrects nothing
        corrected = first_win | {"expected_revenue"}
        if "date_closed" in vals and not self._pool_crm_closes(vals["date_closed"]):
            corrected.add("date_closed")
        if corrected & set(vals):
            # sudo: whose wins these are is read to check them; a value written
            # again corrects nothing (crm's merge writes the kept lead's revenue
            # back: outside audit 73, M2)
            own = (
                self.sudo()
                ._pool_changed_by(vals, corrected)
                .filtered(
                    lambda lead: user in (lead.user_id | lead.pool_first_won_user_id)
                    and (first_win & set(vals) or lead.won_status == "won")
                )
            )
            if own:
                self._pool_refuse_own_wins()
            if vals.get("pool_first_won_user_id") == user.id and self.sudo()._pool_changed_by(
                vals, {"pool_first_won_user_id"}
            ):
                raise AccessError(
                    self.env._(
                        "You do not make yourself the first winner of a colleague's lead: "
                        "ask a sales manager."
                    )
                )
            # emptied, a colleague's first win was stamped again for whoever
            # held the lead next: her (outside audit 69, H1)
            if any(
                not vals.get(name, True) for name in ("pool_first_won_user_id", "pool_first_won")
            ):
                raise AccessError(
                    self.env._(
                        "A first win is corrected (another date, amount or salesperson), "
                        "not emptied: ask a sales manager to empty one."
                    )
                )
        # who held the leads: a win stamped by this write is hers only on her own
        return (
            {lead.id: lead.user_id.id for lead in self.sudo()} if WON_FIELDS & set(vals) else None
        )

    def _pool_changed_by(self, vals, names):
        """The leads whose value of one of ``names`` the write ``vals`` changes."""
        fields_ = [self._fields[name] for name in names if name in vals]
        return self.filtered(
            lambda lead: any(
                field.convert_to_record(field.convert_to_cache(vals[field.name], lead), lead)
                != lead[field.name]
                for field in fields_
            )
        )

    def _pool_check_made_results(self, vals_list):
        """A pool manager's new leads (created or copied) take their first win
        from the pool's stamp, and hers are won now: given first-win values or
        a past closing date, she credited herself with a colleague's win, him
        with hers, or backdated her own (outside audit 71, H1 and H2)."""
        user = self.env.user
        if self.env.su or user.has_group("sales_team.group_sale_manager"):
            return
        first_win = {"pool_first_won", "pool_won_revenue", "pool_first_won_user_id"}
        if any(first_win & set(vals) for vals in vals_list):
            raise AccessError(
                self.env._(
                    "A lead's first win is recorded when it is won: correct a colleague's "
                    "afterwards."
                )
            )
        # sudo: whose leads these are is read to check them
        if self.sudo().filtered(
            lambda lead: lead.user_id == user
            and lead.date_closed
            and not lead._pool_crm_closes(lead.date_closed, closed=False)
        ):
            self._pool_refuse_own_wins()

    def _pool_refuse_own_wins(self):
        raise AccessError(
            self.env._(
                "Your own wins (when, for how much, by whom first) are corrected by "
                "a sales manager or another pool manager."
            )
        )

    def _pool_check_no_win_taken(self, held):
        """A pool manager is the first winner of no lead someone else held
        before the write that won it: taking a colleague's lead in the write
        that wins it again, she was stamped with his win (outside audit 69,
        H1). ``held``: {lead id: its salesperson before}."""
        user = self.env.user
        taken = self.sudo().filtered(
            lambda lead: lead.pool_first_won_user_id == user and held.get(lead.id) != user.id
        )
        if taken:
            raise AccessError(
                self.env._(
                    "%(lead)s was not yours when it was won: its win stays its "
                    "salesperson's. Ask a sales manager to correct who won it.",
                    lead=taken[0].name,
                )
            )

    def _pool_check_system_fields(self, vals):
        if "protected_until" in vals:
            raise AccessError(self.env._("Only pool managers can protect a lead from recycling."))
        if "date_closed" in vals:
            self._pool_check_date_closed(vals["date_closed"])
        if "expected_revenue" in vals:
            self._pool_check_won_revenue(vals["expected_revenue"])
        if "won_status" in vals:
            # crm computes it; written by hand, a lost lead counted as a win in
            # results and as its customer's last purchase (outside audit 23, H2)
            raise AccessError(
                self.env._(
                    "Won/Lost follows the lead's stage and whether it was marked lost: "
                    "mark the lead won or lost instead."
                )
            )
        forbidden = [name for name in SYSTEM_FIELDS if name in vals]
        if forbidden:
            labels = ", ".join(
                self._fields[name]._description_string(self.env) for name in forbidden
            )
            raise AccessError(
                self.env._(
                    "%(fields)s: the pool keeps these itself; only a pool manager can change them.",
                    fields=labels,
                )
            )

    def _pool_place(self, manager):
        """{lead id: (team id, company id)} before a salesperson's write (none
        for a manager's): the write itself or crm's computes (a lead made an
        opportunity takes its salesperson's team) may move them."""
        if manager:
            return {}
        return {lead.id: (lead.team_id.id, lead.company_id.id) for lead in self.sudo()}

    def _pool_first_win_correction(self, vals, manager):
        """(the leads already won, the closing date and revenue a manager gives
        them) before her write, or None: the write that wins a lead again, or
        marks a won lead won once more, is no correction of its first win, nor
        is the closing date crm adds to it (outside audits 71 and 72)."""
        given = {name: vals[name] for name in ("date_closed", "expected_revenue") if name in vals}
        if not manager or not given:
            return None
        return self.sudo().filtered(lambda lead: lead.won_status == "won"), given

    def _pool_after_write_checks(self, vals, manager, now, place, held=None, correction=None):
        """After a write: the leads first won now keep what they were won for
        and when (a pool manager's only on leads she held: ``held``, see
        _pool_check_own_results); those a salesperson's write moved into another
        team or company (``place``: where they were) count against their
        salesperson's private cap there, like leads given to him."""
        if WON_FIELDS & set(vals):
            self._pool_stamp_first_win()
        if held:
            self._pool_check_no_win_taken(held)
        if correction and correction[0]:
            correction[0]._pool_correct_first_win(correction[1])
        moved = self.sudo().filtered(
            lambda lead: lead.user_id
            and lead.id in place
            and place[lead.id] != (lead.team_id.id, lead.company_id.id)
        )
        for owner, leads in moved.grouped("user_id").items():
            leads.with_env(self.env)._pool_check_received_within_cap(owner, now)

    def _pool_correct_first_win(self, vals):
        """A manager's correction of a won lead's closing date or revenue is
        what its first win counts for from then on. A lead won but not stamped
        yet (one a manager makes won: crm dates it in the create) is stamped
        first: dated alone, it had no first winner (outside audit 70)."""
        self._pool_stamp_first_win()
        won = self.sudo().filtered(lambda lead: lead.won_status == "won")
        internal = won.with_context(**{POOL_MOVE: True})  # system fields
        fields_ = {"date_closed": "pool_first_won", "expected_revenue": "pool_won_revenue"}
        for name, stamp in fields_.items():
            if name in vals:
                for value, leads in internal.grouped(name).items():
                    leads.write({stamp: value})

    def _pool_stamp_first_win(self):
        """The leads won for the first time: their date and revenue now, which
        reopening and winning again does not change (trial measures)."""
        first = self.sudo().filtered(
            lambda lead: lead.won_status == "won" and not lead.pool_first_won
        )
        internal = first.with_context(**{POOL_MOVE: True})  # system fields
        won = internal.grouped(lambda lead: (lead.date_closed, lead.expected_revenue, lead.user_id))
        for (closed, revenue, user), leads in won.items():
            leads.write(
                {
                    "pool_first_won": closed,
                    "pool_won_revenue": revenue,
                    "pool_first_won_user_id": user.id,
                }
            )

    def _pool_note_typed_address(self, vals):
        """Who sets the lead's e-mail address or customer (into ``vals``): an
        e-mail from what the lead's own salesperson typed in is not the
        customer's (see _pool_from_customer)."""
        if {"email_from", "partner_id"} & set(vals):
            vals["pool_email_typed_by"] = self.env.uid != SUPERUSER_ID and self.env.uid

    def _pool_check_won_revenue(self, value):
        """A won lead's Expected Revenue is what it was won for: it counts in
        the salesperson's results (trial measures), so it is not raised or
        lowered afterwards."""
        won = self.filtered(
            lambda lead: lead.won_status == "won" and lead.expected_revenue != float(value or 0.0)
        )
        if won:
            raise AccessError(
                self.env._(
                    "%(lead)s is won: its expected revenue is what it was won for and counts "
                    "in your results, so only a pool manager can change it.",
                    lead=won[0].name,
                )
            )

    def _pool_crm_closes(self, value, closed=True):
        """Whether ``value``, for these leads' Closed Date, is crm's own: now,
        on leads never closed (crm writes it for a lead made won, as it is made;
        ``closed``: whether to check they never were)."""
        now = fields.Datetime.now()
        return bool(
            value
            and abs(fields.Datetime.to_datetime(value) - now) <= timedelta(minutes=1)
            and not (closed and any(self.sudo().mapped("date_closed")))
        )

    def _pool_check_date_closed(self, value):
        """Closed Date is crm's: set when a lead is won or lost (crm passes it to
        write only for a lead made won, at the time it is made). The pool reads
        it for the salesperson's results (conversion of caps that follow
        results, trial measures) and a customer's last purchase (dormancy): a
        salesperson does not date a win into the window or a loss out of it."""
        now = fields.Datetime.now()
        if value and abs(fields.Datetime.to_datetime(value) - now) <= timedelta(minutes=1):
            return
        raise AccessError(
            self.env._(
                "Closed Date is set when the lead is won or lost: it counts in your results "
                "and the customer's last purchase, so only a pool manager can change it."
            )
        )

    def _pool_check_revival_customer(self, partner_id):
        """A revival is its customer's: its contact may be another of his, not
        another customer, whose purchases would close it (outside audit 85, H2;
        the scan reads whom it revives from its audit row all the same)."""
        revivals = self.sudo().filtered("revival_last_purchase")
        if not revivals:
            return
        # sudo: the customers are compared, not shown
        Partner = self.env["res.partner"].sudo()
        customer = Partner.browse(partner_id).commercial_partner_id.id
        revived = self.env["crossborder.pool.event"]._revival_customers(revivals)
        if moved := revivals.filtered(lambda lead: revived[lead.id] != customer):
            raise UserError(
                self.env._(
                    "%(lead)s revives %(customer)s: its contact may be another of his, not "
                    "another customer. Make a new lead for the other customer instead.",
                    lead=moved[0].name,
                    customer=Partner.browse(revived[moved[0].id]).name,
                )
            )

    def _pool_customer_change(self, partner_id, manager):
        """Held open leads of pools working per customer that change customer
        (the Customer field, RPC ``write``): a customer has one salesperson in a
        pool, so a salesperson may not move a lead to a customer a colleague
        holds or who waits in the pool (that would split him), and a customer
        new to him counts against his private cap like a claim. Managers move
        freely. Returns the leads whose customer changes (sudo)."""
        customer_pools = self.env["crossborder.lead.pool"]._customer_pool_ids()
        if not customer_pools:
            return self.browse()
        # sudo: the salesperson may not read the customer's other leads; only
        # what the rule needs is read, and the refusal names what he may know
        new_customer = self.env["res.partner"].sudo().browse(partner_id).commercial_partner_id
        changing = self.sudo().filtered(
            lambda lead: lead.pool_id.id in customer_pools
            and lead.user_id
            and lead.partner_id.commercial_partner_id != new_customer
        )
        moving = changing.filtered(lambda lead: lead.won_status == "pending")
        if manager:
            return moving
        if closed := changing - moving:
            # reopened or restored under another customer, a lead would come back
            # counted as one of his customers it never was (see below)
            raise UserError(
                self.env._(
                    "%(lead)s is won or lost: the customer it was won or lost with stays, "
                    "so that results and the caps count him. Ask a pool manager to "
                    "change it.",
                    lead=closed[0].name,
                )
            )
        if not moving:
            return moving
        # a lead made for the customer at the same time is not seen otherwise
        new_customer._pool_lock()
        Lead = self.env["crm.lead"].sudo()
        for (pool, owner), leads in moving.grouped(
            lambda lead: (lead.pool_id, lead.user_id)
        ).items():
            open_domain = [
                ("pool_id", "=", pool.id),
                ("won_status", "=", "pending"),
                ("pool_escalated", "=", False),
                ("id", "not in", leads.ids),
            ]
            others = Lead.browse()
            if new_customer:
                others = Lead.search(
                    [*open_domain, ("partner_id.commercial_partner_id", "=", new_customer.id)]
                )
                strangers = others.filtered(lambda lead, o=owner: lead.user_id != o)
                if strangers:
                    self._pool_refuse_customer_of_others(new_customer, pool, strangers)
            # a customer (or a lead without one) new to him, none if he holds the
            # customer already, and the customers these leads leave that he no
            # longer holds with any other lead
            added = 0 if others else 1 if new_customer else len(leads)
            old_customers = leads.partner_id.commercial_partner_id
            kept = {
                partner.commercial_partner_id.id
                for [partner] in Lead._read_group(
                    [
                        *open_domain,
                        ("user_id", "=", owner.id),
                        ("partner_id.commercial_partner_id", "in", old_customers.ids),
                    ],
                    ["partner_id"],
                )
            }
            freed = len(leads.filtered(lambda lead: not lead.partner_id)) + len(
                old_customers.filtered(lambda customer, k=kept: customer.id not in k)
            )
            if added < freed:
                # customers made one: his count drops and he may claim again, while
                # the customers he leaves vanish from the pool with their leads
                self._pool_refuse_merging_customers(new_customer, pool, owner, freed - added)
            if added == freed:
                continue
            member = (
                self.env["crm.team.member"]
                .sudo()
                .search(
                    [("user_id", "=", owner.id), ("crm_team_id", "=", pool.team_id.id)], limit=1
                )
            )
            if not member:
                continue
            member._pool_lock()
            stat = member._pool_caps()[(owner.id, pool.team_id.id)]
            if stat["held"] + added - freed > stat["private_cap"]:
                raise UserError(
                    self.env._(
                        "%(customer)s would be one more customer for %(user)s, who holds "
                        "%(held)s of the %(cap)s allowed (tier %(tier)s): release a customer "
                        "first, or ask a pool manager.",
                        customer=new_customer.name or self.env._("A lead without customer"),
                        user=owner.name,
                        held=stat["held"],
                        cap=stat["private_cap"],
                        tier=stat["tier"].name,
                    )
                )
        return moving

    def _pool_refuse_merging_customers(self, customer, pool, owner, fewer):
        """The caps of a pool working per customer count customers: a salesperson's
        leads of several customers (or without one) moved to one customer would
        count ``fewer`` customers less for him, which a pool manager decides."""
        raise UserError(
            self.env._(
                "The caps of the pool %(pool)s count customers: moving these leads to "
                "%(customer)s would take %(fewer)s off the customers counted for %(user)s. "
                "Leads of one customer filed under several are put together by a pool "
                "manager.",
                pool=pool.name,
                customer=customer.name or self.env._("no customer"),
                fewer=fewer,
                user=owner.name,
            )
        )

    def _pool_refuse_customer_of_others(self, customer, pool, strangers, work="lead"):
        """A customer has one salesperson in a pool working per customer:
        ``strangers``, his open leads there that the salesperson does not hold
        (a colleague's, or waiting), refuse him another lead of the customer
        or (_pool_check_customer_work) a quotation for him (``work`` "sale"), a
        contact given to him or taken from him ("contact"), or a change of what
        was delivered to him ("delivery")."""
        holder = strangers.user_id[:1]
        names = {"customer": customer.name, "holder": holder.name, "pool": pool.name}
        if holder and work == "sale":
            message = self.env._(
                "%(customer)s is held by %(holder)s in the pool %(pool)s, and a "
                "customer has one salesperson there: his quotations are "
                "%(holder)s's to make (or ask a pool manager).",
                **names,
            )
        elif holder and work == "contact":
            message = self.env._(
                "%(customer)s is held by %(holder)s in the pool %(pool)s, and a "
                "customer has one salesperson there: his contacts are %(holder)s's "
                "to move or archive (or ask a pool manager).",
                **names,
            )
        elif holder and work == "delivery":
            message = self.env._(
                "%(customer)s is held by %(holder)s in the pool %(pool)s, and a "
                "customer has one salesperson there: what was delivered to him is "
                "%(holder)s's to correct (or ask a pool manager).",
                **names,
            )
        elif holder:
            message = self.env._(
                "%(customer)s is held by %(holder)s in the pool %(pool)s, and a "
                "customer has one salesperson there: ask a pool manager to move "
                "this lead.",
                **names,
            )
        elif work == "sale":
            message = self.env._(
                "%(customer)s waits in the pool %(pool)s: claim the customer "
                "there before you sell to him.",
                **names,
            )
        elif work == "contact":
            message = self.env._(
                "%(customer)s waits in the pool %(pool)s: claim the customer "
                "there before you move or archive his contacts.",
                **names,
            )
        elif work == "delivery":
            message = self.env._(
                "%(customer)s waits in the pool %(pool)s: claim the customer "
                "there before you correct what was delivered to him.",
                **names,
            )
        else:
            message = self.env._(
                "%(customer)s waits in the pool %(pool)s: claim the customer "
                "there before moving leads to him.",
                **names,
            )
        raise UserError(message)

    @api.model
    def _pool_limits_customer_work(self):
        """Whether the user's work on customers is checked (see below): pools
        work per customer and he is a salesperson, not a manager."""
        return (
            bool(self.env["crossborder.lead.pool"]._customer_pool_ids())
            and not self._pool_is_manager()
            and self.env.user.has_group("sales_team.group_sale_salesman")
        )

    @api.model
    def _pool_check_customer_work(self, partners, work="sale"):
        """A salesperson sells (quotations, orders: ``work`` "sale") to, moves
        contacts ("contact") of, and corrects done deliveries ("delivery") of,
        only customers he may work: in a pool
        working per customer, a customer waiting there is
        claimed first and a colleague's customer is the colleague's, as for a
        lead made for him (_pool_check_made_for_customers). Pool and sales
        managers, the system (a customer ordering online) and users who are not
        salespeople are not the pool's to limit."""
        if not (partners and self._pool_limits_customer_work()):
            return
        customer_pools = self.env["crossborder.lead.pool"]._customer_pool_ids()
        customers = partners.sudo().commercial_partner_id
        # a lead made for the customer at the same time is seen (see _pool_lock)
        customers._pool_lock()
        # sudo: the customers' leads are read to refuse, never returned
        leads = self.sudo().search(
            [
                ("pool_id", "in", list(customer_pools)),
                ("won_status", "=", "pending"),
                ("pool_escalated", "=", False),
                ("partner_id.commercial_partner_id", "in", customers.ids),
            ]
        )
        mine = leads.filtered(lambda lead: lead.user_id == self.env.user)
        for (pool, customer), theirs in (
            (leads - mine)
            .grouped(lambda lead: (lead.pool_id, lead.partner_id.commercial_partner_id))
            .items()
        ):
            if not mine.filtered(
                lambda lead, p=pool, c=customer: lead.pool_id == p
                and lead.partner_id.commercial_partner_id == c
            ):
                self._pool_refuse_customer_of_others(customer, pool, theirs, work=work)

    def _pool_check_made_for_customers(self):
        """Leads just made for a salesperson (create, copy, import) in a pool
        working per customer: a customer whom a colleague holds there, or who
        waits in the pool, is not split by a lead made for oneself, as the
        Customer field refuses the same (_pool_customer_change)."""
        customer_pools = self.env["crossborder.lead.pool"]._customer_pool_ids()
        if not customer_pools:
            return
        # sudo: the customer's other leads are read to refuse, never returned
        # won ones too: a win for a waiting or a colleague's customer counted as
        # one's result (outside audit 21, 3)
        leads = self.sudo().filtered(
            lambda lead: lead.pool_id.id in customer_pools
            and lead.user_id
            and lead.partner_id
            and lead.won_status != "lost"
        )
        if not leads:
            return
        # two leads made at once for one new customer would not see each other
        customers = leads.partner_id.commercial_partner_id
        customers._pool_lock()
        others = self.sudo().search(
            [
                ("pool_id", "in", leads.pool_id.ids),
                ("won_status", "=", "pending"),
                ("pool_escalated", "=", False),
                ("id", "not in", leads.ids),
                ("partner_id.commercial_partner_id", "in", customers.ids),
            ]
        )
        for lead in leads:
            customer = lead.partner_id.commercial_partner_id
            strangers = others.filtered(
                lambda other, lead=lead, customer=customer: other.pool_id == lead.pool_id
                and other.partner_id.commercial_partner_id == customer
                and other.user_id != lead.user_id
            )
            if strangers:
                self._pool_refuse_customer_of_others(customer, lead.pool_id, strangers)

    def _pool_check_taker(self, user, from_pool, now, members=None, customers=None, made=False):
        """Raise a UserError naming the rule when ``user`` may not take these
        leads now (the eligibility rule); change nothing. ``members``: the
        user's team memberships, locked already by the caller (a claim locks
        them first); without them they are found and locked here, as a claim
        locks them, so that whatever gives the user leads at the same time (a
        claim, a colleague passing one on, a lead made for him) waits for this
        transaction and is then checked with its leads counted. ``made``: the
        leads were just created for him, and his counters count them already."""
        if not self:
            return
        teams = self.pool_id.team_id
        if members is None:
            members = (
                self.env["crm.team.member"]
                .sudo()
                .search(
                    [("user_id", "=", user.id), ("crm_team_id", "in", teams.ids)]
                    if teams
                    else [("user_id", "=", user.id)]
                )
            )
            members._pool_lock()
        stats = members._pool_caps(now)
        for team, leads in self.grouped(lambda lead: lead.pool_id.team_id).items():
            stat = stats.get((user.id, team.id)) if team else next(iter(stats.values()), None)
            taker = stat["taker"] if stat else eligibility.Taker(user.id, member=False)
            offers = leads._pool_offers(user, from_pool, customers)
            if stat and made:
                # what he held before these leads: they are not counted twice
                stat = dict(stat, held=stat["held"] - eligibility.units(offers))
                taker = replace(taker, held=stat["held"])
            found = eligibility.refusal(taker, offers, now)
            if found:
                raise UserError(leads._pool_refusal_message(found, user, team, stat))

    def _pool_check_received_within_cap(self, user, now):
        """After these leads were given to ``user`` (made for him, passed on to
        him, taken by himself): his private cap counts every open lead he holds
        in a team a pool works for, in a pool or not (crm.team.member
        ._pool_caps), so the leads outside any pool, which no rule of a pool
        checked before, are refused above it too, in a claim's words. Only the
        private cap: they are no claims, and a pool's other rules are its own
        leads'. His counters are locked first, as a claim locks them."""
        Member = self.env["crm.team.member"].sudo()
        counted = self.sudo().filtered_domain(Member._pool_counted_domain())
        outside = counted.filtered(lambda lead: not lead.pool_id)
        if not outside:
            return  # pool leads only: checked with the pool's rules already
        members = Member.search(
            [("user_id", "=", user.id), ("crm_team_id", "in", outside.team_id.ids)]
        )._pool_caps_bind()
        members._pool_lock()
        stats = members._pool_caps(now)
        for team, leads in counted.grouped("team_id").items():
            stat = stats.get((user.id, team.id))
            if not (stat and stat["held"] > stat["private_cap"] and leads & outside):
                continue
            given = len({lead._pool_unit_key() for lead in leads})  # what the cap counts
            raise UserError(
                leads.with_env(self.env)._pool_refusal_message(
                    eligibility.Refusal(eligibility.PRIVATE_CAP),
                    user,
                    team,
                    dict(stat, held=stat["held"] - given),
                )
            )

    def _pool_offers(self, user, from_pool=True, customers=None):
        """The leads as the eligibility rule sees them, with ``user``'s
        give-backs inside each pool's cool-down. ``customers``: {lead id:
        customer id} of leads of pools working per customer, when known."""
        leads = self.sudo()
        given = leads.env["crossborder.pool.store"]._given_back(
            leads.ids, fields.Datetime.now(), user
        )
        last = {lead_id: dates[0][1] for lead_id, dates in given.items()}
        reserved = {lead.id: lead.reserved_until for lead in leads if lead.reserved_until}
        held = leads.filtered(lambda lead: lead.user_id and lead.pool_id.reserve_days)
        if from_pool and held:
            # a held lead passed on: the claim (or rotation) that brought it to a
            # new salesperson ended its reservation on the lead, not for whoever
            # he passes it to; it lasts the pool's days from its return to the
            # pool (recycled, given back, a dormant customer revived)
            back = leads.env["crossborder.pool.event"]._read_group(
                [
                    ("lead_id", "in", held.ids),
                    ("kind", "in", ("recycle", "over_cap", "revival")),
                ],
                ["lead_id"],
                ["date:max"],
            )
            for lead, date in back:
                reserved[lead.id] = date + timedelta(days=lead.pool_id.reserve_days)
        return [
            eligibility.Offer(
                lead.id,
                lead.country_id.id or None,
                from_pool=from_pool,
                reserved_until=reserved.get(lead.id),
                last_owner_id=lead.last_owner_id.id or None,
                given_back=((user.id, last[lead.id]),) if lead.id in last else (),
                cooldown_days=lead.pool_id.cooldown_days,
                unit=("customer", customers[lead.id])
                if customers and lead.id in customers
                else lead._pool_unit_key(),
            )
            for lead in leads
        ]

    def _pool_claim_period_label(self, period):
        """'per week' (the tier's claim period, as its selection says it)."""
        Tier = self.env["crossborder.sales.tier"]
        return dict(Tier._fields["claim_period"]._description_selection(self.env))[period].lower()

    def _pool_refusal_message(self, found, user, team, stat):
        _ = self.env._
        lead = self.sudo().browse(found.lead_id) if found.lead_id else self.sudo()[:1]
        pool = lead.pool_id or self.sudo().pool_id[:1]
        yours = user == self.env.user
        if found.code == eligibility.NOT_MEMBER:
            return _(
                "%(user)s is not a salesperson of the team %(team)s, so the pool %(pool)s "
                "cannot give them %(lead)s.",
                user=user.name,
                team=team.name or "-",
                pool=pool.name,
                lead=lead.name,
            )
        if found.code == eligibility.REGION:
            return _(
                "%(user)s does not cover %(country)s, the country of %(lead)s.",
                user=user.name,
                country=lead.country_id.name or "-",
                lead=lead.name,
            )
        keys = {lead._pool_unit_key() for lead in self.sudo()}
        count = len(keys)
        if found.code in (eligibility.PRIVATE_CAP, eligibility.CLAIM_CAP) and any(
            key[0] == "customer" for key in keys
        ):
            # a pool working per customer: the caps count customers
            if found.code == eligibility.PRIVATE_CAP:
                return _(
                    "%(user)s may hold %(cap)s customers (tier %(tier)s) and already holds "
                    "%(held)s: %(count)s more would exceed the private cap. Release or close a "
                    "customer's leads first.",
                    user=_("You") if yours else user.name,
                    cap=stat["private_cap"],
                    tier=stat["tier"].name,
                    held=stat["held"],
                    count=count,
                )
            return _(
                "The claim cap is %(cap)s customers %(period)s (tier %(tier)s) and %(claimed)s "
                "were taken already: %(count)s more would exceed it.",
                cap=stat["claim_cap"],
                period=self._pool_claim_period_label(stat["period"]),
                tier=stat["tier"].name,
                claimed=stat["claimed"],
                count=count,
            )
        if found.code == eligibility.PRIVATE_CAP:
            if yours:
                return _(
                    "Your private cap is %(cap)s open leads (tier %(tier)s) and you already "
                    "hold %(held)s: %(count)s more would exceed it. Release or close a lead "
                    "first.",
                    cap=stat["private_cap"],
                    tier=stat["tier"].name,
                    held=stat["held"],
                    count=count,
                )
            return _(
                "%(user)s may hold %(cap)s open leads (tier %(tier)s) and already holds "
                "%(held)s: %(count)s more would exceed the private cap.",
                user=user.name,
                cap=stat["private_cap"],
                tier=stat["tier"].name,
                held=stat["held"],
                count=count,
            )
        if found.code == eligibility.CLAIM_CAP and not yours:
            # a lead passed on by a colleague: the receiver's cap, in his name
            return _(
                "%(user)s's claim cap is %(cap)s leads %(period)s (tier %(tier)s), with "
                "%(claimed)s claimed already: a lead passed on counts as a claim, and "
                "%(count)s more would exceed the cap.",
                user=user.name,
                cap=stat["claim_cap"],
                period=self._pool_claim_period_label(stat["period"]),
                tier=stat["tier"].name,
                claimed=stat["claimed"],
                count=count,
            )
        if found.code == eligibility.CLAIM_CAP:
            template = {
                "day": _(
                    "Your claim cap is %(cap)s leads a day (tier %(tier)s) and you have "
                    "claimed %(claimed)s today: claiming %(count)s more would exceed it."
                ),
                "month": _(
                    "Your claim cap is %(cap)s leads a month (tier %(tier)s) and you have "
                    "claimed %(claimed)s this month: claiming %(count)s more would exceed it."
                ),
            }.get(
                stat["period"],
                _(
                    "Your claim cap is %(cap)s leads a week (tier %(tier)s) and you have "
                    "claimed %(claimed)s this week: claiming %(count)s more would exceed it."
                ),
            )
            return template % {
                "cap": stat["claim_cap"],
                "tier": stat["tier"].name,
                "claimed": stat["claimed"],
                "count": count,
            }
        if found.code == eligibility.RESERVED:
            template = (
                _(
                    "%(lead)s revives a sleeping customer and is reserved to new salespeople "
                    "until %(until)s."
                )
                if lead.revival_last_purchase
                else _(
                    "%(lead)s came back from recycling and is reserved to new salespeople "
                    "until %(until)s."
                )
            )
            return template % {
                "lead": lead.name,
                "until": format_datetime(self.env, found.until, dt_format="short"),
            }
        if found.code == eligibility.COOLDOWN:
            return _(
                "%(user)s gave %(lead)s back to the pool, or passed it to a colleague who "
                "did, less than %(days)s days ago: the cool-down ends on %(date)s.",
                user=_("You") if yours else user.name,
                lead=lead.name,
                days=pool.cooldown_days,
                date=format_date(self.env, fields.Date.context_today(self, found.until)),
            )
        return _("%(lead)s cannot go to %(user)s now.", lead=lead.name, user=user.name)

    def _pool_after_owner_change(self, old_owner, now, old_pool, passed=None, keep_key=False):
        """Someone changed the salesperson outside the pool's own moves (a
        manager's reassignment, a salesperson passing his lead on or clearing
        it): the previous owner stops following and hands over his open
        activities, the pool fields follow, one audit event per lead. Leads
        ``passed`` on by a salesperson ({lead id: follow-up clock}) keep their
        clock: passing a lead between colleagues must not keep it from
        recycling. A key account loses its mark, as in the pool's own moves:
        it is its owner's choice, within his tier's quota (``keep_key``: the
        same write marks it, checked against the new owner)."""
        if passed is not None:
            # a salesperson gave them (to a colleague, or took them himself): his
            # private cap counts the leads outside any pool too, in the team crm
            # has just given them
            self._pool_check_received_within_cap(self.sudo().user_id, now)
        pool_leads = self.sudo().filtered(lambda lead: lead.pool_id or old_pool[lead.id])
        if not pool_leads:
            return
        mover = self.env["crossborder.pool.mover"]
        internal = pool_leads.with_context(**{POOL_MOVE: True})
        keys = internal.filtered("pool_key_account") if not keep_key else internal[:0]
        if keys:
            keys.write({"pool_key_account": False})
            keys._message_log_batch(
                {
                    lead.id: self.env._(
                        "No longer a key account: it changed hands, and a key account is "
                        "its salesperson's own choice, within his tier's quota."
                    )
                    for lead in keys
                }
            )
        for (before, after), leads in pool_leads.grouped(
            lambda lead: (old_owner[lead.id], lead.user_id.id)
        ).items():
            moving = internal.browse(leads.ids)
            if after and passed:
                # the clock keeps running; the colleague is warned afresh
                moving.write(
                    {"pool_entry_date": False, "reserved_until": False, "recycle_warned": False}
                )
                for clock, kept in moving.grouped(lambda lead: passed.get(lead.id) or now).items():
                    kept.write({"last_progress_date": clock})
            elif after:
                moving.write(
                    {
                        "last_progress_date": now,
                        "pool_entry_date": False,
                        "reserved_until": False,
                        "recycle_warned": False,
                    }
                )
            else:
                moving.write(
                    {
                        "pool_entry_date": now,
                        "last_owner_id": before or False,
                        "recycle_warned": False,
                    }
                )
            if after and self.env.context.get("tracking_disable"):
                # the caller's context skipped crm's own follower: the new owner
                # follows the lead, as after any other move
                moving.message_subscribe(partner_ids=moving.user_id.partner_id.ids)
            mover._handle_previous_owner_orm(moving, before, after)
        pool_leads._pool_audit_owner_change(old_owner, now, old_pool, bool(passed))
        mover._customers_follow_leads(pool_leads)

    def _pool_audit_owner_change(self, old_owner, now, old_pool, passed=False):
        """One event per lead (manual reassignment, a salesperson's pass, which
        the claim cap counts, or release when cleared). The rows are gathered
        and inserted in one statement when the transaction commits, like
        tracking values, so a manager's bulk reassignment costs a single extra
        query."""
        data = self.env.cr.precommit.data
        rows = data.setdefault("crossborder_pool_events", [])
        if not rows:
            self.env.cr.precommit.add(self._pool_flush_owner_events)
        Event = self.env["crossborder.pool.event"]
        rule = Event._rule_code("passed_on" if passed else "changed_by_hand", user=self.env.uid)
        counted = set()  # pools working per customer: a customer counts once
        for lead in self.sudo():
            kind = "pass" if passed and lead.user_id else "reassign"
            unit = (lead.user_id.id, lead._pool_unit_key()) if kind == "pass" else None
            rows.append(
                (
                    lead.id,
                    old_owner[lead.id] or None,
                    lead.user_id.id or None,
                    rule,
                    now,
                    self.env.uid,
                    old_pool[lead.id] or None,
                    kind,
                    kind == "pass" and unit in counted,
                )
            )
            counted.add(unit)

    @api.model
    def _pool_flush_owner_events(self):
        rows = self.env.cr.precommit.data.pop("crossborder_pool_events", [])
        if not rows:
            return
        self.flush_model(["pool_id"])
        ids, froms, tos, rules, dates, actors, pools, kinds, along = (
            list(column) for column in zip(*rows, strict=True)
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crossborder_pool_event
                       (date, lead_id, pool_id, kind, reason, from_user_id, to_user_id, rule,
                        actor_id, with_customer)
                SELECT v.date, l.id, coalesce(v.pool_id, l.pool_id),
                       CASE WHEN v.to_id IS NULL THEN 'release' ELSE v.kind END,
                       CASE WHEN v.to_id IS NULL THEN 'manual' END,
                       v.from_id, v.to_id, v.rule, v.actor_id, v.along
                  FROM unnest(%(ids)s::int[], %(froms)s::int[], %(tos)s::int[], %(rules)s::text[],
                              %(dates)s::timestamp[], %(actors)s::int[], %(pools)s::int[],
                              %(kinds)s::varchar[], %(along)s::bool[])
                       AS v(lead_id, from_id, to_id, rule, date, actor_id, pool_id, kind, along)
                  JOIN crm_lead l ON l.id = v.lead_id
                """,
                ids=ids,
                froms=froms,
                tos=tos,
                rules=rules,
                dates=dates,
                actors=actors,
                pools=pools,
                kinds=kinds,
                along=along,
            )
        )
        self.env["crossborder.pool.event"].invalidate_model()

    def _merge_opportunity(self, user_id=False, team_id=False, auto_unlink=True, max_length=5):
        """Merging would hand a waiting lead's contact to the merged lead and
        delete it: claim it first."""
        if not self._pool_is_manager():
            waiting = self._pool_waiting()
            if waiting:
                self._pool_refuse_waiting(waiting)
            # the merged leads are deleted into the one kept: a held lead merged
            # into a lead of another pool (or of none) would leave its pool
            pools = {lead.pool_id.id for lead in self.sudo()}  # False: in no pool
            if len(pools) > 1 and any(pools):
                raise UserError(
                    self.env._(
                        "These leads belong to different pools (or some to none): merging "
                        "them would take a lead out of its pool. Their pool manager merges "
                        "them."
                    )
                )
            if any(pools):
                self._pool_check_merge_keeps_count()
        self._pool_check_merge_keeps_wins()
        return super()._merge_opportunity(
            user_id=user_id, team_id=team_id, auto_unlink=auto_unlink, max_length=max_length
        )

    def _pool_check_merge_keeps_wins(self):
        """crm keeps the lead likeliest to be won and deletes the others: a
        pool manager merging won leads deleted her own first win, or a
        colleague's, which their results are measured on (outside audit 74,
        M3). A lead with a first win is deleted by a sales manager only."""
        if self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            return
        # sudo: whose first wins the leads merged away hold, to check the merge
        won = (
            self._sort_by_confidence_level(reverse=True)[1:]
            .sudo()
            .filtered("pool_first_won_user_id")
        )
        if won:
            raise UserError(
                self.env._(
                    "Merging deletes %(lead)s, first won by %(user)s: that win would leave "
                    "the results. Ask a sales manager to merge these leads.",
                    lead=won[0].name,
                    user=won[0].pool_first_won_user_id.name,
                )
            )

    def _pool_check_merge_keeps_count(self):
        """The leads merged into the one kept are deleted: an open pool lead merged
        into a won or lost one left the caps and recycling without a result or a
        release, and unrelated leads merged (made duplicates first by their
        e-mail or customer) freed places in the caps and hid their customers
        (outside audits 18-20). Pool leads are merged by their pool manager."""
        if len(self.sudo().filtered("pool_id")) > 1:
            raise UserError(
                self.env._(
                    "Merging leads of a pool deletes all but one of them, which would free "
                    "places in the caps: ask their pool manager to merge them."
                )
            )

    def message_post(self, **kwargs):
        if not self._pool_is_manager() and self._pool_waiting():
            self._pool_refuse_waiting(self._pool_waiting())
        return super().message_post(**kwargs)

    # ------------------------------------------------------------------
    # progress: what resets the follow-up clock
    # ------------------------------------------------------------------
    def _pool_keep_clock_before_won(self):
        """First won: the clock the lead had, which it takes back if reopened."""
        internal = self.with_context(**{POOL_MOVE: True}).sudo()  # system field
        for clock, leads in internal.grouped(
            lambda lead: lead.last_progress_date or lead.date_open or lead.create_date
        ).items():
            leads.write({"pool_clock_before_won": clock})

    def _pool_restore_clock_before_won(self):
        """Reopened after a win (a win that did not stick): the clock before it."""
        internal = self.with_context(**{POOL_MOVE: True}).sudo()  # system fields
        for clock, leads in internal.grouped("pool_clock_before_won").items():
            leads.write({"last_progress_date": clock, "pool_clock_before_won": False})

    def _pool_register_progress(self, now=None):
        if not self:
            return
        values = {"last_progress_date": now or fields.Datetime.now(), "recycle_warned": False}
        # sudo: system fields, written for whoever made the progress
        self.with_context(**{POOL_MOVE: True}).sudo().write(values)

    def _pool_reminders_after_write(self, vals):
        """What a write ends of the pool's reminders, whatever wrote it. When
        the follow-up clock restarts (every reset clears ``recycle_warned``:
        progress, a pool manager's reassignment) or stops (won, lost or
        archived, a key account, protected from recycling), the pool's own
        reminders (follow up before recycling, revive) are removed, their
        reason gone, and a clock that runs again warns afresh. An escalated lead
        that a pool manager hands to someone who cannot decide on it (or to
        nobody) is no longer escalated: that was his decision. The decide to-do
        goes when the escalation ends or the lead is closed. The pool's moves
        (a new owner in the same write) hand or remove the previous owner's
        activities themselves."""
        leads = self.sudo().with_context(active_test=False)  # system fields, for any writer
        restarted = closed = stopped = decided = leads.browse()
        if "recycle_warned" in vals and not vals["recycle_warned"] and "user_id" not in vals:
            restarted = leads
        if {"stage_id", "active", "probability"}.intersection(vals):
            closed = leads.filtered(lambda lead: lead.won_status != "pending" or not lead.active)
            stopped |= closed
            decided |= closed
        if vals.get("pool_key_account"):
            stopped |= leads.filtered("pool_key_account")
        if vals.get("protected_until"):
            today = fields.Date.context_today(self)
            stopped |= leads.filtered(
                lambda lead: lead.protected_until and lead.protected_until >= today
            )
        if "pool_escalated" in vals and not vals["pool_escalated"]:
            decided |= leads
        internal = leads.with_context(**{POOL_MOVE: True})
        if "user_id" in vals:
            handed = leads.filtered(
                lambda lead: lead.pool_escalated
                and lead.pool_id
                and not (lead.user_id and lead.pool_id._can_decide(lead.user_id))
            )
            if handed:
                # the escalation ends; the write removes the decide to-do
                internal.browse(handed.ids).write({"pool_escalated": False})
                handed._message_log_batch(
                    {
                        lead.id: self.env._(
                            "No longer escalated: %(user)s holds it as an ordinary lead, "
                            "with a fresh follow-up clock.",
                            user=lead.user_id.name,
                        )
                        if lead.user_id
                        else self.env._("No longer escalated: it waits in the pool again.")
                        for lead in handed
                    }
                )
        warned = stopped.filtered("recycle_warned")
        if warned:
            # the write removes their reminders (a restarted clock, see above)
            internal.browse(warned.ids).write({"recycle_warned": False})
        dropped = restarted | (stopped - warned)
        if dropped or decided:
            self.env["crossborder.pool.mover"]._drop_reminders(dropped.ids, decided.ids)

    def _message_post_after_hook(self, message, msg_vals):
        """Only an e-mail that Odoo's mail gateway received from the customer
        counts: the gateway posts it as OdooBot; a message a salesperson posts
        with the customer as author does not, nor an e-mail from anyone else
        (a salesperson's private mailbox, another contact of his)."""
        result = super()._message_post_after_hook(message, msg_vals)
        if not (
            self.env.uid == SUPERUSER_ID
            and message.message_type == "email"
            and self._pool_from_customer(message)
        ):
            return result
        if not self.pool_customer_wrote and self.user_id:
            # the customer's side of the lead is on record (trial measures),
            # judged against the salesperson who holds it
            self.with_context(**{POOL_MOVE: True}).sudo().write({"pool_customer_wrote": True})
        if (not self.pool_id or self.pool_id.progress_on_inbound_email) and self.user_id:
            self._pool_register_progress()
        return result

    def _pool_from_customer(self, message):
        """Whether the lead's customer wrote ``message``: its author is the
        lead's contact or a contact of the same company, or, for a lead without
        a contact, it came from the lead's e-mail address. Never an internal
        user, nor an address the lead's salesperson put there himself (his
        private mailbox filed as the customer, a contact of the customer's
        company or the lead's e-mail address: who set a contact's address or
        company, see res.partner)."""
        self.ensure_one()
        author = message.author_id.sudo()  # the author as the system sees him
        if any(user._is_internal() for user in author.user_ids):
            return False
        customer = self.partner_id.commercial_partner_id
        if customer:
            return (
                bool(author)
                and author.commercial_partner_id == customer
                and self.user_id not in author.pool_email_set_by
            )
        sender = tools.email_normalize(message.email_from or "")
        return bool(
            sender
            and sender == self.email_normalized
            and not (self.user_id and self.pool_email_typed_by == self.user_id)
        )

    # ------------------------------------------------------------------
    # customer ownership (pools working per customer, planners/customers.py)
    # ------------------------------------------------------------------
    def _pool_customer_family(self, customers=None):
        """These leads (sudo) and, in pools working per customer, every other open
        lead of their customers in the same pool, waiting or held, in one query.
        ``customers``: a dict filled with {lead id: customer id} of those."""
        leads = self.sudo()
        customer_pools = self.env["crossborder.lead.pool"]._customer_pool_ids()
        if not customer_pools or not leads:
            return leads
        self.flush_model(["partner_id", "pool_id", "active", "won_status", "pool_escalated"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, p.commercial_partner_id
                  FROM crm_lead l
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN (SELECT DISTINCT s.pool_id, sp.commercial_partner_id AS customer
                          FROM crm_lead s JOIN res_partner sp ON sp.id = s.partner_id
                         WHERE s.id = ANY(%s) AND s.pool_id = ANY(%s)) k
                    ON k.pool_id = l.pool_id AND k.customer = p.commercial_partner_id
                 WHERE l.active AND l.won_status = 'pending'
                   AND NOT coalesce(l.pool_escalated, false)
              ORDER BY l.id
                """,
                leads.ids,
                list(customer_pools),
            )
        )
        if customers is not None:
            customers.update(rows)
        return leads | leads.browse([row[0] for row in rows])

    def _pool_customer_siblings(self):
        """The other open leads of these leads' customers in pools working per
        customer that have the same owner as one of them (or wait in the pool
        with them): what moves along when these change hands."""
        leads = self.sudo()
        family = leads._pool_customer_family()
        if family == leads:
            return family.browse()

        def key(lead):
            return (lead.pool_id.id, lead.partner_id.commercial_partner_id.id, lead.user_id.id)

        keys = {key(lead) for lead in leads}
        return (family - leads).filtered(lambda lead: key(lead) in keys)

    def _pool_after_customer_change(self, held):
        """After a write of the Customer: the new customer's salesperson
        follows the owner of the ``held`` leads (see _pool_customer_change),
        and a waiting lead whose new customer a salesperson holds joins him, as
        a lead made for that customer does (else it would wait where nobody
        may claim it: the customer has one salesperson)."""
        if held:
            self.env["crossborder.pool.mover"]._customers_follow_leads(held)
        self._pool_join_waiting_customers()

    def _pool_join_waiting_customers(self):
        """The waiting leads among these, in pools working per customer, join
        the salesperson who holds their customer there."""
        customer_pools = self.env["crossborder.lead.pool"]._customer_pool_ids()
        if not customer_pools:
            return
        joining = self.sudo().filtered(
            lambda lead: lead.pool_id.id in customer_pools
            and lead.partner_id
            and lead._pool_is_waiting()
        )
        if joining:
            joining._pool_join_customer_owner()

    def _pool_join_customer_owner(self):
        """New leads waiting in a pool working per customer whose customer a
        salesperson holds there join him: one owner per customer. Nothing is
        counted against a cap (he holds the customer already)."""
        family = self._pool_customer_family()
        holder = {
            (lead.pool_id.id, lead.partner_id.commercial_partner_id.id): lead.user_id.id
            for lead in family.sorted("id")
            if lead.user_id
        }
        moves = {}
        rule = self.env._("joins the salesperson who holds its customer")
        for lead in self.sudo():
            owner = holder.get((lead.pool_id.id, lead.partner_id.commercial_partner_id.id))
            if owner:
                moves.setdefault(lead.pool_id, []).append(Move(lead.id, None, owner, rule))
        mover = self.env["crossborder.pool.mover"]
        for pool, pool_moves in moves.items():
            mover._apply(pool, "handover", pool_moves, sql=False)

    def _pool_unit_key(self):
        """What the caps count for this lead (planners.customers.unit_key)."""
        from ..planners.customers import unit_key

        self.ensure_one()
        lead = self.sudo()
        per_customer = lead.pool_id.id in self.env["crossborder.lead.pool"]._customer_pool_ids()
        return unit_key(lead.id, lead.partner_id.commercial_partner_id.id or None, per_customer)

    def _pool_lock_customers(self):
        """Lock every lead of the customers a claim takes, or none: a lead that
        another transaction holds (another claim of the same customer, a
        rotation) makes the claim wait for it to finish and say who won. The
        locks of a failed attempt are released before waiting, so two claims
        that took one lead each never wait for each other."""
        try:
            with self.env.cr.savepoint(flush=False):
                locked = self.try_lock_for_update(allow_referencing=True)
                if len(locked) != len(self):
                    raise _CustomerBusy
        except _CustomerBusy:
            taken = self._pool_committed_owner()
            if taken:
                raise UserError(
                    self.env._(
                        "%(lead)s was just claimed by %(owner)s.", lead=taken[0], owner=taken[1]
                    )
                ) from None
            raise UserError(
                self.env._(
                    "Another operation is working on a lead of this customer right now: try "
                    "again in a moment."
                )
            ) from None

    # ------------------------------------------------------------------
    # claim and release
    # ------------------------------------------------------------------
    def action_claim(self):
        """Take these pool leads (bulk on purpose: list and kanban selections)."""
        if not self:
            return False
        # a claim names nothing the claimant may not read: ids that do not
        # exist or that he cannot see all get the same answer
        not_available = UserError(
            self.env._("This lead is not available: it may have been claimed already.")
        )
        # in pools working per customer, the customer's other leads come along
        # (found first, so that one read below loads them all; nothing is said
        # of them before the checks)
        customers = {}
        family = self._pool_customer_family(customers)
        per_customer = bool(customers)  # some lead's customer is a unit of its pool
        if self.exists() != self:
            raise not_available
        try:
            self.with_prefetch(family._prefetch_ids).check_access("read")
        except AccessError:
            raise not_available from None
        user = self.env.user
        now = fields.Datetime.now()
        # sudo: the claimant may read these leads (checked above); the rule
        # below decides whether he may take them, and the pool writes them
        leads_sudo = self.sudo().with_prefetch(family._prefetch_ids)
        # 1. lock the claimant's counters, then the leads, in a fixed order
        members = (
            self.env["crm.team.member"]
            .sudo()
            .search(
                [("user_id", "=", user.id), ("crm_team_id", "in", leads_sudo.pool_id.team_id.ids)]
            )
        )
        if leads_sudo.filtered(lambda lead: lead.pool_id and not lead.pool_id.team_id):
            members |= self.env["crm.team.member"].sudo().search([("user_id", "=", user.id)])
        self.env["crm.team.member"].browse(members.ids)._pool_lock()
        if per_customer:
            # no re-read after the lock: a lead changed since this transaction
            # read it cannot be locked (it fails to serialize, and is retried)
            family._pool_lock_customers()
        else:
            self._pool_lock_for_claim()
            family.invalidate_recordset()
        # 2. every lead must still be waiting in a pool
        for lead in leads_sudo:
            if lead.user_id:
                raise UserError(
                    self.env._(
                        "%(lead)s was just claimed by %(owner)s.",
                        lead=lead.name,
                        owner=lead.user_id.name,
                    )
                )
            if not lead._pool_is_waiting():
                raise UserError(self.env._("%(lead)s is not waiting in a pool.", lead=lead.name))
            if lead.pool_id.manager_assign_only and not self._pool_is_manager():
                raise UserError(
                    self.env._(
                        "%(lead)s waits in the %(pool)s pool, which its manager hands out: "
                        "ask %(manager)s.",
                        lead=lead.name,
                        pool=lead.pool_id.name,
                        manager=lead.pool_id.manager_id.name or self.env._("a sales manager"),
                    )
                )
        held = (family - leads_sudo).filtered(lambda lead: lead.user_id and lead.user_id != user)
        if held:
            raise UserError(
                self.env._(
                    "%(owner)s holds %(customer)s in the %(pool)s pool, whose leads go "
                    "together: ask %(owner)s or a pool manager.",
                    owner=held[0].user_id.name,
                    customer=held[0].partner_id.commercial_partner_id.display_name,
                    pool=held[0].pool_id.name,
                )
            )
        leads_sudo = family.filtered(lambda lead: not lead.user_id)
        # 3. the eligibility rule (caps, region, cool-down, reservation), per team
        leads_sudo._pool_check_taker(
            user,
            from_pool=True,
            now=now,
            members=members.sudo(),  # locked above
            customers=customers if per_customer else None,
        )
        # what the warning about the same customer elsewhere looks for, read
        # before the move (the set-based move empties the cache)
        same_customer = self.browse(leads_sudo.ids)._pool_same_customer_domain(
            set(customers.values()) if per_customer else None
        )
        # 4. take them (sudo: checked above; the claimant stays the actor and author)
        mover = self.env["crossborder.pool.mover"].sudo()
        for pool, leads in leads_sudo.grouped("pool_id").items():
            team = pool.team_id or members[:1].crm_team_id
            mover._apply(
                pool,
                "claim",
                [
                    Move(lead.id, None, user.id, reasons.code("claim_by_hand"), team.id)
                    for lead in leads
                ],
                now=now,
                customers=customers if per_customer else None,
                # a customer's leads: the set-based back end, the same end state
                # (test_pool_end_state) in a third of the queries
                sql=per_customer,
            )
        return self.browse(leads_sudo.ids)._pool_claim_result(same_customer)

    def _pool_lock_for_claim(self):
        """Lock the leads before they are checked. When another salesperson is
        claiming one of them right now, wait for their claim to commit and name
        them, rather than fail to serialize and have Odoo retry the request
        after a random back-off (seconds, under load)."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        """SELECT id FROM crm_lead WHERE id IN %s
                           ORDER BY id FOR NO KEY UPDATE NOWAIT""",
                        tuple(self.ids),
                    ),
                    log_exceptions=False,  # expected when two claims meet
                )
        except (errors.LockNotAvailable, errors.SerializationFailure):
            taken = self._pool_committed_owner()
            if not taken:
                raise  # the other claim was rolled back: Odoo retries this one
            raise UserError(
                self.env._("%(lead)s was just claimed by %(owner)s.", lead=taken[0], owner=taken[1])
            ) from None

    def _pool_committed_owner(self):
        """(lead name, owner name) of the first of these leads that another
        transaction holds or has just committed, read in a transaction of its
        own: this one's snapshot predates that claim."""
        with self.env.registry.cursor() as cr:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            # waits for the claim in progress; READ COMMITTED then reads its result
            cr.execute(SQL("SELECT id FROM crm_lead WHERE id IN %s FOR SHARE", tuple(self.ids)))
            cr.execute(
                SQL(
                    """
                    SELECT l.name, p.name
                      FROM crm_lead l
                      JOIN res_users u ON u.id = l.user_id
                      JOIN res_partner p ON p.id = u.partner_id
                     WHERE l.id IN %s
                  ORDER BY l.id
                     LIMIT 1
                    """,
                    tuple(self.ids),
                )
            )
            return cr.fetchone()

    def _pool_claim_result(self, same_customer=None):
        """Warn when the same customer is already held privately by someone else."""
        others = self._pool_same_customer_elsewhere(same_customer)
        if not others:
            my_leads = "/odoo/action-crossborder_ops_crm.crm_lead_my_action"
            if len(self) == 1:
                # %(link)s: the lead's name, a link to it (filled in by the web client)
                message = self.env._("You claimed %(link)s: it is in My leads now.", link="%s")
                link = {"label": self.name, "url": f"{my_leads}/{self.id}"}
            else:
                message = self.env._(
                    "You claimed %(count)s leads: see them in %(link)s.", count=len(self), link="%s"
                )
                link = {"label": self.env._("My leads"), "url": my_leads}
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "success",
                    "title": self.env._("Claimed"),
                    "message": message,
                    "links": [link],
                    "next": {"type": "ir.actions.client", "tag": "soft_reload"},
                },
            }
        lines = ", ".join(
            self.env._("%(lead)s (held by %(owner)s)", lead=lead.name, owner=lead.user_id.name)
            for lead in others[:5]
        )
        self.sudo()._message_log_batch(
            {
                lead.id: self.env._("Same customer already held privately: %(lines)s", lines=lines)
                for lead in self
            }
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "title": self.env._("Claimed, but this customer is already worked"),
                "message": lines,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _pool_same_customer_elsewhere(self, domain=None):
        if domain is None:
            domain = self._pool_same_customer_domain()
        if domain is False:
            return self.browse()
        return self.sudo().search(domain, limit=5)  # names of the holders only

    def _pool_same_customer_domain(self, partner_ids=None):
        """Other open leads of the same customer (e-mail, phone, company) held by
        someone else than the current user in the leads' companies (or in none);
        False when nothing identifies it. Another company's leads and holders
        are not the claimant's to learn (his claim would name them).
        ``partner_ids``: the leads' commercial partners when known already."""
        leads = self.sudo()  # the claimant holds them (or is taking them)
        emails = [e for e in leads.mapped("email_normalized") if e]
        phones = [p for p in leads.mapped("phone_sanitized") if p]
        if partner_ids is None:
            partner_ids = leads.partner_id.commercial_partner_id.ids
        clauses = []
        if emails:
            clauses.append([("email_normalized", "in", emails)])
        if phones:
            clauses.append([("phone_sanitized", "in", phones)])
        if partner_ids:
            clauses.append([("partner_id.commercial_partner_id", "in", list(partner_ids))])
        if not clauses:
            return False
        return Domain.AND(
            [
                Domain.OR(clauses),
                [
                    ("id", "not in", self.ids),
                    ("user_id", "not in", [False, self.env.user.id]),
                    ("won_status", "=", "pending"),
                    ("company_id", "in", [*leads.company_id.ids, False]),
                ],
            ]
        )

    def action_open_release_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.lead.release.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Release to pool"),
            "context": {"active_model": "crm.lead", "active_ids": self.ids},
        }

    def _pool_check_open_to_release(self):
        """Only open leads go back to the pool, by the release wizard or by a
        salesperson emptying the Salesperson field: refuse the others, in
        plain words."""
        leads = self.sudo()
        closed = leads.filtered(
            lambda lead: lead.won_status != "pending" or not lead.active or lead.pool_escalated
        )
        if closed:
            # a won lead left without salesperson would drop out of his wins; a
            # lost or escalated one would sit in the pool where nobody may claim it
            lead = closed[0]
            if lead.won_status == "won":
                message = self.env._(
                    "%(lead)s is won: it stays with the salesperson who won it. Only open "
                    "leads go back to the pool; reopen it first if the sale fell through.",
                    lead=lead.name,
                )
            elif lead.won_status == "lost" or not lead.active:
                message = self.env._(
                    "%(lead)s is lost or archived: only open leads go back to the pool; "
                    "restore it first.",
                    lead=lead.name,
                )
            else:
                message = self.env._(
                    "%(lead)s is escalated: its pool manager decides what becomes of it "
                    "(a salesperson, or closing it), not the pool.",
                    lead=lead.name,
                )
            raise UserError(message)

    def _release_to_pool(self, reason, note=False):
        """The salesperson gives leads back: they wait in the pool again."""
        try:
            self.check_access("read")
        except AccessError:
            raise UserError(self.env._("You can only release your own leads.")) from None
        leads = self.sudo()
        not_mine = leads.filtered(lambda lead: lead.user_id != self.env.user)
        if not_mine and not self._pool_is_manager():
            raise UserError(
                self.env._(
                    "You can only release your own leads; %(lead)s is held by %(owner)s.",
                    lead=not_mine[0].name,
                    owner=not_mine[0].user_id.name or "-",
                )
            )
        leads._pool_check_open_to_release()
        no_pool = leads.filtered(lambda lead: not lead.pool_id)
        if no_pool:
            raise UserError(
                self.env._(
                    "%(lead)s matches no pool (team and country): set its team or country "
                    "first, or ask a manager to create a pool for it.",
                    lead=no_pool[0].name,
                )
            )
        # in pools working per customer, the customer's other leads held by the
        # same salesperson go back with them
        leads |= (leads._pool_customer_family() - leads).filtered(
            lambda lead: lead.user_id and lead.user_id in leads.user_id
        )
        now = fields.Datetime.now()
        mover = self.env["crossborder.pool.mover"]
        for pool, pool_leads in leads.grouped("pool_id").items():
            mover._apply(
                pool,
                "release",
                [
                    Move(lead.id, lead.user_id.id or None, None, reasons.code("release_by_hand"))
                    for lead in pool_leads
                ],
                now=now,
                reason=reason,
                note=note,
                sql=False,
            )
        return True
