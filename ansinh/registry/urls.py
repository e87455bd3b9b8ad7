from django.urls import path

from ansinh.registry import views

app_name = "registry"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("employers/", views.employers, name="employers"),
]
