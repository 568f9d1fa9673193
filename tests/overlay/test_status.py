"""The normalization table, row by row, and the Status and Progress values."""

from __future__ import annotations

import pytest

from taskwait import PROVIDERS, Progress, Status, normalize_status

TABLE = {
    "databar": {"PENDING": "queued created", "RUNNING": "processing no_data",
                "SUCCEEDED": "completed partially_completed success", "FAILED": "failed error gone",
                "CANCELLED": "cancelled"},
    "openmart": {"RUNNING": "PROCESSING", "SUCCEEDED": "COMPLETED", "FAILED": "ERRORED", "CANCELLED": "CANCELLED"},
    "lobstr": {"PENDING": "pending", "RUNNING": "running", "SUCCEEDED": "completed done", "FAILED": "failed error",
               "CANCELLED": "aborted"},
    "deepomatic": {"PENDING": "pending", "SUCCEEDED": "success", "FAILED": "error"},
    "flexprice": {"PENDING": "PENDING", "RUNNING": "PROCESSING", "SUCCEEDED": "COMPLETED", "FAILED": "FAILED"},
}  # fmt: skip
ROWS = [(p, raw, Status[name]) for p, row in TABLE.items() for name, raws in row.items() for raw in raws.split()]


def test_providers() -> None:
    assert PROVIDERS == ("databar", "deepomatic", "flexprice", "lobstr", "openmart")
    assert set(TABLE) == set(PROVIDERS)


@pytest.mark.parametrize(("provider", "raw", "expected"), ROWS)
def test_every_row(provider: str, raw: str, expected: Status) -> None:
    assert normalize_status(provider, raw) is expected
    assert normalize_status(provider, f"  {raw.swapcase()}\n") is expected


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("raw", ["", "RETRYING", "published", "complete", None])
def test_unlisted_values_are_unknown(provider: str, raw: str | None) -> None:
    assert normalize_status(provider, raw) is Status.UNKNOWN


def test_flexprice_record_lifecycle_is_not_a_job_status() -> None:
    assert normalize_status("flexprice", "deleted") is Status.UNKNOWN


def test_unknown_provider_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="nosuch"):
        normalize_status("nosuch", "completed")


def test_status_values_and_terminality() -> None:
    assert [s.value for s in Status] == ["pending", "running", "succeeded", "failed", "cancelled", "unknown"]
    assert {s for s in Status if s.is_terminal} == {Status.SUCCEEDED, Status.FAILED, Status.CANCELLED}
    assert isinstance(Status.PENDING, str) and Status("failed") is Status.FAILED


@pytest.mark.parametrize(
    ("done", "total", "fraction"),
    [(5, 10, 0.5), (0, 10, 0.0), (12, 10, 1.0), (-1, 10, 0.0), (5, 0, None), (5, None, None), (None, 10, None)],
)
def test_progress_fraction(done: int | None, total: int | None, fraction: float | None) -> None:
    assert Progress(done, total).fraction == fraction


def test_progress_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Progress(1, 2).done = 3  # type: ignore[misc]


def test_each_units_table_sits_on_its_row_and_normalize_status_reads_it() -> None:
    from taskwait.providers import ADAPTERS

    for provider in PROVIDERS:
        for kind, unit in ADAPTERS[provider].units.items():
            assert Status.SUCCEEDED in unit.statuses.values(), (provider, kind)
            for raw, status in unit.statuses.items():
                assert normalize_status(provider, raw.upper(), kind) is status is unit.status_of(f" {raw} ")
    with pytest.raises(ValueError, match="openmart has no 'run' unit"):
        normalize_status("openmart", "running", "run")
