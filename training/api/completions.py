"""GET /api/v1/completions: a token's organization's people's attended sessions and
certificates since a date, with its sub-organizations', as JSON or CSV, a page at a time."""

from datetime import date
from typing import Literal
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import translation
from ninja import Query, Router, Schema

from campaign.csv_export import csv_response
from partners.queries import descendant_ids
from training.report_queries import FeedCompletion, completions_since

router = Router(tags=["completions"])

# Far past any real page; keeps the offset a number the database takes.
LAST_PAGE = 100_000
CSV_HEADER = [
    "name",
    "email",
    "organization",
    "course",
    "session_date",
    "hours",
    "status",
    "certificate_code",
    "certificate_issued_on",
    "certificate_verify_url",
    "certificate_revoked",
    "certificate_revoked_on",
]


class CertificateOut(Schema):
    code: str
    issued_on: date | None
    verify_url: str
    revoked: bool
    revoked_on: date | None


class CompletionOut(Schema):
    name: str
    email: str
    organization: str | None
    course: str
    session_date: date | None
    hours: float
    status: str
    certificate: CertificateOut | None


class CompletionPage(Schema):
    since: date
    page: int
    page_size: int
    next: str | None
    results: list[CompletionOut]


class Error(Schema):
    detail: str


def verify_url(request: HttpRequest, code: str) -> str:
    # In the site's first language: the address does not follow the caller's Accept-Language.
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse("certificates:verify", args=[code]))


def as_json(request: HttpRequest, row: FeedCompletion) -> dict:
    link = verify_url(request, row.certificate_code) if row.certificate_code else ""
    return row_json(row, verify_url=link)


def row_json(row: FeedCompletion, *, verify_url: str) -> dict:
    """A completion as the feed's JSON tells it (webhook events carry the same)."""
    certificate = None
    if row.certificate_code:
        certificate = {
            "code": row.certificate_code,
            "issued_on": row.certificate_issued_on,
            "verify_url": verify_url,
            "revoked": row.certificate_revoked_on is not None,
            "revoked_on": row.certificate_revoked_on,
        }
    return {
        "name": row.name,
        "email": row.email,
        "organization": row.organization,
        "course": row.course,
        "session_date": row.session_date,
        "hours": row.hours,
        "status": row.status,
        "certificate": certificate,
    }


def as_csv(request: HttpRequest, row: FeedCompletion) -> list:
    code = row.certificate_code
    return [
        row.name,
        row.email,
        row.organization or "",
        row.course,
        row.session_date.isoformat() if row.session_date else "",
        row.hours,
        row.status,
        code or "",
        row.certificate_issued_on.isoformat() if row.certificate_issued_on else "",
        verify_url(request, code) if code else "",
        ("yes" if row.certificate_revoked_on else "no") if code else "",
        row.certificate_revoked_on.isoformat() if row.certificate_revoked_on else "",
    ]


def wants_csv(request: HttpRequest, output: str | None) -> bool:
    if output is not None:
        return output == "csv"
    return "text/csv" in request.headers.get("Accept", "")


@router.get(
    "/completions",
    url_name="completions",
    response={200: CompletionPage, 401: Error, 429: Error},
    summary="Completions and certificates since a date",
    description=(
        "Completions of the people of the token's organization and of its "
        "sub-organizations since `since`, oldest first, with their certificates: sessions "
        "attended (status `attended`) that started on or after that day, and on-demand "
        "courses passed (status `passed_online`, no session date) whose certificate was "
        "issued since. A page holds a fixed number of rows; `next` (and the `Link` header) "
        "gives the next page. Ask for CSV with `format=csv` or `Accept: text/csv`."
    ),
)
def completions(
    request: HttpRequest,
    since: date,
    page: int = Query(1, ge=1, le=LAST_PAGE),
    output: Literal["json", "csv"] | None = Query(None, alias="format"),
):
    token = request.auth
    size = settings.API_PAGE_SIZE
    rows = completions_since(
        descendant_ids({token.organization_id}),
        since=since,
        offset=(page - 1) * size,
        limit=size + 1,
    )
    has_next = len(rows) > size
    rows = rows[:size]
    request.api_rows = len(rows)
    csv = wants_csv(request, output)
    next_url = None
    if has_next:
        query = {"since": since.isoformat(), "page": page + 1}
        if output:
            query["format"] = output
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode(query)}")
    if csv:
        response = csv_response(
            filename=f"completions-since-{since.isoformat()}-page-{page}.csv",
            header=CSV_HEADER,
            rows=(as_csv(request, row) for row in rows),
        )
    else:
        response = JsonResponse(
            CompletionPage(
                since=since,
                page=page,
                page_size=size,
                next=next_url,
                results=[as_json(request, row) for row in rows],
            ).model_dump(mode="json")
        )
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return response
