"""Indexes for the outcome page's five-year view (measured with EXPLAIN ANALYZE).

* ``SelfAssessment(client, date)``: each period's start and 3-month assessment is a
  look-up by client and date range; with the index it is one range scan instead of
  reading all the client's assessments and sorting them.
* ``PlacementEvent(to_status, at)``: the seats held for a return are the events to
  "held" in the window.

Indexes on ``PlacementPeriod(start)``, ``PlacementPeriod(end)`` and
``ClientFeedback(month)`` were measured too and left out: the queries reach periods
and answers through the region's sites, and where SQLite chose those indexes the
queries got slower (see ``docs/outcomes.md``, "Queries").
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('marketplace', '0007_ledger_balance_trigger'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='placementevent',
            index=models.Index(fields=['to_status', 'at'], name='placement_event_status_at'),
        ),
        migrations.AddIndex(
            model_name='selfassessment',
            index=models.Index(fields=['client', 'date'], name='assessment_client_date'),
        ),
    ]
