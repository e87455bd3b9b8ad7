from django.urls import path

from ansinh.contributions import views, views_statements

app_name = "contributions"
urlpatterns = [
    path("employer/", views.employer_home, name="employer"),
    path("declarations/<int:pk>/", views.declaration_detail, name="declaration"),
    path("declaration-template.<str:fmt>", views.declaration_template, name="template"),
    path("employer/d02-lt.<str:fmt>", views.d02lt_export, name="d02lt"),
    path("employer/statement/<str:period>.<str:fmt>", views.statement_export, name="statement"),
    path("units/<str:unit_code>/d02-lt.<str:fmt>", views.d02lt_export, name="unit_d02lt"),
    path("units/<str:unit_code>/statement/<str:period>.<str:fmt>", views.statement_export, name="unit_statement"),
    path("suspense/", views.suspense, name="suspense"),
    path("suspense/<int:pk>/assign/", views.assign, name="assign"),
    path("statements/", views_statements.statement_list, name="statements"),
    path("statements/<int:pk>/", views_statements.statement_detail, name="statement"),
    path("arrears/", views.arrears_list, name="arrears"),
    path("units/<str:unit_code>/", views.unit_detail, name="unit"),
]
