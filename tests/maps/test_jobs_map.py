"""The job bank's map: the open jobs of the filters, each pointing to its card."""

from __future__ import annotations

import json

from tests.factories.jobs import post_job


def _map(html: str) -> dict:  # type: ignore[type-arg]
    start = html.index('id="jobs-map-data" type="application/json">')
    return json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])


def test_the_job_bank_map_shows_the_open_jobs_and_their_cards(client, bank):
    shown = post_job(bank, title="Kirjeiden postitus", remote=True)
    post_job(bank, title="Luonnos", publish=False)
    html = client.get("/tyopankki/").content.decode()
    data = _map(html)
    assert [p["title"] for p in data["points"]] == ["Kirjeiden postitus"]
    point = data["points"][0]
    assert point["list_id"] == f"job-{shown.pk}"
    assert f'id="job-{shown.pk}"' in html  # the card the marker points to
    assert point["detail"]  # "can be done remotely", in the page's language
    assert data["cluster"] is True
