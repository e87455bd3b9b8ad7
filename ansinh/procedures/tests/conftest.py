"""Stand-ins for the national services, with the settings pointed at them for the test."""

import pytest

from ansinh.testing.national import OIDCStandIn, PaymentStandIn, PortalStandIn, VNPostStandIn

CATALOGUE = [
    {
        "MATTHC": "1.001667",
        "TENTTHC": "Giải quyết hưởng trợ cấp ốm đau",
        "CAPTHUCHIEN": "Cấp Tỉnh",
        "LINHVUCTHUCHIEN": [{"MALINHVUC": "G26-BH01", "TENLINHVUC": "Bảo hiểm xã hội"}],
        "CACHTHUCTHUCHIEN": [
            {
                "KENH": "Trực tuyến",
                "THOIGIAN": [
                    {
                        "THOIGIANGIAIQUYET": "6",
                        "DONVITINH": "Ngày làm việc",
                        "PHILEPHI": [{"MOTA": "Không có phí", "MUCPHI": "0"}],
                    }
                ],
            }
        ],
    }
]


@pytest.fixture
def portal_standin(settings):
    with PortalStandIn(catalogue=CATALOGUE) as standin:
        settings.PORTAL_ADAPTER_URL = standin.url
        settings.PORTAL_USERNAME, settings.PORTAL_PASSWORD = standin.username, standin.password
        settings.PORTAL_AGENCY_CODE = standin.agency_code
        settings.PORTAL_INBOUND_SECRET = "khoa-chuyen-ho-so"
        settings.OUTBOX_BACKOFF_SECONDS, settings.OUTBOX_MAX_ATTEMPTS = 30, 3
        yield standin


@pytest.fixture
def payment_standin(settings):
    with PaymentStandIn() as standin:
        settings.PAYMENT_URL, settings.PAYMENT_SECRET = standin.url, standin.secret
        settings.PAYMENT_MERCHANT_CODE = standin.merchant
        settings.POSTAGE_FEE = 25_000
        yield standin


@pytest.fixture
def vnpost_standin(settings):
    with VNPostStandIn() as standin:
        settings.VNPOST_URL = standin.url
        settings.VNPOST_USERNAME, settings.VNPOST_PASSWORD = (
            standin.credentials["username"],
            standin.credentials["password"],
        )
        settings.VNPOST_CUSTOMER_CODE = standin.credentials["customerCode"]
        yield standin


@pytest.fixture
def oidc_standin(settings):
    with OIDCStandIn() as standin:
        for name, value in standin.settings().items():
            setattr(settings, name, value)
        yield standin


@pytest.fixture
def reference_data(db):
    """Browser tests run on a flushed database: the communes (a data migration) must be there."""
    from ansinh.geo.models import Area, Commune
    from ansinh.geo.reference import load_reference

    if not Commune.objects.exists():
        load_reference(Area, Commune)
