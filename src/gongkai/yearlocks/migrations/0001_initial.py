# The YearLock model moved here from the reports app; its table (reports_yearlock) stays as it is.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agencies', '0002_alter_agency_created_at_alter_agency_path_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('reports', '0005_yearlock_moved'),  # the table exists and the reports app no longer owns the model
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='YearLock',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='年度')),
                ('locked', models.BooleanField(default=True, verbose_name='已锁定')),
                ('locked_at', models.DateTimeField(blank=True, null=True)),
                ('unlocked_at', models.DateTimeField(blank=True, null=True)),
                ('unlock_reason', models.TextField(blank=True, verbose_name='解锁理由')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='year_locks', to='agencies.agency')),
                ('locked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('unlocked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '年度数据锁定',
                'verbose_name_plural': '年度数据锁定',
                'db_table': 'reports_yearlock',
                'constraints': [models.UniqueConstraint(fields=('agency', 'year'), name='one_lock_per_agency_year')],
            },
        )], database_operations=[]),
    ]
