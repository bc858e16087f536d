from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

import partners.urls
from campaign.site import organizations, views
from campaign.site.feeds import NewsAtomFeed, NewsRSSFeed
from campaign.site.sitemaps import SITEMAPS

handler500 = "campaign.site.views.server_error"

# The partners pages, with the organization's own pages that list trainings and materials.
partner_pages = [
    *partners.urls.urlpatterns,
    path(
        "<slug:slug>/",
        organizations.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path("<slug:slug>/manage/", organizations.RosterView.as_view(), name="manage-roster"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("get-help/", views.GetHelpView.as_view(), name="get-help"),
    path("pillars/<slug:slug>/", views.PillarDetailView.as_view(), name="pillar-detail"),
    path("news/", views.NewsListView.as_view(), name="news-list"),
    path("news/feed/rss/", NewsRSSFeed(), name="news-rss"),
    path("news/feed/atom/", NewsAtomFeed(), name="news-atom"),
    path("news/<slug:slug>/", views.NewsDetailView.as_view(), name="news-detail"),
    path(
        "news/<slug:slug>/preview/",
        views.NewsDetailView.as_view(preview=True),
        name="news-preview",
    ),
    path("impact/", views.ImpactView.as_view(), name="impact"),
    path("impact/impact.csv", views.ImpactCSVView.as_view(), name="impact-csv"),
    path("impact/impact.json", views.ImpactJSONView.as_view(), name="impact-json"),
    path("plan/", views.PlanView.as_view(), name="plan"),
    # An index of sitemaps, each paginated (at scale one sitemap was 9.6 MB).
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("accounts/", include("allauth.urls")),
    path("partners/", include((partner_pages, partners.urls.app_name))),
    path("trainings/", include("training.urls")),
    path("certificates/", include("training.certificate_urls")),
    path("materials/", include("resources.urls")),
    path("admin/", admin.site.urls),
    # A bare view to compare the pages' speed against (no data, GET only).
    path("bench/", include("bench.urls")),
]

if settings.DEBUG:
    urlpatterns.append(path("media/<path:name>", views.public_media, name="public-media"))
