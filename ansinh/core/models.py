import datetime
import functools
import hashlib
import secrets
import time

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.core.roles import MACHINE_ROLES, STAFF_ROLES, Role
from ansinh.core.text import render


class User(AbstractUser):
    """A person or a machine that uses An Sinh.

    `org_code` ties a user to the organisation it acts for without a foreign key (core depends on
    nothing of ours): the employer's unit code, the facility's 5-character code, the bank's code.
    A citizen's link to their registry record lives in registry (Person.user).
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CITIZEN)
    org_code = models.CharField(_("organisation code"), max_length=32, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    def get_full_name(self) -> str:
        """Vietnamese order: family and middle names (last_name) before the given name (first_name)."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_machine(self) -> bool:
        return self.role in MACHINE_ROLES

    def has_role(self, *roles) -> bool:
        return self.is_superuser or self.role in roles


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for a machine client. Only the hash is stored; the key is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        raw = "ans_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[4:12], key_hash=_hash_token(raw))
        return token, raw

    @classmethod
    def user_for(cls, raw: str):
        """The active user of a live token, or None. Every API call asks, so one plain SQL statement and the user built
        from its row (an ORM or raw() query cost more than the card check itself, measured with
        bench/eligibility.py); nothing is cached, so a revoked token or a deactivated user is refused from the next
        call on, in every server process. The user's dates are left deferred: read, they cost a query."""
        row = _token_row(_hash_token(raw))
        if row is None:
            return None
        user = user_from_row(row)
        token_id, used = row[-2:]
        now = timezone.now()
        if isinstance(used, str):  # a column outside the model comes back as stored: SQLite keeps UTC, naive
            used = datetime.datetime.fromisoformat(used)
        if used is not None and timezone.is_naive(used):
            used = used.replace(tzinfo=datetime.UTC)
        # Touch at most once a minute so a busy facility does not turn every check into a write.
        if used is None or (now - used).total_seconds() > 60:
            cls.objects.filter(pk=token_id).update(last_used_at=now)
        return user


class BatchRun(models.Model):
    """What every run record holds: when the run started, how long it took, and who started it (nobody for a
    scheduled command). Each app's run adds its own counts; a subclass keeps an older column name with
    `db_column` when it redeclares one of these fields."""

    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    seconds = models.FloatField(_("seconds"), default=0)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["-started_at", "-id"]

    @staticmethod
    def runner(by_user):
        """The account to record as having run it: an anonymous or unsaved user is nobody."""
        return by_user if getattr(by_user, "pk", None) else None

    def stop_clock(self, began: float) -> None:
        """Set `seconds` from a time.perf_counter() reading taken when the work began; the caller saves."""
        self.seconds = round(time.perf_counter() - began, 3)


_MACHINE_USER_FIELDS = (
    "id",
    "password",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "role",
    "org_code",
    "phone",
)


def user_columns(alias: str) -> str:
    """The columns `user_from_row` reads, for a plain SQL query that joins the user table as `alias`."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(User._meta.get_field(name).column)}" for name in _MACHINE_USER_FIELDS)


def user_from_row(values) -> User:
    """The user of a row that starts with `user_columns`: for the per-call authentication of machine clients, where
    raw() cost more than the card check itself. The dates stay deferred (read, they cost a query)."""
    return User.from_db(connection.alias, _MACHINE_USER_FIELDS, values[: len(_MACHINE_USER_FIELDS)])


@functools.cache
def _token_sql() -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {user_columns('u')}, t.id, t.last_used_at FROM {quote(User._meta.db_table)} u "
        f"JOIN {quote(ApiToken._meta.db_table)} t ON t.user_id = u.id "
        "WHERE t.key_hash = %s AND t.revoked_at IS NULL AND u.is_active LIMIT 1"
    )


def _token_row(key_hash: str) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(), [key_hash])
        return cursor.fetchone()


class AuditEvent(models.Model):
    """Who did what to which record, when and from where. Append-only."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        READ = "read", _("read")
        BATCH = "batch", _("batch run")
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("failed log-in")
        DENIED = "denied", _("access denied")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit event")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}#{self.object_id}"


class Notification(models.Model):
    """A message the system sent a person with an account, kept for their inbox. The subject and text are gettext
    ids with their values, rendered in the reader's language."""

    audit_exclude = True  # itself the record of a message sent; reading it is the owner's own business

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.CharField(_("text"), max_length=500)
    values = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("link"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.sent_at:%Y-%m-%d %H:%M}"

    @property
    def rendered_subject(self) -> str:
        return render(self.subject, self.values)

    @property
    def rendered_text(self) -> str:
        return render(self.text, self.values)
