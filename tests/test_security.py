"""Secure by default: deploy checks, headers scored by the HTTP Observatory's rules, admin
lockout, staff sessions."""

import os
import secrets
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PAGE_TYPES = {
    "timeline": "/",
    "zoomed-year": "/?year=2015",
    "filtered": "/?actor=japan&status=planned",
    "search": "/?q=THAAD",
    "event-permalink": "/events/kono-statement/",
    "source": "/sources/japan-south-korea-to-resume-security-dialogue-this-month/",
    "actor": "/actors/japan/",
    "topic": "/topics/north-korea/",
    "embed": "/embed/",
    "export-json": "/export/events.json",
    "api": "/api/events/",
    "admin-login": "/admin/login/",
}


def production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "dialogue.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "timeline.example.org",
        **extra,
    }


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_settings_do_not_pass_it():
    """The check can fail: with DEBUG on it must."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=production_env(DJANGO_DEBUG="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0


def csp_directives(header: str) -> dict[str, list[str]]:
    rules = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            rules[words[0].lower()] = [w.lower() for w in words[1:]]
    return rules


def observatory_score(headers, cookies, *, https_redirects: bool) -> tuple[int, list[str]]:
    """The MDN HTTP Observatory's scoring of the headers it tests (its published modifiers):
    100 to start, A+ at 100 or more."""
    score, notes = 100, []

    def mod(points, why):
        nonlocal score
        score += points
        notes.append(f"{points:+d} {why}")

    csp = csp_directives(headers.get("Content-Security-Policy", ""))
    if not csp:
        mod(-25, "no CSP")
    else:
        script = csp.get("script-src", csp.get("default-src", []))
        style = csp.get("style-src", csp.get("default-src", []))
        if "'unsafe-inline'" in script or "'unsafe-eval'" in script or "*" in script:
            mod(-20, "unsafe script-src")
        elif csp.get("object-src") != ["'none'"] and "'none'" not in csp.get("default-src", []):
            mod(-5, "object-src not none")
        elif "'unsafe-inline'" in style:
            mod(0, "unsafe-inline in style-src only")
        elif csp.get("default-src") == ["'none'"]:
            mod(10, "CSP with default-src 'none' and nothing unsafe")
        else:
            mod(5, "CSP with nothing unsafe")
    for name, cookie in cookies.items():
        if not (cookie["secure"] and cookie["httponly"] and cookie["samesite"]):
            mod(-20, f"cookie {name} not Secure/HttpOnly/SameSite")
    if cookies:
        mod(5, "cookies Secure, HttpOnly, SameSite")
    referrer = headers.get("Referrer-Policy", "")
    if referrer in (
        "no-referrer",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
    ):
        mod(5, "private Referrer-Policy")
    elif referrer:
        mod(-5, "unsafe Referrer-Policy")
    hsts = headers.get("Strict-Transport-Security", "")
    max_age = int(hsts.split("max-age=")[1].split(";")[0]) if "max-age=" in hsts else 0
    if max_age < 15_552_000:
        mod(-20, "HSTS missing or under six months")
    if headers.get("X-Content-Type-Options", "").lower() != "nosniff":
        mod(-5, "no nosniff")
    ancestors = csp.get("frame-ancestors")
    if ancestors is not None:
        mod(5, "framing controlled by CSP frame-ancestors")
    elif headers.get("X-Frame-Options", "").upper() not in ("DENY", "SAMEORIGIN"):
        mod(-20, "framing not controlled")
    if not https_redirects:
        mod(-20, "no redirect to https")
    return score, notes


@pytest.fixture
def secure_client(client, settings):
    """Production's TLS settings, requests made over https as behind the proxy."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 63_072_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    return client


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_scores_a_plus(secure_client, seed, name):
    url = PAGE_TYPES[name]
    redirect = secure_client.get(url)
    assert redirect.status_code == 301 and redirect["Location"].startswith("https://")
    response = secure_client.get(url, secure=True)
    assert response.status_code == 200
    cookies = {
        key: {"secure": m["secure"], "httponly": m["httponly"], "samesite": m["samesite"]}
        for key, m in response.cookies.items()
    }
    for key in cookies:
        assert key.startswith("__Host-"), key
    score, notes = observatory_score(response.headers, cookies, https_redirects=True)
    print(f"observatory {name}: {score} ({'; '.join(notes)})")
    assert score >= 100, notes
    csp = csp_directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    expected = ["*"] if url.startswith("/embed/") else ["'none'"]
    assert csp["frame-ancestors"] == expected


def test_the_score_falls_when_a_header_goes(secure_client, seed):
    response = secure_client.get("/", secure=True)
    headers = dict(response.headers)
    headers["Content-Security-Policy"] = "script-src 'self' 'unsafe-inline'"
    del headers["Strict-Transport-Security"]
    score, _ = observatory_score(headers, {}, https_redirects=True)
    assert score < 100


def test_htmx_is_configured_to_need_no_eval_and_no_inline_style(client, seed):
    html = client.get("/").content.decode()
    assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_the_admin_locks_a_user_out_after_five_failed_logins(client, staff):
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "a long enough password 1"},
    )
    assert response.status_code in (403, 429)
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_login_after_a_few_failures_works(client, staff):
    for _ in range(2):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "a long enough password 1"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("short1", False),
        ("password1234", False),
        ("123456789012", False),
        ("plum kite 7 ocean", True),
    ],
)
def test_passwords_are_twelve_characters_and_not_common(password, ok):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password)
        passed = True
    except ValidationError:
        passed = False
    assert passed == ok


def test_staff_sessions_end_when_idle_and_after_eight_hours(client, staff):
    assert settings.SESSION_COOKIE_AGE == 1800 and settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["logged_in_at"] = time.time() - 9 * 3600
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@override_settings(DEBUG=False)
def test_a_database_error_is_a_plain_503(monkeypatch):
    """The middleware's answer; the real outage is exercised against a stopped PostgreSQL in
    tests/faults (run by .ci/run)."""
    from django.db import OperationalError

    from dialogue import selectors

    def down(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(selectors, "sources", down)
    response = Client(raise_request_exception=False).get("/sources/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "temporarily unavailable" in body and "Traceback" not in body
