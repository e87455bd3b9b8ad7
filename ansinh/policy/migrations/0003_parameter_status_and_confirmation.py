import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("policy", "0002_parameter_updated_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="parameter",
            name="status",
            field=models.CharField(
                choices=[("in_force", "in force"), ("provisional", "provisional (announced, not applied)")],
                default="in_force",
                max_length=12,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="parameter",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="confirmed at"),
        ),
        migrations.AddField(
            model_name="parameter",
            name="confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
