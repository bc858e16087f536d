from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

import partners.urls
import training.api
from campaign.site import contact, organizations, search, views
from campaign.site.feeds import NewsAtomFeed, NewsRSSFeed
from campaign.site.privacy import views as privacy
from campaign.site.sitemaps import SITEMAPS
from training.views import certificates
from training.views.api_docs import ApiDocsView

handler500 = "campaign.site.views.server_error"

# The partners pages, with the organization's own pages that list trainings and materials.
organization_pages = [
    path("", organizations.OrganizationDetailView.as_view(), name="organization-detail"),
    path("manage/", organizations.RosterView.as_view(), name="manage-roster"),
    path("manage/roster.csv", organizations.RosterCSVView.as_view(), name="manage-roster-csv"),
]
partner_pages = [*partners.urls.urlpatterns, path("<slug:slug>/", include(organization_pages))]

# news/: the list, a feed per language (English at the old address, Spanish at
# /es/news/feed/...) and each story.
news_pages = [
    path("", views.NewsListView.as_view(), name="news-list"),
    path("feed/rss/", login_not_required(NewsRSSFeed()), name="news-rss"),
    path("feed/atom/", login_not_required(NewsAtomFeed()), name="news-atom"),
    path("<slug:slug>/", views.NewsDetailView.as_view(), name="news-detail"),
    path("<slug:slug>/preview/", views.NewsDetailView.as_view(preview=True), name="news-preview"),
]

# accounts/: the privacy pages of one's account, then allauth's (sign-in, sign-up, ...).
account_pages = [
    path("your-data/", privacy.YourDataView.as_view(), name="account-data"),
    path("your-data/download/", privacy.DataDownloadView.as_view(), name="account-data-download"),
    path("delete/", privacy.DeleteAccountView.as_view(), name="account-delete"),
    path("", include("allauth.urls")),
]

# Pages people read: English at the root, other languages under their prefix (/es/...).
urlpatterns = i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("get-help/", views.GetHelpView.as_view(), name="get-help"),
    path("pillars/<slug:slug>/", views.PillarDetailView.as_view(), name="pillar-detail"),
    path("news/", include(news_pages)),
    path("impact/", views.ImpactView.as_view(), name="impact"),
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("about/", contact.ContentPageView.as_view(slug="about"), name="about"),
    path("privacy/", contact.PrivacyPageView.as_view(), name="privacy"),
    path(
        "accessibility/",
        contact.ContentPageView.as_view(slug="accessibility"),
        name="accessibility",
    ),
    path("contact/", contact.ContactView.as_view(), name="contact"),
    path("accounts/", include(account_pages)),
    path("partners/", include((partner_pages, partners.urls.app_name))),
    path("trainings/", include("training.urls")),
    path("certificates/", include("training.certificate_urls")),
    path("materials/", include("resources.urls")),
    path("api/", ApiDocsView.as_view(), name="api-docs"),
    prefix_default_language=False,
)

# Machine-read addresses and the admin: one address whatever the language.
urlpatterns += [
    path("i18n/setlang/", views.set_language, name="set_language"),
    # The public key of Open Badges credentials (training.open_badges), at a fixed address.
    path(
        ".well-known/jwks.json",
        certificates.OpenBadgesKeySetView.as_view(),
        name="open-badges-jwks",
    ),
    path("impact/impact.csv", views.ImpactCSVView.as_view(), name="impact-csv"),
    path("impact/impact.json", views.ImpactJSONView.as_view(), name="impact-json"),
    # An index of sitemaps, each paginated (at scale one sitemap was 9.6 MB).
    path(
        "sitemap.xml",
        login_not_required(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        login_not_required(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    # The partners' completions API (a token per organization; training.api).
    path("api/v1/", training.api.urlpatterns()),
    path("admin/", admin.site.urls),
    # A bare view to compare the pages' speed against (no data, GET only).
    path("bench/", include("bench.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        path("media/<path:name>", login_not_required(views.public_media), name="public-media")
    )
