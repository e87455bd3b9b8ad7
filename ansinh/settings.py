"""An Sinh settings. Everything comes from the environment; the defaults are the safe production ones.

`make run` sets DEBUG=1 for the local demo; production sets SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS.
"""

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ansinh.env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("ANSINH_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off.")
    # Local demo only: a key made once per checkout, kept out of the repository under var/.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "ansinh.core.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves Swagger UI's own copy of its assets (no CDN: the docs page works offline and under the CSP)
    "axes",
    "ansinh.core",
    "ansinh.geo",
    "ansinh.registry",
    "ansinh.policy",
    "ansinh.banking",
    "ansinh.contributions",
    "ansinh.benefits",
    "ansinh.health",
    "ansinh.procedures",
    "ansinh.portal",
    "ansinh.assistant",
    "ansinh.linkage",
    "ansinh.insights",
    "ansinh.feedback",
    "ansinh.outreach",
    "ansinh.demo",
]

MIDDLEWARE = [
    "ansinh.core.client_ip.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ansinh.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ansinh.core.middleware.RequestSizeMiddleware",  # after the language is known, before any body is read
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ansinh.core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ansinh.urls"
WSGI_APPLICATION = "ansinh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ansinh.core.context_processors.navigation",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'ansinh.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(env("DATABASE_URL", _default_db), conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while a batch writes; IMMEDIATE avoids lock-upgrade deadlocks.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
        "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;",  # 128 MB page cache: bulk index builds
        "transaction_mode": "IMMEDIATE",
    }
    # Connections are kept (DB_CONN_MAX_AGE) as on PostgreSQL: opening one and running the pragmas above cost about
    # 2 ms of CPU, more than a whole card check (bench/eligibility.py).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "landing"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS: list = []  # each app keeps its own locale/ directory
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded documents live outside the web root and are only served through permission-checked views.
PRIVATE_FILES_ROOT = Path(env("PRIVATE_FILES_ROOT", str(VAR_DIR / "private")))
MEDIA_ROOT = PRIVATE_FILES_ROOT
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 30 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security: strict unless the operator turns a setting off (e.g. TLS terminated by a proxy in a lab).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Client addresses: X-Forwarded-For is read only when the connection comes from one of these proxies
# (addresses or networks, e.g. "10.0.0.5,10.1.0.0/16"); otherwise the peer's own address is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
NINJA_NUM_PROXIES = 0  # django-ninja's throttles read REMOTE_ADDR, which TrustedProxyMiddleware has resolved

# Content-Security-Policy: everything from this site only (scripts, styles, Swagger UI's own copy), no inline
# script or style, forms post only here; the payment platform (PAYMENT_URL's origin and PAYMENT_CHECKOUT_ORIGINS)
# is added to form-action, since paying a fee posts to our page that redirects there.
CONTENT_SECURITY_POLICY = env(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)

# The cache holds the rate-limit counters: local memory for one process, Redis
# (CACHE_URL=redis://host:6379/1) when several server processes must share them.
_cache_url = env("CACHE_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
    if _cache_url.startswith(("redis://", "rediss://"))
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ansinh"}
}

# Rate limits, each scope its own quota (docs/operations.md, Security). "N/m", "N/h" or "N/d".
THROTTLE_RATES = {
    # per client address: what anyone may ask without an account
    "login": env("THROTTLE_LOGIN", "30/m"),
    "activation": env("THROTTLE_ACTIVATION", "10/h"),
    "otp": env("THROTTLE_OTP", "20/h"),
    "dossier_lookup": env("THROTTLE_DOSSIER_LOOKUP", "30/m"),
    "assistant": env("THROTTLE_ASSISTANT", "30/m"),
    "assistant_feedback": env("THROTTLE_ASSISTANT_FEEDBACK", "60/m"),
    "quote": env("THROTTLE_QUOTE", "120/m"),  # anonymous callers; signed-in ones per account below
    "partner": env("THROTTLE_PARTNER", "120/m"),  # national portal and payment platform (HMAC-signed)
    "reference": env("THROTTLE_REFERENCE", "300/m"),  # areas, policy parameters, announcements, procedures
    # per signed-in account (API token or session)
    "quote_account": env("THROTTLE_QUOTE_ACCOUNT", "600/m"),
    "assistant_account": env("THROTTLE_ASSISTANT_ACCOUNT", "60/m"),
    "payments": env("THROTTLE_PAYMENTS", "600/m"),
    "payroll_files": env("THROTTLE_PAYROLL_FILES", "120/m"),
    "postal": env("THROTTLE_POSTAL", "600/m"),
    "feedback": env("THROTTLE_FEEDBACK", "20/h"),
    "job_search": env("THROTTLE_JOB_SEARCH", "120/h"),
    "job_search_report": env("THROTTLE_JOB_SEARCH_REPORT", "30/h"),
    "outreach": env("THROTTLE_OUTREACH", "600/h"),
}

# Log-in lockout (django-axes): this many wrong passwords for one account from one address lock that
# pair out for the cool-off time. Failures are counted in the database, so every server process agrees.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_DISABLE_ACCESS_LOG = True  # successful log-ins are not kept here
AXES_CLIENT_IP_CALLABLE = "ansinh.core.client_ip.of_request"
AXES_LOCKOUT_CALLABLE = "ansinh.core.views.locked_out"
AXES_RESET_ON_SUCCESS = True

# Request bodies: the largest accepted per path prefix (first match), 413 above it; the default for the rest.
# Anonymous endpoints take a few kilobytes; file uploads keep their own limits (named in their replies).
REQUEST_BODY_DEFAULT = env_int("REQUEST_BODY_DEFAULT", 64 * 1024 * 1024)
REQUEST_BODY_ANONYMOUS = env_int("REQUEST_BODY_ANONYMOUS", 64 * 1024)  # any page posted without a signed-in session
REQUEST_BODY_LIMITS = [
    (r"^/api/v1/contributions/quote$", 16 * 1024),
    (r"^/api/v1/benefits/[a-z-]+/(quote|indexation)$", 128 * 1024),  # up to 600 salary periods
    (r"^/api/v1/assistant/", 8 * 1024),
    (r"^/api/v1/services/status$", 4 * 1024),
    (r"^/accounts/login/$", 8 * 1024),
    (r"^/portal/activate/", 8 * 1024),
    (r"^/services/lookup/$", 8 * 1024),
    (
        r"^/api/(token/|egw/)",
        64 * 1024,
    ),  # the gateway's session requests and card checks, read before the token is known
    (r"^/api/v1/services/(portal/|payments/)", 1024 * 1024),  # national portal and payment platform messages
]

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "khong-tra-loi@ansinh.example")
SMS_BACKEND = env("SMS_BACKEND", "ansinh.core.notify.ConsoleSMS")

# Hospital e-gateway and card check (health): session length, calls per facility, token requests per address.
HEALTH_GATEWAY_TOKEN_MINUTES = env_int("HEALTH_GATEWAY_TOKEN_MINUTES", 60)
HEALTH_CHECK_RATE = env("HEALTH_CHECK_RATE", "1200/min")
HEALTH_GATEWAY_TAKE_RATE = env("HEALTH_GATEWAY_TAKE_RATE", "30/min")
# PostgreSQL: a card check's log and audit rows commit without waiting for the disk (docs/health.md, Limits).
HEALTH_CHECK_LOG_ASYNC_COMMIT = env_bool("HEALTH_CHECK_LOG_ASYNC_COMMIT", False)

# Public contact shown when the assistant does not know, and on every page footer.
AGENCY_NAME = env("AGENCY_NAME", "Bảo hiểm xã hội tỉnh Hà Tĩnh")
AGENCY_HOTLINE = env("AGENCY_HOTLINE", "1900 9068")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The population reconciliation's working memory (DuckDB); beyond it, work spills to var/linkage/spill.
LINKAGE_MEMORY_LIMIT = env("LINKAGE_MEMORY_LIMIT", "4GB")

# The national services An Sinh connects to (docs/services.md). An empty URL means "not connected": the
# outbox keeps the messages until the operator sets it. Secrets come from the environment (or NAME_FILE).
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:8000")  # where the portal downloads our files
PORTAL_ADAPTER_URL = env("PORTAL_ADAPTER_URL")
PORTAL_AUTH_PATH = env("PORTAL_AUTH_PATH", "/auth")
PORTAL_INTEGRATION_PATH = env("PORTAL_INTEGRATION_PATH", "/integration")
PORTAL_USERNAME = env("PORTAL_USERNAME")
PORTAL_PASSWORD = env("PORTAL_PASSWORD")
PORTAL_AGENCY_CODE = env("PORTAL_AGENCY_CODE")  # madonvi
PORTAL_INBOUND_SECRET = env("PORTAL_INBOUND_SECRET")  # HMAC key of dossiers the portal forwards to us
PORTAL_DOCUMENT_HOSTS = env_list(
    "PORTAL_DOCUMENT_HOSTS"
)  # hosts forwarded documents may come from; default: the adapter's
PORTAL_TIMEOUT_SECONDS = env_int("PORTAL_TIMEOUT_SECONDS", 20)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 12)
OUTBOX_BACKOFF_SECONDS = env_int("OUTBOX_BACKOFF_SECONDS", 30)
OUTBOX_BACKOFF_MAX_SECONDS = env_int("OUTBOX_BACKOFF_MAX_SECONDS", 6 * 3600)
PAYMENT_URL = env("PAYMENT_URL")
PAYMENT_MERCHANT_CODE = env("PAYMENT_MERCHANT_CODE")
PAYMENT_SECRET = env("PAYMENT_SECRET")
PAYMENT_CHECKOUT_ORIGINS = env_list(
    "PAYMENT_CHECKOUT_ORIGINS"
)  # where the platform sends payers, if not PAYMENT_URL's host
POSTAGE_FEE = env_int("POSTAGE_FEE", 0)  # đồng per result by post, from the contract with the post office
VNPOST_URL = env("VNPOST_URL")
VNPOST_USERNAME = env("VNPOST_USERNAME")
VNPOST_PASSWORD = env("VNPOST_PASSWORD")
VNPOST_CUSTOMER_CODE = env("VNPOST_CUSTOMER_CODE")
VNPOST_SERVICE_CODE = env("VNPOST_SERVICE_CODE", "CTN007")
VNPOST_SENDER_ADDRESS = env("VNPOST_SENDER_ADDRESS", "")
VNPOST_SENDER_PHONE = env("VNPOST_SENDER_PHONE", "")
VNPOST_SENDER_PROVINCE = env("VNPOST_SENDER_PROVINCE", "")
# Sign-in with the national public service account (OpenID Connect). Off while the client id is empty.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a locked-out log-in stops here
    "django.contrib.auth.backends.ModelBackend",
    "ansinh.procedures.integrations.sso.NationalAccountBackend",
]
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT") or None
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 15)
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=failed"  # mozilla-django-oidc: where a refused sign-in lands
