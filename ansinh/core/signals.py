from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from ansinh.core import audit


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    seen = audit.actor_from_request(request)
    actor = audit.Actor(user=user, label=user.get_username(), ip=seen.ip, path=seen.path)
    audit.record("login", "core.user", user.pk, user.get_username(), actor=actor)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    actor = audit.actor_from_request(request) if request is not None else audit.current_actor()
    audit.record("login_failed", "core.user", "", f"failed log-in as {username}", actor=actor)
