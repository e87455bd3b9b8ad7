from django.urls import path

from ansinh.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kpis/", views.definitions, name="definitions"),
    path("export/<str:table>.<str:fmt>", views.export, name="export"),
    path("report.pdf", views.report_pdf, name="report"),
]
