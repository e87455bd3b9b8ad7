"""The cash list, written set-based by Polars, is exactly what the row-by-row SpreadsheetSafeWriter wrote."""
import io

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansinh.benefits.payroll.send import CASH_COLUMNS, _cash_csv
from ansinh.core.text import SpreadsheetSafeWriter

# Vietnamese letters, look-alikes, marks, spreadsheet formula starts, CSV quoting and a few other scripts.
ALPHABET = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậễệỗộờởỡớợừửữứựỳỷỹýỵ"
                                "ÐðßØæŒ ́̃\t\r\n\",;'=+-@()/?:.0123456789ǄﬁΩ中") + ["\u0300", "\u0323", "\u00a0"])
TEXT = st.text(ALPHABET, max_size=30)


def reference_csv(rows: pl.DataFrame) -> bytes:
    out = io.StringIO()
    writer = SpreadsheetSafeWriter(out)
    writer.writerow(CASH_COLUMNS)
    for r in rows.iter_rows(named=True):
        masked = f"{r['cccd'][:3]}••••••{r['cccd'][-3:]}" if r["cccd"] else ""
        writer.writerow([r["end_to_end_id"], r["si_number"], r["full_name"], masked, r["address"], r["amount"], r["period"], r["kind"]])
    return out.getvalue().encode("utf-8-sig")


ROW = st.fixed_dictionaries({"end_to_end_id": st.from_regex(r"AS[0-9]{1,6}-20260[1-9]-[1-3]", fullmatch=True),
                             "si_number": st.from_regex(r"[0-9]{10}", fullmatch=True), "full_name": TEXT,
                             "cccd": st.sampled_from(["", "042186002959", "12", "0421"]), "address": TEXT,
                             "amount": st.integers(0, 10**12), "period": st.just("2026-02"), "kind": st.sampled_from(["pension", "=survivor"])})


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=8))
def test_the_cash_list_is_what_the_spreadsheet_safe_csv_writer_writes(rows):
    frame = pl.DataFrame(rows, schema={"end_to_end_id": pl.String, "si_number": pl.String, "full_name": pl.String, "cccd": pl.String,
                                       "address": pl.String, "amount": pl.Int64, "period": pl.String, "kind": pl.String})
    assert _cash_csv(frame) == reference_csv(frame)
