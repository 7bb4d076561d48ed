"""The access log without personal data (used by config/gunicorn.conf.py).

Only these fields reach the log: time, method, path, protocol, status, size,
duration and the worker's pid. The path loses its query string (a search can
contain anything a user typed) and every id in it (a client's UUID, a user's or a
site's number): ``/oma/asiakkaat/3f2…/ehdotukset/`` is logged as
``/oma/asiakkaat/{id}/ehdotukset/``. Addresses, user agents, referrers (which
carry the previous page's query string), cookies and other headers are left out.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

ID_SEGMENT = re.compile(
    r"(?<=/)(?:[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
    r"[0-9a-fA-F]{12}|\d+)(?=/|$|\.)"
)
KEPT = ("t", "m", "H", "s", "b", "B", "T", "D", "M", "L", "p")


def masked_path(path: str) -> str:
    """``path`` with every UUID or number between slashes replaced by ``{id}``."""
    return ID_SEGMENT.sub("{id}", path or "")


class PrivateAccessLogger(Logger):
    """gunicorn's logger, with only the fields above available to the format."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict:
        full = super().atoms(resp, req, environ, request_time)
        atoms = {key: full[key] for key in KEPT if key in full}
        atoms["U"] = masked_path(environ.get("PATH_INFO", ""))
        atoms["r"] = f"{atoms.get('m', '-')} {atoms['U']} {atoms.get('H', '-')}"
        return atoms
