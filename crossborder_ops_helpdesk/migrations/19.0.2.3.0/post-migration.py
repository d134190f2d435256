# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def migrate(cr, version):
    """Tickets disputed before 'Cause disputed once' existed: those still
    disputed, and those whose tracked attribution was 'disputed' once. Who had
    classified them was not recorded: the dispute counts for the ticket's
    current agent, as the trial measure counted it until now."""
    cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket t
               SET attribution_disputed = true, attribution_disputed_user_id = t.user_id
             WHERE t.attribution_state = 'disputed'
                OR EXISTS (
                    SELECT 1
                      FROM mail_message m
                      JOIN mail_tracking_value v ON v.mail_message_id = m.id
                      JOIN ir_model_fields f ON f.id = v.field_id
                     WHERE m.model = 'helpdesk.ticket' AND m.res_id = t.id
                       AND f.model = 'helpdesk.ticket' AND f.name = 'attribution_state'
                       AND v.new_value_char = 'Disputed by the department')
            """
        )
    )
