"""Domain errors: what a use case refuses, field by field. The API answers them with 422 in the same shape as
Ninja's own validation errors, {"detail": [{"loc": ["body", "salary"], "msg": "...", "type": "below_minimum"}]};
pages show them beside their fields (core.page_errors)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldError:
    field: str
    message: str
    code: str = "invalid"
    location: str = "body"
    row: int | None = None

    def as_dict(self) -> dict:
        loc = [self.location] + ([self.row] if self.row is not None else []) + [self.field]
        return {"loc": loc, "msg": self.message, "type": self.code}


@dataclass
class DomainError(Exception):
    errors: list[FieldError] = field(default_factory=list)
    status: int = 422

    @classmethod
    def one(cls, field_name: str, message: str, code: str = "invalid", location: str = "body") -> DomainError:
        return cls([FieldError(field_name, message, code, location)])

    def __str__(self) -> str:
        return "; ".join(f"{e.field}: {e.message}" for e in self.errors)
