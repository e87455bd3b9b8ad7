"""Who may open which page: one table. The menu is drawn from it and the views are guarded by it
(`@nav.guard("app:url_name")`), so a menu entry can never lead to a refusal.

Each page is (url name, roles, menu label, menu group). The pages reached from a list (a case, a download)
are guarded by the list's entry; a page without a label is guarded but not in the menu, for an action or a
record's page whose roles differ from its list's."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.roles import EVERYONE, STAFF_ROLES, Role, effective_role

CITIZEN = frozenset({Role.CITIZEN})
EMPLOYER = frozenset({Role.EMPLOYER})
PEOPLE = CITIZEN | EMPLOYER
ADMIN = frozenset({Role.ADMINISTRATOR})
MANAGERS = frozenset({Role.MANAGER}) | ADMIN
COLLECTION = frozenset({Role.COLLECTION_OFFICER}) | MANAGERS
BENEFITS = frozenset({Role.BENEFITS_OFFICER}) | MANAGERS
ASSESSORS = frozenset({Role.HI_ASSESSOR}) | MANAGERS
DESK = frozenset({Role.SERVICE_DESK})
LINKAGE = frozenset({Role.COLLECTION_OFFICER, Role.SERVICE_DESK}) | MANAGERS
ASSISTANT_REVIEW = DESK | MANAGERS
CASE_HANDLERS = STAFF_ROLES - {Role.MANAGER}

# Menu groups keep a menu one line wide on a desktop; on a phone they open as sections.
GROUPS = {
    "registry": pgettext_lazy("menu group", "Registry"),
    "contributions": pgettext_lazy("menu group", "Contributions"),
    "benefits": pgettext_lazy("menu group", "Benefits"),
    "health": pgettext_lazy("menu group", "Health insurance"),
    "services": pgettext_lazy("menu group", "Dossiers"),
    "oversight": pgettext_lazy("menu group", "Oversight"),
    "more": pgettext_lazy("menu group", "More"),
}


@dataclass(frozen=True)
class Page:
    url_name: str
    roles: frozenset
    label: str = ""
    group: str = ""


PAGES: tuple[Page, ...] = (
    Page("home", EVERYONE, _("Home")),
    # citizens: the everyday pages on the bar, the rest in groups, so the menu stays one line at 1366 px
    Page("portal:home", CITIZEN, _("My insurance")),
    Page("portal:history", CITIZEN, _("SI history")),
    Page("benefits:me", CITIZEN, _("My benefits"), "benefits"),
    Page("benefits:job_search", CITIZEN, _("Job-search report"), "benefits"),
    Page("portal:dossiers", CITIZEN, _("My dossiers"), "services"),
    # employers
    Page("contributions:employer", EMPLOYER, _("My unit")),
    # citizens and employers (a group member follows the group's other members, so the menu keeps the table's order)
    Page("services:catalogue", PEOPLE, _("File a dossier"), "services"),
    Page("feedback:mine", PEOPLE, _("Questions and complaints"), "services"),
    Page("portal:inbox", CITIZEN, _("Notifications")),
    Page("portal:household", CITIZEN, _("Household cards"), "more"),
    Page("portal:payments", CITIZEN, _("My contributions"), "more"),
    Page("portal:account", CITIZEN, _("My account"), "more"),
    # machine clients
    Page("health:facility", frozenset({Role.FACILITY}), _("Claims and eligibility")),
    # staff
    Page("insights:dashboard", MANAGERS, _("Dashboard"), "oversight"),
    Page("assistant:feedback", ASSISTANT_REVIEW, _("Assistant feedback"), "oversight"),
    Page("admin:index", ADMIN, _("System administration"), "oversight"),
    Page("registry:people", STAFF_ROLES, _("People"), "registry"),
    Page("registry:employers", STAFF_ROLES, _("Employer units"), "registry"),
    Page("linkage:queue", LINKAGE, _("Population data sync"), "registry"),
    Page("linkage:bulk_accept", MANAGERS),
    Page("contributions:arrears", COLLECTION, _("Arrears"), "contributions"),
    Page("contributions:suspense", COLLECTION, _("Unmatched payments"), "contributions"),
    Page("contributions:statements", COLLECTION, _("Bank statements"), "contributions"),
    Page("outreach:home", COLLECTION, _("Outreach"), "contributions"),
    Page("benefits:cases", BENEFITS, _("Benefit cases"), "benefits"),
    Page("benefits:runs", BENEFITS, _("Payroll"), "benefits"),
    Page("health:queue", ASSESSORS, _("Claims to review"), "health"),
    Page("health:submission", ASSESSORS | {Role.FACILITY}),
    Page("health:monitoring", ASSESSORS, _("HI cost monitoring"), "health"),
    Page("health:lookups", ASSESSORS, _("Coverage look-ups"), "health"),
    Page("services:queue", CASE_HANDLERS, _("Dossier queue"), "services"),
    Page("services:walk_in", DESK, _("Walk-in dossier"), "services"),
    Page("feedback:queue", STAFF_ROLES, _("Feedback queue"), "services"),
)
_BY_NAME = {page.url_name: page for page in PAGES}


def page(url_name: str) -> Page:
    return _BY_NAME[url_name]


def may_open(user, url_name: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return effective_role(user) in _BY_NAME[url_name].roles


def guard(url_name: str):
    """Login required, then the roles of `url_name` in PAGES; anyone else gets the 403 page."""
    if url_name not in _BY_NAME:
        raise LookupError(f"{url_name} is not in ansinh.core.nav.PAGES")

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not may_open(request.user, url_name):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(guarded)

    return decorate


def menu_pages(user) -> list[Page]:
    return [item for item in PAGES if item.label and may_open(user, item.url_name)]


def menu_for(user, current_path: str) -> list[dict]:
    """Top-level entries and groups in table order; exactly one entry (the longest matching URL) is active."""
    entries = []
    for item in menu_pages(user):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"key": item.url_name, "label": item.label, "url": url, "group": item.group, "active": False})
    matching = [
        e for e in entries if current_path == e["url"] or (e["url"] != "/" and current_path.startswith(e["url"]))
    ]
    if matching:
        max(matching, key=lambda e: len(e["url"]))["active"] = True
    return _grouped(entries)


def _grouped(entries: list[dict]) -> list[dict]:
    menu, groups = [], {}
    for entry in entries:
        if not entry["group"]:
            menu.append(entry)
            continue
        if entry["group"] not in groups:
            groups[entry["group"]] = {
                "key": entry["group"],
                "label": GROUPS[entry["group"]],
                "children": [],
                "active": False,
            }
            menu.append(groups[entry["group"]])
        groups[entry["group"]]["children"].append(entry)
        groups[entry["group"]]["active"] |= entry["active"]
    # a group of one is shown as its entry
    return [
        item["children"][0] if item.get("children") is not None and len(item["children"]) == 1 else item
        for item in menu
    ]
