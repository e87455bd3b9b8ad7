from django.db import migrations


def load(apps, schema_editor):
    from ansinh.geo.reference import load_reference

    load_reference(apps.get_model("geo", "Area"), apps.get_model("geo", "Commune"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
