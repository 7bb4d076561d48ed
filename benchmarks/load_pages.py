"""Load test of four pages against gunicorn + PostgreSQL on 127.0.0.1.

    DATABASE_URL=postgres://polku:polku@127.0.0.1:5432/polku_scale \\
        .venv/bin/python benchmarks/load_pages.py --serve [--users 8,32] [--seconds 20]

First load a county (``manage.py load_scale_demo``). With ``--serve`` the script
starts gunicorn itself (``config/gunicorn.conf.py``, production settings, DEBUG off,
``--workers`` workers) on a free port and stops it at the end; without it, give
``--base`` of a running server. Standard library only: one thread per simulated
user, each making one request after another (no think time) for ``--seconds``
after a warm-up; bounded in time (about 2 × 4 × (seconds + warm-up)).

Pages, as a social instructor (one county instructor per simulated user, logged in
through the real login form and second factor) or as an anonymous visitor:
* ``catalogue``: the public catalogue with filters (anonymous), six filter sets;
* ``site``: a site's page (anonymous), the sites found in the catalogue;
* ``clients``: the instructor's client list (/oma/asiakkaat/);
* ``suggestions``: the matcher's suggestions for one of the instructor's clients.

Prints requests per second, p50 / p95 / p99 in ms and errors for each page and
number of users, and (with ``--serve``) the CPU time per request of the gunicorn
workers and of the PostgreSQL backends of the database, read from /proc — steadier
than latencies on a shared machine; ``--markdown`` prints the table for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import os
import platform
import random
import re
import secrets
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
#: load_scale_demo's public demo key (marketplace/management/commands/load_scale_demo.py)
BENCH_TOTP_KEY = b"polku-county-bench!!".hex()
CATALOGUE = "/tyotoimintapaikat/"
FILTERS = [
    {"service": "rehabilitative"},
    {"region": "paijat-hame", "tag": "recycling", "free_seats": "on"},
    {"service": "disability", "form": "workshop", "accessibility": "step_free"},
    {"q": "puutyö", "service": "rehabilitative"},
    {"municipality": "398", "pricing": "free", "page": "2"},
    {"tag": ["kitchen", "cafe"], "language": "fi"},
]
PAGES = ("catalogue", "site", "clients", "suggestions")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(key_hex: str, step: int) -> str:
    """RFC 6238 code (SHA-1, 30 s, 6 digits) for time step ``step``."""
    mac = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", step), hashlib.sha1)
    digest = mac.digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@dataclass
class Browser:
    """One visitor: cookies and plain HTTP/1.1 requests to the server."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, form: dict | None = None
    ) -> tuple[int, str, str]:
        parts = urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        headers = {
            # as behind the TLS-ending proxy that production settings expect
            "X-Forwarded-Proto": "https",
            "Accept-Language": "fi",
            "Connection": "close",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{parts.netloc}"
            headers["Referer"] = f"https://{parts.netloc}{path}"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers.get("Location", ""), text
        finally:
            conn.close()

    def get(self, path: str) -> str:
        status, _location, text = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        return text

    def post_form(self, path: str, fields: dict) -> tuple[int, str, str]:
        token = CSRF.search(self.get(path))
        if token is None:
            raise RuntimeError(f"no form on {path}")
        return self.request("POST", path, {**fields, "csrfmiddlewaretoken": token[1]})


def log_in(base: str, username: str, password: str, key_hex: str) -> Browser:
    """Log in through the form, then the second factor (this or the next code)."""
    browser = Browser(base)
    status, location, _ = browser.post_form(
        "/kirjaudu/", {"username": username, "password": password}
    )
    if status != 302:
        raise RuntimeError(f"login of {username} refused (HTTP {status})")
    verify = urlsplit(location)
    if "/vahvistus/" in verify.path:
        path = verify.path + (f"?{verify.query}" if verify.query else "")
        now = int(time.time()) // 30
        for step in (now, now + 1):
            status, _loc, _ = browser.post_form(path, {"code": totp(key_hex, step)})
            if status == 302:
                break
        else:
            raise RuntimeError(f"second factor of {username} refused")
    return browser


@dataclass
class Result:
    page: str
    users: int
    seconds: float
    latencies: list[float]
    errors: int
    cpu: dict[str, float] = field(default_factory=dict)  # seconds in the window

    def cpu_ms(self, part: str) -> float:
        """CPU milliseconds per counted request spent by ``part``."""
        return self.cpu.get(part, float("nan")) * 1000 / max(1, len(self.latencies))

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds


class CpuMeter:
    """CPU seconds used so far by the gunicorn workers under ``master`` and by the
    PostgreSQL backends connected to ``database`` (read from /proc; Linux only)."""

    def __init__(self, master: int, database_url: str) -> None:
        self.master, self.database_url = master, database_url

    @staticmethod
    def _cpu(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _workers(self) -> list[int]:
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                except OSError:
                    continue
                if ppid == self.master:
                    pids.append(int(entry))
        return pids

    def _backends(self) -> list[int]:
        import psycopg

        name = urlsplit(self.database_url).path.lstrip("/")
        with psycopg.connect(self.database_url) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s "
                "AND pid <> pg_backend_pid()",
                [name],
            ).fetchall()
        return [pid for (pid,) in rows]

    def snapshot(self) -> dict[str, dict[int, float]]:
        return {
            "gunicorn": {p: self._cpu(p) for p in self._workers()},
            "postgresql": {p: self._cpu(p) for p in self._backends()},
            "client": {0: time.process_time()},
        }

    @staticmethod
    def used(before: dict, after: dict) -> dict[str, float]:
        return {
            part: sum(v - before[part].get(pid, 0.0) for pid, v in after[part].items())
            for part in after
        }


def run(
    page: str,
    targets: list[tuple[Browser, list[str]]],
    seconds: float,
    warmup: float,
    think: float = 0.0,
    meter: CpuMeter | None = None,
) -> Result:
    """Every simulated user requests its own URLs one after another, pausing
    ``think`` seconds on average (exponentially distributed) between them; requests
    that start after the warm-up and before the end are counted."""
    start = time.monotonic() + 0.5
    measure_from, stop = start + warmup, start + warmup + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def user(browser: Browser, urls: list[str], offset: int) -> None:
        n = offset
        pause = random.Random(offset)
        time.sleep(max(0.0, start - time.monotonic()))
        while (began := time.monotonic()) < stop:
            url = urls[n % len(urls)]
            n += 1
            try:
                status, _loc, _text = browser.request("GET", url)
            except OSError:
                status = 0
            elapsed = time.monotonic() - began
            if began >= measure_from:
                with lock:
                    if status == 200:
                        latencies.append(elapsed * 1000)
                    else:
                        errors[0] += 1
            if think:
                left = max(0.0, stop - time.monotonic())
                time.sleep(min(pause.expovariate(1 / think), left))

    snapshots: list[dict] = []

    def measure() -> None:
        for moment in (measure_from, stop):
            time.sleep(max(0.0, moment - time.monotonic()))
            snapshots.append(meter.snapshot() if meter else {})

    threads = [
        threading.Thread(target=user, args=(b, urls, i * 7))
        for i, (b, urls) in enumerate(targets)
    ] + [threading.Thread(target=measure)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu = CpuMeter.used(*snapshots) if meter else {}
    return Result(page, len(targets), seconds, latencies, errors[0], cpu)


def serve(workers: int) -> tuple[subprocess.Popen, str]:
    """gunicorn with production settings on a free port of 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database of load_scale_demo.")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "POLKU_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "POLKU_ACCESS_LOG": os.environ.get(
            "POLKU_ACCESS_LOG", "/tmp/polku-bench-access.log"
        ),
        "POLKU_LOG_LEVEL": "warning",
        # no worker replaced during a run (its CPU time would be lost to the meter)
        "POLKU_MAX_REQUESTS": "0",
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if Browser(base).request("GET", "/kirjaudu/")[0] == 200:
                return server, base
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not answer within 60 s")


def targets_for(
    page: str, users: list[Browser], anonymous: list[Browser], sites: list[str]
) -> list[tuple[Browser, list[str]]]:
    if page == "catalogue":
        urls = [f"{CATALOGUE}?{urlencode(f, doseq=True)}" for f in FILTERS]
        return [(b, urls) for b in anonymous]
    if page == "site":
        return [(b, sites) for b in anonymous]
    if page == "clients":
        return [(b, ["/oma/asiakkaat/"]) for b in users]
    out = []
    for b in users:
        ids = sorted(
            set(
                re.findall(
                    r'href="/oma/asiakkaat/([0-9a-f-]{36})/"', b.get("/oma/asiakkaat/")
                )
            )
        )
        out.append((b, [f"/oma/asiakkaat/{i}/ehdotukset/" for i in ids]))
    return out


def argument_parser() -> argparse.ArgumentParser:
    """The command line (``load_scale_demo`` prints a command that must parse)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="")
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--users", default="8,32")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause between a user's requests, seconds (default 0: none)",
    )
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--user-prefix", default="ohjaaja")
    parser.add_argument("--password", default="polku-demo")
    parser.add_argument("--totp-key", default=BENCH_TOTP_KEY)
    parser.add_argument("--markdown", action="store_true")
    return parser


def main() -> None:
    args = argument_parser().parse_args()
    levels = [int(n) for n in args.users.split(",")]
    pages = [p for p in args.pages.split(",") if p]
    server = None
    if args.serve:
        server, base = serve(args.workers)
    elif args.base:
        base = args.base.rstrip("/")
    else:
        sys.exit("Give --serve or --base.")
    try:
        load_before = os.getloadavg()
        users = [
            log_in(base, f"{args.user_prefix}{n:02d}", args.password, args.totp_key)
            for n in range(1, max(levels) + 1)
        ]
        anonymous = [Browser(base) for _ in range(max(levels))]
        sites = sorted(
            {
                m
                for page in (1, 2, 3)
                for m in re.findall(
                    r'href="(/tyotoimintapaikat/[a-z0-9-]+/)"',
                    anonymous[0].get(f"{CATALOGUE}?page={page}"),
                )
            }
        )
        meter = CpuMeter(server.pid, os.environ["DATABASE_URL"]) if server else None
        results = []
        for n in levels:
            for page in pages:
                targets = targets_for(page, users[:n], anonymous[:n], sites)
                result = run(
                    page, targets, args.seconds, args.warmup, args.think, meter
                )
                results.append(result)
                print(
                    f"{page:<12} {n:>3} users  {result.rps:7.1f} req/s  "
                    f"p50 {result.percentile(50):6.0f}  p95 {result.percentile(95):6.0f}  "
                    f"p99 {result.percentile(99):6.0f} ms  errors {result.errors}  "
                    f"CPU/request: gunicorn {result.cpu_ms('gunicorn'):5.1f} ms, "
                    f"PostgreSQL {result.cpu_ms('postgresql'):4.1f} ms, "
                    f"load client {result.cpu_ms('client'):4.1f} ms",
                    flush=True,
                )
        load_after = os.getloadavg()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"\n{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{args.workers if server else '?'} gunicorn workers; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after; "
        f"{len(sites)} site pages, {args.seconds:.0f} s per run after "
        f"{args.warmup:.0f} s warm-up, think time {args.think:g} s"
    )
    if args.markdown:
        print(
            "\n| page | users | req/s | p50 ms | p95 ms | p99 ms | errors "
            "| server CPU ms/request (gunicorn + PostgreSQL) |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in results:
            print(
                f"| {r.page} | {r.users} | {r.rps:.1f} | {r.percentile(50):.0f} | "
                f"{r.percentile(95):.0f} | {r.percentile(99):.0f} | {r.errors} | "
                f"{r.cpu_ms('gunicorn'):.0f} + {r.cpu_ms('postgresql'):.0f} |"
            )


if __name__ == "__main__":
    main()
