# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class CrossborderSkillTestSend(models.TransientModel):
    _name = "crossborder.skill.test.send"
    _description = "Send a skill test"

    applicant_ids = fields.Many2many("hr.applicant", required=True)
    job_id = fields.Many2one("hr.job")
    skill_test_id = fields.Many2one(
        "crossborder.skill.test",
        required=True,
        domain="[('job_id', '=', job_id)]",
        compute="_compute_skill_test_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    deadline = fields.Datetime(
        compute="_compute_deadline", store=True, readonly=False, required=True, precompute=True
    )
    send_email = fields.Boolean(default=True, help="E-mail the link to the applicants.")

    @api.depends("job_id")
    def _compute_skill_test_id(self):
        for wizard in self:
            wizard.skill_test_id = wizard.job_id.skill_test_ids[:1]

    @api.depends("skill_test_id")
    def _compute_deadline(self):
        now = fields.Datetime.now()
        for wizard in self:
            wizard.deadline = now + timedelta(hours=wizard.skill_test_id.deadline_hours or 48)

    def action_send(self):
        self.ensure_one()
        # the deadline is checked where every sending goes (hr.applicant._crossborder_send_test)
        test = self.skill_test_id
        if not test.survey_id:
            test.action_generate_survey()
        other_job = self.applicant_ids.filtered(lambda a: a.job_id != test.job_id)
        if other_job:
            raise UserError(
                self.env._(
                    "%(applicant)s applied to another position than %(job)s.",
                    applicant=other_job[0].partner_name or other_job[0].display_name,
                    job=test.job_id.name,
                )
            )
        invitations = self.applicant_ids._crossborder_send_test(
            test, self.deadline, self.send_email
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Skill test %(test)s sent to %(count)s applicant(s).",
                    test=test.name,
                    count=len(invitations),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
