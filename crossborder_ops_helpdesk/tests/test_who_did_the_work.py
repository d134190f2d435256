# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The stamps of a ticket name who did the work (audit F2, F3, F5, F7): who
answered the customer first, who closed the ticket, that the customer came back,
who classified a disputed cause. Played from outside: JSON-RPC as the trainee,
his colleague and the department; the mail gateway for the customer."""

from datetime import timedelta

from odoo import fields, http
from odoo.tests import new_test_user, tagged

from .common import MonitorHttpCase, causes_of, load_migration
from .test_buyer_message_sla import BuyerMessageData

CUSTOMER_MAIL = """From: {sender}
To: {to}
Subject: Re: {subject}
Message-ID: <{key}@example.com>
References: {references}
In-Reply-To: {references}
Date: {date}
Content-Type: text/plain; charset="utf-8"

{body}
"""


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestWhoDidTheWork(BuyerMessageData, MonitorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trainee = new_test_user(
            cls.env,
            login="cbo_trainee",
            name="Tim Trainee",
            email="tim.trainee@example.com",
            groups="helpdesk_mgmt.group_helpdesk_user_own",
        )
        cls.agent.email = "ada.agent@example.com"
        cls.team.user_ids |= cls.trainee
        cls.customer = cls.env["res.partner"].create(
            {"name": "Oliver Bennett", "email": "oliver.bennett@example.com"}
        )
        cls.comment = {"message_type": "comment", "subtype_xmlid": "mail.mt_comment"}

    def _as(self, user):
        self.authenticate(user.login, user.login)

    def _ok(self, model, method, args, **kwargs):
        result, error = self._call_kw(model, method, args, **kwargs)
        self.assertFalse(error, error)
        return result

    def _his_ticket(self, name, hours_ago=30, **values):
        values = {
            "category_id": self.cat_pre.id,
            "user_id": self.trainee.id,
            "partner_id": self.customer.id,
        } | values
        return self._ticket(
            name=name, created=fields.Datetime.now() - timedelta(hours=hours_ago), **values
        )

    def _warehouse_disputes(self, ticket, note):
        """As the warehouse's manager, from the Dispute window."""
        self._as(self.wh_manager_user)
        self._ok(
            "helpdesk.ticket",
            "action_dispute_attribution",
            [ticket.ids],
            note=note,
            causes=causes_of(ticket),
        )
        self.env.invalidate_all()

    def _window(self, ticket, user=None):
        self.env.flush_all()
        self.env.invalidate_all()
        created = ticket.create_date
        return [
            ((user or self.trainee).id, created - timedelta(days=1), created + timedelta(days=1))
        ]

    def _mail(self, ticket, key, body, sender=None, to="support@example.com"):
        """An e-mail answering the last message of the ticket its customer got,
        through the mail gateway."""
        last = ticket.sudo().message_ids.filtered(
            lambda m: m.message_id and not m.is_internal and not m.subtype_id.internal
        )[:1]
        self.env["mail.thread"].message_process(
            "helpdesk.ticket",
            CUSTOMER_MAIL.format(
                sender=sender or f"{self.customer.name} <{self.customer.email}>",
                to=to,
                subject=ticket.name,
                key=key,
                references=last.message_id,
                date=fields.Datetime.now().strftime("%a, %d %b %Y %H:%M:%S +0000"),
                body=body,
            ),
        )
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # F2: the answer and the closing are the acting user's
    # ------------------------------------------------------------------
    def test_handing_over_to_answer_and_close_leaves_the_work_his(self):
        """The trainee handed his 30-hours-old ticket to a colleague, answered it
        and closed it, and took it back: the slow answer and the closing were
        stamped on his colleague (audit F2)."""
        trick = self._his_ticket("Lamp plug does not fit")
        self._as(self.trainee)
        self._ok("helpdesk.ticket", "write", [trick.ids, {"user_id": self.agent.id}])
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [trick.ids],
            body="Sorry, we send you an adapter today.",
            partner_ids=self.customer.ids,
            **self.comment,
        )
        self._ok("helpdesk.ticket", "write", [trick.ids, {"stage_id": self.stage_done.id}])
        self._ok("helpdesk.ticket", "write", [trick.ids, {"user_id": self.trainee.id}])
        self.env.invalidate_all()
        self.assertEqual(trick.user_id, self.trainee, "his ticket again")
        self.assertEqual(
            (trick.first_response_user_id, trick.closed_by_id),
            (self.trainee, self.trainee),
            "he answered it and he closed it",
        )
        Measure = self.env["crossborder.trial.measure"]
        [(median, count, _domain)] = Measure._crossborder_measure_cs_first_response(
            self._window(trick)
        )
        self.assertEqual(count, 1)
        self.assertGreaterEqual(median, 29.9, "his slow answer is in his median")
        [(_median, count, _domain)] = Measure._crossborder_measure_cs_first_response(
            self._window(trick, self.agent)
        )
        self.assertEqual(count, 0, "nothing of it for his colleague")
        [(_rate, closed, _domain)] = Measure._crossborder_measure_cs_reopen_rate(
            self._window(trick)
        )
        self.assertEqual(closed, 1, "his closing is in his reopen rate")

    def test_composer_and_colleagues_answers_name_who_wrote(self):
        """The composer (the Reply button, answer templates) stamps who wrote the
        answer; a colleague answering or closing the trainee's ticket is named,
        not the trainee who holds it."""
        handed = self._his_ticket("Adapter for the UK?")
        self._as(self.trainee)
        self._ok("helpdesk.ticket", "write", [handed.ids, {"user_id": self.agent.id}])
        composer = self._ok(
            "mail.compose.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_ids": str(handed.ids),
                    "composition_mode": "comment",
                    "message_type": "comment",
                    "subtype_id": self.env.ref("mail.mt_comment").id,
                    "body": "Yes, it takes type G plugs.",
                    "partner_ids": [(6, 0, self.customer.ids)],
                }
            ],
        )
        self._ok("mail.compose.message", "action_send_mail", [[composer]])
        self.env.invalidate_all()
        self.assertEqual(handed.first_response_user_id, self.trainee, "he wrote it")
        helped = self._his_ticket("Which size is a German 42?")
        self._as(self.agent)
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [helped.ids],
            body="A German 42 is a UK 8.",
            partner_ids=self.customer.ids,
            **self.comment,
        )
        self._ok("helpdesk.ticket", "write", [helped.ids, {"stage_id": self.stage_done.id}])
        self.env.invalidate_all()
        self.assertEqual(helped.user_id, self.trainee)
        self.assertEqual(
            (helped.first_response_user_id, helped.closed_by_id),
            (self.agent, self.agent),
            "his colleague answered and closed it",
        )
        # the agent's answer by e-mail from her mailbox, the helpdesk in copy
        mailed = self._his_ticket("Parcel stuck in customs")
        self._mail(
            mailed,
            "cbo-agent-answer",
            "The customs office needs your ID number.",
            sender=f"Ada Agent <{self.agent.email}>",
            to=f"{self.customer.email}, support@example.com",
        )
        self.assertEqual(mailed.first_response_user_id, self.agent, "her e-mail answered it")

    def test_tickets_worked_before_the_update_are_stamped_from_their_chatter(self):
        """Tickets answered and closed before the stamps named who did the work
        carry the agent who held them then; the update sets them again from the
        chatter, where it names one of the company's users, and leaves the rest."""
        helped = self._his_ticket("Return label for a broken vase")
        self._as(self.agent)
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [helped.ids],
            body="Here is your return label.",
            partner_ids=self.customer.ids,
            **self.comment,
        )
        self._ok("helpdesk.ticket", "write", [helped.ids, {"stage_id": self.stage_done.id}])
        # closed by a scheduled action: nobody of the company to name
        auto = self._his_ticket("No answer from the customer for 14 days")
        auto.with_user(self.env.ref("base.user_root")).write({"stage_id": self.stage_done.id})
        self.env.flush_all()
        # as the former code stamped them: the agent holding them
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET first_response_user_id = %s, closed_by_id = %s"
            " WHERE id IN %s",
            (self.trainee.id, self.trainee.id, (helped.id, auto.id)),
        )
        self.env.invalidate_all()
        load_migration("19.0.2.10.0").migrate(self.env.cr, "19.0.2.9.0")
        self.env.invalidate_all()
        self.assertEqual(
            (helped.first_response_user_id, helped.closed_by_id),
            (self.agent, self.agent),
            "his colleague answered and closed it",
        )
        self.assertEqual(auto.closed_by_id, self.trainee, "the system closed it: left as it was")
        [(_rate, closed, _domain)] = self.env[
            "crossborder.trial.measure"
        ]._crossborder_measure_cs_reopen_rate(self._window(helped))
        self.assertEqual(closed, 1, "only the ticket the system closed is still his")

    # ------------------------------------------------------------------
    # F3: an answer has words and reaches the customer
    # ------------------------------------------------------------------
    def test_empty_or_unsent_message_is_no_answer(self):
        """An empty message, a ".", or a message the customer does not receive set
        the first response (0 h) and met the buyer's response clock (audit F3)."""
        ticket = self._marketplace_ticket(user_id=self.trainee.id, partner_id=self.customer.id)
        self._buyer_writes(ticket, fields.Datetime.now() - timedelta(hours=1))
        clock = ticket.buyer_message_ids
        self.assertEqual(clock.state, "waiting")
        self._as(self.trainee)
        for body in ("", ".", "  ... !", "\n - \n"):
            with self.subTest(body=body):
                self._ok(
                    "helpdesk.ticket",
                    "message_post",
                    [ticket.ids],
                    body=body,
                    partner_ids=self.customer.ids,
                    **self.comment,
                )
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="Your parcel left our warehouse today.",
            partner_ids=[],
            **self.comment,
        )
        self.env.invalidate_all()
        self.assertFalse(ticket.first_response_date, "the customer got no answer")
        self.assertEqual(clock.state, "waiting", "the buyer still waits")
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="Your parcel left our warehouse today.",
            partner_ids=self.customer.ids,
            **self.comment,
        )
        self.env.invalidate_all()
        self.assertEqual(ticket.first_response_user_id, self.trainee)
        self.assertEqual(clock.state, "met")
        self.assertEqual(clock.answered_by_id, self.trainee)
        # a customer who follows the ticket receives its messages
        followed = self._his_ticket("Is the scarf silk?", hours_ago=2)
        followed.message_subscribe(partner_ids=self.customer.ids)
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [followed.ids],
            body="Yes, pure silk.",
            **self.comment,
        )
        followed.invalidate_recordset()
        self.assertEqual(followed.first_response_user_id, self.trainee)

    # ------------------------------------------------------------------
    # F5: the customer comes back on a closed ticket
    # ------------------------------------------------------------------
    def test_customer_writing_again_reopens_the_ticket(self):
        """The customer answered the closed ticket twice by e-mail: it stayed Done,
        reopened 0 times (audit F5)."""
        ticket = self._his_ticket("Lamp plug does not fit")
        self._as(self.trainee)
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="We sent you an adapter.",
            partner_ids=self.customer.ids,
            **self.comment,
        )
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"stage_id": self.stage_done.id}])
        self._ok(
            "helpdesk.ticket", "message_post", [ticket.ids], body="Done, I think.", **self.comment
        )
        ticket.invalidate_recordset()
        self.assertTrue(ticket.closed, "an agent's message does not reopen it")
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"user_id": self.agent.id}])
        self._mail(ticket, "cbo-back-1", "It still does not work, the plug does not fit!")
        self.assertFalse(ticket.closed, "reopened")
        self.assertIn(ticket.stage_id, self.team._get_applicable_stages())
        self.assertEqual(ticket.reopen_count, 1)
        self.assertEqual(ticket.closed_by_id, self.trainee, "his closing came back")
        self.assertEqual(ticket.reopened_by_id, ticket.partner_id, "the customer reopened it")
        self._mail(ticket, "cbo-back-2", "Hello?")
        self.assertEqual(ticket.reopen_count, 1, "open already")
        [(rate, closed, _domain)] = self.env[
            "crossborder.trial.measure"
        ]._crossborder_measure_cs_reopen_rate(self._window(ticket))
        self.assertEqual((rate, closed), (100.0, 1), "in his reopen rate")
        # the portal: the customer writes on his closed ticket
        buyer = new_test_user(self.env, login="cbo_buyer", groups="base.group_portal")
        portal = self._his_ticket("Scarf colour", partner_id=buyer.partner_id.id)
        self._as(self.trainee)
        self._ok("helpdesk.ticket", "write", [portal.ids, {"stage_id": self.stage_done.id}])
        self._as(buyer)
        self._ok(
            "helpdesk.ticket", "message_post", [portal.ids], body="Wrong colour!", **self.comment
        )
        portal.invalidate_recordset()
        self.assertEqual((portal.closed, portal.reopen_count), (False, 1))
        self.assertEqual(portal.reopened_by_id, buyer.partner_id)

    def test_team_that_does_not_reopen_counts_the_come_back(self):
        """A team may keep closed tickets closed when the customer writes again: his
        coming back still counts once in the reopen figure of who closed it."""
        self.team.reopen_on_customer_reply = False
        ticket = self._his_ticket("Lamp plug does not fit")
        self._as(self.trainee)
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"stage_id": self.stage_done.id}])
        self._mail(ticket, "cbo-back-3", "It still does not work!")
        self.assertTrue(ticket.closed, "the team keeps it closed")
        self.assertEqual(ticket.reopen_count, 1, "he came back")
        self._mail(ticket, "cbo-back-4", "Hello?")
        self.assertEqual(ticket.reopen_count, 1, "once per closing")

    def _close_from_portal(self, ticket):
        """The customer's "Close" button on his ticket page (helpdesk_mgmt's route)."""
        response = self.url_open(
            "/ticket/close",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "stage_id": self.stage_done.id,
                "ticket_id": ticket.id,
            },
            allow_redirects=False,
        )
        self.assertTrue(response.headers["Location"].endswith(f"/my/ticket/{ticket.id}"))
        self.env.invalidate_all()

    def test_customer_closing_his_ticket_is_nobodys_closing(self):
        """The customer closed his ticket on the portal: the closing was stamped on
        the trainee who held it, counted in his closings, and the customer's coming
        back counted in his reopen rate. The system's closing stays the agent's."""
        buyer = new_test_user(self.env, login="cbo_closing_buyer", groups="base.group_portal")
        ticket = self._his_ticket("Scarf too short", partner_id=buyer.partner_id.id)
        self._as(self.trainee)
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="Here is how to exchange it.",
            partner_ids=buyer.partner_id.ids,
            **self.comment,
        )
        self._as(buyer)
        self._close_from_portal(ticket)
        self.assertTrue(ticket.closed, "he may close his ticket")
        self.assertFalse(ticket.closed_by_id, "nobody of the company closed it")
        self.assertTrue(ticket.closed_by_customer)
        # the customer does not read, nor write, the stamp
        result, error = self._call_kw(
            "helpdesk.ticket", "read", [ticket.ids, ["closed_by_customer"]]
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError", result)
        Measure = self.env["crossborder.trial.measure"]

        def figures():
            window = self._window(ticket)
            [(rate, closed, _domain)] = Measure._crossborder_measure_cs_reopen_rate(window)
            [(handled, _count, _domain)] = Measure._crossborder_measure_cs_tickets_handled(window)
            return rate, closed, handled

        self.assertEqual(figures(), (None, 0, 1.0), "not his closing; he answered it")
        # the customer writes again: reopened, against nobody
        self._ok(
            "helpdesk.ticket", "message_post", [ticket.ids], body="Still too short", **self.comment
        )
        self.env.invalidate_all()
        self.assertEqual((ticket.closed, ticket.reopen_count), (False, 1))
        # the trainee closes it again: the first closing was the customer's
        self._as(self.trainee)
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"stage_id": self.stage_done.id}])
        self.env.invalidate_all()
        self.assertFalse(ticket.closed_by_id, "the first closing was the customer's")
        self.assertTrue(ticket.closed_by_customer)
        self.assertEqual(figures(), (None, 0, 1.0), "the reopening counts against nobody")
        # nobody of the company makes a closing the customer's, or takes it from him
        mine = self._his_ticket("Scarf colour", partner_id=buyer.partner_id.id)
        self._ok("helpdesk.ticket", "write", [mine.ids, {"stage_id": self.stage_done.id}])
        for target, values in (
            (mine, {"closed_by_customer": True}),
            (ticket, {"closed_by_customer": False}),
        ):
            with self.subTest(values=values):
                result, error = self._call_kw("helpdesk.ticket", "write", [target.ids, values])
                self.assertTrue(error, result)
        self.env.invalidate_all()
        self.assertEqual((mine.closed_by_id, mine.closed_by_customer), (self.trainee, False))
        self.assertTrue(ticket.closed_by_customer)
        # the system's scheduled actions close as before: the closing is the agent's
        system = self._his_ticket("Scarf colour (no answer)", partner_id=buyer.partner_id.id)
        system.stage_id = self.stage_done
        self.assertEqual((system.closed_by_id, system.closed_by_customer), (self.trainee, False))

    def test_customer_closings_before_the_update_are_given_back_to_him(self):
        """Tickets the customer closed on the portal before the update carry their
        agent as "Closed by"; the update reads the chatter: the first closing by a
        portal user is the customer's. The agent's and the system's stay."""
        buyer = new_test_user(self.env, login="cbo_old_buyer", groups="base.group_portal")
        his = self._his_ticket("Belt buckle loose", partner_id=buyer.partner_id.id)
        self._as(buyer)
        self._close_from_portal(his)
        agents = self._his_ticket("Belt colour", partner_id=buyer.partner_id.id)
        self._as(self.trainee)
        self._ok("helpdesk.ticket", "write", [agents.ids, {"stage_id": self.stage_done.id}])
        auto = self._his_ticket("Belt size (no answer)", partner_id=buyer.partner_id.id)
        auto.with_user(self.env.ref("base.user_root")).write({"stage_id": self.stage_done.id})
        self.env.flush_all()
        # as the former code stamped them: the agent holding them
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET closed_by_id = %s, closed_by_customer = FALSE"
            " WHERE id IN %s",
            (self.trainee.id, (his | agents | auto)._ids),
        )
        self.env.invalidate_all()
        load_migration("19.0.2.11.0").migrate(self.env.cr, "19.0.2.10.0")
        self.env.invalidate_all()
        self.assertEqual(
            [(t.closed_by_id, t.closed_by_customer) for t in his | agents | auto],
            [(self.env["res.users"], True), (self.trainee, False), (self.trainee, False)],
        )

    # ------------------------------------------------------------------
    # F7: a dispute without a recorded classifier
    # ------------------------------------------------------------------
    def test_dispute_without_classifier_is_nobodys(self):
        """A cause set by the system (no classifier recorded) on a ticket handed to
        the trainee: the department's dispute counted for him (audit F7)."""
        ticket = self._ticket(
            name="Wrong colour",
            category_id=self.cat_after.id,
            user_id=self.agent.id,
            partner_id=self.customer.id,
            root_cause_id=self.c_wrong_item.id,
        )
        self.assertFalse(ticket.classified_by_id, "the system set the cause")
        ticket.with_user(self.agent).user_id = self.trainee
        self._warehouse_disputes(ticket, "We never stock that colour")
        self.assertEqual(ticket.attribution_state, "disputed")
        self.assertFalse(ticket.attribution_disputed_user_ids, "nobody classified it")
        [(count, _figure, _domain)] = self.env[
            "crossborder.trial.measure"
        ]._crossborder_measure_cs_disputes_lost(self._window(ticket))
        self.assertEqual(count, 0.0, "not in the measure of who holds it now")
        note = ticket.message_ids.filtered(lambda m: "never stock" in (m.body or ""))
        self.assertIn("counts for nobody", note.body)

    # ------------------------------------------------------------------
    # outside audit 36: disputed twice, answered by way of a stand-in customer
    # ------------------------------------------------------------------
    def test_a_dispute_stays_with_each_classifier(self):
        """The trainee's cause was disputed; a colleague set another cause of the
        same department, which disputed it too: the second dispute named only
        the colleague, and the trainee's 'attributions disputed' fell to 0."""
        ticket = self._his_ticket("Wrong colour twice", category_id=self.cat_after.id)
        self._as(self.trainee)
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"root_cause_id": self.c_wrong_item.id}])
        self._warehouse_disputes(ticket, "We never stock that colour")
        self._as(self.agent)
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"root_cause_id": self.c_missing.id}])
        self._warehouse_disputes(ticket, "It was in the parcel")
        self.assertEqual(ticket.classified_by_id, self.agent, "the colleague's cause now")
        Measure = self.env["crossborder.trial.measure"]
        for user in (self.trainee, self.agent):
            with self.subTest(user=user.name):
                [(count, _figure, domain)] = Measure._crossborder_measure_cs_disputes_lost(
                    self._window(ticket, user)
                )
                self.assertEqual(count, 1.0, "each classification that did not hold counts")
                self.assertEqual(self.env["helpdesk.ticket"].search(domain), ticket)

    def _stand_in_answer(self, ticket, stand_in, **post):
        """As the trainee: the ticket's customer changed to ``stand_in``, an answer
        to him, and the customer put back."""
        self._as(self.trainee)
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"partner_id": stand_in.id}])
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="Thanks, we refund you today.",
            partner_ids=stand_in.ids,
            **self.comment,
            **post,
        )
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"partner_id": self.customer.id}])
        self.env.invalidate_all()

    def test_an_answer_to_a_stand_in_customer_answers_nobody(self):
        """The trainee put a colleague in as the ticket's customer, answered him
        and put the customer back: his first response was stamped at once,
        while the customer never got a word."""
        ticket = self._his_ticket("Parcel never came")
        self._stand_in_answer(ticket, self.agent.partner_id)
        self.assertFalse(ticket.first_response_date, "the customer got no answer")
        self.assertFalse(ticket.first_response_user_id)
        [(_median, count, _domain)] = self.env[
            "crossborder.trial.measure"
        ]._crossborder_measure_cs_first_response(self._window(ticket))
        self.assertEqual(count, 0, "nothing answered in his trial")
        # the answer the customer gets is the first response, and it stays when
        # the customer is changed to a contact who got it too
        boss = self.env["res.partner"].create(
            {"name": "Olivia Bennett", "email": "olivia.bennett@example.com"}
        )
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="Sorry, your parcel leaves today.",
            partner_ids=(self.customer | boss).ids,
            **self.comment,
        )
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"partner_id": boss.id}])
        self.env.invalidate_all()
        self.assertEqual(ticket.first_response_user_id, self.trainee)
        self.assertTrue(ticket.first_response_date, "Olivia got it too")

    def test_a_slow_answer_stays_when_the_customer_is_changed_and_put_back(self):
        """The trainee answered his customer after two days, gave the ticket
        another address and put the customer's back: the slow answer left his
        median and his tickets, though the customer had received it."""
        ticket = self._his_ticket("Wrong colour", hours_ago=48)
        self._as(self.trainee)
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="Sorry, we send the right colour today.",
            partner_ids=self.customer.ids,
            **self.comment,
        )
        self.env.invalidate_all()
        answer, hours = ticket.first_response_message_id, ticket.first_response_hours
        self.assertGreaterEqual(hours, 48)
        for email in ("someone.else@example.com", self.customer.email):
            self._ok("helpdesk.ticket", "write", [ticket.ids, {"partner_email": email}])
        other = self.env["res.partner"].create({"name": "Somebody", "email": "some@example.com"})
        for partner in (other, self.customer):
            self._ok("helpdesk.ticket", "write", [ticket.ids, {"partner_id": partner.id}])
        self.env.invalidate_all()
        self.assertEqual(ticket.first_response_message_id, answer, "the customer received it")
        self.assertEqual(ticket.first_response_user_id, self.trainee)
        self.assertAlmostEqual(ticket.first_response_hours, hours, delta=0.02)
        [(median, count, _domain)] = self.env[
            "crossborder.trial.measure"
        ]._crossborder_measure_cs_first_response(self._window(ticket))
        self.assertEqual(count, 1)
        self.assertGreaterEqual(median, 48)

    def test_a_reply_sent_later_is_no_first_response_after_a_round_trip(self):
        """The trainee posted his reply to be sent in a month, changed the
        customer and put him back: the queued reply, which the customer had not
        received, became the ticket's first response (outside audit 57, F1)."""
        ticket = self._his_ticket("Parcel late", hours_ago=5)
        self._as(self.trainee)
        later = fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=30))
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="We will look into it.",
            partner_ids=self.customer.ids,
            scheduled_date=later,
            **self.comment,
        )
        other = self.env["res.partner"].create({"name": "Somebody", "email": "some@example.com"})
        for partner in (other, self.customer):
            self._ok("helpdesk.ticket", "write", [ticket.ids, {"partner_id": partner.id}])
        self.env.invalidate_all()
        self.assertFalse(ticket.first_response_message_id, "nothing sent yet")
        self.assertFalse(ticket.first_response_user_id)

    def test_an_address_said_received_reached_nobody(self):
        """The same, with the customer's address sent along as one that had the
        message already (incoming_email_to, which Odoo e-mails no copy): it was
        taken as his, and the first response stayed the trainee's."""
        ticket = self._his_ticket("Parcel never came either")
        self._stand_in_answer(ticket, self.agent.partner_id, incoming_email_to=self.customer.email)
        self.assertFalse(ticket.first_response_date, "the customer got no answer")
        self.assertFalse(
            self.env["mail.mail"].search_count([("email_to", "ilike", self.customer.email)])
        )

    def test_the_tickets_email_beside_its_customer_is_nobody(self):
        """The trainee gave only the ticket's e-mail a colleague's address and
        answered her: the customer the ticket names got nothing, and it counted
        as his first response (the change was not even in the chatter)."""
        ticket = self._his_ticket("Wrong size")
        self._as(self.trainee)
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"partner_email": self.agent.email}])
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="We send the right size today.",
            partner_ids=self.agent.partner_id.ids,
            **self.comment,
        )
        self.env.invalidate_all()
        self.assertFalse(ticket.first_response_date, "Oliver got nothing")
        tracked = ticket.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "partner_email"
        )
        self.assertEqual(tracked.new_value_char, self.agent.email, "the change is told")

    def test_a_customer_with_no_address_gets_no_answer_by_name(self):
        """A customer who phoned in, a contact with no e-mail and no account:
        a message naming him reached nobody, yet it was the first response."""
        caller = self.env["res.partner"].create({"name": "Paula Phone"})
        ticket = self._his_ticket("Called about her refund", partner_id=caller.id)
        self._as(self.trainee)
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="Your refund is on its way.",
            partner_ids=caller.ids,
            **self.comment,
        )
        self.env.invalidate_all()
        self.assertFalse(ticket.first_response_date, "nothing could reach her")

    def test_a_buyers_clock_waits_for_an_answer_he_gets(self):
        """The same on a marketplace ticket: the buyer's message clock was met by
        the answer to the stand-in."""
        ticket = self._marketplace_ticket(user_id=self.trainee.id, partner_id=self.customer.id)
        self._buyer_writes(ticket, fields.Datetime.now() - timedelta(hours=1))
        clock = ticket.sudo().buyer_message_ids
        self.assertEqual(clock.state, "waiting")
        self._stand_in_answer(ticket, self.agent.partner_id)
        self.assertEqual(
            (clock.state, clock.answered_by_id, clock.answer_message_id),
            ("waiting", self.env["res.users"], self.env["mail.message"]),
            "the buyer still waits for an answer",
        )
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket.ids],
            body="Your parcel left today.",
            partner_ids=self.customer.ids,
            **self.comment,
        )
        self.env.invalidate_all()
        self.assertEqual((clock.state, clock.answered_by_id), ("met", self.trainee))
        # the customer changed and put back: his answer comes back as it was sent,
        # on time (the change alone reopened the clock, late by now)
        answer, answered = clock.answer_message_id, clock.answered_date
        other = self.env["res.partner"].create({"name": "Somebody", "email": "some@example.com"})
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"partner_id": other.id}])
        self.env.invalidate_all()
        self.assertFalse(clock.answer_message_id, "Somebody got no answer")
        self._ok("helpdesk.ticket", "write", [ticket.ids, {"partner_id": self.customer.id}])
        self.env.invalidate_all()
        self.assertEqual(
            (clock.state, clock.answered_by_id, clock.answer_message_id),
            ("met", self.trainee, answer),
        )
        self.assertAlmostEqual(clock.answered_date, answered, delta=timedelta(seconds=2))
