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
from training import access, queries
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
    payload = {
        "status": "revoked" if certificate.is_revoked else "valid",
        "code": certificate.code,
        "name": certificate.recipient_name,
        "course": certificate.course.title,
        "hours": certificate.hours_display,
        "completed_on": certificate.issued_on.isoformat(),
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
        return self.render_to_response(self.get_context_data(certificate=certificate, code=code))

    def get_crumbs(self):
        return [(_("Verify a certificate"), None)]


class CertificateDownloadView(View):
    def get(self, request, code):
        certificate = queries.certificate_by_code(code)
        if certificate is None or not access.can_download_certificate(request.user, certificate):
            raise Http404
        response = HttpResponse(
            render_certificate_pdf(certificate), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{certificate.code}.pdf"'
        )
        return response
