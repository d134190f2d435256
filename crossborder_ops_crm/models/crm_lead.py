# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta

import pytz
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..planners.matching import match_pool
from ..planners.recycling import HeldLead
from ..planners.rotation import Candidate, PoolLead
from .crm_team_member import utc_hours

POOL_MOVE = "crossborder_pool_move"  # context key: the pool itself moves the lead
MASKED_FIELDS = ("email_from", "phone", "email_cc")
CUSTOMER_HOURS = (9.0, 18.0)  # business hours assumed for customers, local time


def mask_email(value):
    if not value or "@" not in value:
        return value and "••••"
    local, domain = value.rsplit("@", 1)
    return f"{local[:1]}•••@{domain}"


def mask_phone(value):
    if not value:
        return value
    digits = re.sub(r"\D", "", value)
    return f"•••• {digits[-2:]}" if len(digits) > 2 else "••••"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    pool_id = fields.Many2one(
        "crossborder.lead.pool",
        compute="_compute_pool_id",
        store=True,
        readonly=True,
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
    pool_entry_date = fields.Datetime(string="In the pool since", readonly=True, copy=False)
    last_progress_date = fields.Datetime(
        string="Last real follow-up",
        readonly=True,
        copy=False,
        help="Reset by a stage moved forward, a completed qualifying activity or an "
        "e-mail from the customer. Notes and scheduled activities do not count.",
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
        from odoo.fields import Domain

        return Domain.OR(Domain(domains[v]) for v in value if v in domains)

    @api.depends("last_progress_date", "date_open", "pool_id", "user_id", "protected_until")
    def _compute_pool_recycle_date(self):
        from ..planners.recycling import PoolClocks, due_date

        for lead in self:
            pool = lead.pool_id
            if not (pool and lead.user_id and lead.won_status == "pending") or lead.pool_escalated:
                lead.pool_recycle_date = False
                lead.pool_recycle_rule = False
                continue
            clocks = PoolClocks(
                pool.id, pool.followup_days, pool.conversion_days, pool.warn_days, pool.max_recycles
            )
            held = lead._as_held_lead()
            due, rule = due_date(held, clocks)
            if lead.protected_until:
                protected = fields.Datetime.to_datetime(lead.protected_until)
                if protected > due:
                    due, rule = protected, self.env._("protection ends")
            lead.pool_recycle_date = due
            lead.pool_recycle_rule = rule

    @api.depends("user_id", "team_id")
    def _compute_pool_cap_display(self):
        members = self.env["crm.team.member"].search(
            [("user_id", "in", self.user_id.ids), ("crm_team_id", "in", self.team_id.ids)]
        )
        stats = members._pool_caps()
        for lead in self:
            stat = stats.get((lead.user_id.id, lead.team_id.id))
            lead.pool_cap_display = stat and f"{stat['held']} / {stat['private_cap']}"

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
            protected_until=self.protected_until
            and fields.Datetime.to_datetime(self.protected_until),
            warned=self.recycle_warned,
        )

    # ------------------------------------------------------------------
    # masking of pool leads' contact details
    # ------------------------------------------------------------------
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        if not any(name in MASKED_FIELDS for name in fnames) or self._pool_sees_contacts():
            return result
        masked = {
            lead.id
            for lead in self
            if lead.pool_id.mask_contact and not lead.user_id and lead.won_status == "pending"
        }
        for values in result:
            if values["id"] in masked:
                for name in MASKED_FIELDS:
                    if values.get(name):
                        values[name] = (mask_phone if name == "phone" else mask_email)(values[name])
        return result

    def _pool_sees_contacts(self):
        return self.env.su or self.env.user.has_group("sales_team.group_sale_salesman_all_leads")

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            vals.setdefault("last_progress_date", now)
            if not vals.get("user_id"):
                vals.setdefault("pool_entry_date", now)
        return super().create(vals_list)

    def write(self, vals):
        if "protected_until" in vals and not self._pool_is_manager():
            raise AccessError(self.env._("Only pool managers can protect a lead from recycling."))
        if self.env.context.get(POOL_MOVE):
            return super().write(vals)
        now = fields.Datetime.now()
        forward = self.browse()
        if vals.get("stage_id"):
            stage = self.env["crm.stage"].browse(vals["stage_id"])
            forward = self.filtered(
                lambda lead: lead.stage_id != stage
                and (stage.is_won or stage.sequence > lead.stage_id.sequence)
                and (not lead.pool_id or lead.pool_id.progress_on_stage)
            )
        old_owner = {lead.id: lead.user_id.id for lead in self} if "user_id" in vals else {}
        changed = self.browse(
            [lead_id for lead_id, owner in old_owner.items() if owner != (vals["user_id"] or False)]
        )
        extra = {}
        if changed:
            if vals["user_id"]:
                extra = {
                    "last_progress_date": now,
                    "pool_entry_date": False,
                    "reserved_until": False,
                    "recycle_warned": False,
                }
            elif len({old_owner[lead_id] for lead_id in changed.ids}) == 1:
                extra = {
                    "pool_entry_date": now,
                    "last_owner_id": old_owner[changed.ids[0]],
                    "recycle_warned": False,
                }
        if extra and changed == self:
            # one UPDATE: Odoo's own assignment writes here too, often
            result = super().write(dict(vals, **extra))
        else:
            result = super().write(vals)
            if changed:
                changed._pool_after_owner_change_split(old_owner, now, extra)
        if forward:
            forward._pool_register_progress(now)
        if changed:
            changed._pool_audit_owner_change(old_owner, now)
        return result

    def _pool_after_owner_change_split(self, old_owner, now, extra):
        """Rare path (only some leads changed owner, or several previous owners)."""
        moving = self.with_context(**{POOL_MOVE: True})
        if extra:
            moving.write(extra)
            return
        for owner_id in {old_owner[lead_id] for lead_id in self.ids}:
            group = self.filtered(lambda lead, o=owner_id: old_owner[lead.id] == o)
            moving.browse(group.ids).write(
                {"pool_entry_date": now, "last_owner_id": owner_id, "recycle_warned": False}
            )

    def _pool_audit_owner_change(self, old_owner, now):
        """Someone changed the salesperson outside the pool: one event per lead
        (manual reassignment, or release when cleared). The rows are gathered and
        inserted in one statement when the transaction commits, like tracking
        values, so Odoo's own lead assignment (one write per salesperson) costs a
        single extra query."""
        data = self.env.cr.precommit.data
        rows = data.setdefault("crossborder_pool_events", [])
        if not rows:
            self.env.cr.precommit.add(self._pool_flush_owner_events)
        rule = self.env._("changed by %(user)s", user=self.env.user.name)
        rows.extend(
            (lead.id, old_owner[lead.id] or None, lead.user_id.id or None, rule, now)
            for lead in self
        )

    @api.model
    def _pool_flush_owner_events(self):
        rows = self.env.cr.precommit.data.pop("crossborder_pool_events", [])
        if not rows:
            return
        self.flush_model(["pool_id"])
        ids, froms, tos, rules, dates = (list(column) for column in zip(*rows, strict=True))
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crossborder_pool_event
                       (date, lead_id, pool_id, kind, reason, from_user_id, to_user_id, rule)
                SELECT v.date, l.id, l.pool_id,
                       CASE WHEN v.to_id IS NULL THEN 'release' ELSE 'reassign' END,
                       CASE WHEN v.to_id IS NULL THEN 'manual' END,
                       v.from_id, v.to_id, v.rule
                  FROM unnest(%(ids)s::int[], %(froms)s::int[], %(tos)s::int[], %(rules)s::text[],
                              %(dates)s::timestamp[])
                       AS v(lead_id, from_id, to_id, rule, date)
                  JOIN crm_lead l ON l.id = v.lead_id
                """,
                ids=ids,
                froms=froms,
                tos=tos,
                rules=rules,
                dates=dates,
            )
        )
        self.env["crossborder.pool.event"].invalidate_model()

    def _pool_is_manager(self):
        return (
            self.env.su
            or self.env.user.has_group("crossborder_ops_crm.group_pool_manager")
            or self.env.user.has_group("sales_team.group_sale_manager")
        )

    # ------------------------------------------------------------------
    # progress: what resets the follow-up clock
    # ------------------------------------------------------------------
    def _pool_register_progress(self, now=None):
        if self:
            self.with_context(**{POOL_MOVE: True}).sudo().write(  # system field, any editor
                {"last_progress_date": now or fields.Datetime.now(), "recycle_warned": False}
            )

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        author = message.author_id
        if (
            message.message_type == "email"
            and author
            and not any(user._is_internal() for user in author.sudo().user_ids)
            and (not self.pool_id or self.pool_id.progress_on_inbound_email)
        ):
            self._pool_register_progress()
        return result

    # ------------------------------------------------------------------
    # claim and release
    # ------------------------------------------------------------------
    def action_claim(self):
        """Take these pool leads (bulk on purpose: list and kanban selections)."""
        if not self:
            return False
        user = self.env.user
        now = fields.Datetime.now()
        # sudo: a lead someone else just took is no longer readable by the
        # claimant, who must still be told who has it (read-only use below)
        leads_sudo = self.sudo()
        # 1. lock the claimant's counters, then the leads, in a fixed order
        members = self.env["crm.team.member"].search(
            [("user_id", "=", user.id), ("crm_team_id", "in", leads_sudo.pool_id.team_id.ids)]
        )
        no_team = leads_sudo.filtered(lambda lead: lead.pool_id and not lead.pool_id.team_id)
        if no_team:
            members |= self.env["crm.team.member"].search([("user_id", "=", user.id)])
        self.env["crossborder.lead.pool"]._lock_members(members.ids)
        self._pool_lock_for_claim()
        self.invalidate_recordset()
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
            if not lead.pool_id or lead.won_status != "pending" or lead.pool_escalated:
                raise UserError(self.env._("%(lead)s is not waiting in a pool.", lead=lead.name))
        # 3. caps, cool-down and reservation, per team
        stats = members._pool_caps(now)
        for team, leads in self.grouped(lambda lead: lead.pool_id.team_id).items():
            leads._pool_check_claim(user, team, members, stats, now)
        # 4. take them
        by_team = self.grouped(
            lambda lead: lead.pool_id.team_id or stats_member_team(members, stats)
        )
        for team, leads in by_team.items():
            leads.with_context(**{POOL_MOVE: True}).write(
                {
                    "user_id": user.id,
                    "team_id": team.id,
                    "last_progress_date": now,
                    "pool_entry_date": False,
                    "reserved_until": False,
                    "recycle_warned": False,
                }
            )
        self.env["crossborder.pool.event"].sudo().create(  # audit rows are system-owned
            [
                {
                    "lead_id": lead.id,
                    "pool_id": lead.pool_id.id,
                    "kind": "claim",
                    "from_user_id": False,
                    "to_user_id": user.id,
                    "rule": self.env._("claimed by hand"),
                }
                for lead in self
            ]
        )
        for lead in self:
            lead.message_post(
                body=self.env._(
                    "Claimed from the pool %(pool)s by %(user)s.",
                    pool=lead.pool_id.name,
                    user=user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return self._pool_claim_result()

    def _pool_lock_for_claim(self):
        """Lock the leads before they are checked. When another salesperson is
        claiming one of them right now, wait for their claim to commit and name
        them, rather than fail to serialize and have Odoo retry the request
        after a random back-off (seconds, under load)."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM crm_lead WHERE id IN %s ORDER BY id FOR UPDATE NOWAIT",
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
            cr.execute(SQL("SELECT id FROM crm_lead WHERE id IN %s FOR KEY SHARE", tuple(self.ids)))
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

    def _pool_check_claim(self, user, team, members, stats, now):
        """Raise a UserError naming the rule, the cap and the count; change nothing."""
        member = members.filtered(lambda m: m.crm_team_id == team) if team else members[:1]
        pool = self.pool_id[:1]
        if not member:
            raise UserError(
                self.env._(
                    "You are not a salesperson of the team %(team)s, so you cannot claim "
                    "from the pool %(pool)s.",
                    team=team.name,
                    pool=pool.name,
                )
            )
        member = member[0]
        stat = stats[(user.id, member.crm_team_id.id)]
        count = len(self)
        if stat["held"] + count > stat["private_cap"]:
            raise UserError(
                self.env._(
                    "Your private cap is %(cap)s open leads (tier %(tier)s) and you already "
                    "hold %(held)s: claiming %(count)s more would exceed it. Release or close "
                    "a lead first.",
                    cap=stat["private_cap"],
                    tier=stat["tier"].name,
                    held=stat["held"],
                    count=count,
                )
            )
        if stat["claimed"] + count > stat["claim_cap"]:
            period = dict(
                self.env["crossborder.sales.tier"]
                ._fields["claim_period"]
                ._description_selection(self.env)
            )[stat["period"]]
            raise UserError(
                self.env._(
                    "Your claim cap is %(cap)s leads %(period)s (tier %(tier)s) and you have "
                    "taken %(claimed)s already: claiming %(count)s more would exceed it.",
                    cap=stat["claim_cap"],
                    period=period.lower(),
                    tier=stat["tier"].name,
                    claimed=stat["claimed"],
                    count=count,
                )
            )
        reserved = self.filtered(lambda lead: lead.reserved_until and lead.reserved_until > now)
        if reserved and not stat["is_new"]:
            raise UserError(
                self.env._(
                    "%(lead)s came back from recycling and is reserved to new salespeople "
                    "until %(until)s.",
                    lead=reserved[0].name,
                    until=fields.Datetime.to_string(reserved[0].reserved_until),
                )
            )
        cooling = (
            self.env["crossborder.pool.event"]
            .sudo()
            ._read_group(  # own history
                [
                    ("lead_id", "in", self.ids),
                    ("from_user_id", "=", user.id),
                    ("kind", "in", ("release", "recycle", "over_cap")),
                ],
                ["lead_id"],
                ["date:max"],
            )
        )
        for lead, last_date in cooling:
            days = lead.pool_id.cooldown_days
            if days and last_date > now - timedelta(days=days):
                raise UserError(
                    self.env._(
                        "You gave %(lead)s back to the pool on %(date)s: you can claim it "
                        "again after a cool-down of %(days)s days.",
                        lead=lead.name,
                        date=fields.Date.to_string(last_date.date()),
                        days=days,
                    )
                )

    def _pool_claim_result(self):
        """Warn when the same customer is already held privately by someone else."""
        others = self._pool_same_customer_elsewhere()
        if not others:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "success",
                    "message": self.env._("%(count)s lead(s) claimed.", count=len(self)),
                    "next": {"type": "ir.actions.client", "tag": "soft_reload"},
                },
            }
        lines = ", ".join(
            self.env._("%(lead)s (held by %(owner)s)", lead=lead.name, owner=lead.user_id.name)
            for lead in others[:5]
        )
        for lead in self:
            lead.message_post(
                body=self.env._("Same customer already held privately: %(lines)s", lines=lines),
                subtype_xmlid="mail.mt_note",
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

    def _pool_same_customer_elsewhere(self):
        emails = [e for e in self.mapped("email_normalized") if e]
        phones = [p for p in self.mapped("phone_sanitized") if p]
        partners = self.partner_id.commercial_partner_id
        clauses = []
        if emails:
            clauses.append([("email_normalized", "in", emails)])
        if phones:
            clauses.append([("phone_sanitized", "in", phones)])
        if partners:
            clauses.append([("partner_id.commercial_partner_id", "in", partners.ids)])
        if not clauses:
            return self.browse()
        from odoo.fields import Domain

        return self.sudo().search(  # names of the holders only, shown to the claimant
            Domain.AND(
                [
                    Domain.OR(clauses),
                    [
                        ("id", "not in", self.ids),
                        ("user_id", "not in", [False, self.env.user.id]),
                        ("won_status", "=", "pending"),
                    ],
                ]
            ),
            limit=5,
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

    def _release_to_pool(self, reason, note=False):
        """The salesperson gives leads back: they wait in the pool again."""
        not_mine = self.filtered(lambda lead: lead.user_id != self.env.user)
        if not_mine and not self._pool_is_manager():
            raise UserError(
                self.env._(
                    "You can only release your own leads; %(lead)s is held by %(owner)s.",
                    lead=not_mine[0].name,
                    owner=not_mine[0].user_id.name or "-",
                )
            )
        no_pool = self.filtered(lambda lead: not lead.pool_id)
        if no_pool:
            raise UserError(
                self.env._(
                    "%(lead)s matches no pool (team and country): set its team or country "
                    "first, or ask a manager to create a pool for it.",
                    lead=no_pool[0].name,
                )
            )
        now = fields.Datetime.now()
        owners = {lead.id: lead.user_id for lead in self}
        for owner, leads in self.grouped(lambda lead: owners[lead.id]).items():
            leads.with_context(**{POOL_MOVE: True}).write(
                {
                    "user_id": False,
                    "pool_entry_date": now,
                    "last_owner_id": owner.id,
                    "recycle_warned": False,
                }
            )
        reason_label = dict(
            self.env["crossborder.pool.event"]._fields["reason"]._description_selection(self.env)
        )[reason]
        self.env["crossborder.pool.event"].sudo().create(  # audit rows are system-owned
            [
                {
                    "lead_id": lead.id,
                    "pool_id": lead.pool_id.id,
                    "kind": "release",
                    "reason": reason,
                    "note": note,
                    "from_user_id": owners[lead.id].id,
                    "rule": self.env._("released by hand"),
                }
                for lead in self
            ]
        )
        for lead in self:
            lead.message_post(
                body=self.env._(
                    "Released to the pool %(pool)s by %(user)s: %(reason)s%(note)s",
                    pool=lead.pool_id.name,
                    user=self.env.user.name,
                    reason=reason_label,
                    note=f" — {note}" if note else "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # data gathering for the planners (one query each, rows locked)
    # ------------------------------------------------------------------
    @api.model
    def _pool_held_leads(self, pool, now, limit=None, due_only=False, count_only=False):
        """Private leads of ``pool`` that are due for recycling or a warning."""
        self.flush_model()
        today = now.date()
        followup = now - timedelta(days=pool.followup_days)
        conversion = now - timedelta(days=pool.conversion_days)
        warn_followup = followup + timedelta(days=pool.warn_days)
        warn_conversion = conversion + timedelta(days=pool.warn_days)
        progress = SQL("coalesce(l.last_progress_date, l.date_open, l.create_date)")
        opened = SQL("coalesce(l.date_open, l.create_date)")
        where = SQL(
            """
            l.pool_id = %(pool)s AND l.user_id IS NOT NULL AND l.active
            AND l.won_status = 'pending' AND NOT coalesce(l.pool_escalated, false)
            AND (l.protected_until IS NULL OR l.protected_until < %(today)s)
            AND (%(progress)s <= %(followup)s OR %(opened)s <= %(conversion)s
                 OR (NOT coalesce(l.recycle_warned, false) AND %(warn)s
                     AND (%(progress)s <= %(warn_followup)s OR %(opened)s <= %(warn_conversion)s)))
            """,
            pool=pool.id,
            today=today,
            progress=progress,
            opened=opened,
            followup=followup,
            conversion=conversion,
            warn=not due_only and pool.warn_days > 0,
            warn_followup=warn_followup,
            warn_conversion=warn_conversion,
        )
        if count_only:
            return self.env.execute_query(SQL("SELECT count(*) FROM crm_lead l WHERE %s", where))[
                0
            ][0]
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, l.user_id, %(progress)s, %(opened)s, coalesce(l.recycle_count, 0),
                       coalesce(l.recycle_warned, false)
                  FROM crm_lead l
                 WHERE %(where)s
              ORDER BY l.id
                 LIMIT %(limit)s
                   FOR UPDATE OF l SKIP LOCKED
                """,
                progress=progress,
                opened=opened,
                where=where,
                limit=limit,
            )
        )
        return {
            "leads": [
                HeldLead(lead_id, owner, pool.id, last, opened_at, count, None, warned)
                for lead_id, owner, last, opened_at, count, warned in rows
            ]
        }

    @api.model
    def _pool_held_by_owner(self, pool, keys):
        """{(user_id, team_id): [HeldLead]} of open private leads of these members."""
        if not keys:
            return {}
        self.flush_model()
        user_ids = tuple({user for user, _team in keys})
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, l.user_id, l.team_id,
                       coalesce(l.last_progress_date, l.date_open, l.create_date),
                       coalesce(l.date_open, l.create_date), l.protected_until
                  FROM crm_lead l
                 WHERE l.user_id IN %(users)s AND l.active AND l.won_status = 'pending'
                   AND NOT coalesce(l.pool_escalated, false)
                   AND l.pool_id = %(pool)s
                """,
                users=user_ids,
                pool=pool.id,
            )
        )
        result = {}
        for lead_id, user, team, last, opened, protected in rows:
            if (user, team) in keys:
                protected_dt = protected and fields.Datetime.to_datetime(protected) + timedelta(
                    days=1
                )
                result.setdefault((user, team), []).append(
                    HeldLead(lead_id, user, pool.id, last, opened, 0, protected_dt)
                )
        return result

    @api.model
    def _pool_rotation_input(self, pool, now, limit, lock=True):
        """Plain data for the rotation planner: waiting leads (locked) and candidates.

        With ``lock``, the candidates' counters are locked first, as a claim locks
        them (and in the same order: salespeople, then leads), so that a claim
        racing the rotation cannot push anyone above a cap: whichever comes
        second waits, fails to serialize and is retried with fresh counts.
        """
        self.flush_model()
        members = self.env["crm.team.member"].search(pool._member_domain())
        if lock:
            pool._lock_members(members.ids)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, l.country_id, lang.code, p.tz, c.code, l.last_owner_id,
                       l.reserved_until > %(now)s
                  FROM crm_lead l
             LEFT JOIN res_lang lang ON lang.id = l.lang_id
             LEFT JOIN res_partner p ON p.id = l.partner_id
             LEFT JOIN res_country c ON c.id = l.country_id
                 WHERE l.pool_id = %(pool)s AND l.user_id IS NULL AND l.active
                   AND l.won_status = 'pending' AND NOT coalesce(l.pool_escalated, false)
              ORDER BY l.pool_entry_date NULLS FIRST, l.id
                 LIMIT %(limit)s
                   FOR UPDATE OF l SKIP LOCKED
                """,
                now=now,
                pool=pool.id,
                limit=limit,
            )
        )
        hours_by_tz = {}
        hours_by_customer = {}

        def customer_hours(tz_name, country_code):
            key = (tz_name, country_code)
            if key not in hours_by_customer:
                if not tz_name and country_code:
                    zones = pytz.country_timezones.get(country_code.upper())
                    tz_name = zones[0] if zones else None
                if tz_name and tz_name not in hours_by_tz:
                    hours_by_tz[tz_name] = utc_hours(tz_name, *CUSTOMER_HOURS, day=now.date())
                hours_by_customer[key] = hours_by_tz.get(tz_name)
            return hours_by_customer[key]

        leads = [
            PoolLead(
                lead_id,
                country_id,
                lang,
                customer_hours(tz, country_code),
                last_owner,
                bool(reserved),
            )
            for lead_id, country_id, lang, tz, country_code, last_owner, reserved in rows
        ]
        tiers = pool._rotation_tiers()
        stats = members._pool_caps(now)
        candidates, team_by_user = [], {}
        for (user_id, team_id), stat in stats.items():
            member = stat["member"]
            if stat["tier"] not in tiers or user_id in team_by_user:
                continue
            team_by_user[user_id] = team_id
            candidates.append(
                Candidate(
                    user_id=user_id,
                    capacity=stat["room"],
                    held=stat["held"],
                    country_ids=frozenset(member.region_country_ids.ids) or None,
                    langs=frozenset(member.lang_ids.mapped("code")),
                    utc_hours=member._utc_hours(),
                    is_new=stat["is_new"],
                )
            )
        return {"leads": leads, "candidates": candidates, "team_by_user": team_by_user}


def stats_member_team(members, stats):
    """Team of the claimant when the pool has none: their first membership."""
    return members[:1].crm_team_id
