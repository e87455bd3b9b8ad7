"""The declaration templates an employer downloads: An Sinh's simple template (CSV or XLSX), the I-VAN style
import workbook (sheets 'Dữ Liệu' and 'Phụ lục') and the blank printed form D02-LT."""

from __future__ import annotations

from django.utils import timezone

from ansinh.contributions import declaration_forms as forms

FORMATS = {
    "csv": "mau-khai-bao-lao-dong.csv",
    "xlsx": "mau-khai-bao-lao-dong.xlsx",
    "ivan.xlsx": "mau-d02-lt-tk1-ts-ivan.xlsx",
    "d02lt.xlsx": "mau-d02-lt.xlsx",
}


def template(fmt: str, employer=None) -> tuple[bytes, str]:
    if fmt in ("csv", "xlsx"):
        return forms.simple_template(fmt)
    if fmt == "ivan.xlsx":
        return forms.ivan_template()
    if fmt == "d02lt.xlsx" and employer is not None:
        return forms.d02lt_workbook(employer, [], timezone.localdate()), forms.XLSX
    raise KeyError(fmt)
