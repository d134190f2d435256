# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrossborderRotationPreview(models.TransientModel):
    """Dry run: what the next rotation would do, and which rule decided each line."""

    _name = "crossborder.rotation.preview"
    _description = "Rotation preview"

    pool_id = fields.Many2one("crossborder.lead.pool", required=True, readonly=True)
    line_ids = fields.One2many("crossborder.rotation.preview.line", "preview_id", readonly=True)
    assigned_count = fields.Integer(readonly=True)
    skipped_count = fields.Integer(readonly=True)

    def _fill_lines(self):
        self.ensure_one()
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
            }
        )
        # the preview locked the rows it read: release them at once
        return plan


class CrossborderRotationPreviewLine(models.TransientModel):
    _name = "crossborder.rotation.preview.line"
    _description = "Rotation preview line"

    preview_id = fields.Many2one("crossborder.rotation.preview", ondelete="cascade")
    lead_id = fields.Many2one("crm.lead", readonly=True)
    country_id = fields.Many2one(related="lead_id.country_id")
    user_id = fields.Many2one("res.users", string="Would go to", readonly=True)
    rule = fields.Char(string="Decided by", readonly=True)
