from django.urls import path

from ansinh.benefits import views, views_payroll

app_name = "benefits"
urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/channel/", views.channel_switch, name="channel"),
    path("cases/<int:pk>/<str:action>/", views.case_action, name="case_action"),
    path("payroll/", views_payroll.run_list, name="runs"),
    path("payroll/<str:period>/", views_payroll.run_detail, name="run"),
    path("payroll/<str:period>/<str:action>/", views_payroll.run_action, name="run_action"),
    path("files/<int:pk>/", views_payroll.file_download, name="file"),
    path("me/", views.my_benefits, name="me"),
    path("job-search/", views.my_job_search, name="job_search"),
]
