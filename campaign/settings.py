"""Settings for the Blue Campaign Partner Portal.

Every value comes from the environment, with a default that is safe for development.
`ENVIRONMENT=production` turns on the production guards: a secret key is required and
cookies, HSTS and HTTPS redirects are on. `.env.example` lists every variable.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

from campaign import certificate_settings
from campaign.database_settings import database_from_env
from campaign.env import env_bool, env_int, env_list, env_str
from campaign.logging import logging_config
from campaign.storage import bucket_storages

BASE_DIR = Path(__file__).resolve().parent.parent


# --- Environment -------------------------------------------------------------------------

ENVIRONMENT = env_str("ENVIRONMENT", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("ENVIRONMENT must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", not PRODUCTION)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production refuses to start without a secret key: "
            "set SECRET_KEY to a long random value."
        )
    SECRET_KEY = "development-only-key-never-used-in-production-0123456789abcdefghij"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# --- Applications ------------------------------------------------------------------------

INSTALLED_APPS = [
    # Before the admin: it patches the admin's forms with a field per language.
    "modeltranslation",
    "campaign.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "campaign",
    "partners",
    "training",
    "resources",
    "bench",
]

MIDDLEWARE = [
    # Health probes first: before host checks and HTTPS redirects (probes come by address).
    "campaign.health.HealthCheckMiddleware",
    "campaign.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compression sees the final body; ETag and 304 are decided on the uncompressed one.
    "campaign.middleware.BreachSafeCompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything that reads the session or the database.
    "campaign.middleware.ControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware: picks the language from the URL prefix.
    "django.middleware.locale.LocaleMiddleware",
    # Kept public pages for anonymous visitors: nothing below runs for them (page_cache.py).
    "campaign.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs sign-in unless its view is marked public (campaign.public).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "campaign.middleware.SessionLifetimeMiddleware",
    "campaign.middleware.RefusedAccessLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "campaign.urls"
WSGI_APPLICATION = "campaign.wsgi.application"
ASGI_APPLICATION = "campaign.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "campaign.context_processors.portal",
            ],
        },
    },
]
FORM_RENDERER = "campaign.forms.PortalFormRenderer"

# --- Database ----------------------------------------------------------------------------

DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # While Redis is unreachable each process falls back to its own memory (campaign/cache.py);
    # short timeouts make an unreachable Redis cost at most a second before that.
    CACHES = {"default": {"BACKEND": "campaign.cache.FallbackRedisCache", "LOCATION": REDIS_URL}}
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 1}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a kept public page may be served (every write retires them all at once).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)

# --- Accounts and sessions ---------------------------------------------------------------

AUTH_USER_MODEL = "campaign.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "campaign.adapters.PortalAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "campaign.forms.SignupDetailsForm"
ACCOUNT_FORMS = {"login": "campaign.account_forms.PortalLoginForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
# Shared and public devices are common in the field: never offer "remember me".
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "send_code": "5/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {
    "authenticate": "campaign.account_forms.PortalAuthenticateForm",
    "reauthenticate": "campaign.account_forms.PortalReauthenticateForm",
}

# Idle timeout: the session expires this long after it was last renewed, which a request
# does once a minute at most; the absolute lifetime: both in SessionLifetimeMiddleware.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 30))
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=env_int("SESSION_ABSOLUTE_HOURS", 12))
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())
SESSION_RENEW_SECONDS = 60

# --- Security ----------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env_str("SECURE_REFERRER_POLICY", "same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix pins the cookie to this host, over HTTPS, for the whole path.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Stated, not left to default-src: scripts come only from the portal's own files.
        "script-src": [SELF],
        # allauth shows the authenticator QR code as a data: image.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Email -------------------------------------------------------------------------------

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Where the file backend (django.core.mail.backends.filebased) writes messages.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or None
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Blue Campaign Partner Portal <noreply@localhost>"
)
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Background tasks ------------------------------------------------------------------

# Email is sent from tasks. The immediate backend runs them at once (development, tests);
# production sets TASKS_BACKEND=django_tasks_db.DatabaseBackend and runs `db_worker`.
# Job modules outside the apps (`<app>/jobs.py` are found by themselves).
SCHEDULED_JOB_MODULES = ["campaign.site.jobs"]

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}
# A message the mail server refuses is tried this many times in all (waits double from a
# minute) before it is recorded as a failed email; needs a backend that defers tasks.
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 5)
# A task still running this long after it started is taken for one whose worker was killed.
TASKS_STALLED_SECONDS = env_int("TASKS_STALLED_SECONDS", 900)
# Finished tasks and sent-email keys are deleted after this many days.
TASKS_RETENTION_DAYS = env_int("TASKS_RETENTION_DAYS", 30)
# /readyz fails when no task has finished for this long while tasks wait.
READYZ_WORKER_SECONDS = env_int("READYZ_WORKER_SECONDS", 300)

# --- Time and language -------------------------------------------------------------------

LANGUAGE_CODE = "en"
# The portal's own languages (each named in itself, as the selector shows it). Adding one
# is a line here, a locale/<code>/LC_MESSAGES/django.po file and its dates (campaign/dates.py).
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Typed content (news, pillars, courses...) has a column per language; an empty one shows
# the English text (campaign/typed_content.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# --- Static and media files --------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
USWDS_DIST = BASE_DIR / "node_modules" / "@uswds" / "uswds" / "dist"
STATICFILES_DIRS = [BASE_DIR / "static"] + [
    (f"uswds/{part}", USWDS_DIST / part) for part in ("css", "js", "fonts", "img")
]
STATICFILES_FINDERS = [
    "campaign.static_finders.FileSystemFinderWithoutUnusedIcons",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files no URL serves directly (agreement documents, partner-only files): views check access.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "campaign.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed files get a year of caching from whitenoise; others an hour.
WHITENOISE_MAX_AGE = 3600
# Source maps (read by developer tools) and TrueType fonts (browsers take the WOFF2 the
# stylesheet names first) are not worth compressing at every release.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br"),
    *("woff", "woff2", "mp4", "webm", "map", "ttf"),
]

# --- Logging -----------------------------------------------------------------------------

# One JSON object per line in production (LOG_FORMAT=json), text in development; every
# record carries the request id of the request (or task) it was made in.
LOG_FORMAT = env_str("LOG_FORMAT") or ("json" if PRODUCTION else "text")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env_str("LOG_LEVEL", "INFO"))

# Errors go to Sentry only when SENTRY_DSN is set, with personal data scrubbed.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from campaign.sentry import init_sentry

    init_sentry(dsn=SENTRY_DSN, environment=ENVIRONMENT)

# --- Portal ------------------------------------------------------------------------------

SITE_NAME = env_str("SITE_NAME", gettext_noop("Blue Campaign Partner Portal"))
# The portal's public address, for links in emails sent outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
SHOW_OFFICIAL_BANNER = env_bool("SHOW_OFFICIAL_BANNER", False)
OFFICIAL_BANNER_TEXT = env_str(
    "OFFICIAL_BANNER_TEXT", gettext_noop("An official website of the United States government")
)
# Where "Exit this page" sends a person: a neutral site that gives nothing away.
EXIT_PAGE_URL = env_str("EXIT_PAGE_URL", "https://www.weather.gov/")
HOTLINES = [
    {
        "name": env_str("HOTLINE_NAME", gettext_noop("National Human Trafficking Hotline")),
        "phone": env_str("HOTLINE_PHONE", "1-888-373-7888"),
        "text": env_str("HOTLINE_TEXT", "233733"),
    },
    {
        "name": env_str("TIPLINE_NAME", gettext_noop("HSI Tip Line")),
        "phone": env_str("TIPLINE_PHONE", "1-866-347-2423"),
        "text": "",
    },
]
EMERGENCY_NUMBER = env_str("EMERGENCY_NUMBER", "911")
# How long before a session `send_training_reminders` emails the people registered.
TRAINING_REMINDER_HOURS = env_int("TRAINING_REMINDER_HOURS", 24)
# How long the "give my seat back" link in a promotion email works (it also stops at the start).
TRAINING_GIVE_BACK_HOURS = env_int("TRAINING_GIVE_BACK_HOURS", 72)
EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX

# --- Resources (materials library and print orders) ---------------------------------------

# Largest file an admin may upload as a material, in megabytes.
RESOURCE_MAX_UPLOAD_MB = env_int("RESOURCE_MAX_UPLOAD_MB", 50)
# django-ratelimit rate for print-order submissions from one IP address.
RESOURCE_ORDER_RATE = env_str("RESOURCE_ORDER_RATE", "5/h")
# django-ratelimit rate for contact-form messages from one IP address.
CONTACT_RATE = env_str("CONTACT_RATE", "5/h")
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
# Behind a proxy every client arrives from the proxy's address: name the header that carries
# the client's own (for example HTTP_X_REAL_IP, as the proxy sets it) so each is counted apart.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY") or None
# Private files (partner-only materials, agreements) and public uploads (logos, thumbnails)
# move to S3-compatible buckets when AWS_STORAGE_BUCKET_NAME / PUBLIC_MEDIA_BUCKET are set
# (campaign/storage.py says how).
STORAGES.update(bucket_storages())
PUBLIC_MEDIA_BUCKET = env_str("PUBLIC_MEDIA_BUCKET")
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG) and not PUBLIC_MEDIA_BUCKET

# --- Attendance and certificates ------------------------------------------------------

# The self check-in code on a trainer's screen changes every this many minutes.
TRAINING_CHECK_IN_MINUTES = env_int("TRAINING_CHECK_IN_MINUTES", 5)
# Check-in opens this long before a session starts (and closes when it ends).
TRAINING_CHECK_IN_OPENS_MINUTES = env_int("TRAINING_CHECK_IN_OPENS_MINUTES", 30)
# Public certificate verification, per client address (django-ratelimit's rate syntax).
CERTIFICATE_VERIFY_RATE = env_str("CERTIFICATE_VERIFY_RATE", "30/m")
# Who the certificate PDF names as its issuer.
CERTIFICATE_ISSUER = env_str("CERTIFICATE_ISSUER", SITE_NAME)
CERTIFICATE_REMINDER_DAYS = certificate_settings.reminder_days()
OPEN_BADGES_SIGNING_KEY = certificate_settings.open_badges_signing_key(production=PRODUCTION)

# --- Campaign site (sitemap.xml's template comes from the sitemaps app) ------------------
INSTALLED_APPS += ["django.contrib.sitemaps"]

# --- Kept in their own modules: the completions API and webhooks, the retention periods.
from campaign.api_settings import *  # noqa: E402, F403
from campaign.retention_settings import *  # noqa: E402, F403

WEBHOOK_ALLOW_LOCAL = env_bool("WEBHOOK_ALLOW_LOCAL", DEBUG) and not PRODUCTION  # dev receivers
