"""Settings of the partners' completions API, read from the environment. They live here
because campaign/settings.py, which imports them, is kept under 400 lines."""

from campaign.env import env_int, env_str

# Rows in one page of the completions feed.
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 100)
# Requests one token may make (django-ratelimit's rate syntax); over it the API answers 429.
API_RATE = env_str("API_RATE", "60/m")
# Days the log of each token's requests is kept before the scheduled job trims it.
API_TOKEN_USE_DAYS = env_int("API_TOKEN_USE_DAYS", 90)

# --- Webhooks (partners' certificate events) ---
# Tries of one delivery in all; the waits between them are WEBHOOK_RETRY_DELAYS, then 2 h.
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 5)
# Seconds the portal waits for a partner's receiver to answer one delivery.
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)
# Days the delivery log is kept before the scheduled job trims it.
WEBHOOK_DELIVERY_DAYS = env_int("WEBHOOK_DELIVERY_DAYS", 30)
