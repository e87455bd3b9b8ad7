"""Every portal and services page renders in Vietnamese and English on a 390-px screen without sideways scrolling."""

import datetime as dt

import pytest

from ansinh.procedures import workflow
from ansinh.procedures.tests.helpers import file_online
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

# (path, text expected in Vietnamese, text expected in English)
CITIZEN_PAGES = [
    ("/portal/", "Bảo hiểm xã hội", "Social insurance"),
    ("/portal/history/", "Quá trình tham gia BHXH", "SI history"),
    ("/portal/card/", "Thẻ BHYT", "Health-insurance card"),
    ("/portal/benefits/", "Chế độ của tôi", "My benefits"),  # the older address leads to the one benefits page
    ("/portal/dossiers/", "Hồ sơ của tôi", "My dossiers"),
    ("/portal/account/", "Tài khoản của tôi", "My account"),
    ("/portal/inbox/", "Thông báo", "Notifications"),
    ("/portal/household/", "Thẻ BHYT hộ gia đình", "Household cards"),
    ("/portal/payments/", "BHXH tự nguyện", "Voluntary SI"),
    ("/portal/account/password/", "Đổi mật khẩu", "Change the password"),
    ("/services/", "Dịch vụ công", "Public services"),
    ("/services/procedures/C16/", "Thành phần hồ sơ", "Documents to provide"),
    ("/services/procedures/D1/file/", "Gửi hồ sơ", "Send the dossier"),
]
STAFF_PAGES = [
    ("/services/queue/", "Hồ sơ cần xử lý", "Dossier queue"),
    ("/services/walk-in/?procedure=E2", "Tiếp nhận hồ sơ tại quầy", "Walk-in dossier"),
]


def _visit(tab, pages, language):
    tab.context.add_cookies([{"name": "django_language", "value": language, "url": tab.base_url}])
    for path, vi, en in pages:
        response = tab.goto(tab.base_url + path)
        assert response.status == 200, path
        assert (vi if language == "vi" else en) in tab.inner_text("main"), (path, language)
        assert_no_horizontal_scroll(tab)


def test_citizen_pages_in_vietnamese_and_english(phone_page):
    person = factories.person(full_name="Lê Văn Nam", birth_date=dt.date(1985, 5, 5), sex="male")
    factories.spell(
        person,
        factories.employer(name="Công ty TNHH Một Thành Viên Cảng Vũng Áng Việt – Lào"),
        dt.date(2019, 3, 1),
        salary=12_000_000,
    )
    person.user = factories.user("citizen", username=person.cccd)
    person.save()
    mine = file_online(person)
    log_in(phone_page, person.cccd)
    phone_page.wait_for_url("**/home/")
    pages = CITIZEN_PAGES + [(f"/services/dossiers/{mine.receipt_code}/", "Quá trình xử lý", "Processing history")]
    for language in ("vi", "en"):
        _visit(phone_page, pages, language)


def test_staff_employer_and_public_pages_in_vietnamese_and_english(phone_page):
    unit = factories.employer()
    worker = factories.person()
    factories.spell(worker, unit, dt.date(2022, 1, 1))
    dossier = file_online(worker, "C12")
    workflow.move(dossier, "in_progress", factories.user("service_desk", username="motcua"))
    factories.user("employer", username="donvi", org_code=unit.unit_code)
    log_in(phone_page, "motcua")
    phone_page.wait_for_url("**/home/")
    for language in ("vi", "en"):
        _visit(
            phone_page,
            STAFF_PAGES + [(f"/services/dossiers/{dossier.receipt_code}/", "Quá trình xử lý", "Processing history")],
            language,
        )
    phone_page.context.clear_cookies()
    log_in(phone_page, "donvi")
    phone_page.wait_for_url("**/home/")
    for language in ("vi", "en"):
        _visit(phone_page, [("/portal/employer/", "lao động tham gia", "insured worker")], language)
    phone_page.context.clear_cookies()
    for language in ("vi", "en"):
        _visit(
            phone_page,
            [
                ("/services/lookup/", "Tra cứu hồ sơ", "Look up a dossier"),
                ("/portal/activate/", "Kích hoạt tài khoản", "Activate your account"),
                ("/portal/reset/", "Quên mật khẩu?", "Forgot your password?"),
            ],
            language,
        )
