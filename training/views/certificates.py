"""Looking up, verifying and downloading certificates."""

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_ratelimit.decorators import ratelimit

from campaign.pages import CrumbsMixin
from campaign.public import public
from training import access, open_badges, queries
from training.certificate_pdf import render_certificate_pdf
from training.models import (
    normalize_certificate_code,
)


@public
class CertificateLookupView(TemplateView):
    """A form to type a code; it leads to the code's verification page."""

    template_name = "training/certificate_verify.html"

    def get(self, request):
        typed = request.GET.get("code", "")[:60]
        code = normalize_certificate_code(typed) or "".join(
            ch for ch in typed.upper()[:40] if ch.isascii() and (ch.isalnum() or ch == "-")
        )
        if code:
            return redirect("certificates:verify", code=code)
        return self.render_to_response(
            {"lookup": True, "crumbs": [(_("Verify a certificate"), None)]}
        )


def verification_limited(request) -> bool:
    return getattr(request, "limited", False)


def verification_payload(certificate) -> dict:
    if certificate is None:
        return {"status": "not_valid"}
    provider = certificate.course.provider
    payload = {
        "status": certificate.status,
        "code": certificate.code,
        "name": certificate.recipient_name,
        "title": certificate.course.title,
        "course": certificate.course.title,  # the key of the first version, kept for callers
        "hours": certificate.hours_display,
        "completed_on": certificate.issued_on.isoformat(),
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
        "issuer": {
            "name": str(_(settings.CERTIFICATE_ISSUER)),
            "provider": provider.name if provider else None,
        },
    }
    if certificate.holder_withdrew:
        # The holder deleted their account: the training happened, their name is gone.
        payload.update(name=None, holder_withdrew=True)
    if certificate.is_revoked:
        payload["revoked_at"] = certificate.revoked_at.isoformat()
    return payload


@method_decorator(
    ratelimit(key="ip", rate=lambda group, request: settings.CERTIFICATE_VERIFY_RATE, block=False),
    name="get",
)
# Never a kept page: each check counts against the rate, and a revocation shows at once.
@method_decorator(never_cache, name="get")
@public
class CertificateVerifyView(CrumbsMixin, TemplateView):
    """Anyone checks a certificate by its code: valid, revoked (and when), or not valid."""

    template_name = "training/certificate_verify.html"

    def get(self, request, code, as_json=False):
        if verification_limited(request):
            message = "Too many checks from your connection. Wait a minute and try again."
            if as_json:
                return JsonResponse({"status": "rate_limited", "message": message}, status=429)
            response = self.render_to_response({"limited": True, "message": message})
            response.status_code = 429
            return response
        certificate = queries.certificate_by_code(code)
        if as_json:
            return JsonResponse(verification_payload(certificate))
        if certificate is not None and code != certificate.code:
            # One address per certificate, whichever way the code was typed.
            return redirect(certificate)
        return self.render_to_response(
            self.get_context_data(
                certificate=certificate, code=code, issuer=settings.CERTIFICATE_ISSUER
            )
        )

    def get_crumbs(self):
        return [(_("Verify a certificate"), None)]


class CertificateDownloadView(View):
    """The certificate as a PDF file, for whoever may have it (anyone else: 404)."""

    content_type = "application/pdf"
    filename = "certificate-{code}.pdf"

    def may_download(self, user, certificate) -> bool:
        return access.can_download_certificate(user, certificate)

    def render(self, certificate) -> bytes | str:
        return render_certificate_pdf(certificate)

    def get(self, request, code):
        certificate = queries.certificate_by_code(code)
        if certificate is None or not self.may_download(request.user, certificate):
            raise Http404
        response = HttpResponse(self.render(certificate), content_type=self.content_type)
        filename = self.filename.format(code=certificate.code)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class OpenBadgeDownloadView(CertificateDownloadView):
    """The certificate as a signed Open Badges 3.0 credential (VC-JWT)."""

    content_type = open_badges.MEDIA_TYPE
    filename = "open-badge-{code}.jwt"

    def may_download(self, user, certificate) -> bool:
        return access.can_download_open_badge(user, certificate)

    def render(self, certificate) -> bytes | str:
        return open_badges.signed_credential(certificate)


@public
class OpenBadgesKeySetView(View):
    """The public key that signs Open Badges credentials, as a JWK Set: what a verifier
    needs to check one offline."""

    def get(self, request):
        response = JsonResponse(open_badges.public_jwks())
        response["Access-Control-Allow-Origin"] = "*"
        return response
