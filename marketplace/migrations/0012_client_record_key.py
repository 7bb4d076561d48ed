"""Clients get a random record key for the cell-key method of the outcome figures
(``marketplace.outcomes.disclosure``); existing clients each get their own."""

import secrets

from django.db import migrations, models

import marketplace.models.clients

RANGE = 2**16


def draw_keys(apps, schema_editor):  # type: ignore[no-untyped-def]
    Client = apps.get_model("marketplace", "Client")
    clients = list(Client.objects.only("pk"))
    for client in clients:
        client.record_key = secrets.randbelow(RANGE)
    Client.objects.bulk_update(clients, ["record_key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0011_competence_and_network"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="record_key",
            field=models.PositiveIntegerField(
                default=marketplace.models.clients.new_record_key,
                editable=False,
                help_text=(
                    "A random number that decides how the outcome figures about "
                    "this client's group are perturbed. Never shown."
                ),
                verbose_name="record key",
            ),
        ),
        migrations.RunPython(draw_keys, migrations.RunPython.noop),
    ]
