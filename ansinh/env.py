"""Reading settings from the environment (12-factor), healthchecks-style."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def env(name: str, default: str = "") -> str:
    """A string setting; NAME_FILE, when set, names a file holding the value (for secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting; a value that is neither stops the start (a typo must not silently mean "off")."""
    raw = env(name, "").strip().lower()
    if raw == "":
        return default
    if raw not in _TRUE | _FALSE:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value (use one of {sorted(_TRUE | _FALSE)})")
    return raw in _TRUE


def env_int(name: str, default: int) -> int:
    raw = env(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]
