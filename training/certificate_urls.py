"""Public certificate pages, at /certificates/ (outside /trainings/ so links stay short)."""

from django.urls import path

from training.views import certificates

app_name = "certificates"

urlpatterns = [
    path("verify/", certificates.CertificateLookupView.as_view(), name="lookup"),
    path(
        "verify/<str:code>.json",
        certificates.CertificateVerifyView.as_view(),
        {"as_json": True},
        name="verify-json",
    ),
    path("verify/<str:code>/", certificates.CertificateVerifyView.as_view(), name="verify"),
    path("<str:code>.pdf", certificates.CertificateDownloadView.as_view(), name="download"),
    path(
        "<str:code>/open-badge.jwt",
        certificates.OpenBadgeDownloadView.as_view(),
        name="open-badge",
    ),
]
