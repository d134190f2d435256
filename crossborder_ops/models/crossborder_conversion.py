# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .hr_job import EMPLOYMENT_KINDS


class CrossborderConversion(models.Model):
    """A part-timer who becomes full-time (the seed, 000: "cultivate full-time
    workers among part-time workers")."""

    _name = "crossborder.conversion"
    _description = "Employment conversion"
    # its chatter is evidence (why HR converted him, who agreed): the evidence
    # mixin first, it extends mail.thread
    _inherit = ["crossborder.evidence.thread.mixin", "mail.thread"]
    _order = "date desc, id desc"

    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    # what HR wrote shows in the chatter when it is changed (outside audit 76, L2)
    from_kind = fields.Selection(EMPLOYMENT_KINDS, required=True, tracking=True)
    to_kind = fields.Selection(EMPLOYMENT_KINDS, required=True, default="full_time", tracking=True)
    from_hours = fields.Float(string="Hours a week before", tracking=True)
    to_hours = fields.Float(string="Hours a week after", default=40, tracking=True)
    note = fields.Text(tracking=True)

    @api.depends("employee_id")
    def _compute_company_id(self):
        for conversion in self:
            conversion.company_id = conversion.employee_id.company_id or self.env.company

    @api.constrains("from_kind", "to_kind", "from_hours", "to_hours")
    def _check_change(self):
        for conversion in self:
            if conversion.from_kind == conversion.to_kind:
                raise ValidationError(self.env._("A conversion changes the kind of employment."))
            if conversion.from_hours < 0 or conversion.to_hours < 0:
                raise ValidationError(self.env._("Hours cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        conversions = super().create(vals_list)
        conversions._crossborder_check_not_own()
        for conversion in conversions:
            conversion.employee_id.crossborder_employment_kind = conversion.to_kind
            conversion.employee_id.message_post(
                body=self.env._(
                    "Converted from %(from)s to %(to)s on %(date)s.",
                    **{
                        "from": dict(EMPLOYMENT_KINDS)[conversion.from_kind],
                        "to": dict(EMPLOYMENT_KINDS)[conversion.to_kind],
                        "date": fields.Date.to_string(conversion.date),
                    },
                ),
                subtype_xmlid="mail.mt_note",
            )
        return conversions

    def write(self, vals):
        self._crossborder_check_not_own()
        result = super().write(vals)
        if "employee_id" in vals:
            self._crossborder_check_not_own()
        return result

    def unlink(self):
        self._crossborder_check_not_own()
        return super().unlink()

    def _crossborder_check_not_own(self):
        """An HR officer does not record, change or delete his own conversion
        (a trainee who is HR made himself full time during his trial: outside
        audit 76, L2); a colleague in HR does, or a settings administrator."""
        if self.env.su or self.env.user._is_system():
            return
        # sudo: whose conversion each is, to compare him with the caller
        own = self.sudo().filtered(lambda c: c.employee_id.user_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "The conversion of %(employee)s is yours: a colleague in HR records, "
                    "changes or deletes it.",
                    employee=own[0].employee_id.name,
                )
            )
