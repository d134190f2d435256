# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL

from ..planners.eligibility import Taker

# what the pool reads of a salesperson: set by pool managers too, while team
# membership stays the sales managers' (outside audit 66)
POOL_MEMBER_FIELDS = frozenset(
    ("tier_override_id", "joined_date", "region_country_ids", "lang_ids")
    + ("work_hour_from", "work_hour_to")
)


def utc_hours(tz_name, hour_from, hour_to, day=None):
    """The set of UTC hours (0-23) covered by a local working window."""
    try:
        tz = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        tz = pytz.utc
    day = day or datetime.now(pytz.utc).date()
    start = tz.localize(datetime.combine(day, time(int(hour_from) % 24)))
    span = int(round((hour_to - hour_from) % 24)) or 24
    return frozenset((start + timedelta(hours=h)).astimezone(pytz.utc).hour for h in range(span))


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    joined_date = fields.Date(
        string="In the team since",
        default=fields.Date.context_today,
        help="Start of the tenure that decides the salesperson's tier.",
    )
    tier_override_id = fields.Many2one(
        "crossborder.sales.tier",
        string="Tier set by manager",
        help="Overrides the tier that tenure gives.",
    )
    tier_id = fields.Many2one(
        "crossborder.sales.tier",
        compute="_compute_tier_id",
        help="From tenure in the team unless a manager set it.",
    )
    tenure_months = fields.Integer(compute="_compute_tier_id")
    region_country_ids = fields.Many2many(
        "res.country",
        string="Covers countries",
        help="Countries this salesperson may receive leads from. Empty: all the pool's countries.",
    )
    lang_ids = fields.Many2many(
        "res.lang",
        string="Speaks",
        context={"active_test": False},
        help="Rotation prefers salespeople who speak the customer's language.",
    )
    work_hour_from = fields.Float(string="Works from", default=9.0)
    work_hour_to = fields.Float(string="Works until", default=18.0)
    pool_claimed_at = fields.Datetime(
        readonly=True,
        copy=False,
        help="Technical: the row that claims and rotations lock; time of the last one.",
    )
    pool_held_count = fields.Integer(string="Private leads held", compute="_compute_pool_gauge")
    pool_private_cap = fields.Integer(string="Private cap", compute="_compute_pool_gauge")
    pool_claim_count = fields.Integer(string="Claimed this period", compute="_compute_pool_gauge")
    pool_claim_cap = fields.Integer(string="Claim cap", compute="_compute_pool_gauge")
    pool_cap_display = fields.Char(string="Private leads", compute="_compute_pool_gauge")
    pool_claim_display = fields.Char(string="Claims", compute="_compute_pool_gauge")
    pool_cap_ratio = fields.Float(string="Cap used (%)", compute="_compute_pool_gauge")
    pool_cap_explained = fields.Char(
        string="Why this cap",
        compute="_compute_pool_gauge",
        help="Where the tier lets the cap follow results: how conversion and follow-up moved "
        "it. Shown to the salesperson and to managers; colleagues see the cap only.",
    )

    def write(self, vals):
        if (
            vals
            and POOL_MEMBER_FIELDS.issuperset(vals)
            and not self.env.su
            and not self.env.user.has_group("sales_team.group_sale_manager")
            and self.env.user.has_group("crossborder_ops_crm.group_pool_manager")
        ):
            self._check_pool_manager_may_set(vals)
            # sudo: a pool manager sets the pool's settings of the salespeople (their
            # tier, tenure, countries, languages, hours): only these fields, of
            # colleagues in her companies' teams, checked above and just now
            return super(CrmTeamMember, self.sudo()).write(vals)
        return super().write(vals)

    def _check_pool_manager_may_set(self, vals):
        """A pool manager sets a colleague's pool settings in the teams of her
        companies: not her own (the best tier, a tenure of decades, every hour
        of rotation), nor another company's salespeople (outside audit 67); she
        picks his countries and languages among those there are, and does not
        create, rename or delete any (written as root: outside audit 68)."""
        user = self.env.user
        picked = (Command.LINK, Command.UNLINK, Command.CLEAR, Command.SET)
        if any(
            isinstance(command, list | tuple) and command[:1] and command[0] not in picked
            for name in ("region_country_ids", "lang_ids")
            for command in vals.get(name) or ()
        ):
            raise AccessError(
                self.env._(
                    "A pool manager picks the countries and languages a salesperson covers "
                    "among those there are: she does not create, change or delete them."
                )
            )
        if self.filtered(lambda member: member.user_id == user):
            raise AccessError(
                self.env._(
                    "Your own tier, tenure, countries, languages and hours in the pool are "
                    "set by a sales manager or another pool manager."
                )
            )
        foreign = self._cbo_of_other_companies(user)
        if foreign:
            raise AccessError(
                self.env._(
                    "%(user)s sells for %(company)s: a pool manager sets the pool "
                    "settings of the salespeople of her companies.",
                    user=foreign[0].user_id.name,
                    company=foreign[0]._cbo_company_name(user),
                )
            )

    def _cbo_of_other_companies(self, user):
        """Those of these members in a team of a company ``user`` does not work
        in, or who work in one she does not (a team of no company: outside
        audits 68 and 69)."""
        # sudo: the teams' and salespeople's companies are read to check them
        return self.sudo().filtered(lambda member: member._cbo_other_companies(user))

    def _cbo_other_companies(self, user):
        """The companies of this member's team and salesperson ``user`` does
        not work in."""
        self.ensure_one()
        member = self.sudo()
        return (member.crm_team_id.company_id | member.user_id.company_ids) - user.company_ids

    def _cbo_company_name(self, user):
        """The first company of this member ``user`` does not work in (for messages)."""
        return self._cbo_other_companies(user)[:1].name

    @api.constrains("work_hour_from", "work_hour_to")
    def _check_work_hours(self):
        for member in self:
            for hour in (member.work_hour_from, member.work_hour_to):
                if not 0 <= hour <= 24:
                    raise ValidationError(self.env._("Working hours must be between 0 and 24."))

    @api.depends("joined_date", "tier_override_id")
    def _compute_tier_id(self):
        tiers = self.env["crossborder.sales.tier"].search([])
        today = fields.Date.context_today(self)
        for member in self:
            joined = member.joined_date or (member.create_date or fields.Datetime.now()).date()
            delta = relativedelta(today, joined)
            member.tenure_months = max(delta.years * 12 + delta.months, 0)
            member.tier_id = member.tier_override_id or tiers._tier_for_tenure(
                tiers, member.tenure_months
            )

    @api.depends_context("uid")
    def _compute_pool_gauge(self):
        stats = self._pool_caps()
        # colleagues see each other's counters and caps (the pool's fairness);
        # the sentence behind a cap names its holder's conversion and hoarding
        # index, his own figures (see _pool_reads_results_of)
        readable = self._pool_reads_results_of()
        colleagues = self._pool_colleagues()
        for member in self:
            # another company's salespeople are no colleagues of his pool
            stat = stats.get((member.user_id.id, member.crm_team_id.id), {})
            stat = stat if member in colleagues else {}
            member.pool_held_count = stat.get("held", 0)
            member.pool_private_cap = stat.get("private_cap", 0)
            member.pool_cap_explained = (
                member.user_id in readable and stat.get("cap_explained")
            ) or False
            member.pool_claim_count = stat.get("claimed", 0)
            member.pool_claim_cap = stat.get("claim_cap", 0)
            member.pool_cap_display = f"{member.pool_held_count} / {member.pool_private_cap}"
            template = {
                "day": self.env._("%(count)s of %(cap)s today"),
                "week": self.env._("%(count)s of %(cap)s this week"),
                "month": self.env._("%(count)s of %(cap)s this month"),
            }.get(stat.get("period"), self.env._("%(count)s of %(cap)s"))
            member.pool_claim_display = template % {
                "count": member.pool_claim_count,
                "cap": member.pool_claim_cap,
            }
            member.pool_cap_ratio = (
                100.0 * member.pool_held_count / member.pool_private_cap
                if member.pool_private_cap
                else 0.0
            )
            if member not in colleagues:
                member.pool_cap_display = member.pool_claim_display = False

    def _pool_colleagues(self):
        """The rows whose counters and caps the current user reads: of salespeople who
        work in one of his companies (a team without company is seen from every
        company of the group, its members' counters are not)."""
        if self.env.su:
            return self
        mine = self.env.user.company_ids
        # sudo: the salespeople's companies, to compare with the reader's, nothing else
        return self.filtered(lambda member: member.user_id.sudo().company_ids & mine)

    def _pool_reads_results_of(self):
        """The salespeople of these rows whose conversion and hoarding index the
        current user may read: his own, and everyone's for those who read every
        salesperson's leads and the hoarding report's every line (pool and
        sales managers, "all documents" salespeople)."""
        if self.env.su or self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            return self.user_id
        return self.user_id & self.env.user

    def _pool_caps(self, now=None):
        """Counters the caps are checked against, for these members, in one pass.

        Returns {(user_id, team_id): {member, tier, private_cap, claim_cap, period,
        held, claimed, is_new, room, taker}} where ``held`` counts the user's open
        private leads in the member's team, ``claimed`` the leads they claimed
        themselves (rotated leads are not claims) since the start of their tier's period, and
        ``taker`` is what the eligibility rule reads.
        """
        now = now or fields.Datetime.now()
        members = self.filtered("user_id").sudo()  # counters of colleagues too: numbers only
        if not members:
            return {}
        Tier = self.env["crossborder.sales.tier"]
        # sudo: the counts cover every lead and move of these salespeople, not
        # only those the reader's record rules show him (a colleague's private
        # leads, his claims); only the numbers are returned
        Lead, Event = self.env["crm.lead"].sudo(), self.env["crossborder.pool.event"].sudo()
        if self.env["crossborder.lead.pool"]._customer_pool_ids():
            held = self._pool_unit_counts(members.user_id.ids)
        else:
            held = {
                (user.id, team.id): count
                for user, team, count in Lead._read_group(
                    Domain("user_id", "in", members.user_id.ids) & self._pool_counted_domain(),
                    ["user_id", "team_id"],
                    ["__count"],
                )
            }
        earliest = min(Tier._period_start(period, now) for period in ("day", "week", "month"))
        claims = Event._read_group(
            [
                ("to_user_id", "in", members.user_id.ids),
                # rotated leads are not claims; a lead a colleague passed on is
                ("kind", "in", ("claim", "pass")),
                ("date", ">=", earliest),
                # pools working per customer: a customer counts once per move
                ("with_customer", "=", False),
            ],
            ["to_user_id", "date:day"],
            ["__count"],
        )
        results = members._pool_results(now)
        result = {}
        for member in members:
            tier = member.tier_id
            private_cap, explained = tier.private_cap, False
            key = (member.user_id.id, member.crm_team_id.id)
            if tier.cap_follows_results:
                private_cap, explained = self._pool_results_cap(
                    tier, *results.get(key, (None, None))
                )
            period_start = Tier._period_start(tier.claim_period or "week", now)
            claimed = sum(
                count
                for user, day, count in claims
                if user == member.user_id and fields.Datetime.to_datetime(day) >= period_start
            )
            held_count = held.get((member.user_id.id, member.crm_team_id.id), 0)
            taker = Taker(
                member.user_id.id,
                member=True,
                private_cap=private_cap,
                held=held_count,
                claim_cap=tier.claim_cap,
                claimed=claimed,
                is_new=tier.is_new_tier,
                country_ids=frozenset(member.region_country_ids.ids) or None,
            )
            result[(member.user_id.id, member.crm_team_id.id)] = {
                "member": member,
                "tier": tier,
                "private_cap": private_cap,
                "cap_explained": explained,
                "claim_cap": tier.claim_cap,
                "period": tier.claim_period,
                "held": held_count,
                "claimed": claimed,
                "is_new": tier.is_new_tier,
                "room": max(min(private_cap - held_count, tier.claim_cap - claimed), 0),
                "taker": taker,
            }
        return result

    @api.model
    def _pool_counted_domain(self):
        """The leads a private cap counts, each with its salesperson in its team,
        in a pool or not (``_pool_unit_counts`` counts the same ones): every path
        that gives a salesperson a lead checks this set."""
        return Domain(
            [
                ("active", "=", True),
                ("won_status", "=", "pending"),
                ("pool_escalated", "=", False),
                ("pool_key_account", "=", False),  # counted apart
            ]
        )

    def _pool_caps_bind(self):
        """Those of these memberships whose caps bind: in a team a pool works
        for (every team, when a pool works without one). Elsewhere Odoo's own
        rules alone apply. Read from the pools' cached rules: no query."""
        rules = self.env["crossborder.lead.pool"]._pool_rules_by_company().values()
        teams = {rule.team_id for company_rules in rules for rule in company_rules}
        if None in teams:
            return self
        return self.filtered(lambda member: member.crm_team_id.id in teams)

    @api.model
    def _pool_unit_counts(self, user_ids):
        """{(user_id, team_id): units held}: what the private cap counts when some
        pool works per customer. A customer of such a pool counts once however
        many of his open leads one holds there; every other open lead counts
        alone (as the plain count of leads does)."""
        self.env["crm.lead"].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.user_id, l.team_id,
                       count(DISTINCT CASE WHEN cp.id IS NOT NULL AND p.id IS NOT NULL
                                           THEN -p.commercial_partner_id ELSE l.id END)
                  FROM crm_lead l
             LEFT JOIN res_partner p ON p.id = l.partner_id
             LEFT JOIN crossborder_lead_pool cp
                    ON cp.id = l.pool_id AND cp.ownership_mode = 'customer'
                 WHERE l.user_id = ANY(%s) AND l.active AND l.won_status = 'pending'
                   AND NOT coalesce(l.pool_escalated, false)
                   AND NOT coalesce(l.pool_key_account, false)
              GROUP BY l.user_id, l.team_id
                """,
                list(user_ids),
            )
        )
        return {(user, team): count for user, team, count in rows}

    def _pool_results(self, now, every_member=False):
        """{(user_id, team_id): (conversion %, hoarding %)} of the members whose tier
        lets the cap follow results (``every_member``: of all of them, for a
        rotation that prefers results): won among won and lost over the last 90
        days, and the share of held leads without follow-up within half their
        pool's follow-up clock. None where there is nothing to measure."""
        members = self if every_member else self.filtered("tier_id.cap_follows_results")
        if not members:
            return {}
        self.env["crm.lead"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.user_id, l.team_id,
                       count(*) FILTER (WHERE l.won_status = 'won' AND l.date_closed >= %(since)s),
                       count(*) FILTER (WHERE l.won_status IN ('won', 'lost')
                                          AND l.date_closed >= %(since)s),
                       count(*) FILTER (WHERE l.won_status = 'pending' AND l.active),
                       count(*) FILTER (
                           WHERE l.won_status = 'pending' AND l.active
                             AND coalesce(l.last_progress_date, l.date_open, l.create_date)
                                 < %(now)s - make_interval(
                                     days => greatest(coalesce(p.followup_days, 14) / 2, 1)))
                  FROM crm_lead l
             LEFT JOIN crossborder_lead_pool p ON p.id = l.pool_id
                 WHERE l.user_id = ANY(%(users)s) AND l.team_id = ANY(%(teams)s)
              GROUP BY l.user_id, l.team_id
                """,
                since=now - timedelta(days=90),
                now=now,
                users=members.user_id.ids,
                teams=members.crm_team_id.ids,
            )
        )
        return {
            (user, team): (
                100.0 * won / closed if closed else None,
                100.0 * idle / held if held else None,
            )
            for user, team, won, closed, held, idle in rows
        }

    @api.model
    def _pool_results_cap(self, tier, conversion, hoarding):
        """(cap, the sentence that explains it)."""
        from ..planners.caps import results_cap

        cap, bonus, penalty = results_cap(tier._cap_rule(), conversion, hoarding)
        parts = [self.env._("%(base)s base", base=tier.private_cap)]
        if bonus:
            parts.append(
                self.env._(
                    "%(sign)s %(count)s for your %(rate)s %% conversion",
                    sign="+" if bonus > 0 else "−",
                    count=abs(bonus),
                    rate=f"{conversion:.0f}",
                )
            )
        if penalty:
            parts.append(
                self.env._(
                    "− %(count)s for %(rate)s %% of your leads without recent follow-up",
                    count=penalty,
                    rate=f"{hoarding:.0f}",
                )
            )
        if cap != tier.private_cap + bonus - penalty:
            parts.append(self.env._("within %(low)s–%(high)s", low=tier.cap_min, high=tier.cap_max))
        return cap, f"{cap} = " + " ".join([parts[0]] + [p for p in parts[1:]])

    def _get_assignment_quota(self, force_quota=False):
        """Odoo's own assignment (*Assign leads*, its scheduled action) gives a
        salesperson no more leads than his private cap has room for, where it
        binds: the leads it hands out count against the cap like any other."""
        quota = super()._get_assignment_quota(force_quota=force_quota)
        if not self._pool_caps_bind():
            return quota
        # the gauge, computed for every member the assignment asks about at once
        return min(quota, max(self.pool_private_cap - self.pool_held_count, 0))

    def _pool_lock(self):
        """Serialize claims and rotations of the same salespeople: the counters
        they check (held leads, claims this period) belong to these rows.
        Updating them makes a concurrent transaction that checked the same
        counters fail to serialize, and Odoo retries it with fresh numbers.
        Rows are taken in id order, so two rotations never deadlock."""
        if self:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE crm_team_member SET pool_claimed_at = %s
                     WHERE id IN (SELECT id FROM crm_team_member WHERE id IN %s
                                  ORDER BY id FOR UPDATE)
                    """,
                    fields.Datetime.now(),
                    tuple(self.ids),
                ),
                log_exceptions=False,  # a conflict here is expected: retried or postponed
            )

    def _utc_hours(self):
        self.ensure_one()
        return utc_hours(self.user_id.tz, self.work_hour_from, self.work_hour_to)
