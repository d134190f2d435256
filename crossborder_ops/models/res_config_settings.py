# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .ir_config_parameter import SETTINGS

PARAM = "crossborder_ops.%s"


def default(key):
    return SETTINGS[PARAM % key].default


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
        default=default("trial_min_days"),
        help="A trial period lasts two weeks to a month.",
    )
    crossborder_trial_max_days = fields.Integer(
        string="Longest trial (days)",
        config_parameter=PARAM % "trial_max_days",
        default=default("trial_max_days"),
    )
    crossborder_trial_default_days = fields.Integer(
        string="Default trial (days)",
        config_parameter=PARAM % "trial_default_days",
        default=default("trial_default_days"),
    )
    crossborder_trial_reminder_days = fields.Integer(
        string="Remind the manager (days before the end)",
        config_parameter=PARAM % "trial_reminder_days",
        default=default("trial_reminder_days"),
    )
    crossborder_test_deadline_hours = fields.Integer(
        string="Skill test deadline (hours)",
        config_parameter=PARAM % "test_deadline_hours",
        default=default("test_deadline_hours"),
        help="Default time an applicant has to submit a skill test once it is sent.",
    )
    crossborder_pass_mark = fields.Integer(
        string="Pass mark of new positions (%)",
        config_parameter=PARAM % "pass_mark",
        default=default("pass_mark"),
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

    def set_values(self):
        # the page's numbers are checked together, before an empty number
        # silently resets a setting, and each write is judged with the others
        Param = self.env["ir.config_parameter"]
        values = {
            field.config_parameter: self[name]
            for name, field in self._fields.items()
            if field.type == "integer" and getattr(field, "config_parameter", None)
        }
        with Param._cbo_saving(values):
            result = super().set_values()
            # Odoo stores no 0 (it removes the parameter, which then reads as the
            # default): a 0 the declaration allows is kept as the user typed it
            declared = Param._cbo_settings()
            for key, value in values.items():
                if value == 0 and key in declared:
                    Param.sudo().set_param(key, "0")  # the page is for administrators
        return result

    @api.model
    def _crossborder_param(self, key):
        """The hiring setting ``key`` (checked when it is written, see
        ir.config_parameter)."""
        return self.env["ir.config_parameter"]._cbo_int(PARAM % key)

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
        default=default("outcome_min_sample"),
        help="Below this many hires with a known outcome, the report says 'too few to tell'.",
    )
    crossborder_outcome_min_gap = fields.Integer(
        string="Points that make a criterion predict",
        config_parameter=PARAM % "outcome_min_gap",
        default=default("outcome_min_gap"),
        help="A criterion predicts when those who did well on it succeed this many "
        "percentage points more often than the others.",
    )
    # --- end skill tests judged by outcomes ---
    crossborder_trial_measure_hours = fields.Integer(
        string="Measure results again after (hours)",
        config_parameter=PARAM % "trial_measure_hours",
        default=default("trial_measure_hours"),
        help="A trial's measured results (tickets answered, leads won ...) are measured again "
        "by the scheduled action once they are older than this; 0 measures them at every run.",
    )
