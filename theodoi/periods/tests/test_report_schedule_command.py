from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from theodoi.periods.choices import DayKind
from theodoi.periods.models import DayOff

SEED_002 = "quý I trước ngày 13/3, 6 tháng trước 13/6, 9 tháng trước 13/9 và năm trước ngày 08/11"


def run(*args):
    out = StringIO()
    call_command("report_schedule", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_prints_periods_windows_and_deadlines():
    lines = run(SEED_002, "--year", "2026", "--roll")
    assert lines == [
        "Quý I/2026             15/12/2025 – 14/03/2026   hạn ngày 13/03/2026",
        "6 tháng đầu năm 2026   15/12/2025 – 14/06/2026   hạn ngày 15/06/2026",
        "9 tháng 2026           15/12/2025 – 14/09/2026   hạn ngày 14/09/2026",
        "Năm 2026               15/12/2025 – 14/12/2026   hạn ngày 09/11/2026",
    ]


@pytest.mark.django_db
def test_uses_entered_days_off_and_hours():
    DayOff.objects.create(day="2026-03-12", kind=DayKind.DAY_OFF, name="Nghỉ theo thông báo")
    lines = run("Trước 17h00 ngày 12 hằng tháng", "--year", "2026", "--roll", "--calendar-windows")
    assert lines[1] == "Tháng 2/2026           01/02/2026 – 28/02/2026   hạn 17:00 ngày 13/03/2026"


@pytest.mark.django_db
def test_refuses_a_clause_without_a_deadline():
    with pytest.raises(CommandError, match="Không đọc được"):
        run("Báo cáo theo quy định")
