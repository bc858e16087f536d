from django.http import HttpResponseServerError
from django.template import loader
from django.views.generic import TemplateView

from campaign.context_processors import navigation, portal_settings, reverse_if_exists
from campaign.models import Pillar
from resources.queries import featured_materials

CALLS_TO_ACTION = [
    (
        "Find awareness materials",
        "Posters, indicator cards and guides to download or order in print.",
        "resources:resource-list",
    ),
    (
        "Find a training",
        "Webinars, roll-call videos and classroom sessions for your staff.",
        "training:catalog",
    ),
    (
        "Become a partner",
        "Bring the campaign to your agency, association or organization.",
        "partners:apply",
    ),
    (
        "Get help",
        "How to report a suspected case and where victims can find help.",
        "get-help",
    ),
]


class HomeView(TemplateView):
    template_name = "campaign/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pillars"] = Pillar.objects.all()
        context["featured_materials"] = featured_materials(3)
        context["calls_to_action"] = [
            {"title": title, "text": text, "url": url}
            for title, text, url_name in CALLS_TO_ACTION
            if (url := reverse_if_exists(url_name))
        ]
        return context


class GetHelpView(TemplateView):
    template_name = "campaign/get_help.html"
    extra_context = {"crumbs": [("Get help", None)]}


def server_error(request):
    """The 500 page in the layout, rendered without the request: whatever failed may fail again."""
    context = {**portal_settings(), **navigation("")}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
