"""Properties of the import over generated data sets (Hypothesis):

* a valid data set imports, and importing it again changes no row of any table and
  reports every record unchanged;
* a data set with one field of one record broken is refused with that record and
  field named, and leaves every table as it was.

Each example runs in a transaction that is rolled back afterwards."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.seeding.importing import dataset_import
from matching.core.dataset import Dataset, DatasetError, decode_document, parse
from tests.seeding.dataset_strategies import broken, valid_datasets
from tests.seeding.tables import changed_tables, table_rows

SLOW = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


class Rollback(Exception):
    """Ends an example's transaction."""


def read(data: dict[str, Any]) -> Dataset:
    """The data set as the command reads it: JSON text, decoded and checked."""
    return parse(decode_document(json.dumps(data).encode()))


def records(data: dict[str, Any]) -> int:
    sections = ("municipalities", "organisations", "sites", "jobs", "clients")
    return sum(len(data[s]) for s in sections) + len(data["placements"])


@SLOW
@given(data=valid_datasets())
def test_a_valid_data_set_imports_again_to_the_same_state(polku, data):
    try:
        with transaction.atomic():
            first = dataset_import(data=read(data))
            assert sum(first.created.values()) + sum(first.updated.values()) > 0
            before = table_rows()
            again = dataset_import(data=read(data))
            assert changed_tables(before, table_rows()) == {}
            assert not again.changed
            assert sum(again.unchanged.values()) == records(data)
            raise Rollback
    except Rollback:
        pass


@SLOW
@given(draw=st.data())
def test_a_broken_data_set_names_the_record_and_changes_nothing(polku, draw):
    valid = draw.draw(valid_datasets())
    try:
        with transaction.atomic():
            dataset_import(data=read(valid))
            before = table_rows()
            bad, where = draw.draw(broken(copy.deepcopy(valid)))
            with pytest.raises(DatasetError) as refused:
                dataset_import(data=read(bad))
            errors = refused.value.errors
            assert any(e.startswith(f"{where}:") for e in errors), (where, errors)
            assert changed_tables(before, table_rows()) == {}
            raise Rollback
    except Rollback:
        pass
