from django.urls import path

from ansinh.outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.home, name="home"),
    path("compute/", views.compute, name="compute"),
    path("campaigns/start/", views.start, name="start"),
    path("campaigns/<int:pk>/", views.campaign, name="campaign"),
    path("campaigns/<int:pk>/close/", views.close, name="close"),
    path("campaigns/<int:pk>/lists/<str:agent>.<str:fmt>", views.agent_list, name="list"),
    path("targets/<int:pk>/contact/", views.contact, name="contact"),
    path("results/", views.results, name="results"),
    path("results/attribute/", views.attribute, name="attribute"),
]
