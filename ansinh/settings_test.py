"""Settings for the test suite: production settings with a throw-away secret and plain HTTP."""

import os
import secrets
import tempfile

os.environ.setdefault("SECRET_KEY", "test-" + secrets.token_urlsafe(32))
for _name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "STATIC_MANIFEST"):
    os.environ[_name] = "0"
os.environ["SECURE_HSTS_SECONDS"] = "0"
# One scratch directory per test process (xdist workers included): uploads, indexes and logins never collide.
os.environ["ANSINH_VAR_DIR"] = tempfile.mkdtemp(prefix=f"ansinh-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-")
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls there stay sync.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from ansinh.settings import *  # noqa: E402,F403 — the production settings, read once the environment above is set

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 — from the star import; whitenoise expects the folder
# Unit and API tests read messages in English (the msgids); browser tests send Accept-Language: vi-VN and
# so see the Vietnamese pages a citizen sees. test_default_language checks that production defaults to vi.
LANGUAGE_CODE = "en"
