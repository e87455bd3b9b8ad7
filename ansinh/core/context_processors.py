from django.conf import settings

from ansinh.core import nav


def navigation(request):
    user = getattr(request, "user", None)
    items = nav.menu_for(user, request.path) if user is not None else []
    return {"nav_items": items, "agency_name": settings.AGENCY_NAME, "agency_hotline": settings.AGENCY_HOTLINE}
