# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


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
        string="Waiting after run", readonly=True, help="Pool leads still waiting after this run."
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
    duration = fields.Float(string="Seconds", readonly=True, digits=(16, 3))
    event_ids = fields.One2many("crossborder.pool.event", "run_id", readonly=True)

    def _compute_name(self):
        for run in self:
            run.name = f"{run.pool_id.name} · {fields.Datetime.to_string(run.date)}"

    def action_open(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crossborder_ops_crm.crossborder_rotation_run_action"
        )
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action
