# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.crossborder_root_cause import LINKS
from ..models.helpdesk_ticket_category import CS_STAGES, INQUIRY_TYPES


class CrossborderTicketReport(models.Model):
    """Customer problems by CS stage, inquiry type, link, department, cause,
    product, country and month.

    A thin projection of ``helpdesk_ticket`` (link, department and the times are
    stored on the ticket), so a pivot over a million tickets groups one table
    through its indexes instead of joining.
    """

    _name = "crossborder.ticket.report"
    _description = "Customer service monitor report"
    _auto = False
    _rec_name = "ticket_id"
    _order = "create_date desc"

    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)
    create_date = fields.Datetime(string="Opened on", readonly=True)
    cs_stage = fields.Selection(CS_STAGES, string="CS stage", readonly=True)
    inquiry_type = fields.Selection(INQUIRY_TYPES, readonly=True)
    link = fields.Selection(LINKS, readonly=True)
    department_id = fields.Many2one("hr.department", string="Responsible department", readonly=True)
    root_cause_id = fields.Many2one("crossborder.root.cause", string="Cause", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    country_id = fields.Many2one("res.country", string="Buyer country", readonly=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    ticket_count = fields.Integer(string="Tickets", readonly=True, aggregator="sum")
    first_response_hours = fields.Float(
        string="First response (h)", readonly=True, aggregator="avg"
    )
    resolution_hours = fields.Float(string="Resolution (h)", readonly=True, aggregator="avg")
    reopen_rate = fields.Float(string="Reopened (%)", readonly=True, aggregator="avg")
    recurrence_count = fields.Integer(string="In a recurrence", readonly=True, aggregator="sum")
    sla_breached_count = fields.Integer(string="SLA breached", readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
            SELECT t.id AS id, t.id AS ticket_id, t.create_date, t.cs_stage, t.inquiry_type,
                   t.root_cause_link AS link, t.responsible_department_id AS department_id,
                   t.root_cause_id, t.product_id, t.buyer_country_id AS country_id,
                   t.channel_id, t.team_id, t.user_id, t.company_id,
                   1 AS ticket_count,
                   NULLIF(t.first_response_hours, 0) AS first_response_hours,
                   NULLIF(t.resolution_hours, 0) AS resolution_hours,
                   CASE WHEN coalesce(t.reopen_count, 0) > 0 THEN 100.0 ELSE 0.0 END AS reopen_rate,
                   coalesce(t.in_recurrence, false)::int AS recurrence_count,
                   EXISTS (SELECT 1 FROM helpdesk_ticket_sla s
                            WHERE s.ticket_id = t.id
                              AND (s.state = 'expired'
                                   OR (s.state = 'in_progress'
                                       AND s.deadline < (now() at time zone 'UTC'))))::int
                       AS sla_breached_count
              FROM helpdesk_ticket t
             WHERE t.active
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
