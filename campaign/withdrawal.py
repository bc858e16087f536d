"""The address a deleted account keeps. Its row stays (its past trainings still count) under
an address in the domain reserved never to exist (RFC 2606), so nothing reaches anyone
through it and the address the person used is free again."""

WITHDRAWN_DOMAIN = "deleted.invalid"


def withdrawn_email(user_id: int) -> str:
    return f"deleted-{user_id}@{WITHDRAWN_DOMAIN}"


def is_withdrawn(email: str) -> bool:
    return email.lower().endswith("@" + WITHDRAWN_DOMAIN)
