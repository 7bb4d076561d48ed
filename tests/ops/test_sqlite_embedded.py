"""SQLite as a real embedded database: parallel requests wait for each other.

Real gunicorn servers (two processes, each with two workers of three threads) on one
SQLite file that a separate process built (tests/ops/sqlite_world.py), and users
who log in, agree placements and record clients at the same moment. Every request
must succeed: a write waits for the one before it (WAL, a busy timeout, and
``BEGIN IMMEDIATE`` for transactions, config/settings/base.py) instead of failing
with "database is locked". When the database stays busy longer than the timeout
the user gets the "try again" page (HTTP 503), never a server error.

Runs on every test database: the servers use their own SQLite file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django_otp.oath import TOTP

from tests.factories.accounts import PASSWORD
from tests.ops.servers import ROOT, Browser, Reply, Server, one_server, two_servers

PARALLEL = 6
SERVER_ENV = {"WEB_CONCURRENCY": "2", "POLKU_THREADS": "3"}


def build_database(folder: Path, groups: int) -> tuple[str, dict[str, Any]]:
    """A migrated SQLite file with ``groups`` groups of instructors (own process)."""
    path = folder / "polku.sqlite3"
    url = f"sqlite:///{path}"
    done = subprocess.run(
        [sys.executable, "-m", "tests.ops.sqlite_world", str(groups), str(PARALLEL)],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "tests.ops.server_settings",
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return url, json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def embedded(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("embedded")
    url, world = build_database(folder, groups=3)
    with two_servers(folder, DATABASE_URL=url, **SERVER_ENV) as (a, b):
        yield {"world": world, "servers": (a, b), "path": folder / "polku.sqlite3"}
    for log in folder.glob("*.log"):
        text = log.read_text()
        assert "database is locked" not in text, text[-3000:]
        assert "Traceback" not in text, text[-3000:]


def at_once(work: Callable[[int], Reply], count: int) -> list[Reply]:
    """Run ``work(0..count-1)`` in threads released together; their replies."""
    barrier = threading.Barrier(count)
    replies: list[Reply | BaseException | None] = [None] * count

    def run(n: int) -> None:
        barrier.wait()
        try:
            replies[n] = work(n)
        except BaseException as exc:  # reported below, with the others' replies
            replies[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for reply in replies:
        if isinstance(reply, BaseException):
            raise reply
    return [r for r in replies if isinstance(r, Reply)]


def token(server: Server, browser: Browser, path: str) -> str:
    page = browser.get(server, path)
    assert page.status == 200, (path, page.status, page.text[:300])
    return page.text.split('csrfmiddlewaretoken" value="')[1].split('"')[0]


def code_for(key: str) -> str:
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    return f"{totp.token():06d}"


def log_in_together(
    members: list[dict[str, Any]], servers: tuple[Server, Server]
) -> list[Browser]:
    """Every member types the password at the same moment, then the code."""
    browsers = [Browser() for _ in members]
    login_tokens = [
        token(servers[n % 2], browsers[n], "/kirjaudu/") for n in range(len(members))
    ]

    def password(n: int) -> Reply:
        form = {
            "username": members[n]["username"],
            "password": PASSWORD,
            "csrfmiddlewaretoken": login_tokens[n],
        }
        return browsers[n].request(servers[n % 2], "POST", "/kirjaudu/", form)

    replies = at_once(password, len(members))
    assert [r.status for r in replies] == [302] * len(members), [
        (r.status, r.text[:200]) for r in replies
    ]
    verify = [urlsplit(r.location) for r in replies]
    paths = [f"{v.path}?{v.query}" if v.query else v.path for v in verify]
    code_tokens = [
        token(servers[n % 2], browsers[n], paths[n]) for n in range(len(members))
    ]

    def second_factor(n: int) -> Reply:
        form = {
            "code": code_for(members[n]["key"]),
            "csrfmiddlewaretoken": code_tokens[n],
        }
        return browsers[n].request(servers[(n + 1) % 2], "POST", paths[n], form)

    replies = at_once(second_factor, len(members))
    assert [r.status for r in replies] == [302] * len(members), [
        (r.status, r.text[:200]) for r in replies
    ]
    return browsers


def database(embedded: dict[str, Any]) -> sqlite3.Connection:
    return sqlite3.connect(embedded["path"], timeout=30)


def test_the_database_file_is_in_wal_mode(embedded):
    with database(embedded) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_users_logging_in_at_the_same_moment_all_get_in(embedded):
    members = embedded["world"]["groups"][0]["members"]
    servers = embedded["servers"]
    browsers = log_in_together(members, servers)
    for n, browser in enumerate(browsers):
        page = browser.get(servers[n % 2], "/oma/asiakkaat/")
        assert page.status == 200 and f"Asiakas 0-{n}" in page.text


def test_agreements_at_one_site_at_the_same_moment_all_count(embedded):
    group = embedded["world"]["groups"][1]
    members, servers = group["members"], embedded["servers"]
    browsers = log_in_together(members, servers)
    paths = [f"/oma/sijoitukset/{m['placement']}/agree/" for m in members]
    tokens = [token(servers[n % 2], browsers[n], p) for n, p in enumerate(paths)]

    def agree(n: int) -> Reply:
        form = {
            "start_date": time.strftime("%Y-%m-%d"),
            "days_per_week": 2,
            "hours_per_day": 4,
            "tasks": "Puutyöt",
            "csrfmiddlewaretoken": tokens[n],
        }
        return browsers[n].request(servers[n % 2], "POST", paths[n], form)

    replies = at_once(agree, len(members))
    assert [r.status for r in replies] == [302] * len(members), [
        (r.status, r.text[:300]) for r in replies
    ]
    with database(embedded) as db:
        free = db.execute(
            "SELECT seats_free FROM marketplace_sitecapacity WHERE site_id = ?",
            (group["site"],),
        ).fetchone()[0]
        agreed = db.execute(
            "SELECT count(*) FROM marketplace_placement WHERE status = 'agreed'"
        ).fetchone()[0]
    assert (free, agreed) == (50 - len(members), len(members))


def test_new_clients_recorded_at_the_same_moment_are_all_kept(embedded):
    members = embedded["world"]["groups"][2]["members"]
    servers = embedded["servers"]
    browsers = log_in_together(members, servers)
    path = "/oma/asiakkaat/uusi/"
    tokens = [token(servers[n % 2], b, path) for n, b in enumerate(browsers)]

    def record(n: int) -> Reply:
        form = {
            "name": f"Uusi asiakas {n}",
            "municipality": embedded["world"]["town"],
            "service": "rehabilitative",
            "goal_1": "life_management",
            "days_per_week": 2,
            "hours_per_day": 4,
            "max_travel_km": 10,
            "csrfmiddlewaretoken": tokens[n],
        }
        return browsers[n].request(servers[n % 2], "POST", path, form)

    # (and someone reads the catalogue meanwhile: readers never wait in WAL mode)
    def record_or_read(n: int) -> Reply:
        if n >= len(members):
            return Browser().get(servers[n % 2], "/tyotoimintapaikat/")
        return record(n)

    replies = at_once(record_or_read, 2 * len(members))
    assert [r.status for r in replies] == [302] * len(members) + [200] * len(members), [
        (r.status, r.text[:300]) for r in replies
    ]
    with database(embedded) as db:
        names = {
            row[0]
            for row in db.execute(
                "SELECT name FROM marketplace_client WHERE name LIKE 'Uusi asiakas %'"
            )
        }
    assert names == {f"Uusi asiakas {n}" for n in range(len(members))}


def test_a_database_busy_past_the_timeout_asks_to_try_again(embedded, tmp_path):
    # Given a server that waits at most a second for the database
    with one_server(
        tmp_path, DATABASE_URL=f"sqlite:///{embedded['path']}", POLKU_SQLITE_TIMEOUT="1"
    ) as server:
        browser = Browser(language="fi")
        login = token(server, browser, "/kirjaudu/")
        form = {"username": "ohjaaja-0-0", "password": PASSWORD}
        # and another program holding the write lock for longer than that
        holder = sqlite3.connect(embedded["path"], isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            # then pages still read
            assert browser.get(server, "/tyotoimintapaikat/").status == 200
            # and a login, which must write, gets the "try again" page
            reply = browser.request(
                server,
                "POST",
                "/kirjaudu/",
                {**form, "csrfmiddlewaretoken": login},
            )
            assert reply.status == 503, reply.text[:500]
            assert "Polku on juuri nyt kiireinen" in reply.text
            assert "Traceback" not in reply.text
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        # and when the lock is gone, the same login goes through
        login = token(server, browser, "/kirjaudu/")
        reply = browser.request(
            server, "POST", "/kirjaudu/", {**form, "csrfmiddlewaretoken": login}
        )
        assert reply.status == 302, reply.text[:500]
        assert "Traceback" not in (tmp_path / "C.log").read_text()


TINY_DATASET = {
    "format": "polku-dataset/1",
    "as_of": "2026-11-01",
    "municipalities": [{"code": "091", "name": "Helsinki", "lat": 60.17, "lon": 24.94}],
    "organisations": [{"id": "o1", "name": "Paja ry", "kind": "association"}],
    "sites": [
        {
            "id": f"s{n}",
            "organisation": "o1",
            "name": f"Tuonti {n}",
            "municipality": "091",
            "lat": 60.17,
            "lon": 24.94,
            "services": ["rehabilitative"],
            "seats_total": 5,
            "seats_free": 2,
            "days_per_week": [1, 4],
            "hours_per_day": [4, 6],
            "support_level": 2,
            "voucher_price_cents": None,
        }
        for n in range(3)
    ],
}


def test_two_imports_at_once_run_one_after_the_other(embedded, tmp_path):
    # Given a data set, and another program writing for longer than a request waits
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(TINY_DATASET))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{embedded['path']}",
        "DJANGO_SETTINGS_MODULE": "tests.ops.server_settings",
        "POLKU_SQLITE_TIMEOUT": "1",
        "PYTHONUNBUFFERED": "1",
    }
    holder = sqlite3.connect(embedded["path"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    # When two imports of it start at the same moment
    command = [sys.executable, "manage.py", "import_dataset", str(path)]
    runs = [
        subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for run in runs:  # both have started ("Reading …") and reach the database
        assert run.stdout is not None and run.stdout.readline().startswith("Reading")
    time.sleep(4)  # longer than POLKU_SQLITE_TIMEOUT: the imports must wait longer
    holder.execute("ROLLBACK")
    holder.close()
    outputs = [run.communicate(timeout=600) for run in runs]
    # then both finish, one after the other, and the sites are there once
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err[-2000:]
        assert "Traceback" not in out + err
    with database(embedded) as db:
        titles = [
            row[0]
            for row in db.execute(
                "SELECT title FROM wagtailcore_page WHERE title LIKE 'Tuonti %'"
            )
        ]
    assert sorted(titles) == ["Tuonti 0", "Tuonti 1", "Tuonti 2"]
