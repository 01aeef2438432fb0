"""Bloomberg, known by name since the importer met its pages ("Bloomberg", "Bloomberg News"). One
already there by either name (an editor's) is left as it is; going back leaves it, as sources may
cite it by then."""

from django.db import migrations

NAMES = ["Bloomberg", "Bloomberg News"]


def add(apps, schema_editor):
    Outlet = apps.get_model("dialogue", "Outlet")
    known = {
        n.casefold()
        for o in Outlet.objects.all()
        for n in [o.name, *o.aliases.splitlines()]
        if n.strip()
    }
    if known & {n.casefold() for n in NAMES} or Outlet.objects.filter(slug="bloomberg").exists():
        return
    Outlet.objects.create(
        slug="bloomberg", name=NAMES[0], kind="agency", country="", aliases=NAMES[1]
    )


class Migration(migrations.Migration):
    dependencies = [("dialogue", "0014_more_outlets")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]  # kept on the way back
