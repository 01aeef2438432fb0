from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dialogue.importing import ArticleError, import_article


class Command(BaseCommand):
    help = (
        "Import plain-text article files: each becomes a private Source with proposed draft "
        "events, citing its passages, for an editor to accept or reject in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--outlet", default="", help="The publication, if the text lacks it.")
        parser.add_argument(
            "--published", type=date.fromisoformat, help="Publication date, YYYY-MM-DD."
        )
        parser.add_argument("--title", default="", help="The headline, if the text lacks one.")
        parser.add_argument("--url", default="", help="The article's original address.")
        parser.add_argument("--dry-run", action="store_true", help="Show, but save nothing.")

    def handle(self, *args, files, outlet, published, title, url, dry_run, **options):
        failed = 0
        for path in files:
            try:
                data = path.read_bytes()
                result = import_article(
                    data,
                    name=path.name,
                    outlet=outlet,
                    published=published,
                    url=url,
                    title=title,
                    dry_run=dry_run,
                )
            except OSError as exc:
                self.stderr.write(f"{path}: cannot be read ({exc.strerror}).")
                failed += 1
                continue
            except ArticleError as exc:
                self.stderr.write(f"{path}: {' '.join(exc.messages)}")
                failed += 1
                continue
            source = result.source
            if not result.created:
                self.stdout.write(f"{path}: already imported as “{source.title}”; nothing added.")
                continue
            verb = "Would import" if dry_run else "Imported"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{path}: {verb} “{source.title}” ({source.outlet}, {source.published_on}) "
                    f"with {len(result.events)} proposed events"
                    + (f" and {len(result.new_actors)} new actors" if result.new_actors else "")
                )
            )
            for event in result.events:
                self.stdout.write(
                    f"  {event.edtf:24} {event.get_status_display():26} {event.title}"
                )
            if not dry_run:
                self.stdout.write(
                    f"  Review them at /admin/dialogue/source/{source.pk}/review/ "
                    "(the article stays private until an event citing it is published)"
                )
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) not imported.")
