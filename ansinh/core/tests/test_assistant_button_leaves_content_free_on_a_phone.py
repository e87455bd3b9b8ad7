"""On a phone the assistant's floating button never sits on what the reader wants: it steps aside while the page
scrolls down, comes back on scrolling up, and at the end of a page the footer keeps its corner free of links,
buttons and table cells."""

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

UNDER_BUTTON = """() => {
  const r = document.querySelector('.aw-open').getBoundingClientRect();
  return [...document.querySelectorAll(
      'main a, main button, main input, main select, main td, main th, .site-footer a')]
    .filter(e => e.checkVisibility())
    .filter(e => { const q = e.getBoundingClientRect();
                   return q.width && q.height && q.left < r.right && q.right > r.left &&
                     q.top < r.bottom && q.bottom > r.top; })
    .map(e => e.tagName + ' ' + e.textContent.trim().slice(0, 40)); }"""


def _button_usable(tab) -> bool:
    return tab.evaluate(
        "() => { const b = getComputedStyle(document.querySelector('.aw-open'));"
        " return b.pointerEvents !== 'none' && b.opacity === '1'; }"
    )


def _wait_until_tucked(tab, tucked: bool) -> None:
    """Poll with evaluate: the page's CSP forbids the eval that wait_for_function needs."""
    for _ in range(50):
        if tab.evaluate("() => document.documentElement.classList.contains('aw-tucked')") == tucked:
            return
        tab.wait_for_timeout(100)
    raise AssertionError(f"the button was never {'tucked away' if tucked else 'back'}")


def _long_page(tab):
    tab.goto(tab.base_url + "/")  # the public landing page: ways in as tiles down to the footer
    tab.wait_for_load_state("load")
    assert tab.evaluate("document.documentElement.scrollHeight") > 844 + 300, "the page is too short to scroll"


def test_the_button_steps_aside_while_scrolling_down_and_returns_scrolling_up(phone_page):
    _long_page(phone_page)
    assert _button_usable(phone_page)
    phone_page.evaluate("window.scrollBy(0, 200)")
    _wait_until_tucked(phone_page, True)
    phone_page.wait_for_timeout(400)  # the slide-out transition
    assert not _button_usable(phone_page)
    phone_page.evaluate("window.scrollBy(0, -100)")
    _wait_until_tucked(phone_page, False)
    phone_page.wait_for_timeout(400)
    assert _button_usable(phone_page)


def test_at_the_end_of_a_page_the_button_covers_nothing(phone_page):
    _long_page(phone_page)
    phone_page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    phone_page.wait_for_timeout(400)
    assert _button_usable(phone_page)
    assert phone_page.evaluate(UNDER_BUTTON) == []
