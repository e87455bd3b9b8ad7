from django.urls import path

from ansinh.feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("queue/", views.queue, name="queue"),
    path("hotline/", views.hotline, name="hotline"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/do/<str:action>/", views.act, name="act"),
    path("<str:code>/my/<str:action>/", views.respond, name="respond"),
]
