"""Public certificate pages, at /certificates/ (outside /trainings/ so links stay short)."""

from django.urls import path

from training import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.CertificateLookupView.as_view(), name="lookup"),
    path(
        "verify/<str:code>.json",
        views.CertificateVerifyView.as_view(),
        {"as_json": True},
        name="verify-json",
    ),
    path("verify/<str:code>/", views.CertificateVerifyView.as_view(), name="verify"),
    path("<str:code>.pdf", views.CertificateDownloadView.as_view(), name="download"),
]
