#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Set up, run and test the Crossborder Ops addons on Odoo 19 (README.md, "Set up")."""

import argparse
import concurrent.futures
import hashlib
import os
import re
import shutil
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


SUITES = [line.split() for line in load_lines(ROOT / "setup" / "suites.txt")]  # what they say
ADDONS = [name for name, *_ in SUITES if name.startswith("crossborder_ops")]
UPSTREAM_ALL, SERIES = [name for name, _, *upstream in SUITES if upstream], "19.0"
PYTEST, WEIGHT = "tests/", {name: int(secs) for name, secs, *_ in SUITES if secs != "-"}
PIN = dict(line.split(" = ") for line in load_lines(ROOT / "setup" / "odoo-19.0.lock"))
ODOO_URL = os.getenv("ODOO_URL") or f"https://github.com/odoo/odoo/archive/{PIN['commit']}.tar.gz"
HOME_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crossborder-ops"
CACHE = Path(os.environ.get("CBO_CACHE") or HOME_CACHE)
ODOO_CACHE, FILESTORE = CACHE / "odoo-19.0", CACHE / "data" / "filestore"
PY_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
VENV = Path(os.environ.get("CBO_VENV") or CACHE / f"venv-py{PY_VERSION}")
SITE = VENV / "lib" / f"python{PY_VERSION}" / "site-packages"
LOCK = ROOT / f"requirements-py{PY_VERSION}.lock"  # what pip installed, Odoo's pins included
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d [\d:]+,\d+ \d+ ([A-Z]+) \S+ (\S+): (.*)$")
BAD = ("failure", "error", "skipped")  # what a junit report says of a test that did not pass
FAILED = re.compile(r".* odoo\.addons\.(\w+)\.tests\S*: (FAIL|ERROR): ")
SHOWN = re.compile(r" Loading module | odoo\.tests\.stats: |tests when loading| browser retried: ")
INITDB = """import click_odoo, click_odoo_contrib.initdb as initdb
def add(cache, db, hashsum, add=initdb.DbCache.add):
    with initdb._patch_ir_attachment_store(True), click_odoo.OdooEnvironment(db) as env:
        env["ir.qweb"]._pregenerate_assets_bundles()  # else made in each copy: half a minute
    add(cache, db, hashsum)
initdb.DbCache.add = add; initdb.main()"""  # click-odoo-initdb: a new template has web assets


class SetupError(Exception):
    """An expected failure: printed as one sentence, exit code 2."""


def say(msg):
    print(f"[crossborder-ops] {msg}", flush=True)


def run(cmd, quiet=False, **kw):
    quiet or say("$ " + " ".join(map(str, cmd)))
    return subprocess.run(list(map(str, cmd)), check=False, **kw)


def find_odoo():
    """(source, how) of the Odoo to use: $ODOO_SRC, the cache, or the lock's commit downloaded."""
    src = Path(env_src := os.getenv("ODOO_SRC") or ODOO_CACHE).expanduser().resolve()
    release = src / "odoo" / "release.py"
    if release.is_file() and "version_info = (19, 0," in release.read_text():
        return (src, "ODOO_SRC") if os.getenv("ODOO_SRC") else (check_pin(src, src), "cache")
    if os.getenv("ODOO_SRC"):
        why = "its odoo/release.py says another version or is missing"
        raise SetupError(f"ODOO_SRC={env_src} is not an Odoo {SERIES} source tree ({why}).")
    say(f"No Odoo {SERIES} sources found; downloading {ODOO_URL} into {ODOO_CACHE}")
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="odoo-dl-", dir=CACHE) as tmp:
        try:
            with urllib.request.urlopen(ODOO_URL, timeout=30) as resp:  # noqa: S310
                tarfile.open(fileobj=resp, mode="r|gz").extractall(tmp, filter="data")
        except (OSError, tarfile.TarError) as exc:
            raise SetupError(
                f"No Odoo {SERIES} can be had: ODOO_SRC is not set, {ODOO_CACHE} does not exist "
                f"and downloading {ODOO_URL} failed ({getattr(exc, 'reason', exc)}); set "
                "ODOO_SRC=/path/to/odoo-19.0 (a source tree with odoo-bin) and run again."
            ) from None
        check_pin(next(Path(tmp).iterdir(), Path(tmp)), ODOO_URL).rename(ODOO_CACHE)
    return ODOO_CACHE, "download"


def check_pin(src, origin):
    """src if the sha256 of its odoo/ and addons/ is the lock's (checked once, then stamped)."""
    if (stamp := src / ".crossborder-ops-pin").exists() and stamp.read_text() == PIN["sha256"]:
        return src
    say(f"Checking {origin} against setup/odoo-19.0.lock (commit {PIN['commit'][:12]})")
    digest = hashlib.sha256()
    for folder, subdirs, files in (w for top in ("odoo", "addons") for w in os.walk(src / top)):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")  # walked in this order
        for path in (Path(folder, name) for name in sorted(files)):
            digest.update(f"{path.relative_to(src)}\0".encode() + path.read_bytes())
    if digest.hexdigest() != PIN["sha256"]:
        why = "its files differ: set ODOO_SRC, or update the lock and setup/upstream-baseline.txt"
        raise SetupError(f"{origin} is not the Odoo of setup/odoo-19.0.lock ({why}).")
    stamp.write_text(PIN["sha256"])
    return src


def ensure_venv(odoo_src):
    """The virtualenv's python, with the requirements at the lock's versions (pip checks in 3 s)."""
    python = VENV / "bin" / "python"
    os.environ["PATH"] = f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}"  # its tools
    if not python.exists() and run([sys.executable, "-m", "venv", VENV]).returncode:
        raise SetupError(f"Could not create a virtualenv with {sys.executable} -m venv {VENV}.")
    say("Python requirements (Odoo's and ours): pip install into the virtualenv")
    pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    pip += ["-c", LOCK] if LOCK.exists() else []
    reqs = [odoo_src / "requirements.txt", ROOT / "requirements.txt"]  # one resolution for both
    reqs = [arg for req in reqs if req.exists() for arg in ("-r", req)]
    if run([*pip, "wheel", "setuptools<81", *reqs], True).returncode:
        raise SetupError("pip could not install the requirements (see above; is PyPI reachable?).")
    (SITE / "crossborder_ops_odoo_src.pth").write_text(f"{odoo_src}\n")  # Odoo importable
    # OCA addons declare 'odoo==19.0.*', which pip cannot see for an Odoo from sources
    if run([*pip, "--no-deps", "-r", ROOT / "requirements-oca.txt"], True).returncode:
        raise SetupError("pip could not install the OCA addons of requirements-oca.txt.")
    if not LOCK.exists():  # a Python without a lock yet: what was installed becomes it
        freeze = run([python, "-m", "pip", "freeze"], True, capture_output=True, text=True)
        LOCK.write_text(f"# pip freeze of setup/'s virtualenv (delete to renew)\n{freeze.stdout}")
    return python


def databases():
    """The names of the databases PostgreSQL (PGHOST, PGPORT...) has, psql's answer."""
    cmd = ["psql", "-d", "postgres", "-XAtqwc", "SELECT datname FROM pg_database"]
    if (proc := run(cmd, True, capture_output=True, text=True)).returncode:
        raise SetupError(
            f"No PostgreSQL answers at {os.environ.get('PGHOST') or 'the local socket'} "
            f"({(proc.stderr.strip() or 'psql failed').splitlines()[0]}); start PostgreSQL or "
            "set PGHOST, PGPORT, PGUSER and PGPASSWORD to a server that does."
        )
    return proc.stdout.split()


def drop_db(name):
    run(["dropdb", "--if-exists", "--force", name], True, capture_output=True)
    shutil.rmtree(FILESTORE / name, ignore_errors=True)


def prepare(kind, db, **extra):
    """Odoo, Debian packages, virtualenv, PostgreSQL, Odoo config: Odoo's command on db."""
    odoo_src, how = find_odoo()
    say(f"Odoo {SERIES} sources: {odoo_src} ({how})")
    packages = map(str.split, load_lines(ROOT / "setup" / "apt.txt"))  # package, its signs
    missing = [pkg for pkg, *signs in packages if not any(shutil.which(s, os.F_OK) for s in signs)]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        apt = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
        if run(apt, env=env, stdout=subprocess.DEVNULL).returncode:
            raise SetupError(f"Could not install the Debian packages {' '.join(missing)}.")
    elif kind == "test" and "chromium" in missing:
        raise SetupError("No Chromium, so the browser tours would be skipped: install chromium.")
    elif missing:
        say(f"Missing Debian packages (install them): {' '.join(missing)}")
    python, _ = ensure_venv(odoo_src), databases()  # PostgreSQL answers
    paths = [p for p in [odoo_src / "addons", SITE / "odoo" / "addons", ROOT] if p.is_dir()]
    options = dict(addons_path=",".join(map(str, paths)), data_dir=CACHE / "data", list_db=False)
    passwd = os.environ.get("CBO_MASTER_PASSWORD", "crossborder-ops-local")
    options.update(http_interface="127.0.0.1", max_cron_threads=1, admin_passwd=passwd, **extra)
    pg = {f"db_{k.lower()}": os.getenv(f"PG{k}") for k in ("HOST", "PORT", "USER", "PASSWORD")}
    options.update((k, v) for k, v in pg.items() if v)
    (conf := CACHE / kind / f"{db}.conf").parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("[options]\n" + "".join(f"{k} = {v}\n" for k, v in options.items()))
    return [python, "-m", "odoo", "-c", conf, "-d", db]


def initdb(odoo, db, modules, log, verbose=False, demo="--demo"):
    """db as a copy of today's template of modules, built if none (the demo's dates hold)."""
    prefix, cmd = time.strftime("c%y%m%d"), [odoo[0], "-c", INITDB, "-c", odoo[4], "-n", db]
    cmd += ["-m", ",".join(modules), demo, "--cache-prefix", prefix, "--cache-max-size", "10"]
    if (found := odoo_log(cmd, log, verbose))[0]:
        raise SetupError(f"Creating the database {db} failed (see {log}).")
    for template in (d for d in databases() if re.match(r"(cbo|c\d{6})-\d{12}-", d)):
        if found[1] or not template.startswith(prefix):  # warnings shown again; demo dates moved
            drop_db(template)
    return found[1]


def cmd_run(args):
    odoo = prepare("run", db := args.database, db_name=db, dbfilter=f"^{db}$")
    if db not in databases():
        initdb(odoo, db, ADDONS, CACHE / "run" / f"{db}-initdb.log")
    elif args.update:  # the addons added since are installed, the others updated
        mods = ",".join(ADDONS)
        if run([*odoo, "-i", mods, "-u", mods, "--stop-after-init"]).returncode:
            raise SetupError(f"Updating the addons in database {db} failed.")
    if args.no_start:
        return say(f"Database {db} is ready; start it with: {' '.join(map(str, odoo))}")
    say(f"Odoo on http://127.0.0.1:{args.port}, database {db}; logins: admin / admin, README.md")
    os.execv(odoo[0], [str(c) for c in [*odoo, "--http-port", args.port]])


def odoo_log(cmd, log, verbose):
    """cmd's log, what matters echoed, gated by checklog-odoo: (exit code, failing, known)."""
    with log.open("w") as out:
        pipe = dict(stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        proc, shown = subprocess.Popen(list(map(str, [*cmd, "--log-level=info"])), **pipe), False
        for line in proc.stdout:
            out.write(line)
            if m := LOG_LINE.match(line):  # a record's next lines (its traceback) go with it
                shown = m[1] != "INFO" or SHOWN.search(line)
            if verbose or shown:
                sys.stdout.write(line)
    known = (line.partition(": ") for line in load_lines(ROOT / "setup" / "upstream-baseline.txt"))
    pattern = r"odoo\.addons\.{}\.tests\S*: (FAIL|ERROR): {}\s*$"  # a known failure's record
    known = [pattern.format(m, re.escape(t)) for m, _, t in known if m not in ADDONS]
    ignore = [*load_lines(ROOT / "setup" / "log-allowlist.txt"), *known]
    cmd = ["checklog-odoo", "--no-echo", "--no-err-if-empty", log]
    cmd += [arg for pattern in ignore for arg in ("--ignore", pattern)]
    report = run(cmd, True, capture_output=True, text=True, cwd=log.parent).stdout
    passed_over, _, failing = report.partition("errors that caused failure (")
    known = [line for line in passed_over.splitlines() if FAILED.match(line)]
    return proc.wait(), [line for line in failing.splitlines() if LOG_LINE.match(line)], known


def assess(log, returncode, records, known):
    """(tests passed, problems: checklog-odoo's failing records and more, known) of a test log."""
    text, problems = log.read_text(), [*records]
    summaries = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading", text)
    for mod, test in re.findall(r" odoo\.addons\.(crossborder\w+)\.tests\S*: skipped (.*)", text):
        problems.append(f"test skipped in {mod} (tours need chromium): {test}")
    if not summaries:
        problems.append("Odoo printed no test summary (the install failed before the tests ran)")
    elif returncode and not records and not known:  # Odoo exits 1 when a test failed
        problems.append(f"Odoo exited with status {returncode}")
    return sum(int(total) - int(f) - int(e) for f, e, total in summaries), problems, known


def template_modules(odoo, tested):
    """What the tested modules need (manifestoo) minus what needs them: the template's modules."""
    cmd = ["manifestoo", "--addons-path-from-odoo-cfg", odoo[4], "--select-include"]

    def addons(*listing):
        found = run([*cmd, ",".join(tested), *listing], True, capture_output=True, text=True)
        if found.returncode:
            why = " ".join(re.findall(r"[^\s│╭╮╰╯─]+", found.stderr.split("─ Error ")[-1]))  # boxed
            raise SetupError(f"manifestoo could not list the modules to test ({why}).")
        return set(found.stdout.split())

    return sorted(addons("list-depends", "--transitive") - addons("list-codepends"))


def split(units, jobs):
    """The test units (modules, and PYTEST) in at most jobs groups of about equal time."""
    groups = [[] for _ in range(jobs)]
    for unit in sorted(units, key=lambda u: -WEIGHT.get(u, 20)):
        min(groups, key=lambda g: sum(WEIGHT.get(u, 20) for u in g)).append(unit)
    return [group for group in groups if group]


def cmd_test(args):
    name = args.database or f"cbo_test_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    odoo = prepare("test", name)
    upstream = UPSTREAM_ALL if args.upstream == [] else args.upstream or ["helpdesk_mgmt"]
    modules = ADDONS + [m for m in upstream if m not in ("none", *ADDONS)]
    groups = split(modules + ([] if args.no_pytest else [PYTEST]), min(args.jobs, len(modules)))
    dbs = {f"{name}_{i}" if i else name: group for i, group in enumerate(groups)}
    ups = {db: [m for m in group if m not in [*ADDONS, PYTEST]] for db, group in dbs.items()}
    copies = dict.fromkeys(dbs, modules)  # everything installed, as ./setup/run has it
    copies |= {f"{db}_up": template_modules(odoo, up) for db, up in ups.items() if up}
    (logdir := ROOT / ".test-logs").mkdir(exist_ok=True)
    start, problems = time.time(), []
    for db, mods in copies.items():  # the first copy of a template builds it if none is kept
        drop_db(db)  # the warnings of a template's build count in its run
        problems += initdb(odoo, db, mods, logdir / f"{db}-initdb.log", args.verbose)

    def odoo_run(db, tags, *install):
        with socket.socket() as sock:
            port = sock.bind(("127.0.0.1", 0)) or sock.getsockname()[1]
        cmd = [*odoo[:-1], db, "--stop-after-init", *install, "--test-enable", "--http-port", port]
        log = logdir / f"{db}.log"
        return assess(log, *odoo_log([*cmd, "--test-tags", ",".join(tags)], log, args.verbose))

    def work(db, group, up):
        """Upstream at_install tests after their install, the rest in db, then tests/ if there."""
        say(f"Database {db}: testing {', '.join(group)}; full Odoo logs: {logdir}/{db}*.log")
        install = ["-i", ",".join(up)]  # with demo data, as the copy has it
        found = [odoo_run(f"{db}_up", [f"at_install/{m}" for m in up], *install)] if up else []
        if tags := [f"/{m}" if m in ADDONS else f"post_install/{m}" for m in group if m != PYTEST]:
            found.append(odoo_run(db, tags))
        if PYTEST in group:
            junit = logdir / f"{db}-pytest.xml"
            opts = [f"--odoo-config={odoo[4]}", f"--odoo-database={db}", f"--junitxml={junit}"]
            pytest = [odoo[0], "-m", "pytest", ROOT / "tests", "-p", "no:cacheprovider", "-q"]
            found.append((*junit_results(junit, run([*pytest, *opts], cwd=ROOT).returncode), []))
        passed, problems, known = zip(*found, strict=True)
        return sum(passed), sum(problems, []), sum(known, [])

    with concurrent.futures.ThreadPoolExecutor(len(groups)) as pool:
        passed, found, known = zip(*pool.map(work, dbs, dbs.values(), ups.values()), strict=True)
    say(f"Odoo install and tests took {time.time() - start:.0f} s")
    for line in sum(known, []):
        say(f"  known upstream failure (setup/upstream-baseline.txt): {line}")
    for p in (problems := problems + sum(found, [])):  # each one counts
        say(f"  {'FAILED' if FAILED.match(p) or p.startswith(PYTEST) else 'PROBLEM'} {p}")
    for db in copies:
        say(f"Database {db} kept (config {odoo[4]})") if args.keep_db else drop_db(db)
    print(f"{sum(passed)} passed, {len(problems)} failed", flush=True)
    return 1 if problems else 0


def junit_results(junit, returncode):
    """(tests passed, a problem per test that failed, erred or was skipped) of a junit report."""
    try:
        root = ET.parse(junit).getroot()
    except (OSError, ET.ParseError):
        return 0, [f"{PYTEST} pytest wrote no report (exit status {returncode})"]
    cases = [(case, result.tag) for case in root.iter("testcase") for result in case]
    bad = [f"{PYTEST} {c.get('classname')}.{c.get('name')}: {t}" for c, t in cases if t in BAD]
    bad = bad or [f"{PYTEST} pytest exited with status {returncode}"] * bool(returncode)
    return sum(int(suite.get("tests", 0)) for suite in root.iter("testsuite")) - len(bad), bad


def cmd_i18n(args):
    """The addons' .pot from a new database without demo data, merged into their .po files."""
    odoo = prepare("i18n", db := args.database)
    drop_db(db)
    initdb(odoo, db, ADDONS, CACHE / "i18n" / f"{db}-initdb.log", demo="--no-demo")
    cmd = ["click-odoo-makepot", "-c", odoo[4], "-d", db, "--addons-dir", ROOT, "--msgmerge"]
    cmd += ["-m", ",".join(ADDONS), "--no-fuzzy-matching", "--no-commit"]
    env = dict(os.environ, VERSION_CONTROL="off")  # msgmerge -U: no .po~ backups
    return run([*cmd, "--purge-old-translations"], env=env).returncode


def cmd_lint(args):
    ensure_venv(find_odoo()[0])
    cmd = ["pre-commit", "run", "--all-files", "--show-diff-on-failure"]
    return max(run(cmd + hook, cwd=ROOT).returncode for hook in [[h] for h in args.hooks] or [[]])


def main(argv=None):
    parser = argparse.ArgumentParser(prog="crossborder-ops", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="install everything and start Odoo on http://127.0.0.1:8069")
    p_run.add_argument("--database", default=os.environ.get("CBO_DB", "crossborder_ops"))
    p_run.add_argument("--port", type=int, default=int(os.environ.get("CBO_HTTP_PORT", "8069")))
    p_run.add_argument("--update", action="store_true", help="update the addons before starting")
    p_run.add_argument("--no-start", action="store_true", help="prepare the database only")
    p_test = sub.add_parser("test", help="new databases, Odoo's tests, tests/ with pytest-odoo")
    help_ = "also these upstream suites (default helpdesk_mgmt; all if none named)"
    p_test.add_argument("--upstream", nargs="*", choices=[*UPSTREAM_ALL, "none"], help=help_)
    p_test.add_argument("--database", help="database name (default: a fresh cbo_test_* name)")
    jobs = int(os.environ.get("CBO_TEST_JOBS") or min(2, os.cpu_count() or 1))
    p_test.add_argument("--jobs", type=int, default=jobs, help="databases tested side by side")
    p_test.add_argument("--keep-db", action="store_true", help="keep the test databases afterwards")
    p_test.add_argument("--no-pytest", action="store_true", help="skip tests/ (pytest-odoo)")
    p_test.add_argument("-v", "--verbose", action="store_true", help="stream the whole Odoo log")
    p_i18n = sub.add_parser("i18n", help="refresh the .pot and the zh_CN/tr .po files")
    p_i18n.add_argument("--database", default="cbo_i18n")
    p_lint = sub.add_parser("lint", help="pre-commit run --all-files in the project's virtualenv")
    p_lint.add_argument("hooks", nargs="*", help="only these hook ids")
    args = parser.parse_args(argv)
    try:
        return globals()[f"cmd_{args.command}"](args) or 0
    except SetupError as exc:
        print(f"crossborder-ops: {exc}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
