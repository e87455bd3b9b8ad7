from django.urls import path

from ansinh.procedures.views import filing, national, public, staff

app_name = "services"
urlpatterns = [
    path("", public.catalogue, name="catalogue"),
    path("procedures/<str:code>/", public.procedure_detail, name="procedure"),
    path("procedures/<str:code>/file/", filing.file_dossier, name="file"),
    path("lookup/", public.lookup, name="lookup"),
    path("queue/", staff.queue, name="queue"),
    path("walk-in/", staff.walk_in, name="walk_in"),
    path("dossiers/<str:receipt_code>/", staff.dossier, name="dossier"),
    path("dossiers/<str:receipt_code>/move/", staff.move, name="move"),
    path("dossiers/<str:receipt_code>/deliver/", staff.deliver, name="deliver"),
    path("dossiers/<str:receipt_code>/supply/", filing.supply_information, name="supply"),
    path("documents/<int:pk>/", filing.document, name="document"),
    path("dossiers/<str:receipt_code>/pay/", national.pay, name="pay"),
    path("dossiers/<str:receipt_code>/paid/", national.paid, name="paid"),
    path("dossiers/<str:receipt_code>/post/", national.send_by_post, name="send_by_post"),
    path("portal-files/<str:token>/", national.portal_file, name="portal_file"),
]
