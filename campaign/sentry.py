"""Sentry, only when SENTRY_DSN is set, with personal data taken out of every event."""

import re

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
SCRUBBED = "[scrubbed]"
# Keys whose values are personal or secret wherever they appear in an event.
PERSONAL_KEYS = {
    "email",
    "name",
    "first_name",
    "last_name",
    "password",
    "cookie",
    "cookies",
    "authorization",
    "x-csrftoken",
    "ip_address",
    "sessionid",
    "token",
}


def scrub(value):
    """`value` with email addresses replaced and personal keys' values removed, recursively."""
    if isinstance(value, str):
        return EMAIL_PATTERN.sub(SCRUBBED, value)
    if isinstance(value, dict):
        return {
            key: SCRUBBED if str(key).lower() in PERSONAL_KEYS else scrub(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(scrub(item) for item in value)
    return value


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's before_send: no cookies, no user but its id, no address or name anywhere."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    return scrub(event)


def init_sentry(*, dsn: str, environment: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        before_send=scrub_event,
        traces_sample_rate=0,
    )
