# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class CrossborderSalesTier(models.Model):
    """Seniority tier of a salesperson: how many customers they may hold and claim.

    The seed: "set an upper limit on the number of private customers of old
    salesmen" and "the upper limit for new and old salesmen to receive high seas
    customers".
    """

    _name = "crossborder.sales.tier"
    _description = "Salesperson seniority tier"
    _order = "min_tenure_months, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    min_tenure_months = fields.Integer(
        string="From tenure (months)",
        default=0,
        help="Salespeople whose tenure in their sales team reaches this many months get "
        "this tier, unless a manager sets their tier by hand. The tier with the "
        "highest threshold reached wins.",
    )
    private_cap = fields.Integer(
        default=30,
        help="How many open private leads a salesperson of this tier may hold in a team.",
    )
    cap_follows_results = fields.Boolean(
        string="Cap follows results",
        help="The private cap grows with the salesperson's conversion over the last 90 "
        "days and shrinks with his hoarding index (share of his leads without recent "
        "follow-up), within the bounds below.",
    )
    cap_min = fields.Integer(string="Cap at least", default=5)
    cap_max = fields.Integer(string="Cap at most", default=60)
    cap_step = fields.Integer(
        string="Leads per 10 points",
        default=2,
        help="How many leads the cap moves per 10 points of conversion above (or below) "
        "the reference, and per 10 points of hoarding above its tolerance.",
    )
    cap_reference_conversion = fields.Float(
        string="Reference conversion (%)",
        default=20.0,
        help="Conversion (won among won and lost, last 90 days) at which the base cap applies.",
    )
    cap_reference_hoarding = fields.Float(
        string="Hoarding tolerated (%)",
        default=50.0,
        help="Share of held leads without recent follow-up above which the cap shrinks.",
    )
    protected_quota = fields.Integer(
        string="Key accounts",
        default=0,
        help="How many of his leads a salesperson of this tier may mark as key accounts: "
        "never recycled, never given back, and counted apart from the private cap.",
    )
    claim_cap = fields.Integer(
        default=10,
        help="How many leads a salesperson of this tier may take from the pool per period "
        "(claims and rotation together).",
    )
    claim_period = fields.Selection(
        [("day", "Per day"), ("week", "Per week"), ("month", "Per month")],
        default="week",
        required=True,
    )
    receives_rotation = fields.Boolean(
        string="Receives rotated leads",
        default=True,
        help="Rotation hands pool leads to salespeople of the tiers that have this box "
        "ticked; out of the box, only the tier of new salespeople has it.",
    )
    is_new_tier = fields.Boolean(
        string="New salespeople",
        help="Leads that come back from recycling are reserved to this tier for the "
        "pool's reservation window.",
    )

    _name_uniq = models.Constraint("unique(name)", "A tier with this name already exists.")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_pool_manager_may_change()
        return super().create(vals_list)

    def write(self, vals):
        self._check_pool_manager_may_change()
        return super().write(vals)

    def unlink(self):
        self._check_pool_manager_may_change()
        return super().unlink()

    def _check_pool_manager_may_change(self):
        """The tiers set the caps of every salesperson, in every company: a pool
        manager (not a sales manager) changes them when none of those
        salespeople is herself (her own cap) or of a company she does not work
        in (outside audit 67)."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("sales_team.group_sale_manager")
            or not user.has_group("crossborder_ops_crm.group_pool_manager")
        ):
            return
        # sudo: who the tiers apply to, read to check them
        members = self.env["crm.team.member"].sudo().search([])
        if members.filtered(lambda member: member.user_id == user):
            raise AccessError(
                self.env._(
                    "You are a salesperson of the pool: the tiers that set your own caps "
                    "are changed by a sales manager."
                )
            )
        foreign = members._cbo_of_other_companies(user)
        if foreign:
            raise AccessError(
                self.env._(
                    "The tiers set the caps of the salespeople of %(company)s too: they are "
                    "changed by a sales manager, or a pool manager of all their companies.",
                    company=foreign[0]._cbo_company_name(user),
                )
            )

    @api.constrains("cap_follows_results", "cap_min", "cap_max", "cap_step", "private_cap")
    def _check_results_cap(self):
        for tier in self.filtered("cap_follows_results"):
            if not 0 <= tier.cap_min <= tier.private_cap <= tier.cap_max or tier.cap_step < 0:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s: the cap that follows results needs 0 ≤ at least ≤ "
                        "private cap ≤ at most, and a step of 0 or more leads.",
                        tier=tier.name,
                    )
                )

    def _cap_rule(self):
        from ..planners.caps import CapRule

        self.ensure_one()
        return CapRule(
            self.private_cap,
            self.cap_min,
            self.cap_max,
            self.cap_step,
            self.cap_reference_conversion,
            self.cap_reference_hoarding,
        )

    @api.constrains(
        "private_cap",
        "claim_cap",
        "min_tenure_months",
        "protected_quota",
        "cap_min",
        "cap_max",
        "cap_step",
        "cap_reference_conversion",
        "cap_reference_hoarding",
    )
    def _check_caps(self):
        # every count of leads of a tier within one range: a cap that follows
        # results, a step or a key-account quota beyond it broke the cap's
        # computation and the pool's pages (outside audit 66)
        for tier in self:
            leads = (
                tier.private_cap,
                tier.claim_cap,
                tier.protected_quota,
                tier.cap_min,
                tier.cap_max,
                tier.cap_step,
            )
            if min(leads) < 0 or tier.min_tenure_months < 0:
                raise ValidationError(
                    self.env._("Tier %(tier)s: caps and tenure cannot be negative.", tier=tier.name)
                )
            if max(leads) > 100000 or tier.min_tenure_months > 600:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s: caps, steps and key accounts go up to 100,000 leads and "
                        "tenure up to 600 months.",
                        tier=tier.name,
                    )
                )
            references = (tier.cap_reference_conversion, tier.cap_reference_hoarding)
            if not all(0 <= reference <= 100 for reference in references):
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s: the reference conversion and the hoarding tolerated are "
                        "percentages between 0 and 100.",
                        tier=tier.name,
                    )
                )
            if not tier.private_cap or not tier.claim_cap:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s needs both a private cap and a claim cap above zero: "
                        "without caps the pool cannot share customers fairly.",
                        tier=tier.name,
                    )
                )

    @api.model
    def _period_start(self, period, now):
        """UTC start of the current claim period (day, week from Monday, month)."""
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        if period == "week":
            start -= timedelta(days=start.weekday())
        elif period == "month":
            start = start.replace(day=1)
        return start

    @api.model
    def _tier_for_tenure(self, tiers, months):
        """The tier with the highest threshold that ``months`` of tenure reach."""
        eligible = [t for t in tiers if t.min_tenure_months <= months]
        return max(eligible, key=lambda t: (t.min_tenure_months, -t.id)) if eligible else tiers[:1]
