# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What every area's benchmarks share (imported by bench/<area>/common.py)."""

import argparse

import odoo
from odoo.tools import config


def parse(description, extra=None, database_help=None):
    """The bench's options (``-c``, ``-d`` and ``extra`` [(args, kwargs)]); Odoo's
    configuration and logger set from them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help=database_help)
    for args, kwargs in extra or []:
        parser.add_argument(*args, **kwargs)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.netsvc.init_logger()
    return args
