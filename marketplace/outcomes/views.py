"""The outcome follow-up page and its exports (organisers and site supervisors).

GET only: the filters live in the URL, the figures come from one report whose cells
are already published (disclosure control applied once, ``published``), and the
exports read the same report.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from marketplace.access import permissions
from marketplace.access.outcomes import can_view_outcomes
from marketplace.models import Client
from marketplace.outcomes import charts
from marketplace.outcomes.disclosure import MAX_NOISE
from marketplace.outcomes.exports import XLSX_TYPE, table_csv, tables_xlsx
from marketplace.outcomes.filters import OutcomeFilter
from marketplace.outcomes.report import OutcomeReport, outcome_report
from marketplace.outcomes.scope import outcome_sites_for
from marketplace.outcomes.statistics import MIN_CLIENTS


def _filterset(request: HttpRequest) -> OutcomeFilter:
    if not can_view_outcomes(request.user):
        raise PermissionDenied
    filterset = OutcomeFilter(
        request.GET or None, queryset=outcome_sites_for(request.user)
    )
    if filterset.is_bound and not filterset.is_valid():
        if filterset.names_unknown_object():
            raise Http404  # a site, organisation or municipality the user may not see
    return filterset


def _valid(filterset: OutcomeFilter) -> bool:
    return not filterset.is_bound or filterset.is_valid()


def scope_lines(
    request: HttpRequest, filterset: OutcomeFilter
) -> list[tuple[str, str]]:
    """What the figures describe, for the page and the first lines of an export."""
    scope = filterset.scope()
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    user = request.user
    lines = [(_("Period"), str(scope.window))]
    if permissions.is_organiser(user) and user.organisation:
        lines.append((_("Region"), str(user.organisation.region)))
    elif not permissions.is_platform_admin(user) and user.organisation:
        lines.append((_("Organisation"), user.organisation.name))
    for key, label in (
        ("municipality", _("Municipality")),
        ("organisation", _("Organisation")),
        ("site", _("Site")),
    ):
        lines.append((label, str(data.get(key) or _("all"))))
    service = data.get("service")
    service_label = Client.Service(service).label if service else _("both")
    lines.append((_("Service"), str(service_label)))
    lines.append(
        (
            _("Small numbers"),
            _(
                "every figure is changed slightly at random, by at most %(noise)s, "
                "always the same way for the same clients; fewer than %(n)s clients "
                "are shown as “< %(n)s”"
            )
            % {"n": MIN_CLIENTS, "noise": MAX_NOISE},
        )
    )
    return lines


def _charts(report: OutcomeReport) -> dict[str, Any]:
    return {
        "exit_chart": charts.exit_chart(
            report.exit_bars,
            chart_id="chart-exits",
            title=_("Ended periods by exit reason"),
        ),
        "share_chart": charts.share_chart(
            report.share_points,
            report.overall_rate,
            chart_id="chart-share",
            title=report.buckets.title,
        ),
        "rate_chart": charts.rate_chart(
            report.site_rates,
            report.overall_rate,
            hidden=len(report.sites.rows) - len(report.site_rates),
            chart_id="chart-sites",
            title=_("Share moving on by site"),
        ),
    }


@login_required
@require_GET
def outcomes(request: HttpRequest) -> HttpResponse:
    filterset = _filterset(request)
    context: dict[str, Any] = {"filterset": filterset, "report": None}
    if _valid(filterset):
        report = outcome_report(filterset.scope())
        context.update(
            report=report,
            scope_lines=scope_lines(request, filterset),
            querystring=request.GET.urlencode(),
            **_charts(report),
        )
    return render(request, "marketplace/outcomes/page.html", context)


def _filename(report: OutcomeReport, slug: str, ext: str) -> str:
    w = report.scope.window
    return f"polku-{slug}-{w.start:%Y%m%d}-{w.end:%Y%m%d}.{ext}"


@login_required
@require_GET
def outcomes_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """One table as CSV or Excel, or every table as one Excel workbook ("all")."""
    filterset = _filterset(request)
    if not _valid(filterset):
        return HttpResponseBadRequest(_("The filters are not valid."))
    report = outcome_report(filterset.scope())
    lines = scope_lines(request, filterset)
    tables = report.tables() if table == "all" else [report.table(table)]
    if None in tables or (fmt == "csv" and table == "all"):
        raise Http404
    if fmt == "csv":
        response = HttpResponse(
            table_csv(tables[0], lines), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(tables_xlsx(tables, lines), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=_filename(report, table, fmt)
    )
    return response
