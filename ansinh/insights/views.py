"""Dashboard pages for managers and administrators; thin over ansinh.insights.services."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render

from ansinh.core import nav
from ansinh.core.errors import DomainError
from ansinh.core.periods import Period
from ansinh.insights import catalogue, drilldown, exports, report, services
from ansinh.insights.charts import chart_data
from ansinh.insights.models import Kpi

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _choice(request) -> tuple[str, str, str]:
    """(period, area code, KPI code) from the query string; 404 for a month or area that does not exist."""
    try:
        period = services.parse_period(request.GET.get("period"))
        area = services.place(request.GET.get("area"))["code"]
    except DomainError:
        raise Http404 from None
    codes = [k.code for k in catalogue.active_kpis()]
    kpi = request.GET.get("kpi") if request.GET.get("kpi") in codes else (codes[0] if codes else "")
    return period, area, kpi


def _area_options(area_code: str) -> list[dict]:
    """The province, its former districts, and the communes of the selected district (or of the commune's)."""
    everything = services.places()
    chosen = everything[area_code]
    district = chosen["code"] if chosen["level"] == "area" else chosen["parent"] if chosen["level"] == "commune" else ""
    return [p for p in everything.values() if p["level"] in ("province", "area") or p["parent"] == district]


@nav.guard("insights:dashboard")
def dashboard(request):
    period, area, kpi = _choice(request)
    table = services.kpi_table(period, area)
    ranking = services.ranking(period, kpi, area) if kpi else []
    series = services.series(area, period)
    context = {
        "table": table,
        "period": period,
        "area": table["area"],
        "kpi": kpi,
        "ranking": ranking,
        "series": series,
        "kpi_choices": catalogue.active_kpis(),
        "area_options": _area_options(area),
        "drill": drilldown.for_area(period, area),
        "charts": chart_data(table, ranking, series, kpi),
        "previous_period": str(Period.parse(period).plus(-1)),
        "next_period": str(Period.parse(period).plus(1)),
        "query": urlencode({"period": period, "area": area, "kpi": kpi}),
    }
    return render(request, "insights/dashboard.html", context)


@nav.guard("insights:dashboard")
def definitions(request):
    kpis = Kpi.objects.filter(active=True).prefetch_related("targets")
    return render(request, "insights/definitions.html", {"kpis": kpis})


@nav.guard("insights:dashboard")
def export(request, table: str, fmt: str):
    if table not in exports.TABLES or fmt not in CONTENT_TYPES:
        raise Http404
    period, area, kpi = _choice(request)
    title, headers, rows = exports.table(table, period, area, kpi)
    body = exports.to_csv(headers, rows) if fmt == "csv" else exports.to_xlsx(title, headers, rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="kpi-{table}-{area}-{period}.{fmt}"'
    return response


@nav.guard("insights:dashboard")
def report_pdf(request):
    period, area, _kpi = _choice(request)
    response = HttpResponse(report.monthly_report(period, area), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kpi-report-{area}-{period}.pdf"'
    return response
