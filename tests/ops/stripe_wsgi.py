"""The WSGI application of the multi-process tests' servers.

Polku as ``config.wsgi`` serves it; when ``POLKU_FAKE_STRIPE_STATE`` names a file,
Stripe is answered by the tests' fake (tests/stripe_fake.py) with the objects the
test wrote there (read again for every call), so that a server can look up the
payment a webhook reports without reaching the network.
"""

from __future__ import annotations

import json
import os
from typing import Any

from config.wsgi import application  # noqa: F401  (sets Django up)
from marketplace.money.payments import gateway
from tests.stripe_fake import FakeStripe


class SharedStateFake(FakeStripe):
    """The fake, with the objects of the test's fake (read-only here)."""

    def __init__(self, state: str) -> None:
        super().__init__()
        self.state = state

    def request(self, *args: Any, **kwargs: Any) -> Any:
        with open(self.state, encoding="utf-8") as f:
            state = json.load(f)
        with self.lock:
            self.objects, self.balance = state["objects"], state["balance"]
        return super().request(*args, **kwargs)


if os.environ.get("POLKU_FAKE_STRIPE_STATE"):
    gateway.use_http_client(SharedStateFake(os.environ["POLKU_FAKE_STRIPE_STATE"]))
