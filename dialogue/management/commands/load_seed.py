from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation

from dialogue.models import Event, Source
from dialogue.services import refresh_search

SEED = settings.BASE_DIR / "fixtures" / "seed.json"


class Command(BaseCommand):
    help = (
        "Load the seed articles and curated events, with their Japanese and Korean texts, "
        "unless the database already has sources."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Load even if sources exist (seed rows reset)."
        )

    def handle(self, *args, force=False, **options):
        if Source.objects.exists() and not force:
            self.stdout.write("Sources already present; seed not loaded (use --force to reload).")
            return
        # The fixture names every language's column (title_en, title_ja, …); Django saves the
        # untranslated one (title) from the active language's text. In English, as the admin
        # saves it too (admin.in_english), whatever language the caller has active.
        with translation.override(settings.LANGUAGE_CODE):
            call_command("loaddata", SEED, verbosity=0)
            # Fixtures load raw: fingerprint the texts, so importing a seed file again adds
            # nothing.
            for source in Source.objects.filter(text_sha256=None).exclude(raw_text=""):
                source.save(update_fields=["text_sha256"])
            refresh_search(event_ids=Event.objects.values_list("pk", flat=True))
        self.stdout.write(self.style.SUCCESS(f"Loaded {SEED}."))
