from django.conf import settings

from ansinh.core import nav


def navigation(request):
    user = getattr(request, "user", None)
    items = nav.menu_for(user, request.path) if user is not None else []
    for item in items:
        if item["key"] == "portal:inbox":
            item["badge"] = _unread(user)
    return {"nav_items": items, "agency_name": settings.AGENCY_NAME, "agency_hotline": settings.AGENCY_HOTLINE}


def _unread(user) -> int:
    from ansinh.core.models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).count()
