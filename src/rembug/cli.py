"""The ``rembug`` command: Django's management commands with Rembug's settings preset.

Sub-commands may be written with hyphens (``rembug import-regions``); they map to the
management command of the same name with underscores.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rembug.settings")
    if len(args) > 1 and args[1] == "demo":
        # The demo is a development server on this machine: debugging and plain HTTP are expected.
        os.environ.setdefault("DEBUG", "1")
        os.environ.setdefault("SECURE", "0")
        # Demo accounts' two-step codes are shown on the code page (see accounts.views._demo_code).
        os.environ.setdefault("REMBUG_DEMO", "1")
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    # The default SQLite database, static files and uploads live under var/; make sure it exists.
    Path(os.environ.get("REMBUG_VAR_DIR", "var")).mkdir(parents=True, exist_ok=True)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
