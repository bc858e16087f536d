"""The certificate as a PDF: written with reportlab, with a segno QR code of its
verification page so anyone holding the paper can check it."""

import io

import segno
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from campaign.dates import date_as
from campaign.emails import absolute_url
from training.models import Certificate

NAVY = HexColor("#162e51")


def verification_url(certificate: Certificate) -> str:
    return absolute_url(certificate.get_absolute_url())


def hours_text(certificate: Certificate) -> str:
    # Hours are a decimal (1.5); gettext's plural rule needs a whole number.
    count = 1 if certificate.hours == 1 else 2
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {
        "hours": certificate.hours_display
    }


def render_certificate_pdf(certificate: Certificate) -> bytes:
    """A one-page landscape certificate: name, course, hours, date, issuer, code and QR,
    in the holder's language (whoever downloads it), its link to that language's page."""
    with translation.override(certificate.user.language or settings.LANGUAGE_CODE):
        return _render(certificate)


def _render(certificate: Certificate) -> bytes:
    buffer = io.BytesIO()
    width, height = landscape(letter)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(_("Certificate of completion: %(course)s") % {"course": certificate.course.title})
    pdf.setAuthor(_(settings.CERTIFICATE_ISSUER))
    pdf.setSubject(_("Certificate %(code)s") % {"code": certificate.code})

    pdf.setStrokeColor(NAVY)
    pdf.setLineWidth(6)
    pdf.rect(30, 30, width - 60, height - 60)
    pdf.setFillColor(NAVY)
    pdf.setFont("Helvetica-Bold", 30)
    pdf.drawCentredString(width / 2, height - 120, _("Certificate of Completion"))
    pdf.setFont("Helvetica", 15)
    pdf.drawCentredString(width / 2, height - 165, _("This certifies that"))
    pdf.setFont("Helvetica-Bold", 26)
    pdf.drawCentredString(width / 2, height - 205, certificate.recipient_name)
    pdf.setFont("Helvetica", 15)
    pdf.drawCentredString(width / 2, height - 245, _("completed the training"))
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawCentredString(width / 2, height - 280, certificate.course.title)
    pdf.setFont("Helvetica", 14)
    completed = date_as(certificate.issued_on, "day")
    pdf.drawCentredString(
        width / 2,
        height - 315,
        _("%(hours)s of training, completed %(date)s")
        % {"hours": hours_text(certificate), "date": completed},
    )
    if certificate.expires_on:
        pdf.setFont("Helvetica", 12)
        pdf.drawCentredString(
            width / 2,
            height - 365,
            _("Issued %(issued)s, expires %(expires)s")
            % {
                "issued": completed,
                "expires": date_as(certificate.expires_on, "day"),
            },
        )
        pdf.setFont("Helvetica", 14)
    issuer = _(settings.CERTIFICATE_ISSUER)
    if certificate.course.provider:
        issuer = _("%(issuer)s, with %(provider)s") % {
            "issuer": issuer,
            "provider": certificate.course.provider.name,
        }
    pdf.drawCentredString(width / 2, height - 340, _("Issued by %(issuer)s") % {"issuer": issuer})

    url = verification_url(certificate)
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=4, border=2)
    qr.seek(0)
    pdf.drawImage(ImageReader(qr), 60, 60, width=110, height=110)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(185, 130, _("Certificate code: %(code)s") % {"code": certificate.code})
    pdf.drawString(185, 112, _("Check it at:"))
    pdf.drawString(185, 96, url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
