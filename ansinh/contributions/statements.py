"""What goes back to the employer in the agency's forms: the unit's current D02-LT (its insured workers and
their pay parts now) and a monthly statement of contributions in the manner of form C12-TS (carried in,
due for the month, adjustments of earlier months, late-payment interest, paid, carried out; per fund),
as XLSX or PDF. Read models only: nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from fpdf import FPDF

from ansinh.contributions import declaration_forms as forms
from ansinh.contributions.models import Adjustment, Allocation, AssessmentLine, Fund, Receivable
from ansinh.contributions.rules import vnd
from ansinh.core.periods import Period
from ansinh.core.text import spreadsheet_safe
from ansinh.registry.models import EmploymentSpell

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core (installed by the Makefile)
FUNDS = [f.value for f in Fund]
# Short headings of the 27 columns for the PDF; the XLSX carries the form's full three-row header.
D02_SHORT = (
    "STT",
    "Họ và tên",
    "Mã số BHXH",
    "Ngày sinh",
    "Giới tính",
    "CCCD",
    "Chức danh",
    "QL",
    "CMKT cao",
    "CMKT trung",
    "Khác",
    "Hệ số/ Mức lương",
    "PC CV",
    "TNVK %",
    "TN nghề %",
    "PC lương",
    "Bổ sung",
    "NNĐH từ",
    "NNĐH đến",
    "HĐ KXĐ",
    "HĐ XĐ từ",
    "HĐ XĐ đến",
    "HĐ khác từ",
    "HĐ khác đến",
    "Bắt đầu đóng",
    "Kết thúc đóng",
    "Ghi chú",
)
D02_WIDTHS = (8, 38, 20, 17, 11, 24, 30, 7, 7, 7, 7, 18, 12, 10, 10, 16, 16, 15, 15, 15, 15, 15, 15, 15, 14, 14, 20)


def current_spells(employer) -> list:
    return list(
        EmploymentSpell.objects.filter(employer=employer, end__isnull=True)
        .select_related("person")
        .order_by("person__full_name", "id")
    )


def d02lt_xlsx(employer, today: dt.date) -> bytes:
    return forms.d02lt_workbook(employer, forms.d02_rows(current_spells(employer)), today)


def _pdf(orientation: str, page: str) -> FPDF:
    pdf = FPDF(orientation=orientation, format=page)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    return pdf


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if value < 100 else vnd(int(value))
    if isinstance(value, int) and value >= 1000:
        return vnd(value)
    return str(value)


def d02lt_pdf(employer, today: dt.date) -> bytes:
    pdf = _pdf("L", "A3")
    pdf.set_font("DejaVu", "", 9)
    for line in (f"Tên đơn vị: {employer.name}", f"Mã đơn vị: {employer.unit_code}    Mã số thuế: {employer.tax_code}"):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(
        0,
        9,
        "DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT, BHTN, BHTNLĐ, BNN (Mẫu D02-LT)",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("DejaVu", "", 8)
    pdf.cell(0, 5, f"{today:%d/%m/%Y}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 6)
    for width, title in zip(D02_WIDTHS, D02_SHORT, strict=False):
        pdf.cell(width, 6, title, border=1, align="C")
    pdf.ln()
    for width, number in zip(D02_WIDTHS, range(1, 28), strict=False):
        pdf.cell(width, 4, f"({number})", border=1, align="C")
    pdf.ln()
    pdf.set_font("DejaVu", "", 6)
    for row in forms.d02_rows(current_spells(employer)):
        for width, value in zip(D02_WIDTHS, row, strict=False):
            pdf.cell(width, 5, _cell_text(value)[:34], border=1)
        pdf.ln()
    return bytes(pdf.output())


def monthly_statement(employer, period: Period) -> dict:
    """The month's account per fund, the workers' lines and the adjustments billed with it."""
    bills = {r.fund: r for r in Receivable.objects.filter(payer_code=employer.unit_code, period=str(period))}
    adjusted = (
        Adjustment.objects.filter(employer=employer, billed_period=str(period))
        .select_related("person")
        .order_by("period", "id")
    )
    by_fund = {fund: 0 for fund in FUNDS}
    for adjustment in adjusted:
        for key, amount in adjustment.shares.items():
            by_fund[key.split(".")[1]] += amount
    earlier = Receivable.objects.filter(payer_code=employer.unit_code, period__lt=str(period))
    paid_before = Allocation.objects.filter(receivable__in=earlier, allocated_on__lt=period.first_day)
    paid_in_month = Allocation.objects.filter(
        receivable__payer_code=employer.unit_code, allocated_on__gte=period.first_day, allocated_on__lte=period.last_day
    )
    carried = _by_fund(earlier, "amount")
    for fund, amount in _by_fund(paid_before, "amount", "receivable__fund").items():
        carried[fund] -= amount
    paid = _by_fund(paid_in_month, "amount", "receivable__fund")
    rows = []
    for fund in FUNDS:
        total = bills[fund].amount if fund in bills else 0
        adjustment = by_fund[fund] if fund != "late_interest" else 0
        rows.append(
            {
                "fund": fund,
                "label": Fund(fund).label,
                "carried_in": carried[fund],
                "due": total - adjustment,
                "adjusted": adjustment,
                "paid": paid[fund],
                "carried_out": carried[fund] + total - paid[fund],
            }
        )
    lines = (
        AssessmentLine.objects.filter(payer_code=employer.unit_code, period=str(period))
        .select_related("person")
        .order_by("person__full_name")
    )
    totals = {key: sum(r[key] for r in rows) for key in ("carried_in", "due", "adjusted", "paid", "carried_out")}
    return {
        "employer": employer,
        "period": period,
        "rows": rows,
        "totals": totals,
        "lines": list(lines),
        "adjustments": list(adjusted),
        "headcount": max((b.headcount for b in bills.values()), default=0),
        "billed": bool(bills),
    }


def _by_fund(queryset, field: str, fund_field: str = "fund") -> dict:
    found = {fund: 0 for fund in FUNDS}
    for row in queryset.values(fund_field).annotate(total=Sum(field)):
        found[row[fund_field]] = int(row["total"] or 0)
    return found


HEADINGS = (
    gettext_noop("Fund"),
    gettext_noop("Carried in"),
    gettext_noop("Due for the month"),
    gettext_noop("Adjustments of earlier months"),
    gettext_noop("Paid in the month"),
    gettext_noop("Carried out"),
)


def statement_xlsx(statement: dict) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "C12-TS"
    employer, period = statement["employer"], statement["period"]
    for text in (
        spreadsheet_safe(f"Tên đơn vị: {employer.name}"),
        f"Mã đơn vị: {employer.unit_code}",
        _("Contributions statement (in the manner of form C12-TS), month %(m)s")
        % {"m": f"{period.month:02d}/{period.year}"},
        _("Workers: %(n)s") % {"n": statement["headcount"]},
        "",
    ):
        sheet.append([text])
    sheet.append([_(h) for h in HEADINGS])
    for row in statement["rows"]:
        sheet.append(
            [str(row["label"]), row["carried_in"], row["due"], row["adjusted"], row["paid"], row["carried_out"]]
        )
    totals = statement["totals"]
    sheet.append(
        [_("Total"), totals["carried_in"], totals["due"], totals["adjusted"], totals["paid"], totals["carried_out"]]
    )
    workers = book.create_sheet(_("Workers"))
    workers.append(
        [_("Full name"), _("SI number"), _("Contribution basis (đồng)"), _("Employee (đồng)"), _("Employer (đồng)")]
    )
    for line in statement["lines"]:
        workers.append(
            [
                spreadsheet_safe(line.person.full_name),
                line.person.si_number,
                line.salary,
                line.employee_amount,
                line.employer_amount,
            ]
        )
    changes = book.create_sheet(_("Adjustments"))
    changes.append(
        [
            _("Month adjusted"),
            _("Full name"),
            _("SI number"),
            _("Plan"),
            _("Employer (đồng)"),
            _("Employee (đồng)"),
            _("Interest (đồng)"),
        ]
    )
    for a in statement["adjustments"]:
        changes.append(
            [
                a.period,
                spreadsheet_safe(a.person.full_name),
                a.person.si_number,
                a.code,
                a.employer_amount,
                a.employee_amount,
                a.interest,
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def statement_pdf(statement: dict) -> bytes:
    pdf = _pdf("P", "A4")
    employer, period = statement["employer"], statement["period"]
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(
        0,
        8,
        _("Contributions statement (in the manner of form C12-TS), month %(m)s")
        % {"m": f"{period.month:02d}/{period.year}"},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("DejaVu", "", 9)
    for text in (f"{employer.unit_code} {employer.name}", _("Workers: %(n)s") % {"n": statement["headcount"]}):
        pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    widths = (50, 26, 28, 30, 28, 28)
    pdf.set_font("DejaVu", "B", 7)
    for width, title in zip(widths, HEADINGS, strict=False):
        pdf.cell(width, 7, _(title), border=1)
    pdf.ln()
    pdf.set_font("DejaVu", "", 7)
    for row in [*statement["rows"], {"label": _("Total"), **statement["totals"]}]:
        values = (
            str(row["label"])[:34],
            *(vnd(row[k]) for k in ("carried_in", "due", "adjusted", "paid", "carried_out")),
        )
        for width, value in zip(widths, values, strict=False):
            pdf.cell(width, 6, value, border=1, align="L" if width == 50 else "R")
        pdf.ln()
    if statement["adjustments"]:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 8)
        pdf.cell(0, 6, _("Adjustments of earlier months"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 7)
        for a in statement["adjustments"]:
            pdf.cell(
                0,
                5,
                f"{a.period}  {a.person.full_name}  {a.person.si_number}  {a.code}  {vnd(a.amount)}  "
                f"{_('interest')} {vnd(a.interest)}",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    return bytes(pdf.output())
