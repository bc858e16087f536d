"""Every page needs a signed-in person (LoginRequiredMiddleware) unless marked public here."""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator


def public(view_class):
    """Marks a class-based view as open to anonymous visitors."""
    return method_decorator(login_not_required, name="dispatch")(view_class)
