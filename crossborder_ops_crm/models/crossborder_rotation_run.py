# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import format_datetime

from ..planners.holdback import draw


class CrossborderRotationRun(models.Model):
    """One run of the rotation for one pool, with its fairness figures."""

    _name = "crossborder.rotation.run"
    _description = "Rotation run"
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name")
    date = fields.Datetime(default=fields.Datetime.now, readonly=True, index=True)
    pool_id = fields.Many2one("crossborder.lead.pool", required=True, readonly=True, index=True)
    company_id = fields.Many2one(related="pool_id.company_id", store=True)
    assigned_count = fields.Integer(string="Assigned", readonly=True, aggregator="sum")
    skipped_count = fields.Integer(string="Left in pool", readonly=True, aggregator="sum")
    busy_count = fields.Integer(
        string="Busy",
        readonly=True,
        help="Waiting leads another transaction held while the run read the pool (Odoo's "
        "lead enrichment, a claim in progress): retried at the next run.",
    )
    remaining_count = fields.Integer(
        string="Waiting after run",
        readonly=True,
        aggregator=None,  # a level after each run: runs grouped do not add up
        help="Pool leads still waiting for a rotation after this run (leads kept back at "
        "random wait out their days and are not counted).",
    )
    recipient_count = fields.Integer(string="Salespeople served", readonly=True)
    min_per_person = fields.Integer(string="Fewest to one person", readonly=True, aggregator="min")
    max_per_person = fields.Integer(string="Most to one person", readonly=True, aggregator="max")
    spread = fields.Integer(
        readonly=True,
        aggregator="max",
        help="Most minus fewest leads given to one salesperson in this run: 0 or 1 "
        "means a fair run.",
    )
    fairness = fields.Selection(
        [("even", "Even"), ("uneven", "Uneven")],
        compute="_compute_fairness",
        help="Even: nobody received more than one lead more than another (spread 0 or "
        "1). Uneven, shown in red: someone received two or more leads more than a "
        "colleague, e.g. because the others were at their cap or did not cover the "
        "leads' countries.",
    )
    held_back_count = fields.Integer(
        string="Kept back",
        readonly=True,
        aggregator="sum",
        help="Leads this run would have handed out and kept in the pool, drawn at random.",
    )
    holdback_percent = fields.Float(
        string="Kept back (%)",
        readonly=True,
        digits=(5, 1),
        aggregator=None,  # the pool's setting at the run: runs grouped do not add up
    )
    holdback_seed = fields.Char(
        string="Draw seed",
        readonly=True,
        help="Key of the random draw: with it anyone can redo the draw and check which "
        "leads were kept back.",
    )
    holdback_checked = fields.Boolean(
        string="Draw checks out",
        compute="_compute_holdback_checked",
        help="The draw redone from the seed keeps back exactly the leads this run kept back "
        "and none of those it handed out.",
    )
    duration = fields.Float(string="Seconds", readonly=True, digits=(16, 3))
    event_ids = fields.One2many("crossborder.pool.event", "run_id", readonly=True)

    @api.depends("holdback_seed", "holdback_percent", "event_ids")
    def _compute_holdback_checked(self):
        for run in self:
            if not run.holdback_seed:
                run.holdback_checked = False
                continue
            share = run.holdback_percent / 100.0
            events = run.sudo().event_ids.filtered(lambda e: e.kind in ("rotation", "hold_back"))
            # drawn for the lead as it was then (since merged into another, or deleted)
            run.holdback_checked = all(
                (draw(run.holdback_seed, event._recorded_lead_number()) < share)
                == (event.kind == "hold_back")
                for event in events
            )

    @api.depends("spread")
    def _compute_fairness(self):
        for run in self:
            run.fairness = "uneven" if run.spread > 1 else "even"

    def _compute_name(self):
        for run in self:
            # the date in the reader's time zone and format
            when = format_datetime(self.env, run.date, dt_format="short") if run.date else ""
            run.name = f"{run.pool_id.name} · {when}"

    def action_open(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crossborder_ops_crm.crossborder_rotation_run_action"
        )
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action
