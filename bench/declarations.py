"""Benchmark: read, check and apply one employer's D02-LT workbook of 5,000 rows (I-VAN layout with TK1-TS data
and a household appendix) on a generated province. Prints one JSON object.

    DEBUG=1 .venv/bin/python bench/declarations.py [--people 20000] [--rows 5000] [--repeat 3]

Runs on a fresh database (a temporary SQLite file unless DATABASE_URL is set, which must then point at an
empty scratch database). The file hires new workers (TM, each with nationality, ethnic group, birth
registration place, address, phone, chosen facility and a new household in a commune of the province; every
fifth with a child on the appendix) and changes the pay of, suspends or ends the workers the largest unit
already has (DC, KL, GH). Each run reads and checks the file alone (nothing written) and then submits it
whole (read + check + apply), inside a transaction that is rolled back.
"""

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-declarations-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")

from assess import _timed_and_rolled_back as _timed  # the same rolled-back timing as bench/assess.py

FIRST_NAMES = (
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Võ Thị Giang",
    "Đặng Văn Hải",
)


def _workbook(unit, month: dt.date, rows: int) -> bytes:
    from ansinh.contributions.tests.employer_files import ivan_workbook
    from ansinh.core.ids import make_cccd
    from ansinh.geo.models import Commune

    communes = list(Commune.objects.values_list("code", flat=True))
    current = list(unit.spells.filter(end__isnull=True, start__lt=month).select_related("person")[: rows // 5])
    data, members = [], []
    for n, spell in enumerate(current, start=1):
        code = ("DC", "KL", "GH")[n % 3]
        data.append(
            {
                "STT": n,
                "HoTen": spell.person.full_name,
                "MasoBHXH": spell.person.si_number,
                "PA": code,
                "TuThang": f"{month:%m/%Y}",
                **({"TienLuong": spell.insured_salary + 500_000, "PhuCapLuong": 300_000} if code == "DC" else {}),
            }
        )
    for n in range(len(current) + 1, rows + 1):
        born = dt.date(1975 + n % 30, 1 + n % 12, 1 + n % 28)
        sex = "female" if n % 2 else "male"
        data.append(
            {
                "STT": n,
                "HoTen": FIRST_NAMES[n % len(FIRST_NAMES)],
                "PA": "TM",
                "TuThang": f"{month:%m/%Y}",
                "TienLuong": 6_000_000 + 1000 * (n % 500),
                "PhuCapLuong": "500.000",
                "PhuCapBosung": 200_000,
                "CMND": make_cccd("038", born.year, sex, 900_000 - n),
                "NgaySinh": f"{born:%d/%m/%Y}",
                "GioiTinh": 0 if sex == "female" else 1,
                "QuocTich": "VN",
                "DanToc": "01",
                "TinhKS": "Hà Tĩnh",
                "XaKS": communes[n % len(communes)],
                "DiaChiNN": f"Thôn {n % 9 + 1}",
                "DienThoai": f"09{n:08d}",
                "MaBenhVien": "42001",
                "ChuHoTinh": "Hà Tĩnh",
                "ChuHoXa": communes[n % len(communes)],
                "DiaChiHoKhau": f"Thôn {n % 9 + 1}",
            }
        )
        if n % 5 == 0:
            members.append(
                {
                    "STT": n,
                    "HoTen": "Con " + FIRST_NAMES[n % len(FIRST_NAMES)],
                    "NgaySinh": "01/06/2020",
                    "GioiTinh": 1,
                    "CMND": make_cccd("038", 2020, "male", 800_000 - n),
                    "MoiQuanHe": "Con",
                }
            )
    return ivan_workbook(data, members)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Count

    from ansinh.contributions.declaration_service import _checked, submit
    from ansinh.demo.context import DemoContext
    from ansinh.registry import demo as registry_demo
    from ansinh.registry.models import Employer

    call_command("migrate", verbosity=0)
    today = dt.date.today()
    ctx = DemoContext(people=args.people, seed=args.seed, as_of=today.replace(day=1), verbose=False)
    with transaction.atomic():
        registry_demo.build(ctx)
    unit = Employer.objects.annotate(n=Count("spells")).order_by("-n").first()
    content = _workbook(unit, today.replace(day=1), args.rows)

    check_times, submit_times, outcome = [], [], None
    for _ in range(args.repeat):
        check_times.append(_timed(lambda: _checked(unit, "bench.xlsx", content, today))[0])
        seconds, declaration = _timed(lambda: submit(unit, "bench.xlsx", content, today=today))
        submit_times.append(seconds)
        outcome = (declaration.status, declaration.rows, declaration.changes, declaration.errors[:3])
    check_s, submit_s = statistics.median(check_times), statistics.median(submit_times)
    print(
        json.dumps(
            {
                "benchmark": (
                    "declaration (I-VAN D02-LT workbook with TK1-TS and household appendix): read + check + apply"
                ),
                "database": connection.vendor,
                "people": args.people,
                "file_bytes": len(content),
                "rows": outcome[1],
                "status": outcome[0],
                "changes": outcome[2],
                "first_errors": outcome[3],
                "read_and_check_seconds": round(check_s, 3),
                "read_check_apply_seconds": round(submit_s, 3),
                "rows_per_second": round(outcome[1] / submit_s) if outcome[1] else 0,
                "runs_seconds": [round(s, 3) for s in submit_times],
                "p50_ms": round(submit_s * 1000),
                "p99_ms": round(max(submit_times) * 1000),
                "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
