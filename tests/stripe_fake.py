"""An in-process, stateful fake of Stripe behind the official library's HTTP client.

``FakeStripe`` is a ``stripe.HTTPClient``: the real ``StripeClient`` encodes every
request as it would for api.stripe.com and hands it to ``request()`` here, which
answers like Stripe's v1 API for the calls Polku makes (Checkout Sessions,
PaymentIntents, Transfers, Refunds, Express accounts and Account Links, balance
transactions). Idempotency keys are honoured as Stripe does: the same key with the
same parameters returns the first response; with other parameters it is an error.

Test helpers play the other side: a customer completing a Checkout page, an
organisation finishing onboarding, a bank opening a chargeback; they return the
webhook event Stripe would send, which ``signed()`` signs with the test secret.
Every request is kept in ``requests`` so tests can inspect what was sent.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import stripe

WEBHOOK_SECRET = "whsec_polku_test"
SECRET_KEY = "sk_test_polku_fake"


@dataclass
class Sent:
    method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]
    raw: str


def _nest(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's form encoding (``a[b][0][c]=1``) back into nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def listify(node: Any) -> Any:
        if isinstance(node, dict):
            node = {k: listify(v) for k, v in node.items()}
            if node and all(k.isdigit() for k in node):
                return [node[k] for k in sorted(node, key=int)]
        return node

    return listify(root)


class StripeFakeError(Exception):
    def __init__(self, status: int, message: str, type_: str = "invalid_request_error"):
        super().__init__(message)
        self.status, self.message, self.type = status, message, type_


class FakeStripe(stripe.HTTPClient):
    name = "polku-fake"

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.RLock()
        self.requests: list[Sent] = []
        self.objects: dict[str, dict[str, Any]] = {}
        self.balance: list[dict[str, Any]] = []
        self.idempotent: dict[str, tuple[str, tuple[str, int, dict[str, str]]]] = {}
        self.fail_after_processing: set[str] = set()
        self.fail_before_processing: set[str] = set()
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    # --- the HTTPClient interface -------------------------------------------
    def request(self, method, url, headers, post_data=None, *, _usage=None):  # type: ignore[no-untyped-def]
        parts = urlsplit(url)
        raw = post_data or parts.query or ""
        params = _nest(parse_qsl(raw, keep_blank_values=True))
        headers = dict(headers or {})
        with self.lock:
            self.requests.append(Sent(method, parts.path, params, headers, raw))
            if not headers.get("Authorization", "").startswith("Bearer sk_"):
                return self._error(StripeFakeError(401, "Invalid API Key"))
            key = headers.get("Idempotency-Key") if method == "post" else None
            fingerprint = f"{method} {parts.path} {raw}"
            if key and key in self.idempotent:
                seen, response = self.idempotent[key]
                if seen != fingerprint:
                    return self._error(
                        StripeFakeError(
                            400,
                            "Keys for idempotent requests can only be used with "
                            "the same parameters they were first used with.",
                            "idempotency_error",
                        )
                    )
                return response
            if parts.path in self.fail_before_processing:
                self.fail_before_processing.discard(parts.path)
                raise stripe.APIConnectionError("network down", should_retry=True)
            try:
                body = self._route(method, parts.path, params)
                response = (json.dumps(body), 200, self._headers())
            except StripeFakeError as exc:
                response = self._error(exc)
            if key:
                self.idempotent[key] = (fingerprint, response)
            if parts.path in self.fail_after_processing:
                # Stripe did the work, but the answer was lost on the way back.
                self.fail_after_processing.discard(parts.path)
                raise stripe.APIConnectionError("connection reset", should_retry=True)
            return response

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):  # type: ignore[no-untyped-def]
        # Polku never streams from Stripe; a test that does should fail loudly.
        raise AssertionError(f"unexpected streaming request to Stripe: {method} {url}")

    def close(self) -> None:
        pass

    def _sleep_time_seconds(self, num_retries: int) -> float:
        return 0.0  # the library's retries, without waiting

    def _headers(self) -> dict[str, str]:
        return {"Request-Id": f"req_{next(self._ids)}"}

    def _error(self, exc: StripeFakeError) -> tuple[str, int, dict[str, str]]:
        body = {"error": {"type": exc.type, "message": exc.message}}
        return json.dumps(body), exc.status, self._headers()

    # --- objects -------------------------------------------------------------
    def _new(self, prefix: str, obj: dict[str, Any]) -> dict[str, Any]:
        obj = {
            "id": f"{prefix}_test_{next(self._ids):06d}",
            "created": int(time.time()),
            **obj,
        }
        self.objects[obj["id"]] = obj
        return obj

    def _get(self, object_id: str, kind: str) -> dict[str, Any]:
        obj = self.objects.get(object_id)
        if obj is None or obj["object"] != kind:
            raise StripeFakeError(404, f"No such {kind}: '{object_id}'")
        return obj

    def _bt(self, type_: str, amount: int, fee: int, source: str) -> dict[str, Any]:
        bt = self._new(
            "txn",
            {
                "object": "balance_transaction",
                "type": type_,
                "amount": amount,
                "fee": fee,
                "net": amount - fee,
                "currency": "eur",
                "source": source,
            },
        )
        self.balance.append(bt)
        return bt

    # --- routes --------------------------------------------------------------
    def _route(self, method: str, path: str, p: dict[str, Any]) -> dict[str, Any]:
        seg = path.strip("/").split("/")[1:]  # drop "v1"
        route = (method, seg[0] if seg else "", len(seg))
        if seg[:2] == ["checkout", "sessions"]:
            return self._checkout(method, seg[2:], p)
        handlers = {
            ("get", "payment_intents", 2): lambda: self._intent(seg[1], p),
            ("post", "transfers", 1): lambda: self._transfer(p),
            ("post", "refunds", 1): lambda: self._refund(p),
            ("post", "accounts", 1): lambda: self._account(p),
            ("get", "accounts", 2): lambda: self._get(seg[1], "account"),
            ("get", "disputes", 2): lambda: self._public(self._get(seg[1], "dispute")),
            ("post", "account_links", 1): lambda: self._account_link(p),
            ("get", "balance_transactions", 1): lambda: self._balance_list(p),
        }
        if route not in handlers:
            raise StripeFakeError(404, f"Unrecognized request URL ({method} {path})")
        return handlers[route]()

    def _checkout(
        self, method: str, rest: list[str], p: dict[str, Any]
    ) -> dict[str, Any]:
        if method == "post" and not rest:
            item = p["line_items"][0]
            amount = int(item["price_data"]["unit_amount"]) * int(item["quantity"])
            session = self._new(
                "cs",
                {
                    "object": "checkout.session",
                    "mode": p["mode"],
                    "status": "open",
                    "payment_status": "unpaid",
                    "amount_total": amount,
                    "currency": item["price_data"]["currency"],
                    "client_reference_id": p.get("client_reference_id"),
                    "metadata": p.get("metadata", {}),
                    "payment_intent": None,
                    "success_url": p["success_url"],
                    "cancel_url": p["cancel_url"],
                    "_intent_data": p.get("payment_intent_data", {}),
                },
            )
            session["url"] = f"https://checkout.stripe.com/c/pay/{session['id']}"
            return self._public(session)
        session = self._get(rest[0], "checkout.session")
        if method == "post" and rest[1:] == ["expire"]:
            if session["status"] != "open":
                raise StripeFakeError(400, "Only open sessions can be expired.")
            session["status"] = "expired"
        return self._public(session)

    def _public(self, obj: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in obj.items() if not k.startswith("_")}

    def _intent(self, intent_id: str, p: dict[str, Any]) -> dict[str, Any]:
        intent = dict(self._get(intent_id, "payment_intent"))
        if "latest_charge.balance_transaction" in (p.get("expand") or []):
            charge = dict(self.objects[intent["latest_charge"]])
            charge["balance_transaction"] = self.objects[charge["balance_transaction"]]
            intent["latest_charge"] = charge
        return intent

    def _transfer(self, p: dict[str, Any]) -> dict[str, Any]:
        amount = int(p["amount"])
        charge = self._get(p["source_transaction"], "charge")
        account = self._get(p["destination"], "account")
        if account["capabilities"].get("transfers") != "active":
            raise StripeFakeError(
                400, "The destination account cannot receive transfers."
            )
        if (
            amount
            > charge["amount"] - charge["_transferred"] - charge["amount_refunded"]
        ):
            raise StripeFakeError(400, "Transfer exceeds the source transaction.")
        charge["_transferred"] += amount
        transfer = self._new(
            "tr",
            {
                "object": "transfer",
                "amount": amount,
                "currency": p["currency"],
                "destination": account["id"],
                "source_transaction": charge["id"],
                "transfer_group": p.get("transfer_group"),
                "metadata": p.get("metadata", {}),
            },
        )
        self._bt("transfer", -amount, 0, transfer["id"])
        return transfer

    def _refund(self, p: dict[str, Any]) -> dict[str, Any]:
        intent = self._get(p["payment_intent"], "payment_intent")
        charge = self.objects[intent["latest_charge"]]
        amount = int(p.get("amount") or charge["amount"] - charge["amount_refunded"])
        if amount > charge["amount"] - charge["amount_refunded"]:
            raise StripeFakeError(400, "Refund amount is greater than the charge.")
        charge["amount_refunded"] += amount
        refund = self._new(
            "re",
            {
                "object": "refund",
                "amount": amount,
                "charge": charge["id"],
                "payment_intent": intent["id"],
                "status": "succeeded",
                "metadata": p.get("metadata", {}),
            },
        )
        self._bt("refund", -amount, 0, refund["id"])
        return refund

    def _account(self, p: dict[str, Any]) -> dict[str, Any]:
        return self._new(
            "acct",
            {
                "object": "account",
                "type": p.get("type"),
                "country": p.get("country"),
                "details_submitted": False,
                "payouts_enabled": False,
                "charges_enabled": False,
                "capabilities": {"transfers": "inactive"},
                "metadata": p.get("metadata", {}),
            },
        )

    def _account_link(self, p: dict[str, Any]) -> dict[str, Any]:
        self._get(p["account"], "account")
        return {
            "object": "account_link",
            "url": f"https://connect.stripe.com/setup/e/{p['account']}/{next(self._ids)}",
            "created": int(time.time()),
            "expires_at": int(time.time()) + 300,
            "_return_url": p["return_url"],
        }

    def _balance_list(self, p: dict[str, Any]) -> dict[str, Any]:
        created = p.get("created") or {}
        rows = [
            bt
            for bt in self.balance
            if int(created.get("gte", 0))
            <= bt["created"]
            < int(created.get("lt", 2**40))
        ]
        rows.sort(key=lambda bt: (-bt["created"], bt["id"]), reverse=False)
        start = p.get("starting_after")
        if start:
            index = next(i for i, bt in enumerate(rows) if bt["id"] == start)
            rows = rows[index + 1 :]
        limit = int(p.get("limit") or 10)
        return {
            "object": "list",
            "url": "/v1/balance_transactions",
            "has_more": len(rows) > limit,
            "data": rows[:limit],
        }

    # --- the other side: customers, Stripe's own events ------------------------
    def event(self, type_: str, obj: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            event = {
                "id": f"evt_test_{next(self._ids):06d}",
                "object": "event",
                "api_version": "2025-01-01",
                "created": int(time.time()),
                "livemode": False,
                "type": type_,
                # a snapshot, as Stripe sends it: later changes do not show in it
                "data": {"object": json.loads(json.dumps(self._public(obj)))},
            }
            self.events.append(event)
            return event

    def complete_checkout(
        self,
        session_id: str,
        fee_cents: int | None = None,
        event_type: str = "checkout.session.completed",
    ) -> dict[str, Any]:
        """The customer pays on the Checkout page; returns checkout.session.completed
        (or ``event_type``: ``checkout.session.async_payment_succeeded`` when the
        money of a bank payment arrives later)."""
        with self.lock:
            session = self._get(session_id, "checkout.session")
            amount = session["amount_total"]
            fee = fee_cents if fee_cents is not None else round(amount * 0.015) + 25
            intent = self._new(
                "pi",
                {
                    "object": "payment_intent",
                    "amount": amount,
                    "amount_received": amount,
                    "currency": session["currency"],
                    "status": "succeeded",
                    "transfer_group": session["_intent_data"].get("transfer_group"),
                    "metadata": session["_intent_data"].get("metadata", {}),
                },
            )
            charge = self._new(
                "ch",
                {
                    "object": "charge",
                    "amount": amount,
                    "amount_refunded": 0,
                    "payment_intent": intent["id"],
                    "transfer_group": intent["transfer_group"],
                    "status": "succeeded",
                    "_transferred": 0,
                },
            )
            bt = self._bt("charge", amount, fee, charge["id"])
            charge["balance_transaction"] = bt["id"]
            intent["latest_charge"] = charge["id"]
            session.update(
                status="complete", payment_status="paid", payment_intent=intent["id"]
            )
            return self.event(event_type, session)

    def complete_onboarding(self, account_id: str) -> dict[str, Any]:
        with self.lock:
            account = self._get(account_id, "account")
            account.update(
                details_submitted=True,
                payouts_enabled=True,
                charges_enabled=True,
                capabilities={"transfers": "active"},
            )
            return self.event("account.updated", account)

    def open_dispute(
        self, charge_id: str, fee_cents: int = 1500
    ) -> list[dict[str, Any]]:
        """A chargeback: the bank takes the money back at once, with Stripe's fee."""
        with self.lock:
            charge = self._get(charge_id, "charge")
            dispute = self._new(
                "dp",
                {
                    "object": "dispute",
                    "amount": charge["amount"],
                    "charge": charge_id,
                    "payment_intent": charge["payment_intent"],
                    "status": "needs_response",
                    "balance_transactions": [],
                },
            )
            bt = self._bt("adjustment", -charge["amount"], fee_cents, dispute["id"])
            dispute["balance_transactions"].append(dict(bt))
            return [
                self.event("charge.dispute.created", dispute),
                self.event("charge.dispute.funds_withdrawn", dispute),
            ]

    def close_dispute(self, dispute_id: str, *, won: bool) -> list[dict[str, Any]]:
        with self.lock:
            dispute = self._get(dispute_id, "dispute")
            events = []
            if won:
                bt = self._bt("adjustment", dispute["amount"], 0, dispute_id)
                dispute["balance_transactions"].append(dict(bt))
                events.append(self.event("charge.dispute.funds_reinstated", dispute))
            dispute["status"] = "won" if won else "lost"
            events.append(self.event("charge.dispute.closed", dispute))
            return events

    def add_payout(self, amount_cents: int) -> None:
        """The platform's own payout to its bank (not job money)."""
        with self.lock:
            payout = self._new("po", {"object": "payout", "amount": amount_cents})
            self._bt("payout", -amount_cents, 0, payout["id"])

    def sent(self, path_prefix: str) -> list[Sent]:
        return [r for r in self.requests if r.path.startswith(path_prefix)]


def signed(event: dict[str, Any], secret: str = WEBHOOK_SECRET) -> tuple[str, str]:
    """The event's body and a valid ``Stripe-Signature`` header for it."""
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret)
    return payload, header
