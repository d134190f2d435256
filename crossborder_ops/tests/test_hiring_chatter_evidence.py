# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chatter of a skill test sent to an applicant and of a part-timer's
conversion to full time is evidence: the deadline moved and why, the state the
applicant's answers and the reviewers' grades gave the test, the reasons HR wrote
for a conversion. A recruitment or HR officer, who may write those records, does
not reword, delete, sign as a colleague or back-date what was written there."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HiringCase, JsonRpc

ACCESS = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHiringChatterEvidence(JsonRpc, HiringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.officer_b = new_test_user(
            env,
            login="cbo_officer_b",
            name="Oscar Officer",
            groups="hr_recruitment.group_hr_recruitment_user,hr.group_hr_user",
        )
        cls.hr_a = new_test_user(env, login="cbo_hr_a", name="Hana HR", groups="hr.group_hr_user")
        cls.hr_b = new_test_user(env, login="cbo_hr_b", name="Hugo HR", groups="hr.group_hr_user")
        # a part-timer HR convert to full time, with the reason they wrote
        employee = env["hr.employee"].create(
            {"name": "Pia Part-Timer", "crossborder_employment_kind": "part_time_student"}
        )
        cls.conversion = (
            env["crossborder.conversion"]
            .with_user(cls.hr_a)
            .create(
                {
                    "employee_id": employee.id,
                    "from_kind": "part_time_student",
                    "to_kind": "full_time",
                    "from_hours": 15,
                    "to_hours": 40,
                }
            )
        )
        cls.reason = cls.conversion.with_user(cls.hr_a).message_post(
            body="Six months, no late shipment: her manager asked for it.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        cls.hr_note = cls.conversion.with_user(cls.hr_b).message_post(
            body="Check the new contract's hours",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def _as(self, login):
        self.authenticate(login, login)

    def _refused(self, model, method, args, **kwargs):
        result, error = self._call_kw(model, method, args, **kwargs)
        self.assertEqual(error.get("name"), ACCESS, f"{model}.{method}: {result!r}")
        return error

    def _convert(self, login, employee, from_kind, to_kind):
        """The id of the conversion ``login`` records over JSON-RPC."""
        self._as(login)
        conversion, error = self._call_kw(
            "crossborder.conversion",
            "create",
            [{"employee_id": employee.id, "from_kind": from_kind, "to_kind": to_kind}],
        )
        self.assertFalse(error, error.get("message"))
        return conversion

    def _tracked(self):
        """What the transaction writes when it commits: the tracking messages (a
        record created in the same transaction is not tracked)."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def _sent_and_extended(self):
        """Ana's test sent; the officer extends its deadline and writes why."""
        invitation = self._send(self._applicant("Ana Reyes"))
        self._tracked()  # sent in an earlier transaction than the extension
        invitation.with_user(self.officer).write(
            {"deadline": fields.Datetime.now() + timedelta(days=5)}
        )
        self._tracked()
        extended = invitation.message_ids.filtered("tracking_value_ids")[:1]
        self.assertTrue(extended, "the deadline's change is in the test's chatter")
        why = invitation.with_user(self.officer).message_post(
            body="Extended: she was ill, the doctor's note is in her file.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return invitation, extended, why

    # ------------------------------------------------------------------
    def test_test_messages_stay_as_written(self):
        invitation, extended, why = self._sent_and_extended()
        self._submit(invitation, fields.Datetime.now())
        self.env["crossborder.grade"].with_user(self.reviewer_a).create(
            [
                {"invitation_id": invitation.id, "criterion_id": c.id, "score": 2}
                for c in self.test.criterion_ids
            ]
        )
        self._tracked()
        graded = invitation.message_ids.filtered(
            lambda m: m.tracking_value_ids.field_id.name == "state"
        )
        self.assertTrue(graded, "the state the grades gave it is in the chatter")
        self._as("cbo_officer_b")
        for message in extended | why | graded:
            with self.subTest(message=message.id):
                error = self._refused(
                    "mail.message", "write", [message.ids, {"body": "Deadline kept."}]
                )
                self.assertIn("stay as they were written", error["message"])
                self._refused("mail.message", "unlink", [message.ids])
        self.assertEqual((extended | why | graded).exists(), extended | why | graded)
        self.env.invalidate_all()
        self.assertIn("she was ill", why.body)
        # his own note the officer still corrects, in the chatter too
        self._as("cbo_officer")
        result, error = self._rpc(
            "/mail/message/update_content",
            {
                "message_id": why.id,
                "update_data": {
                    "body": "Extended: she was ill (note received).",
                    "attachment_ids": [],
                },
            },
        )
        self.assertFalse(error, "his own note he edits")
        self.env.invalidate_all()
        self.assertIn("note received", why.body)

    def test_nobody_records_his_own_conversion(self):
        """A trainee who is in HR recorded his own conversion to full time during
        his trial (outside audit 76, L2): a colleague in HR records it."""
        employee = self.env["hr.employee"].create(
            {
                "name": "Hana HR",
                "user_id": self.hr_a.id,
                "crossborder_employment_kind": "part_time_student",
            }
        )
        self._as("cbo_hr_a")
        error = self._refused(
            "crossborder.conversion",
            "create",
            [
                {
                    "employee_id": employee.id,
                    "from_kind": "part_time_student",
                    "to_kind": "full_time",
                }
            ],
        )
        self.assertIn("a colleague in HR records", error["message"])
        error = self._refused(
            "crossborder.conversion", "write", [self.conversion.ids, {"employee_id": employee.id}]
        )
        self.assertIn("a colleague in HR records", error["message"])
        self.assertEqual(employee.crossborder_employment_kind, "part_time_student")
        theirs = self._convert("cbo_hr_b", employee, "part_time_student", "full_time")
        self.assertTrue(theirs)
        self.env.invalidate_all()
        self.assertEqual(employee.crossborder_employment_kind, "full_time")

    def test_a_colleagues_note_keeps_the_applicants_test(self):
        """Oscar could not delete Ana's skill test with Olivia's note on why its
        deadline moved, but deleting Ana deleted the test and the note with it
        (outside audit 78, M2)."""
        invitation, _extended, _why = self._sent_and_extended()
        new_test_user(
            self.env,
            login="cbo_rec_mgr",
            groups="hr_recruitment.group_hr_recruitment_manager,hr.group_hr_user",
        )
        # a recruitment manager too: only a settings administrator (audit 79, M2)
        for login in ("cbo_officer_b", "cbo_rec_mgr"):
            with self.subTest(login=login):
                self._as(login)
                error = self._refused("hr.applicant", "unlink", [invitation.applicant_id.ids])
                self.assertIn("keeps what was written on it", error["message"])
        self.assertTrue(invitation.exists())

    def test_test_posts_are_in_ones_own_name_and_time(self):
        invitation, extended, why = self._sent_and_extended()
        self._as("cbo_officer_b")
        error = self._refused(
            invitation._name,
            "message_post",
            [invitation.ids],
            body="I extended it: no reason given.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.officer.partner_id.id,
        )
        self.assertIn("in your own name", error["message"])
        error = self._refused(
            invitation._name,
            "message_post",
            [invitation.ids],
            body="Asked for more time before the deadline.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            date=fields.Datetime.to_string(extended.date - timedelta(days=1)),
        )
        self.assertIn("not set by hand", error["message"])
        self.env.invalidate_all()
        self.assertFalse(
            invitation.message_ids.filtered(
                lambda m: "no reason" in (m.body or "") or "more time" in (m.body or "")
            )
        )

    def test_conversion_messages_stay_as_written(self):
        self._as("cbo_hr_b")
        error = self._refused(
            "mail.message", "write", [self.reason.ids, {"body": "Nobody else applied."}]
        )
        self.assertIn("stay as they were written", error["message"])
        self._refused("mail.message", "unlink", [self.reason.ids])
        created = self.conversion.message_ids.filtered(
            lambda m: m.author_id == self.hr_a.partner_id
        )
        self._refused("mail.message", "unlink", [(created - self.reason).ids])
        self.env.invalidate_all()
        self.assertIn("her manager asked", self.reason.body)
        error = self._refused(
            "crossborder.conversion",
            "message_post",
            [self.conversion.ids],
            body="I advised against it.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.hr_a.partner_id.id,
        )
        self.assertIn("in your own name", error["message"])
        error = self._refused(
            "crossborder.conversion",
            "message_post",
            [self.conversion.ids],
            body="Agreed at the time.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            date=fields.Datetime.to_string(self.reason.date - timedelta(days=30)),
        )
        self.assertIn("not set by hand", error["message"])
        # his own note he still edits and deletes
        result, error = self._call_kw(
            "mail.message", "write", [self.hr_note.ids, {"body": "Check the contract's hours: 40"}]
        )
        self.assertIs(result, True, error)
        result, error = self._call_kw("mail.message", "unlink", [self.hr_note.ids])
        self.assertIs(result, True, error)
        self.env.invalidate_all()
        self.assertFalse(
            self.conversion.message_ids.filtered(
                lambda m: "advised" in (m.body or "") or "at the time" in (m.body or "")
            )
        )

    def test_a_colleagues_note_keeps_the_conversion(self):
        """Hana's reason, posted through the API (``message_post``'s default
        type), did not count: Hugo deleted her conversion and her note with it
        (outside audit 76, M1). What he changes on it shows in its chatter (L2)."""
        employee = self.env["hr.employee"].create(
            {"name": "Paul Part-Timer", "crossborder_employment_kind": "part_time_student"}
        )
        conversion = self._convert("cbo_hr_a", employee, "part_time_student", "full_time")
        _message, error = self._call_kw(
            "crossborder.conversion",
            "message_post",
            [[conversion]],
            body="Why: Walter covers the warehouse alone.",
        )
        self.assertFalse(error)
        self._tracked()
        self._as("cbo_hr_b")
        result, error = self._call_kw(
            "crossborder.conversion",
            "write",
            [[conversion], {"note": "Reworded by Hugo", "to_hours": 30}],
        )
        self.assertIs(result, True, error)
        error = self._refused("crossborder.conversion", "unlink", [[conversion]])
        self.assertIn("keeps what was written on it", error["message"])
        self._tracked()
        record = self.env["crossborder.conversion"].browse(conversion)
        self.assertEqual(
            set(record.message_ids.tracking_value_ids.field_id.mapped("name")),
            {"note", "to_hours"},
        )
        # nor a note posted as an automatic one, or with a file and no words
        # (outside audit 78, M1)
        self._as("cbo_hr_a")
        attachment, error = self._call_kw(
            "ir.attachment",
            "create",
            [
                {
                    "name": "contract-draft.pdf",
                    "datas": "JVBERi0xLjQ=",
                    "res_model": "mail.compose.message",
                }
            ],
        )
        self.assertFalse(error, error.get("message"))
        for post in (
            {"body": "Agreed with Walter.", "message_type": "auto_comment"},
            {"body": "", "attachment_ids": [attachment]},
            # any kind of message (outside audit 79, M1)
            {"body": "Away, see my note.", "message_type": "out_of_office"},
        ):
            with self.subTest(post=post):
                other = self._convert("cbo_hr_a", employee, "part_time_student", "full_time")
                self._tracked()
                _message, error = self._call_kw(
                    "crossborder.conversion",
                    "message_post",
                    [[other]],
                    subtype_xmlid="mail.mt_note",
                    **post,
                )
                self.assertFalse(error, error.get("message"))
                self._tracked()
                self._as("cbo_hr_b")
                error = self._refused("crossborder.conversion", "unlink", [[other]])
                self.assertIn("keeps what was written on it", error["message"])
        # one he made and nobody wrote on goes as before
        own = self._convert("cbo_hr_b", employee, "full_time", "part_time_student")
        self._tracked()
        result, error = self._call_kw("crossborder.conversion", "unlink", [[own]])
        self.assertIs(result, True, error)
