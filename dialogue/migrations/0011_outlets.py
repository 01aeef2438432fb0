"""Outlets as records: each source's outlet and agency, until now names, become rows of Outlet
(the outlets the importer knew by name, with their kind, country and other names, and any other
name a source gave). Actors and outlets get their Wikidata item."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

# (name, kind, country, other names): the importer's list of outlets when they became records.
KNOWN = [
    ("Yonhap News Agency", "agency", "KOR", ["Yonhap", "Yonhap News"]),
    ("Kyodo News", "agency", "JPN", ["Kyodo"]),
    ("Jiji Press", "agency", "JPN", ["Jiji", "AFP-Jiji"]),
    ("The Korea Herald", "newspaper", "KOR", ["Korea Herald"]),
    ("The Korea Times", "newspaper", "KOR", ["Korea Times"]),
    ("Korea JoongAng Daily", "newspaper", "KOR", ["JoongAng Daily", "JoongAng Ilbo"]),
    ("The Chosun Ilbo", "newspaper", "KOR", ["Chosun Ilbo", "Chosun Ilbo English", "Chosunilbo"]),
    ("The Dong-A Ilbo", "newspaper", "KOR", ["Dong-A Ilbo"]),
    ("The Hankyoreh", "newspaper", "KOR", ["Hankyoreh"]),
    ("KBS World", "broadcaster", "KOR", ["KBS"]),
    ("The Japan Times", "newspaper", "JPN", ["Japan Times"]),
    ("The Asahi Shimbun", "newspaper", "JPN",
     ["Asahi Shimbun", "Asahi", "The Asahi Shimbun Asia & Japan Watch", "Asia & Japan Watch"]),
    ("The Yomiuri Shimbun", "newspaper", "JPN", ["Yomiuri Shimbun", "The Daily Yomiuri", "Japan News"]),
    ("The Mainichi", "newspaper", "JPN", ["Mainichi", "Mainichi Shimbun", "The Mainichi Shimbun"]),
    ("Nikkei Asian Review", "magazine", "JPN", ["Nikkei", "Nikkei Asia"]),
    ("NHK World", "broadcaster", "JPN", ["NHK", "NHK World-Japan", "NHK WORLD"]),
    ("Reuters", "agency", "", []),
    ("Associated Press", "agency", "", ["AP"]),
    ("Agence France-Presse", "agency", "", ["AFP"]),
    ("Xinhua", "agency", "CHN", []),
    ("KCNA", "agency", "PRK", ["Korean Central News Agency"]),
    ("Bloomberg", "agency", "", []),
]  # fmt: skip


def to_records(apps, schema_editor):
    Outlet = apps.get_model("dialogue", "Outlet")
    Source = apps.get_model("dialogue", "Source")
    named = {}
    slugs = set()

    def create(name, kind, country="", aliases=()):
        slug = base = slugify(name)[:45] or "outlet"
        n = 1
        while slug in slugs:
            n += 1
            slug = f"{base}-{n}"
        slugs.add(slug)
        outlet = Outlet.objects.create(
            slug=slug, name=name, kind=kind, country=country, aliases="\n".join(aliases)
        )
        for each in (name, *aliases):
            named.setdefault(each.lower(), outlet)
        return outlet

    for name, kind, country, aliases in KNOWN:
        create(name, kind, country, aliases)
    for source in Source.objects.all():
        name = source.outlet.strip() or "Unknown outlet"
        source.outlet_record = named.get(name.lower()) or create(name, "newspaper")
        agency = source.agency.strip().strip("()").strip()
        if agency:
            source.agency_record = named.get(agency.lower()) or create(agency, "agency")
        source.save(update_fields=["outlet_record", "agency_record"])


def to_names(apps, schema_editor):
    Source = apps.get_model("dialogue", "Source")
    for source in Source.objects.select_related("outlet_record", "agency_record"):
        source.outlet = source.outlet_record.name
        source.agency = source.agency_record.name if source.agency_record else ""
        source.save(update_fields=["outlet", "agency"])


WIKIDATA = models.CharField(
    blank=True,
    help_text="Only when certain it is the same: Q17 is Japan.",
    max_length=20,
    validators=[
        django.core.validators.RegexValidator("^Q[1-9]\\d*$", "A Wikidata item such as Q17.")
    ],
    verbose_name="Wikidata item",
)


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0010_import_matches"),
    ]

    operations = [
        migrations.CreateModel(
            name="Outlet",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("newspaper", "Newspaper"),
                            ("agency", "News agency"),
                            ("broadcaster", "Broadcaster"),
                            ("magazine", "Magazine or other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        help_text="ISO 3166-1 alpha-3 code of the outlet's country (JPN, KOR…); blank for an international agency such as Reuters.",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]{3}$", "Use an ISO 3166 alpha-3 code such as JPN."
                            )
                        ],
                        verbose_name="country",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        default="en",
                        help_text="BCP 47 tag of this edition, e.g. en.",
                        max_length=12,
                        verbose_name="language",
                    ),
                ),
                (
                    "aliases",
                    models.TextField(
                        blank=True,
                        help_text="Other names as pages and datelines print them, one per line (Kyodo, AP).",
                        verbose_name="aliases",
                    ),
                ),
                ("url", models.URLField(blank=True, max_length=300, verbose_name="website")),
                ("wikidata", WIKIDATA),
            ],
            options={
                "verbose_name": "outlet",
                "verbose_name_plural": "outlets",
                "ordering": ["name"],
            },
        ),
        migrations.AddField(model_name="actor", name="wikidata", field=WIKIDATA),
        migrations.AddField(
            model_name="source",
            name="outlet_record",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="dialogue.outlet",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="agency_record",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="dialogue.outlet",
            ),
        ),
        migrations.RunPython(to_records, to_names),
        # (Blank allowed first, so that going back can add the column again before filling it.)
        migrations.AlterField(
            model_name="source",
            name="outlet",
            field=models.CharField(blank=True, max_length=200, verbose_name="outlet"),
        ),
        migrations.RemoveField(model_name="source", name="outlet"),
        migrations.RemoveField(model_name="source", name="agency"),
        migrations.RenameField(model_name="source", old_name="outlet_record", new_name="outlet"),
        migrations.RenameField(model_name="source", old_name="agency_record", new_name="agency"),
        migrations.AlterField(
            model_name="source",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                help_text="Wire service credited, e.g. Kyodo.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="carried",
                to="dialogue.outlet",
                verbose_name="news agency",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="outlet",
            field=models.ForeignKey(
                help_text="The publication, e.g. The Japan Times.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sources",
                to="dialogue.outlet",
                verbose_name="outlet",
            ),
        ),
    ]
