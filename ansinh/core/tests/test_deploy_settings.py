import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run(env_overrides):
    test_only = {
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_SETTINGS_MODULE",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "STATIC_MANIFEST",
        "SECURE_HSTS_SECONDS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _run(
        {
            "SECRET_KEY": "x" * 60 + "production-like-key-0123456789",
            "ALLOWED_HOSTS": "ansinh.example",
            "ANSINH_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run({"ANSINH_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_yes_no_setting_with_a_typo_stops_the_start_and_names_the_variable(tmp_path):
    result = _run(
        {
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "ansinh.example",
            "ANSINH_VAR_DIR": str(tmp_path),
            "SESSION_COOKIE_SECURE": "ture",
        }
    )
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE='ture' is not a yes/no value" in result.stderr


def test_a_number_setting_that_is_not_a_number_stops_the_start(tmp_path):
    result = _run(
        {
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "ansinh.example",
            "ANSINH_VAR_DIR": str(tmp_path),
            "SECURE_HSTS_SECONDS": "one year",
        }
    )
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS='one year' is not a whole number" in result.stderr
