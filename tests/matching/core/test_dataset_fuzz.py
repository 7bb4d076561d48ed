"""The data set reader never fails with anything but :class:`DatasetError`, whatever
the input (Hypothesis): any JSON value in any field, section or at the top, any
bytes as a file. Every error names where it is."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.core.dataset import Dataset, DatasetError, decode_document, parse
from tests.seeding.dataset_strategies import valid_datasets

FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=20
)  # any code point, surrogates and controls included
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**200), 2**200)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4)
    ),
    max_leaves=12,
)
WHERE = re.compile(r"^\S[^\n]*?: ")


def read(data: Any) -> Dataset | list[str]:
    try:
        return parse(data)
    except DatasetError as exc:
        assert exc.errors
        for error in exc.errors:
            assert WHERE.match(error), error
            assert len(error) < 400, error
        return exc.errors


@FUZZ
@given(base=valid_datasets(), draw=st.data())
def test_any_value_in_any_field_is_read_or_refused_by_name(base, draw):
    data = copy.deepcopy(base)
    sections = [k for k, v in data.items() if isinstance(v, list) and v]
    if sections and draw.draw(st.booleans()):
        section = draw.draw(st.sampled_from(sections))
        record = draw.draw(st.sampled_from(data[section]))
        key = draw.draw(st.sampled_from(sorted(record)) | text)
        record[key] = draw.draw(json_values)
    else:
        data[draw.draw(st.sampled_from(sorted(data)) | text)] = draw.draw(json_values)
    read(data)


@FUZZ
@given(value=json_values)
def test_any_document_is_read_or_refused_by_name(value):
    read(value)


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_read_or_refused(raw):
    try:
        read(decode_document(raw))
    except DatasetError as exc:
        assert exc.errors[0].startswith(("file:", "not valid JSON"))


def test_the_valid_data_sets_of_the_strategy_are_valid():
    @settings(max_examples=30, deadline=None)
    @given(data=valid_datasets())
    def valid(data):
        assert isinstance(parse(json.loads(json.dumps(data))), Dataset)

    valid()
