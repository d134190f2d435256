# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each addon folder builds an OCA-style wheel (odoo_addon_<name>-19.0.*), offline: the
build backend (whool) comes from the virtualenv, nothing is downloaded."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = [
    "crossborder_ops",
    "crossborder_ops_helpdesk",
    "crossborder_ops_crm",
    "crossborder_ops_crm_sale",
    "crossborder_ops_crm_sale_stock",
    "crossborder_ops_helpdesk_sale",
]


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_builds_wheel(addon, tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",  # whool from the virtualenv: no download
            "--no-index",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT / addon),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    wheels = [p.name for p in tmp_path.glob("*.whl")]
    assert len(wheels) == 1, wheels
    assert re.fullmatch(rf"odoo_addon_{addon}-19\.0\.[0-9.a-z]+-py3-none-any\.whl", wheels[0]), (
        wheels[0]
    )
