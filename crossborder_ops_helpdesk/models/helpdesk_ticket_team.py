# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

import pytz

from odoo import api, fields, models

from .helpdesk_ticket_category import CS_STAGES

QUALITY_DAYS = 90  # the reopen rate that weighs an agent: his tickets of the last 90 days


class HelpdeskTicketTeam(models.Model):
    """The seed (001): large stores split customer service into pre-sales,
    in-sales and after-sales (2-6 agents); small ones need 1-2 agents."""

    _inherit = "helpdesk.ticket.team"

    pre_sales_user_ids = fields.Many2many(
        "res.users", "crossborder_team_pre_sales_rel", string="Pre-sales agents"
    )
    in_sales_user_ids = fields.Many2many(
        "res.users", "crossborder_team_in_sales_rel", string="In-sales agents"
    )
    after_sales_user_ids = fields.Many2many(
        "res.users", "crossborder_team_after_sales_rel", string="After-sales agents"
    )
    require_root_cause = fields.Boolean(
        string="Root cause to close after-sales tickets",
        default=True,
        help="After-sales tickets need a root cause before they reach a closed stage "
        "(or a stage marked 'Requires a root cause').",
    )
    reopen_on_customer_reply = fields.Boolean(
        string="Reopen when the customer writes again",
        default=True,
        help="A customer who writes again on a closed ticket (by e-mail or on his portal "
        "page) moves it back to the team's first open stage, and the reopening counts for "
        "whoever closed it. Unticked, the ticket stays closed, and his coming back still "
        "counts once in its Reopened figure.",
    )

    def _agents_for(self, cs_stage):
        self.ensure_one()
        return {
            "pre_sales": self.pre_sales_user_ids,
            "in_sales": self.in_sales_user_ids,
            "after_sales": self.after_sales_user_ids,
        }.get(cs_stage, self.env["res.users"])

    def _cs_stages(self):
        return CS_STAGES

    # --- routing by measured quality and availability (issue 16) ---
    crossborder_quality_weight = fields.Float(
        string="Weigh agents by quality",
        default=0.0,
        help="0: the least busy agent gets the next ticket. Above 0, an agent's reopen "
        "rate over the last 90 days counts as extra open tickets: with 1, an agent whose "
        "tickets come back 20 % of the time counts two tickets more.",
    )

    @api.model
    def _crossborder_agent_facts(self, users, with_quality=False, now=None):
        """{user id: (available now, reopen rate % or None)}. A part-timer is available
        inside the working hours of his contract only (leaves and exam weeks on his
        calendar included); full-timers and agents without an employee always are."""
        now = now or fields.Datetime.now()
        # safe: who works when, read to route tickets; nothing is shown
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "in", users.ids), ("company_id", "in", self.env.companies.ids)])
        )
        part_timers = employees.filtered(
            lambda e: e.crossborder_employment_kind not in (False, "full_time")
            and e.resource_calendar_id
        )
        available = dict.fromkeys(users.ids, True)
        start = pytz.utc.localize(now)
        end = start + timedelta(minutes=1)
        for calendar, staff in part_timers.grouped("resource_calendar_id").items():
            intervals = calendar._work_intervals_batch(start, end, resources=staff.resource_id)
            for employee in staff:
                available[employee.user_id.id] = bool(intervals[employee.resource_id.id])
        rates = dict.fromkeys(users.ids)
        if with_quality and users:
            measure = self.env.ref(
                "crossborder_ops_helpdesk.crossborder_trial_measure_cs_reopen_rate",
                raise_if_not_found=False,
            )
            if measure:
                since = now - timedelta(days=QUALITY_DAYS)
                requests = [(user_id, since, now) for user_id in users.ids]
                results = measure.sudo()._crossborder_actuals(requests)
                rates = {
                    user_id: value
                    for user_id, (value, _n, _d) in zip(users.ids, results, strict=True)
                }
        return {user_id: (available[user_id], rates.get(user_id)) for user_id in users.ids}

    # --- end routing ---
