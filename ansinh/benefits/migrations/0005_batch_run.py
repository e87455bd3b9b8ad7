# The payroll run takes the fields of core.BatchRun: its columns keep their names (created_at, created_by_id),
# so the only change to the table is the new `seconds` column.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0004_case_kinds_beneficiary_job_search_and_indexation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="payrollrun",
            name="created_at",
            field=models.DateTimeField(
                db_column="created_at", default=django.utils.timezone.now, verbose_name="started at"
            ),
        ),
        migrations.RenameField(model_name="payrollrun", old_name="created_at", new_name="started_at"),
        migrations.AlterField(
            model_name="payrollrun",
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
        migrations.RenameField(model_name="payrollrun", old_name="created_by", new_name="run_by"),
        migrations.AddField(
            model_name="payrollrun",
            name="seconds",
            field=models.FloatField(default=0, verbose_name="seconds"),
        ),
    ]
