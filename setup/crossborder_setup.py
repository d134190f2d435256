#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Set up, run and test the Crossborder Ops addons on Odoo 19 (standard library only: it
runs before the virtualenv exists; then click-odoo-contrib, checklog-odoo, manifestoo)."""

import argparse
import collections
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
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP = ROOT / "setup"
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
UPSTREAM_ALL = "crm hr_recruitment hr_recruitment_survey survey helpdesk_mgmt helpdesk_mgmt_sale"
UPSTREAM_ALL = (UPSTREAM_ALL + " helpdesk_product sale_stock").split()
SERIES = "19.0"
# The Odoo 19.0 of setup/upstream-baseline.txt: a download is used only when tree_sha256 matches
ODOO_COMMIT = os.environ.get("ODOO_COMMIT", "19.0")  # the branch: its commit is not recorded
ODOO_URL = os.environ.get("ODOO_URL", f"https://github.com/odoo/odoo/archive/{ODOO_COMMIT}.tar.gz")
ODOO_SHA256 = "c66d54beac0f509054ccbfd89831e9263fd7ba18617872bd6683e3847d859007"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crossborder-ops"
CACHE = Path(os.environ.get("CBO_CACHE") or CACHE)
ODOO_CACHE = CACHE / "odoo-19.0"
PY_TAG = f"py{sys.version_info[0]}.{sys.version_info[1]}"
VENV = Path(os.environ.get("CBO_VENV") or CACHE / f"venv-{PY_TAG}")
SITE = VENV / "lib" / f"python{PY_TAG[2:]}" / "site-packages"  # the venv's own Python
LOG_RECORD = r"^\S+ \S+ \d+ (?:[A-Z]+) \S+ "
TEST_RECORD = LOG_RECORD + r"odoo\.addons\.(\w+)\.tests\S*: "


class SetupError(Exception):
    """An expected failure: printed as one sentence, exit code 2."""


def say(msg):
    print(f"[crossborder-ops] {msg}", flush=True)


def run(cmd, quiet=False, **kw):
    if not quiet:
        say("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=False, **kw)


def read_list(name):  # a setup/ list file: its lines without comments and blank lines
    return [s for s in (s.split(" #")[0].strip() for s in (SETUP / name).open()) if s[:1] != "#"]


def odoo_version(src):
    text = (release := Path(src).expanduser() / "odoo/release.py").is_file() and release.read_text()
    match = re.search(r"version_info\s*=\s*\((\d+),\s*(\d+)", text or "")
    return f"{match[1]}.{match[2]}" if match else None


def tree_sha256(top):  # each file's path and contents, in path order
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(top).rglob("*") if p.is_file()):
        if "__pycache__" not in path.parts:
            content = hashlib.sha256(path.read_bytes()).hexdigest()
            digest.update(f"{path.relative_to(top).as_posix()}\0{content}\n".encode())
    return digest.hexdigest()


def download_odoo():
    say(f"No Odoo {SERIES} sources found; downloading {ODOO_URL} into {ODOO_CACHE}")
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="odoo-dl-", dir=CACHE) as tmp:
        archive = Path(tmp) / "odoo.tar.gz"
        try:
            with urllib.request.urlopen(ODOO_URL, timeout=30) as resp, archive.open("wb") as out:  # noqa: S310
                shutil.copyfileobj(resp, out, 1 << 20)
        except OSError as exc:
            why = f"none in {ODOO_CACHE}, {ODOO_URL}: {getattr(exc, 'reason', exc)}"
            raise SetupError(f"No Odoo {SERIES} can be had ({why}); set ODOO_SRC=") from None
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        tops = [p for p in Path(tmp).iterdir() if p.is_dir()]
        if len(tops) != 1 or tree_sha256(tops[0]) != ODOO_SHA256:
            raise SetupError(f"{ODOO_URL} is not the pinned Odoo (setup/upstream-baseline.txt).")
        tops[0].rename(ODOO_CACHE)
    return ODOO_CACHE


def find_odoo():  # Return (source_root, how) of the Odoo 19 to use.
    if src := os.environ.get("ODOO_SRC"):
        if (version := odoo_version(src)) != SERIES:
            found = f"version {version}" if version else "no odoo/release.py"
            raise SetupError(f"ODOO_SRC={src} is not an Odoo {SERIES} source tree (found {found}).")
        return Path(src).expanduser().resolve(), "ODOO_SRC"
    probe = "import odoo.release as r, os; print(r.serie, os.path.dirname(r.__file__) + '/..')"
    out = run([sys.executable, "-c", probe], True, capture_output=True, text=True).stdout.split()
    if len(out) == 2 and out[0] == SERIES:
        return Path(out[1]).resolve(), "importable"
    if odoo_version(ODOO_CACHE) == SERIES:
        return ODOO_CACHE, "cache"
    return download_odoo(), "download"


def missing_packages():
    wanted = [line.split() for line in read_list("debian-packages.txt")]
    have = os.path.exists, shutil.which
    return [pkg for pkg, *probes in wanted if not any(have[p[0] != "/"](p) for p in probes)]


def ensure_system_packages():
    if not (missing := missing_packages()) or os.geteuid() != 0 or not shutil.which("apt-get"):
        return missing and say(f"Missing system packages (install them): {' '.join(missing)}.")
    say("Installing Debian packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
    if run(cmd, env=env, stdout=subprocess.DEVNULL).returncode:
        run(["apt-get", "update", "-qq"], env=env)
        if run(cmd, env=env, stdout=subprocess.DEVNULL).returncode:
            raise SetupError(f"Could not install the Debian packages {' '.join(missing)}.")


def ensure_venv(odoo_src, how):  # rebuilt only when a requirements or lock file changes
    python = VENV / "bin" / "python"
    site = ["--system-site-packages"] if how == "importable" else []  # that Odoo is there
    if not python.exists() and run([sys.executable, "-m", "venv", *site, VENV]).returncode:
        raise SetupError(f"Could not create a virtualenv with {sys.executable} -m venv {VENV}.")
    lock = SETUP / f"constraints-{PY_TAG}.txt"  # every version pinned, made by pip freeze
    files = [odoo_src / "requirements.txt", ROOT / "requirements.txt"]
    digest = hashlib.sha256(str(odoo_src).encode())
    for part in (*files, ROOT / "requirements-oca.txt", lock):
        digest.update(part.read_bytes() if part.exists() else b"-")
    stamp = VENV / ".crossborder-ops-stamp"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return python
    say("Installing Python requirements (Odoo's and ours) into the virtualenv")
    pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    pip += ["-c", lock] if lock.exists() else []
    reqs = [arg for f in files if f.exists() for arg in ("-r", f)]  # one resolution: Odoo's pins
    if run([*pip, "wheel", "setuptools<81"]).returncode or run([*pip, *reqs]).returncode:
        raise SetupError("pip could not install the requirements (see above).")
    if how != "importable":  # an Odoo source tree: importable without touching the tree
        (SITE / "crossborder_ops_odoo_src.pth").write_text(f"{odoo_src}\n")
    # OCA addons require 'odoo==19.0.*', which pip does not see for an Odoo from sources
    if run([*pip, "--no-deps", "-r", ROOT / "requirements-oca.txt"]).returncode:
        raise SetupError("pip could not install the OCA addons of requirements-oca.txt.")
    stamp.write_text(digest.hexdigest())
    return python


def pg(python, code, *args):  # psycopg2 code in the venv (cursor cr, sql, args a): rc, output
    head = "import sys, psycopg2 as p; from psycopg2 import sql; a = sys.argv[1:]; c = p.connect("
    head += "dbname='postgres', connect_timeout=5); c.autocommit = True; cr = c.cursor()\n"
    proc = run([python, "-c", head + code, *args], True, capture_output=True)
    return proc.returncode, (proc.stdout or proc.stderr).decode().strip()


def ensure_postgres(python):
    rc, err = pg(python, "")
    clusters = sorted(Path("/etc/postgresql").glob("*/main"))
    if rc and clusters and not os.environ.get("PGHOST") and shutil.which("pg_ctlcluster"):
        say(f"PostgreSQL does not answer; starting the local cluster {clusters[-1]}")
        version = clusters[-1].parent.name
        run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"])
        for _ in range(20):
            if not (rc := pg(python, "")[0]):
                break
            time.sleep(0.5)  # the cluster starts
    user = os.environ.get("PGUSER") or __import__("getpass").getuser()
    if rc:
        why = err.split("Error: ")[-1].splitlines()[0]  # psycopg2's OperationalError
        raise SetupError(f"No PostgreSQL answers as {user} ({why}); start it or set PGHOST etc.")
    if user == "postgres":
        raise SetupError("Odoo refuses the PostgreSQL superuser 'postgres'; set PGUSER to another.")


def drop_db(python, db):
    drop = "sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)').format(sql.Identifier(a[0]))"
    pg(python, f"cr.execute({drop})", db)


def write_config(odoo_src, path, **options):
    addons = [odoo_src / "addons"] if (odoo_src / "addons").is_dir() else []
    addons += [SITE / "odoo" / "addons"]
    options = dict(
        addons_path=",".join(str(p) for p in [*addons, ROOT]), data_dir=CACHE / "data",
        http_interface="127.0.0.1", list_db=False, max_cron_threads=1,
        admin_passwd=os.environ.get("CBO_MASTER_PASSWORD", "crossborder-ops-local"), **options,
    )  # fmt: skip
    for key in ("host", "port", "user", "password"):
        if value := os.environ.get(f"PG{key.upper()}"):
            options[f"db_{key}"] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[options]\n" + "".join(f"{k} = {v}\n" for k, v in options.items()))
    return path


def manifestoo(python, odoo_src, conf, modules, *command):  # its answer, a set of addons
    paths = re.search(r"^addons_path = (.*)$", conf.read_text(), re.M)[1]
    cmd = [python, "-m", "manifestoo", "--no-addons-path-from-import-odoo", "--addons-path"]
    cmd += [f"{paths},{odoo_src}/odoo/addons", "--select-include", ",".join(modules), *command]
    proc = run([*cmd, "--separator", ","], quiet=True, capture_output=True, text=True)
    if proc.returncode:
        raise SetupError(f"Addons are missing: {proc.stderr.strip().splitlines()[-1]}.")
    return set(filter(None, proc.stdout.strip().split(",")))


def prepare():
    say("Odoo 19.0 sources: {} ({})".format(*(found := find_odoo())))
    ensure_postgres(python := ensure_system_packages() or ensure_venv(*found))
    return found[0], python


def initdb(python, conf, db, modules, *options, update=False):  # and update what changed
    cmd = [python, "-m", "click_odoo_contrib.initdb", "-c", conf, "-n", db, "-m", ",".join(modules)]
    if run([*cmd, "--demo", "--log-level=warn", *options]).returncode:
        raise SetupError(f"Making database {db} failed (see the log above).")
    cmd = [python, "-m", "click_odoo_contrib.update", "-c", conf, "-d", db]
    if update and run(cmd).returncode:
        raise SetupError(f"Updating the addons in database {db} failed (see the log above).")


def cmd_run(args):
    odoo_src, python = prepare()
    db = args.database
    conf = write_config(odoo_src, CACHE / "run" / f"{db}.conf", db_name=db, dbfilter=f"^{db}$")
    say(f"Database {db} with {', '.join(ADDONS)} and demo data (made once: a few minutes)")
    initdb(python, conf, db, ADDONS, "--no-cache", "--unless-initialized", update=args.update)
    odoo = [str(python), "-m", "odoo", "-c", str(conf), "-d", db]
    if args.no_start:
        return say(f"Database {db} is ready; start it with: {' '.join(odoo)}") or 0
    with contextlib.closing(socket.socket()) as sock:
        if sock.connect_ex(("127.0.0.1", args.port)) == 0:
            raise SetupError(f"Port {args.port} on 127.0.0.1 is in use; stop what runs there.")
    say(f"Odoo starts on http://127.0.0.1:{args.port}  database: {db}  login: admin / admin")
    say("Demo users (password = login): see README.md. Stop with Ctrl-C.")
    os.execv(odoo[0], [*odoo, "--http-port", str(args.port)])


def run_odoo_tests(python, odoo_src, conf, db, modules, log_path, verbose):
    """db from a cached template (what the tested addons depend on, without what depends on
    them), then install and test the modules in it."""
    template = manifestoo(python, odoo_src, conf, modules, "list-depends", "--transitive")
    template -= manifestoo(python, odoo_src, conf, modules, "list-codepends")
    say(f"Database {db} from a template of {len(template)} addons (click-odoo-initdb, cached)")
    initdb(python, conf, db, sorted(template), "--cache-prefix", "cbo")
    say(f"Installing and testing {', '.join(modules)}; the full Odoo log: {log_path}")
    cmd = [python, "-m", "odoo", "-c", conf, "-d", db, "-i", ",".join(modules), "--with-demo"]
    cmd += ["--test-enable", "--test-tags", ",".join(f"/{m}" for m in modules)]
    shown = LOG_RECORD.replace("[A-Z]+", "WARNING|ERROR|CRITICAL") + "| Loading module |tests when"
    with log_path.open("w") as log:
        cmd = [str(c) for c in [*cmd, "--stop-after-init", "--log-level=info"]]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in proc.stdout:
            log.write(line)
            sys.stdout.write(line if verbose or re.search(shown, line) else "")
    return proc.wait()


def checklog(python, log_path, ignore):  # the number of WARNING/ERROR records not ignored
    cmd = [python, "-m", "checklog_odoo", "--no-echo", *(f"--ignore={i}" for i in ignore)]
    proc = run([*cmd, log_path], quiet=True, capture_output=True, text=True, cwd=SETUP)
    if proc.returncode:
        print(proc.stdout.split("errors that caused failure")[-1].rstrip(), flush=True)
    match = re.search(r"errors that caused failure \((\d+)\)", proc.stdout)
    return int(match[1]) if match else int(bool(proc.returncode))


def run_pytest(python, conf, db, junit):
    say("Running the cross-addon tests (pytest-odoo): tests/")
    opts = [f"--odoo-config={conf}", f"--odoo-database={db}", f"--junitxml={junit}", "-q"]
    proc = run([python, "-m", "pytest", ROOT / "tests", "-p", "no:cacheprovider", *opts], cwd=ROOT)
    if not junit.exists():
        return 0, 1
    suite = next(ET.parse(junit).getroot().iter("testsuite"))
    bad = sum(int(suite.get(key, 0)) for key in ("errors", "failures", "skipped"))
    return int(suite.get("tests")) - bad, bad or int(bool(proc.returncode))


def cmd_test(args):
    odoo_src, python = prepare()
    if "chromium" in missing_packages():
        raise SetupError("No Chromium is installed: the browser tours would be skipped.")
    upstream = ["helpdesk_mgmt"] if args.upstream is None else args.upstream
    modules = ADDONS + [m for m in upstream if m not in ADDONS]
    db = args.database or f"cbo_test_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    (log_path := ROOT / ".test-logs" / f"{db}.log").parent.mkdir(exist_ok=True)
    with contextlib.closing(socket.socket()) as sock:
        port = sock.bind(("127.0.0.1", 0)) or sock.getsockname()[1]
    conf = write_config(odoo_src, CACHE / "test" / f"{db}.conf", http_port=port)
    drop_db(python, db)
    start = time.time()
    rc = run_odoo_tests(python, odoo_src, conf, db, modules, log_path, args.verbose)
    say(f"Odoo database, install and tests took {time.time() - start:.0f} s (exit {rc})")
    log = log_path.read_text()
    counts = collections.Counter(re.findall(TEST_RECORD + "Starting ", log, re.M))
    all_failed = re.findall(TEST_RECORD + r"(?:FAIL|ERROR): (.+?)\s*$", log, re.M)
    baseline = read_list("upstream-baseline.txt")
    known = [(m, t) for m, t in all_failed if m not in ADDONS and f"{m}: {t}" in baseline]
    failed = [f for f in all_failed if f not in known]
    skips = re.findall(TEST_RECORD + r"skipped (.+?)\s*$", log, re.M)
    skips = [f"skipped in {m} (tours need chromium): {t}" for m, t in skips if m in ADDONS]
    problems = [f"FAILED {m}: {t}" for m, t in failed] + skips
    if not (all_failed or re.search(r"tests\.result: 0 failed, 0 error\(s\) of [1-9]", log)):
        problems.append(f"Odoo exited with status {rc} and no passing test summary")
    # the log gate (checklog-odoo); failed tests are counted above, not a second time here
    ignore = read_list("log-allowlist.txt") + [r"odoo\.tests\.result: "]
    unexpected = checklog(python, log_path, [*ignore, TEST_RECORD + "(FAIL|ERROR): "])
    problems += ["unexpected WARNING/ERROR log record (checklog-odoo, above)"] * unexpected
    junit = log_path.with_name(f"{db}-pytest.xml")
    pytest_passed, pytest_failed = (0, 0) if args.no_pytest else run_pytest(python, conf, db, junit)
    for mod, n in sorted(counts.items()):
        say(f"  {mod}: {n} tests, {sum(1 for m, _ in all_failed if m == mod)} failed")
    known = [f"known upstream failure (upstream-baseline.txt): {m}: {t}" for m, t in known]
    for line in known + problems:
        say("  " + line)
    _ = drop_db(python, db) if not args.keep_db else say(f"Database {db} kept (config {conf})")
    passed = sum(counts.values()) - len(all_failed) + pytest_passed
    # every problem (failure, crash, skipped tour, unexpected log record) counts as a failure
    n_failed = len(problems) + pytest_failed
    print(f"{passed} passed, {n_failed} failed", flush=True)
    return 1 if n_failed else 0


def cmd_i18n(args):  # each addon's i18n/<addon>.pot from a database; msgmerge: the .po files
    odoo_src, python = prepare()
    conf = write_config(odoo_src, CACHE / "i18n" / f"{args.database}.conf")
    initdb(python, conf, args.database, ADDONS, "--no-cache", "--unless-initialized", update=True)
    makepot = [python, "-m", "click_odoo_contrib.makepot", "-c", conf, "-d", args.database]
    makepot += ["--addons-dir", ROOT, "--modules", ",".join(ADDONS), "--msgmerge"]
    return run([*makepot, "--no-fuzzy-matching", "--purge-old-translations"]).returncode


def upstream_list(value):
    mods = [m for m in value.split(",") if m.strip()] if value not in ("", "all") else UPSTREAM_ALL
    if bad := sorted(set(mods) - set(UPSTREAM_ALL) - {"none"}):
        raise argparse.ArgumentTypeError(f"unknown upstream suite(s): {', '.join(bad)}")
    return [m for m in mods if m != "none"]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="crossborder-ops", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="install everything and start Odoo")
    p_run.add_argument("--database", default=os.environ.get("CBO_DB", "crossborder_ops"))
    p_run.add_argument("--port", type=int, default=int(os.environ.get("CBO_HTTP_PORT", "8069")))
    p_run.add_argument("--update", action="store_true", help="update the addons before starting")
    p_run.add_argument("--no-start", action="store_true", help="prepare the database only")
    p_test = sub.add_parser("test", help="fresh database, Odoo's tests, then tests/ with pytest")
    upstream = f"also these upstream suites: all of {','.join(UPSTREAM_ALL)}, or a comma list"
    p_test.add_argument("--upstream", nargs="?", const="all", type=upstream_list, help=upstream)
    p_test.add_argument("--database", help="database name (default: a fresh cbo_test_* name)")
    p_test.add_argument("--keep-db", action="store_true", help="keep the test database")
    p_test.add_argument("--no-pytest", action="store_true", help="skip the tests/ of pytest-odoo")
    p_test.add_argument("-v", "--verbose", action="store_true", help="stream the whole Odoo log")
    p_i18n = sub.add_parser("i18n", help="refresh the .pot and .po files of the addons")
    p_i18n.add_argument("--database", default="cbo_i18n")
    sub.add_parser("venv", help="make the virtualenv, print its bin folder")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cmd_venv = lambda _: print(ensure_venv(*find_odoo()).parent)  # noqa: E731 (for setup/lint)
    try:
        commands = {"run": cmd_run, "test": cmd_test, "i18n": cmd_i18n, "venv": cmd_venv}
        return commands[args.command](args)
    except SetupError as exc:
        print(f"crossborder-ops: {exc}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
