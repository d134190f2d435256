# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared set-up of the customer-service benchmarks: the command line, an Odoo
environment in one transaction rolled back at the end, repeated timings and the
exit status."""

import contextlib
import sys
import time
from pathlib import Path

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for benchkit
from benchkit import parse  # noqa: E402, F401 (shared by the benches of every area)


@contextlib.contextmanager
def rolled_back(database, context=None, keep=False):
    """An environment (superuser) in one transaction, rolled back at the end: the
    database is left as it was (``keep``: committed, a throw-away database only)."""
    registry = Registry(database)
    with registry.cursor() as cr:
        try:
            yield api.Environment(cr, SUPERUSER_ID, context or {})
        finally:
            if keep:
                cr.commit()
            else:
                cr.rollback()


def timings(function, runs=3, before=None):
    """The seconds of each of ``runs`` calls of ``function`` (``before`` runs
    untimed ahead of each one) and the last call's result."""
    seconds = []
    result = None
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def exit_status(failures):
    """Print the targets missed; 1 when any was."""
    for failure in failures:
        print("MISSED:", failure)
    return 1 if failures else 0
