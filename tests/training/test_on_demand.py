"""On-demand courses: the knowledge check, passing and failing, the course file."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import CourseFactory, OnDemandCourseFactory, QuestionFactory, UserFactory
from training import services
from training.models import Certificate, KnowledgeCheckAttempt

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def course():
    course = OnDemandCourseFactory(title="Routine Duties", pass_mark=75)
    QuestionFactory.create_batch(4, course=course)
    return course


def answers(course, wrong: int = 0) -> dict[int, int]:
    questions = list(course.questions.all())
    return {q.pk: (1 if i < wrong else q.correct_choice) for i, q in enumerate(questions)}


def test_passing_records_completion_and_issues_one_certificate(course):
    person = UserFactory()
    result = services.submit_knowledge_check(
        user=person, course=course, answers=answers(course, 1)
    )
    assert result.attempt.passed and result.attempt.score == 75 and result.certificate
    again = services.submit_knowledge_check(user=person, course=course, answers=answers(course))
    assert again.certificate == result.certificate
    assert Certificate.objects.filter(user=person).count() == 1
    assert str(result.certificate.hours) == "1.50"


def test_failing_names_the_wrong_answers_and_issues_nothing(course):
    person = UserFactory()
    result = services.submit_knowledge_check(
        user=person, course=course, answers=answers(course, 2)
    )
    assert not result.attempt.passed and result.attempt.score == 50
    assert result.wrong == set(list(course.questions.values_list("pk", flat=True))[:2])
    assert not Certificate.objects.exists()


def test_a_check_with_missing_answers_or_no_questions_is_refused(course):
    partial = dict(list(answers(course).items())[:2])
    with pytest.raises(Exception, match="Answer every question"):
        services.submit_knowledge_check(user=UserFactory(), course=course, answers=partial)
    with pytest.raises(Exception, match="no knowledge check"):
        services.submit_knowledge_check(user=UserFactory(), course=CourseFactory(), answers={})
    assert not KnowledgeCheckAttempt.objects.exists()


def test_the_page_shows_wrong_answers_then_a_pass_leads_to_my_trainings(client, course):
    url = reverse("training:knowledge-check", args=[course.slug])
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 200
    response = client.post(url, {})
    assert "Choose an answer" in response.content.decode()
    data = {f"q{pk}": choice for pk, choice in answers(course, 2).items()}
    page = client.post(url, data).content.decode()
    assert "Not passed this time: 50%" in page
    assert page.count("Your answer was wrong") == 2
    data = {f"q{pk}": choice for pk, choice in answers(course).items()}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse("training:mine")
    for bad in ["99", "abc"]:
        response = client.post(url, {f"q{pk}": bad for pk in answers(course)})
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_knowledge_check_is_404_for_courses_without_one(client):
    client.force_login(UserFactory())
    for course in [CourseFactory(), OnDemandCourseFactory()]:
        assert (
            client.get(reverse("training:knowledge-check", args=[course.slug])).status_code == 404
        )


def test_the_course_page_offers_the_video_and_the_check(client, course):
    page = client.get(course.get_absolute_url()).content.decode()
    assert "Watch the course" in page and "Sign in</a> to take the knowledge check" in page


def test_the_course_file_is_served_only_to_signed_in_people(client, course):
    course.content_file.save("guide.pdf", ContentFile(PDF))
    url = reverse("training:course-material", args=[course.slug])
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    no_file = OnDemandCourseFactory()
    assert client.get(reverse("training:course-material", args=[no_file.slug])).status_code == 404


def test_the_admin_edits_questions_inline_and_refuses_a_fake_file(client, campaign_admin):
    course = OnDemandCourseFactory()
    client.force_login(campaign_admin)
    change = reverse("admin:training_course_change", args=[course.pk])
    page = client.get(change).content.decode()
    assert "questions-TOTAL_FORMS" in page
    data = {
        "title_en": course.title,
        "slug": course.slug,
        "summary_en": course.summary,
        "format": "web_based",
        "duration_minutes": 60,
        "pass_mark": 80,
        "issues_certificates": "on",
        "published": "on",
        "content_file": SimpleUploadedFile("course.pdf", b"<html><script>x</script></html>"),
        "questions-TOTAL_FORMS": 1,
        "questions-INITIAL_FORMS": 0,
        "questions-0-position": 1,
        "questions-0-text": "Who can be a victim?",
        "questions-0-choices": "Anyone\nOnly foreigners",
        "questions-0-correct_choice": 3,
        "sessions-TOTAL_FORMS": 0,
        "sessions-INITIAL_FORMS": 0,
    }
    page = client.post(change, data).content.decode()
    assert "Web pages (HTML) are not accepted" in page and "only 2 choices" in page
    data["content_file"] = SimpleUploadedFile("course.pdf", PDF)
    data["questions-0-correct_choice"] = 1
    assert client.post(change, data).status_code == 302
    course.refresh_from_db()
    assert course.questions.get().choice_list == ["Anyone", "Only foreigners"]
    assert course.content_file
    page = client.get(change)
    assert page.status_code == 200  # private storage has no URL: the widget links the view
    material_url = reverse("training:course-material", args=[course.slug])
    assert f'href="{material_url}"' in page.content.decode()


def test_passing_again_after_a_revocation_does_not_promise_a_certificate(
    client, course, campaign_admin
):
    """A revoked certificate stays revoked: the pass is recorded, and the message says so
    instead of pointing to a certificate that cannot be downloaded."""
    person = UserFactory()
    first = services.submit_knowledge_check(user=person, course=course, answers=answers(course))
    services.revoke_certificate(
        certificate=first.certificate, revoked_by=campaign_admin, reason="Shared answers."
    )
    client.force_login(person)
    data = {f"q{pk}": choice for pk, choice in answers(course).items()}
    page = client.post(
        reverse("training:knowledge-check", args=[course.slug]), data, follow=True
    ).content.decode()
    assert "You passed with 100%" in page
    assert "Your certificate is in My trainings" not in page
    assert "was revoked" in page
    assert Certificate.objects.get(user=person).is_revoked


def test_passing_again_points_to_the_certificate_already_held(client, course):
    person = UserFactory()
    services.submit_knowledge_check(user=person, course=course, answers=answers(course))
    client.force_login(person)
    data = {f"q{pk}": choice for pk, choice in answers(course).items()}
    page = client.post(
        reverse("training:knowledge-check", args=[course.slug]), data, follow=True
    ).content.decode()
    assert "Your certificate is in My trainings." in page and "on its way" not in page


@pytest.mark.parametrize(
    "stored_name, content, content_type",
    [
        ("courses/legacy.html", PDF, "application/pdf"),
        ("courses/legacy.js", b"ID3\x03\x00\x00\x00\x00\x00\x0f" + bytes(64), "audio/mpeg"),
    ],
)
def test_a_course_file_is_served_as_its_content_says_in_a_sandbox(
    client, course, stored_name, content, content_type
):
    """A file stored before uploads were checked, named .html or .js, still cannot run script
    on the portal's origin: its type comes from its content, with nosniff and a sandbox."""
    name = course.content_file.storage.save(stored_name, ContentFile(content))
    type(course).objects.filter(pk=course.pk).update(content_file=name)
    client.force_login(UserFactory())
    response = client.get(reverse("training:course-material", args=[course.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Disposition"].startswith("inline")
    assert ".html" not in response["Content-Disposition"]
    assert ".js" not in response["Content-Disposition"]


def test_a_course_file_of_unknown_content_is_an_attachment(client, course):
    name = course.content_file.storage.save(
        "courses/page.html", ContentFile(b"<script>x</script>")
    )
    type(course).objects.filter(pk=course.pk).update(content_file=name)
    client.force_login(UserFactory())
    response = client.get(reverse("training:course-material", args=[course.slug]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"
