"""Every write of the submissions app: import services from here.

- `reports`: opening a period, drafts, submission, the leader's approval, review, reopening;
- `evidence`: files and links backing the items;
- `external`: source systems and the values they push.
"""

from theodoi.submissions.services.evidence import evidence_add, evidence_remove
from theodoi.submissions.services.external import external_value_push, source_system_register
from theodoi.submissions.services.reports import (
    refresh_report_figures,
    report_accept,
    report_approve_by_leader,
    report_import_spreadsheet,
    report_reopen,
    report_return,
    report_save_and_submit,
    report_save_draft,
    report_submit,
    reports_open_due,
    reports_open_period,
)

__all__ = [
    "evidence_add", "evidence_remove", "external_value_push", "refresh_report_figures", "report_accept",
    "report_approve_by_leader", "report_import_spreadsheet", "report_reopen", "report_return",
    "report_save_and_submit",
    "report_save_draft", "report_submit", "reports_open_due", "reports_open_period", "source_system_register",
]
