#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Set up, run and test the Crossborder Ops addons on Odoo 19 (README.md, "Set up").

Standard library only until the virtualenv exists; psycopg2 is then taken from it."""

import argparse
import ast
import concurrent.futures
import contextlib
import functools
import getpass
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_lines(path):
    lines = [line.strip() for line in path.read_text().splitlines()] if path.exists() else []
    return [line for line in lines if line and not line.startswith("#")]


ADDONS = [f"crossborder_ops{s}" for s in ("", "_helpdesk", "_crm", "_helpdesk_sale")]
# Upstream suites of what we extend (--upstream); the cheap one runs by default.
UPSTREAM_ALL = "crm hr_recruitment hr_recruitment_survey survey helpdesk_mgmt helpdesk_mgmt_sale"
UPSTREAM_ALL = [*UPSTREAM_ALL.split(), "helpdesk_product", "sale_stock"]
SERIES = "19.0"
# seconds each suite took here when the suites ran side by side (tests/ is PYTEST); split()
# shares the suites out among the jobs by these, 20 for a suite not listed
PYTEST, WEIGHT = "tests/", dict(crossborder_ops=90, crossborder_ops_crm=135, helpdesk_mgmt=10)
WEIGHT.update({"crossborder_ops_helpdesk": 98, "crossborder_ops_helpdesk_sale": 25, PYTEST: 40})
PIN = dict(line.split(" = ") for line in load_lines(ROOT / "setup" / "odoo-19.0.lock"))
ODOO_URL = os.environ.get(
    "ODOO_URL", f"https://github.com/odoo/odoo/archive/{PIN['commit']}.tar.gz"
)
HOME_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crossborder-ops"
CACHE = Path(os.environ.get("CBO_CACHE") or HOME_CACHE)
ODOO_CACHE, FILESTORE = CACHE / "odoo-19.0", CACHE / "data" / "filestore"
PY_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
VENV = Path(os.environ.get("CBO_VENV") or CACHE / f"venv-py{PY_VERSION}")
SITE = VENV / "lib" / f"python{PY_VERSION}" / "site-packages"
LOCK = ROOT / f"requirements-py{PY_VERSION}.lock"  # what pip installed, Odoo's pins included
# file that must exist -> Debian package (python-ldap compiles against the first two; Odoo
# prints its PDF reports with wkhtmltopdf); chromium runs the browser tours
DEBIAN = {"include/ldap.h": "libldap2-dev", "include/sasl/sasl.h": "libsasl2-dev"}
DEBIAN["bin/wkhtmltopdf"] = "wkhtmltopdf"
CHROMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d [\d:]+,\d+ \d+ ([A-Z]+) \S+ (\S+): (.*)$")
# Records of failing tests: counted as failures, not again as unexpected log records.
TEST_RECORDS = r"^\S+ \S+ \d+ ERROR \S+ (odoo\.addons\.\w+\.tests\S*: (FAIL|ERROR): |odoo\.tests"
TEST_RECORDS += r"\.result: .* tests when loading|odoo\.modules\.loading: At least one test failed)"


class SetupError(Exception):
    """An expected failure: printed as one sentence, exit code 2."""


def say(msg):
    print(f"[crossborder-ops] {msg}", flush=True)


def run(cmd, quiet=False, **kw):
    if not quiet:
        say("$ " + " ".join(map(str, cmd)))
    return subprocess.run(list(map(str, cmd)), check=False, **kw)


def odoo_version(src):
    release = Path(src) / "odoo" / "release.py"
    text = release.read_text() if release.is_file() else ""
    match = re.search(r"version_info\s*=\s*\((\d+),\s*(\d+)", text)
    return f"{match[1]}.{match[2]}" if match else None


def find_odoo():
    """(source_root, how) of the Odoo 19 to use: $ODOO_SRC, else the cache, else the commit of
    setup/odoo-19.0.lock downloaded into the cache."""
    if env_src := os.environ.get("ODOO_SRC"):
        if (version := odoo_version(src := Path(env_src).expanduser().resolve())) != SERIES:
            raise SetupError(
                f"ODOO_SRC={env_src} is not an Odoo {SERIES} source tree (found "
                f"{version and 'version ' + version or 'no odoo/release.py'}); point ODOO_SRC at "
                "a checkout of the 19.0 branch."
            )
        return src, "ODOO_SRC"
    if odoo_version(ODOO_CACHE) == SERIES:
        return check_pin(ODOO_CACHE, ODOO_CACHE), "cache"
    say(f"No Odoo {SERIES} sources found; downloading {ODOO_URL} into {ODOO_CACHE}")
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="odoo-dl-", dir=CACHE) as tmp:
        try:
            with urllib.request.urlopen(ODOO_URL, timeout=30) as resp:  # noqa: S310
                shutil.copyfileobj(resp, (archive := Path(tmp) / "odoo.tgz").open("wb"), 1 << 20)
        except OSError as exc:
            raise SetupError(
                f"No Odoo {SERIES} can be had: ODOO_SRC is not set, {ODOO_CACHE} does not exist "
                f"and downloading {ODOO_URL} failed ({getattr(exc, 'reason', exc)}); set "
                "ODOO_SRC=/path/to/odoo-19.0 (a source tree with odoo-bin) and run again."
            ) from None
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        tops = [p for p in Path(tmp).iterdir() if p.is_dir()]
        if len(tops) != 1 or odoo_version(tops[0]) != SERIES:
            raise SetupError(f"The archive at {ODOO_URL} is not an Odoo {SERIES} source tree.")
        check_pin(tops[0], ODOO_URL).rename(ODOO_CACHE)
    return ODOO_CACHE, "download"


def check_pin(src, origin):
    """src if its odoo/ and addons/ are those of setup/odoo-19.0.lock (checked once, then
    stamped): sha256 over each file's path and content, __pycache__ left out."""
    if (stamp := src / ".crossborder-ops-pin").exists() and stamp.read_text() == PIN["sha256"]:
        return src
    say(f"Checking {origin} against setup/odoo-19.0.lock (commit {PIN['commit'][:12]})")
    digest = hashlib.sha256()
    for folder, subdirs, files in (w for top in ("odoo", "addons") for w in os.walk(src / top)):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")  # walked in this order
        for path in (Path(folder, name) for name in sorted(files)):
            digest.update(f"{path.relative_to(src)}\0".encode() + path.read_bytes())
    if digest.hexdigest() != PIN["sha256"]:
        raise SetupError(
            f"{origin} is not the Odoo of setup/odoo-19.0.lock (its files differ); point "
            "ODOO_SRC at the Odoo to use, or update the lock and setup/upstream-baseline.txt."
        )
    stamp.write_text(PIN["sha256"])
    return src


def ensure_venv(odoo_src):
    """The virtualenv's python, with the requirements at the versions of requirements.lock (the
    first install writes it: delete it to take newer releases); psycopg2 importable from here."""
    python, stamp, lock = VENV / "bin" / "python", VENV / ".crossborder-ops-stamp", LOCK
    if not python.exists() and run([sys.executable, "-m", "venv", VENV]).returncode:
        raise SetupError(f"Could not create a virtualenv with {sys.executable} -m venv {VENV}.")
    reqs = [odoo_src / "requirements.txt", ROOT / "requirements.txt"]
    parts = [*reqs, ROOT / "requirements-oca.txt", lock]

    def wanted():  # what the virtualenv was made from
        read = (part.read_bytes() if part.exists() else b"-" for part in parts)
        return hashlib.sha256(str(odoo_src).encode() + b"".join(read))

    if not stamp.exists() or stamp.read_text() != wanted().hexdigest():
        say("Installing Python requirements (Odoo's and ours) into the virtualenv")
        pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        pip += ["-c", lock] if lock.exists() else []
        # one resolution for both files, so Odoo's pins hold for our extras
        reqs = [arg for req in reqs if req.exists() for arg in ("-r", req)]
        if run([*pip, "wheel", "setuptools<81"]).returncode or run([*pip, *reqs]).returncode:
            raise SetupError(
                "pip could not install the requirements (see above); python-ldap needs "
                "libldap2-dev and libsasl2-dev, and PyPI must be reachable."
            )
        # Odoo importable from its source tree without touching the tree
        (SITE / "crossborder_ops_odoo_src.pth").write_text(f"{odoo_src}\n")
        # OCA addons declare 'odoo==19.0.*', which pip cannot see for an Odoo from sources
        if run([*pip, "--no-deps", "-r", ROOT / "requirements-oca.txt"]).returncode:
            raise SetupError("pip could not install the OCA addons of requirements-oca.txt.")
        if not lock.exists():
            freeze = [python, "-m", "pip", "freeze", "--disable-pip-version-check"]
            head = (
                "# pip freeze of setup/'s virtualenv: the versions it installs (delete to renew)\n"
            )
            lock.write_text(head + run(freeze, True, capture_output=True, text=True).stdout)
        stamp.write_text(wanted().hexdigest())
    sys.path.append(str(SITE))
    return python


def sql(query, *params, db="postgres", names=()):
    """Run query on db, its {} being database names (quoted by psycopg2); its first column."""
    import psycopg2
    from psycopg2.sql import SQL, Identifier

    try:
        with contextlib.closing(psycopg2.connect(dbname=db, connect_timeout=5)) as conn:
            conn.autocommit = True
            with conn.cursor() as cr:
                cr.execute(SQL(query).format(*map(Identifier, names)), params)
                return [row[0] for row in cr.fetchall()] if cr.description else []
    except psycopg2.Error as exc:
        raise SetupError(f"PostgreSQL: {str(exc).strip().splitlines()[0]}") from None


def db_exists(name):
    return bool(sql("SELECT 1 FROM pg_database WHERE datname = %s", name))


def installed_addons(db):
    query = "SELECT name FROM ir_module_module WHERE state = 'installed' AND name = ANY(%s)"
    with contextlib.suppress(SetupError):  # no such database or no Odoo in it
        return set(sql(query, ADDONS, db=db))
    return set()


def drop_db(name):
    sql("DROP DATABASE IF EXISTS {} WITH (FORCE)", names=[name])
    shutil.rmtree(FILESTORE / name, ignore_errors=True)


def prepare(kind, db, **extra):
    """Odoo, Debian packages, virtualenv, PostgreSQL, Odoo config: (odoo_src, python, command)."""
    odoo_src, how = find_odoo()
    say(f"Odoo {SERIES} sources: {odoo_src} ({how})")
    missing = [pkg for path, pkg in DEBIAN.items() if not Path("/usr", path).exists()]
    missing += [] if any(map(shutil.which, CHROMES)) else ["chromium"]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing Debian packages: " + " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        cmd = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
        if run(cmd, env=env, stdout=subprocess.DEVNULL).returncode and (
            run(["apt-get", "update", "-qq"], env=env) and run(cmd, env=env).returncode
        ):
            raise SetupError(f"Could not install the Debian packages {' '.join(missing)}.")
    elif missing:
        say(f"Missing system packages (install them): {' '.join(missing)}; without chromium")
        say("the browser tests cannot run and the test command fails.")
    python, user = ensure_venv(odoo_src), os.environ.get("PGUSER") or getpass.getuser()
    try:
        sql("SELECT 1")
    except SetupError as exc:
        raise SetupError(
            f"No PostgreSQL answers at {os.environ.get('PGHOST') or 'the local socket'} as user "
            f"{user} ({exc}); start PostgreSQL or set PGHOST, PGPORT, PGUSER and PGPASSWORD to "
            "a server that does."
        ) from None
    if user == "postgres":
        raise SetupError(
            "Odoo refuses to connect as the PostgreSQL superuser 'postgres'; "
            "set PGUSER to another role that may create databases."
        )
    paths = [odoo_src / "addons"] if (odoo_src / "addons").is_dir() else []
    passwd = os.environ.get("CBO_MASTER_PASSWORD", "crossborder-ops-local")
    options = dict(addons_path=",".join(map(str, [*paths, SITE / "odoo" / "addons", ROOT])))
    options.update(data_dir=CACHE / "data", http_interface="127.0.0.1", list_db=False)
    options.update(max_cron_threads=1, admin_passwd=passwd)
    for key in ("host", "port", "user", "password"):
        if os.environ.get(f"PG{key.upper()}"):
            options[f"db_{key}"] = os.environ[f"PG{key.upper()}"]
    (conf := CACHE / kind / f"{db}.conf").parent.mkdir(parents=True, exist_ok=True)
    options = "".join(f"{k} = {v}\n" for k, v in {**options, **extra}.items())
    conf.write_text(f"[options]\n{options}")
    return odoo_src, python, [python, "-m", "odoo", "-c", conf, "-d", db]


def install_addons(odoo, db, update=False):
    """Install the addons missing from db (created without demo data if it does not exist), or
    update them all if asked."""
    if (missing := set(ADDONS) - installed_addons(db)) or update:
        cmd = [*odoo, "-i" if missing else "-u", ",".join(ADDONS), "--stop-after-init"]
        if run([*cmd, "--log-level=warn"]).returncode or set(ADDONS) - installed_addons(db):
            raise SetupError(f"Installing or updating the addons in database {db} failed.")


def initdb(python, odoo, db, modules, log, verbose):
    """Create db as a copy of the cached template of these modules with demo data, which
    click-odoo-initdb builds first if the cache has none; (unexpected records of its log)."""
    cmd = [python.parent / "click-odoo-initdb", "-c", odoo[4], "-n", db, "-m", ",".join(modules)]
    cmd += ["--cache-prefix", "cbo", "--log-level", "info"]
    rc, records = odoo_log(python, cmd, log, verbose)
    if rc:
        raise SetupError(f"Creating the database {db} failed (see {log}).")
    return records


def cmd_run(args):
    db = args.database
    odoo_src, python, odoo = prepare("run", db, db_name=db, dbfilter=f"^{db}$")
    if not db_exists(db):  # a copy of a cached template with the addons, built the first time
        say(f"Creating database {db} with the addons and demo data (minutes the first time)")
        initdb(python, odoo, db, ADDONS, CACHE / "run" / f"{db}-initdb.log", False)
    install_addons(odoo, db, update=args.update)
    if args.no_start:
        return say(f"Database {db} is ready; start it with: {' '.join(map(str, odoo))}")
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", args.port)) == 0:
            raise SetupError(f"Port {args.port} is in use; stop what runs there or use --port.")
    say(f"Odoo starts on http://127.0.0.1:{args.port}  database: {db}  login: admin / admin")
    say("Demo users (password = login): see README.md. Stop with Ctrl-C.")
    os.execv(python, [str(c) for c in [*odoo, "--http-port", args.port]])


def odoo_log(python, cmd, log, verbose):
    """Run Odoo, its whole log into log, echo what matters; (exit code, first lines of the
    records checklog-odoo fails on: its ignore list is setup/log-allowlist.txt + TEST_RECORDS)."""
    with log.open("w") as out:
        pipe = dict(stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        proc = subprocess.Popen(list(map(str, cmd)), **pipe)
        for line in proc.stdout:
            out.write(line)
            important = " Loading module " in line or "tests when loading" in line
            if verbose or (match := LOG_LINE.match(line)) and (match[1] != "INFO" or important):
                sys.stdout.write(line)
    ignore = [TEST_RECORDS, *load_lines(ROOT / "setup" / "log-allowlist.txt")]
    cmd = [python.parent / "checklog-odoo", "--no-echo", "--no-err-if-empty", log]
    cmd += [arg for pattern in ignore for arg in ("--ignore", pattern)]
    report = run(cmd, True, capture_output=True, text=True, cwd=log.parent).stdout
    failing = report.partition("errors that caused failure (")[2].partition("\n")[2]
    return proc.wait(), [line for line in failing.splitlines() if LOG_LINE.match(line)]


def assess_odoo_run(log_text, returncode):
    """Turn an Odoo test log into (tests per module, failed, problems, reasons)."""
    started, failed, problems, reasons, summary = {}, [], [], {}, None
    for line in log_text.splitlines():
        if not (match := LOG_LINE.match(line)):
            if failed and line.startswith("AssertionError: ") and failed[-1] not in reasons:
                reasons[failed[-1]] = line.strip()  # shown beside known upstream failures
            continue
        level, logger, msg = match.groups()
        module = (found := re.match(r"odoo\.addons\.(\w+)\.tests\b", logger)) and found[1]
        if module and msg.startswith("Starting "):
            started[module] = started.get(module, 0) + 1
        elif module in ADDONS and msg.startswith("skipped "):
            problems.append(f"test skipped in {module} (tours need chromium): {msg}")
        elif module and level == "ERROR" and re.match(r"^(FAIL|ERROR): ", msg):
            failed.append((module, msg.split(": ", 1)[1].strip()))
        elif logger == "odoo.tests.result" and " tests when loading database" in msg:
            summary = msg
    if returncode and not failed and summary is not None:  # Odoo exits 1 when a test failed
        problems.append(f"Odoo exited with status {returncode}")
    if summary is None:
        problems.append("Odoo printed no test summary (the install failed before the tests ran)")
    elif not failed and not summary.startswith("0 failed, 0 error(s)"):
        problems.append(f"Odoo reports '{summary}'")
    return started, failed, problems, reasons


def template_modules(odoo_src, tested):
    """What the tested modules need, minus them and what depends on one of them: installed in
    every test database, they run their at_install tests right after their own install."""
    found = {}
    for top in [odoo_src / "odoo" / "addons", odoo_src / "addons", SITE / "odoo" / "addons", ROOT]:
        for manifest in sorted(top.glob("*/__manifest__.py")):
            deps = ast.literal_eval(manifest.read_text()).get("depends", [])
            found.setdefault(manifest.parent.name, deps)
    closure = functools.cache(lambda m: {m}.union(*map(closure, found.get(m, []))))
    mods = set().union(*map(closure, tested)) - set(tested)
    return sorted(m for m in mods if m in found and not closure(m) & set(tested))


def split(units, jobs):
    """The test units (modules, and PYTEST) in at most jobs groups of about equal time."""
    groups = [[] for _ in range(jobs)]
    for unit in sorted(units, key=lambda u: -WEIGHT.get(u, 20)):
        min(groups, key=lambda g: sum(WEIGHT.get(u, 20) for u in g)).append(unit)
    return [group for group in groups if group]


def cmd_test(args):
    name = args.database or f"cbo_test_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    odoo_src, python, odoo = prepare("test", name)
    if not any(map(shutil.which, CHROMES)):
        raise SetupError(
            "No Chromium is installed, so the browser tours would be skipped; "
            "install Debian's chromium package."
        )
    modules = ADDONS + [m for m in args.upstream if m not in ADDONS]
    units = modules + ([] if args.no_pytest else [PYTEST])
    groups = [units] if args.no_template else split(units, min(args.jobs, len(modules)))
    dbs = [name] + [f"{name}_{i}" for i in range(1, len(groups))]
    (logdir := ROOT / ".test-logs").mkdir(exist_ok=True)
    start, records, needed = time.time(), [], template_modules(odoo_src, modules)
    for db in dbs:  # the first builds the template if the cache has none of these modules
        drop_db(db)
        if not args.no_template:  # the warnings of a template's build count in its run
            records += initdb(python, odoo, db, needed, logdir / f"{db}-initdb.log", args.verbose)

    def work(db, group):
        """Odoo's tests of the group's modules in db, then tests/ if in the group."""
        mods, log = [u for u in group if u != PYTEST], logdir / f"{db}.log"
        say(f"Database {db}: testing {', '.join(group)}; full Odoo log: {log}")
        with socket.socket() as sock:
            port = sock.bind(("127.0.0.1", 0)) or sock.getsockname()[1]
        cmd = [*odoo[:-1], db, "-i", ",".join(modules), "--with-demo", "--test-enable"]
        cmd += ["--http-port", port, "--test-tags"]
        cmd += [",".join(f"/{m}" for m in mods), "--stop-after-init", "--log-level=info"]
        rc, records = odoo_log(python, cmd, log, args.verbose) if mods else (0, [])
        found = assess_odoo_run(log.read_text(), rc) if mods else ({}, [], [], {})
        return *found, records, run_pytest(odoo, db, logdir) if PYTEST in group else (0, 0)

    with concurrent.futures.ThreadPoolExecutor(len(groups)) as pool:
        results = list(pool.map(work, dbs, groups))
    say(f"Odoo install and tests took {time.time() - start:.0f} s")
    baseline = load_lines(ROOT / "setup" / "upstream-baseline.txt")
    started, failed, problems, reasons = {}, [], [], {}
    for run_started, run_failed, run_problems, run_reasons, run_records, _ in results:
        started.update(run_started)
        failed += run_failed
        problems += run_problems + ["unexpected log record: " + rec for rec in run_records]
        reasons.update(run_reasons)
    problems += ["unexpected log record: " + record for record in records]
    known = [(m, t) for m, t in failed if m not in ADDONS and f"{m}: {t}" in baseline]
    failed = [f for f in failed if f not in known]
    for mod in sorted(started):
        say(f"  {mod}: {started[mod]} tests, {sum(m == mod for m, _ in failed + known)} failed")
    for mod, test in known:
        say(f"  known upstream failure (setup/upstream-baseline.txt): {mod}: {test}")
        if (mod, test) in reasons:
            say(f"      {reasons[(mod, test)]}")
    for line in [f"FAILED {m}: {t}" for m, t in failed] + [f"PROBLEM {p}" for p in problems]:
        say("  " + line)
    for db in dbs:
        say(f"Database {db} kept (config {odoo[4]})") if args.keep_db else drop_db(db)
    pytest_passed, pytest_failed = map(sum, zip(*(result[-1] for result in results), strict=False))
    passed = sum(started.values()) - len(failed) - len(known) + pytest_passed
    # every problem (crash, skipped tour, unexpected warning) counts as a failure
    n_failed = len(failed) + pytest_failed + len(problems)
    print(f"{passed} passed, {n_failed} failed", flush=True)
    return 1 if n_failed else 0


def run_pytest(odoo, db, logdir):
    """Run tests/ with pytest-odoo; (passed, failed) from its junit report."""
    say(f"Running the cross-addon tests (pytest-odoo) on {db}: tests/")
    junit = logdir / f"{db}-pytest.xml"
    opts = [f"--odoo-config={odoo[4]}", f"--odoo-database={db}", f"--junitxml={junit}", "-q"]
    rc = run([odoo[0], "-m", "pytest", ROOT / "tests", "-p", "no:cacheprovider", *opts], cwd=ROOT)
    try:
        suite = next(ET.parse(junit).getroot().iter("testsuite"))
    except (OSError, ET.ParseError, StopIteration):
        return 0, 1
    count = {k: int(suite.get(k, 0)) for k in ("errors", "failures", "skipped", "tests")}
    bad = count["errors"] + count["failures"] + count["skipped"]
    return count["tests"] - bad, bad or int(bool(rc.returncode))


def cmd_i18n(args):
    """Refresh <addon>/i18n/<addon>.pot from a database with the addons, and merge it into the
    zh_CN and tr .po files (click-odoo-makepot, msgmerge: existing translations are kept)."""
    odoo_src, python, odoo = prepare("i18n", db := args.database)
    install_addons(odoo, db, update=True)
    cmd = [python.parent / "click-odoo-makepot", "-c", odoo[4], "-d", db, "--addons-dir", ROOT]
    cmd += ["-m", ",".join(ADDONS), "--msgmerge", "--no-fuzzy-matching", "--no-commit"]
    return run([*cmd, "--purge-old-translations"]).returncode


def cmd_lint(args):
    python = ensure_venv(find_odoo()[0])
    cmd = [python.parent / "pre-commit", "run", "--all-files", "--show-diff-on-failure"]
    env = dict(os.environ, PATH=f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    hooks = [[hook] for hook in args.hooks] or [[]]
    return max(run(cmd + hook, cwd=ROOT, env=env).returncode for hook in hooks)


def upstream_list(value):
    mods = [m.strip() for m in value.split(",") if m.strip() not in ("", "none")]
    mods = UPSTREAM_ALL if value in ("", "all") else mods
    if bad := sorted(set(mods) - set(UPSTREAM_ALL)):
        raise argparse.ArgumentTypeError(f"unknown upstream suite(s): {', '.join(bad)}")
    return mods


def main(argv=None):
    parser = argparse.ArgumentParser(prog="crossborder-ops", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="install everything and start Odoo on http://127.0.0.1:8069")
    p_run.add_argument("--database", default=os.environ.get("CBO_DB", "crossborder_ops"))
    p_run.add_argument("--port", type=int, default=int(os.environ.get("CBO_HTTP_PORT", "8069")))
    p_run.add_argument("--update", action="store_true", help="update the addons before starting")
    p_run.add_argument("--no-start", action="store_true", help="prepare the database only")
    p_test = sub.add_parser("test", help="a fresh database, Odoo's tests, tests/ with pytest-odoo")
    help_ = f"also upstream suites: all of {','.join(UPSTREAM_ALL)}, a comma list or none"
    p_test.add_argument("--upstream", nargs="?", const="all", type=upstream_list, help=help_)
    p_test.add_argument("--database", help="database name (default: a fresh cbo_test_* name)")
    no_template = os.environ.get("CBO_NO_TEMPLATE") == "1"
    p_test.add_argument("--no-template", action="store_true", default=no_template, help="no cache")
    jobs = int(os.environ.get("CBO_TEST_JOBS") or min(2, os.cpu_count() or 1))
    p_test.add_argument("--jobs", type=int, default=jobs, help="databases tested side by side")
    p_test.add_argument("--keep-db", action="store_true", help="keep the test database afterwards")
    p_test.add_argument("--no-pytest", action="store_true", help="skip tests/ (pytest-odoo)")
    p_test.add_argument("-v", "--verbose", action="store_true", help="stream the whole Odoo log")
    p_test.set_defaults(upstream=["helpdesk_mgmt"])
    p_i18n = sub.add_parser("i18n", help="refresh the .pot and the zh_CN/tr .po files")
    p_i18n.add_argument("--database", default="cbo_i18n")
    p_lint = sub.add_parser("lint", help="pre-commit run --all-files in the project's virtualenv")
    p_lint.add_argument("hooks", nargs="*", help="only these hook ids")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return globals()[f"cmd_{args.command}"](args) or 0
    except SetupError as exc:
        print(f"crossborder-ops: {exc}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
