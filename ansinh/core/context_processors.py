from django.conf import settings

from ansinh.core import nav


def navigation(request):
    user = getattr(request, "user", None)
    items = nav.items_for(user) if user is not None else []
    current = request.path
    for item in items:
        item["active"] = item["url"] != "/" and current.startswith(item["url"])
    return {"nav_items": items, "agency_name": settings.AGENCY_NAME, "agency_hotline": settings.AGENCY_HOTLINE}
