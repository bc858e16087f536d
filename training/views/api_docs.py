"""The completions API's documentation page: public, translated, under the site's CSP."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from campaign.public import public
from training.api.completions import CSV_HEADER


@public
class ApiDocsView(TemplateView):
    template_name = "training/api_docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        endpoint = self.request.build_absolute_uri(reverse("api-v1:completions"))
        context.update(
            endpoint=endpoint,
            schema_url=reverse("api-v1:openapi-json"),
            page_size=settings.API_PAGE_SIZE,
            rate=settings.API_RATE,
            csv_columns=CSV_HEADER,
            crumbs=[(_("Completions API"), None)],
        )
        return context
