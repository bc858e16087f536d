"""The evaluation journey in Chromium: a course requires its evaluation before the
certificate; a Spanish-speaking attendee is invited by email, answers on the /es/ pages
and then downloads the certificate; the trainer reads the results and the coordinator
sees the small group kept hidden; axe on each new page at phone and desktop sizes."""

import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.steps import check_both_sizes, sign_in
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, UserFactory
from tests.training.sessions import attended_ended, ended_session, evaluate
from training import services
from training.models import Certificate, Evaluation

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_required_evaluation_answered_in_spanish_releases_the_certificate(
    page, other_page, site, assert_accessible, csp_violations, partners
):
    session = ended_session(
        course__title="Recognizing Trafficking on Inspections",
        course__issues_certificates=True,
        course__requires_evaluation=True,
    )
    trainer = UserFactory(name="Pat Trainer")
    session.trainers.add(trainer)
    person = MembershipFactory(
        organization=partners.police, user=UserFactory(name="Rosa Díaz", language="es")
    ).user
    enrollment = attended_ended(session=session, user=person)
    enrollment.organization = partners.police
    enrollment.save(update_fields=["organization"])
    assert not Certificate.objects.exists()

    # The scheduled job invites her, in Spanish, with the link to her evaluation.
    assert services.invite_to_evaluate() == 1
    invitation = next(m for m in mail.outbox if m.to == [person.email])
    link = re.search(r"http\S+/es/trainings/mine/evaluations/\d+/", invitation.body).group(0)

    sign_in(page, site, person.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/es/trainings/mine/")
    expect(page.get_by_text("Responda la evaluación para recibir su certificado.")).to_be_visible()
    assert page.get_by_role("link", name=re.compile("Evaluar esta capacitación")).count() == 2
    check_both_sizes(page, assert_accessible)

    page.goto(link)
    expect(
        page.get_by_role("heading", name="Evaluación: Recognizing Trafficking on Inspections")
    ).to_be_visible()
    expect(
        page.get_by_text("Su certificado se emite en cuanto envíe sus respuestas.")
    ).to_be_visible()
    check_both_sizes(page, assert_accessible)
    page.get_by_role("button", name="Enviar mi evaluación").click()
    expect(page.get_by_role("heading", name="Hay un problema")).to_be_visible()
    expect(page.get_by_text("Elija cuánto está de acuerdo con esto.").first).to_be_visible()
    assert_accessible(page)

    answers = {
        "El contenido fue pertinente para mi trabajo.": "Totalmente de acuerdo",
        "Ahora puedo reconocer los indicadores de la trata de personas.": "De acuerdo",
        "Sé cómo denunciar una sospecha de trata de personas.": "Totalmente de acuerdo",
        "El instructor fue claro.": "De acuerdo",
        "En general, la capacitación valió la pena.": "Ni de acuerdo ni en desacuerdo",
    }
    for statement, answer in answers.items():
        page.get_by_role("group", name=statement).get_by_text(answer, exact=True).click()
    page.get_by_label("¿Qué fue lo más útil?").fill("Las tarjetas de indicadores.")
    page.get_by_label("¿Qué se podría mejorar?").fill("Más tiempo para preguntas.")
    page.get_by_role("button", name="Enviar mi evaluación").click()

    expect(
        page.get_by_text("Gracias por su evaluación. Su certificado está listo más abajo.")
    ).to_be_visible()
    assert page.url == f"{site}/es/trainings/mine/"
    expect(page.get_by_text("Evaluación enviada")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Descargar \\(PDF\\)")).click()
    text = PdfReader(io.BytesIO(download_info.value.path().read_bytes())).pages[0].extract_text()
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.code in text and "Rosa Díaz" in text
    evaluation = Evaluation.objects.get()
    assert (evaluation.relevant, evaluation.overall) == (5, 3)
    assert any(m.to == [person.email] and "certifica" in m.subject for m in mail.outbox)

    # The trainer reads the results from the sessions they train, without names.
    sign_in(other_page, site, trainer.email, DEFAULT_PASSWORD)
    other_page.goto(f"{site}/trainings/teaching/")
    other_page.get_by_role("link", name=re.compile("Evaluation results")).click()
    expect(other_page.get_by_text("1 answer.")).to_be_visible()
    expect(other_page.get_by_text("Las tarjetas de indicadores.")).to_be_visible()
    expect(other_page.get_by_text("Rosa Díaz")).to_have_count(0)
    check_both_sizes(other_page, assert_accessible)

    # Her coordinator sees no figure from one answer.
    coordinator_context = other_page.context.browser.new_context()
    coordinator_page = coordinator_context.new_page()
    sign_in(coordinator_page, site, partners.police_coordinator.email, DEFAULT_PASSWORD)
    coordinator_page.goto(site + reverse("partners:manage-roster", args=[partners.police.slug]))
    coordinator_page.get_by_role("link", name="Evaluations").click()
    expect(
        coordinator_page.get_by_text("Too few answers to show without identifying people.")
    ).to_be_visible()
    expect(coordinator_page.get_by_text("Las tarjetas de indicadores.")).to_have_count(0)
    check_both_sizes(coordinator_page, assert_accessible)
    # Four colleagues answer too: five answers, so the averages show, still nameless.
    for _ in range(4):
        colleague = attended_ended(
            session=session, user=MembershipFactory(organization=partners.police).user
        )
        colleague.organization = partners.police
        colleague.save(update_fields=["organization"])
        evaluate(colleague, most_useful="Colleague's remark")
    coordinator_page.reload()
    expect(coordinator_page.get_by_text("Too few answers")).to_have_count(0)
    expect(
        coordinator_page.get_by_role(
            "row", name=re.compile("Recognizing Trafficking on Inspections")
        )
    ).to_be_visible()
    expect(coordinator_page.get_by_text("Colleague's remark")).to_have_count(0)
    check_both_sizes(coordinator_page, assert_accessible)
    coordinator_context.close()
    assert csp_violations == []
