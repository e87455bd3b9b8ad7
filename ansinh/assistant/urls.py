from django.urls import path

from ansinh.assistant import views

app_name = "assistant"
urlpatterns = [
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/<int:pk>/reviewed/", views.mark_reviewed, name="mark_reviewed"),
]
