# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 12, item 5: the marketplace SLA runs per buyer message and is met by the
agent's reply to it, not by a stage."""

import itertools
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.tests import BaseCase, new_test_user, tagged

from ..monitor.response import late_response_rate, sla_line
from .common import MonitorCase, MonitorHttpCase

MON_10 = datetime(2026, 11, 2, 10, 0)  # a Monday
FRI_20 = datetime(2026, 11, 6, 20, 0)  # the Friday of that week

AMAZON_MAIL = """Return-Path: <buyer-x7q@marketplace.amazon.com>
From: "Jane Roe - Amazon Marketplace" <buyer-x7q@marketplace.amazon.com>
To: shop@example.com
Subject: Inquiry from Amazon customer Jane Roe (Order: 302-1234567-7654321)
Date: {date}
Message-ID: <{message_id}@amazon.com>
{extra}MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

{body}
"""


class BuyerMessageData:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.use_sla = True
        cls.amazon = cls.env.ref("crossborder_ops_helpdesk.channel_amazon")
        cls.ebay = cls.env.ref("crossborder_ops_helpdesk.channel_ebay")
        cls.amazon_sla = cls.env.ref("crossborder_ops_helpdesk.sla_amazon_24h")
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Jane Roe", "email": "buyer-x7q@marketplace.amazon.com"}
        )
        cls.stage_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")

    @classmethod
    def _marketplace_ticket(cls, channel=None, **values):
        values.setdefault("partner_id", cls.buyer.id)
        values.setdefault("user_id", cls.agent.id)
        return cls._ticket(
            name="Where is my parcel?", channel_id=(channel or cls.amazon).id, **values
        )

    def _buyer_writes(self, ticket, when, body="Any news?"):
        with freeze_time(when):
            return ticket.sudo().message_post(  # as the mail gateway or the portal post it
                body=body,
                author_id=ticket.partner_id.id,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
            )

    def _agent_replies(self, ticket, when, body="Your parcel left our warehouse today."):
        """The agent's answer, to the buyer (the chatter's recipient)."""
        with freeze_time(when):
            return ticket.with_user(self.agent).message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ticket.partner_id.ids,
            )

    def _marketplace_line(self, ticket):
        return ticket.sudo().ticket_sla_ids.filtered(lambda line: line.sla_id.channel_id)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestBuyerMessageSla(BuyerMessageData, MonitorCase):
    def test_only_the_agents_reply_meets_the_clock(self):
        ticket = self._marketplace_ticket()
        self._buyer_writes(ticket, MON_10)
        clock = ticket.buyer_message_ids
        self.assertEqual(
            (clock.state, clock.deadline, clock.received_date),
            ("waiting", MON_10 + timedelta(hours=24), MON_10),
        )
        line = self._marketplace_line(ticket)
        self.assertEqual((line.state, line.deadline), ("in_progress", MON_10 + timedelta(hours=24)))
        template = self.env["mail.template"].create(
            {
                "name": "Acknowledgement",
                "model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "subject": "We received your message",
                "body_html": "<p>We answer within 24 hours.</p>",
            }
        )
        with freeze_time(MON_10 + timedelta(minutes=1)):
            ticket.with_user(self.agent).message_post_with_source(
                template, message_type="auto_comment", subtype_xmlid="mail.mt_comment"
            )
            ticket.message_post(
                body="Hello, I am OdooBot",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.env.ref("base.partner_root").id,
            )
            ticket.with_user(self.agent).message_post(
                body="Ask the warehouse", message_type="comment", subtype_xmlid="mail.mt_note"
            )
            ticket.with_user(self.agent).stage_id = self.stage_progress
        self.assertEqual(clock.state, "waiting", "not an auto-reply, OdooBot, a note or a stage")
        self.assertEqual(line.state, "in_progress", "dragging the card does not turn it green")
        reply = self._agent_replies(ticket, MON_10 + timedelta(hours=2))
        self.assertEqual(
            (clock.state, clock.answer_message_id, clock.answered_by_id, clock.hours_to_answer),
            ("met", reply, self.agent, 2.0),
        )
        self.assertEqual(line.state, "accomplished")
        self.assertFalse(ticket.sla_expired)

    def test_marketplace_emails_start_clocks_through_the_gateway(self):
        def mail(message_id, date, body, extra=""):
            return AMAZON_MAIL.format(message_id=message_id, date=date, body=body, extra=extra)

        Thread = self.env["mail.thread"]
        with freeze_time(FRI_20 + timedelta(minutes=2)):
            ticket_id = Thread.message_process(
                "helpdesk.ticket",
                mail("q1", "Fri, 06 Nov 2026 20:00:00 +0000", "Where is my parcel?"),
                custom_values={"team_id": self.team.id, "channel_id": self.amazon.id},
            )
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        with freeze_time(datetime(2026, 11, 7, 9, 1)):
            Thread.message_process(
                "helpdesk.ticket",
                mail(
                    "q2",
                    "Sat, 07 Nov 2026 09:00:00 +0000",
                    "Hello? Anybody there?",
                    extra="In-Reply-To: <q1@amazon.com>\nReferences: <q1@amazon.com>\n",
                ),
            )
        clocks = ticket.buyer_message_ids.sorted("received_date")
        self.assertEqual(
            [(c.received_date, c.deadline, c.state) for c in clocks],
            [
                (FRI_20, datetime(2026, 11, 7, 20, 0), "waiting"),
                (datetime(2026, 11, 7, 9, 0), datetime(2026, 11, 8, 9, 0), "waiting"),
            ],
            "Friday 20:00 + 24 h = Saturday 20:00, round the clock",
        )
        self.assertEqual(clocks.channel_id, self.amazon)

    def test_no_response_needed_closes_the_clock(self):
        ticket = self._marketplace_ticket()
        self._buyer_writes(ticket, MON_10, body="Thanks, got it!")
        clock = ticket.buyer_message_ids
        with freeze_time(MON_10 + timedelta(hours=1)):
            self.assertIs(clock.with_user(self.agent).action_no_response_needed(), True)
        self.assertEqual(
            (clock.state, clock.no_response_user_id, clock.no_response_date),
            ("no_response", self.agent, MON_10 + timedelta(hours=1)),
        )
        self.assertEqual(self._marketplace_line(ticket).state, "accomplished")
        self._agent_replies(ticket, MON_10 + timedelta(hours=30))
        self.assertEqual(clock.state, "no_response", "a later reply does not make it late")

    def test_each_buyer_message_starts_its_own_clock(self):
        ticket = self._marketplace_ticket()
        self._buyer_writes(ticket, MON_10)
        self._buyer_writes(ticket, MON_10 + timedelta(hours=5), body="Hello??")
        first, second = ticket.buyer_message_ids.sorted("received_date")
        self.assertEqual((first.state, second.state), ("waiting", "waiting"))
        self.assertEqual(second.deadline, MON_10 + timedelta(hours=29))
        line = self._marketplace_line(ticket)
        self.assertEqual(line.deadline, first.deadline, "the earliest deadline is the one to beat")
        # one reply answers every message received before it, as Amazon counts
        self._agent_replies(ticket, MON_10 + timedelta(hours=6))
        self.assertEqual((first.state, second.state), ("met", "met"))
        self.assertEqual(line.state, "accomplished")
        self._buyer_writes(ticket, MON_10 + timedelta(hours=8), body="It says returned to sender")
        third = ticket.buyer_message_ids - first - second
        self.assertEqual(third.state, "waiting")
        self.assertEqual((line.state, line.deadline), ("in_progress", third.deadline))
        # the composer ("Answer with template") sends a reply too
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.agent)
            .with_context(
                default_model="helpdesk.ticket",
                default_res_ids=ticket.ids,
                default_composition_mode="comment",
            )
            .create(
                {"body": "<p>We are sending a new one.</p>", "partner_ids": ticket.partner_id.ids}
            )
        )
        with freeze_time(MON_10 + timedelta(hours=9)):
            composer._action_send_mail()
        self.assertEqual((third.state, third.answered_by_id), ("met", self.agent))
        self.assertEqual(line.state, "accomplished")

    def test_deadline_runs_over_the_weekend_and_holidays(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "date_from": datetime(2026, 11, 7, 0, 0),
                "date_to": datetime(2026, 11, 7, 23, 59),
                "calendar_id": False,
            }
        )
        ticket = self._marketplace_ticket()
        self._buyer_writes(ticket, FRI_20)
        self.assertEqual(ticket.buyer_message_ids.deadline, datetime(2026, 11, 7, 20, 0))

    def test_late_when_answered_after_the_deadline(self):
        ticket = self._marketplace_ticket()
        self._buyer_writes(ticket, MON_10)
        clock = ticket.buyer_message_ids
        with freeze_time(MON_10 + timedelta(hours=25)), self.assertRaises(UserError):
            clock.with_user(self.agent).action_no_response_needed()
        self._agent_replies(ticket, MON_10 + timedelta(hours=24, minutes=30))
        self.assertEqual((clock.state, clock.hours_to_answer), ("late", 24.5))
        line = self._marketplace_line(ticket)
        self.assertEqual(line.state, "expired")
        self.assertTrue(ticket.sla_expired)

    def test_scheduled_action_marks_unanswered_clocks_late_once(self):
        ticket = self._marketplace_ticket()
        other = self._marketplace_ticket()
        self._buyer_writes(ticket, MON_10)
        self._buyer_writes(other, MON_10 + timedelta(hours=3))
        Clock = self.env["crossborder.buyer.message"]
        self.assertEqual(Clock._mark_late_batch(now=MON_10 + timedelta(hours=24)), (0, 0))
        now = MON_10 + timedelta(hours=26)
        self.assertEqual(Clock._mark_late_batch(batch_size=1, now=now), (1, 0))
        self.assertEqual(Clock._mark_late_batch(now=now), (0, 0), "idempotent")
        self.assertEqual(ticket.buyer_message_ids.state, "late")
        self.assertEqual(other.buyer_message_ids.state, "waiting")
        self.assertEqual(self._marketplace_line(ticket).state, "expired")
        reply = self._agent_replies(ticket, now)
        self.assertEqual(
            (ticket.buyer_message_ids.state, ticket.buyer_message_ids.answer_message_id),
            ("late", reply),
            "still late once answered",
        )

    def test_agent_reminded_once_before_the_deadline(self):
        ticket = self._marketplace_ticket()
        self._buyer_writes(ticket, MON_10)
        self._buyer_writes(ticket, MON_10 + timedelta(hours=1), body="Hello?")
        Clock = self.env["crossborder.buyer.message"]
        tuesday_5 = MON_10 + timedelta(hours=19)
        self.assertEqual(Clock._remind_batch(now=tuesday_5), (0, 0), "4 hours before, not 5")
        self.assertFalse(ticket.activity_ids)
        self.assertEqual(Clock._remind_batch(now=tuesday_5 + timedelta(hours=2)), (2, 0))
        self.assertEqual(Clock._remind_batch(now=tuesday_5 + timedelta(hours=2)), (0, 0))
        self.assertEqual(len(ticket.activity_ids), 1, "one reminder for the ticket")
        self.assertEqual(ticket.activity_ids.user_id, self.agent)
        self.assertIn("Buyer waiting: answer before", ticket.activity_ids.summary)
        self._agent_replies(ticket, tuesday_5 + timedelta(hours=3))
        self.assertFalse(ticket.activity_ids, "answered: the reminder is done")

    def test_late_response_rate_per_channel(self):
        amazon_ticket = self._marketplace_ticket()
        for hours, answer_after in ((0, 2), (30, 26), (60, 25)):
            self._buyer_writes(amazon_ticket, MON_10 + timedelta(hours=hours))
            self._agent_replies(amazon_ticket, MON_10 + timedelta(hours=hours + answer_after))
        self._buyer_writes(amazon_ticket, MON_10 + timedelta(hours=100), body="Thanks!")
        with freeze_time(MON_10 + timedelta(hours=101)):
            amazon_ticket.buyer_message_ids.filtered(lambda c: c.state == "waiting").with_user(
                self.agent
            ).action_no_response_needed()
        ebay_ticket = self._marketplace_ticket(channel=self.ebay)
        for hours in (0, 10):
            self._buyer_writes(ebay_ticket, MON_10 + timedelta(hours=hours))
            self._agent_replies(ebay_ticket, MON_10 + timedelta(hours=hours + 1))
        self.env.flush_all()
        Report = self.env["crossborder.response.report"].with_user(self.cs_manager)
        rows = {
            channel: (rate, late, counted, messages)
            for channel, rate, late, counted, messages in Report._read_group(
                [("ticket_id", "in", (amazon_ticket | ebay_ticket).ids)],
                ["channel_id"],
                ["late_rate:avg", "late_count:sum", "counted_count:sum", "message_count:sum"],
            )
        }
        rate, late, counted, messages = rows[self.amazon]
        self.assertAlmostEqual(rate, 200 / 3, places=2, msg="2 late of 3: no response left out")
        self.assertEqual((late, counted, messages), (2, 3, 4))
        self.assertEqual(rows[self.ebay][:3], (0.0, 0, 2))
        weeks = Report._read_group(
            [("channel_id", "=", self.amazon.id), ("ticket_id", "=", amazon_ticket.id)],
            ["received_day:week"],
            ["late_count:sum", "counted_count:sum"],
        )
        self.assertEqual([(late, counted) for _week, late, counted in weeks], [(2, 3)])
        states = amazon_ticket.buyer_message_ids.mapped("state")
        self.assertAlmostEqual(late_response_rate(states), 66.67)

    def test_business_hours_sla_pauses_on_its_own_clock(self):
        calendar = self.env.ref("crossborder_ops_helpdesk.calendar_round_the_clock")
        awaiting = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        sla = self.env["helpdesk.sla"].create(
            {
                "name": "VIP: solved within 24 hours, any day",
                "team_ids": [(6, 0, self.team.ids)],
                "hours": 24,
                "resource_calendar_id": calendar.id,
                "stage_id": self.stage_done.id,
                "ignore_stage_ids": [(6, 0, awaiting.ids)],
            }
        )
        ticket = self._ticket(created=FRI_20)
        line = ticket.ticket_sla_ids.filtered(lambda s: s.sla_id == sla)
        self.assertEqual(line.state, "in_progress")
        line.last_state_date = FRI_20  # opened Friday 20:00
        with freeze_time(FRI_20 + timedelta(hours=12)):
            ticket.stage_id = awaiting  # Saturday 08:00: waiting for the customer
        self.assertEqual(line.state, "on_hold")
        self.assertAlmostEqual(line.consumed_time, 12.0, places=4, msg="Friday night counts")
        monday = datetime(2026, 11, 9, 8, 0)
        with freeze_time(monday):
            ticket.stage_id = self.stage_progress
        self.assertEqual(line.state, "in_progress")
        self.assertAlmostEqual(
            line.deadline,
            monday + timedelta(hours=12),
            delta=timedelta(seconds=1),
            msg="12 hours left of 24",
        )

    def test_sla_line_planner(self):
        d1, d2 = MON_10, MON_10 + timedelta(hours=5)
        self.assertEqual(sla_line({}), ("accomplished", None))
        self.assertEqual(
            sla_line({"met": (d1, d1), "waiting": (d2, d2 + timedelta(hours=1))}),
            ("in_progress", d2),
        )
        self.assertEqual(
            sla_line({"late": (d1, d2), "no_response": (d2, d2), "met": (d1, d1)}),
            ("expired", d2),
        )
        self.assertIsNone(late_response_rate(["waiting", "no_response"]))


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestBuyerMessageRpc(BuyerMessageData, MonitorHttpCase):
    """The clocks over the wire, as the agent's and the customer's web clients."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env, login="cbo_jane", name="Jane Roe", groups="base.group_portal"
        )
        cls.ticket = cls._marketplace_ticket(partner_id=cls.portal_user.partner_id.id)
        with freeze_time(datetime.now() - timedelta(hours=1)):
            cls.ticket.sudo().message_post(  # the portal chatter posts as the customer
                body="Can you ship it to my office instead?",
                author_id=cls.portal_user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        cls.clock = cls.ticket.buyer_message_ids

    def test_agent_reads_the_clocks_on_the_ticket_form(self):
        self.authenticate("cbo_agent", "cbo_agent")
        views, error = self._call_kw(
            "helpdesk.ticket", "get_views", [[[False, "form"]]], options={}
        )
        self.assertFalse(error)
        self.assertIn('name="buyer_message_ids"', views["views"]["form"]["arch"])
        result, error = self._call_kw(
            "helpdesk.ticket",
            "web_read",
            [self.ticket.ids],
            specification={
                "buyer_message_ids": {
                    "fields": {"state": {}, "deadline": {}, "preview": {}, "author_id": {}}
                }
            },
        )
        self.assertFalse(error)
        (clock,) = result[0]["buyer_message_ids"]
        self.assertEqual(
            (clock["state"], clock["preview"]),
            ("waiting", "Can you ship it to my office instead?"),
        )

    def test_agent_cannot_forge_a_clock(self):
        self.assertEqual(self.clock.state, "waiting", "a portal message starts a clock")
        self.authenticate("cbo_agent", "cbo_agent")
        for values in ({"state": "met"}, {"answered_date": "2026-11-02 10:00:00"}):
            with self.subTest(values=values):
                result, error = self._call_kw(
                    "crossborder.buyer.message", "write", [self.clock.ids, values]
                )
                self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
                result, error = self._call_kw(
                    "helpdesk.ticket",
                    "write",
                    [self.ticket.ids, {"buyer_message_ids": [(1, self.clock.id, values)]}],
                )
                self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
        result, error = self._call_kw(
            "crossborder.buyer.message",
            "create",
            [{"ticket_id": self.ticket.id, "message_id": self.clock.message_id.id}],
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
        self.clock.invalidate_recordset()
        self.assertEqual((self.clock.state, self.clock.answered_date), ("waiting", False))
        result, error = self._call_kw(
            "crossborder.buyer.message", "action_no_response_needed", [self.clock.ids]
        )
        self.assertIs(result, True, "the button is the agent's way")
        self.clock.invalidate_recordset()
        self.assertEqual(self.clock.state, "no_response")

    def test_clocks_run_on_the_servers_time_not_the_posters(self):
        """The customer backdated his message by a month (the clock was late at
        once), the agent backdated her reply (59 h became 1 h, audit b #5): a date
        sent with a message is refused (audit F6), the clocks count when the
        server received the message."""
        post = {"message_type": "comment", "subtype_xmlid": "mail.mt_comment"}
        before = fields.Datetime.now()
        month_ago = fields.Datetime.to_string(before - timedelta(days=30))
        self.authenticate("cbo_jane", "cbo_jane")
        _result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.ticket.ids],
            body="Still nothing?",
            date=month_ago,
            **post,
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
        self.assertIn("not set by hand", error["message"])
        _result, error = self._call_kw(
            "helpdesk.ticket", "message_post", [self.ticket.ids], body="Still nothing?", **post
        )
        self.assertFalse(error)
        self.ticket.invalidate_recordset(["buyer_message_ids"])
        clock = self.ticket.buyer_message_ids.filtered(lambda c: c.preview == "Still nothing?")
        self.assertGreaterEqual(clock.received_date, before, "received now")
        self.assertEqual(clock.deadline, clock.received_date + timedelta(hours=24))
        self.env["crossborder.buyer.message"]._mark_late_batch()
        self.assertEqual(clock.state, "waiting", "not late at once")
        self.authenticate("cbo_agent", "cbo_agent")
        _result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.ticket.ids],
            body="Shipped to your office",
            date=str(self.clock.received_date - timedelta(minutes=1)),
            partner_ids=self.ticket.partner_id.ids,
            **post,
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError", "nor back-dated")
        (self.clock | clock).invalidate_recordset()
        self.assertEqual((self.clock | clock).mapped("state"), ["waiting", "waiting"])
        _result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.ticket.ids],
            body="Shipped",
            partner_ids=self.ticket.partner_id.ids,
            **post,
        )
        self.assertFalse(error)
        (self.clock | clock).invalidate_recordset()
        for answered in self.clock | clock:
            self.assertEqual(answered.state, "met")
            self.assertGreaterEqual(answered.answered_date, before, "answered now")
        self.assertGreater(self.clock.hours_to_answer, 0.9, "an hour after the first message")

    def test_reply_sent_later_answers_when_it_goes_out(self):
        """A reply scheduled with "send later" (the composer, or a scheduled message
        created over RPC) answers the buyer when it goes out, at that time, like a
        reply sent at once; a note sent later answers nobody (audit a3)."""
        Scheduled = self.env["mail.scheduled.message"]
        later = fields.Datetime.to_string(fields.Datetime.now() + timedelta(hours=2))
        self.authenticate("cbo_agent", "cbo_agent")
        _result, error = self._call_kw(
            "mail.scheduled.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_id": self.ticket.id,
                    "author_id": self.agent.partner_id.id,
                    "body": "Your parcel is on its way to your office.",
                    "partner_ids": [(6, 0, self.ticket.partner_id.ids)],
                    "scheduled_date": later,
                }
            ],
        )
        self.assertFalse(error)
        with freeze_time(datetime.now() + timedelta(hours=3)):
            Scheduled._post_messages_cron()
            sent_at = fields.Datetime.now()
        self.clock.invalidate_recordset()
        self.assertEqual(
            (self.clock.state, self.clock.answered_date, self.clock.answered_by_id),
            ("met", sent_at, self.agent),
            "answered when the reply went out, not when it was written",
        )
        self.assertEqual(self.ticket.sudo().first_response_date, sent_at)
        for is_note, body in ((True, "Note: the invoice is late"), (False, "The invoice")):
            self._buyer_writes(self.ticket, datetime.now() + timedelta(hours=4), "Invoice?")
            self.authenticate("cbo_agent", "cbo_agent")
            wizard, error = self._call_kw(
                "mail.compose.message",
                "create",
                [
                    {
                        "composition_mode": "comment",
                        "model": "helpdesk.ticket",
                        "res_ids": str(self.ticket.ids),
                        "body": body,
                        "partner_ids": [(6, 0, self.ticket.partner_id.ids)],
                        "scheduled_date": later,
                        "subtype_id": self.env.ref(
                            "mail.mt_note" if is_note else "mail.mt_comment"
                        ).id,
                    }
                ],
            )
            self.assertFalse(error)
            _result, error = self._call_kw(
                "mail.compose.message", "action_schedule_message", [[wizard]]
            )
            self.assertFalse(error)
            with freeze_time(datetime.now() + timedelta(hours=5)):
                Scheduled._post_messages_cron()
            clocks = self.ticket.sudo().buyer_message_ids
            self.assertEqual(
                clocks.filtered(lambda c: c.state == "waiting").mapped("preview"),
                ["Invoice?"] if is_note else [],
                "a note sent later answers nobody" if is_note else "the reply does",
            )

    def test_an_agent_posts_in_his_own_name_only(self):
        """Ada's colleague posted on her ticket in the customer's name (which started
        a clock Ada was late on), then in Ada's name (which answered the buyer as
        Ada; audit a3): both are refused (audit F6), his own answer is his."""
        colleague = new_test_user(
            self.env,
            login="cbo_agent_bo",
            name="Bo Colleague",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        self.team.user_ids = [(4, colleague.id)]
        post = {
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
            "partner_ids": self.ticket.partner_id.ids,  # to the buyer, as the chatter sends
        }
        self.authenticate("cbo_agent_bo", "cbo_agent_bo")
        for author, body in (
            (self.portal_user.partner_id, "Where is my refund???"),
            (self.agent.partner_id, "Refunded today."),
        ):
            with self.subTest(author=author.name):
                _result, error = self._call_kw(
                    "helpdesk.ticket",
                    "message_post",
                    [self.ticket.ids],
                    body=body,
                    author_id=author.id,
                    **post,
                )
                self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
                self.assertIn("in your own name", error["message"])
        self.ticket.invalidate_recordset(["buyer_message_ids"])
        self.assertEqual(len(self.ticket.buyer_message_ids), 1, "no clock of a made-up message")
        self.clock.invalidate_recordset()
        self.assertEqual(self.clock.state, "waiting", "nobody answered")
        # the server's clock ticks a second at each reading: the reply's first response
        # and its clock took two readings, a second boundary apart on a slow run
        start, ticks = fields.Datetime.now(), itertools.count()
        with patch.object(
            fields.Datetime, "now", lambda *args: start + timedelta(seconds=next(ticks))
        ):
            _result, error = self._call_kw(
                "helpdesk.ticket", "message_post", [self.ticket.ids], body="Refunded today.", **post
            )
        self.assertFalse(error)
        self.clock.invalidate_recordset()
        self.assertEqual(
            (self.clock.state, self.clock.answered_by_id), ("met", colleague), "Bo answered"
        )
        self.assertEqual(self.ticket.sudo().first_response_date, self.clock.answered_date)

    def test_deadlines_and_reminders_stay_dates(self):
        """A help desk manager set a reminder a billion hours before the
        deadline: every buyer message of the channel broke its clock, and the
        mail gateway refused it (outside audit 66)."""
        self.authenticate("cbo_cs_manager", "cbo_cs_manager")
        for values in ({"reminder_hours": 10**9}, {"hours": 10**9}, {"days": -1}):
            with self.subTest(values=values):
                _result, error = self._call_kw(
                    "helpdesk.sla", "write", [self.amazon_sla.ids, values]
                )
                self.assertIn("reminder 0 to 720 hours", error.get("message", ""))
        self.amazon_sla.invalidate_recordset()
        self.assertEqual(self.amazon_sla.reminder_hours, 4)
        ticket = self._marketplace_ticket()
        self._buyer_writes(ticket, datetime.now(), "Is it shipped?")
        self.assertEqual(len(ticket.sudo().buyer_message_ids), 1)

    def test_reminder_follows_the_ticket_to_its_agent(self):
        """The reminder stayed with the agent a ticket was taken from, and a ticket
        with nobody to remind had OdooBot reminded (audit a3 F5)."""
        self.amazon_sla.reminder_hours = 30  # due at once for a 24 h deadline
        colleague = new_test_user(
            self.env, login="cbo_agent_bo", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        self.team.user_ids = [(4, colleague.id)]
        Clock = self.env["crossborder.buyer.message"]
        ticket = self._marketplace_ticket()
        self._buyer_writes(ticket, datetime.now(), "Is it shipped?")
        Clock._remind_batch()
        self.assertEqual(ticket.activity_ids.user_id, self.agent)
        self.authenticate("cbo_cs_manager", "cbo_cs_manager")
        _result, error = self._call_kw(
            "helpdesk.ticket", "write", [ticket.ids, {"user_id": colleague.id}]
        )
        self.assertFalse(error)
        ticket.invalidate_recordset(["activity_ids"])
        self.assertEqual(ticket.activity_ids.user_id, colleague, "the reminder went with it")
        self.assertIn("Buyer waiting: answer before", ticket.activity_ids.summary)
        # nobody to remind: no reminder for OdooBot; the agent given later gets it
        self.team.write({"user_id": False, "user_ids": [(5, 0, 0)]})
        lonely = self._marketplace_ticket(user_id=False)
        self.assertFalse(lonely.user_id)
        self._buyer_writes(lonely, datetime.now(), "Anyone there?")
        Clock._remind_batch()
        self.assertFalse(lonely.activity_ids)
        _result, error = self._call_kw(
            "helpdesk.ticket", "write", [lonely.ids, {"user_id": self.agent.id}]
        )
        self.assertFalse(error)
        lonely.invalidate_recordset(["activity_ids"])
        self.assertEqual(lonely.activity_ids.user_id, self.agent)

    def test_customer_writes_messages_not_notes(self):
        """The customer posted "internal notes" on his ticket from the portal (a
        note's subtype, a notification, the internal flag over the API): his words
        sat among the agents' notes, started no response clock and never counted
        as his message (outside audit 42, A5). Whatever he asks for, he writes a
        message, which starts its clock as any other."""
        comment = self.env.ref("mail.mt_comment")
        self.authenticate("cbo_jane", "cbo_jane")
        for body, post_data in (
            ("Note from me", {"message_type": "comment", "subtype_xmlid": "mail.mt_note"}),
            ("Notification from me", {"message_type": "notification"}),
            ("E-mail from me", {"message_type": "email", "subtype_xmlid": "mail.mt_comment"}),
        ):
            with self.subTest(post_data=post_data):
                result, error = self._rpc(
                    "/mail/message/post",
                    {
                        "thread_model": "helpdesk.ticket",
                        "thread_id": self.ticket.id,
                        "post_data": {"body": body, **post_data},
                    },
                )
                self.assertFalse(error, error)
                message = self.env["mail.message"].browse(result["message_id"])
                self.assertEqual(
                    (message.message_type, message.subtype_id, message.is_internal),
                    ("comment", comment, False),
                )
                self.assertEqual(message.author_id, self.portal_user.partner_id)
                self.ticket.invalidate_recordset(["buyer_message_ids"])
                clock = self.ticket.buyer_message_ids.filtered(
                    lambda c, m=message: c.message_id == m
                )
                self.assertEqual(clock.state, "waiting", "his message starts a clock")
        _result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.ticket.ids],
            body="Internal from me",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            is_internal=True,
        )
        self.assertFalse(error, error)
        message = self.ticket.message_ids.filtered(lambda m: "Internal from me" in (m.body or ""))
        self.assertEqual((message.subtype_id, message.is_internal), (comment, False))
        self.assertTrue(self.ticket.buyer_message_ids.filtered(lambda c: c.message_id == message))
        # an agent's note stays a note
        note = self.ticket.with_user(self.agent).message_post(
            body="Ask the warehouse", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertTrue(note.subtype_id.internal)

    def test_customer_posts_no_system_notice(self):
        """The customer posted on his closed ticket as a "notification" with the
        "Ticket created" subtype: his words read as a system notice, the ticket
        stayed closed and no response clock started (audit 45, A8). Whatever kind
        and subtype he sends, he writes his message; the notice the system posts
        when he opens a ticket stays the system's."""
        ticket = self._marketplace_ticket(
            partner_id=self.portal_user.partner_id.id, category_id=self.cat_pre.id
        )
        ticket.stage_id = self.stage_done
        self.assertTrue(ticket.closed)
        self.authenticate("cbo_jane", "cbo_jane")
        _result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="It broke again, please help",
            message_type="notification",
            subtype_xmlid="helpdesk_mgmt.hlp_tck_created",
        )
        self.assertFalse(error, error)
        message = ticket.message_ids.filtered(lambda m: "It broke again" in (m.body or ""))
        self.assertEqual(
            (message.message_type, message.subtype_id, message.author_id),
            ("comment", self.env.ref("mail.mt_comment"), self.portal_user.partner_id),
        )
        ticket.invalidate_recordset()
        self.assertEqual((ticket.closed, ticket.reopen_count), (False, 1), "his message reopens it")
        self.assertTrue(ticket.buyer_message_ids.filtered(lambda c: c.message_id == message))
        # the ticket he opens from the portal keeps the system's notice
        self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "subject": "T-opened from the portal",
                "description": "Where is my parcel?",
            },
        )
        opened = self.env["helpdesk.ticket"].search([("name", "=", "T-opened from the portal")])
        notice = opened.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("helpdesk_mgmt.hlp_tck_created")
        )
        self.assertEqual(notice.message_type, "notification", "Ticket created, by the system")

    def test_customer_cannot_mark_no_response_needed(self):
        self.authenticate("cbo_jane", "cbo_jane")
        result, error = self._call_kw(
            "crossborder.buyer.message", "action_no_response_needed", [self.clock.ids]
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
        self.assertIn("Only the agents answering the ticket", error.get("message", ""))
        result, error = self._call_kw(
            "helpdesk.ticket", "read", [self.ticket.ids, ["buyer_message_ids"]]
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError", "clocks are internal")
        self.clock.invalidate_recordset()
        self.assertEqual(self.clock.state, "waiting")


@tagged("post_install", "-at_install")
class TestBuyerWords(BaseCase):
    def test_the_buyers_words_without_the_relay_banners(self):
        from ..monitor.response import buyer_words

        text = (
            "Amazon Seller Central\n------------- Begin message -------------\n"
            "The lamp arrived   broken.\nCan you send a new one?\n"
            "------------- End message -------------\nTo reply, ..."
        )
        self.assertEqual(buyer_words(text), "The lamp arrived broken. Can you send a new one?")
        self.assertEqual(buyer_words("Hello\nthere"), "Hello there")
        self.assertEqual(len(buyer_words("x" * 500)), 140)
