"""The navigation menu. Each app registers its entries in AppConfig.ready(); the menu shows what the
user's role may open."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    roles: frozenset | None = None  # None: every logged-in user
    order: int = 50
    kwargs: dict = field(default_factory=dict, compare=False, hash=False)


_items: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    if item.roles is not None:
        item = NavItem(item.key, item.label, item.url_name, frozenset(item.roles), item.order, item.kwargs)
    _items[item.key] = item


def items_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    visible = []
    for item in sorted(_items.values(), key=lambda i: (i.order, i.key)):
        if item.roles is not None and not user.has_role(*item.roles):
            continue
        try:
            url = reverse(item.url_name, kwargs=item.kwargs or None)
        except NoReverseMatch:
            continue
        visible.append({"key": item.key, "label": item.label, "url": url})
    return visible
