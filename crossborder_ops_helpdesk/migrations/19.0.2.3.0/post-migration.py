# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def migrate(cr, version):
    """Tickets disputed before 'Cause disputed once' existed: those still
    disputed, and those whose tracked attribution was 'disputed' once."""
    cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket t
               SET attribution_disputed = true
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
