# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import secrets
from dataclasses import replace

from dateutil.relativedelta import relativedelta
from markupsafe import Markup
from psycopg2 import errors

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from ..planners import reasons
from ..planners.matching import PoolRule, overlapping
from .crossborder_pool_mover import Move

_logger = logging.getLogger(__name__)

# who may decide on a pool's escalated leads (and so receive them)
DECIDERS = "crossborder_ops_crm.group_pool_manager,sales_team.group_sale_manager"

# upper bounds of the pool's periods: beyond them a date computation overflows
# (timedelta of a million days) and no business needs them
DAY_LIMITS = {
    "followup_days": 3650,
    "conversion_days": 3650,
    "warn_days": 3650,
    "cooldown_days": 3650,
    "dormancy_days": 3650,
    "reserve_days": 365,
    "max_recycles": 100,
    "min_activity_age_minutes": 7 * 24 * 60,
}


class CrossborderLeadPool(models.Model):
    """A "high seas" pool: where leads without a salesperson wait for someone
    who will work them, with the clocks that send idle leads back here.
    """

    _name = "crossborder.lead.pool"
    _description = "High-seas lead pool"
    # its chatter is evidence (who forgot a deleted lead's name, who changed the
    # pool's settings, the system's alerts): the evidence mixin first, it extends
    # mail.thread
    _inherit = ["crossborder.evidence.thread.mixin", "mail.thread"]
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
        default=lambda self: self._default_manager_id(),
        tracking=True,
        help="Receives the leads that keep bouncing back (see Maximum recycles) and "
        "the activities that go with them: an active pool manager or sales manager. "
        "When none is set or he can no longer decide (archived, other rights), the "
        "sales team's leader receives them, else the company's first pool manager.",
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
    dormancy_days = fields.Integer(
        string="Dormant after (days)",
        default=0,
        help="A customer who bought (won opportunity, confirmed sales order or posted "
        "invoice) and has not bought again for this many days is dormant: the pool opens "
        "one revival lead for him, with his history, and rotation hands it to the new "
        "salespeople first. E.g. 90 days for fast-moving goods, 730 for project business. "
        "0: no revival.",
    )
    dormancy_scanned_at = fields.Datetime(
        string="Last dormancy scan",
        readonly=True,
        copy=False,
        help="When the pool last looked for dormant customers. Technical: the row that "
        "dormancy scans lock, so that two scans of the pool do not revive a customer twice.",
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
        "person does not count as progress: it is a log, not a follow-up. Nor does one "
        "moved onto the lead from another record and marked done within this many minutes "
        "of the move, whoever created it.",
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
    revive_days = fields.Integer(
        string="Revive within (days)",
        default=2,
        help="A salesperson who receives a sleeping customer from the rotation gets a "
        "'Revive this sleeping customer' activity due this many days later. 0: due the "
        "same day.",
    )
    rotation_prefers_results = fields.Boolean(
        string="Better converters first",
        help="When salespeople have received as many leads in a run and match the "
        "customer as well, the one who won more of the leads he closed over the last 90 "
        "days gets the next lead first (by steps of 10 points; newcomers count as the "
        "average). Fairness comes first: the counts still differ by at most one.",
    )
    rotation_pointer_id = fields.Many2one(
        "res.users",
        string="Last served",
        readonly=True,
        help="Round-robin pointer: the next rotation starts with the salesperson after this one.",
    )
    manager_assign_only = fields.Boolean(
        string="Handed out by the manager only",
        help="Salespeople see the pool's leads but cannot claim them, and the rotation "
        "scheduled action leaves the pool alone: its manager hands every lead out (key "
        "accounts, tenders).",
    )
    holdback_percent = fields.Float(
        string="Kept back at random (%)",
        default=10.0,
        digits=(5, 1),
        help="Share of the leads a rotation would hand out that it keeps in the pool, drawn "
        "at random, to compare later how the leads handed out and the leads kept back "
        "convert: the proof that rotation pays. Kept-back leads can still be claimed. "
        "0 turns the comparison off.",
    )
    holdback_days = fields.Integer(
        string="Kept back for (days)",
        default=30,
        help="How long a kept-back lead stays out of rotation. Each lead is compared once, "
        "in the group of its first draw.",
    )
    lift_summary = fields.Html(
        string="Does rotation pay?",
        compute="_compute_lift_summary",
        sanitize=False,
        groups="crossborder_ops_crm.group_pool_manager,sales_team.group_sale_manager",
        help="Leads handed out against leads kept back at random, per tier.",
    )
    fairness_summary = fields.Html(
        string="Fairness across runs",
        compute="_compute_fairness_summary",
        sanitize=False,
        groups="crossborder_ops_crm.group_pool_manager,sales_team.group_sale_manager",
        help="Leads and expected value each salesperson of the rotation tiers received, "
        "per month, with the Gini index (0: everyone got the same).",
    )
    ownership_mode = fields.Selection(
        [("lead", "Per lead"), ("customer", "Per customer")],
        string="Ownership",
        default="lead",
        required=True,
        tracking=True,
        help="Per lead: each lead is claimed, rotated and recycled on its own. Per customer: "
        "a customer's open leads in this pool move together (claim, release, recycling, "
        "rotation, handover), the caps count customers, and the customer's Salesperson "
        "follows whoever holds him. Leads without a customer count as customers of their own.",
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
        "CHECK(rotation_batch_size > 0 AND rotation_batch_size <= 100000)",
        "The rotation batch size must be between 1 and 100,000 leads.",
    )
    _holdback_range = models.Constraint(
        "CHECK(holdback_percent >= 0 AND holdback_percent <= 50 "
        "AND holdback_days >= 1 AND holdback_days <= 365)",
        "Keep back between 0 and 50 % of the rotated leads, for 1 to 365 days.",
    )

    _revive_days_range = models.Constraint(
        "CHECK(revive_days >= 0 AND revive_days <= 365)",
        "A rotated customer is to be revived within 0 to 365 days.",
    )

    @api.model
    def _default_manager_id(self):
        """The user who creates the pool, when he may decide on escalated leads."""
        user = self.env.user
        return user if user.active and user.has_groups(DECIDERS) else False

    @api.model
    def _default_progress_activity_types(self):
        types = self.env["mail.activity.type"]
        for xmlid in ("mail.mail_activity_data_call", "mail.mail_activity_data_meeting"):
            types |= self.env.ref(xmlid, raise_if_not_found=False) or types
        return types

    def _lift_arms(self):
        """{pool_id: {tier_id or None (all tiers): {"rotated": Arm, "held_back": Arm}}}"""
        from ..planners.holdback import Arm

        self.env.flush_all()  # the report is a view over leads and events
        rows = (
            self.env["crossborder.rotation.lift.report"]
            .sudo()  # figures of the pools the caller reads (his managers' groups only)
            ._read_group(
                [("pool_id", "in", self.ids)],
                ["pool_id", "tier_id", "arm"],
                ["lead_count:sum", "won_count:sum", "revenue:sum", "revenue_sq:sum"],
            )
        )
        result = {}
        empty = Arm(0, 0, 0.0, 0.0)
        for pool, tier, arm, leads, won, revenue, revenue_sq in rows:
            for key in (None, tier.id or None) if tier else (None,):
                arms = result.setdefault(pool.id, {}).setdefault(
                    key, {"rotated": empty, "held_back": empty}
                )
                old = arms[arm]
                arms[arm] = Arm(
                    old.leads + leads,
                    old.won + won,
                    old.revenue + revenue,
                    old.revenue_sq + revenue_sq,
                )
        return result

    def _compute_lift_summary(self):
        from ..planners.holdback import lift

        arms_by_pool = self._lift_arms()
        tiers = self.env["crossborder.sales.tier"].browse(
            [t for arms in arms_by_pool.values() for t in arms if t]
        )
        names = {tier.id: tier.display_name for tier in tiers}
        _ = self.env._

        def pct(value):
            return "–" if value is None else f"{100 * value:.1f} %"

        def points(value):
            return "–" if value is None else f"{100 * value:+.1f}"

        def money(value):
            return "–" if value is None else f"{value:+,.0f}"

        for pool in self:
            arms = arms_by_pool.get(pool.id)
            if not arms:
                pool.lift_summary = Markup("<p>%s</p>") % _(
                    "No rotation of this pool has kept leads back yet: nothing to compare."
                )
                continue
            total = lift(arms[None]["rotated"], arms[None]["held_back"])
            sentence = {
                "pays": _(
                    "Rotation pays: leads handed out convert %(gap)s points more than leads "
                    "kept back (95 %% interval %(low)s to %(high)s; %(n1)s handed out, "
                    "%(n0)s kept back).",
                ),
                "hurts": _(
                    "Leads handed out convert %(gap)s points less than leads kept back "
                    "(95 %% interval %(low)s to %(high)s; %(n1)s handed out, %(n0)s kept "
                    "back): rotation does not help these leads.",
                ),
                "no_effect": _(
                    "No difference shown yet: %(diff)s points (95 %% interval %(low)s to "
                    "%(high)s includes zero; %(n1)s handed out, %(n0)s kept back).",
                ),
                "too_early": _(
                    "Too early to say: each group needs at least 30 leads (%(n1)s handed "
                    "out, %(n0)s kept back).",
                ),
            }[total.verdict] % {
                "diff": points(total.conversion_diff),
                "gap": "–"
                if total.conversion_diff is None
                else f"{abs(100 * total.conversion_diff):.1f}",
                "low": points(total.conversion_low),
                "high": points(total.conversion_high),
                "n1": total.rotated.leads,
                "n0": total.held.leads,
            }
            header = [
                _("Tier"),
                _("Handed out"),
                _("Won"),
                _("Conversion"),
                _("Kept back"),
                _("Won"),
                _("Conversion"),
                _("Difference (points, 95 % interval)"),
                _("Revenue per lead, difference"),
            ]
            rows = []
            keys = [None] + sorted((k for k in arms if k), key=lambda k: names.get(k, ""))
            for key in keys:
                res = lift(arms[key]["rotated"], arms[key]["held_back"])
                rows.append(
                    [
                        names.get(key, "") if key else _("All tiers"),
                        res.rotated.leads,
                        res.rotated.won,
                        pct(res.rotated.conversion),
                        res.held.leads,
                        res.held.won,
                        pct(res.held.conversion),
                        f"{points(res.conversion_diff)} "
                        f"({points(res.conversion_low)} … {points(res.conversion_high)})",
                        money(res.revenue_diff),
                    ]
                )
            table = Markup("").join(
                Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % c for c in row)
                for row in rows
            )
            head = Markup("").join(Markup("<th>%s</th>") % h for h in header)
            pool.lift_summary = (
                Markup('<p>%s</p><table class="table table-sm"><thead><tr>%s</tr></thead>')
                % (sentence, head)
                + Markup("<tbody>%s</tbody></table>") % table
            )

    def _compute_fairness_summary(self, months=3):
        from ..planners.holdback import gini

        now = fields.Datetime.now()
        start = (now.replace(day=1) - relativedelta(months=months - 1)).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        self.env.flush_all()  # the report is a view over leads and events
        rows = (
            self.env["crossborder.rotation.share.report"]
            .sudo()  # figures of pools the caller reads (a managers' field)
            ._read_group(
                [("pool_id", "in", self.ids), ("date", ">=", start)],
                ["pool_id", "date:month", "user_id"],
                ["lead_count:sum", "value:sum"],
            )
        )
        received = {}
        for pool, month, user, count, value in rows:
            received.setdefault(pool.id, {}).setdefault(month, {})[user.id] = (count, value)
        _ = self.env._
        header = [
            _("Month"),
            _("Salespeople"),
            _("Fewest leads"),
            _("Most leads"),
            _("Gini of leads"),
            _("Gini of value"),
        ]
        for pool in self:
            tiers = pool._rotation_tiers()
            members = (
                self.env["crm.team.member"]
                .sudo()
                .search(pool._member_domain())
                .filtered(lambda m, t=tiers: m.tier_id in t)
            )
            by_month = received.get(pool.id, {})
            if not by_month:
                pool.fairness_summary = Markup("<p>%s</p>") % _(
                    "No lead of this pool was rotated in the last %(months)s months.",
                    months=months,
                )
                continue
            lines = []
            for month in sorted(by_month, reverse=True):
                got = dict.fromkeys(members.user_id.ids, (0, 0.0)) | by_month[month]
                counts = [c for c, _v in got.values()]
                values = [v for _c, v in got.values()]
                g_count, g_value = gini(counts), gini(values)
                lines.append(
                    [
                        format_date(self.env, month, date_format="MMMM y"),
                        len(got),
                        min(counts),
                        max(counts),
                        "–" if g_count is None else f"{g_count:.2f}",
                        "–" if g_value is None else f"{g_value:.2f}",
                    ]
                )
            head = Markup("").join(Markup("<th>%s</th>") % h for h in header)
            body = Markup("").join(
                Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % c for c in line)
                for line in lines
            )
            pool.fairness_summary = Markup(
                '<table class="table table-sm"><thead><tr>%s</tr></thead><tbody>%s</tbody>'
                "</table><p>%s</p>"
            ) % (
                head,
                body,
                _(
                    "Gini index: 0 when every salesperson of the rotation tiers received the "
                    "same, 1 when one received everything. Value: expected revenue × "
                    "probability of the leads today."
                ),
            )

    def _compute_counts(self):
        # sudo: every lead of the pool, not only those the reader may open
        # (a colleague's private leads); numbers only
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [("pool_id", "in", self.ids), ("won_status", "=", "pending")],
                ["pool_id", "user_id"],
                ["__count"],
            )
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
        "dormancy_days",
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
                pool.dormancy_days,
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
            too_long = [
                label
                for fname, limit in DAY_LIMITS.items()
                if pool[fname] > limit
                for label in [pool._fields[fname]._description_string(self.env)]
            ]
            if too_long:
                raise ValidationError(
                    self.env._(
                        "Pool %(pool)s: %(fields)s too long. Clocks and the cool-down go up to "
                        "ten years (3,650 days), the reservation up to a year, the activity age "
                        "up to a week and escalation up to 100 recycles.",
                        pool=pool.name,
                        fields=", ".join(too_long),
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

    @api.constrains("manager_id", "company_id")
    def _check_manager(self):
        for pool in self.filtered("manager_id"):
            if not pool._can_decide(pool.manager_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be the manager of the pool %(pool)s: its manager "
                        "decides on the leads that keep coming back to the pool, which takes "
                        "an active user with the pool manager or sales manager rights in "
                        "%(company)s.",
                        user=pool.manager_id.name,
                        pool=pool.name,
                        company=pool.company_id.name,
                    )
                )

    @api.constrains("holdback_percent", "holdback_days")
    def _check_holdback(self):
        for pool in self:
            if not 0 <= pool.holdback_percent <= 50 or not 1 <= pool.holdback_days <= 365:
                raise ValidationError(
                    self.env._(
                        "Pool %(pool)s: keep back between 0 and 50 %% of the leads a rotation "
                        "hands out (more would leave too few to rotate), for 1 to 365 days.",
                        pool=pool.name,
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
        if vals.get("ownership_mode") == "customer":
            self.filtered(lambda pool: pool.ownership_mode != "customer")._check_no_split()
        result = super().write(vals)
        if {"team_id", "country_ids", "active", "company_id"} & set(vals):
            self._recompute_lead_pools()
        elif "ownership_mode" in vals:
            self.env.registry.clear_cache()
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
    # customer ownership (see planners/customers.py)
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache()
    def _customer_pool_ids(self):
        """Ids of the pools that work per customer; cached (cleared when a pool
        changes), so that pools working per lead pay no extra query."""
        return frozenset(
            self.sudo()  # configuration, the same for every user
            .with_context(active_test=False)
            .search([("ownership_mode", "=", "customer")])
            .ids
        )

    def _split_customers(self):
        """{customer (res.partner): owners (res.users, with an empty record for
        the pool)} of the customers whose open leads in these pools are held by
        more than one owner."""
        from ..planners.customers import split_customers

        splits = split_customers(self.env["crossborder.pool.store"]._unit_leads(self))
        partners = self.env["res.partner"].sudo().browse(sorted(splits))  # names, for managers
        Users = self.env["res.users"].sudo()
        return {
            partner: [Users.browse(owner) for owner in splits[partner.id]] for partner in partners
        }

    def _split_message(self, splits, limit=10):
        _ = self.env._
        lines = [
            _(
                "%(customer)s: %(owners)s",
                customer=partner.display_name,
                owners=", ".join(user.name if user else _("the pool") for user in owners),
            )
            for partner, owners in list(splits.items())[:limit]
        ]
        if len(splits) > limit:
            lines.append(_("… and %(count)s more", count=len(splits) - limit))
        return "\n".join(lines)

    def _check_no_split(self):
        """Switching to customer ownership never moves leads silently: refused
        while a customer's open leads are held by several owners."""
        for pool in self:
            splits = pool._split_customers()
            if splits:
                raise ValidationError(
                    self.env._(
                        "Pool %(pool)s cannot work per customer yet: the open leads of these "
                        "customers are held by more than one salesperson (or partly wait in "
                        "the pool):\n%(lines)s\nHand each customer to one salesperson first, "
                        "or use *Switch ownership* on the pool, which lets the salesperson "
                        "who took one of his leads last keep all of them.",
                        pool=pool.name,
                        lines=pool._split_message(splits),
                    )
                )

    def _reconcile_customers(self):
        """Give each split customer to one owner (planners.customers.reconcile),
        with the mover: audit event, chatter line, followers and activities, as a
        manager's handover. Returns the number of leads moved."""
        from ..planners.customers import reconcile

        self.ensure_one()
        moves = reconcile(self.env["crossborder.pool.store"]._unit_leads(self))
        if not moves:
            return 0
        leads = self.env["crm.lead"].sudo().browse([move[0] for move in moves])
        if len(leads.try_lock_for_update(allow_referencing=True)) != len(leads):
            raise UserError(
                self.env._(
                    "Another operation is working on some of these leads right now: try again "
                    "in a moment."
                )
            )
        rule = self.env._("one owner per customer: who took one of his leads last keeps them all")
        note = self.env._("the pool now works per customer")
        self.env["crossborder.pool.mover"]._apply(
            self,
            "handover",
            [
                Move(lead, from_id, to_id, rule, customer_id=customer)
                for lead, from_id, to_id, customer in moves
            ],
            note=note,
            sql=False,
            # the pool still works per lead: the moves name their customer
            customers={lead: customer for lead, _f, _t, customer in moves},
        )
        return len(moves)

    def action_switch_ownership(self):
        self.ensure_one()
        self._check_pool_manager()
        wizard = self.env["crossborder.pool.ownership.wizard"].create(
            {
                "pool_id": self.id,
                "ownership_mode": "lead" if self.ownership_mode == "customer" else "customer",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Switch ownership of %(pool)s", pool=self.name),
        }

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
        # a lead without company that came into a pool takes the pool's company
        leads._pool_company_follows()

    def _member_domain(self):
        """The salespeople who receive this pool's leads: active members of its
        team (of every team for a pool without one) who work in the pool's company
        (a team without company may have members of another, who could not even
        open the lead)."""
        self.ensure_one()
        domain = [("user_id.active", "=", True), ("user_id.company_ids", "in", self.company_id.ids)]
        if self.team_id:
            domain.append(("crm_team_id", "=", self.team_id.id))
        return domain

    def _rotation_tiers(self):
        self.ensure_one()
        return self.rotation_tier_ids or self.env["crossborder.sales.tier"].search(
            [("receives_rotation", "=", True)]
        )

    def _can_decide(self, user):
        """Whether ``user`` may decide on this pool's escalated leads: an active
        pool manager or sales manager of the pool's company."""
        self.ensure_one()
        user = user.sudo()  # his rights and companies, whoever asks
        return bool(
            user.active
            and not user.share
            and user.has_groups(DECIDERS)
            and self.company_id in user.company_ids
        )

    def _escalation_decider(self):
        """Who receives this pool's escalated leads: its manager; when he cannot
        decide (none set, archived, other rights), the sales team's leader, else
        the first pool manager, else the first sales manager of the pool's
        company. Empty when nobody can."""
        self.ensure_one()
        for user in (self.manager_id, self.team_id.user_id):
            if user and self._can_decide(user):
                return user
        Users = self.env["res.users"].sudo()  # who may decide, not whom the caller reads
        for xmlid in DECIDERS.split(","):
            user = Users.search(
                [
                    ("all_group_ids", "in", self.env.ref(xmlid).ids),
                    ("company_ids", "in", self.company_id.ids),
                    ("share", "=", False),
                ],
                order="id",
                limit=1,
            )
            if user:
                return user.with_env(self.env)
        return self.env["res.users"]

    def _say_escalation_went_elsewhere(self, decider, count):
        """On the pool's chatter (and to whoever received them): escalated leads
        that did not go to the pool's manager, and why."""
        if not decider:
            body = self.env._(
                "%(count)s lead(s) of this pool that keep coming back went back to the pool "
                "instead of being escalated: no active pool manager or sales manager of "
                "%(company)s can decide on them. Set a pool manager.",
                count=count,
                company=self.company_id.name,
            )
        elif self.manager_id:
            body = self.env._(
                "%(count)s lead(s) of this pool that keep coming back went to %(user)s: the "
                "pool manager %(manager)s cannot decide on them (archived, or without the "
                "pool manager or sales manager rights). Set a pool manager who can.",
                count=count,
                user=decider.name,
                manager=self.manager_id.name,
            )
        else:
            body = self.env._(
                "%(count)s lead(s) of this pool that keep coming back went to %(user)s: the "
                "pool has no manager to decide on them. Set one.",
                count=count,
                user=decider.name,
            )
        # sudo: a system message on the pool, which salespeople cannot write
        self.sudo().message_post(
            body=body, partner_ids=decider.partner_id.ids, subtype_xmlid="mail.mt_note"
        )

    # ------------------------------------------------------------------
    # actions (pool managers only, checked here: a salesperson may read a
    # pool and call its public methods over RPC)
    # ------------------------------------------------------------------
    def _check_pool_manager(self):
        if not self.env["crm.lead"]._pool_is_manager():
            raise AccessError(
                self.env._(
                    "Only pool managers can run or preview the pool's rotation and recycling."
                )
            )

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
        self._check_pool_manager()
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
        self._check_pool_manager()
        runs = self.env["crossborder.rotation.run"]
        for pool in self.sudo():  # sudo: checked above; the run moves others' leads
            runs |= pool._rotate_batch()
        return runs.with_env(self.env).action_open()

    def action_recycle_now(self):
        self._check_pool_manager()
        done = warned = busy = 0
        for pool in self.sudo():  # sudo: checked above; recycling moves others' leads
            result = pool._recycle_batch(limit=pool.rotation_batch_size, report=True)
            done += result["recycled"]
            warned += result["warned"]
            busy += result["busy"]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if busy else "success",
                "message": " ".join(
                    filter(
                        None,
                        [
                            self.env._(
                                "Leads back to the pool or escalated: %(done)s. Owners warned "
                                "of leads about to go back: %(warned)s.",
                                done=done,
                                warned=warned,
                            ),
                            busy
                            and self.env._(
                                "Busy (held by another operation), retried at the next run: "
                                "%(busy)s.",
                                busy=busy,
                            ),
                        ],
                    )
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # scheduled actions: one bounded batch per call, progress committed;
    # one pool that fails does not stop the others
    # ------------------------------------------------------------------
    def _each_pool(self, job):
        """Run ``job(pool)`` per pool in a savepoint; a pool whose job fails is
        logged, told to its manager, and skipped."""
        results = []
        for pool in self:
            try:
                with self.env.cr.savepoint():
                    results.append((pool, job(pool)))
            except (errors.SerializationFailure, errors.LockNotAvailable):
                _logger.info("Pool %s postponed: a concurrent claim or scan came first", pool.name)
                results.append((pool, None))
            except Exception as error:  # noqa: BLE001 - one pool must not stop the others
                _logger.warning("Pool %s skipped by a scheduled action: %s", pool.name, error)
                pool._notify_failure(error)
                results.append((pool, None))
        return results

    def _notify_failure(self, error):
        self.ensure_one()
        with self.env.cr.savepoint():
            self.sudo().message_post(  # system message on the pool's chatter
                body=self.env._(
                    "A scheduled action skipped this pool: %(error)s. Check its settings.",
                    error=str(error),
                ),
                partner_ids=self.manager_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _cron_recycle(self, batch_size=2000):
        done = remaining = busy = 0
        budget = [batch_size]

        def job(pool):
            if budget[0] <= 0:  # this call's batch is full: the next call does it
                due = self.env["crossborder.pool.store"]._held_leads(
                    pool, fields.Datetime.now(), count_only=True
                )
                return {"processed": 0, "remaining": due, "busy": 0}
            result = pool._recycle_batch(limit=budget[0], report=True)
            budget[0] -= result["processed"]
            return result

        for _pool, result in self.search([])._each_pool(job):
            if result:
                done += result["processed"]
                remaining += result["remaining"]
                busy += result["busy"]
        if busy:
            _logger.info("Recycling: %s lead(s) busy, retried at the next run", busy)
        self.env["ir.cron"]._commit_progress(done, remaining=remaining)

    @api.model
    def _cron_give_back(self, batch_size=2000):
        done = remaining = 0
        for _team, result in self.search([])._each_team_give_back(batch_size):
            done += result[0]
            remaining += result[1]
        self.env["ir.cron"]._commit_progress(done, remaining=remaining)

    def _each_team_give_back(self, batch_size):
        results = []
        budget = batch_size
        for team, pools in self.grouped("team_id").items():
            if budget <= 0:
                break
            try:
                with self.env.cr.savepoint():
                    result = pools._give_back_batch(limit=budget)
            except Exception as error:  # noqa: BLE001 - one team must not stop the others
                _logger.warning("Give-back skipped team %s: %s", team.name, error)
                continue
            budget -= result[0]
            results.append((team, result))
        return results

    @api.model
    def _cron_rotate(self):
        done = remaining = 0
        pools = self.search([("rotation_enabled", "=", True), ("manager_assign_only", "=", False)])
        for _pool, run in pools._each_pool(lambda pool: pool._rotate_batch()):
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
        return self._each_pool(lambda pool: pool._rotate_batch())[0][1]

    @api.model
    def _cron_dormancy(self, batch_size=2000):
        """Open revival leads for dormant customers and close the revivals of
        customers who bought again, pool by pool, ``batch_size`` at a time."""
        opened = won = left = 0
        Scan = self.env["crossborder.pool.dormancy"]
        for _pool, result in self.search([])._each_pool(
            lambda pool: Scan._scan(pool, limit=batch_size)
        ):
            if result:
                opened += result[0]
                won += result[1]
                left += result[2]
        _logger.info(
            "Dormant customers: %s revival leads opened, %s won, %s left", opened, won, left
        )
        self.env["ir.cron"]._commit_progress(opened + won, remaining=left)

    def _lock_dormancy_scan(self):
        """Serialize the dormancy scans of this pool (the scheduled action, a
        manager's button): a scan opens revival leads for the customers it
        finds without one. A second scan waits here for the first; once the
        first is saved, it fails to serialize: a request runs again and finds
        the first scan's leads, the scheduled action leaves the pool to its
        next run (the first scan did the work)."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "UPDATE crossborder_lead_pool SET dormancy_scanned_at = %s WHERE id = %s",
                fields.Datetime.now(),
                self.id,
            ),
            log_exceptions=False,  # a conflict here is expected: retried or postponed
        )
        self.invalidate_recordset(["dormancy_scanned_at"])

    def action_scan_dormant(self):
        """Manager button: scan this pool for dormant customers now."""
        self.ensure_one()
        self._check_pool_manager()
        opened, won, left = self.env["crossborder.pool.dormancy"]._scan(self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if opened or won else "info",
                "message": self.env._(
                    "%(opened)s revival leads opened for dormant customers, %(won)s revivals "
                    "won by a new purchase, %(left)s dormant customers left for the next run.",
                    opened=opened,
                    won=won,
                    left=left,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_snapshot(self):
        self.env["crossborder.pool.snapshot"]._take()
        self.env["ir.cron"]._commit_progress(1, remaining=0)

    # ------------------------------------------------------------------
    # batches (no commit: the cron wrappers commit, tests call these)
    # ------------------------------------------------------------------
    def _recycle_batch(self, limit=2000, now=None, report=False, sql=None):
        """Recycle, escalate or warn up to ``limit`` leads of this pool.

        Returns (processed, remaining), or with ``report`` a dict that also
        counts the busy leads another transaction held (skipped, retried at the
        next run). Leads are locked with SKIP LOCKED so two workers never
        process the same lead, and a processed lead no longer matches the
        query, so a re-run after a crash does the rest exactly once.
        """
        self.ensure_one()
        from ..planners.recycling import ESCALATE, RECYCLE, WARN, PoolClocks, plan_recycling

        now = now or fields.Datetime.now()
        rerouted = self._reroute_escalations(now)
        clocks = PoolClocks(
            self.id, self.followup_days, self.conversion_days, self.warn_days, self.max_recycles
        )
        store = self.env["crossborder.pool.store"]
        held = store._held_leads(self, now, limit=limit, due_only=False)
        decisions = plan_recycling(held["leads"], {self.id: clocks}, now)
        owners = {lead.lead_id: lead.owner_id for lead in held["leads"]}
        units = held.get("units")
        if units:
            # a pool working per customer decided per customer: every lead of
            # the customer follows the decision of the lead that heads it
            owners = {lead: owners[head] for head, ids in units.items() for lead in ids}
            decisions = [replace(d, lead_id=lead) for d in decisions for lead in units[d.lead_id]]
        mover = self.env["crossborder.pool.mover"]
        by_action = {RECYCLE: [], ESCALATE: [], WARN: []}
        for decision in decisions:
            by_action[decision.action].append(decision)
        escalated = len(by_action[ESCALATE])
        decider = self._escalation_decider() if escalated else self.env["res.users"]
        if escalated and not decider:
            # nobody may decide on them: back to the pool for what sent them
            # there (not escalated to nobody, where nobody could claim them)
            by_action[RECYCLE] += [
                replace(d, action=RECYCLE, rule=reasons.parse(d.rule)[1].get("cause", d.rule))
                for d in by_action[ESCALATE]
            ]
            by_action[ESCALATE] = []
        mover._apply(
            self,
            "recycle",
            [Move(d.lead_id, owners[d.lead_id], None, d.rule) for d in by_action[RECYCLE]],
            now=now,
            sql=sql,
        )
        mover._apply(
            self,
            "escalate",
            [Move(d.lead_id, owners[d.lead_id], decider.id, d.rule) for d in by_action[ESCALATE]],
            now=now,
            sql=sql,
        )
        if escalated and (not decider or decider != self.manager_id):
            self._say_escalation_went_elsewhere(decider, escalated)
        mover._warn(self, by_action[WARN], owners, now=now)
        remaining = store._held_leads(self, now, count_only=True)
        remaining = max(remaining - held["busy"], 0)
        if not report:
            return len(decisions), remaining
        return {
            "processed": len(decisions),
            "recycled": len(by_action[RECYCLE]) + len(by_action[ESCALATE]) + rerouted,
            "warned": len(by_action[WARN]),
            "remaining": remaining,
            "busy": held["busy"],
        }

    def _reroute_escalations(self, now):
        """Escalated leads of this pool held by someone who can no longer decide
        on them (archived, or his rights or company taken away since) go to
        whoever decides now (``_escalation_decider``), with their decide to-do;
        with nobody to decide, back to the pool, where the escalation ends. Leads
        another transaction holds wait for the next run. Returns how many moved."""
        self.ensure_one()
        escalated = (
            self.env["crm.lead"]
            .sudo()
            .search(  # the recycling's own reading
                [
                    ("pool_id", "=", self.id),
                    ("pool_escalated", "=", True),
                    ("won_status", "=", "pending"),
                ]
            )
        )
        holders = {user: self._can_decide(user) for user in escalated.user_id}
        stuck = escalated.filtered(lambda lead: not holders.get(lead.user_id))
        stuck = stuck.try_lock_for_update(allow_referencing=True) if stuck else stuck
        if not stuck:
            return 0
        decider = self._escalation_decider()
        rule = self.env._("the one who had to decide on it no longer can")
        moves = [Move(lead.id, lead.user_id.id or None, decider.id or None, rule) for lead in stuck]
        mover = self.env["crossborder.pool.mover"]
        if decider:
            # his decide to-do, afresh (archiving a user removes his activities)
            mover._drop_reminders([], stuck.ids)
            mover._apply(self, "handover", moves, now=now, reason="handover", sql=False)
            mover._new_activities(self, "escalate", moves, sql=False)
        else:  # the write back to the pool ends the escalation (crm.lead)
            mover._apply(self, "release", moves, now=now, reason="handover", sql=False)
        if decider != self.manager_id:
            self._say_escalation_went_elsewhere(decider, len(stuck))
        return len(stuck)

    def _give_back_batch(self, limit=2000, now=None, sql=None):
        """Owners above their private cap give back their idlest leads.

        Counted per sales team over all its pools, with the counters the claim
        check uses (crm.team.member._pool_caps): a veteran with 13 leads over
        two pools of one team at cap 12 gives one back. ``self``: the pools of
        one team (or of no team)."""
        from ..planners.recycling import plan_give_back

        now = now or fields.Datetime.now()
        teams = self.team_id
        domain = [("user_id.active", "=", True)]
        if teams:
            domain.append(("crm_team_id", "in", teams.ids))
        members = self.env["crm.team.member"].sudo().search(domain)
        caps = members._pool_caps(now)
        store = self.env["crossborder.pool.store"]
        held = store._held_by_owner(list(caps))
        units = {}
        if self._customer_pool_ids():
            # pools working per customer give back whole customers
            from ..planners.customers import group_held

            lead_ids = [lead.lead_id for group in held.values() for lead in group]
            by_lead, units = group_held(held, store._customers_of(lead_ids))
        else:
            by_lead = held
        decisions = plan_give_back(
            by_lead,
            {key: c["private_cap"] for key, c in caps.items()},
            now,
            count_by_owner={key: c["held"] for key, c in caps.items()},
        )
        # a customer goes back whole: the batch ends between customers (a
        # customer with more leads than the batch still goes in one batch)
        groups = (
            [[replace(d, lead_id=lead) for lead in units[d.lead_id]] for d in decisions]
            if units
            else [[d] for d in decisions]
        )
        todo = []
        for group in groups:
            if todo and len(todo) + len(group) > limit:
                break
            todo.extend(group)
        decisions = [d for group in groups for d in group]
        leads = {lead.lead_id: lead for group in held.values() for lead in group}
        mover = self.env["crossborder.pool.mover"]
        by_pool = {}
        for decision in todo:
            by_pool.setdefault(leads[decision.lead_id].pool_id, []).append(decision)
        for pool in self.browse(list(by_pool)).exists():
            mover._apply(
                pool,
                "over_cap",
                [
                    Move(d.lead_id, leads[d.lead_id].owner_id, None, d.rule)
                    for d in by_pool[pool.id]
                ],
                now=now,
                sql=sql,
            )
        return len(todo), len(decisions) - len(todo)

    def _rotate_batch(self, now=None, dry_run=False, sql=True, seed=None):
        """Plan (and unless ``dry_run`` apply) one rotation run of this pool.

        With a hold-back share, the leads the plan hands out are drawn (keyed
        by ``seed``, random when not given) and the drawn ones stay in the
        pool; the others are planned again, so that the run stays as fair as
        one without hold-back. A preview draws only with a ``seed``: the run
        given the same seed then keeps back the same leads ("Rotate as
        previewed")."""
        self.ensure_one()
        from ..planners.holdback import held_back
        from ..planners.rotation import plan_rotation

        now = now or fields.Datetime.now()
        data = self.env["crossborder.pool.store"]._rotation_input(
            self, now, limit=self.rotation_batch_size, lock=not dry_run
        )

        lang_names = dict(self.env["res.lang"].get_installed())

        def plan_for(leads):
            return plan_rotation(
                leads,
                data["candidates"],
                self.rotation_pointer_id.id,
                now=now,
                cooldown_days=self.cooldown_days,
                lang_names=lang_names,
            )

        plan = plan_for(data["leads"])
        held, drawn_with = {}, None
        if self.holdback_percent and plan.assignments and (not dry_run or seed is not None):
            drawn_with = seed if seed is not None else secrets.randbits(62)
            first = plan.assignments
            drawn = held_back([lead for lead, _u, _r in first], self.holdback_percent, drawn_with)
            if drawn:
                # the tier each kept-back lead would have gone to: compared per tier
                tier_by_user = data["tier_by_user"]
                held = {lead: tier_by_user.get(user) for lead, user, _r in first if lead in drawn}
                # only the leads of the first plan: every lead of the run was drawn
                assigned = {lead for lead, _u, _r in first} - drawn
                plan = plan_for([lead for lead in data["leads"] if lead.lead_id in assigned])
        plan.held_back = held
        plan.seed = drawn_with
        if dry_run and data["units"]:
            # the preview lists every lead of each customer
            from ..planners.customers import expand

            units = data["units"]
            plan.assignments = [(a, u, r) for a, u, r, _head in expand(plan.assignments, units)]
            plan.skipped = [(lead, why) for head, why in plan.skipped for lead in units[head]]
        if dry_run:
            plan.busy = data["busy"]
            plan.waiting = len(data["leads"]) + data["busy"]
            return plan
        return self.env["crossborder.pool.mover"]._apply_rotation(self, plan, data, now, sql=sql)
