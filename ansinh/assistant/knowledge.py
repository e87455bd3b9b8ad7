"""The knowledge base: seed passages shipped as TOML files, and their placeholders filled from the law.

A placeholder is `{expr}` where expr multiplies factors: parameter keys of the policy store (a dotted tail
picks an entry of a table or list parameter, e.g. voluntary.support_pct.poor or family_hi.ladder.1) or
plain numbers. Percent parameters, entries of tables whose key ends in _pct and entries named pct or
…_pct count as fractions in a product; entries named …amount… or …per_month are money. The result is written as
money when a factor is in đồng, else as a percent or a number.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.utils import timezone

from ansinh.policy.rules import ParamSet

SEED_DIR = Path(__file__).parent / "knowledge"
FIELDS = ("pid", "topic", "source", "title_vi", "title_en", "text_vi", "text_en", "keywords", "asks_vi", "asks_en")
ASK_FIELDS = ("asks_vi", "asks_en")
TEXT_FIELDS = ("title_vi", "title_en", "text_vi", "text_en")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


class PlaceholderError(ValueError):
    """A passage names a parameter the store does not have (or a malformed expression)."""

    def __init__(self, pid: str, expr: str, reason: str):
        self.pid, self.expr, self.reason = pid, expr, reason
        super().__init__(f"Passage '{pid}': placeholder {{{expr}}}: {reason}")


@dataclass(frozen=True)
class Value:
    amount: Decimal
    kind: str  # "money" | "percent" | "number"


def read_seed() -> list[dict]:
    """Every passage in the shipped TOML files, in file order, with its id checked for duplicates."""
    rows, seen = [], set()
    for path in sorted(SEED_DIR.glob("[0-9]*.toml")):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("passage", []):
            row = {"pid": entry["id"], **{f: _seed_value(entry.get(f, "")) for f in FIELDS[1:]}}
            if row["pid"] in seen:
                raise ValueError(f"{path.name}: passage id '{row['pid']}' appears twice")
            seen.add(row["pid"])
            rows.append(row)
    return rows


def _seed_value(value: str | list[str]) -> str:
    """asks_vi / asks_en are TOML arrays in the files and one question a line in the database."""
    return "\n".join(q.strip() for q in value if q.strip()) if isinstance(value, list) else value.strip()


def asks(text: str) -> list[str]:
    """The questions of an asks field (one a line), blank lines dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _factor(params: ParamSet, name: str) -> Value:
    if _NUMBER.match(name):
        return Value(Decimal(name), "number")
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        key = ".".join(parts[:cut])
        if params.has(key):
            return _pick(params, key, parts[cut:])
    raise KeyError(f"no parameter '{name}' is in force on {params.on.isoformat()}")


def _pick(params: ParamSet, key: str, tail: list[str]) -> Value:
    version = params.version(key)
    value = version.value
    for step in tail:
        value = value[int(step)] if isinstance(value, list) else value[step]
    if isinstance(value, (dict, list)):
        raise KeyError(f"'{key}' is a table: name one entry, e.g. {key}.<entry>")
    entry = tail[-1] if tail else ""
    percent = (
        version.unit == "percent"
        or key.endswith("_pct")
        or entry == "pct"
        or entry.endswith("_pct")
        or entry.startswith("pct_")
    )
    money = version.unit == "dong" or "amount" in entry or entry.endswith("per_month")
    kind = "money" if money else "percent" if percent else "number"
    return Value(Decimal(str(value)), kind)


def evaluate(params: ParamSet, expr: str) -> Value:
    factors = [_factor(params, part.strip()) for part in expr.split("*")]
    if len(factors) == 1:
        return factors[0]
    product = Decimal(1)
    for f in factors:
        product *= f.amount / 100 if f.kind == "percent" else f.amount
    kinds = {f.kind for f in factors}
    return Value(product, "money" if "money" in kinds else "number")


def format_value(value: Value, lang: str) -> str:
    if value.kind == "money":
        whole = int(value.amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return f"{whole:,}".replace(",", ".") + " đồng" if lang == "vi" else f"VND {whole:,}"
    text = format(value.amount.normalize(), "f")
    if lang == "vi":
        text = text.replace(".", ",")
    return text + "%" if value.kind == "percent" else text


def render(pid: str, template: str, params: ParamSet, lang: str) -> str:
    def substitute(match: re.Match) -> str:
        try:
            return format_value(evaluate(params, match.group(1)), lang)
        except (KeyError, IndexError, ValueError, ArithmeticError) as exc:
            raise PlaceholderError(pid, match.group(1), str(exc).strip("'\"")) from None

    return _PLACEHOLDER.sub(substitute, template)


def render_passage(row: dict, params: ParamSet) -> dict:
    """A passage dict with its titles and texts filled in."""
    filled = dict(row)
    for name in TEXT_FIELDS:
        filled[name] = render(row["pid"], row[name], params, name[-2:])
    return filled


def check_passage(passage) -> None:
    """Model validation: every placeholder must resolve against the law in force today."""

    from django.core.exceptions import ValidationError

    from ansinh.policy.services import params_on

    params = params_on(timezone.localdate())
    errors = {}
    for name in TEXT_FIELDS:
        try:
            render(passage.pid or "?", getattr(passage, name), params, name[-2:])
        except PlaceholderError as exc:
            errors[name] = str(exc)
    if errors:
        raise ValidationError(errors)
