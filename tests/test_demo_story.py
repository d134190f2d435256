# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo a newcomer gets from ./setup/run tells the seeds' story (README, "The demo"),
and the scheduled actions move it on the way the README says."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestDemoStory(TransactionCase):
    def test_hiring_story(self):
        for xmlid in ("crossborder_ops.job_cs_agent_demo", "crossborder_ops.job_va_demo"):
            job = self.env.ref(xmlid)
            self.assertTrue(job.task_ids, f"{job.name} is built from its tasks")
            self.assertTrue(job.skill_test_ids.survey_id.question_ids)
        invitations = self.env["crossborder.skill.test.invitation"].search([])
        self.assertGreaterEqual(invitations.mapped("state").count("graded"), 3, "graded tests")
        trials = self.env["crossborder.trial"].search([])
        self.assertIn("in_progress", trials.mapped("state"))
        self.assertIn("confirmed", trials.mapped("state"))
        # the applicant whose deadline has passed is refused by the scheduled action
        late = invitations.filtered(lambda i: i.state == "sent")
        self.assertEqual(len(late), 1)
        self.env["crossborder.skill.test.invitation"]._refuse_late_batch()
        missed = self.env.ref("crossborder_ops.refuse_reason_missed_test_deadline")
        self.assertEqual(late.applicant_id.refuse_reason_id, missed)
        self.assertFalse(late.applicant_id.active)

    def test_high_seas_story(self):
        victor = self.env.ref("crossborder_ops_crm.crm_team_member_victor_demo")
        self.assertEqual(victor.pool_cap_display, "11 / 12", "a veteran near his cap")
        pool = self.env.ref("crossborder_ops_crm.pool_eu_demo")
        idle = self.env.ref("crossborder_ops_crm.lead_vic_1_demo")  # 22 days without follow-up
        pool._recycle_batch()
        self.assertFalse(idle.user_id, "the idle lead went back to the pool")
        self.assertEqual(idle.last_owner_id, victor.user_id)
        run = pool._rotate_batch()
        self.assertGreater(run.assigned_count, 0)
        newcomers = self.env.ref("crossborder_ops_crm.user_nina_demo") | self.env.ref(
            "crossborder_ops_crm.user_nate_demo"
        )
        rotated = self.env["crossborder.pool.event"].search(
            [("run_id", "=", run.id), ("kind", "=", "rotation")]
        )
        self.assertEqual(len(rotated), run.assigned_count)
        self.assertLessEqual(rotated.to_user_id, newcomers, "rotation feeds the new salespeople")

    def test_customer_service_story(self):
        tickets = self.env["helpdesk.ticket"].search([("cs_stage", "!=", False)])
        self.assertEqual(set(tickets.mapped("cs_stage")), {"pre_sales", "in_sales", "after_sales"})
        channels = set(tickets.mapped("channel_id.name"))
        self.assertTrue({"Amazon", "eBay"} <= channels, channels)
        recurrence = self.env["crossborder.recurrence"].search([], limit=1)
        self.assertTrue(recurrence.ticket_ids and recurrence.department_id)
        verified = self.env["crossborder.corrective.action"].search([("state", "=", "verified")])
        self.assertEqual(verified.mapped("effectiveness"), ["effective"])
        # the story is data: the size-chart action closed the recurrence of its four tickets
        action = self.env.ref("crossborder_ops_helpdesk.corrective_action_size_chart_demo")
        self.assertEqual(action, verified)
        dress_tickets = self.env["helpdesk.ticket"].browse(
            self.env.ref(f"crossborder_ops_helpdesk.ticket_{name}_demo").id
            for name in (
                "dress_too_small",
                "size_chart_wrong",
                "ordered_m_got_xs",
                "still_too_small",
            )
        )
        self.assertEqual(action.recurrence_id.ticket_ids, dress_tickets)
        self.assertEqual(action.recurrence_id.state, "closed")
        self.assertTrue(all(dress_tickets.stage_id.mapped("closed")))
        # opened about a month ago, before the action was done
        self.assertTrue(all(t.create_date.date() < action.done_date for t in dress_tickets))
