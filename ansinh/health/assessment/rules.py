"""The assessment rules: a code, a label shown to assessors and facilities, and whether it rejects the claim."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core import formats

NO_COVERAGE = "C01"
DUPLICATE = "C02"
OVERLAP = "C03"
BENEFIT = "C04"
TOTALS = "C05"
NOT_LISTED = "L01"
ABOVE_PRICE = "L02"
OVER_QUANTITY = "L03"

LABELS = {
    NO_COVERAGE: _("No valid coverage on the visit dates"),
    DUPLICATE: _("Duplicate of a visit already claimed"),
    OVERLAP: _("Overlaps another inpatient stay of the same person"),
    BENEFIT: _("Benefit level or co-payment recomputed"),
    TOTALS: _("Totals do not match the lines"),
    NOT_LISTED: _("Not in the catalogue"),
    ABOVE_PRICE: _("Priced above the reference price"),
    OVER_QUANTITY: _("Quantity over the limit"),
}
REJECTING = frozenset({NO_COVERAGE, DUPLICATE})

ROUTE_CASES = {
    "emergency": _("emergency"),
    "referred": _("referred (correct route)"),
    "registered": _("at the registered facility"),
    "outside": _("outside the route, self-referred"),
}
CARD_STATUSES = {
    "active": pgettext_lazy("card status", "active"),
    "stopped": _("reported stopped"),
    "revoked": _("revoked"),
}


def describe(rule: str, params: dict, reason: str = "") -> str:
    """What a finding found, in the reader's language, with amounts and dates formatted: built from the figures the
    engine stored (Finding.params); findings stored before those figures were kept fall back to the neutral reason."""
    wording = _WORDING.get(rule)
    if not params or wording is None:
        return reason
    try:
        return wording(params)
    except (KeyError, TypeError, ValueError):
        return reason


def _no_coverage(p: dict) -> str:
    if not p["person"]:
        return str(_("the citizen ID is not in the registry"))
    if p["status"] is None:
        return str(_("no HI card on record"))
    return str(
        _("card %(status)s, valid %(start)s – %(end)s")
        % {
            "status": CARD_STATUSES.get(p["status"], p["status"]),
            "start": formats.day(p["valid_from"]),
            "end": formats.day(p["valid_to"]),
        }
    )


def _benefit(p: dict) -> str:
    return str(
        _(
            "benefit level %(level)s × route share %(route)s (%(case)s): the fund owes %(due)s, the facility "
            "claimed %(claimed)s"
        )
        % {
            "level": formats.percent(p["level_pct"], 0),
            "route": formats.percent(p["route_pct"], 0),
            "case": ROUTE_CASES.get(p["case"], p["case"]),
            "due": formats.money(p["due"]),
            "claimed": formats.money(p["claimed"]),
        }
    )


def _totals(p: dict) -> str:
    return str(
        _(
            "lines add up to %(lines)s; HI total (T_TONGCHI_BH) %(total)s, patient's share (T_BNCCT) %(copay)s, "
            "fund (T_BHTT) %(fund)s"
        )
        % {
            "lines": formats.money(p["lines"]),
            "total": formats.money(p["hi_total"]),
            "copay": formats.money(p["copay"]),
            "fund": formats.money(p["fund"]),
        }
    )


_WORDING = {
    NO_COVERAGE: _no_coverage,
    DUPLICATE: lambda p: str(_("same visit as claim no. %(claim)s") % {"claim": p["claim"]}),
    OVERLAP: lambda p: str(_("the stay overlaps claim no. %(claim)s") % {"claim": p["claim"]}),
    BENEFIT: _benefit,
    TOTALS: _totals,
    NOT_LISTED: lambda p: str(_("code %(code)s is not in the HI catalogue") % {"code": p["code"]}),
    ABOVE_PRICE: lambda p: str(
        _("unit price %(price)s, reference price %(reference)s")
        % {"price": formats.money(p["price"]), "reference": formats.money(p["reference"])}
    ),
    OVER_QUANTITY: lambda p: str(
        _("quantity %(quantity)s, limit %(limit)s")
        % {
            "quantity": formats.number(p["quantity"], 0 if float(p["quantity"]).is_integer() else 2),
            "limit": formats.number(p["limit"]),
        }
    ),
}
