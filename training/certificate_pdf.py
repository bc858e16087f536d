"""The certificate as a PDF: written with reportlab, with a segno QR code of its
verification page so anyone holding the paper can check it."""

import io

import segno
from django.conf import settings
from django.utils.formats import date_format
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from campaign.emails import absolute_url
from training.models import Certificate

NAVY = HexColor("#162e51")


def verification_url(certificate: Certificate) -> str:
    return absolute_url(certificate.get_absolute_url())


def hours_text(certificate: Certificate) -> str:
    return f"{certificate.hours_display} hour{'' if certificate.hours == 1 else 's'}"


def render_certificate_pdf(certificate: Certificate) -> bytes:
    """A one-page landscape certificate: name, course, hours, date, issuer, code and QR."""
    buffer = io.BytesIO()
    width, height = landscape(letter)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"Certificate of completion: {certificate.course.title}")
    pdf.setAuthor(settings.CERTIFICATE_ISSUER)
    pdf.setSubject(f"Certificate {certificate.code}")

    pdf.setStrokeColor(NAVY)
    pdf.setLineWidth(6)
    pdf.rect(30, 30, width - 60, height - 60)
    pdf.setFillColor(NAVY)
    pdf.setFont("Helvetica-Bold", 30)
    pdf.drawCentredString(width / 2, height - 120, "Certificate of Completion")
    pdf.setFont("Helvetica", 15)
    pdf.drawCentredString(width / 2, height - 165, "This certifies that")
    pdf.setFont("Helvetica-Bold", 26)
    pdf.drawCentredString(width / 2, height - 205, certificate.recipient_name)
    pdf.setFont("Helvetica", 15)
    pdf.drawCentredString(width / 2, height - 245, "completed the training")
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawCentredString(width / 2, height - 280, certificate.course.title)
    pdf.setFont("Helvetica", 14)
    completed = date_format(certificate.issued_on, "F j, Y")
    pdf.drawCentredString(
        width / 2, height - 315, f"{hours_text(certificate)} of training, completed {completed}"
    )
    issuer = settings.CERTIFICATE_ISSUER
    if certificate.course.provider:
        issuer = f"{issuer}, with {certificate.course.provider.name}"
    pdf.drawCentredString(width / 2, height - 340, f"Issued by {issuer}")

    url = verification_url(certificate)
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=4, border=2)
    qr.seek(0)
    pdf.drawImage(ImageReader(qr), 60, 60, width=110, height=110)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(185, 130, f"Certificate code: {certificate.code}")
    pdf.drawString(185, 112, "Check it at:")
    pdf.drawString(185, 96, url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
