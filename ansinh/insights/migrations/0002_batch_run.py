# The snapshot takes the fields of core.BatchRun under their names; its columns keep theirs (created_at,
# created_by_id), so the table does not change.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="snapshot",
            name="created_at",
            field=models.DateTimeField(
                db_column="created_at", default=django.utils.timezone.now, verbose_name="closed at"
            ),
        ),
        migrations.RenameField(model_name="snapshot", old_name="created_at", new_name="started_at"),
        migrations.AlterField(
            model_name="snapshot",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                db_column="created_by_id",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RenameField(model_name="snapshot", old_name="created_by", new_name="run_by"),
    ]
