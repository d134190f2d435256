# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.crossborder_buyer_message import STATES


class CrossborderResponseReport(models.Model):
    """Late-response rate per channel, week and month, the way marketplaces
    compute it: late responses / buyer messages that needed one.

    A message marked "no response needed" is left out; a message still within
    its deadline counts once it is answered or its deadline has passed (then as
    late, even before the scheduled action marks it). Group by *Day received*
    (week or month) and *Channel*; the *Late response rate* measure is the
    average over the messages that count. The day is a date (UTC): grouping a
    million messages by it skips the per-row time-zone conversion of a
    datetime (figures: bench/helpdesk/bench_buyer_messages.py).
    """

    _name = "crossborder.response.report"
    _inherit = ["crossborder.report.view"]
    _description = "Late responses to buyer messages"
    _auto = False
    _rec_name = "ticket_id"
    _order = "received_date desc"

    buyer_message_id = fields.Many2one(
        "crossborder.buyer.message", readonly=True, string="Buyer message"
    )
    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    answered_by_id = fields.Many2one("res.users", string="Answered by", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    received_date = fields.Datetime(string="Received", readonly=True)
    received_day = fields.Date(
        string="Day received",
        readonly=True,
        help="Day the message was received (UTC), as marketplaces count it. Group by its "
        "week or month in pivots over large volumes.",
    )
    deadline = fields.Datetime(readonly=True)
    state = fields.Selection(STATES, readonly=True)
    message_count = fields.Integer(string="Buyer messages", readonly=True, aggregator="sum")
    counted_count = fields.Integer(
        string="Needing a response",
        readonly=True,
        aggregator="sum",
        help="Answered, or past their deadline; 'no response needed' left out.",
    )
    late_count = fields.Integer(string="Late responses", readonly=True, aggregator="sum")
    late_rate = fields.Float(
        string="Late response rate (%)",
        readonly=True,
        aggregator="avg",
        help="Late responses in % of the messages needing a response.",
    )
    hours_to_answer = fields.Float(string="Hours to answer", readonly=True, aggregator="avg")

    def _query(self):
        return SQL(
            """
            SELECT m.id AS id, m.id AS buyer_message_id, m.ticket_id, m.channel_id,
                   t.team_id, t.user_id, m.answered_by_id, m.company_id,
                   m.received_date, m.received_date::date AS received_day, m.deadline, s.state,
                   1 AS message_count,
                   (s.state IN ('met', 'late'))::int AS counted_count,
                   (s.state = 'late')::int AS late_count,
                   CASE s.state WHEN 'late' THEN 100.0 WHEN 'met' THEN 0.0 END AS late_rate,
                   CASE WHEN m.answered_date IS NOT NULL THEN m.hours_to_answer END
                       AS hours_to_answer
              FROM crossborder_buyer_message m
              -- LEFT (every clock has its ticket): PostgreSQL then skips the join
              -- when the pivot groups by neither team nor agent
              LEFT JOIN helpdesk_ticket t ON t.id = m.ticket_id
             CROSS JOIN LATERAL (
                   SELECT CASE WHEN m.state = 'waiting'
                                AND m.deadline < (now() AT TIME ZONE 'UTC')
                               THEN 'late' ELSE m.state END AS state
             ) s
            """
        )
