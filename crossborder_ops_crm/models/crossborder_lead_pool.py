# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from psycopg2 import errors

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..planners.matching import PoolRule, overlapping

_logger = logging.getLogger(__name__)


class CrossborderLeadPool(models.Model):
    """A "high seas" pool: where leads without a salesperson wait for someone
    who will work them, with the clocks that send idle leads back here.
    """

    _name = "crossborder.lead.pool"
    _description = "High-seas lead pool"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales team",
        check_company=True,
        tracking=True,
        help="Leads of this team go to this pool. Leave empty for a pool open to "
        "every salesperson, defined by its countries only.",
    )
    country_ids = fields.Many2many(
        "res.country",
        string="Region",
        help="Countries of the leads this pool holds. Leave empty for every country.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Pool manager",
        default=lambda self: self.env.user,
        tracking=True,
        help="Receives the leads that keep bouncing back (see Maximum recycles) and "
        "the activities that go with them.",
    )
    # clocks -------------------------------------------------------------
    followup_days = fields.Integer(
        string="No follow-up for (days)",
        default=14,
        tracking=True,
        help="A private lead with no real progress for this many days goes back to the "
        "pool. Quick-order businesses use two weeks.",
    )
    conversion_days = fields.Integer(
        string="Not converted within (days)",
        default=14,
        tracking=True,
        help="A private lead not won this many days after it was assigned goes back to "
        "the pool. Project businesses may need up to two years (730 days).",
    )
    warn_days = fields.Integer(
        string="Warn owner (days before)",
        default=3,
        help="The owner gets an activity and a notification this many days before the "
        "lead is recycled.",
    )
    cooldown_days = fields.Integer(
        string="Cool-down (days)",
        default=30,
        help="A salesperson cannot claim again a lead they released or lost to recycling "
        "within this many days.",
    )
    max_recycles = fields.Integer(
        string="Maximum recycles",
        default=3,
        help="The recycle that reaches this count escalates the lead to the pool manager "
        "instead of returning it to the pool. 0 disables escalation.",
    )
    reserve_days = fields.Integer(
        string="Reserved to new salespeople (days)",
        default=2,
        help="After recycling, only salespeople of the 'new' tier may take the lead "
        "during this window.",
    )
    # what counts as progress ------------------------------------------------
    progress_activity_type_ids = fields.Many2many(
        "mail.activity.type",
        string="Qualifying activities",
        default=lambda self: self._default_progress_activity_types(),
        help="Completing an activity of one of these types resets the follow-up clock. "
        "Scheduling an activity or posting a note never does.",
    )
    min_activity_age_minutes = fields.Integer(
        string="Minimum activity age (minutes)",
        default=30,
        help="An activity created and marked done within this many minutes by the same "
        "person does not count as progress: it is a log, not a follow-up.",
    )
    progress_on_stage = fields.Boolean(
        string="Stage moved forward", default=True, help="Moving the lead to a later stage."
    )
    progress_on_inbound_email = fields.Boolean(
        string="Customer e-mail received",
        default=True,
        help="An e-mail from the customer arriving on the lead.",
    )
    # rotation -----------------------------------------------------------
    rotation_enabled = fields.Boolean(
        string="Rotate leads",
        default=True,
        help="The rotation scheduled action hands the pool's leads out in turn.",
    )
    rotation_tier_ids = fields.Many2many(
        "crossborder.sales.tier",
        string="Rotation goes to",
        help="Tiers whose salespeople receive rotated leads. Empty: the tiers marked "
        "'Receives rotated leads'.",
    )
    rotation_batch_size = fields.Integer(
        default=2000, help="Leads handed out per run of the scheduled action."
    )
    rotation_pointer_id = fields.Many2one(
        "res.users",
        string="Last served",
        readonly=True,
        help="Round-robin pointer: the next rotation starts with the salesperson after this one.",
    )
    mask_contact = fields.Boolean(
        string="Mask contact details",
        default=True,
        help="Salespeople who are not managers see e-mail and phone of pool leads only "
        "once they claim them.",
    )
    # counters -------------------------------------------------------------
    pool_lead_count = fields.Integer(string="In pool", compute="_compute_counts")
    private_lead_count = fields.Integer(string="Held privately", compute="_compute_counts")

    _positive_batch = models.Constraint(
        "CHECK(rotation_batch_size > 0)", "The rotation batch size must be positive."
    )

    @api.model
    def _default_progress_activity_types(self):
        types = self.env["mail.activity.type"]
        for xmlid in ("mail.mail_activity_data_call", "mail.mail_activity_data_meeting"):
            types |= self.env.ref(xmlid, raise_if_not_found=False) or types
        return types

    def _compute_counts(self):
        groups = self.env["crm.lead"]._read_group(
            [("pool_id", "in", self.ids), ("won_status", "=", "pending")],
            ["pool_id", "user_id"],
            ["__count"],
        )
        in_pool, held = {}, {}
        for pool, user, count in groups:
            target = held if user else in_pool
            target[pool.id] = target.get(pool.id, 0) + count
        for pool in self:
            pool.pool_lead_count = in_pool.get(pool.id, 0)
            pool.private_lead_count = held.get(pool.id, 0)

    @api.constrains(
        "followup_days",
        "conversion_days",
        "warn_days",
        "cooldown_days",
        "max_recycles",
        "reserve_days",
        "min_activity_age_minutes",
    )
    def _check_periods(self):
        for pool in self:
            values = [
                pool.followup_days,
                pool.conversion_days,
                pool.warn_days,
                pool.cooldown_days,
                pool.max_recycles,
                pool.reserve_days,
                pool.min_activity_age_minutes,
            ]
            if any(value < 0 for value in values):
                raise ValidationError(
                    self.env._(
                        "Pool %(pool)s: periods and counts cannot be negative.", pool=pool.name
                    )
                )
            if not pool.followup_days or not pool.conversion_days:
                raise ValidationError(
                    self.env._(
                        "Pool %(pool)s: both clocks need at least one day, otherwise every "
                        "lead would go back to the pool at once.",
                        pool=pool.name,
                    )
                )
            if pool.warn_days >= min(pool.followup_days, pool.conversion_days):
                raise ValidationError(
                    self.env._(
                        "Pool %(pool)s: the warning must come before the shortest clock "
                        "runs out (%(days)s days).",
                        pool=pool.name,
                        days=min(pool.followup_days, pool.conversion_days),
                    )
                )

    @api.constrains("team_id", "country_ids", "active", "company_id")
    def _check_overlap(self):
        pools = self.search([("company_id", "in", self.company_id.ids)])
        rules = pools._pool_rules()
        names = dict(zip(pools.ids, pools.mapped("name"), strict=True))
        for left, right in overlapping(rules):
            if left in self.ids or right in self.ids:
                raise ValidationError(
                    self.env._(
                        "Pools %(left)s and %(right)s belong to the same sales team and "
                        "cover some of the same countries: a lead could be in both. Give "
                        "them separate countries or separate teams.",
                        left=names[left],
                        right=names[right],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        pools = super().create(vals_list)
        pools._recompute_lead_pools()
        return pools

    def write(self, vals):
        result = super().write(vals)
        if {"team_id", "country_ids", "active", "company_id"} & set(vals):
            self._recompute_lead_pools()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_events(self):
        if self.env["crossborder.pool.event"].search_count([("pool_id", "in", self.ids)], limit=1):
            raise ValidationError(
                self.env._("A pool with a history cannot be deleted; archive it instead.")
            )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def _pool_rules(self):
        """Plain-data matching rules of the given pools (all active ones by default)."""
        pools = self if self else self.search([])
        return [
            PoolRule(pool.id, pool.team_id.id or None, frozenset(pool.country_ids.ids))
            for pool in pools
            if pool.active
        ]

    @api.model
    @tools.ormcache()
    def _pool_rules_by_company(self):
        """{company_id: (PoolRule, ...)} of active pools; cached, every lead's pool
        is computed from it (cleared when a pool changes)."""
        result = {}
        for pool in self.sudo().search([]):  # configuration, the same for every user
            result.setdefault(pool.company_id.id, []).extend(pool._pool_rules())
        return {company: tuple(rules) for company, rules in result.items()}

    def _recompute_lead_pools(self):
        """Pool rules changed: recompute the pool of the open leads they can affect."""
        self.env.registry.clear_cache()
        domain = [("won_status", "=", "pending")]
        teams = self.mapped("team_id")
        if teams and all(self.mapped("team_id")):
            domain.append(("team_id", "in", teams.ids))
        leads = self.env["crm.lead"].search(domain)
        self.env.add_to_compute(self.env["crm.lead"]._fields["pool_id"], leads)
        leads.flush_recordset(["pool_id"])

    def _member_domain(self):
        self.ensure_one()
        domain = [("user_id.active", "=", True)]
        if self.team_id:
            domain.append(("crm_team_id", "=", self.team_id.id))
        return domain

    def _rotation_tiers(self):
        self.ensure_one()
        return self.rotation_tier_ids or self.env["crossborder.sales.tier"].search(
            [("receives_rotation", "=", True)]
        )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_view_pool_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crossborder_ops_crm.crm_lead_pool_action"
        )
        action["domain"] = [("pool_id", "=", self.id)]
        action["context"] = {"default_pool_id": self.id}
        return action

    def action_preview_rotation(self):
        self.ensure_one()
        preview = self.env["crossborder.rotation.preview"].create({"pool_id": self.id})
        preview._fill_lines()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.rotation.preview",
            "res_id": preview.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Next rotation of %(pool)s", pool=self.name),
        }

    def action_rotate_now(self):
        runs = self.env["crossborder.rotation.run"]
        for pool in self:
            runs |= pool._rotate_batch()
        return runs.action_open()

    def action_recycle_now(self):
        for pool in self:
            pool._recycle_batch(limit=pool.rotation_batch_size)
        return True

    # ------------------------------------------------------------------
    # scheduled actions: one bounded batch per call, progress committed
    # ------------------------------------------------------------------
    @api.model
    def _cron_recycle(self, batch_size=2000):
        done = remaining = 0
        for pool in self.search([]):
            processed, left = pool._recycle_batch(limit=batch_size - done)
            done += processed
            remaining += left
            if done >= batch_size:
                break
        self.env["ir.cron"]._commit_progress(done, remaining=remaining)

    @api.model
    def _cron_give_back(self, batch_size=2000):
        done = remaining = 0
        for pool in self.search([]):
            processed, left = pool._give_back_batch(limit=batch_size - done)
            done += processed
            remaining += left
            if done >= batch_size:
                break
        self.env["ir.cron"]._commit_progress(done, remaining=remaining)

    @api.model
    def _cron_rotate(self):
        done = remaining = 0
        for pool in self.search([("rotation_enabled", "=", True)]):
            run = pool._rotate_or_postpone()
            if run is None:
                remaining += 1  # the cron calls again while work remains
                continue
            done += run.assigned_count
            remaining += run.remaining_count if run.assigned_count else 0
        self.env["ir.cron"]._commit_progress(done, remaining=remaining)

    def _rotate_or_postpone(self):
        """One rotation run of this pool, or None when a claim by one of its
        salespeople was saved while the run counted their leads: the pool is
        left for the next call, in a new transaction with fresh counts."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                return self._rotate_batch()
        except (errors.SerializationFailure, errors.LockNotAvailable):
            _logger.info("Rotation of pool %s postponed: a claim came first", self.name)
            return None

    @api.model
    def _cron_snapshot(self):
        self.env["crossborder.pool.snapshot"]._take()
        self.env["ir.cron"]._commit_progress(1, remaining=0)

    # ------------------------------------------------------------------
    # batches (no commit: the cron wrappers commit, tests call these)
    # ------------------------------------------------------------------
    def _recycle_batch(self, limit=2000, now=None):
        """Recycle, escalate or warn up to ``limit`` leads of this pool.

        Returns (processed, remaining). Leads are locked with SKIP LOCKED so two
        workers never process the same lead, and a processed lead no longer
        matches the query, so a re-run after a crash does the rest exactly once.
        """
        self.ensure_one()
        from ..planners.recycling import ESCALATE, RECYCLE, WARN, PoolClocks, plan_recycling

        now = now or fields.Datetime.now()
        clocks = PoolClocks(
            self.id, self.followup_days, self.conversion_days, self.warn_days, self.max_recycles
        )
        held = self.env["crm.lead"]._pool_held_leads(self, now, limit=limit, due_only=False)
        decisions = plan_recycling(held["leads"], {self.id: clocks}, now)
        mover = self.env["crossborder.pool.mover"]
        by_action = {RECYCLE: [], ESCALATE: [], WARN: []}
        for decision in decisions:
            by_action[decision.action].append(decision)
        owners = {lead.lead_id: lead.owner_id for lead in held["leads"]}
        mover._return_to_pool(self, by_action[RECYCLE], owners, kind="recycle", now=now)
        mover._escalate(self, by_action[ESCALATE], owners, now=now)
        mover._warn(self, by_action[WARN], owners, now=now)
        remaining = self.env["crm.lead"]._pool_held_leads(self, now, count_only=True)
        return len(decisions), remaining

    def _give_back_batch(self, limit=2000, now=None):
        """Owners above their private cap give back their idlest leads."""
        self.ensure_one()
        from ..planners.recycling import plan_give_back

        now = now or fields.Datetime.now()
        members = self.env["crm.team.member"].search(self._member_domain())
        caps = members._pool_caps()
        held = self.env["crm.lead"]._pool_held_by_owner(self, list(caps))
        decisions = plan_give_back(held, {u: c["private_cap"] for u, c in caps.items()}, now)
        todo = decisions[:limit]
        owners = {lead.lead_id: lead.owner_id for leads in held.values() for lead in leads}
        self.env["crossborder.pool.mover"]._return_to_pool(
            self, todo, owners, kind="over_cap", now=now
        )
        return len(todo), len(decisions) - len(todo)

    def _rotate_batch(self, now=None, dry_run=False):
        """Plan (and unless ``dry_run`` apply) one rotation run of this pool."""
        self.ensure_one()
        from ..planners.rotation import plan_rotation

        now = now or fields.Datetime.now()
        data = self.env["crm.lead"]._pool_rotation_input(
            self, now, limit=self.rotation_batch_size, lock=not dry_run
        )
        plan = plan_rotation(data["leads"], data["candidates"], self.rotation_pointer_id.id)
        if dry_run:
            return plan
        return self.env["crossborder.pool.mover"]._apply_rotation(self, plan, data, now)

    def _period_start(self, period, now):
        """UTC start of the current day/week/month."""
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        if period == "week":
            start -= timedelta(days=start.weekday())
        elif period == "month":
            start = start.replace(day=1)
        return start

    def _lock_members(self, member_ids):
        """Serialize claims and rotations of the same salespeople: the counters
        they check (held leads, claims this period) belong to these rows.
        Updating them makes a concurrent transaction that checked the same
        counters fail to serialize, and Odoo retries it with fresh numbers.
        Rows are taken in id order, so two rotations never deadlock."""
        if member_ids:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE crm_team_member SET pool_claimed_at = %s
                     WHERE id IN (SELECT id FROM crm_team_member WHERE id IN %s
                                  ORDER BY id FOR UPDATE)
                    """,
                    fields.Datetime.now(),
                    tuple(member_ids),
                ),
                log_exceptions=False,  # a conflict here is expected: retried or postponed
            )
