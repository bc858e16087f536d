"""Public certificate pages, at /certificates/ (outside /trainings/ so links stay short)."""

from django.urls import include, path

from training.views import certificates

app_name = "certificates"

# verify/: anyone checks a certificate by its code, on a page or as JSON.
verify_patterns = [
    path("", certificates.CertificateLookupView.as_view(), name="lookup"),
    path(
        "<str:code>.json",
        certificates.CertificateVerifyView.as_view(),
        {"as_json": True},
        name="verify-json",
    ),
    path("<str:code>/", certificates.CertificateVerifyView.as_view(), name="verify"),
]

urlpatterns = [
    path("verify/", include(verify_patterns)),
    path("<str:code>.pdf", certificates.CertificateDownloadView.as_view(), name="download"),
    path(
        "<str:code>/open-badge.jwt",
        certificates.OpenBadgeDownloadView.as_view(),
        name="open-badge",
    ),
]
