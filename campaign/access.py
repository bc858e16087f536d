"""Who may do what, site-wide. Views, templates and tests ask these functions."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

# Whoever makes a request: a signed-in person or an anonymous visitor.
AnyUser = AbstractBaseUser | AnonymousUser


def has_mfa(user: AnyUser) -> bool:
    """True when the user has an authenticator app (TOTP) turned on."""
    return bool(user.is_authenticated and is_mfa_enabled(user, types=["totp"]))


def can_use_admin(user: AnyUser) -> bool:
    """Campaign admins reach the Django admin only as active staff with MFA turned on."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and has_mfa(user))


def can_see_news_post(user: AnyUser, post) -> bool:
    """Everyone sees a published post once its date has come."""
    return post.is_public


def can_preview_news_post(user: AnyUser, post) -> bool:
    """Drafts and scheduled posts are previewed by campaign admins only (those who edit them)."""
    return can_use_admin(user)
