from django.urls import path

from ansinh.portal.views import activation, citizen, employer

app_name = "portal"
urlpatterns = [
    path("", citizen.home, name="home"),
    path("activate/", activation.start, name="activate"),
    path("activate/code/", activation.enter_code, name="activate_code"),
    path("history/", citizen.si_history, name="history"),
    path("card/", citizen.hi_card, name="card"),
    path("benefits/", citizen.benefits, name="benefits"),
    path("dossiers/", citizen.dossiers, name="dossiers"),
    path("statement/<str:si_number>.pdf", citizen.si_statement, name="statement"),
    path("employer/", employer.employer_home, name="employer"),
]
