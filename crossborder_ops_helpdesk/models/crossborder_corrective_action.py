# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..monitor.effectiveness import verdict


class CrossborderCorrectiveAction(models.Model):
    """What a department changes so that a problem stops recurring, and whether
    it worked (recurrence rate before and after)."""

    _name = "crossborder.corrective.action"
    _description = "Corrective action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, due_date, id"

    name = fields.Char(required=True, tracking=True)
    department_id = fields.Many2one("hr.department", required=True, tracking=True, index=True)
    owner_id = fields.Many2one("res.users", tracking=True, default=lambda self: self.env.user)
    due_date = fields.Date(tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("verified", "Verified")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    description = fields.Html()
    root_cause_id = fields.Many2one("crossborder.root.cause", tracking=True)
    product_id = fields.Many2one("product.product")
    country_id = fields.Many2one("res.country")
    recurrence_id = fields.Many2one("crossborder.recurrence", index="btree_not_null")
    feedback_id = fields.Many2one("crossborder.feedback", index="btree_not_null")
    done_date = fields.Date(readonly=True, copy=False)
    rate_before = fields.Float(string="Weekly rate before", readonly=True, copy=False)
    rate_after = fields.Float(string="Weekly rate after", readonly=True, copy=False)
    effectiveness = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not effective")],
        readonly=True,
        copy=False,
        tracking=True,
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    def action_done(self):
        self.write({"state": "done", "done_date": fields.Date.context_today(self)})

    def action_verify(self, today=None):
        """Compare the weekly rate of the cause over the same window before and
        after the action was done; needs the whole window after to have passed."""
        settings = self.env["res.config.settings"]
        days = settings._cbo_param("effect_window_days")
        min_drop = settings._cbo_param("effect_min_drop")
        today = today or fields.Date.context_today(self)
        for action in self:
            if action.state != "done" or not action.done_date:
                raise UserError(self.env._("Mark the action done before verifying it."))
            if not action.root_cause_id:
                raise UserError(self.env._("Give the action the cause it fights to measure it."))
            if (today - action.done_date).days < days:
                raise UserError(
                    self.env._(
                        "Wait until %(date)s: the effect is measured over %(days)s days after the"
                        " action.",
                        date=fields.Date.to_string(action.done_date + timedelta(days=days)),
                        days=days,
                    )
                )
            before, after = action._count_before_after(days)
            result, rate_before, rate_after = verdict(before, after, days, min_drop)
            action.write(
                {
                    "state": "verified",
                    "effectiveness": result,
                    "rate_before": rate_before,
                    "rate_after": rate_after,
                }
            )
            if action.recurrence_id and result == "effective":
                action.recurrence_id.action_close()
        return True

    def _count_before_after(self, days):
        self.ensure_one()
        done = fields.Datetime.to_datetime(self.done_date)
        domain = [("root_cause_id", "child_of", self.root_cause_id.id)]
        if self.product_id:
            domain.append(("product_id", "=", self.product_id.id))
        if self.country_id:
            domain.append(("buyer_country_id", "=", self.country_id.id))
        Ticket = self.env["helpdesk.ticket"].sudo()  # counts over every team
        window_before = [
            ("create_date", ">=", done - timedelta(days=days)),
            ("create_date", "<", done),
        ]
        window_after = [
            ("create_date", ">=", done),
            ("create_date", "<", done + timedelta(days=days)),
        ]
        before = Ticket.search_count(domain + window_before)
        after = Ticket.search_count(domain + window_after)
        return before, after

    @api.model
    def _cron_verify_due(self, batch_size=100):
        days = self.env["res.config.settings"]._cbo_param("effect_window_days")
        limit = fields.Date.context_today(self) - timedelta(days=days)
        domain = [
            ("state", "=", "done"),
            ("done_date", "<=", limit),
            ("root_cause_id", "!=", False),
        ]
        actions = self.search(domain, limit=batch_size)
        actions.action_verify()
        self.env["ir.cron"]._commit_progress(len(actions), remaining=self.search_count(domain))
