from django.urls import reverse

from theodoi.notifications.models import Notification
from theodoi.notifications.scheduler import scheduler_tick

from .conftest import vn


def test_notifications_are_listed_and_marked_read(client, march_plan, people):
    scheduler_tick(now=vn(2026, 3, 9, 8))
    client.force_login(people["reporter_vp"])
    body = client.get(reverse("notifications:list")).content.decode()
    assert "1 thông báo chưa đọc" in body
    assert "Báo cáo Tháng 3/2026" in body
    row = Notification.objects.get(recipient=people["reporter_vp"])
    client.post(reverse("notifications:read", kwargs={"notification_id": row.pk}))
    row.refresh_from_db()
    assert row.read_at is not None
    assert "0 thông báo chưa đọc" in client.get(reverse("notifications:list")).content.decode()


def test_nobody_reads_someone_elses_notifications(client, march_plan, people):
    scheduler_tick(now=vn(2026, 3, 9, 8))
    row = Notification.objects.get(recipient=people["reporter_vp"])
    client.force_login(people["reporter_cds"])
    response = client.post(reverse("notifications:read", kwargs={"notification_id": row.pk}))
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_coordinator_sets_the_reminder_policy(client, loaded_plan, people):
    from datetime import time

    from theodoi.notifications.models import ReminderPolicy

    client.force_login(people["coordinator"])
    url = reverse("notifications:policy", kwargs={"plan_id": loaded_plan.pk})
    response = client.post(
        url,
        {
            "enabled": "on",
            "days_before": "5, 1",
            "on_due_day": "on",
            "days_after": "2",
            "escalate_from_day": "2",
            "send_at": "07:30",
        },
        follow=True,
    )
    assert "Đã lưu cài đặt nhắc việc" in response.content.decode()
    row = ReminderPolicy.objects.get(plan=loaded_plan)
    assert (row.days_before, row.days_after, row.send_at) == ([5, 1], [2], time(7, 30))
    assert 'value="5, 1"' in client.get(url).content.decode()
    bad = client.post(url, {"days_before": "năm", "days_after": "", "escalate_from_day": "1", "send_at": "08:00"})
    assert "Nhập các số ngày" in bad.content.decode()
    zero = client.post(url, {"days_before": "0", "days_after": "", "escalate_from_day": "1", "send_at": "08:00"})
    assert "Số ngày nhắc phải từ 1 đến 60" in zero.content.decode()


def test_a_reporter_cannot_change_the_reminder_policy(client, loaded_plan, people):
    from theodoi.notifications.models import ReminderPolicy

    client.force_login(people["reporter_vp"])
    url = reverse("notifications:policy", kwargs={"plan_id": loaded_plan.pk})
    response = client.post(url, {"days_before": "1", "days_after": "", "escalate_from_day": "1", "send_at": "08:00"})
    assert "không có quyền" in response.content.decode()
    assert not ReminderPolicy.objects.exists()
