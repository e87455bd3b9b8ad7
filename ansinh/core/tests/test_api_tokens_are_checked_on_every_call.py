"""A bearer token is looked up on every call: a revoked token or a deactivated user is refused from the next call on,
and the token's last use is written at most once a minute."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.core.models import ApiToken, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued():
    user = User.objects.create(username="hospital.client", role="facility", org_code="42001")
    return ApiToken.issue(user, "counter")


def test_a_live_token_gives_its_user_with_every_field(issued):
    token, raw = issued
    user = ApiToken.user_for(raw)
    assert (user.pk, user.username, user.role, user.org_code) == (token.user.pk, "hospital.client", "facility", "42001")
    assert ApiToken.user_for(raw + "x") is None


def test_a_revoked_token_or_a_deactivated_user_is_refused_at_once(issued):
    token, raw = issued
    assert ApiToken.user_for(raw) is not None
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert ApiToken.user_for(raw) is None
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=None)
    User.objects.filter(pk=token.user_id).update(is_active=False)
    assert ApiToken.user_for(raw) is None


def test_the_last_use_is_written_at_most_once_a_minute(issued):
    token, raw = issued
    ApiToken.user_for(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    ApiToken.user_for(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    ApiToken.user_for(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first
