import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "tests" / "fixtures"
SHARED = Path(__file__).resolve().parent.parent / "shared"


@pytest.fixture
def directory(db):
    from theodoi.units.services import directory_load

    directory_load(actor=None, data=json.loads((FIXTURES / "directory_small.json").read_text("utf-8")))
    from theodoi.units.models import Unit

    return {unit.code: unit for unit in Unit.objects.all()}


def plan_document(**overrides):
    """A small valid Plan JSON document for tests; keyword arguments replace top-level parts."""
    document = {
        "source": "test.txt",
        "plan": {
            "title": "Kế hoạch cải cách hành chính năm 2026", "kind": "KH", "number": "12/KH-SKHCN",
            "issued_on": "2026-01-15", "issuer": "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
            "place": "Đồng Nai", "signer": "Nguyễn Văn A", "period": {"from": 2026, "to": 2026},
            "legal_refs": ["1065/QĐ-UBND"], "implements": ["1065/QĐ-UBND"],
        },
        "indicators": [
            {"ref": "1", "group": None, "name": "Tỷ lệ hồ sơ giải quyết đúng hạn", "unit": "%",
             "target": {"op": ">=", "value": 98, "text": "≥ 98%"}, "baseline": None,
             "formula": {"numerator": "Số hồ sơ đúng hạn", "denominator": "Tổng số hồ sơ", "text": "a/b"},
             "data_source": "Hệ thống thông tin giải quyết TTHC", "responsible": ["Văn phòng Sở"],
             "coordinating": [], "note": None},
        ],
        "tasks": [
            {"ref": "I.1", "section": ["CẢI CÁCH THỂ CHẾ"], "name": "Rà soát văn bản quy phạm pháp luật",
             "description": None, "objective": None, "lead": ["Văn phòng Sở"],
             "coordinating": ["@phong-don-vi"], "output": "Báo cáo rà soát",
             "deadline": {"text": "Quý II/2026", "kind": "date", "from": None, "due": "2026-06-30",
                          "every": None, "trigger": None},
             "indicator_ref": "1", "note": None},
            {"ref": "II.1", "section": ["CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Số hóa hồ sơ"],
             "name": "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
             "description": None, "objective": None, "lead": ["Phòng Chuyển đổi số"],
             "coordinating": ["Sở Nội vụ", "@ubnd-xa-phuong"], "output": None,
             "deadline": {"text": "Thường xuyên", "kind": "recurring", "from": None, "due": None,
                          "every": "period", "trigger": None},
             "indicator_ref": None, "note": None},
        ],
    }
    document.update(overrides)
    return document


@pytest.fixture
def make_user(db):
    """make_user("reporter", unit) -> a saved user with that role at that unit (password 'pw-123456789')."""
    from theodoi.accounts.models import User

    counter = iter(range(1, 10_000))

    def make(role, unit=None, **extra):
        user = User(username=extra.pop("username", f"{role}{next(counter)}"), role=role, unit=unit, **extra)
        if role == "admin":
            user.is_staff = user.is_superuser = True
        user.set_password("pw-123456789")
        user.save()
        return user

    return make


@pytest.fixture
def loaded_plan(directory):
    """The small test plan of `plan_document()`, loaded for the Sở KH&CN Đồng Nai directory."""
    from theodoi.plans.services import plan_load

    return plan_load(actor=None, document=plan_document()).plan


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttles count in the cache: each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
