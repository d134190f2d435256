# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def migrate(cr, version):
    """Tickets are counted in the period in which they were classified: date the
    tickets that already have a root cause before the ORM computes the new column
    (which would date them all today). The date is the first tracked change that
    gave the ticket a cause; without one the cause came with the ticket, so its
    creation date."""
    if not version:
        return
    cr.execute(
        SQL("ALTER TABLE helpdesk_ticket ADD COLUMN IF NOT EXISTS classified_date timestamp")
    )
    cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket ticket
               SET classified_date = COALESCE(
                       (SELECT min(message.date)
                          FROM mail_tracking_value tracking
                          JOIN mail_message message ON message.id = tracking.mail_message_id
                          JOIN ir_model_fields field ON field.id = tracking.field_id
                         WHERE message.model = 'helpdesk.ticket'
                           AND message.res_id = ticket.id
                           AND field.model = 'helpdesk.ticket'
                           AND field.name = 'root_cause_id'
                           AND tracking.new_value_integer IS NOT NULL
                           AND tracking.new_value_integer != 0),
                       ticket.create_date,
                       ticket.write_date)
             WHERE ticket.root_cause_id IS NOT NULL
               AND ticket.classified_date IS NULL
            """
        )
    )
