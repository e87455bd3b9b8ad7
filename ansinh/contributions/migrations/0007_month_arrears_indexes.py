from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("contributions", "0006_month_participants_index")]

    operations = [
        migrations.AddIndex(
            model_name="allocation",
            index=models.Index(fields=["allocated_on", "receivable", "amount"], name="allocation_day_bill_amount"),
        ),
        migrations.AddIndex(
            model_name="receivable",
            index=models.Index(
                condition=models.Q(("amount__gt", models.F("paid_amount")), ("payer_kind", "employer")),
                fields=["due_date"],
                name="bill_employer_open",
            ),
        ),
        migrations.AddIndex(
            model_name="receivable",
            index=models.Index(
                fields=["payer_kind", "period", "commune", "employer", "amount"], name="bill_kind_period_commune"
            ),
        ),
    ]
