from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from dialogue.models import Event, Source
from dialogue.services import refresh_search

SEED = settings.BASE_DIR / "fixtures" / "seed.json"


class Command(BaseCommand):
    help = "Load the seed articles and curated events, unless the database already has sources."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Load even if sources exist (seed rows reset)."
        )

    def handle(self, *args, force=False, **options):
        if Source.objects.exists() and not force:
            self.stdout.write("Sources already present; seed not loaded (use --force to reload).")
            return
        call_command("loaddata", SEED, verbosity=0)
        # Fixtures load raw: fingerprint the texts, so importing a seed file again adds nothing.
        for source in Source.objects.filter(text_sha256=None).exclude(raw_text=""):
            source.save(update_fields=["text_sha256"])
        refresh_search(event_ids=Event.objects.values_list("pk", flat=True))
        self.stdout.write(self.style.SUCCESS(f"Loaded {SEED}."))
