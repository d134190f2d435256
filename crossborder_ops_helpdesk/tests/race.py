# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two requests raced for real on two database connections: the first keeps
its transaction open while the second runs (retried on serialization failures,
as a request is); the first commits once the second waits for it or is
through. Fixtures are committed (each side has its own connection) and deleted
by the test."""

import threading
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.crossborder_ops.tests.concurrency import (
    RACE_TIMEOUT,
    backend_pid,
    blocked_on,
)


class RaceCase(TransactionCase):
    def setUp(self):
        super().setUp()
        # the test runner holds the registry lock; the second "request" must not wait for it
        self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))

    @mute_logger("odoo.sql_db", "odoo.service.model")  # the expected serialization failure
    def _race(self, first_call, second_call):
        """Run ``first_call(env)`` and, while its transaction is open,
        ``second_call(env)`` on another connection. Returns what the second
        waited for (the kind of lock, None if it went through) and the error it
        ended with, if any."""
        outcome = {"error": None}

        def second():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                try:
                    retrying(lambda: second_call(env), env)
                    cr.commit()  # pylint: disable=invalid-commit  # a separate transaction
                except Exception as error:  # noqa: BLE001  # told to the test
                    cr.rollback()
                    outcome["error"] = error

        thread = threading.Thread(target=second)
        first_cr = self.registry.cursor()
        try:
            first_call(api.Environment(first_cr, SUPERUSER_ID, {}))
            first_cr.flush()
            thread.start()
            with self.registry.cursor() as observer:
                outcome["blocked"] = blocked_on(observer, backend_pid(first_cr), thread.is_alive)
            first_cr.commit()  # pylint: disable=invalid-commit  # a separate transaction
        finally:
            first_cr.close()
        thread.join(RACE_TIMEOUT)
        self.assertFalse(thread.is_alive(), "the second call is still blocked")
        return outcome

    def _committed_env(self):
        """A new connection on what both sides committed (the caller closes it)."""
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {"active_test": False})
