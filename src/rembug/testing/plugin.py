"""Rembug's pytest plugin: test settings, standing users for every role, query-count helpers and
the browser (Playwright driving the system Chromium). Loaded by ``-p rembug.testing.plugin``."""

from __future__ import annotations

import os

# Settings the tests need, set before Django reads them. Production defaults stay strict;
# the tests run over plain HTTP against a live server on loopback.
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE", "0")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("FORM_HUMAN_CHECK", "0")
os.environ.setdefault("TASKS_BACKEND", "immediate")
# Playwright's sync API keeps an event loop in the main thread; the ORM calls in browser tests
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from rembug.testing.browser import *  # noqa: F403
from rembug.testing.fixtures import *  # noqa: F403
