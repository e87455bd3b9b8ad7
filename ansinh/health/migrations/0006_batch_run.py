# The claims' assessment run is renamed to say what it assesses (its table is renamed with it, rows kept);
# both health runs take the fields of core.BatchRun, which adds who ran them.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("health", "0005_finding_params"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="AssessmentRun", new_name="ClaimAssessmentRun"),
        migrations.AddField(
            model_name="claimassessmentrun",
            name="run_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="claimassessmentrun",
            name="seconds",
            field=models.FloatField(default=0, verbose_name="seconds"),
        ),
        migrations.AlterField(
            model_name="claimassessmentrun",
            name="started_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="started at"),
        ),
        migrations.AddField(
            model_name="coveragerun",
            name="run_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="coveragerun",
            name="seconds",
            field=models.FloatField(default=0, verbose_name="seconds"),
        ),
        migrations.AlterField(
            model_name="coveragerun",
            name="started_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="started at"),
        ),
    ]
