# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

PARAM = "crossborder_ops.%s"
DEFAULTS = {
    "trial_min_days": 14,
    "trial_max_days": 30,
    "trial_default_days": 21,
    "trial_reminder_days": 3,
    "test_deadline_hours": 48,
    # measured expected results (issue 16): refreshed when older than this
    "trial_measure_hours": 1,
    # skill tests judged by outcomes (issue 16): below this sample, "too few"
    "outcome_min_sample": 10,
    # ... and the points of success that make a criterion "predict"
    "outcome_min_gap": 20,
    "pass_mark": 70,
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    module_crossborder_ops_helpdesk = fields.Boolean(
        string="Customer service as the monitor",
        help="Classify customer problems to the link and department that caused "
        "them, and send each department a regular feedback digest.",
    )
    module_crossborder_ops_crm = fields.Boolean(
        string="High-seas customer pool",
        help="Share B2B customers between salespeople through a public pool "
        "with private caps, claim caps, recycling and rotation.",
    )
    crossborder_trial_min_days = fields.Integer(
        string="Shortest trial (days)",
        config_parameter=PARAM % "trial_min_days",
        default=DEFAULTS["trial_min_days"],
        help="A trial period lasts two weeks to a month.",
    )
    crossborder_trial_max_days = fields.Integer(
        string="Longest trial (days)",
        config_parameter=PARAM % "trial_max_days",
        default=DEFAULTS["trial_max_days"],
    )
    crossborder_trial_default_days = fields.Integer(
        string="Default trial (days)",
        config_parameter=PARAM % "trial_default_days",
        default=DEFAULTS["trial_default_days"],
    )
    crossborder_trial_reminder_days = fields.Integer(
        string="Remind the manager (days before the end)",
        config_parameter=PARAM % "trial_reminder_days",
        default=DEFAULTS["trial_reminder_days"],
    )
    crossborder_test_deadline_hours = fields.Integer(
        string="Skill test deadline (hours)",
        config_parameter=PARAM % "test_deadline_hours",
        default=DEFAULTS["test_deadline_hours"],
        help="Default time an applicant has to submit a skill test once it is sent.",
    )
    crossborder_pass_mark = fields.Integer(
        string="Pass mark of new positions (%)",
        config_parameter=PARAM % "pass_mark",
        default=DEFAULTS["pass_mark"],
        help="Minimum final skill-test score a new position starts with; each position "
        "and test can change its own.",
    )
    crossborder_refuse_late_template_id = fields.Many2one(
        "mail.template",
        string="E-mail to late applicants",
        domain=[("model", "=", "hr.applicant")],
        config_parameter=PARAM % "refuse_late_template_id",
        help="Sent to applicants refused for missing the test deadline. Empty: no e-mail.",
    )

    @api.constrains(
        "crossborder_trial_min_days",
        "crossborder_trial_max_days",
        "crossborder_trial_default_days",
        "crossborder_trial_reminder_days",
        "crossborder_test_deadline_hours",
        "crossborder_pass_mark",
    )
    def _check_crossborder_hiring(self):
        """The hiring settings are checked together, before any is saved."""
        for settings in self:
            problems = settings._crossborder_hiring_problems()
            if problems:
                raise ValidationError(
                    self.env._("The hiring settings cannot be saved:")
                    + "\n- "
                    + "\n- ".join(problems)
                )

    def _crossborder_hiring_problems(self):
        self.ensure_one()
        _ = self.env._
        low, high = self.crossborder_trial_min_days, self.crossborder_trial_max_days
        default = self.crossborder_trial_default_days
        problems = []
        if low < 1:
            problems.append(_("The shortest trial must last at least one day."))
        if low > high:
            problems.append(
                _(
                    "The shortest trial (%(low)s days) is longer than the longest (%(high)s days).",
                    low=low,
                    high=high,
                )
            )
        elif not low <= default <= high:
            problems.append(
                _(
                    "The default trial (%(default)s days) must be between the shortest "
                    "(%(low)s) and the longest (%(high)s).",
                    default=default,
                    low=low,
                    high=high,
                )
            )
        if self.crossborder_trial_reminder_days < 0:
            problems.append(
                _("The reminder comes a number of days before the end of a trial: 0 or more.")
            )
        elif self.crossborder_trial_reminder_days >= max(high, 1):
            problems.append(
                _(
                    "A reminder %(days)s days before the end would come before the longest "
                    "trial (%(high)s days) even starts.",
                    days=self.crossborder_trial_reminder_days,
                    high=high,
                )
            )
        if not 0 <= self.crossborder_pass_mark <= 100:
            problems.append(_("The pass mark is a percentage between 0 and 100."))
        if self.crossborder_test_deadline_hours < 1:
            problems.append(_("Applicants get at least one hour to submit a skill test."))
        if low <= high:
            jobs = self.env["hr.job"].search_fetch(
                [("trial_days", "!=", 0), "|", ("trial_days", "<", low), ("trial_days", ">", high)],
                ["name", "trial_days"],
                limit=3,
            )
            problems.extend(
                _(
                    "The position %(job)s has a %(days)s-day trial, outside the new bounds: "
                    "change it first.",
                    job=job.name,
                    days=job.trial_days,
                )
                for job in jobs
            )
        return problems

    def set_values(self):
        # the page's numbers meet the check every path meets (ir.config_parameter),
        # all at once, and before an empty number silently resets a setting
        self.env["ir.config_parameter"]._cbo_check(
            {
                field.config_parameter: self[name]
                for name, field in self._fields.items()
                if field.type == "integer" and getattr(field, "config_parameter", None)
            }
        )
        return super().set_values()

    @api.model
    def _crossborder_param(self, key):
        try:
            return self.env["ir.config_parameter"]._cbo_int(PARAM % key, DEFAULTS[key])
        except ValueError:
            return DEFAULTS[key]

    @api.model
    def _crossborder_trial_bounds(self):
        return self._crossborder_param("trial_min_days"), self._crossborder_param("trial_max_days")

    @api.model
    def _crossborder_trial_default(self):
        return self._crossborder_param("trial_default_days")

    # --- trial end that acts (issue 16) ---
    crossborder_trial_end_mode = fields.Selection(
        [
            ("archive", "Archive the employee at once"),
            ("offboard", "Launch the offboarding plan"),
        ],
        string="When a trial ends",
        config_parameter=PARAM % "trial_end_mode",
        default="offboard",
        help="What 'End' does to the person besides recording the departure: archive "
        "him the same day, or give his manager the offboarding to-dos (take back tools, "
        "hand over the work) and archive him when they are done. Either way the "
        "position reopens with the runner-ups ranked.",
    )
    crossborder_trial_offboarding_plan_id = fields.Many2one(
        "mail.activity.plan",
        string="Offboarding plan",
        domain=[("res_model", "=", "hr.employee")],
        config_parameter=PARAM % "trial_offboarding_plan_id",
        help="The to-dos launched when a trial ends. Empty: Employees' own Offboarding plan.",
    )

    @api.model
    def _crossborder_trial_end_mode(self):
        # reading a setting, nothing else
        mode = self.env["ir.config_parameter"].sudo().get_param(PARAM % "trial_end_mode")
        return mode if mode in ("archive", "offboard") else "offboard"

    @api.model
    def _crossborder_trial_offboarding_plan(self):
        # reading a setting, nothing else
        value = (
            self.env["ir.config_parameter"].sudo().get_param(PARAM % "trial_offboarding_plan_id")
        )
        plan = self.env["mail.activity.plan"].sudo()
        if value and value.isdigit():
            plan = plan.browse(int(value)).exists()
        return plan or self.env.ref("hr.offboarding_plan", raise_if_not_found=False) or plan

    # --- end trial end that acts ---

    # --- skill tests judged by outcomes (issue 16) ---
    crossborder_outcome_min_sample = fields.Integer(
        string="Fewest hires to judge a criterion",
        config_parameter=PARAM % "outcome_min_sample",
        default=DEFAULTS["outcome_min_sample"],
        help="Below this many hires with a known outcome, the report says 'too few to tell'.",
    )
    crossborder_outcome_min_gap = fields.Integer(
        string="Points that make a criterion predict",
        config_parameter=PARAM % "outcome_min_gap",
        default=DEFAULTS["outcome_min_gap"],
        help="A criterion predicts when those who did well on it succeed this many "
        "percentage points more often than the others.",
    )
    # --- end skill tests judged by outcomes ---
