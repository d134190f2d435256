# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

# the decide to-do's summary as the escalation wrote it (English and the
# shipped translations)
SUMMARIES = (
    "Decide: this customer keeps coming back to the pool",
    "请决定：该客户反复回到公海",
    "Karar verin: bu müşteri havuza dönüp duruyor",
)


def migrate(cr, version):
    """The decide to-do of an escalated lead has a type of its own now (it was a
    To-Do): open ones take it. An escalated lead is with someone who may decide
    on it: those left with nobody, or with a salesperson a manager handed them
    to, are no longer escalated (their decide to-do goes)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    escalation = env.ref("crossborder_ops_crm.mail_activity_type_escalation")
    todo = env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
    if todo:
        cr.execute(
            SQL(
                """
                UPDATE mail_activity SET activity_type_id = %s
                 WHERE res_model = 'crm.lead' AND active AND automated
                   AND activity_type_id = %s AND summary IN %s
                """,
                escalation.id,
                todo.id,
                SUMMARIES,
            )
        )
    env.invalidate_all()
    # sudo and the pool's own context key: system fields
    Lead = env["crm.lead"].sudo().with_context(active_test=False, crossborder_pool_move=True)
    stuck = Lead.search([("pool_escalated", "=", True)]).filtered(
        lambda lead: lead.pool_id and not (lead.user_id and lead.pool_id._can_decide(lead.user_id))
    )
    stuck.write({"pool_escalated": False})
    # the decide to-dos of leads no longer escalated, or closed
    activities = env["mail.activity"].search(
        [("res_model", "=", "crm.lead"), ("activity_type_id", "=", escalation.id)]
    )
    ended = (
        Lead.browse(set(activities.mapped("res_id")))
        .exists()
        .filtered(
            lambda lead: not lead.pool_escalated or lead.won_status != "pending" or not lead.active
        )
    )
    env["crossborder.pool.mover"]._drop_reminders([], ended.ids)
