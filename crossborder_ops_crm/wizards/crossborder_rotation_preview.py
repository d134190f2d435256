# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrossborderRotationPreview(models.TransientModel):
    """Dry run: what the next rotation would do, and which rule decided each line."""

    _name = "crossborder.rotation.preview"
    _description = "Rotation preview"

    pool_id = fields.Many2one("crossborder.lead.pool", required=True, readonly=True)
    line_ids = fields.One2many("crossborder.rotation.preview.line", "preview_id", readonly=True)
    assigned_count = fields.Integer(string="Would be assigned", readonly=True)
    skipped_count = fields.Integer(string="Would stay in the pool", readonly=True)
    waiting_count = fields.Integer(string="Waiting", readonly=True)
    busy_count = fields.Integer(
        string="Busy",
        readonly=True,
        help="Waiting leads another operation holds right now (Odoo's lead enrichment, a "
        "claim in progress): the next run retries them.",
    )
    summary = fields.Char(compute="_compute_summary")

    def _compute_summary(self):
        for preview in self:
            preview.summary = self.env._(
                "%(waiting)s waiting, %(assigned)s would be assigned, %(left)s left in the pool, "
                "%(busy)s busy: retried at the next run.",
                waiting=preview.waiting_count,
                assigned=preview.assigned_count,
                left=preview.skipped_count,
                busy=preview.busy_count,
            )
            if preview.pool_id.holdback_percent and preview.assigned_count:
                preview.summary += " " + self.env._(
                    "The run keeps about %(percent)s %% of the leads to hand out in the pool, "
                    "drawn at random, to measure what rotation brings.",
                    percent=f"{preview.pool_id.holdback_percent:g}",
                )

    def _fill_lines(self):
        self.ensure_one()
        self.pool_id._check_pool_manager()
        plan = self.pool_id._rotate_batch(dry_run=True)
        lines = [
            {"lead_id": lead, "user_id": user, "rule": rule}
            for lead, user, rule in plan.assignments
        ] + [{"lead_id": lead, "user_id": False, "rule": reason} for lead, reason in plan.skipped]
        self.write(
            {
                "line_ids": [(0, 0, line) for line in lines],
                "assigned_count": len(plan.assignments),
                "skipped_count": len(plan.skipped),
                "waiting_count": plan.waiting,
                "busy_count": plan.busy,
            }
        )
        return plan


class CrossborderRotationPreviewLine(models.TransientModel):
    _name = "crossborder.rotation.preview.line"
    _description = "Rotation preview line"

    preview_id = fields.Many2one("crossborder.rotation.preview", ondelete="cascade")
    lead_id = fields.Many2one("crm.lead", readonly=True)
    country_id = fields.Many2one(related="lead_id.country_id")
    user_id = fields.Many2one("res.users", string="Would go to", readonly=True)
    rule = fields.Char(string="Decided by", readonly=True)
