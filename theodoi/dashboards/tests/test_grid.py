"""The reporting grid: each cell's reading, visibility, filters and query count."""

import pytest

from theodoi.dashboards import grid
from theodoi.dashboards.tests.conftest import FEB, JAN, NOW

pytestmark = pytest.mark.django_db


def cells(result):
    return {row.unit.code: [cell.status for cell in row.cells] for row in result.rows}


def test_cells_read_on_time_late_missing(filed, people):
    result = grid.reporting_grid(user=people["coordinator"], plan=filed, now=NOW)
    assert [column.period for column in result.periods] == [JAN, FEB]
    found = cells(result)
    assert found["dn.khcn.vp"] == [grid.ON_TIME, grid.LATE]
    assert found["dn.khcn.cds"] == [grid.LATE, grid.MISSING]
    assert found["dn.nv"] == [grid.ON_TIME, grid.ON_TIME]
    late = result.rows[[row.unit.code for row in result.rows].index("dn.khcn.vp")].cells[1]
    assert late.submitted_at is not None and late.submitted_at > late.due_at


def test_a_period_still_ahead_is_pending(filed, people):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    before_feb_due = datetime(2026, 2, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    found = cells(grid.reporting_grid(user=people["coordinator"], plan=filed, now=before_feb_due))
    assert found["dn.khcn.cds"][1] == grid.PENDING


def test_counts_add_up(filed, people):
    result = grid.reporting_grid(user=people["coordinator"], plan=filed, now=NOW)
    counts = result.counts
    assert counts[grid.ON_TIME] == 3 and counts[grid.LATE] == 2
    assert sum(counts.values()) == len(result.rows) * 2


def test_a_unit_sees_only_its_own_rows(filed, people):
    result = grid.reporting_grid(user=people["reporter_vp"], plan=filed, now=NOW)
    assert set(cells(result)) == {"dn.khcn.vp"}
    # The Sở's leader sees the Sở and its divisions, not the Sở Nội vụ.
    codes = set(cells(grid.reporting_grid(user=people["leader_khcn"], plan=filed, now=NOW)))
    assert "dn.khcn.vp" in codes and "dn.nv" not in codes


def test_unit_filter_narrows_to_the_subtree(filed, people, directory):
    from theodoi.units.selectors import unit_descendant_ids

    ids = unit_descendant_ids(directory["dn.khcn"])
    codes = set(cells(grid.reporting_grid(user=people["coordinator"], plan=filed, now=NOW, unit_ids=ids)))
    assert codes and all(code.startswith("dn.khcn") for code in codes)


def test_kind_and_year_filters(filed, people):
    assert not grid.reporting_grid(user=people["coordinator"], plan=filed, now=NOW, kind="quarter").periods
    assert not grid.reporting_grid(user=people["coordinator"], plan=filed, now=NOW, year=2025).periods
    assert len(grid.reporting_grid(user=people["coordinator"], plan=filed, now=NOW, year=2026).periods) == 2


def test_period_key_round_trip():
    assert grid.period_from_key(JAN.key) == JAN
    assert grid.period_from_key("2026-weekly-1") is None
    assert grid.period_from_key("nonsense") is None
