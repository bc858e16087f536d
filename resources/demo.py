"""Demo materials drawn from the campaign's public documents (facts only; our own words).

Files are generated at load time (reportlab PDFs, Pillow images), never committed.
"""

import io
import textwrap
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from campaign.demo_dates import working_day
from campaign.models import Audience, Pillar, User
from partners.models import Organization
from resources.covers import make_cover, pdf_font
from resources.models import (
    DownloadMonth,
    MaterialOrder,
    OrderItem,
    Resource,
    TranslationGroup,
)

K = Resource.Kind
PUBLIC, PARTNERS = Resource.Visibility.PUBLIC, Resource.Visibility.PARTNERS

# slug, title, kind, language, group, publisher, visibility, orderable, featured,
# audiences, pillars, courses, external link, summary
MATERIALS = [
    ("poster-public-buildings", "Human Trafficking Awareness Poster for Public Buildings",
     K.POSTER, "en", "", "dhs", PUBLIC, True, True,
     ["general-public", "federal-employees"], ["prevention"], [], "",
     "A poster for lobbies and waiting rooms of federal and local public buildings, with the "
     "signs of trafficking and the hotline numbers."),
    ("poster-transportation-hubs", "Awareness Poster for Ports and Transit Stations",
     K.POSTER, "en", "", "port-of-los-angeles", PUBLIC, True, False,
     ["transportation", "general-public"], ["prevention"], [], "",
     "A poster for port terminals, bus and rail stations, where victims may be moved."),
    ("indicator-card-en", "Human Trafficking Indicator Card", K.INDICATOR_CARD, "en",
     "Human Trafficking Indicator Card", "dhs", PUBLIC, True, True,
     ["law-enforcement", "first-responders", "code-enforcement"], ["prevention", "protection"],
     ["code-enforcement-webinar", "first-responder-awareness"], "",
     "A pocket card listing common indicators of trafficking and what to do when you see them."),
    ("indicator-card-es", "Tarjeta de indicadores de la trata de personas", K.INDICATOR_CARD,
     "es", "Human Trafficking Indicator Card", "dhs", PUBLIC, True, False,
     ["law-enforcement", "first-responders", "code-enforcement"], ["prevention", "protection"],
     [], "", "Tarjeta de bolsillo con los indicadores comunes de la trata y qué hacer."),
    ("indicator-card-zh", "人口贩运识别卡", K.INDICATOR_CARD, "zh",
     "Human Trafficking Indicator Card", "dhs", PUBLIC, False, False,
     ["general-public"], ["prevention"], [], "",
     "The indicator card in Chinese: common signs of trafficking and where to call."),
    ("indicator-card-vi", "Thẻ nhận biết nạn buôn người", K.INDICATOR_CARD, "vi",
     "Human Trafficking Indicator Card", "dhs", PUBLIC, False, False,
     ["general-public"], ["prevention"], [], "",
     "The indicator card in Vietnamese: common signs of trafficking and where to call."),
    ("t-visa-guide", "T Visa Resource Guide for Law Enforcement", K.GUIDE, "en",
     "", "uscis", PUBLIC, False, True, ["law-enforcement"], ["protection", "prosecution"],
     ["immigration-relief-roll-call"], "",
     "How T nonimmigrant status lets victims of trafficking stay in the United States and "
     "help investigations, and what officers certify."),
    ("u-visa-guide", "U Visa Resource Guide for Law Enforcement", K.GUIDE, "en",
     "", "uscis", PUBLIC, False, False, ["law-enforcement"], ["protection", "prosecution"],
     ["immigration-relief-roll-call"], "",
     "U nonimmigrant status for victims of qualifying crimes who help law enforcement: the "
     "certification form and the officer's role."),
    ("csec-toolkit", "Commercial Sexual Exploitation of Children: Toolkit for Law Enforcement",
     K.TOOLKIT, "en", "", "ice", PARTNERS, False, False, ["law-enforcement"],
     ["protection", "prosecution"], ["investigating-human-trafficking"], "",
     "Investigative steps, interview practice and referral contacts for cases of commercial "
     "sexual exploitation of children. For partner agencies only."),
    ("task-force-e-guide", "Human Trafficking Task Force e-Guide", K.GUIDE, "en", "",
     "dhs", PARTNERS, False, False, ["law-enforcement", "victim-service-providers"],
     ["partnerships", "prosecution"], [], "",
     "How to build and run a multidisciplinary anti-trafficking task force of police, "
     "prosecutors and victim service providers."),
    ("victims-rights-brochure", "Your Rights as a Victim of Human Trafficking", K.BROCHURE,
     "en", "Victims' rights brochure", "ice", PUBLIC, True, False,
     ["victim-service-providers", "general-public"], ["protection"],
     ["victim-assistance-train-the-trainer"], "",
     "What victims can expect: referrals for medical, mental health and legal help, and "
     "immigration relief such as Continued Presence, T visas and U visas."),
    ("victims-rights-brochure-es", "Sus derechos como víctima de la trata de personas",
     K.BROCHURE, "es", "Victims' rights brochure", "ice", PUBLIC, True, False,
     ["victim-service-providers", "general-public"], ["protection"], [], "",
     "Lo que las víctimas pueden esperar: ayuda médica, psicológica y legal, y alivio "
     "migratorio."),
    ("roll-call-t-visa", "Roll-Call Video: T Visas", K.VIDEO, "en", "", "uscis", PUBLIC,
     False, False, ["law-enforcement"], ["protection"], ["immigration-relief-roll-call"],
     "https://www.uscis.gov/humantrafficking",
     "A short roll-call video for state and local officers on T visas."),
    ("roll-call-u-visa", "Roll-Call Video: U Visas", K.VIDEO, "en", "", "uscis", PUBLIC,
     False, False, ["law-enforcement"], ["protection"], ["immigration-relief-roll-call"],
     "https://www.uscis.gov/humantrafficking",
     "A short roll-call video for state and local officers on U visas."),
    ("code-enforcement-social-graphic", "Code Enforcement: See Something, Report It",
     K.SOCIAL_GRAPHIC, "en", "", "caceo", PUBLIC, False, False, ["code-enforcement"],
     ["prevention", "partnerships"], ["code-enforcement-webinar"], "",
     "A social media graphic for code enforcement associations sharing the hotline."),
]  # fmt: skip

IMAGE_KINDS = {K.POSTER, K.SOCIAL_GRAPHIC}


def _writable(text: str, font: str) -> str:
    """Helvetica writes Latin-1 only: anything else becomes "?" rather than an error."""
    return text.encode("latin-1", "replace").decode("latin-1") if "Helvetica" in font else text


def make_pdf(title: str, summary: str) -> bytes:
    """A one-page PDF with the material's title and summary, each in a font that writes
    its language (Chinese and Vietnamese included)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter)
    page.setTitle(title)
    font = pdf_font(title, bold=True)
    page.setFont(font, 18)
    y = 720
    for line in textwrap.wrap(_writable(title, font), 50):
        page.drawString(72, y, line)
        y -= 24
    font = pdf_font(summary)
    page.setFont(font, 12)
    for line in textwrap.wrap(_writable(summary, font), 80):
        y -= 18
        page.drawString(72, y, line)
    page.setFont("Helvetica", 12)
    page.drawString(72, 100, "National Human Trafficking Hotline: 1-888-373-7888")
    page.showPage()
    page.save()
    return buffer.getvalue()


def _attach_file(resource: Resource) -> None:
    from resources.uploads import make_thumbnail

    if resource.kind in IMAGE_KINDS:
        content = ContentFile(make_cover(resource.title), name=f"{resource.slug}.png")
        resource.file.save(content.name, content, save=False)
        resource.file_type = "png"
        resource.thumbnail.save("thumbnail.png", make_thumbnail(content), save=False)
    else:
        data = make_pdf(resource.title, resource.summary)
        resource.file.save(f"{resource.slug}.pdf", ContentFile(data), save=False)
        resource.file_type = "pdf"
        cover = ContentFile(make_cover(resource.title, (480, 600)), name="cover.png")
        resource.thumbnail.save("thumbnail.png", make_thumbnail(cover), save=False)
    resource.file_size = resource.file.size


def _attach_video_cover(resource: Resource) -> None:
    """A video hosted elsewhere gets a cover with a play button as its thumbnail."""
    from resources.uploads import make_thumbnail

    cover = ContentFile(make_cover(resource.title, (480, 600), video=True), name="cover.png")
    resource.thumbnail.save("thumbnail.png", make_thumbnail(cover), save=False)


ORDERS = [
    # contact, email, organization, display location, status, items (slug, quantity)
    ("Jamie Zeller", "coordinator@demo.blue-campaign.test", "caceo",
     "Lobby of the CACEO conference hall", MaterialOrder.Status.SUBMITTED,
     [("poster-public-buildings", 25), ("indicator-card-en", 200)]),
    ("Morgan Reyes", "la.coordinator@demo.blue-campaign.test", "city-of-los-angeles",
     "Public counters of City Hall", MaterialOrder.Status.APPROVED,
     [("poster-public-buildings", 40), ("indicator-card-es", 150)]),
    ("Dana Ortiz", "staff@demo.blue-campaign.test", "caceo",
     "Code enforcement field office entrance", MaterialOrder.Status.SHIPPED,
     [("indicator-card-en", 100)]),
    ("Chris Nolan", "front.desk@example.org", "",
     "A community center's bulletin board", MaterialOrder.Status.REJECTED,
     [("poster-transportation-hubs", 100)]),
]  # fmt: skip


def load_resources() -> None:
    """Creates or updates the demo materials (files made once), and orders in each status
    once."""
    with transaction.atomic():
        pillars = {p.slug: p for p in Pillar.objects.all()}
        audiences = {a.slug: a for a in Audience.objects.all()}
        publishers = {o.slug: o for o in Organization.objects.all()}
        groups: dict[str, TranslationGroup] = {}
        by_slug = {}
        for (slug, title, kind, language, group, publisher, visibility, orderable, featured,
             aud, pil, _courses, link, summary) in MATERIALS:  # fmt: skip
            if group and group not in groups:
                groups[group], _ = TranslationGroup.objects.get_or_create(name=group)
            resource, _ = Resource.objects.update_or_create(
                slug=slug,
                defaults={
                    "title": title,
                    "kind": kind,
                    "language": language,
                    "translation_group": groups.get(group),
                    "publisher": publishers.get(publisher),
                    "visibility": visibility,
                    "orderable": orderable,
                    "max_per_order": 250 if kind == K.INDICATOR_CARD else 50,
                    "featured": featured,
                    "external_url": link,
                    "summary": summary,
                    "published": True,
                },
            )
            if not link and not (
                resource.file and resource.file.storage.exists(resource.file.name)
            ):
                _attach_file(resource)
                resource.save()
            thumbnail = resource.thumbnail
            if kind == K.VIDEO and not (thumbnail and thumbnail.storage.exists(thumbnail.name)):
                _attach_video_cover(resource)
                resource.save()
            resource.audiences.set([audiences[a] for a in aud if a in audiences])
            resource.pillars.set([pillars[p] for p in pil])
            by_slug[slug] = resource
        _count_past_downloads(by_slug)
        if MaterialOrder.objects.filter(email__endswith="demo.blue-campaign.test").exists():
            return
        for number, (contact, email, organization, where, status, items) in enumerate(ORDERS):
            # Sent on a weekday morning a few weeks back, decided two days on, shipped later.
            days = -20 + 4 * number
            zone = "America/Los_Angeles"
            sent, now = working_day(days, 9, zone), working_day(days + 2, 14, zone)
            shipped = working_day(days + 5, 11, zone)
            order = MaterialOrder.objects.create(
                requester=User.objects.filter(email=email).first(),
                contact_name=contact,
                email=email,
                organization_name=publishers[organization].name
                if organization
                else "Eastside Community Center",
                organization=publishers.get(organization),
                shipping_address="200 N Spring St\nLos Angeles, CA 90012",
                display_location=where,
                status=status,
                approved_at=now if status in {"approved", "shipped"} else None,
                shipped_at=shipped if status == "shipped" else None,
                rejected_at=now if status == "rejected" else None,
                rejection_reason="We are out of print stock for this poster; please download "
                "and print it."
                if status == MaterialOrder.Status.REJECTED
                else "",
            )
            MaterialOrder.objects.filter(pk=order.pk).update(submitted_at=sent)
            OrderItem.objects.bulk_create(
                [OrderItem(order=order, resource=by_slug[s], quantity=q) for s, q in items]
            )


def _count_past_downloads(by_slug: dict[str, Resource]) -> None:
    """Six months of download counts for the impact charts, once; totals follow them."""
    if DownloadMonth.objects.exists():
        return
    first = timezone.now().date().replace(day=1)
    months = []
    for _ in range(6):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    rows = [
        DownloadMonth(resource=resource, month=month, count=(index * 7 + step * 13) % 60 + 5)
        for index, resource in enumerate(by_slug.values())
        for step, month in enumerate(months)
    ]
    DownloadMonth.objects.bulk_create(rows)
    for resource in by_slug.values():
        total = sum(row.count for row in rows if row.resource is resource)
        Resource.objects.filter(pk=resource.pk).update(download_count=total)
