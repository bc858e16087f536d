"""Public forms that send something (an order, a message) accept a few posts per client
address and hour, counted by django-ratelimit in the cache."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited


class RateLimitedPostMixin:
    """For a FormView: each POST is counted per client address under `rate_group`, at the
    rate the setting named `rate_setting` gives. Over it, the form comes back with
    `rate_message` and status 429, and nothing is done."""

    rate_group = ""
    rate_setting = ""
    rate_message = ""

    def post(self, request, *args, **kwargs):
        limited = is_ratelimited(
            request,
            group=self.rate_group,
            key="ip",
            rate=getattr(settings, self.rate_setting),
            method="POST",
            increment=True,
        )
        form = self.get_form()
        if limited:
            form.is_valid()
            form.add_error(None, self.rate_message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)
