"""Real application processes for the multi-process tests: gunicorn with Polku's
configuration (config/gunicorn.conf.py), one worker each, on free ports of
127.0.0.1, against the test database; and a small cookie-keeping HTTP client.

The servers use ``tests.ops.server_settings`` (the test settings with the task queue
in the database) and ``tests.ops.stripe_wsgi`` (Stripe answered by the fake, when
the test gives it a state file). Only the PostgreSQL test database can be shared
with other processes: the tests that use this skip on SQLite.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Reply:
    status: int
    location: str
    text: str


@dataclass
class Browser:
    """One visitor's cookies; any request may go to any of the servers."""

    cookies: dict[str, str] = field(default_factory=dict)
    language: str = "en"

    def request(
        self,
        server: Server,
        method: str,
        path: str,
        form: dict[str, Any] | None = None,
        *,
        body: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        sent = {"Accept-Language": self.language, **(headers or {})}
        # the language as picked with the switch (an English browser gets Finnish)
        cookies = {"django_language": self.language, **self.cookies}
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if form is not None:
            body = urlencode(form, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"http://127.0.0.1:{server.port}{path}"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value:
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return Reply(response.status, response.headers.get("Location", ""), text)
        finally:
            conn.close()

    def get(self, server: Server, path: str) -> Reply:
        return self.request(server, "GET", path)

    def submit(self, server: Server, path: str, fields: dict[str, Any]) -> Reply:
        """Open the form page on ``server`` and post it there, as a person would."""
        page = self.get(server, path)
        token = CSRF.search(page.text)
        assert token, f"no form on {path} (HTTP {page.status})"
        return self.request(
            server, "POST", path, {**fields, "csrfmiddlewaretoken": token[1]}
        )


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    def alive(self) -> bool:
        return self.process.poll() is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shared_database_url() -> str:
    """The URL of the test database this test run uses (pytest-django's copy)."""
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:"
        f"{s['PORT'] or 5432}/{s['NAME']}"
    )


def _start(name: str, log_dir: Path, env: dict[str, str]) -> Server:
    port = _free_port()
    log = log_dir / f"{name}.log"
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            "config/gunicorn.conf.py",
            "tests.ops.stripe_wsgi:application",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.ops.server_settings",
            "DATABASE_URL": shared_database_url(),
            "POLKU_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "1",
            "POLKU_ACCESS_LOG": str(log_dir / f"{name}-access.log"),
            "POLKU_LOG_LEVEL": "warning",
            **env,
        },
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return Server(name, port, process, log)


def _wait(server: Server, deadline: float) -> None:
    while time.monotonic() < deadline:
        if not server.alive():
            raise AssertionError(f"{server.name} exited:\n{server.log.read_text()}")
        try:
            if Browser().get(server, "/kirjaudu/").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{server.name} did not answer:\n{server.log.read_text()}")


@contextmanager
def one_server(log_dir: Path, name: str = "C", **env: str) -> Iterator[Server]:
    """One more application process (``name``), stopped afterwards."""
    server = _start(name, log_dir, env)
    try:
        _wait(server, time.monotonic() + 90)
        yield server
    finally:
        server.process.terminate()
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@contextmanager
def two_servers(log_dir: Path, **env: str) -> Iterator[tuple[Server, Server]]:
    """Two application processes (A and B) on one database, stopped afterwards."""
    servers = [_start(name, log_dir, env) for name in ("A", "B")]
    try:
        deadline = time.monotonic() + 90
        for server in servers:
            _wait(server, deadline)
        yield servers[0], servers[1]
    finally:
        for server in servers:
            server.process.terminate()
        for server in servers:
            try:
                server.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()
