"""Rembug settings, driven by environment variables with safe production defaults.

The demo and the tests set what they need explicitly (see ``rembug.cli`` and
``rembug.testing.plugin``); nothing here turns on debugging by itself.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rembug.env import env_bool, env_int, env_list, env_secret, env_str

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("REMBUG_VAR_DIR", str(Path.cwd() / "var")))

DEBUG = env_bool("DEBUG", default=False)
# Without SECRET_KEY Django refuses to serve (it raises on first use); DEBUG gets a local key.
SECRET_KEY = env_secret("SECRET_KEY") or (
    "insecure-development-key-only-for-debug" if DEBUG else ""
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rembug.core",
    "rembug.accounts",
    "rembug.regions",
    "rembug.nomenclature",
    "rembug.governments",
    "rembug.planning",
    "rembug.triage",
    "rembug.complaints",
    "rembug.moderation",
    "rembug.forums",
    "rembug.ppid",
    "rembug.monitoring",
    "rembug.portal",
    "rembug.search",
    "rembug.demo",
    "ninja",  # only for its bundled Swagger UI static files (served from 'self' under our CSP)
    "rembug.lapor",
    "rembug.api",
    "rembug.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rembug.core.middleware.content_security_policy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rembug.core.middleware.indonesian_first",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rembug.accounts.middleware.two_factor_enrolment",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rembug.governments.middleware.GovernmentMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rembug.urls"
WSGI_APPLICATION = "rembug.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rembug.governments.context_processors.government",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rembug.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE avoids lock upgrades that fail.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lockout after repeated failed logins (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "rembug.accounts.views.locked_out"  # renders the template above, status 429
# Behind N reverse proxies the client address comes from X-Forwarded-For (see accounts/client_ip).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "rembug.accounts.client_ip.client_ip_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Two-step sign-in (TOTP): required for coordinators and administrators; wrong codes block a while.
TWO_FACTOR_FAILURE_LIMIT = env_int("TWO_FACTOR_FAILURE_LIMIT", 5)
TWO_FACTOR_COOLOFF = timedelta(minutes=env_int("TWO_FACTOR_COOLOFF_MINUTES", 15))
# Set only by `rembug demo` (and honoured only with DEBUG): the code page shows the current code
# of the demo accounts, so that a newcomer can sign in as a coordinator without an app.
REMBUG_DEMO = env_bool("REMBUG_DEMO", default=False)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The shared CSS, JS and vendored files live in the package, outside any app's static folder.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Public forms carry a honeypot and a time stamp (rembug.moderation.humans); FORM_HUMAN_CHECK=0
# turns the check off (the test suite does, except in the tests of the check itself).
FORM_HUMAN_CHECK = env_bool("FORM_HUMAN_CHECK", True)
FORM_MIN_SECONDS = env_int("FORM_MIN_SECONDS", 3)
# Rate limits on what residents publish, per account and per address (rembug.moderation), e.g.
# RATE_LIMITS=report=10/h,forum_input=10/h,comment=30/h,flag=30/h,account=5/h,ppid_request=10/h,
# ppid_objection=10/h (the defaults).
RATE_LIMITS = {
    key.strip(): rate.strip()
    for key, _sep, rate in (item.partition("=") for item in env_list("RATE_LIMITS", []))
    if rate
}
# Phone verification: dotted path of an SMS gateway class with send(phone, text); none: log.
SMS_SENDER = env_str("SMS_SENDER", "")

# Background work (Django's Tasks API): queued in the database and run by `rembug db_worker`
# (the demo starts one beside its server). TASKS_BACKEND=immediate runs each task at once, in
# the process that queued it (the tests do).
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = env_str("TASKS_BACKEND", "database")
if _tasks_backend not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {sorted(TASKS_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[_tasks_backend]}}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "rembug@localhost")
# The public address of this site, for links in e-mails sent by background tasks (no request
# there to read it from), e.g. https://rembug.serangkota.go.id; empty: the address of the
# request that queued the e-mail.
SITE_URL = env_str("SITE_URL", "")

# Security defaults; HTTPS-only settings follow SECURE (on unless the demo or tests say otherwise).
SECURE = env_bool("SECURE", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31_536_000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
