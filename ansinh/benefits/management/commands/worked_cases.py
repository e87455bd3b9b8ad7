"""Print the worked-case table: id, kind, article, expected, computed, agree (CSV)."""

import csv
import json
import sys

from django.core.management.base import BaseCommand

from ansinh.benefits.worked_cases import cases, computed


class Command(BaseCommand):
    help = "Run the worked cases of the benefits law and print expected against computed (CSV on stdout)."

    def handle(self, *args, **options):
        writer = csv.writer(sys.stdout)
        writer.writerow(["id", "kind", "article", "input", "expected", "computed", "agree"])
        agree = 0
        rows = cases()
        for case in rows:
            got = computed(case)
            same = got == case["expect"]
            agree += same
            writer.writerow(
                [
                    case["id"],
                    case["kind"],
                    case["article"],
                    json.dumps(case["input"], ensure_ascii=False),
                    json.dumps(case["expect"], ensure_ascii=False),
                    json.dumps(got, ensure_ascii=False),
                    "yes" if same else "NO",
                ]
            )
        self.stderr.write(f"{agree} of {len(rows)} worked cases agree")
