# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

from ..models.crossborder_trial import DECISIONS

# the new terms of a confirmation: the wizard's fields and the contract (hr.version)
# fields they change
CONTRACT_TERMS = {
    "contract_calendar_id": "resource_calendar_id",
    "contract_employee_type": "employee_type",
    "contract_type_id": "contract_type_id",
    "contract_wage": "wage",
}


class CrossborderTrialDecision(models.TransientModel):
    _name = "crossborder.trial.decision"
    _description = "Decide on a trial"

    trial_id = fields.Many2one("crossborder.trial", required=True)
    # no default: the manager chooses, with the ratings in front of him
    decision = fields.Selection(DECISIONS, required=True)
    new_end_date = fields.Date(help="Only for an extension.")
    note = fields.Text()
    result_summary = fields.Char(string="Results rated", compute="_compute_result_summary")
    unrated_count = fields.Integer(compute="_compute_result_summary")
    # the trial as the window showed it when opened (its state, end and ratings),
    # sent back by the client with the decision: a decision taken on a trial that
    # changed in the meantime is refused (_apply_decision)
    seen_basis = fields.Char(
        string="Trial as shown", compute="_compute_seen_basis", store=True, readonly=False
    )

    @api.depends("trial_id")
    def _compute_seen_basis(self):
        for wizard in self:
            wizard.seen_basis = wizard.trial_id._crossborder_decision_basis()

    @api.depends("trial_id")
    def _compute_result_summary(self):
        for wizard in self:
            results = wizard.trial_id.result_ids
            rated = results.filtered("rating")
            met = rated.filtered(lambda r: r.rating == "met")
            wizard.unrated_count = len(results) - len(rated)
            wizard.result_summary = self.env._(
                "%(met)s met of %(total)s, %(unrated)s not rated yet",
                met=len(met),
                total=len(results),
                unrated=wizard.unrated_count,
            )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # fail early, with the plain message; _apply_decision checks again
        wizards.trial_id._crossborder_check_decider()
        return wizards

    def action_apply(self):
        self.ensure_one()
        self.trial_id._apply_decision(
            self.decision,
            self.note,
            self.new_end_date,
            contract=self._crossborder_contract(),
            # never blank for a window the server opened: a blank one is refused
            seen=self.seen_basis or "",
        )
        return {"type": "ir.actions.act_window_close"}

    # --- measured expected results (issue 16) ---
    result_ids = fields.One2many(
        related="trial_id.result_ids",
        string="Expected results",
        readonly=True,
        help="Target and actual of the measured results, with the records behind each "
        "number, and your own rating of the others.",
    )

    # --- trial end that acts (issue 16): the new terms of a confirmation ---
    is_hr = fields.Boolean(compute="_compute_is_hr", string="HR")
    contract_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working hours",
        groups="hr.group_hr_user",
        help="From the day after the trial. Left as it is: unchanged.",
    )
    contract_wage = fields.Monetary(
        string="Wage",
        currency_field="contract_currency_id",
        groups="hr.group_hr_manager",
        help="Monthly gross wage from the day after the trial.",
    )
    contract_currency_id = fields.Many2one("res.currency", compute="_compute_is_hr")
    contract_employee_type = fields.Selection(
        selection=lambda self: self.env["hr.version"]
        ._fields["employee_type"]
        ._description_selection(self.env),
        string="Employee type",
        groups="hr.group_hr_user",
    )
    contract_type_id = fields.Many2one(
        "hr.contract.type", string="Contract type", groups="hr.group_hr_user"
    )
    contract_preview = fields.Html(
        compute="_compute_contract_preview",
        string="What changes",
        groups="hr.group_hr_user",
        sanitize=True,
    )

    @api.depends_context("uid")
    def _compute_is_hr(self):
        is_hr = self.env.su or self.env.user._crossborder_is_hr()
        for wizard in self:
            wizard.is_hr = is_hr
            wizard.contract_currency_id = wizard.trial_id.company_id.currency_id

    def _crossborder_contract(self):
        """The contract terms of this confirmation, as hr.version values."""
        self.ensure_one()
        if not self.is_hr or self.decision != "confirm":
            return {}
        contract = {
            field: self._fields[term].convert_to_write(self[term], self)
            for term, field in self._crossborder_contract_terms()
        }
        return {key: value for key, value in contract.items() if value}

    @api.model
    def _crossborder_contract_terms(self):
        """(wizard field, contract field) of the terms the caller may set: the wage
        only for HR managers, as on the contract."""
        may_pay = self.env.su or self.env.user.has_group("hr.group_hr_manager")
        return [
            (term, field) for term, field in CONTRACT_TERMS.items() if may_pay or field != "wage"
        ]

    @api.depends(
        "decision",
        "trial_id",
        "contract_calendar_id",
        "contract_wage",
        "contract_employee_type",
        "contract_type_id",
    )
    def _compute_contract_preview(self):
        for wizard in self:
            contract = wizard._crossborder_contract()
            if not contract:
                wizard.contract_preview = False
                continue
            changes, _values = wizard.trial_id._crossborder_contract_changes(contract)
            if not changes:
                wizard.contract_preview = Markup("<p>%s</p>") % self.env._(
                    "The contract stays as it is."
                )
                continue
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>") % change for change in changes
            )
            wizard.contract_preview = Markup(
                "<p>%s</p><table class='table table-sm'><thead><tr><th></th><th>%s</th>"
                "<th>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (
                self.env._(
                    "A new version of the contract from %(date)s:",
                    date=fields.Date.to_string(wizard.trial_id.date_end + timedelta(days=1)),
                ),
                self.env._("Now"),
                self.env._("From then"),
                rows,
            )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        trial = self.env["crossborder.trial"].browse(values.get("trial_id"))
        if trial.exists() and trial._crossborder_may_decide():
            # the decision is taken on figures measured now
            trial.action_refresh_measures()
            if self.env.su or self.env.user._crossborder_is_hr():
                # safe: HR starts from the current terms of the contract it may change
                version = trial.sudo().employee_id.version_id
                defaults = {
                    term: version._fields[field].convert_to_write(version[field], version)
                    for term, field in self._crossborder_contract_terms()
                }
                values.update({key: value for key, value in defaults.items() if key in fields_list})
        return values

    # --- end measured expected results ---
