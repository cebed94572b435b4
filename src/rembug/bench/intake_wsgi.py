"""The intake benchmark's server (``bench/intake.py``): Rembug's WSGI application, and — only
for the benchmark's diagnostic run (``--diagnose-without-summary``, environment variable
``INTAKE_WITHOUT_SUMMARY=1``) — with the report summary's save receiver disconnected, to show
what keeping the summary costs each report. Never a production configuration."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rembug.bench.intake_settings")
application = get_wsgi_application()

if os.environ.get("INTAKE_WITHOUT_SUMMARY") == "1":
    from django.db.models.signals import post_save

    from rembug.complaints.models import Complaint

    post_save.disconnect(sender=Complaint, dispatch_uid="complaint_summary_save")
