# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..monitor.effectiveness import verdict

# what the effect is measured on: fixed once the action is done, so that nobody
# (the department included) moves the measure to a cause that never occurs
MEASURED_SCOPE = frozenset(
    {"department_id", "root_cause_id", "product_id", "country_id", "recurrence_id", "company_id"}
)


class CrossborderCorrectiveAction(models.Model):
    """What a department changes so that a problem stops recurring, and whether
    it worked (recurrence rate before and after).

    The department (or the owner) does the action and says it is done; the
    effect is measured by the scheduled action or a helpdesk manager, never by
    the department itself: state, done date, rates and effectiveness are
    written by the system only."""

    _name = "crossborder.corrective.action"
    _description = "Corrective action"
    _inherit = ["mail.thread", "mail.activity.mixin", "crossborder.system.owned.mixin"]
    _order = "state, due_date, id"
    _check_company_auto = True
    _cbo_system_fields = frozenset(
        {"state", "done_date", "rate_before", "rate_after", "effectiveness"}
    )

    name = fields.Char(required=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department", required=True, tracking=True, index=True, check_company=True
    )
    owner_id = fields.Many2one(
        "res.users", tracking=True, default=lambda self: self.env.user, check_company=True
    )
    due_date = fields.Date(tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("verified", "Verified")],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Done: said by the department or the owner. Verified: measured by the "
        "scheduled action (or a helpdesk manager) once the effect window has passed.",
    )
    description = fields.Html()
    root_cause_id = fields.Many2one("crossborder.root.cause", tracking=True, check_company=True)
    product_id = fields.Many2one("product.product", check_company=True)
    country_id = fields.Many2one("res.country")
    recurrence_id = fields.Many2one(
        "crossborder.recurrence", index="btree_not_null", check_company=True
    )
    feedback_id = fields.Many2one(
        "crossborder.feedback", index="btree_not_null", check_company=True
    )
    done_date = fields.Date(readonly=True, copy=False)
    rate_before = fields.Float(string="Weekly rate before", readonly=True, copy=False)
    rate_after = fields.Float(string="Weekly rate after", readonly=True, copy=False)
    effectiveness = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not effective")],
        readonly=True,
        copy=False,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_fields([vals])
        scope = MEASURED_SCOPE.intersection(vals)
        if scope and not self._is_verifier():
            frozen = self.filtered(lambda a: a.state != "open")
            if frozen:
                raise AccessError(
                    self.env._(
                        "%(action)s is done: what its effect is measured on (%(fields)s) "
                        "no longer changes, except by a helpdesk manager.",
                        action=frozen[0].name,
                        fields=", ".join(
                            sorted(self._fields[f]._description_string(self.env) for f in scope)
                        ),
                    )
                )
        return super().write(vals)

    def _is_verifier(self):
        return self.env.su or self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager")

    def action_done(self):
        """The department (or the owner) says the action is done; the effect is
        measured later."""
        self.check_access("write")
        if self.filtered(lambda a: a.state != "open"):
            raise UserError(self.env._("Only open actions can be marked done."))
        # state and done date are the system's: written after the access check
        self.sudo().write({"state": "done", "done_date": fields.Date.context_today(self)})
        return True

    def action_verify(self):
        """Measure the effect now (a helpdesk manager; the scheduled action does it
        when the window has passed)."""
        if not self._is_verifier():
            raise AccessError(
                self.env._(
                    "The effect of a corrective action is measured by the scheduled action "
                    "or a helpdesk manager, not by the department that did it."
                )
            )
        self.check_access("read")
        # rates, verdict and state are the system's: written after the check above
        self.sudo()._verify(fields.Date.context_today(self))
        return True

    def _verify(self, today):
        """Compare the weekly rate of the cause over the same window before and
        after the action was done; needs the whole window after to have passed."""
        settings = self.env["res.config.settings"]
        days = settings._cbo_param("effect_window_days")
        min_drop = settings._cbo_param("effect_min_drop")
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
        domain = [
            ("root_cause_id", "child_of", self.root_cause_id.id),
            ("company_id", "=", self.company_id.id),
        ]
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
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "done"),
            ("done_date", "<=", today - timedelta(days=days)),
            ("root_cause_id", "!=", False),
        ]
        System = self.sudo()  # the scheduled action measures every company's actions
        actions = System.search(domain, limit=batch_size)
        actions._verify(today)
        self.env["ir.cron"]._commit_progress(len(actions), remaining=System.search_count(domain))
