# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError


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
    seed = fields.Char(
        readonly=True,
        help="Technical: key of the preview's random hold-back draw; rotating as previewed "
        "draws with the same key.",
    )

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
        seed = secrets.randbits(62)
        plan = self.pool_id._rotate_batch(dry_run=True, seed=seed)
        Event = self.env["crossborder.pool.event"]
        kept = Event._rule_code("hold_back", percent=f"{self.pool_id.holdback_percent:g}")
        lines = (
            [
                {"lead_id": lead, "user_id": user, "rule": rule}
                for lead, user, rule in plan.assignments
            ]
            + [{"lead_id": lead, "user_id": False, "rule": kept} for lead in plan.held_back]
            + [{"lead_id": lead, "user_id": False, "rule": reason} for lead, reason in plan.skipped]
        )
        self.write(
            {
                "line_ids": [(0, 0, line) for line in lines],
                "assigned_count": len(plan.assignments),
                "skipped_count": len(plan.skipped) + len(plan.held_back),
                "waiting_count": plan.waiting,
                "busy_count": plan.busy,
                "seed": str(seed),
            }
        )
        return plan

    def action_rotate_as_previewed(self):
        """Rotate the pool now, exactly as this preview shows (the same leads to
        the same salespeople, the same leads kept back), or refuse in plain
        words when the pool changed since: nothing is then moved."""
        self.ensure_one()
        pool = self.pool_id
        pool._check_pool_manager()
        expected = {line.lead_id.id: line.user_id.id for line in self.line_ids if line.user_id}
        run = pool.sudo()._rotate_batch(seed=int(self.seed))  # sudo: checked above
        done = {
            event.lead_id.id: event.to_user_id.id
            for event in run.event_ids
            if event.kind == "rotation"
        }
        if done != expected:
            # raising rolls the whole run back: nothing moved, nobody told
            raise UserError(
                self.env._(
                    "The pool %(pool)s changed since this preview (a lead was claimed, "
                    "released or came back, or a salesperson's counters moved): nothing was "
                    "rotated. Preview the rotation again.",
                    pool=pool.name,
                )
            )
        return run.with_env(self.env).action_open()


class CrossborderRotationPreviewLine(models.TransientModel):
    _name = "crossborder.rotation.preview.line"
    _description = "Rotation preview line"

    preview_id = fields.Many2one("crossborder.rotation.preview", ondelete="cascade")
    lead_id = fields.Many2one("crm.lead", readonly=True)
    country_id = fields.Many2one(related="lead_id.country_id")
    user_id = fields.Many2one("res.users", string="Would go to", readonly=True)
    rule = fields.Char(readonly=True, help="Technical: the rule as code and values.")
    rule_text = fields.Char(string="Decided by", compute="_compute_rule_text")

    @api.depends("rule")
    def _compute_rule_text(self):
        Event = self.env["crossborder.pool.event"]
        for line in self:
            line.rule_text = Event._rule_sentence(line.rule)
