# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The set-up commands fail with one plain sentence, exit 2, no traceback."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in ("ODOO_SRC", "VIRTUAL_ENV")}
    venv_bin = str(Path(os.sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env.update(env_overrides)
    return subprocess.run(
        [str(ROOT / "setup" / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def _assert_one_sentence(proc, *words):
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0]


def test_no_odoo_and_no_internet(tmp_path):
    # empty cache, no ODOO_SRC, and a download address nothing answers on
    proc = _run(["run"], CBO_CACHE=str(tmp_path), ODOO_URL="http://127.0.0.1:9/odoo-19.0.tar.gz")
    _assert_one_sentence(proc, "No Odoo 19.0 can be had", "ODOO_SRC=")
    assert not (tmp_path / "odoo-19.0").exists()


def test_odoo_src_that_is_not_odoo(tmp_path):
    proc = _run(["test"], ODOO_SRC=str(tmp_path))
    _assert_one_sentence(proc, "is not an Odoo 19.0 source tree")


def test_no_postgresql_answers(tmp_path):
    proc = _run(["run", "--no-start"], PGHOST=str(tmp_path))
    _assert_one_sentence(proc, "No PostgreSQL answers", "PGHOST")


def test_cached_odoo_that_is_not_the_pinned_one(tmp_path):
    # a 19.0 tree in the cache whose files are not those of setup/odoo-19.0.lock
    release = tmp_path / "odoo-19.0" / "odoo" / "release.py"
    release.parent.mkdir(parents=True)
    release.write_text("version_info = (19, 0, 0, 'final', 0, '')\n")
    proc = _run(["test"], CBO_CACHE=str(tmp_path))
    _assert_one_sentence(proc, "is not the Odoo of setup/odoo-19.0.lock")
    assert not (tmp_path / "odoo-19.0" / ".crossborder-ops-pin").exists()


def test_test_suites_shared_out_by_time():
    sys.path.insert(0, str(ROOT / "setup"))
    import crossborder_setup as cbo

    units = [*cbo.ADDONS, "helpdesk_mgmt", cbo.PYTEST]
    groups = cbo.split(units, 2)
    assert sorted(u for g in groups for u in g) == sorted(units)
    load = [sum(cbo.WEIGHT.get(u, 20) for u in g) for g in groups]
    assert max(load) - min(load) <= min(cbo.WEIGHT.values()), groups
    assert cbo.split(units, 1) == [sorted(units, key=lambda u: -cbo.WEIGHT.get(u, 20))]


def test_log_gate_counts_our_failures_not_known_upstream_ones(tmp_path, monkeypatch):
    # a test log with a failure of ours, a known upstream failure, a warning and summaries
    sys.path.insert(0, str(ROOT / "setup"))
    import crossborder_setup as cbo

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    known = cbo.load_lines(ROOT / "setup" / "upstream-baseline.txt")[0]
    module, _, test = known.partition(": ")
    ours, theirs = "odoo.addons.crossborder_ops.tests.test_trial", f"odoo.addons.{module}.tests.x"
    records = [
        ("INFO", ours, "Starting TestTrial.test_decide ..."),
        ("ERROR", ours, "FAIL: TestTrial.test_decide\nTraceback (most recent call last):"),
        ("INFO", theirs, "Starting a test ..."),
        ("ERROR", theirs, f"FAIL: {test}\nAssertionError: 558 != 552"),
        ("WARNING", "odoo.addons.crossborder_ops.models.x", "a field has no string"),
        ("ERROR", "odoo.tests.result", "2 failed, 0 error(s) of 5 tests when loading database"),
        ("ERROR", "odoo.modules.loading", "At least one test failed when loading the modules."),
        (
            "ERROR",
            "odoo.modules.loading",
            "Module crossborder_ops: 1 failures, 0 errors of 3 tests",
        ),
    ]
    text = "".join(
        f"2027-01-02 03:04:05,678 42 {lvl} db {log}: {msg}\n" for lvl, log, msg in records
    )
    (source := tmp_path / "source.log").write_text(text)
    show = [sys.executable, "-c", f"print(open({str(source)!r}).read(), end='')"]
    returncode, found, known_found = cbo.odoo_log(show, tmp_path / "odoo.log", False)
    passed, problems, _ = cbo.assess(tmp_path / "odoo.log", 1, found, known_found)
    assert passed == 3
    assert [p.split(" db ")[1] for p in problems] == [
        f"{ours}: FAIL: TestTrial.test_decide",
        "odoo.addons.crossborder_ops.models.x: a field has no string",
    ]
    assert len(known_found) == 1 and test in known_found[0]


def test_pytest_failures_named_and_counted(tmp_path):
    # a junit report of 5 tests (subtests counted): one failed, one skipped, three passed
    sys.path.insert(0, str(ROOT / "setup"))
    import crossborder_setup as cbo

    (junit := tmp_path / "report.xml").write_text(
        '<testsuites><testsuite tests="5" failures="1" skipped="1">'
        '<testcase classname="tests.test_a" name="test_ok"><properties/></testcase>'
        '<testcase classname="tests.test_a" name="test_broken"><failure message="x"/></testcase>'
        '<testcase classname="tests.test_b" name="test_later"><skipped message="y"/></testcase>'
        "</testsuite></testsuites>"
    )
    passed, problems = cbo.junit_results(junit, 1)
    assert passed == 3
    assert problems == [
        "tests/ tests.test_a.test_broken: failure",
        "tests/ tests.test_b.test_later: skipped",
    ]
    assert cbo.junit_results(tmp_path / "missing.xml", 2) == (
        0,
        ["tests/ pytest wrote no report (exit status 2)"],
    )


def test_template_modules_from_manifestoo(tmp_path, monkeypatch):
    # what our addons need, without them; a module nobody has is one plain sentence
    sys.path.insert(0, str(ROOT / "setup"))
    import crossborder_setup as cbo

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    (conf := tmp_path / "odoo.conf").write_text(f"[options]\naddons_path = {ROOT}\n")
    odoo = [sys.executable, "-m", "odoo", "-c", conf]
    needed = cbo.template_modules(odoo, ["crossborder_ops_crm"])
    assert {"crm", "crossborder_ops", "hr_recruitment", "base"} <= set(needed)
    assert "crossborder_ops_crm" not in needed and "crossborder_ops_helpdesk" not in needed
    try:
        cbo.template_modules(odoo, ["no_such_module"])
    except cbo.SetupError as exc:
        assert "no_such_module" in str(exc) and "\n" not in str(exc)
    else:
        raise AssertionError("an unknown module gave no SetupError")
