"""The menu is drawn from the permission table in ansinh/core/nav.py and the same table guards the views:
every role, the administrator and the machine clients included, can open every entry of its own menu."""

import re

import pytest
from django.urls import reverse

from ansinh.core import nav
from ansinh.core.roles import Role
from ansinh.testing import factories

pytestmark = pytest.mark.django_db

MENU_LINK = re.compile(r'<nav class="main-nav".*?</nav>', re.S)
HREF = re.compile(r'href="([^"]+)"')


def _account(role: str):
    if role == Role.CITIZEN:
        person = factories.person()
        account = factories.user(role, username=person.cccd)
        person.user = account
        person.save()
        return account
    if role == Role.EMPLOYER:
        return factories.user(role, org_code=factories.employer().unit_code)
    if role == Role.FACILITY:
        return factories.user(role, org_code="42001")
    if role == Role.ADMINISTRATOR:
        return factories.user(role, is_staff=True, is_superuser=True)
    return factories.user(role, org_code="VCB" if role == Role.BANK else "")


def _menu_links(client) -> list[str]:
    home = client.get(reverse("home"))
    assert home.status_code == 200
    found = MENU_LINK.search(home.content.decode())
    return HREF.findall(found.group(0)) if found else []


@pytest.mark.parametrize("role", list(Role))
def test_every_menu_entry_of_every_role_opens(client, role):
    client.force_login(_account(role))
    links = _menu_links(client)
    assert links, f"{role} has no menu"
    for url in links:
        response = client.get(url, follow=True)
        assert response.status_code == 200, f"{role}: {url} answered {response.status_code}"


@pytest.mark.parametrize("role", list(Role))
def test_the_menu_shows_exactly_the_table_entries_the_role_may_open(client, role):
    account = _account(role)
    client.force_login(account)
    expected = [reverse(page.url_name) for page in nav.PAGES if page.label and nav.may_open(account, page.url_name)]
    assert _menu_links(client) == expected


def test_a_page_outside_the_role_is_refused_with_the_styled_page(client):
    client.force_login(_account(Role.CITIZEN))
    response = client.get(reverse("benefits:cases"))
    assert response.status_code == 403
    assert 'class="error-page card"' in response.content.decode()


def test_a_page_is_refused_to_a_visitor_by_asking_to_log_in(client):
    response = client.get(reverse("registry:people"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_administrator_sees_staff_pages_but_no_citizen_or_employer_page(client):
    client.force_login(_account(Role.ADMINISTRATOR))
    links = _menu_links(client)
    assert reverse("insights:dashboard") in links and reverse("admin:index") in links
    assert not {reverse("portal:home"), reverse("contributions:employer"), reverse("health:facility")} & set(links)


def test_bank_and_post_office_homes_list_the_services_they_may_call(client):
    client.force_login(_account(Role.BANK))
    page = client.get(reverse("home")).content.decode()
    assert "/api/v1/contributions/payments/statement" in page and page.count("/api/v1/benefits/payroll/returns<") == 1
    assert "/api/v1/contributions/payments/agent" not in page  # the post office's, not the bank's
    client.force_login(_account(Role.POST_OFFICE))
    assert "/api/v1/contributions/payments/agent" in client.get(reverse("home")).content.decode()


def test_exactly_one_entry_is_active_even_when_two_addresses_match(client):
    client.force_login(_account(Role.MANAGER))
    page = client.get(reverse("health:monitoring")).content.decode()
    menu = MENU_LINK.search(page).group(0)
    assert menu.count('aria-current="page"') == 1
    assert f'href="{reverse("health:monitoring")}" aria-current="page"' in menu


def test_a_guard_naming_a_page_outside_the_table_fails_at_import():
    with pytest.raises(LookupError):
        nav.guard("nowhere:page")
