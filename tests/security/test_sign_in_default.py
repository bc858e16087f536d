"""Sign-in is required by default: a page is open to anonymous visitors only when its view
is marked public, and this list is the whole of them."""

from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_PAGES = {
    "home", "get-help", "pillar-detail", "news-list", "news-rss", "news-atom", "news-detail",
    "news-preview", "impact", "impact-csv", "impact-json", "plan", "sitemap", "robots",
    "search", "about", "privacy", "accessibility", "contact",
    "partners:directory", "partners:apply", "partners:invitation", "partners:organization-detail",
    "training:catalog", "training:course-detail", "training:session-detail",
    "training:session-calendar", "training:public-feed", "training:audience-feed",
    "training:personal-feed", "training:organization-feed", "training:give-back",
    "certificates:lookup", "certificates:verify", "certificates:verify-json", "open-badges-jwks",
    "resources:resource-list", "resources:resource-detail", "resources:resource-download",
    "resources:order", "resources:order-thanks", "bench:bare", "set_language", "sitemap-section",
    # The completions API: a token, not a session, is its credential (tests/training/test_api.py).
    "api-docs", "api-v1:completions", "api-v1:openapi-json", "api-v1:api-root",
}  # fmt: skip


def project_pages(patterns, namespace=""):
    """(name, view) for each page of the portal's own apps (not the admin or allauth)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_name, "__name__", "")
            if pattern.app_name == "admin" or module.startswith("allauth"):
                continue
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from project_pages(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name != "public-media":
            yield f"{namespace}{pattern.name}", pattern.callback


def test_only_the_listed_pages_are_open_without_sign_in():
    public = {
        name
        for name, view in project_pages(get_resolver().url_patterns)
        if not getattr(view, "login_required", True)
    }
    assert public == PUBLIC_PAGES


def test_a_private_page_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/trainings/mine/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/trainings/mine/"
