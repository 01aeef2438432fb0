"""Outlets the importer knows by name, added since 0011: a page that names one of them ("Arirang
News") is imported without asking for its outlet. One already there by any of these names (an
editor's) is left as it is; going back leaves them all, as sources may cite them by then."""

from django.db import migrations

MORE = [
    ("Arirang", "broadcaster", "KOR", ["Arirang News", "Arirang TV"]),
    ("The Sankei Shimbun", "newspaper", "JPN", ["Sankei Shimbun", "Sankei", "Japan Forward"]),
]


def add(apps, schema_editor):
    Outlet = apps.get_model("dialogue", "Outlet")
    known = {
        n.casefold()
        for o in Outlet.objects.all()
        for n in [o.name, *o.aliases.splitlines()]
        if n.strip()
    }
    for name, kind, country, aliases in MORE:
        if known & {n.casefold() for n in [name, *aliases]}:
            continue
        slug = name.lower().replace(" ", "-")
        if not Outlet.objects.filter(slug=slug).exists():
            Outlet.objects.create(
                slug=slug, name=name, kind=kind, country=country, aliases="\n".join(aliases)
            )


class Migration(migrations.Migration):
    dependencies = [("dialogue", "0013_plover_kinds")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]  # kept on the way back
