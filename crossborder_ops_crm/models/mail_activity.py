# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class MailActivity(models.Model):
    """The activities of a lead waiting in a masking pool (an earlier owner's
    call, its pool manager's, a meeting's), and those of its hidden meetings,
    name whom to call and how: they are
    hidden with the lead's contact from the salespeople who must claim it first,
    on every path (the lead's activities, searches, grouped reads), but for
    whom they are assigned to; they come back with the lead once it is claimed."""

    _name = "mail.activity"
    _inherit = ["mail.activity", "crossborder.hidden.records.mixin"]

    pool_moved_date = fields.Datetime(
        string="Moved here on",
        readonly=True,
        copy=False,
        help="Technical: when the activity was last moved onto the record it is on, after "
        "it was made elsewhere. Completed, it counts as a lead's follow-up only once it "
        "has been on the lead for the pool's minimum activity age.",
    )

    @api.model
    def _crossborder_hidden_domain(self):
        documents = self.env["crm.lead"]._pool_masked_documents()
        if documents is None:
            return None
        # and those of its hidden meetings (a call to the customer planned there)
        meetings = self.env["calendar.event"]._crossborder_hidden_documents()
        return (documents | meetings) & Domain("user_id", "!=", self.env.uid)

    def _crossborder_hidden_reason(self):
        return self.env._(
            "This activity belongs to a lead waiting in the pool: claim the lead to see it."
        )

    @api.model_create_multi
    def create(self, vals_list):
        # scheduled on a waiting lead: claimed first, said in the pool's words (the
        # record rules refuse it anyway, in Odoo's)
        if not self.env.su:
            Lead = self.env["crm.lead"]
            Lead._pool_check_attach(
                [lead for vals in vals_list for lead in Lead._pool_document_leads(vals)]
            )
        return super().create(vals_list)

    def write(self, vals):
        """The pool's own activities (follow up before recycling, revive, decide
        on an escalated lead) keep their type: a warning retyped as a call and
        ticked would count as the follow-up it asks for. An activity moved onto
        another record arrives there now (``pool_moved_date``, the move's own:
        a client's value is dropped)."""
        vals = dict(vals)
        if not self.env.su:
            vals.pop("pool_moved_date", None)
        if vals.get("activity_type_id") and not self.env.su:
            mover = self.env["crossborder.pool.mover"]
            own = {*mover._pool_activity_type_ids(), mover._escalation_activity_type_id()} - {False}
            # sudo: the type of activities the user is writing anyway
            retyped = self.sudo().filtered(
                lambda a: a.activity_type_id.id in own
                and a.activity_type_id.id != vals["activity_type_id"]
            )
            if retyped:
                raise UserError(
                    self.env._(
                        "%(type)s is the pool's own activity: it keeps its type. Schedule "
                        "the call or meeting you make as an activity of its own; completing "
                        "it counts as follow-up.",
                        type=retyped[0].activity_type_id.with_env(self.env).name,
                    )
                )
        if {"res_id", "res_model_id", "res_model"}.intersection(vals):
            # moved onto a lead: as if made there
            Lead = self.env["crm.lead"]
            Lead._pool_check_attach(Lead._pool_document_leads(vals, self))
            vals["pool_moved_date"] = fields.Datetime.now()
        return super().write(vals)

    def _action_done(self, feedback=False, attachment_ids=None):
        """A completed activity of a qualifying type resets the lead's follow-up
        clock when its salesperson completes it; one logged and done at once by
        the same person does not, nor one moved onto the lead and done at once
        (whoever made it, however long ago: its age counts from its arrival on
        the lead), nor one a colleague marks done, nor the pool's own reminders
        (the system logs them: ticking one is no follow-up)."""
        now = fields.Datetime.now()
        lead_ids = set()
        pool_types = self.env["crossborder.pool.mover"]._pool_activity_type_ids()
        for activity in self.filtered(lambda a: a.res_model == "crm.lead"):
            lead = self.env["crm.lead"].sudo().browse(activity.res_id)  # pool settings only
            pool = lead.pool_id
            if lead.user_id != self.env.user or activity.activity_type_id.id in pool_types:
                continue
            types = pool.progress_activity_type_ids if pool else activity.activity_type_id
            if activity.activity_type_id not in types:
                continue
            if not activity._pool_done_at_once(now, pool):
                lead_ids.add(activity.res_id)
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            self.env["crm.lead"].browse(lead_ids).exists()._pool_register_progress(now)
        return result

    def _pool_done_at_once(self, now, pool):
        """Logged rather than followed up: made by the user who completes it, or
        moved onto its lead (a colleague's, or one of his own kept elsewhere),
        and done within the pool's minimum age of its arrival there. A move's
        date never counts before the activity was made."""
        self.ensure_one()
        arrived = max(self.create_date, self.pool_moved_date or self.create_date)
        min_age = timedelta(minutes=pool.min_activity_age_minutes if pool else 0)
        logged = self.pool_moved_date or self.create_uid == self.env.user
        return bool(logged) and arrived > now - min_age
