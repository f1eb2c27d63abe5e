# YearLock moved to the yearlocks app (state only: the table reports_yearlock stays; yearlocks 0001 adopts it).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0003_audit_item_agency_key'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name='YearLock')], database_operations=[]),
    ]
