from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("contributions", "0005_batch_run")]

    operations = [
        migrations.AddIndex(
            model_name="assessmentline",
            index=models.Index(
                fields=["period", "payer_kind", "months", "person"], name="line_period_kind_months_person"
            ),
        ),
    ]
