#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Set up, run and test the Crossborder Ops addons on Odoo 19.

Only the standard library is used here: this file runs before any virtualenv
exists. ``setup/run`` and ``setup/test`` are thin wrappers around it.

Where things come from, in order:

* Odoo 19 sources: ``$ODOO_SRC``; else an Odoo already importable by the
  Python running this script; else the per-user cache
  ``~/.cache/crossborder-ops/odoo-19.0``; else the official 19.0 sources are
  downloaded into that cache (so a machine that had them once works offline).
* Python packages: a virtualenv in the same cache, rebuilt only when a
  requirements file changes.
* PostgreSQL: the one libpq finds (``PGHOST``/``PGPORT``/``PGUSER``/...);
  if none answers and the server binaries are here, the local cluster is
  started.
"""

import argparse
import ast
import contextlib
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = [
    "crossborder_ops",
    "crossborder_ops_helpdesk",
    "crossborder_ops_crm",
    "crossborder_ops_helpdesk_sale",
]
# Upstream suites of what we extend; the cheap one runs by default.
UPSTREAM_ALL = [
    "crm",
    "hr_recruitment",
    "hr_recruitment_survey",
    "survey",
    "helpdesk_mgmt",
    "helpdesk_mgmt_sale",
    "helpdesk_product",
    "sale_stock",
]
UPSTREAM_DEFAULT = ["helpdesk_mgmt"]
ODOO_SERIES = "19.0"
ODOO_URL = os.environ.get("ODOO_URL", "https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz")
CACHE = Path(
    os.environ.get("CBO_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crossborder-ops"
)
ODOO_CACHE = CACHE / "odoo-19.0"
PY_TAG = f"py{sys.version_info[0]}.{sys.version_info[1]}"
VENV = Path(os.environ.get("CBO_VENV") or CACHE / f"venv-{PY_TAG}")
FILESTORE = CACHE / "data" / "filestore"
DEBIAN_PACKAGES = {
    # what must exist -> Debian package that provides it
    "/usr/include/ldap.h": "libldap2-dev",
    "/usr/include/sasl/sasl.h": "libsasl2-dev",
    "/usr/bin/wkhtmltopdf": "wkhtmltopdf",  # Odoo prints PDF reports with it
}
CHROME_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]


class SetupError(Exception):
    """An expected failure: printed as one sentence, exit code 2."""


def say(msg):
    print(f"[crossborder-ops] {msg}", flush=True)


def run(cmd, quiet=False, **kw):
    if not quiet:
        say("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=False, **kw)


# --------------------------------------------------------------------------
# Odoo sources
# --------------------------------------------------------------------------
def _odoo_version(src):
    release = Path(src) / "odoo" / "release.py"
    if not release.is_file():
        return None
    match = re.search(r"version_info\s*=\s*\((\d+),\s*(\d+)", release.read_text())
    return f"{match[1]}.{match[2]}" if match else None


def _importable_odoo():
    """Source root of an Odoo 19 importable by this Python, or None."""
    probe = (
        "import odoo.release, os, sys;"
        "print(odoo.release.serie);"
        "print(os.path.dirname(list(odoo.__path__)[0]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    lines = proc.stdout.split()
    if proc.returncode == 0 and len(lines) == 2 and lines[0] == ODOO_SERIES:
        return Path(lines[1])
    return None


def _download_odoo():
    say(f"No Odoo {ODOO_SERIES} sources found; downloading {ODOO_URL} into {ODOO_CACHE}")
    CACHE.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix="odoo-dl-", dir=CACHE))
    try:
        archive = tmpdir / "odoo.tar.gz"
        try:
            with urllib.request.urlopen(ODOO_URL, timeout=30) as resp:  # noqa: S310
                with archive.open("wb") as out:
                    shutil.copyfileobj(resp, out, 1 << 20)
        except OSError as exc:
            raise SetupError(
                f"No Odoo {ODOO_SERIES} can be had: ODOO_SRC is not set, "
                f"{ODOO_CACHE} does not exist and downloading {ODOO_URL} failed "
                f"({getattr(exc, 'reason', exc)}); set ODOO_SRC=/path/to/odoo-19.0 "
                "(a source tree with odoo-bin) and run again."
            ) from None
        with tarfile.open(archive) as tar:
            tar.extractall(tmpdir, filter="data")
        tops = [p for p in tmpdir.iterdir() if p.is_dir()]
        if len(tops) != 1 or _odoo_version(tops[0]) != ODOO_SERIES:
            raise SetupError(f"The archive at {ODOO_URL} is not an Odoo {ODOO_SERIES} source tree.")
        tops[0].rename(ODOO_CACHE)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return ODOO_CACHE


def find_odoo():
    """Return (source_root, how) of the Odoo 19 to use."""
    env_src = os.environ.get("ODOO_SRC")
    if env_src:
        src = Path(env_src).expanduser().resolve()
        version = _odoo_version(src)
        if version != ODOO_SERIES:
            raise SetupError(
                f"ODOO_SRC={env_src} is not an Odoo {ODOO_SERIES} source tree "
                f"(found {'version ' + version if version else 'no odoo/release.py'}); "
                "point ODOO_SRC at a checkout of the 19.0 branch."
            )
        return src, "ODOO_SRC"
    importable = _importable_odoo()
    if importable:
        return importable, "importable"
    if _odoo_version(ODOO_CACHE) == ODOO_SERIES:
        return ODOO_CACHE, "cache"
    return _download_odoo(), "download"


# --------------------------------------------------------------------------
# System packages, virtualenv, Python packages
# --------------------------------------------------------------------------
def find_chrome():
    for name in CHROME_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def ensure_system_packages():
    missing = [pkg for path, pkg in DEBIAN_PACKAGES.items() if not Path(path).exists()]
    if not find_chrome():
        missing.append("chromium")
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing Debian packages: " + " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        cmd = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
        if run(cmd, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            run(["apt-get", "update", "-qq"], env=env)
            if run(cmd, env=env, stdout=subprocess.DEVNULL).returncode != 0:
                raise SetupError(
                    "Could not install the Debian packages "
                    + " ".join(missing)
                    + "; install them and run again."
                )
    else:
        say(
            "Missing system packages (install them with your package manager): "
            + " ".join(missing)
            + ". Without chromium the browser tests cannot run and the test command fails."
        )


def _site_packages(python):
    out = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def ensure_venv(odoo_src, how):
    python = VENV / "bin" / "python"
    if not python.exists():
        say(f"Creating the virtualenv {VENV}")
        args = [sys.executable, "-m", "venv"]
        if how == "importable":
            args.append("--system-site-packages")  # the importable Odoo lives there
        if run([*args, VENV]).returncode != 0:
            raise SetupError(f"Could not create a virtualenv with {sys.executable} -m venv {VENV}.")
    odoo_reqs = odoo_src / "requirements.txt"
    our_reqs = ROOT / "requirements.txt"
    oca_reqs = ROOT / "requirements-oca.txt"
    digest = hashlib.sha256()
    for part in (odoo_reqs, our_reqs, oca_reqs):
        digest.update(part.read_bytes() if part.exists() else b"-")
    digest.update(str(odoo_src).encode())
    stamp = VENV / ".crossborder-ops-stamp"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return python
    say("Installing Python requirements (Odoo's and ours) into the virtualenv")
    pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    reqs = ["-r", our_reqs]
    if odoo_reqs.exists():
        # one resolution for both files, so Odoo's pins hold for our extras
        reqs = ["-r", odoo_reqs, *reqs]
    if run([*pip, "wheel", "setuptools<81"]).returncode or run([*pip, *reqs]).returncode:
        raise SetupError(
            "pip could not install the requirements (see above); python-ldap needs "
            "libldap2-dev and libsasl2-dev, and PyPI must be reachable."
        )
    if how != "importable":
        # Odoo from a source tree: make it importable without touching the tree.
        (_site_packages(python) / "crossborder_ops_odoo_src.pth").write_text(f"{odoo_src}\n")
    # OCA addons declare 'odoo==19.0.*', which pip cannot see for an Odoo
    # taken from sources: install them without dependency resolution.
    if run([*pip, "--no-deps", "-r", oca_reqs]).returncode:
        raise SetupError("pip could not install the OCA addons listed in requirements-oca.txt.")
    stamp.write_text(digest.hexdigest())
    return python


# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------
def _pg_answers(python):
    probe = (
        "import psycopg2\n"
        "for db in ('postgres', 'template1'):\n"
        "    try:\n"
        "        psycopg2.connect(dbname=db, connect_timeout=5).close(); break\n"
        "    except psycopg2.OperationalError as e: err = e\n"
        "else: raise SystemExit(str(err).strip().splitlines()[0])\n"
    )
    proc = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=False)
    return proc.returncode == 0, (proc.stderr or proc.stdout).strip()


def _pg_user():
    import getpass

    return os.environ.get("PGUSER") or getpass.getuser()


def ensure_postgres(python):
    ok, err = _pg_answers(python)
    if not ok and not os.environ.get("PGHOST") and shutil.which("pg_ctlcluster"):
        clusters = sorted(Path("/etc/postgresql").glob("*/main"))
        if clusters:
            version = clusters[-1].parent.name
            say(f"PostgreSQL does not answer; starting the local cluster {version}/main")
            run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"])
            for _ in range(20):
                ok, err = _pg_answers(python)
                if ok:
                    break
                time.sleep(0.5)
    if not ok:
        where = os.environ.get("PGHOST", "the local socket")
        raise SetupError(
            f"No PostgreSQL answers at {where} as user {_pg_user()} ({err}); start "
            "PostgreSQL or set PGHOST, PGPORT, PGUSER and PGPASSWORD to a server that does."
        )
    if _pg_user() == "postgres":
        raise SetupError(
            "Odoo refuses to connect as the PostgreSQL superuser 'postgres'; "
            "set PGUSER to another role that may create databases."
        )


PG_HEAD = (
    "import sys, psycopg2\nfrom psycopg2.sql import SQL, Identifier as Id\n"
    "argv = sys.argv[2:]\nc = psycopg2.connect(dbname=sys.argv[1]); c.autocommit = True\n"
    "cr = c.cursor()\n"
)


def pg(python, code, *args, db="postgres"):
    """Run psycopg2 code (cr, SQL, Id, argv at hand) in the virtualenv; its output words."""
    proc = subprocess.run(
        [python, "-c", PG_HEAD + code, db, *args], capture_output=True, text=True, check=False
    )
    if proc.returncode:
        raise SetupError(f"PostgreSQL refused: {proc.stderr.strip().splitlines()[-1]}")
    return proc.stdout.split()


def db_list(python, prefix):
    """The databases whose name starts with prefix."""
    sql = "select datname from pg_database where starts_with(datname, %s)"
    return pg(python, f"cr.execute({sql!r}, argv)\nprint(*[r[0] for r in cr])", prefix)


def db_exists(python, name):
    return name in db_list(python, name)


def installed_addons(python, name):
    sql = "select name from ir_module_module where state='installed' and name = any(%s)"
    return set(pg(python, f"cr.execute({sql!r}, (argv,))\nprint(*[r[0] for r in cr])", *ADDONS,
                  db=name))  # fmt: skip


def ddl(python, sql, *names):
    """Run a statement whose {} are database names (quoted by psycopg2.sql.Identifier)."""
    pg(python, "cr.execute(SQL(argv[0]).format(*map(Id, argv[1:])))", sql, *names)


def drop_db(python, name):
    ddl(python, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
    shutil.rmtree(FILESTORE / name, ignore_errors=True)


# --------------------------------------------------------------------------
# Odoo configuration
# --------------------------------------------------------------------------
def write_config(python, odoo_src, path, extra=None):
    addons_path = []
    if (odoo_src / "addons").is_dir():
        addons_path.append(odoo_src / "addons")
    addons_path.append(_site_packages(python) / "odoo" / "addons")
    addons_path.append(ROOT)
    lines = [
        "[options]",
        "addons_path = " + ",".join(str(p) for p in addons_path),
        f"data_dir = {CACHE / 'data'}",
        "http_interface = 127.0.0.1",
        "list_db = False",
        "max_cron_threads = 1",
        "admin_passwd = " + os.environ.get("CBO_MASTER_PASSWORD", "crossborder-ops-local"),
    ]
    for env, key in (
        ("PGHOST", "db_host"),
        ("PGPORT", "db_port"),
        ("PGUSER", "db_user"),
        ("PGPASSWORD", "db_password"),
    ):
        if os.environ.get(env):
            lines.append(f"{key} = {os.environ[env]}")
    for key, value in (extra or {}).items():
        lines.append(f"{key} = {value}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path


def free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare():
    odoo_src, how = find_odoo()
    say(f"Odoo {ODOO_SERIES} sources: {odoo_src} ({how})")
    ensure_system_packages()
    python = ensure_venv(odoo_src, how)
    ensure_postgres(python)
    return odoo_src, python


# --------------------------------------------------------------------------
# run
# --------------------------------------------------------------------------
def cmd_run(args):
    odoo_src, python = prepare()
    db = args.database
    conf = write_config(
        python, odoo_src, CACHE / "run" / f"{db}.conf", {"db_name": db, "dbfilter": f"^{db}$"}
    )
    odoo = [python, "-m", "odoo", "-c", conf, "-d", db]
    have = installed_addons(python, db) if db_exists(python, db) else set()
    if set(ADDONS) - have:
        say(f"Installing {', '.join(ADDONS)} with demo data into database {db} (about two minutes)")
        demo = ["--with-demo"] if not db_exists(python, db) else []
        proc = run([*odoo, "-i", ",".join(ADDONS), *demo, "--stop-after-init", "--log-level=warn"])
        if proc.returncode or set(ADDONS) - installed_addons(python, db):
            raise SetupError(
                f"Installing the addons into database {db} failed (see the log above)."
            )
    elif args.update:
        proc = run([*odoo, "-u", ",".join(ADDONS), "--stop-after-init", "--log-level=warn"])
        if proc.returncode:
            raise SetupError(f"Updating the addons in database {db} failed (see the log above).")
    if args.no_start:
        say(f"Database {db} is ready; start it with: {' '.join(map(str, odoo))}")
        return 0
    with contextlib.closing(socket.socket()) as sock:
        if sock.connect_ex(("127.0.0.1", args.port)) == 0:
            raise SetupError(
                f"Port {args.port} on 127.0.0.1 is already in use; "
                "stop what runs there or pass --port."
            )
    say(f"Odoo starts on http://127.0.0.1:{args.port}  database: {db}  login: admin / admin")
    say("Demo users (password = login): see README.md. Stop with Ctrl-C.")
    os.execv(
        str(python),
        [str(python), "-m", "odoo", "-c", str(conf), "-d", db, "--http-port", str(args.port)],
    )


# --------------------------------------------------------------------------
# test
# --------------------------------------------------------------------------
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)$"
)
REASONS = {}
TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests\b")


def _load_lines(path):
    if not path.exists():
        return []
    entries = []
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        entries.append(line)
    return entries


def parse_odoo_log(log_text, ours):
    """Count tests per module, failures and skips; find the summary."""
    started, failed, skipped, summary = {}, [], [], None
    for line in log_text.splitlines():
        match = LOG_LINE.match(line)
        if not match:
            if failed and line.startswith("AssertionError: ") and failed[-1] not in REASONS:
                REASONS[failed[-1]] = line.strip()  # shown beside known upstream failures
            continue
        level, logger, msg = match["level"], match["logger"], match["msg"]
        tmatch = TEST_LOGGER.match(logger)
        module = tmatch["module"] if tmatch else None
        if module and msg.startswith("Starting "):
            started[module] = started.get(module, 0) + 1
        elif module and msg.startswith("skipped "):
            skipped.append((module, msg))
        elif module and level == "ERROR" and re.match(r"^(FAIL|ERROR): ", msg):
            failed.append((module, msg.split(": ", 1)[1].strip()))
        elif logger == "odoo.tests.result" and " tests when loading database" in msg:
            summary = msg
    return started, failed, skipped, summary


def _stream_odoo(cmd, log_path, verbose):
    """Run Odoo, keep its whole log in log_path, echo what matters."""
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for line in proc.stdout:
            log.write(line)
            match = LOG_LINE.match(line.rstrip("\n"))
            shown = verbose or (
                match
                and (
                    match["level"] in ("WARNING", "ERROR", "CRITICAL")
                    or " Loading module " in line
                    or "tests when loading" in line
                )
            )
            if shown:
                sys.stdout.write(line)
        return proc.wait()


# Records about failing tests, counted as failures and not again as unexpected log records.
TEST_RECORDS = [
    r"^\S+ \S+ \d+ ERROR \S+ odoo\.addons\.\w+\.tests\S*: (FAIL|ERROR): ",
    r"^\S+ \S+ \d+ ERROR \S+ odoo\.tests\.result: .* tests when loading database",
    r"^\S+ \S+ \d+ ERROR \S+ odoo\.modules\.loading: At least one test failed when loading",
]


def unexpected_records(python, log_path):
    """First lines of the WARNING/ERROR/CRITICAL records checklog-odoo fails on, the ignore
    list being setup/log-allowlist.txt and the records of failing tests."""
    ignore = TEST_RECORDS + _load_lines(ROOT / "setup" / "log-allowlist.txt")
    cmd = [python.parent / "checklog-odoo", "--no-echo", "--no-err-if-empty", log_path]
    for pattern in ignore:
        cmd[1:1] = ["--ignore", pattern]
    out = run(cmd, quiet=True, capture_output=True, text=True, cwd=log_path.parent).stdout
    failing = out.partition("errors that caused failure (")[2].partition("\n")[2]
    return [line for line in failing.splitlines() if LOG_LINE.match(line)]


def assess_odoo_run(log_text, returncode, baseline, unexpected):
    """Turn an Odoo test log into (tests per module, known, failed, problems)."""
    started, failed, skipped, summary = parse_odoo_log(log_text, ADDONS)
    known = [(m, t) for m, t in failed if m not in ADDONS and f"{m}: {t}" in baseline]
    real_failed = [f for f in failed if f not in known]
    problems = []
    # Odoo exits 1 when a test failed: failures are counted on their own
    if returncode and not failed and summary is not None:
        problems.append(f"Odoo exited with status {returncode}")
    if summary is None:
        problems.append("Odoo printed no test summary (the install failed before the tests ran)")
    elif not failed and not summary.startswith("0 failed, 0 error(s)"):
        problems.append(f"Odoo reports '{summary}'")
    problems.extend(
        f"test skipped in {mod} (tours need chromium and websocket-client): {msg}"
        for mod, msg in skipped
        if mod in ADDONS
    )
    problems.extend("unexpected log record: " + line for line in unexpected)
    return started, known, real_failed, problems


def template_modules(python, odoo_src, tested):
    """(modules, folders) for the template: what the tested modules need, minus the tested
    modules and whatever depends on one of them (their at_install tests run at their install)."""
    found = {}
    for top in (odoo_src / "odoo" / "addons", odoo_src / "addons",
                _site_packages(python) / "odoo" / "addons", ROOT):  # fmt: skip
        for manifest in sorted(top.glob("*/__manifest__.py")):
            deps = ast.literal_eval(manifest.read_text()).get("depends", [])
            found.setdefault(manifest.parent.name, (manifest.parent, deps))

    def closure(names):
        seen, todo = set(), list(names)
        while todo:
            if (name := todo.pop()) not in seen:
                seen.add(name)
                todo.extend(found[name][1] if name in found else [])
        return seen

    mods = sorted(m for m in closure(tested) if m in found and not closure([m]) & set(tested))
    return mods, [found[m][0] for m in mods]


def ensure_template(python, odoo_src, conf, tested, logdir, verbose):
    """Name of the template database for these tested modules (built when missing), and
    the log of its build if it was built now."""
    mods, folders = template_modules(python, odoo_src, tested)
    digest = hashlib.sha256("\n".join(mods).encode())
    digest.update((VENV / ".crossborder-ops-stamp").read_bytes())
    for top in [*folders, odoo_src / "odoo"]:  # stat only: size and mtime of every file
        for folder, subdirs, files in os.walk(top):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            for name in sorted(files):
                st = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name} {st.st_size} {st.st_mtime_ns}\n".encode())
    name = f"cbo_tmpl_{digest.hexdigest()[:12]}"
    if db_exists(python, name):
        say(f"Template database {name} (the {len(mods)} modules the tested ones need)")
        return name, []
    building = f"{name}_building"  # renamed when complete: a killed build leaves no template
    drop_db(python, building)
    say(f"Building template database {name}: {len(mods)} modules the tested ones need")
    log = logdir / f"{name}.log"
    cmd = [python, "-m", "odoo", "-c", conf, "-d", building, "-i", ",".join(mods), "--with-demo",
           "--stop-after-init", "--log-level=info"]  # fmt: skip
    if _stream_odoo(cmd, log, verbose) or not db_exists(python, building):
        raise SetupError(f"Building the template database {name} failed (see {log}).")
    shutil.rmtree(FILESTORE / name, ignore_errors=True)
    if (FILESTORE / building).exists():
        (FILESTORE / building).rename(FILESTORE / name)
    ddl(python, "ALTER DATABASE {} RENAME TO {}", building, name)
    for old in set(db_list(python, "cbo_tmpl_")) | {p.name for p in FILESTORE.glob("cbo_tmpl_*")}:
        if old != name:
            say(f"Dropping the outdated template database {old}")
            drop_db(python, old)
    return name, [log]  # its warnings count in the run that builds it


def cmd_test(args):
    odoo_src, python = prepare()
    if not find_chrome():
        raise SetupError(
            "No Chromium is installed, so the browser tours would be skipped; "
            "install Debian's chromium package."
        )
    upstream = UPSTREAM_DEFAULT if args.upstream is None else args.upstream
    db = args.database or f"cbo_test_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    logdir = ROOT / ".test-logs"
    logdir.mkdir(exist_ok=True)
    log_path = logdir / f"{db}.log"
    port = free_port()
    conf = write_config(python, odoo_src, CACHE / "test" / f"{db}.conf", {"http_port": port})
    modules = ADDONS + [m for m in upstream if m not in ADDONS]
    drop_db(python, db)
    start, logs = time.time(), [log_path]
    if not args.no_template:
        template, logs[1:] = ensure_template(python, odoo_src, conf, modules, logdir, args.verbose)
        ddl(python, "CREATE DATABASE {} TEMPLATE {}", db, template)
        if (FILESTORE / template).exists():
            shutil.copytree(FILESTORE / template, FILESTORE / db)
    say(f"Fresh database {db}: installing and testing {', '.join(modules)}")
    say(f"Full Odoo log: {log_path}")
    cmd = [
        python, "-m", "odoo", "-c", conf, "-d", db, "-i", ",".join(modules), "--with-demo",
        "--test-enable", "--test-tags", ",".join(f"/{m}" for m in modules),
        "--stop-after-init", "--log-level=info", "--http-port", str(port),
    ]  # fmt: skip
    rc = _stream_odoo(cmd, log_path, args.verbose)
    say(f"Odoo install and tests took {time.time() - start:.0f} s (exit {rc})")
    started, known, failed, problems = assess_odoo_run(
        log_path.read_text(),
        rc,
        baseline=_load_lines(ROOT / "setup" / "upstream-baseline.txt"),
        unexpected=[r for log in logs for r in unexpected_records(python, log)],
    )
    pytest_passed = pytest_failed = 0
    if not args.no_pytest:
        pytest_passed, pytest_failed = run_pytest(python, conf, db, logdir)
    for mod in sorted(started):
        n_fail = sum(1 for m, _ in failed + known if m == mod)
        say(f"  {mod}: {started[mod]} tests, {n_fail} failed")
    for mod, test in known:
        say(f"  known upstream failure (setup/upstream-baseline.txt): {mod}: {test}")
        if (mod, test) in REASONS:
            say(f"      {REASONS[(mod, test)]}")
    for mod, test in failed:
        say(f"  FAILED {mod}: {test}")
    for problem in problems:
        say("  PROBLEM " + problem)
    if args.keep_db:
        say(f"Database {db} kept (config {conf})")
    else:
        drop_db(python, db)
    passed = sum(started.values()) - len(failed) - len(known) + pytest_passed
    # every problem (crash, skipped tour, unexpected warning) counts as a failure
    n_failed = len(failed) + pytest_failed + len(problems)
    print(f"{passed} passed, {n_failed} failed", flush=True)
    return 1 if n_failed else 0


def run_pytest(python, conf, db, logdir):
    junit = logdir / f"{db}-pytest.xml"
    cmd = [
        python, "-m", "pytest", str(ROOT / "tests"), "-p", "no:cacheprovider",
        f"--odoo-config={conf}", f"--odoo-database={db}", f"--junitxml={junit}", "-q",
    ]  # fmt: skip
    say("Running the cross-addon tests (pytest-odoo): tests/")
    proc = run(cmd, cwd=ROOT)
    if not junit.exists():
        return 0, 1
    text = junit.read_text()
    match = re.search(
        r'<testsuite [^>]*errors="(\d+)" failures="(\d+)" skipped="(\d+)" tests="(\d+)"', text
    )
    if not match:
        return 0, 1 if proc.returncode else 0
    errors, failures, skipped, tests = map(int, match.groups())
    bad = errors + failures + skipped
    if proc.returncode and not bad:
        bad = 1
    return tests - errors - failures - skipped, bad


# --------------------------------------------------------------------------
# i18n
# --------------------------------------------------------------------------
def cmd_i18n(args):
    """Refresh <addon>/i18n/<addon>.pot, zh_CN.po and tr.po from a database.

    Existing translations are kept: the .po files are loaded first, then the
    template and both languages are exported again (new terms come out empty).
    """
    odoo_src, python = prepare()
    db = args.database
    conf = write_config(python, odoo_src, CACHE / "i18n" / f"{db}.conf")
    odoo = [python, "-m", "odoo"]
    if not db_exists(python, db) or set(ADDONS) - installed_addons(python, db):
        proc = run(
            [
                *odoo,
                "-c",
                conf,
                "-d",
                db,
                "-i",
                ",".join(ADDONS),
                "--stop-after-init",
                "--log-level=warn",
            ]
        )
        if proc.returncode:
            raise SetupError(
                f"Installing the addons into database {db} failed (see the log above)."
            )
    else:
        run(
            [
                *odoo,
                "-c",
                conf,
                "-d",
                db,
                "-u",
                ",".join(ADDONS),
                "--stop-after-init",
                "--log-level=warn",
            ]
        )
    run([*odoo, "i18n", "loadlang", "-c", conf, "-d", db, "-l", *LANGS])
    for addon in ADDONS:
        for lang in LANGS:
            po = ROOT / addon / "i18n" / f"{lang}.po"
            if po.exists():
                run([*odoo, "i18n", "import", "-c", conf, "-d", db, "-l", lang, "-w", po])
    # Exported one file at a time to a scratch folder, then moved into place:
    # Odoo reads the translations of Python and JS terms from the module's own
    # .po file, which an export straight into i18n/ truncates before it is read.
    with tempfile.TemporaryDirectory(prefix="cbo-i18n-") as scratch:
        for addon in ADDONS:
            files = [("pot", f"{addon}.pot")] + [(lang, f"{lang}.po") for lang in LANGS]
            for lang, name in files:
                out = Path(scratch) / addon / name
                out.parent.mkdir(exist_ok=True)
                proc = run(
                    [
                        *odoo,
                        "i18n",
                        "export",
                        "-c",
                        conf,
                        "-d",
                        db,
                        "-l",
                        lang,
                        "-o",
                        out,
                        "--",
                        addon,
                    ]
                )
                if proc.returncode:
                    return proc.returncode
        for addon in ADDONS:
            (ROOT / addon / "i18n").mkdir(exist_ok=True)  # a new addon has none yet
            for out in (Path(scratch) / addon).iterdir():
                shutil.move(out, ROOT / addon / "i18n" / out.name)
    return 0


LANGS = ["zh_CN", "tr"]


def cmd_lint(args):
    odoo_src, how = find_odoo()
    python = ensure_venv(odoo_src, how)
    cmd = [python.parent / "pre-commit", "run", "--all-files", "--show-diff-on-failure"]
    env = dict(os.environ, PATH=f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    results = [
        run([*cmd, hook] if hook else cmd, cwd=ROOT, env=env).returncode
        for hook in args.hooks or [None]
    ]
    return max(results)


# --------------------------------------------------------------------------
def main(argv=None):
    parser = argparse.ArgumentParser(prog="crossborder-ops", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="install everything and start Odoo on http://127.0.0.1:8069")
    p_run.add_argument("--database", default=os.environ.get("CBO_DB", "crossborder_ops"))
    p_run.add_argument("--port", type=int, default=int(os.environ.get("CBO_HTTP_PORT", "8069")))
    p_run.add_argument("--update", action="store_true", help="update the addons before starting")
    p_run.add_argument(
        "--no-start", action="store_true", help="prepare the database, do not start Odoo"
    )
    p_test = sub.add_parser(
        "test", help="fresh database, install with tests, run tests/ with pytest-odoo"
    )

    def upstream_list(value):
        if value == "none":
            return []
        mods = (
            UPSTREAM_ALL
            if value in ("", "all")
            else [m.strip() for m in value.split(",") if m.strip()]
        )
        bad = sorted(set(mods) - set(UPSTREAM_ALL))
        if bad:
            raise argparse.ArgumentTypeError(f"unknown upstream suite(s): {', '.join(bad)}")
        return mods

    p_test.add_argument(
        "--upstream",
        nargs="?",
        const="all",
        type=upstream_list,
        help="also run upstream suites: all of " + ",".join(UPSTREAM_ALL) + " or a comma list "
        "(default: helpdesk_mgmt only; 'none' for ours only)",
    )
    p_test.add_argument("--database", help="database name (default: a fresh cbo_test_* name)")
    p_test.add_argument("--keep-db", action="store_true", help="keep the test database afterwards")
    p_test.add_argument(
        "--no-pytest", action="store_true", help="skip the cross-addon pytest-odoo tests"
    )
    p_test.add_argument(
        "--no-template",
        action="store_true",
        default=os.environ.get("CBO_NO_TEMPLATE") == "1",
        help="install every module into an empty database (no cached template)",
    )
    p_test.add_argument("-v", "--verbose", action="store_true", help="stream the whole Odoo log")
    p_i18n = sub.add_parser(
        "i18n", help="refresh the .pot and the zh_CN/tr .po files of the addons"
    )
    p_i18n.add_argument("--database", default="cbo_i18n")
    p_lint = sub.add_parser("lint", help="pre-commit run --all-files in the project's virtualenv")
    p_lint.add_argument("hooks", nargs="*", help="only these hook ids")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return {"run": cmd_run, "test": cmd_test, "i18n": cmd_i18n, "lint": cmd_lint}[args.command](
            args
        )
    except SetupError as exc:
        print(f"crossborder-ops: {exc}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
