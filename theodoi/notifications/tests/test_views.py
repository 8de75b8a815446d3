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
