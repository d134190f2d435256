# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How the suite's addons make two transactions that check the same thing run
one after the other."""

from odoo.tools import SQL


def write_rows_first(records):
    """Write the rows of ``records`` (no value changes) before reading what a rule
    checks: a second transaction doing the same waits for the first, then fails to
    serialize and runs again on what the first saved (a request is retried, a
    scheduled action runs again). A row lock alone would not do:
    ``try_lock_for_update()`` skips a locked row instead of waiting, and after
    waiting on a ``FOR UPDATE``, repeatable read still reads what was there when the
    transaction began. Rows are locked in id order, so that two transactions
    writing several of the same rows never deadlock."""
    ids = sorted({record_id for record_id in records.ids if record_id})
    if ids:
        table = SQL.identifier(records._table)
        records.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = write_date WHERE id IN "
                "(SELECT id FROM %s WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE)",
                table,
                table,
                ids,
            )
        )
