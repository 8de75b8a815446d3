import pytest
from django.urls import reverse

PASSWORD = "pw-123456789"


@pytest.fixture
def reporter(directory, make_user):
    return make_user("reporter", directory["dn.nv"], full_name="Trần Thị B")


def test_login_page_is_vietnamese(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Tên đăng nhập" in html and "Mật khẩu" in html and "Đăng nhập" in html


def test_login_then_lands_on_the_plan_list(client, reporter):
    response = client.post(reverse("login"), {"username": reporter.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:list")
    html = response.content.decode()
    assert "Trần Thị B" in html and "Cán bộ báo cáo" in html and "Sở Nội vụ" in html
    assert "Đăng xuất" in html


def test_login_follows_next(client, reporter):
    data = {"username": reporter.username, "password": PASSWORD, "next": "/don-vi/"}
    response = client.post(reverse("login") + "?next=/don-vi/", data)
    assert response.url == "/don-vi/"


def test_wrong_password_says_so_in_vietnamese(client, reporter):
    response = client.post(reverse("login"), {"username": reporter.username, "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_logout_is_a_post_with_csrf(client, reporter):
    client.force_login(reporter)
    html = client.get(reverse("plans:list")).content.decode()
    assert f'action="{reverse("logout")}"' in html and "csrfmiddlewaretoken" in html
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert client.get(reverse("plans:list")).status_code == 302


def test_pages_send_the_csrf_token_to_htmx(client, reporter):
    client.force_login(reporter)
    html = client.get(reverse("plans:list")).content.decode()
    assert "hx-headers='{\"X-CSRFToken\": \"" in html
    assert "vendor/htmx/htmx.min.js" in html and "theodoi/theodoi.css" in html
    assert "https://" not in html.split("<body")[0]  # nothing fetched from the internet


def test_admin_menu_and_admin_site_for_the_admin_role_only(client, directory, make_user, reporter):
    client.force_login(reporter)
    assert "Quản trị" not in client.get(reverse("plans:list")).content.decode()
    assert client.get(reverse("admin:index"), follow=True).status_code == 403
    # is_staff alone does not open the admin: the role decides.
    staff_reporter = make_user("reporter", directory["dn.nv"], is_staff=True)
    client.force_login(staff_reporter)
    assert client.get(reverse("admin:index"), follow=True).status_code == 403
    assert client.get(reverse("admin:plans_plan_changelist"), follow=True).status_code == 403
    client.force_login(make_user("admin"))
    assert f'href="{reverse("admin:index")}"' in client.get(reverse("plans:list")).content.decode()
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:plans_plan_changelist")).status_code == 200


def test_admin_sends_anonymous_visitors_to_the_product_login(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    response = client.get(response.url)
    assert response.status_code == 302 and response.url.startswith(reverse("login") + "?next=/admin/")


def test_unknown_page_is_a_vietnamese_404(client, reporter):
    client.force_login(reporter)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.content.decode()


def test_a_leader_signs_in_to_the_overview(client, make_user, directory):
    leader = make_user("viewer", directory["dn"])
    leader.set_password(PASSWORD)
    leader.save()
    response = client.post(reverse("login"), {"username": leader.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboards:overview")
