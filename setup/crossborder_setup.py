#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Set up, run and test the Crossborder Ops addons on Odoo 19 (README.md, "Set up").

Standard library only until the virtualenv exists; psycopg2 is then taken from it."""

import argparse
import ast
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
ADDONS = [f"crossborder_ops{s}" for s in ("", "_helpdesk", "_crm", "_helpdesk_sale")]
# Upstream suites of what we extend (--upstream); the cheap one runs by default.
UPSTREAM_ALL = "crm hr_recruitment hr_recruitment_survey survey helpdesk_mgmt helpdesk_mgmt_sale"
UPSTREAM_ALL = [*UPSTREAM_ALL.split(), "helpdesk_product", "sale_stock"]
LANGS, SERIES = ["zh_CN", "tr"], "19.0"
ODOO_URL = os.environ.get("ODOO_URL", "https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz")
HOME_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crossborder-ops"
CACHE = Path(os.environ.get("CBO_CACHE") or HOME_CACHE)
ODOO_CACHE, FILESTORE = CACHE / "odoo-19.0", CACHE / "data" / "filestore"
PY_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
VENV = Path(os.environ.get("CBO_VENV") or CACHE / f"venv-py{PY_VERSION}")
SITE = VENV / "lib" / f"python{PY_VERSION}" / "site-packages"
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


def load_lines(path):
    lines = [line.strip() for line in path.read_text().splitlines()] if path.exists() else []
    return [line for line in lines if line and not line.startswith("#")]


def odoo_version(src):
    release = Path(src) / "odoo" / "release.py"
    text = release.read_text() if release.is_file() else ""
    match = re.search(r"version_info\s*=\s*\((\d+),\s*(\d+)", text)
    return f"{match[1]}.{match[2]}" if match else None


def find_odoo():
    """Return (source_root, how) of the Odoo 19 to use: $ODOO_SRC, else an Odoo this Python
    imports, else the cache, else the official sources downloaded into the cache."""
    if env_src := os.environ.get("ODOO_SRC"):
        if (version := odoo_version(src := Path(env_src).expanduser().resolve())) != SERIES:
            raise SetupError(
                f"ODOO_SRC={env_src} is not an Odoo {SERIES} source tree (found "
                f"{version and 'version ' + version or 'no odoo/release.py'}); point ODOO_SRC at "
                "a checkout of the 19.0 branch."
            )
        return src, "ODOO_SRC"
    probe = "import odoo.release as r, os; print(r.serie, os.path.dirname(r.__file__) + '/..')"
    found = run([sys.executable, "-c", probe], True, capture_output=True, text=True).stdout.split()
    if len(found) == 2 and found[0] == SERIES:
        return Path(found[1]).resolve(), "importable"
    if odoo_version(ODOO_CACHE) == SERIES:
        return ODOO_CACHE, "cache"
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
        tops[0].rename(ODOO_CACHE)
    return ODOO_CACHE, "download"


def ensure_venv(odoo_src, how):
    """The virtualenv's python, with the requirements; its psycopg2 importable from here."""
    python, stamp = VENV / "bin" / "python", VENV / ".crossborder-ops-stamp"
    # an importable Odoo lives in the system site-packages
    system = ["--system-site-packages"] if how == "importable" else []
    if not python.exists() and run([sys.executable, "-m", "venv", *system, VENV]).returncode:
        raise SetupError(f"Could not create a virtualenv with {sys.executable} -m venv {VENV}.")
    reqs = [odoo_src / "requirements.txt", ROOT / "requirements.txt"]
    digest = hashlib.sha256()
    for part in [*reqs, ROOT / "requirements-oca.txt"]:
        digest.update(part.read_bytes() if part.exists() else b"-")
    digest.update(str(odoo_src).encode())
    if not stamp.exists() or stamp.read_text() != digest.hexdigest():
        say("Installing Python requirements (Odoo's and ours) into the virtualenv")
        pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        # one resolution for both files, so Odoo's pins hold for our extras
        reqs = [arg for req in reqs if req.exists() for arg in ("-r", req)]
        if run([*pip, "wheel", "setuptools<81"]).returncode or run([*pip, *reqs]).returncode:
            raise SetupError(
                "pip could not install the requirements (see above); python-ldap needs "
                "libldap2-dev and libsasl2-dev, and PyPI must be reachable."
            )
        if how != "importable":  # Odoo from a source tree: importable without touching the tree
            (SITE / "crossborder_ops_odoo_src.pth").write_text(f"{odoo_src}\n")
        # OCA addons declare 'odoo==19.0.*', which pip cannot see for an Odoo from sources
        if run([*pip, "--no-deps", "-r", ROOT / "requirements-oca.txt"]).returncode:
            raise SetupError("pip could not install the OCA addons of requirements-oca.txt.")
        stamp.write_text(digest.hexdigest())
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


def pg_error():
    """None when PostgreSQL answers (database postgres, else template1), else why not."""
    for db in ("postgres", "template1"):
        try:
            return sql("SELECT 1", db=db) and None
        except SetupError as exc:
            err = str(exc)
    return err


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
    python, err = ensure_venv(odoo_src, how), pg_error()
    clusters = sorted(Path("/etc/postgresql").glob("*/main"))
    if err and not os.environ.get("PGHOST") and shutil.which("pg_ctlcluster") and clusters:
        say(f"PostgreSQL does not answer; starting the local cluster {(version := clusters[-1])}")
        run(["pg_ctlcluster", "--skip-systemctl-redirect", version.parent.name, "main", "start"])
        for _ in range(20):
            if not (err := pg_error()):
                break
            time.sleep(0.5)
    user, where = os.environ.get("PGUSER") or getpass.getuser(), os.environ.get("PGHOST")
    if err:
        raise SetupError(
            f"No PostgreSQL answers at {where or 'the local socket'} as user {user} ({err}); start "
            "PostgreSQL or set PGHOST, PGPORT, PGUSER and PGPASSWORD to a server that does."
        )
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


def install_addons(odoo, db, demo, update=False):
    """Install the four addons when one is missing, else update them if asked; False if failed."""
    if missing := set(ADDONS) - installed_addons(db):
        say(f"Installing {', '.join(ADDONS)} into database {db} (about two minutes)")
    demo = ["--with-demo"] if demo and not db_exists(db) else []
    cmd = [*odoo, "-i" if missing else "-u", ",".join(ADDONS), "--stop-after-init", *demo]
    if not missing and not update:
        return True
    return not run([*cmd, "--log-level=warn"]).returncode and not set(ADDONS) - installed_addons(db)


def cmd_run(args):
    db = args.database
    odoo_src, python, odoo = prepare("run", db, db_name=db, dbfilter=f"^{db}$")
    if not install_addons(odoo, db, demo=True, update=args.update):
        raise SetupError(f"Installing or updating the addons in database {db} failed (see above).")
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


def assess_odoo_run(log_text, returncode, baseline):
    """Turn an Odoo test log into (tests per module, known, failed, problems, reasons)."""
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
    known = [(m, t) for m, t in failed if m not in ADDONS and f"{m}: {t}" in baseline]
    if returncode and not failed and summary is not None:  # Odoo exits 1 when a test failed
        problems.append(f"Odoo exited with status {returncode}")
    if summary is None:
        problems.append("Odoo printed no test summary (the install failed before the tests ran)")
    elif not failed and not summary.startswith("0 failed, 0 error(s)"):
        problems.append(f"Odoo reports '{summary}'")
    return started, known, [f for f in failed if f not in known], problems, reasons


def ensure_template(odoo_src, python, odoo, tested, logdir, args):
    """(name, unexpected records of its build if built now) of the template database: the
    modules the tested ones need, minus them and what depends on one of them (their at_install
    tests run right after their own install), with demo data."""
    found = {}
    tops = [odoo_src / "odoo" / "addons", odoo_src / "addons", SITE / "odoo" / "addons", ROOT]
    for manifest in (mf for top in tops for mf in sorted(top.glob("*/__manifest__.py"))):
        deps = ast.literal_eval(manifest.read_text()).get("depends", [])
        found.setdefault(manifest.parent.name, (manifest.parent, deps))
    closure = functools.cache(lambda m: {m}.union(*map(closure, found.get(m, ("", []))[1])))
    mods = sorted(m for m in set().union(*map(closure, tested)) - set(tested) if m in found)
    mods = [m for m in mods if not closure(m) & set(tested)]
    digest = hashlib.sha256("\n".join(mods).encode())
    digest.update((VENV / ".crossborder-ops-stamp").read_bytes())
    for top in [*(found[m][0] for m in mods), odoo_src / "odoo"]:  # stat only: size, mtime
        for folder, subdirs, files in os.walk(top):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            for name in sorted(files):
                st = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name} {st.st_size} {st.st_mtime_ns}\n".encode())
    name = f"cbo_tmpl_{digest.hexdigest()[:12]}"
    say(f"Template database {name}: {len(mods)} modules the tested ones need")
    if db_exists(name):
        return name, []
    building, log = f"{name}_building", logdir / f"{name}.log"  # a killed build is no template
    drop_db(building)
    cmd = [*odoo[:-1], building, "-i", ",".join(mods), "--with-demo", "--stop-after-init"]
    rc, unexpected = odoo_log(python, [*cmd, "--log-level=info"], log, args.verbose)
    if rc:
        raise SetupError(f"Building the template database {name} failed (see {log}).")
    shutil.rmtree(FILESTORE / name, ignore_errors=True)
    if (FILESTORE / building).exists():
        (FILESTORE / building).rename(FILESTORE / name)
    sql("ALTER DATABASE {} RENAME TO {}", names=[building, name])
    for old in set(sql("SELECT datname FROM pg_database")) | {p.name for p in FILESTORE.glob("*")}:
        if old.startswith("cbo_tmpl_") and old != name:
            say(f"Dropping the outdated template database {old}")
            drop_db(old)
    return name, unexpected  # the warnings of its build count in the run that builds it


def cmd_test(args):
    db = args.database or f"cbo_test_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    with socket.socket() as sock:
        port = sock.bind(("127.0.0.1", 0)) or sock.getsockname()[1]
    odoo_src, python, odoo = prepare("test", db, http_port=port)
    if not any(map(shutil.which, CHROMES)):
        raise SetupError(
            "No Chromium is installed, so the browser tours would be skipped; "
            "install Debian's chromium package."
        )
    modules = ADDONS + [m for m in args.upstream if m not in ADDONS]
    (logdir := ROOT / ".test-logs").mkdir(exist_ok=True)
    drop_db(db)
    start, log, unexpected = time.time(), logdir / f"{db}.log", []
    if not args.no_template:
        template, unexpected = ensure_template(odoo_src, python, odoo, modules, logdir, args)
        sql("CREATE DATABASE {} TEMPLATE {}", names=[db, template])
        if (FILESTORE / template).exists():
            shutil.copytree(FILESTORE / template, FILESTORE / db)
    say(f"Fresh database {db}: installing and testing {', '.join(modules)}")
    say(f"Full Odoo log: {log}")
    cmd = [*odoo, "-i", ",".join(modules), "--with-demo", "--test-enable", "--test-tags"]
    cmd += [",".join(f"/{m}" for m in modules), "--stop-after-init", "--log-level=info"]
    rc, records = odoo_log(python, [*cmd, "--http-port", port], log, args.verbose)
    say(f"Odoo install and tests took {time.time() - start:.0f} s (exit {rc})")
    baseline = load_lines(ROOT / "setup" / "upstream-baseline.txt")
    started, known, failed, problems, reasons = assess_odoo_run(log.read_text(), rc, baseline)
    problems += ["unexpected log record: " + record for record in unexpected + records]
    pytest_passed, pytest_failed = (0, 0) if args.no_pytest else run_pytest(odoo, db, logdir)
    for mod in sorted(started):
        say(f"  {mod}: {started[mod]} tests, {sum(m == mod for m, _ in failed + known)} failed")
    for mod, test in known:
        say(f"  known upstream failure (setup/upstream-baseline.txt): {mod}: {test}")
        if (mod, test) in reasons:
            say(f"      {reasons[(mod, test)]}")
    for line in [f"FAILED {m}: {t}" for m, t in failed] + [f"PROBLEM {p}" for p in problems]:
        say("  " + line)
    if args.keep_db:
        say(f"Database {db} kept (config {odoo[4]})")
    else:
        drop_db(db)
    passed = sum(started.values()) - len(failed) - len(known) + pytest_passed
    # every problem (crash, skipped tour, unexpected warning) counts as a failure
    n_failed = len(failed) + pytest_failed + len(problems)
    print(f"{passed} passed, {n_failed} failed", flush=True)
    return 1 if n_failed else 0


def run_pytest(odoo, db, logdir):
    """Run tests/ with pytest-odoo; (passed, failed) from its junit report."""
    say("Running the cross-addon tests (pytest-odoo): tests/")
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
    """Refresh <addon>/i18n/<addon>.pot, zh_CN.po and tr.po from a database. Existing
    translations are kept: the .po files are loaded first, then the template and both languages
    are exported again (new terms come out empty)."""
    odoo_src, python, odoo = prepare("i18n", db := args.database)
    if not install_addons(odoo, db, demo=False, update=True):
        raise SetupError(f"Installing the addons into database {db} failed (see the log above).")
    i18n, opts = [python, "-m", "odoo", "i18n"], ["-c", odoo[4], "-d", db, "-l"]
    run([*i18n, "loadlang", *opts, *LANGS])
    for po in (ROOT / addon / "i18n" / f"{lang}.po" for addon in ADDONS for lang in LANGS):
        if po.exists():
            run([*i18n, "import", *opts, po.stem, "-w", po])
    # Exported one file at a time to a scratch folder, then moved into place: Odoo reads the
    # translations of Python and JS terms from the module's own .po file, which an export
    # straight into i18n/ truncates before it is read.
    with tempfile.TemporaryDirectory(prefix="cbo-i18n-") as scratch:
        for addon, lang in ((a, lang) for a in ADDONS for lang in ["pot", *LANGS]):
            dst = Path(scratch, addon, f"{addon}.pot" if lang == "pot" else f"{lang}.po")
            dst.parent.mkdir(exist_ok=True)
            if rc := run([*i18n, "export", *opts, lang, "-o", dst, "--", addon]).returncode:
                return rc
        for dst in Path(scratch).glob("*/*"):
            (ROOT / dst.parent.name / "i18n").mkdir(exist_ok=True)  # a new addon has none yet
            shutil.move(dst, ROOT / dst.parent.name / "i18n" / dst.name)


def cmd_lint(args):
    python = ensure_venv(*find_odoo())
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
