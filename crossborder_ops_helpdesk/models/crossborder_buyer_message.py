# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import format_datetime, html2plaintext
from odoo.tools.mail import email_split_and_normalize

from ..monitor.response import (
    LATE,
    MET,
    NO_RESPONSE,
    WAITING,
    answer_state,
    buyer_words,
    has_words,
    visible_html,
)

_logger = logging.getLogger(__name__)

# on the cursor while a post on a ticket is written or sent: to be sent later
# ("deferred"), sent now by mail's queue ("sent_now"), or sent to its named
# recipients only ("skip_followers")
POST_KEY = "crossborder_ticket_post"

STATES = [
    (WAITING, "Waiting for an answer"),
    (MET, "Answered in time"),
    (LATE, "Late"),
    (NO_RESPONSE, "No response needed"),
]


class CrossborderBuyerMessage(models.Model):
    """The response clock of one buyer message, as marketplaces score it.

    Every message the customer writes on a ticket of a marketplace channel whose
    rule applies (an SLA with that channel) starts its own clock; a second
    message while the first is open gets a second clock. The clock is met by the
    agent's answer (``_is_answer``: sent to the customer, with words in it; not an
    internal note, not an automatic acknowledgement, not a stage change) within
    the deadline, late after it.
    Like Amazon, one reply answers every message received before it. An agent
    may instead mark a message "no response needed" while its deadline runs.

    Every field is the system's: users read clocks, and change them only by
    replying or with the "No response needed" button.
    """

    _name = "crossborder.buyer.message"
    _description = "Buyer message and its response clock"
    _order = "received_date desc, id desc"
    _rec_name = "ticket_id"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, readonly=True, ondelete="cascade", index=True
    )
    # the clock outlives its message: an administrator who removes the e-mail
    # (spam, a customer's request to erase his data) keeps the clock's dates and
    # its late mark in the late-response figures
    message_id = fields.Many2one(
        "mail.message",
        string="Buyer message",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    preview = fields.Char(
        string="Message",
        compute="_compute_preview",
        help="The buyer's own words: the marketplace's relay banners left out.",
    )
    author_id = fields.Many2one(related="message_id.author_id", string="Written by")
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, string="Company"
    )
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel", readonly=True, index=True, help="Where the buyer wrote."
    )
    sla_id = fields.Many2one(
        "helpdesk.sla",
        string="Rule",
        readonly=True,
        ondelete="set null",
        help="The marketplace rule that sets the deadline.",
    )
    received_date = fields.Datetime(string="Received", required=True, readonly=True)
    deadline = fields.Datetime(
        readonly=True,
        help="Answer before this time: the rule's hours counted on its own clock "
        "(round the clock for marketplaces, weekends and holidays included).",
    )
    answered_date = fields.Datetime(string="Answered at", readonly=True)
    answer_message_id = fields.Many2one(
        "mail.message", string="Answer", readonly=True, ondelete="set null"
    )
    answered_by_id = fields.Many2one("res.users", string="Answered by", readonly=True)
    answer_kept = fields.Json(
        string="Answer kept aside",
        readonly=True,
        copy=False,
        help="The answer as it was recorded, kept while the ticket's customer is one who did "
        "not receive it: given back the customer who did, the message gets it back.",
    )
    no_response_user_id = fields.Many2one(
        "res.users", string="No response needed, said by", readonly=True
    )
    no_response_date = fields.Datetime(string="No response needed, on", readonly=True)
    state = fields.Selection(
        STATES,
        required=True,
        readonly=True,
        default=WAITING,
        index=True,
        help="Late: answered after the deadline, or still unanswered when it passed. "
        "A message marked 'no response needed' does not count in the late-response rate.",
    )
    remind_date = fields.Datetime(
        string="Reminder due",
        readonly=True,
        help="When the ticket's agent gets an activity if the message still waits for an "
        "answer; empty once the reminder is given.",
    )
    reminder_activity_id = fields.Many2one(
        "mail.activity", string="Reminder", readonly=True, ondelete="set null"
    )
    hours_to_answer = fields.Float(
        string="Hours to answer",
        compute="_compute_hours_to_answer",
        store=True,
        aggregator="avg",
    )

    _unique_message = models.Constraint(
        "UNIQUE(ticket_id, message_id)", "A buyer message has one clock on its ticket."
    )
    # the scheduled actions look for open clocks past their deadline or reminder
    _waiting_deadline_idx = models.Index("(deadline) WHERE state = 'waiting'")
    _waiting_remind_idx = models.Index("(remind_date) WHERE state = 'waiting'")

    # ------------------------------------------------------------------
    @api.depends("answered_date", "received_date")
    def _compute_hours_to_answer(self):
        for clock in self:
            if clock.answered_date and clock.received_date:
                clock.hours_to_answer = round(
                    (clock.answered_date - clock.received_date).total_seconds() / 3600.0, 2
                )
            else:
                clock.hours_to_answer = 0.0

    # ------------------------------------------------------------------
    def action_no_response_needed(self):
        """The buyer's message needs no answer (a thank-you, an acknowledgement):
        it leaves the late-response rate. Agents only, before its deadline."""
        self._check_agent()
        now = fields.Datetime.now()
        for clock in self:
            if clock.state != WAITING:
                raise UserError(
                    self.env._(
                        "The message of %(date)s on %(ticket)s is no longer waiting for an "
                        "answer: only a waiting message can be marked 'no response needed'.",
                        date=format_datetime(self.env, clock.received_date),
                        ticket=clock.ticket_id.display_name,
                    )
                )
            if clock.deadline and clock.deadline < now:
                raise UserError(
                    self.env._(
                        "The time to answer the message of %(date)s on %(ticket)s has "
                        "passed: it counts as late. Answer the buyer instead.",
                        date=format_datetime(self.env, clock.received_date),
                        ticket=clock.ticket_id.display_name,
                    )
                )
        # checked above: agent of these tickets; clocks are read-only to users
        self.sudo().write(
            {"state": NO_RESPONSE, "no_response_user_id": self.env.user.id, "no_response_date": now}
        )
        for ticket in self.ticket_id:
            ticket.message_post(
                body=self.env._("Buyer message marked 'no response needed'."),
                subtype_xmlid="mail.mt_note",
            )
        self.sudo()._close_reminders()
        self.ticket_id.sudo().ticket_sla_ids._follow_buyer_messages()
        return True

    def _check_agent(self):
        """Agents who work the tickets: not customers, not department managers."""
        if not self.env.user._is_internal() or not self.env.user.has_group(
            "helpdesk_mgmt.group_helpdesk_user_own"
        ):
            raise AccessError(
                self.env._(
                    "Only the agents answering the ticket can say that a buyer's message "
                    "needs no response."
                )
            )
        self.check_access("read")
        self.ticket_id.check_access("write")

    # ------------------------------------------------------------------
    @api.model
    def _on_ticket_message(self, ticket, message):
        """Called for every message posted on ``ticket``: a buyer's message starts a
        clock, an agent's reply answers the open ones."""
        writer = self._writer(ticket)
        ticket = ticket.sudo()  # the buyer posting does not read SLA rules or clocks
        message = message.sudo()
        if not writer and self._is_buyer_message(ticket, message):
            return self._start(ticket, message)
        if self._is_answer(ticket, message, writer):
            return self._answer(ticket, message, writer)
        return self.browse()

    @api.model
    def _writer(self, ticket):
        """The company's user writing the message being posted on ``ticket`` in his
        own session (the chatter, the composer, a reply he scheduled, the API): the
        message is his, whatever author it names, so an agent neither starts a
        buyer's clock by posting as the customer nor answers one in a colleague's
        name. Empty when the system posts (the mail gateway, the portal, scheduled
        actions), and when an employee writes on his own ticket (he is its
        customer: his message answered nobody): the author tells."""
        user = self.env.user
        if self.env.su or user._is_superuser() or not user._is_internal():
            return user.browse()
        if user.partner_id == ticket.sudo().partner_id:
            return user.browse()
        return user

    @api.model
    def _message_time(self, message):
        """When ``message`` came, as the clocks count it. A message the system posts
        (the mail gateway's e-mail, with the date it was sent; scheduled actions;
        data) keeps its date. A message a user posts came now, on the server's
        clock: the date a client may send with it (in the future or the past)
        is his own choosing. A reply posted for a later date came when mail sent
        it."""
        if (self.env.cr.cache.get(POST_KEY) or {}).get("sent_now"):
            return self._posted_now(message)
        if self.env.su or self.env.uid == SUPERUSER_ID:
            return message.date or self._posted_now(message)
        return self._posted_now(message)

    @api.model
    def _posted_now(self, message):
        """The server's time of ``message``: one instant for all that asks (its
        clocks, the ticket's first response), a second boundary between them
        apart."""
        return self.env.cr.cache.setdefault("cbo_posted_now", {}).setdefault(
            message.id, fields.Datetime.now()
        )

    @api.model
    def _is_public(self, message):
        """Seen by the customer: not a note, not an internal reply."""
        return message.subtype_id and not message.subtype_id.internal and not message.is_internal

    @api.depends("message_id.body")
    def _compute_preview(self):
        for clock in self:
            clock.preview = buyer_words(html2plaintext(clock.message_id.body or ""))

    @api.model
    def _is_buyer_message(self, ticket, message):
        """A message from the customer: an incoming e-mail or a portal message of the
        ticket's partner, or of any author who is not one of the company's users.
        Notes, automatic messages (acknowledgements, tracking) and messages of
        OdooBot are not."""
        if message.message_type not in ("email", "comment") or not self._is_public(message):
            return False
        author = message.author_id
        if author and author == ticket.partner_id:
            return True
        if author == self.env.ref("base.partner_root"):
            return False
        return not any(user._is_internal() for user in author.user_ids)

    @api.model
    def _is_customers_own(self, ticket, message):
        """A message the ticket's customer, his company or one of its contacts
        wrote (an e-mail, a portal message), not a user of the company: the
        customer's side of a ticket the staff typed in (see the trial
        measures)."""
        author = message.author_id
        return bool(
            message.message_type in ("email", "comment")
            and author
            and ticket.partner_id
            and author.commercial_partner_id == ticket.partner_id.commercial_partner_id
            and not any(user._is_internal() for user in author.user_ids)
        )

    @api.model
    def _is_answer(self, ticket, message, writer=None):
        """``message`` answers the customer of ``ticket``: the one test of the
        ticket's first response and of the buyer messages' response clocks. It is
        a message (not a note, not an internal reply; not an automatic
        acknowledgement nor a template sent on a stage change, which are
        ``auto_comment`` or notifications), written by one of the company's users
        (see ``_answerer``), that says something (not empty, not a ".") and that
        the customer receives (see ``_reaches_customer``)."""
        # email_outgoing: e-mailed from the ticket list (the composer's mass mode),
        # public when a user wrote it, not an automatic e-mail of a stage
        if message.message_type not in ("comment", "email", "email_outgoing"):
            return False
        if not self._is_public(message):
            return False
        return bool(
            self._answerer(ticket, message, writer)
            and has_words(html2plaintext(visible_html(message.body), include_references=False))
            and self._reaches_customer(ticket, message, writer)
        )

    @api.model
    def _answerer(self, ticket, message, writer=None):
        """The user who answers with ``message``: ``writer``, the company's user
        posting it in his session (the chatter, the composer, the API), whoever
        holds the ticket; else, when the system posts it (the agent's e-mail
        through the mail gateway, a reply he scheduled), its author if he is one of
        the company's users. OdooBot answers nobody, nor does the ticket's
        customer."""
        if writer:
            return writer
        author = message.author_id
        if not author or author in (self.env.ref("base.partner_root"), ticket.partner_id):
            return self.env["res.users"]
        return author.user_ids.filtered(lambda user: user._is_internal())[:1]

    @api.model
    def _reaches_customer(self, ticket, message, writer=None):
        """The customer of ``ticket`` receives ``message``: he is one of its
        recipients (the chatter's or the composer's "To"; an address typed in;
        the To or Cc of an agent's e-mail through the mail gateway), or he follows
        the ticket for messages of its kind. A ticket with no customer (no contact,
        no e-mail) has nobody to answer. A post sent later (a scheduled date) or
        to its named recipients only (``notify_skip_followers``) reaches him when
        and as it is sent (see ``helpdesk.ticket.message_post``); an e-mail from
        the ticket list (the composer's mass mode) goes to its recipients only."""
        post = self.env.cr.cache.get(POST_KEY) or {}
        if post.get("deferred"):
            return False
        followers = ticket.message_follower_ids.filtered(
            lambda follower: message.subtype_id in follower.subtype_ids
        ).partner_id
        skip_followers = post.get("skip_followers") or message.message_type == "email_outgoing"
        recipients = message.partner_ids | (followers.browse() if skip_followers else followers)
        # what a user posts goes to the typed-in addresses only; the To and Cc of an
        # e-mail the gateway brought in were its own recipients (not e-mailed again)
        return self._addressed_to_customer(
            ticket, message, recipients, ("outgoing_email_to",) if writer else None
        )

    @api.model
    def _received_by_customer(self, ticket, message):
        """Once ``message`` is sent: the customer of ``ticket`` is one of those it
        named or notified, or an address it went to is his. Judged again when the
        ticket is given another customer (see ``helpdesk.ticket``). A message a
        user posted went to the typed-in addresses only: the To and Cc he may send
        along as 'already received' reached nobody (Odoo e-mails them no copy)."""
        recipients = message.partner_ids | message.notification_ids.res_partner_id
        poster = message.create_uid
        posted = poster and poster.id != SUPERUSER_ID and poster._is_internal()
        return self._addressed_to_customer(
            ticket, message, recipients, ("outgoing_email_to",) if posted else None
        )

    @api.model
    def _addressed_to_customer(self, ticket, message, recipients, email_fields=None):
        customer = ticket.partner_id
        # named, he receives it by e-mail or in his inbox (a portal user); a
        # contact with neither (a phoned-in customer) is reached by nothing
        if customer and customer in recipients and (customer.email or customer.user_ids):
            return True
        emails = ticket._cbo_customer_addresses()
        if not emails:
            return False
        addressed = set(recipients.mapped("email_normalized"))
        for field in email_fields or (
            "outgoing_email_to",
            "incoming_email_to",
            "incoming_email_cc",
        ):
            addressed.update(
                email for _name, email in email_split_and_normalize(message[field] or "")
            )
        return bool(emails & addressed)

    def _reopen_unreceived(self):
        """The clocks among these whose answer their ticket's customer did not
        receive (the ticket was given another customer since): waiting again, or
        late once their deadline passed, for an answer he receives."""
        now = fields.Datetime.now()
        lost = self.filtered(
            lambda clock: not self._received_by_customer(clock.ticket_id, clock.answer_message_id)
        )
        overdue = lost.filtered(lambda c: c.state == LATE or (c.deadline and c.deadline < now))
        for clock in lost:  # each its own answer, kept aside for a change back
            clock.write(
                {
                    "answer_kept": {
                        "state": clock.state,
                        "date": fields.Datetime.to_string(clock.answered_date),
                        "message": clock.answer_message_id.id,
                        "user": clock.answered_by_id.id,
                    },
                    "state": LATE if clock in overdue else WAITING,
                    "answered_date": False,
                    "answer_message_id": False,
                    "answered_by_id": False,
                }
            )
        if lost:
            lost.ticket_id.ticket_sla_ids._follow_buyer_messages()
        return lost

    def _answers_back(self):
        """The clocks among these still open whose kept-aside answer their
        ticket's customer received (the customer put back after a change): they
        get it back, as it was recorded (met or late)."""
        Message = self.env["mail.message"].sudo()
        back = self.filtered(
            lambda c: c.answer_kept
            and not c.answered_date
            and c.state in (WAITING, LATE)
            and self._received_by_customer(c.ticket_id, Message.browse(c.answer_kept["message"]))
        )
        for clock in back:  # each its own answer
            kept = clock.answer_kept
            clock.write(
                {
                    "state": kept["state"],
                    "answered_date": kept["date"],
                    "answer_message_id": kept["message"],
                    "answered_by_id": kept["user"],
                    "answer_kept": False,
                }
            )
        if back:
            back._close_reminders()
            back.ticket_id.ticket_sla_ids._follow_buyer_messages()
        return back

    @api.model
    def _start(self, ticket, message):
        slas = ticket.ticket_sla_ids.sla_id.filtered(
            lambda sla: sla.channel_id and sla.channel_id == ticket.channel_id
        )
        if not slas:
            return self.browse()
        received = self._message_time(message)
        # the strictest rule when several apply
        deadline, sla = min(
            ((sla._response_deadline(received, ticket.team_id), sla) for sla in slas),
            key=lambda pair: (not pair[0], pair[0] or received),
        )
        remind = deadline and sla.reminder_hours > 0
        clock = self.sudo().create(  # the system's record of a message the caller posted
            {
                "ticket_id": ticket.id,
                "message_id": message.id,
                "channel_id": ticket.channel_id.id,
                "sla_id": sla.id,
                "received_date": received,
                "deadline": deadline,
                "remind_date": remind and deadline - timedelta(hours=sla.reminder_hours),
            }
        )
        ticket.ticket_sla_ids._follow_buyer_messages()
        return clock

    @api.model
    def _answer(self, ticket, reply, writer=None):
        """The reply answers every message of the ticket still unanswered (waiting,
        or already late): Amazon scores each message, and a reply answers all
        those received before it."""
        open_clocks = self.sudo().search(
            Domain("ticket_id", "=", ticket.id)
            & Domain("state", "in", (WAITING, LATE))
            & Domain("answered_date", "=", False)
            # a clock whose message an administrator removed was received before
            & (Domain("message_id", "<", reply.id) | Domain("message_id", "=", False))
        )
        if not open_clocks:
            return self.browse()
        answered_at = self._message_time(reply)
        author = self._answerer(ticket, reply, writer)
        by_state = {}
        for clock in open_clocks:
            state = LATE if clock.state == LATE else answer_state(clock.deadline, answered_at)
            by_state.setdefault(state, self.sudo())
            by_state[state] |= clock
        for state, clocks in by_state.items():
            clocks.write(
                {
                    "state": state,
                    "answered_date": answered_at,
                    "answer_message_id": reply.id,
                    "answered_by_id": author.id,
                }
            )
        open_clocks._close_reminders()
        ticket.ticket_sla_ids._follow_buyer_messages()
        return open_clocks

    # ------------------------------------------------------------------
    @api.model
    def _cron_mark_late(self, batch_size=500):
        processed, remaining = self._mark_late_batch(batch_size)
        self.env["ir.cron"]._commit_progress(processed, remaining=remaining)

    @api.model
    def _mark_late_batch(self, batch_size=500, now=None):
        """Clocks still waiting when their deadline passed become late, one bounded
        batch per call (running it twice does the work once). Returns (processed,
        remaining)."""
        now = now or fields.Datetime.now()
        domain = [("state", "=", WAITING), ("deadline", "<", now)]
        Clock = self.sudo()
        found = Clock.search(domain, limit=batch_size, order="deadline, id")
        if not found:
            return 0, 0
        # a clock being answered right now is skipped, not waited for: the reply
        # decides it (met or late), the next run sees it no longer waiting
        clocks = found.try_lock_for_update(allow_referencing=True)
        clocks.write({"state": LATE})
        clocks.ticket_id.ticket_sla_ids._follow_buyer_messages()
        return len(clocks), Clock.search_count(domain)

    @api.model
    def _cron_remind(self, batch_size=500):
        processed, remaining = self._remind_batch(batch_size)
        self.env["ir.cron"]._commit_progress(processed, remaining=remaining)

    @api.model
    def _remind_batch(self, batch_size=500, now=None, clocks=None):
        """The ticket's agent gets one activity when buyer messages of his ticket
        near their deadline unanswered (one per ticket, whatever the number of
        messages). Bounded batch, once per clock (or ``clocks``, due now). Returns
        (processed, remaining)."""
        now = now or fields.Datetime.now()
        domain = [("state", "=", WAITING), ("remind_date", "<=", now)]
        if clocks is not None:
            domain.append(("id", "in", clocks.ids))
        Clock = self.sudo()
        clocks = Clock.search(domain, limit=batch_size, order="remind_date, id")
        if not clocks:
            return 0, 0
        clocks = clocks.try_lock_for_update(allow_referencing=True)
        by_ticket = {}
        for clock in clocks.filtered(lambda c: c.deadline > now):  # late ones: too late
            by_ticket.setdefault(clock.ticket_id, Clock)
            by_ticket[clock.ticket_id] |= clock
        for ticket, ticket_clocks in by_ticket.items():
            agent = ticket.user_id or ticket.team_id.user_id or ticket.team_id.user_ids[:1]
            if not agent:
                # nobody to remind (no agent, no team leader or member): the ticket
                # stays in *Buyer waiting for an answer*; its agent gets the
                # reminder when one is given to it before the deadline
                _logger.info("Buyer message reminder skipped: ticket %s has no agent", ticket.id)
                continue
            deadline = min(ticket_clocks.mapped("deadline"))
            activity = ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=deadline.date(),
                summary=self.env._(
                    "Buyer waiting: answer before %(deadline)s",
                    deadline=format_datetime(
                        self.env, deadline, tz=agent.tz or "UTC", dt_format="short"
                    ),
                ),
                user_id=agent.id,
            )
            ticket_clocks.write({"reminder_activity_id": activity.id})
        clocks.write({"remind_date": False})  # once per clock
        return len(clocks), Clock.search_count(domain)

    @api.model
    def _hand_over_reminders(self, tickets):
        """The tickets have a new agent: the reminders of buyers still waiting are
        his (the previous agent's are removed, and the reminders made again), and
        a ticket that had nobody to remind gets its reminder now."""
        now = fields.Datetime.now()
        clocks = (
            self.sudo()  # the system's reminders; the caller's write of the ticket is checked
            .search(
                [
                    ("ticket_id", "in", tickets.ids),
                    ("state", "=", WAITING),
                    ("remind_date", "=", False),
                    ("deadline", ">", now),
                ]
            )
            .filtered(
                lambda clock: clock.sla_id.reminder_hours > 0
                and clock.deadline - timedelta(hours=clock.sla_id.reminder_hours) <= now
            )
        )
        if not clocks:
            return
        clocks.reminder_activity_id.filtered("active").unlink()
        clocks.write({"remind_date": now})
        self._remind_batch(batch_size=len(clocks), now=now, clocks=clocks)

    def _close_reminders(self):
        """The reminders of answered clocks are done, once no clock of theirs waits."""
        activities = self.reminder_activity_id
        if not activities:
            return
        still_waiting = self.search(
            [("reminder_activity_id", "in", activities.ids), ("state", "=", WAITING)]
        ).reminder_activity_id
        # the reminder is the ticket agent's; whoever answered closes it
        (activities - still_waiting).sudo().action_feedback(
            feedback=self.env._("The buyer got an answer.")
        )

    # ------------------------------------------------------------------
    @api.model
    def _crossborder_demo_clocks(self):
        """Buyer messages on the demo marketplace tickets, relative to today: one
        answered in time, one late, one 'no response needed', one waiting and one
        left unanswered past its deadline."""
        ref = self.env.ref
        now = fields.Datetime.now()
        agent = ref("crossborder_ops_helpdesk.user_agent_after_demo")
        Ticket = self.env["helpdesk.ticket"].sudo()
        team = ref("crossborder_ops_helpdesk.team_store_demo")

        relay = "buyer-demo@marketplace.example.com"  # the marketplace's relay of the buyer

        def ticket(name):
            found = Ticket.search([("name", "=", name), ("team_id", "=", team.id)], limit=1)
            # the buyer is reached at the relay he wrote from: the replies answer him
            found.filtered(lambda t: not t.partner_id and not t.partner_email).partner_email = relay
            return found

        def buyer(record, hours_ago, body):
            return record.message_post(
                body=body,
                email_from=relay,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
                date=now - timedelta(hours=hours_ago),
            )

        def reply(record, hours_ago, body):
            return record.message_post(
                body=body,
                author_id=agent.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                date=now - timedelta(hours=hours_ago),
                outgoing_email_to=relay,
            )

        adapter = ticket("Does this adapter work in the UK?")
        buyer(adapter, 47, "Will this adapter work with a UK socket?")
        reply(adapter, 44, "Yes: it takes type G plugs, as used in the UK.")
        lamp = ticket("Lamp plug does not fit")
        buyer(lamp, 90, "The plug of the lamp does not fit in my socket.")
        reply(lamp, 60, "Sorry for the trouble: we are sending you an adapter today.")
        buyer(lamp, 2, "Thanks, got it!")
        thanks = lamp.buyer_message_ids.filtered(lambda c: c.state == WAITING)
        thanks.write(
            {"state": NO_RESPONSE, "no_response_user_id": agent.id, "no_response_date": now}
        )
        buyer(ticket("Where is my order?"), 1, "Where is my order? It has been two weeks.")
        buyer(ticket("Received a blue one, ordered red"), 30, "I ordered red, got blue.")
        self._mark_late_batch(now=now)
        (adapter | lamp).ticket_sla_ids._follow_buyer_messages()
        return True
