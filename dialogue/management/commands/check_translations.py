"""The CI check that every string the site shows has its Japanese and Korean translation."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

# What `makemessages` leaves out, as the README's command does: the virtualenv, npm's files, the
# benchmark and the tests; collected static files hold nothing to translate.
IGNORE = (".venv", "node_modules", "bench", "tests", "staticfiles")
DOMAIN_FILE = Path("LC_MESSAGES") / "django.po"


def _entries(path: Path) -> dict:
    """A catalogue's live entries (obsolete ones left out), by (context, msgid)."""
    with path.open("rb") as f:
        catalog = read_po(f)
    return {(m.context, m.id): m for m in catalog if m.id}


def _translated(message) -> bool:
    forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return not message.fuzzy and all(forms)


def _name(key: tuple) -> str:
    context, msgid = key
    text = msgid[0] if isinstance(msgid, tuple) else msgid
    text = text if len(text) <= 100 else text[:97] + "…"
    return f"[{context}] {text!r}" if context else repr(text)


class Command(BaseCommand):
    help = (
        "Extract the strings the code and templates mark for translation now (makemessages, "
        "into a temporary copy of locale/; the committed catalogues are not touched) and fail, "
        "listing them, when a catalogue is out of date or a string has no non-fuzzy translation "
        "in a language. Needs GNU gettext: without xgettext it skips, or fails when "
        "REQUIRE_GETTEXT=1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale",
            "-l",
            action="append",
            help="A language to check (repeatable); by default every one but English.",
        )

    def handle(self, *args, locale=None, **options):
        if not shutil.which("xgettext"):
            message = "GNU gettext (xgettext) is not installed: translations not checked."
            if os.environ.get("REQUIRE_GETTEXT") == "1":
                raise CommandError(f"{message} REQUIRE_GETTEXT=1 asks for the check.")
            self.stdout.write(self.style.WARNING(message))
            return
        codes = locale or [c for c, _ in settings.LANGUAGES if c != settings.LANGUAGE_CODE]
        committed = Path(settings.LOCALE_PATHS[0])
        problems = []
        with tempfile.TemporaryDirectory() as tmp:
            current = self._extract(Path(tmp), committed, codes)
            for code in codes:
                problems += self._compare(code, committed / code / DOMAIN_FILE, current[code])
            problems += self._check_formats(committed, codes)
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(
                f"{len(problems)} translation problem(s). Regenerate the catalogues with "
                "makemessages (see the README), translate, and run `make messages`."
            )
        self.stdout.write(self.style.SUCCESS(f"Every string is translated ({', '.join(codes)})."))

    def _extract(self, tmp: Path, committed: Path, codes: list[str]) -> dict[str, Path]:
        """makemessages run on the project as it is, writing only under `tmp`: the project's
        files are linked in (makemessages writes to the locale dir beside the files it reads),
        the committed catalogues copied, so existing translations are merged as they would be."""
        root = Path(settings.BASE_DIR)
        for entry in root.iterdir():
            if entry.name in IGNORE or entry.name.startswith(".") or entry == committed:
                continue
            (tmp / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
        shutil.copytree(committed, tmp / "locale")
        with override_settings(LOCALE_PATHS=[tmp / "locale"]), contextlib.chdir(tmp):
            call_command(
                "makemessages",
                locale=codes,
                no_location=True,
                symlinks=True,
                ignore_patterns=list(IGNORE),
                verbosity=0,
            )
        return {code: tmp / "locale" / code / DOMAIN_FILE for code in codes}

    def _compare(self, code: str, committed: Path, current: Path) -> list[str]:
        if not committed.exists():
            return [f"{code}: no catalogue at {committed}"]
        have, want = _entries(committed), _entries(current)
        problems = [
            f"{code}: not in the committed catalogue (out of date): {_name(key)}"
            for key in want.keys() - have.keys()
        ]
        problems += [
            f"{code}: in the committed catalogue but no longer in the code (out of date): "
            f"{_name(key)}"
            for key in have.keys() - want.keys()
        ]
        problems += [
            f"{code}: {'fuzzy' if have[key].fuzzy else 'untranslated'}: {_name(key)}"
            for key in want.keys() & have.keys()
            if not _translated(have[key])
        ]
        return sorted(problems)

    def _check_formats(self, committed: Path, codes: list[str]) -> list[str]:
        """msgfmt's own checks: placeholders kept (%(name)s, {name}), plural forms, header."""
        problems = []
        for code in codes:
            result = subprocess.run(
                ["msgfmt", "--check", "-o", os.devnull, str(committed / code / DOMAIN_FILE)],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode:
                problems += [f"{code}: msgfmt: {line}" for line in result.stderr.splitlines()]
        return problems
