import os
import secrets
import subprocess
import sys

import pytest

KEEP = ("PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV")


def production_env(tmp_path, **extra: str) -> dict[str, str]:
    """What an operator sets in production, and nothing the test plugin adds (DEBUG, SECURE…)."""
    env = {name: os.environ[name] for name in KEEP if name in os.environ}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="rembug.example.go.id",
        DATABASE_URL=f"sqlite:///{tmp_path / 'rembug.sqlite3'}",
        REMBUG_VAR_DIR=str(tmp_path / "var"),
        **extra,
    )
    return env


def deploy_check(tmp_path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rembug", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path, **extra),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_production_settings_pass_the_deploy_check(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_does_catch_a_debug_site(tmp_path):
    # The control: the same command fails when the settings are not fit for production.
    result = deploy_check(tmp_path, DEBUG="1", SECURE="0")
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on in deployment


def test_the_deploy_check_fails_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-m", "rembug", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "setting", ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"]
)
def test_https_settings_are_on_by_default(tmp_path, setting):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rembug",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; "
            f"print(settings.{setting}, settings.SECURE_HSTS_SECONDS)",
        ],
        env=production_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split()[-2:] == ["True", "31536000"]


def test_the_secret_key_may_come_from_a_file(tmp_path):
    # Container secrets arrive as files; SECRET_KEY_FILE must satisfy the deploy check too.
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(50) + "\n", encoding="utf-8")
    env = production_env(tmp_path, SECRET_KEY_FILE=str(key_file))
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-m", "rembug", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
