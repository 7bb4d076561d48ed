"""The client's own page shows their competence and network plan:
``{% load plan_tags %}{% my_competence %}{% my_network_plan %}`` (the client reads only
their own records, found from the signed-in user). The instructor's client page
shows the same client's competence and the plan's open tasks:
``{% client_competence client %}{% client_network client %}`` (for the client's own
worker only, inside a view that wears ``shows_client_data``: what is shown is added
to the request's reads as the client's competence or network plan, and the view
writes the entries; without those reads nothing is shown)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from marketplace.clients.reads import ClientReads
from marketplace.competence import selectors as competence_selectors
from marketplace.models import AccessLogEntry
from marketplace.network import selectors as network_selectors

register = template.Library()


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "user", None)


def _own_client(context: template.Context) -> Any:
    user = _user(context)
    return getattr(user, "client_record", None) if user else None


def _reads(context: template.Context) -> ClientReads | None:
    reads = getattr(context.get("request"), "client_reads", None)
    return reads if isinstance(reads, ClientReads) else None


def _logged(reads: ClientReads, client: Any, subject: str) -> None:
    reads.add(client, subject=subject, purpose=AccessLogEntry.Purpose.OWN_WORKER)


@register.inclusion_tag("competence/_mine.html", takes_context=True)
def my_competence(context: template.Context) -> dict[str, Any]:
    client = _own_client(context)
    placements = competence_selectors.own_competence(client) if client else []
    return {"placements": placements}


@register.inclusion_tag("network/_mine.html", takes_context=True)
def my_network_plan(context: template.Context) -> dict[str, Any]:
    client = _own_client(context)
    plan = network_selectors.own_plan(client) if client else None
    meetings = list(plan.meetings.all()) if plan else []
    return {"plan": plan, "last": meetings[-1] if meetings else None}


@register.inclusion_tag("competence/_client.html", takes_context=True)
def client_competence(context: template.Context, client: Any) -> dict[str, Any]:
    user, reads = _user(context), _reads(context)
    placements = None
    if user and reads is not None:
        placements = competence_selectors.client_competence(user, client)
        if placements:
            _logged(reads, client, AccessLogEntry.Subject.COMPETENCE)
    return {"placements": placements, "client": client}


@register.inclusion_tag("network/_client.html", takes_context=True)
def client_network(context: template.Context, client: Any) -> dict[str, Any]:
    user, reads = _user(context), _reads(context)
    summary = None
    if user and reads is not None:
        summary = network_selectors.plan_summary(user, client)
        if summary and summary.plan:
            _logged(reads, client, AccessLogEntry.Subject.NETWORK)
    return {
        "summary": summary,
        "client": client,
        "today": timezone.localdate(),
    }
