"""The demo's report filing: deterministic, through the real services, and idempotent."""

import pytest

from theodoi.dashboards.tests.conftest import FATES
from theodoi.submissions.choices import ReportState

pytestmark = pytest.mark.django_db


def snapshot(plan):
    from theodoi.submissions.models import Report

    return sorted(
        Report.objects.filter(plan=plan).values_list("unit__code", "period_index", "state", "version", "is_late")
    )


def test_fates_and_a_second_run_changes_nothing(filed, people):
    from theodoi.demo.reports import file_report
    from theodoi.submissions.models import Report

    before = snapshot(filed)
    states = {(code, index): (state, late) for code, index, state, _, late in before}
    assert states[("dn.khcn.vp", 1)] == (ReportState.ACCEPTED, False)
    assert states[("dn.khcn.vp", 2)] == (ReportState.ACCEPTED, True)  # late, then accepted
    assert states[("dn.nv", 1)] == (ReportState.SUBMITTED, False)
    assert states[("dn.khcn.cds", 2)] == (ReportState.NOT_SUBMITTED, False)
    for report in Report.objects.filter(plan=filed).select_related("unit", "plan"):
        fate = FATES.get(report.unit.code, ("missing", "missing"))[report.period_index - 1]
        file_report(report, actor=people["admin"], fate=fate, seed=0)
    assert snapshot(filed) == before


def test_without_the_seed_plans_nothing_is_filed(people):
    from theodoi.demo.reports import demo_reports

    assert demo_reports(people["admin"]) == []
