from django.db import migrations, models

# The reason the attendance correction has always written.
ATTENDANCE_CORRECTED = "Attendance was corrected."


def classify_existing_revocations(apps, schema_editor):
    Certificate = apps.get_model("training", "Certificate")
    revoked = Certificate.objects.filter(revoked_at__isnull=False)
    revoked.filter(revoked_reason=ATTENDANCE_CORRECTED).update(revocation="attendance")
    revoked.exclude(revoked_reason=ATTENDANCE_CORRECTED).update(revocation="admin")


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_training_two"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="revocation",
            field=models.CharField(
                blank=True,
                choices=[
                    ("attendance", "Attendance was corrected"),
                    ("admin", "Revoked by an admin"),
                ],
                help_text=(
                    "Why it was revoked: a correction of attendance is undone when attendance "
                    "is corrected back; an admin's revocation is final."
                ),
                max_length=10,
            ),
        ),
        migrations.RunPython(classify_existing_revocations, migrations.RunPython.noop),
    ]
