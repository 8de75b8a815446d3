import pytest

from theodoi.audit.models import AuditEvent
from theodoi.core.errors import ApplicationError
from theodoi.demo.loader import DEMO_DIR
from theodoi.imports import services
from theodoi.imports.models import ImportDraft, ImportState
from theodoi.imports.selectors import import_draft_review
from theodoi.plans.models import Plan, Task
from theodoi.units.models import UnitAlias

SEED_000 = (DEMO_DIR / "seeds" / "000_6574c376147333d0.txt").read_bytes()
TABLE = (
    "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\n\n"
    "STT\tNội dung\tChủ trì\tPhối hợp\tThời gian\tKết quả\n"
    "1\tRà soát thủ tục hành chính\tPhòng Hành Chánh Lạ\tSở Nội vụ\tQuý II/2026\tBáo cáo\n"
    "2\tSố hóa hồ sơ\tSở Tài chính\tSở Nội vụ\tThường xuyên\tDữ liệu số\n"
).encode()


@pytest.fixture
def coordinator(directory, make_user):
    return make_user("coordinator", directory["dn.khcn"])


def test_upload_reads_a_draft_and_writes_no_plan(coordinator):
    draft = services.import_draft_create(actor=coordinator, data=TABLE, name="kh.txt")
    assert draft.state == ImportState.REVIEW and len(draft.document["tasks"]) == 2
    assert not Plan.objects.exists()
    review = import_draft_review(draft)
    assert "Phòng Hành Chánh Lạ" in review.unknown_names


def test_unreadable_file_gets_one_message_and_nothing_is_written(coordinator):
    for data in (b"", b"\x00\x01\x02 noise \xff" * 50, "Chỉ có một đoạn văn.".encode()):
        with pytest.raises(ApplicationError):
            services.import_draft_create(actor=coordinator, data=data, name="x.txt")
    assert not ImportDraft.objects.exists()


def test_people_outside_standing_agencies_cannot_import(directory, make_user):
    reporter = make_user("reporter", directory["dn.nv"])
    with pytest.raises(ApplicationError):
        services.import_draft_create(actor=reporter, data=TABLE, name="kh.txt")


def test_mapping_an_unknown_name_remembers_the_alias_and_save_loads_the_plan(coordinator, directory):
    draft = services.import_draft_create(actor=coordinator, data=TABLE, name="kh.txt")
    services.import_draft_set_owner(actor=coordinator, draft=draft, owner=directory["dn.khcn"])
    services.import_draft_edit(actor=coordinator, draft=draft, table="plan", index=0, field="title",
                               value="Kế hoạch rà soát thủ tục năm 2026")
    with pytest.raises(ApplicationError):
        services.import_draft_edit(actor=coordinator, draft=draft, table="plan", index=0, field="issued_on",
                                   value="2026-13-45")
    with pytest.raises(ApplicationError):  # unknown name still there: nothing is written
        services.import_draft_save(actor=coordinator, draft=draft)
    assert not Plan.objects.exists()
    services.import_draft_map_name(actor=coordinator, draft=draft, name="Phòng Hành Chánh Lạ",
                                   unit=directory["dn.khcn.vp"], remember=True)
    assert UnitAlias.objects.filter(unit=directory["dn.khcn.vp"], text="Phòng Hành Chánh Lạ").exists()
    draft.refresh_from_db()
    result = services.import_draft_save(actor=coordinator, draft=draft, expected_version=draft.version)
    task = Task.objects.get(plan=result.plan, ref="1")
    assert task.lead_names == ["Văn phòng Sở"]
    assert result.plan.standing_unit == directory["dn.khcn"]
    assert AuditEvent.objects.filter(action="import.save").exists()


def test_editing_a_cell_rereads_deadlines_and_guards_versions(coordinator, directory):
    draft = services.import_draft_create(actor=coordinator, data=TABLE, name="kh.txt", owner=directory["dn.khcn"])
    version = draft.version
    draft = services.import_draft_edit(actor=coordinator, draft=draft, table="tasks", index=1,
                                       field="deadline", value="Quý III/2026", expected_version=version)
    assert draft.document["tasks"][1]["deadline"]["due"] == "2026-09-30"
    with pytest.raises(ApplicationError):
        services.import_draft_edit(actor=coordinator, draft=draft, table="tasks", index=1,
                                   field="name", value="Khác", expected_version=version)
    with pytest.raises(ApplicationError):
        services.import_draft_edit(actor=coordinator, draft=draft, table="tasks", index=9, field="name", value="x")
    with pytest.raises(ApplicationError):
        services.import_draft_edit(actor=coordinator, draft=draft, table="tasks", index=0, field="name", value=" ")


def test_reimport_shows_what_changed_and_updates_in_place(coordinator, directory, make_user):
    import json

    from theodoi.units.services import directory_load

    directory_load(actor=None, data=json.loads((DEMO_DIR.parent / "units/demo/directory.json").read_text("utf-8")))
    from theodoi.units.models import Unit

    owner = Unit.objects.get(code="dong-nai.so-khcn")
    coordinator = make_user("coordinator", owner)
    first = services.import_draft_create(actor=coordinator, data=SEED_000, name="000.txt", owner=owner)
    plan = services.import_draft_save(actor=coordinator, draft=first).plan
    old, new = "Tăng cường thông tin, tuyên truyền", "Đẩy mạnh thông tin, tuyên truyền"
    changed = SEED_000.replace(old.encode(), new.encode(), 1)
    second = services.import_draft_create(actor=coordinator, data=changed, name="000-moi.txt", owner=owner)
    review = import_draft_review(second)
    assert review.existing == plan
    assert [c.ref for c in review.diff.changed] == ["Nhiệm vụ I.1"] and not review.diff.added
    result = services.import_draft_save(actor=coordinator, draft=second)
    assert result.plan.pk == plan.pk and Plan.objects.count() == 1
    assert Task.objects.get(plan=plan, ref="I.1").name.startswith("Đẩy mạnh")
