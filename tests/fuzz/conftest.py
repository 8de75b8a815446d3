"""The submissions app's fixtures (people, an opened period, a report ready to submit, …)."""

from theodoi.submissions.tests.conftest import (  # noqa: F401
    complete_items,
    indicator1,
    march,
    opened,
    people,
    ready_report,
    task_i1,
)
