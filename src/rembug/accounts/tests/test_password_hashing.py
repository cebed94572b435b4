import os
import subprocess
import sys

from django.conf import settings

SNIPPET = (
    "from django.conf import settings; from django.contrib.auth.hashers import make_password; "
    "print(settings.PASSWORD_HASHERS[0]); print(make_password('uji'))"
)


def test_argon2_is_the_production_hasher():
    # The test plugin swaps in MD5 for speed, so ask a fresh process with the real settings.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rembug.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "rembug", "shell", "--no-imports", "-c", SNIPPET],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    first_hasher, encoded = result.stdout.split()[-2:]
    assert first_hasher == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert encoded.startswith("argon2$argon2id$")


def test_the_test_run_uses_a_fast_hasher_only_for_itself():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
