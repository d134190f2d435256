# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The written list of a trial, played from outside (JSON-RPC of the web client) as
the trial's manager: "a written list of responsibilities and expected results"
given before the trial, against which the decision on long-term work is taken.
Once the trial has started, what was agreed is not reworded, retargeted or
deleted by its manager; HR managers may correct it, in the trial's chatter; a
responsibility added later is said there too. Ending a trial, like confirming it,
is decided on every expected result rated."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HiringCase, JsonRpc

USER_ERROR = "odoo.exceptions.UserError"


class TrialListCase(JsonRpc, HiringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one calendar day for everybody: the list is agreed from the day after the
        # start as each user's own clock reads it (the server's, UTC, for test users)
        cls.env = cls.env(context=dict(cls.env.context, tz="UTC"))
        env = cls.env
        # the position's recruiter leads the trial (the hire makes him its manager):
        # a recruitment officer, who may add and delete lines
        cls.recruiter = new_test_user(
            env,
            login="cbo_list_recruiter",
            name="Rhea Recruiter",
            groups="hr_recruitment.group_hr_recruitment_user",
        )
        cls.hr_manager = new_test_user(
            env,
            login="cbo_list_hr_manager",
            name="Hugo HR",
            groups="hr_recruitment.group_hr_recruitment_manager",
        )
        cls.trainee = new_test_user(env, login="cbo_list_trainee", name="Tess Trainee")
        cls.job.user_id = cls.recruiter
        hired = cls._applicant("Tess Trainee")
        hired.stage_id = env["hr.recruitment.stage"].search([("hired_stage", "=", True)], limit=1)
        hired.with_user(cls.officer).create_employee_from_applicant()
        cls.trial = env["crossborder.trial"].search([("applicant_id", "=", hired.id)])
        cls.trial.employee_id.write({"user_id": cls.trainee.id, "tz": "UTC"})
        cls.answer, cls.listings = cls.trial.result_ids.sorted("sequence")
        cls.answer.write({"target": 4, "comparison": "<="})
        # hired yesterday: the list was gone through with the trainee on his first day
        today = fields.Date.context_today(cls.trial)
        cls.trial.date_start = today - timedelta(days=1)

    def _rows(self, login):
        """The trial's results as ``login`` reads them."""
        self.authenticate(login, login)
        rows, error = self._call_kw(
            "crossborder.trial.result",
            "search_read",
            [[("trial_id", "=", self.trial.id)]],
            fields=["name", "expected_result", "target", "comparison"],
            order="id",
        )
        self.assertFalse(error, error.get("message"))
        return [
            (row["name"], row["expected_result"], row["target"], row["comparison"]) for row in rows
        ]

    def _messages(self, login):
        """The trial's chatter as ``login`` reads it: {message id: body}."""
        self.authenticate(login, login)
        rows, error = self._call_kw(
            "mail.message",
            "search_read",
            [[("model", "=", "crossborder.trial"), ("res_id", "=", self.trial.id)]],
            fields=["body"],
        )
        self.assertFalse(error, error.get("message"))
        return {row["id"]: row["body"] for row in rows}

    def _notes(self, login):
        """The trial's chatter as ``login`` reads it, in one text."""
        return " ".join(self._messages(login).values())


@tagged("post_install", "-at_install", "crossborder_ops")
class TestWrittenListStays(TrialListCase):
    def test_the_manager_does_not_rewrite_the_agreed_list(self):
        """Past its first day: the trial's manager rates the list he agreed, he
        neither rewords, retargets nor deletes it, on any path."""
        self.assertLess(self.trial.date_start, fields.Date.context_today(self.trial))
        agreed = self._rows("cbo_list_recruiter")
        answer, listings = self.answer.id, self.listings.id
        attempts = [
            ("crossborder.trial.result", "write", [[answer], {"name": "Answer some messages"}]),
            ("crossborder.trial.result", "write", [[answer], {"expected_result": "within 2 days"}]),
            ("crossborder.trial.result", "write", [[answer], {"target": 48}]),
            ("crossborder.trial.result", "write", [[answer], {"comparison": ">="}]),
            ("crossborder.trial.result", "unlink", [[listings]]),
            (
                "crossborder.trial",
                "write",
                [
                    self.trial.ids,
                    {"result_ids": [Command.update(answer, {"expected_result": "some day"})]},
                ],
            ),
            ("crossborder.trial", "write", [self.trial.ids, {"result_ids": [(2, listings)]}]),
            ("crossborder.trial", "write", [self.trial.ids, {"result_ids": [(6, 0, [answer])]}]),
        ]
        for model, method, args in attempts:
            with self.subTest(model=model, method=method, args=args):
                result, error = self._call_kw(model, method, args)
                self.assertEqual(error.get("name"), USER_ERROR, result)
                self.assertIn("agreed", error["message"])
        self.assertEqual(self._rows("cbo_list_recruiter"), agreed)
        # what he is there for stays open: rating, notes, the order of the lines
        self.authenticate("cbo_list_recruiter", "cbo_list_recruiter")
        result, error = self._call_kw(
            "crossborder.trial",
            "write",
            [
                self.trial.ids,
                {
                    "result_ids": [
                        Command.update(answer, {"rating": "met", "final_note": "Quick"}),
                        Command.update(listings, {"sequence": 1, "checkin_note": "Slow start"}),
                    ]
                },
            ],
        )
        self.assertFalse(error, error.get("message"))
        self.assertEqual(self.answer.rating, "met")

    def test_the_trainees_day_decides_wherever_the_manager_sits(self):
        """The list is agreed from the day after the start where the trainee works:
        his manager, hours behind him, gets no extra day to reword it, and sees the
        lines locked on the same day as the trainee."""
        # 20:00 UTC: already the next day in Shanghai, still the same in Honolulu
        now = fields.Datetime.now().replace(hour=20, minute=0, second=0, microsecond=0)
        self.trial.employee_id.tz = "Asia/Shanghai"
        self.recruiter.tz = "Pacific/Honolulu"
        with freeze_time(now):
            self.trial.date_start = now.date()
            self.authenticate("cbo_list_recruiter", "cbo_list_recruiter")
            [locked] = self._call_kw(
                "crossborder.trial", "read", [self.trial.ids, ["list_locked"]]
            )[0]
            self.assertTrue(locked["list_locked"], "locked for him as for the trainee")
            result, error = self._call_kw(
                "crossborder.trial.result", "write", [self.answer.ids, {"target": 48}]
            )
            self.assertEqual(error.get("name"), USER_ERROR, result)
            self.assertEqual(self.answer.target, 4)

    def test_a_plain_manager_is_refused_too(self):
        """A manager with no recruitment rights, who may write the lines of his trial."""
        boss = new_test_user(self.env, login="cbo_list_boss", name="Bea Boss")
        self.trial.sudo().manager_id = boss
        self.authenticate("cbo_list_boss", "cbo_list_boss")
        result, error = self._call_kw(
            "crossborder.trial.result", "write", [self.listings.ids, {"name": "Something else"}]
        )
        self.assertEqual(error.get("name"), USER_ERROR, result)
        self.assertEqual(self.listings.name, "Write product descriptions")

    def test_hr_managers_correct_it_in_the_chatter(self):
        """An HR manager may correct the agreed list; each change reads old → new in
        the trial's chatter, which the trainee and his manager read."""
        self.authenticate("cbo_list_hr_manager", "cbo_list_hr_manager")
        result, error = self._call_kw(
            "crossborder.trial",
            "write",
            [
                self.trial.ids,
                {
                    "result_ids": [
                        Command.update(
                            self.answer.id,
                            {"expected_result": "first answer within 6 hours", "target": 6},
                        ),
                        (2, self.listings.id),
                    ]
                },
            ],
        )
        self.assertFalse(error, error.get("message"))
        self.assertEqual(self.answer.expected_result, "first answer within 6 hours")
        self.assertFalse(self.listings.exists())
        for login in ("cbo_list_trainee", "cbo_list_recruiter"):
            with self.subTest(reader=login):
                notes = self._notes(login)
                self.assertIn("first answer within 4 hours → first answer within 6 hours", notes)
                self.assertIn("4.0 → 6.0", notes)
                self.assertIn("Write product descriptions", notes)
                self.assertIn("two listings a day without errors", notes)

    def test_one_save_is_one_note(self):
        """An HR manager's save that adds a responsibility, rewords another and
        removes a third is one note in the trial's chatter listing the three
        changes (as Odoo's tracking lists the fields of one save), not a note per
        line; from the form (``web_save``), by ``write``, and by one call on the
        expected results themselves."""
        new_answer = "first answer within 6 hours"
        saves = [
            (
                "write",
                [
                    Command.create({"name": "Tag the returns", "expected_result": "same day"}),
                    Command.update(self.answer.id, {"expected_result": new_answer}),
                    Command.delete(self.listings.id),
                ],
                [
                    "Added after the start: Tag the returns (same day)",
                    f"first answer within 4 hours → {new_answer}",
                    "Removed: Write product descriptions (two listings a day without errors)",
                ],
            ),
            (
                "web_save",
                [
                    Command.create({"name": "Pack the samples"}),
                    Command.update(self.answer.id, {"name": "Answer every buyer"}),
                    Command.delete(self.answer.id),
                ],
                [
                    "Added after the start: Pack the samples",
                    "Answer buyer messages → Answer every buyer",
                    f"Removed: Answer every buyer ({new_answer})",
                ],
            ),
        ]
        for method, commands, changes in saves:
            with self.subTest(method=method):
                before = self._chatters()
                self.authenticate("cbo_list_hr_manager", "cbo_list_hr_manager")
                kwargs = {"specification": {}} if method == "web_save" else {}
                result, error = self._call_kw(
                    "crossborder.trial",
                    method,
                    [self.trial.ids, {"result_ids": commands}],
                    **kwargs,
                )
                self.assertFalse(error, error.get("message"))
                self._assert_one_note(before, changes)
        # one call on the expected results themselves: one note for the lines it changes
        lines = self.trial.result_ids
        self.assertEqual(len(lines), 2)
        before = self._chatters()
        self.authenticate("cbo_list_hr_manager", "cbo_list_hr_manager")
        result, error = self._call_kw(
            "crossborder.trial.result", "write", [lines.ids, {"expected_result": "by Friday"}]
        )
        self.assertFalse(error, error.get("message"))
        self._assert_one_note(
            before, ["same day → by Friday", "Pack the samples: Expected Result: - → by Friday"]
        )

    def _chatters(self):
        """The trial's chatter as the trainee and his manager read it."""
        return {
            login: self._messages(login) for login in ("cbo_list_trainee", "cbo_list_recruiter")
        }

    def _assert_one_note(self, before, changes):
        """One new message in the trial's chatter since ``before`` (``_chatters``),
        for the trainee and his manager, naming each of ``changes``."""
        for login, messages in before.items():
            with self.subTest(reader=login):
                after = self._messages(login)
                new = [body for message_id, body in after.items() if message_id not in messages]
                self.assertEqual(len(new), 1, new)
                for change in changes:
                    self.assertIn(change, new[0])

    def test_a_responsibility_added_later_is_said(self):
        self.authenticate("cbo_list_recruiter", "cbo_list_recruiter")
        result, error = self._call_kw(
            "crossborder.trial",
            "write",
            [
                self.trial.ids,
                {
                    "result_ids": [
                        Command.create({"name": "Tag the returns", "expected_result": "same day"})
                    ]
                },
            ],
        )
        self.assertFalse(error, error.get("message"))
        copy, error = self._call_kw("crossborder.trial.result", "copy", [self.answer.ids])
        self.assertFalse(error, error.get("message"))
        notes = self._notes("cbo_list_trainee")
        self.assertIn("Added after the start: Tag the returns (same day)", notes)
        self.assertIn(
            "Added after the start: Answer buyer messages (first answer within 4 hours)", notes
        )
        # a line added is not agreed yet by the trainee either: it is reworded and
        # deleted as the rest, by HR managers
        self.authenticate("cbo_list_recruiter", "cbo_list_recruiter")
        added = self.trial.result_ids.filtered(lambda r: r.name == "Tag the returns")
        result, error = self._call_kw("crossborder.trial.result", "unlink", [added.ids])
        self.assertEqual(error.get("name"), USER_ERROR, result)

    def test_the_start_is_not_moved_to_write_the_list_again(self):
        """HR officers move a trial's dates; moving the start of an agreed trial to
        today or later would make its list a draft again, to reword unseen."""
        officer = new_test_user(
            self.env,
            login="cbo_list_officer",
            name="Olga Officer",
            groups="hr_recruitment.group_hr_recruitment_user,hr.group_hr_user",
        )
        today = fields.Date.context_today(self.trial)
        for login, start in ((officer.login, today), ("cbo_list_recruiter", today)):
            with self.subTest(login=login):
                self.authenticate(login, login)
                result, error = self._call_kw(
                    "crossborder.trial", "write", [self.trial.ids, {"date_start": str(start)}]
                )
                self.assertEqual(error.get("name"), USER_ERROR, result)
                self.assertIn("agreed", error["message"])
        self.assertLess(self.trial.date_start, today)
        # an HR manager may (his changes of the list are said in the chatter)
        self.authenticate("cbo_list_hr_manager", "cbo_list_hr_manager")
        result, error = self._call_kw(
            "crossborder.trial", "write", [self.trial.ids, {"date_start": str(today)}]
        )
        self.assertFalse(error, error.get("message"))

    def test_an_agreed_trial_is_deleted_by_an_hr_manager_only(self):
        """An HR officer deleting a running trial deleted its agreed list with it
        (the database removes the results without asking them)."""
        officer = new_test_user(
            self.env,
            login="cbo_list_hr_officer",
            name="Otto Officer",
            groups="hr.group_hr_user",
        )
        self.authenticate(officer.login, officer.login)
        result, error = self._call_kw("crossborder.trial", "unlink", [self.trial.ids])
        self.assertEqual(error.get("name"), USER_ERROR, result)
        self.assertIn("Only an HR manager deletes it", error["message"])
        self.assertEqual(len(self.trial.exists().result_ids), 2)
        new_test_user(self.env, login="cbo_list_hr_admin", groups="hr.group_hr_manager")
        self.authenticate("cbo_list_hr_admin", "cbo_list_hr_admin")
        result, error = self._call_kw("crossborder.trial", "unlink", [self.trial.ids])
        self.assertFalse(error, error.get("message"))
        self.assertFalse(self.trial.exists())

    def test_before_the_start_the_list_is_prepared(self):
        """A trial starting next week, or today (the hire's first day, when the list
        drawn from the position's tasks is gone through with him), is still being
        written: its manager words and deletes its lines freely, and nothing is said
        in the chatter."""
        today = fields.Date.context_today(self.trial)
        for start in (today + timedelta(days=7), today):
            with self.subTest(start=start):
                self._prepare_list(start)

    def _prepare_list(self, start):
        self.trial.write({"date_start": start, "date_end": start + timedelta(days=21)})
        self.authenticate("cbo_list_recruiter", "cbo_list_recruiter")
        listings = self._call_kw(
            "crossborder.trial.result",
            "create",
            [{"trial_id": self.trial.id, "name": "List the products"}],
        )[0]
        before = self._notes("cbo_list_recruiter")
        self.authenticate("cbo_list_recruiter", "cbo_list_recruiter")
        result, error = self._call_kw(
            "crossborder.trial",
            "write",
            [
                self.trial.ids,
                {
                    "result_ids": [
                        Command.update(self.answer.id, {"expected_result": f"by {start}"}),
                        (2, listings),
                        Command.create({"name": "Tag the returns"}),
                    ]
                },
            ],
        )
        self.assertFalse(error, error.get("message"))
        self.assertEqual(self.answer.expected_result, f"by {start}")
        self.assertEqual(self._notes("cbo_list_recruiter"), before)

    def test_onboarding_stays_a_checklist(self):
        item = self.trial.onboarding_ids[:1]
        self.authenticate("cbo_list_recruiter", "cbo_list_recruiter")
        result, error = self._call_kw(
            "crossborder.trial",
            "write",
            [
                self.trial.ids,
                {"onboarding_ids": [Command.update(item.id, {"name": "Values talk"})]},
            ],
        )
        self.assertFalse(error, error.get("message"))
        self.assertEqual(item.name, "Values talk")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestEndNeedsRatings(TrialListCase):
    def _decide(self, decision, **values):
        self.authenticate("cbo_list_recruiter", "cbo_list_recruiter")
        wizard, error = self._call_kw(
            "crossborder.trial.decision",
            "create",
            [{"trial_id": self.trial.id, "decision": decision, **values}],
        )
        self.assertFalse(error, error.get("message"))
        return self._call_kw(
            "crossborder.trial.decision",
            "action_apply",
            [wizard if isinstance(wizard, list) else [wizard]],
        )

    def test_end_is_decided_on_every_result_rated(self):
        """The trial's manager does not end a trial on results he did not rate,
        from the Decide window or by the method; he extends it without ratings."""
        self.answer.rating = "not_met"
        result, error = self._decide("end", note="Not a fit")
        self.assertEqual(error.get("name"), USER_ERROR, result)
        self.assertIn("Rate every expected result before ending", error["message"])
        self.assertIn("Write product descriptions", error["message"])
        with self.assertFails(UserError, "Rate every expected result before ending"):
            self.trial.with_user(self.recruiter)._apply_decision("end", "Not a fit")
        self.assertEqual(self.trial.state, "in_progress")
        self.assertTrue(self.trial.employee_id.active)
        # too early to judge: an extension needs no rating
        new_end = self.trial.date_end + timedelta(days=7)
        result, error = self._decide("extend", new_end_date=fields.Date.to_string(new_end))
        self.assertFalse(error, error.get("message"))
        self.assertEqual(self.trial.state, "extended")
        # rated, it ends
        self.listings.rating = "partly"
        result, error = self._decide("end", note="Not a fit")
        self.assertFalse(error, error.get("message"))
        self.assertEqual(self.trial.state, "ended")
