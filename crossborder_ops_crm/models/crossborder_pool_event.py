# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

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
    lead_id = fields.Many2one(
        "crm.lead", required=True, readonly=True, ondelete="cascade", index=True
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
    rule = fields.Char(readonly=True, help="The rule that fired, in words.")
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
        help="Pools working per customer: the customer whose leads moved together.",
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

    @api.depends("lead_id")
    def _compute_company_id(self):
        for event in self:
            event.company_id = event.lead_id.company_id

    def _search_company_id(self, operator, value):
        return [("lead_id.company_id", operator, value)]
