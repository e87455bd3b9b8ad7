"""JSON over HTTP to the outside services (requests, with a time limit on every call)."""

from __future__ import annotations

import requests

MAX_REPLY_BYTES = 5 * 1024 * 1024


class ServiceError(Exception):
    """The outside service could not be reached or refused the call; `code` says which (for the log)."""

    def __init__(self, code: str, detail: str, http_status: int | None = None):
        super().__init__(f"{code}: {detail}")
        self.code, self.detail, self.http_status = code, detail[:300], http_status


def post_json(http: requests.Session, url: str, body: dict, timeout: float, headers: dict | None = None) -> dict:
    """POST a JSON body, return the JSON reply; any transport error or non-JSON answer is a ServiceError."""
    try:
        response = http.post(url, json=body, timeout=timeout, headers=headers or {})
    except requests.RequestException as exc:
        raise ServiceError("unreachable", f"{type(exc).__name__}: {exc}") from None
    if len(response.content) > MAX_REPLY_BYTES:
        raise ServiceError("too_large", f"reply of {len(response.content)} bytes", response.status_code)
    if response.status_code >= 400:
        raise ServiceError(f"http_{response.status_code}", response.text[:200], response.status_code)
    try:
        data = response.json()
    except ValueError:
        raise ServiceError("not_json", response.text[:200], response.status_code) from None
    if not isinstance(data, dict):
        raise ServiceError("not_json", "the reply is not a JSON object", response.status_code)
    return data


def get_bytes(http: requests.Session, url: str, timeout: float, limit: int) -> bytes:
    """Download a file of at most `limit` bytes (read in chunks, so a huge file is refused early)."""
    try:
        with http.get(url, timeout=timeout, stream=True) as response:
            if response.status_code >= 400:
                raise ServiceError(f"http_{response.status_code}", url[:200], response.status_code)
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise ServiceError("too_large", f"{url[:150]} is over {limit} bytes")
                chunks.append(chunk)
            return b"".join(chunks)
    except requests.RequestException as exc:
        raise ServiceError("unreachable", f"{type(exc).__name__}: {exc}") from None
