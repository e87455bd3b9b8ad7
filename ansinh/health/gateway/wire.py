"""The gateway's wire format: how hospital software sends its fields, and the typed schemas they are read into.

Hospital software built against the gateway sends the same fields in several ways, all of which the gateway
accepts: form-encoded or JSON bodies, query-string parameters (the session token of the card check), headers (the
session token of file uploads), and field names in any letter case (`Username`, `username`). Everything is merged
into one mapping, renamed to the schema's spelling, and validated by the schema; nothing is read by hand.
"""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ValidationError

MAX_CHECK_BODY = 64 * 1024  # a card check is a few hundred bytes; a larger body is refused unread


class WireError(Exception):
    """The request cannot be read: answered with the gateway's code 205 and the reasons."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))


def _scalar(value) -> str:
    if isinstance(value, (dict, list)):
        raise WireError(["a field holds an object or a list where a value is expected"])
    return "" if value is None else str(value)


def _json(body: bytes) -> dict:
    text = body.decode("utf-8-sig", errors="strict")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        if '"' in text:
            raise WireError(["the body is not valid JSON"]) from None
        try:  # some software writes JSON with single quotes, which the gateway's own parser tolerates
            data = json.loads(text.replace("'", '"'))
        except json.JSONDecodeError:
            raise WireError(["the body is not valid JSON"]) from None
    if not isinstance(data, dict):
        raise WireError(["the JSON body must be an object"])
    return data


def fields(request, max_body: int | None = MAX_CHECK_BODY) -> dict[str, str]:
    """Query parameters, then the body's fields (JSON or form), keys lower-cased; the body wins."""
    if max_body is not None and len(request.body) > max_body:
        raise WireError([f"the request body is larger than {max_body} bytes"])
    merged = {key.lower(): value for key, value in request.GET.items()}
    body = request.body.strip()
    if request.content_type == "application/json" or body.startswith(b"{"):
        try:
            merged.update({key.lower(): _scalar(value) for key, value in _json(body).items()})
        except UnicodeDecodeError:
            raise WireError(["the body is not UTF-8 text"]) from None
    else:
        merged.update({key.lower(): value for key, value in request.POST.items()})
    return merged


def read(schema: type[Schema], values: dict[str, str]) -> Schema:
    """`values` (lower-case keys) validated by `schema`, whose fields carry the gateway's spelling as aliases."""
    spelled = {(f.alias or name).lower(): (f.alias or name) for name, f in schema.model_fields.items()}
    try:
        return schema.model_validate({spelled[key]: value for key, value in values.items() if key in spelled})
    except ValidationError as exc:
        raise WireError([f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]) from None


class TokenTakeIn(Schema):
    username: str = Field(min_length=1, max_length=50)
    password: str = Field(
        min_length=1, max_length=64, description="MD5 of the password, hex (upper case as the gateway asks)"
    )


class CardCheckIn(Schema):
    """KQNhanLichSuKCB2024 (and the earlier forms): who the patient is and who checks."""

    ma_the: str = Field(
        alias="maThe", min_length=1, max_length=20, description="Card code, 10-digit SI number or 12-digit CCCD"
    )
    ho_ten: str = Field(alias="hoTen", min_length=1, max_length=100)
    ngay_sinh: str = Field(alias="ngaySinh", min_length=4, max_length=10, description="dd/mm/yyyy, or yyyy alone")
    ho_ten_cb: str = Field("", alias="hoTenCb", max_length=100, description="The receptionist's full name")
    cccd_cb: str = Field("", alias="cccdCb", max_length=12, description="The receptionist's CCCD")
    ngay_bd: str = Field("", alias="ngayBD", max_length=10, description="2018 form: visits from (dd/mm/yyyy)")
    ngay_kt: str = Field("", alias="ngayKT", max_length=10, description="2018 form: visits until (dd/mm/yyyy)")


class FileIn(Schema):
    """checkInKcbQd4750 and guiHoSoXmlQD4750: the file and the facility it is sent for."""

    username: str = Field("", max_length=50)
    loai_ho_so: str = Field("", alias="loaiHoSo", max_length=10)
    ma_tinh: str = Field("", alias="maTinh", max_length=3)
    ma_cskcb: str = Field("", alias="maCSKCB", max_length=5)
    file_hs_base64: str = Field("", alias="fileHSBase64", description="The XML file in base64")


def day_month_year(value: dt.date | None) -> str | None:
    return f"{value:%d/%m/%Y}" if value else None


def minute(value: dt.datetime | None) -> str | None:
    """yyyyMMddHHmm in local time (the gateway's timestamps)."""
    return f"{timezone.localtime(value):%Y%m%d%H%M}" if value else None


def second(value: dt.datetime) -> str:
    return f"{timezone.localtime(value):%Y%m%d%H%M%S}"


def utc_expiry(value: dt.datetime) -> str:
    """The token's expiry as the gateway writes it: UTC, always with a fraction of a second (software parses it)."""
    utc = value.astimezone(dt.UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond:06d}0Z"


def parse_day(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date() if value.strip() else None
    except ValueError:
        raise WireError([f"not a date dd/mm/yyyy: {value!r}"]) from None
