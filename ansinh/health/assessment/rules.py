"""The assessment rules: a code, a label shown to assessors and facilities, and whether it rejects the claim."""
from django.utils.translation import gettext_lazy as _

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
