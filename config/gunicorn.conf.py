"""gunicorn settings for Polku in production.

    gunicorn -c config/gunicorn.conf.py

Everything that differs between machines comes from the environment (see
docs/operations.md): where to listen, how many workers, timeouts. The access log
has no query strings, addresses, user agents, referrers or object ids: a query
string can carry a search typed by a user and a client's id identifies a client
(config/gunicorn_logging.py).
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "config.wsgi:application"
pythonpath = str(ROOT)
chdir = str(ROOT)

# Listen on the loopback by default: a reverse proxy (nginx, a load balancer) ends
# TLS in front. Several addresses: POLKU_BIND="127.0.0.1:8000,unix:/run/polku.sock".
bind = [b.strip() for b in os.environ.get("POLKU_BIND", "127.0.0.1:8000").split(",")]

# Workers: synchronous, one request at a time each, so a slow page never holds up
# another in the same process. WEB_CONCURRENCY overrides 2 × cores + 1.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("POLKU_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is stopped and its worker restarted.
timeout = _int("POLKU_TIMEOUT", 30)
graceful_timeout = _int("POLKU_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Replace each worker after this many requests (bounded memory growth); the jitter
# keeps them from restarting at the same moment.
max_requests = _int("POLKU_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Proxies trusted to set X-Forwarded-Proto (HTTPS detection), comma-separated.
forwarded_allow_ips = os.environ.get("POLKU_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips

# Logs to standard output and error (systemd's journal or the container runtime
# collects them). POLKU_ACCESS_LOG="" turns the access log off.
accesslog = os.environ.get("POLKU_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("POLKU_LOG_LEVEL", "info")
logger_class = "config.gunicorn_logging.PrivateAccessLogger"
# time, method, path without query string (ids masked), status, bytes, milliseconds,
# worker pid
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %(p)s'


def post_worker_init(worker: object) -> None:
    """Load the Finnish and Swedish dictionaries of search and the matcher
    (docs/search.md: 4-10 s of CPU, once per worker) in the background as the worker
    starts, rather than during its first search; not in the foreground, where a slow
    start would pass the heartbeat timeout."""
    import threading

    from matching.core import language

    threading.Thread(target=language.warm_up, name="warm-up", daemon=True).start()
