from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from campaign import views

handler500 = "campaign.views.server_error"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("get-help/", views.GetHelpView.as_view(), name="get-help"),
    path("accounts/", include("allauth.urls")),
    path("partners/", include("partners.urls")),
    path("trainings/", include("training.urls")),
    path("certificates/", include("training.certificate_urls")),
    path("materials/", include("resources.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
