# YearLock moved to the yearlocks app (state only: the table reports_yearlock stays; yearlocks 0001 adopts it).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_report_catalog_item'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name='YearLock')], database_operations=[]),
    ]
