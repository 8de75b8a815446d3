"""Agency cells to canonical names and group tokens: the sample plans' spellings and the genre's."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.importer.agencies import AgencyResolver, Resolved, find_abbreviations, key_of, shipped_table

SCIENCE_DEPARTMENT = "Sở Khoa học và Công nghệ tỉnh Đồng Nai"
PROVINCE = "Ủy ban nhân dân tỉnh Đồng Nai"


def _shared_file(*parts: str) -> Path:
    """`shared/` beside the project (or beside the worktrees' folder); $THEODOI_SHARED wins."""
    here = Path(__file__).resolve().parents[3]
    roots = [Path(os.environ["THEODOI_SHARED"])] if os.environ.get("THEODOI_SHARED") else []
    roots += [parent / "shared" for parent in (here.parent, here.parent.parent)]
    for root in roots:
        if (root / Path(*parts)).exists():
            return root / Path(*parts)
    return roots[0] / Path(*parts)


SHARED_TSV = _shared_file("spec", "agencies.tsv")


def _shared_aliases() -> list[tuple[str, str]]:
    if not SHARED_TSV.exists():
        return []
    with SHARED_TSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    return [(alias.strip(), canonical) for canonical, aliases in rows for alias in aliases.split(" | ")]


@pytest.fixture(scope="module")
def department() -> AgencyResolver:
    return AgencyResolver(owner=SCIENCE_DEPARTMENT)


@pytest.fixture(scope="module")
def anyone() -> AgencyResolver:
    return AgencyResolver()


# The sample plans with a bare "Văn phòng" are the Sở's own, so the table is read as the Sở reads it.
@pytest.mark.skipif(not SHARED_TSV.exists(), reason="../shared/spec/agencies.tsv không có")
@pytest.mark.parametrize(("alias", "canonical"), _shared_aliases(), ids=lambda value: str(value))
def test_every_shared_spelling_resolves(department: AgencyResolver, alias: str, canonical: str) -> None:
    assert department.resolve(alias).names == [canonical]


SPLITS: list[tuple[str, list[str]]] = [
    ("Sở Tài chính, Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Tài chính; Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Tài chính\nSở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Y tế và Sở Tài chính", ["Sở Y tế", "Sở Tài chính"]),
    ("Sở Y tế cùng Sở Tài chính", ["Sở Y tế", "Sở Tài chính"]),
    ("Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    (
        "Sở Văn hoá, Thể thao và Du lịch, Sở Y tế và Sở Tài chính.",
        ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế", "Sở Tài chính"],
    ),
    ("Sở Nông nghiệp và Môi trường và Sở Xây dựng", ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng"]),
    ("Sở Giáo dục và Đào tạo, Sở Dân tộc và Tôn giáo", ["Sở Giáo dục và Đào tạo", "Sở Dân tộc và Tôn giáo"]),
    ("Sở Tài chính.", ["Sở Tài chính"]),
    ("- Sở Tài chính;\n- Sở Tư pháp.", ["Sở Tài chính", "Sở Tư pháp"]),
    ("Sở Tài chính, Sở Tài chính", ["Sở Tài chính"]),
    ("1. Sở Tài chính 2. Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Tài chính Sở Y tế", ["Sở Tài chính", "Sở Y tế"]),
    ("Sở Y tế - Sở Tài chính", ["Sở Y tế", "Sở Tài chính"]),
    ("a) Sở Y tế; b) Công an tỉnh", ["Sở Y tế", "Công an tỉnh"]),
    (
        "Ngân hàng Nhà nước chi nhánh Khu vực 2. Sở Y tế",
        ["Ngân hàng Nhà nước chi nhánh Khu vực 2", "Sở Y tế"],
    ),
    ("Phòng Kế hoạch – Tài chính", ["Phòng Kế hoạch - Tài chính"]),
    (
        "Sở Nội vụ, Sở Khoa học và Công nghệ và các sở, ban, ngành có liên quan",
        ["Sở Nội vụ", "Sở Khoa học và Công nghệ", "@so-ban-nganh"],
    ),
    ("Phòng Chuyển\nđôi số", ["Phòng Chuyển đổi số"]),
    ("Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
    ("Các Sở: Nội vụ, Tài chính, Tư pháp", ["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp"]),
    ("Các Sở, ngành: Tài chính, Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Tài chính và các Sở: Xây dựng, Y tế", ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế"]),
    ("Sở Tài chính, Xây dựng và Nội vụ", ["Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ"]),
    ("các Sở Tài chính, Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Phòng KHTC, CĐS", ["Phòng Kế hoạch - Tài chính", "Phòng Chuyển đổi số"]),
    ("Sở Nội vụ chủ trì, phối hợp với Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    (
        "Hội LHPN tỉnh, Tỉnh đoàn, LĐLĐ tỉnh",
        ["Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn", "Liên đoàn Lao động tỉnh"],
    ),
]


@pytest.mark.parametrize(("cell", "names"), SPLITS, ids=[cell for cell, _ in SPLITS])
def test_splits_between_agencies_never_inside_a_name(
    anyone: AgencyResolver, cell: str, names: list[str]
) -> None:
    assert anyone.resolve(cell) == Resolved(names=names)


ABBREVIATIONS: list[tuple[str, str]] = [
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở KHCN", "Sở Khoa học và Công nghệ"),
    ("Sở KH-CN", "Sở Khoa học và Công nghệ"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Sở NN&MT", "Sở Nông nghiệp và Môi trường"),
    ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở DT&TG", "Sở Dân tộc và Tôn giáo"),
    ("P. CĐS", "Phòng Chuyển đổi số"),
    ("P.CĐS", "Phòng Chuyển đổi số"),
    ("Phòng KHTC", "Phòng Kế hoạch - Tài chính"),
    ("Phòng KH-TC", "Phòng Kế hoạch - Tài chính"),
    ("TT. KHCN tỉnh", "Trung tâm Khoa học và Công nghệ"),
    ("TT KH&CN", "Trung tâm Khoa học và Công nghệ"),
    ("VP UBND tỉnh", "Văn phòng UBND tỉnh"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"),
    ("VP Sở", "Văn phòng Sở"),
    ("Ủy ban nhân dân tỉnh", "UBND tỉnh"),
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
    ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    ("Trung tâm PVHCC", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("BQL các KCN", "Ban Quản lý các khu công nghiệp"),
    ("NHNN chi nhánh KV 2", "Ngân hàng Nhà nước chi nhánh Khu vực 2"),
    ("Ngân hàng Nhà nước Khu vực 12", "Ngân hàng Nhà nước chi nhánh Khu vực 12"),
    ("Kho bạc Nhà nước khu vực XV", "Kho bạc Nhà nước khu vực XV"),
    ("Báo và Phát thanh, truyền hình Sơn La", "Báo và Phát thanh, Truyền hình Sơn La"),
    ("SỞ TÀI CHÍNH", "Sở Tài chính"),
    ("sở tư pháp", "Sở Tư pháp"),
]


@pytest.mark.parametrize(("alias", "canonical"), ABBREVIATIONS, ids=[a for a, _ in ABBREVIATIONS])
def test_abbreviations_and_spellings(anyone: AgencyResolver, alias: str, canonical: str) -> None:
    assert anyone.resolve(alias) == Resolved(names=[canonical])


PROVINCE_SUFFIX: list[tuple[str, list[str]]] = [
    ("Sở Y tế tỉnh Đồng Nai", ["Sở Y tế"]),
    ("Sở Y tế tỉnh", ["Sở Y tế"]),
    ("Sở Tài chính tỉnh Sơn La và Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Công an tỉnh Đồng Nai", ["Công an tỉnh"]),
    ("UBND tỉnh Bà Rịa - Vũng Tàu", ["UBND tỉnh"]),
    ("Sở Y tế thành phố Hà Nội", ["Sở Y tế"]),
    ("Sở Y tế Lào Cai, Công an Đồng Nai", ["Sở Y tế", "Công an tỉnh"]),
    ("BHXH Đồng Nai", ["Bảo hiểm xã hội tỉnh"]),
    ("Sở Tài chính tỉnh Bà Rịa - Vũng Tàu", ["Sở Tài chính"]),
]


@pytest.mark.parametrize(("cell", "names"), PROVINCE_SUFFIX, ids=[c for c, _ in PROVINCE_SUFFIX])
def test_province_suffix_maps_to_bare_name(anyone: AgencyResolver, cell: str, names: list[str]) -> None:
    assert anyone.resolve(cell).names[: len(names)] == names


GROUPS: list[tuple[str, list[str]]] = [
    ("Sở, ban, ngành, UBND các xã, phường", ["@so-ban-nganh", "@ubnd-xa-phuong"]),
    ("Các sở, ban, ngành, UBND xã, phường", ["@so-ban-nganh", "@ubnd-xa-phuong"]),
    ("các sở, ban, ngành có liên quan", ["@so-ban-nganh"]),
    ("Các Sở, ban, ngành liên quan", ["@so-ban-nganh"]),
    ("các sở ban ngành tỉnh", ["@so-ban-nganh"]),
    ("Các cơ quan chuyên môn thuộc UBND tỉnh", ["@so-ban-nganh"]),
    ("Các sở, ngành, địa phương", ["@so-ban-nganh", "@ubnd-xa-phuong"]),
    ("UBND cấp xã", ["@ubnd-xa-phuong"]),
    ("UBND xã", ["@ubnd-xa-phuong"]),
    ("UBND xã Tân Phú, UBND phường Long Bình", ["UBND xã Tân Phú", "UBND phường Long Bình"]),
    (
        "Phòng Kinh tế, Hạ tầng và Đô thị; Phòng Văn hóa - Xã hội",
        ["Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa - Xã hội"],
    ),
    ("UBND các xã, phường, đặc khu", ["@ubnd-xa-phuong"]),
    ("Ủy ban nhân dân các xã, phường", ["@ubnd-xa-phuong"]),
    ("UBND các xã; phường", ["@ubnd-xa-phuong"]),
    ("các địa phương", ["@ubnd-xa-phuong"]),
    ("Các phòng, đơn vị thuộc Sở", ["@phong-don-vi"]),
    ("Các phòng chuyên môn", ["@phong-don-vi"]),
    ("Các cơ quan, đơn vị có liên quan", ["@lien-quan"]),
    ("Cơ quan, tổ chức, cá nhân có liên quan", ["@lien-quan"]),
    ("Các cơ quan, đơn vị trên địa bàn tỉnh", ["@lien-quan"]),
    ("Các cơ quan, đơn vị thuộc UBND tỉnh", ["@so-ban-nganh"]),
    ("các cơ quan báo chí", ["@co-quan-bao-dai"]),
    ("các Hội, tổ chức xã hội - nghề nghiệp", ["@to-chuc-xa-hoi-nghe-nghiep"]),
    ("Tổ công nghệ số cộng đồng các cấp", ["@to-cong-nghe-so-cong-dong"]),
    ("Các doanh nghiệp, hợp tác xã trên địa bàn tỉnh", ["@doanh-nghiep-htx"]),
    ("Sở Tài chính, các sở, ban, ngành và UBND cấp xã", ["Sở Tài chính", "@so-ban-nganh", "@ubnd-xa-phuong"]),
]


@pytest.mark.parametrize(("cell", "names"), GROUPS, ids=[c for c, _ in GROUPS])
def test_group_phrases_become_tokens(anyone: AgencyResolver, cell: str, names: list[str]) -> None:
    assert anyone.resolve(cell) == Resolved(names=names)


def test_parenthetical_goes_to_note(anyone: AgencyResolver) -> None:
    cell = "Sở, ban, ngành, UBND các xã, phường (đối với các ngành, lĩnh vực thuộc phạm quản lý)"
    assert anyone.resolve(cell) == Resolved(
        names=["@so-ban-nganh", "@ubnd-xa-phuong"], note="(đối với các ngành, lĩnh vực thuộc phạm quản lý)"
    )


def test_trailing_qualifier_goes_to_note(anyone: AgencyResolver) -> None:
    assert anyone.resolve("Sở Tài chính; các sở, ngành theo chức năng, nhiệm vụ được giao") == Resolved(
        names=["Sở Tài chính", "@so-ban-nganh"], note="theo chức năng, nhiệm vụ được giao"
    )


def test_qualifier_after_one_name(anyone: AgencyResolver) -> None:
    assert anyone.resolve("Sở Tài chính (chủ trì), Sở Nội vụ") == Resolved(
        names=["Sở Tài chính", "Sở Nội vụ"], note="(chủ trì)"
    )


@pytest.mark.parametrize("cell", ["Sở Nội vụ[^1]", "Sở Nội vụ¹", "Sở Nội vụ [footnoteRef:3]", "Sở Nội vụ*"])
def test_footnote_markers_are_dropped(anyone: AgencyResolver, cell: str) -> None:
    assert anyone.resolve(cell) == Resolved(names=["Sở Nội vụ"])


def test_inline_footnote_text_goes_to_note(anyone: AgencyResolver) -> None:
    cell = (
        "Sở, ban, ngành, UBND các xã, phường [footnoteRef:1]  [1:  Theo phân công tại Kế hoạch số 12/KH-UBND]"
    )
    resolved = anyone.resolve(cell)
    assert resolved.names == ["@so-ban-nganh", "@ubnd-xa-phuong"]
    assert resolved.note == "Theo phân công tại Kế hoạch số 12/KH-UBND"


FUZZY: list[tuple[str, str]] = [
    ("Phòng Chuyên đôi số", "Phòng Chuyển đổi số"),
    ("Phòng Chuyen doi so", "Phòng Chuyển đổi số"),
    ("Sở Gáo dục và Đào tạo", "Sở Giáo dục và Đào tạo"),
    ("Sở Nông nghiệp và Môi trườn", "Sở Nông nghiệp và Môi trường"),
    ("Sở Ngoai vu", "Sở Ngoại vụ"),
    ("Sở Tư phap", "Sở Tư pháp"),
]


@pytest.mark.parametrize(("cell", "canonical"), FUZZY, ids=[c for c, _ in FUZZY])
def test_misspellings_match(anyone: AgencyResolver, cell: str, canonical: str) -> None:
    assert anyone.resolve(cell) == Resolved(names=[canonical])


@pytest.mark.parametrize(
    "cell",
    [
        "Trường Đại học Đồng Nai",
        "Báo và Đài phát thanh truyền hình tỉnh",
        "Trung tâm Dịch vụ và Hỗ trợ doanh nghiệp",
        "Đơn vị cung cấp, vận hành Hệ thống thông tin giải quyết TTHC",
        "Các doanh nghiệp viễn thông",
        "Sở Ngoại vụ Lào",
        "Công an",
        "Các Hội, đoàn thể",
        "Bộ phận Một cửa các cấp",
    ],
)
def test_unknown_names_are_kept_as_printed(anyone: AgencyResolver, cell: str) -> None:
    assert anyone.resolve(cell) == Resolved(names=[cell], unknown=[cell])


def test_similar_names_are_not_confused(anyone: AgencyResolver) -> None:
    assert anyone.resolve("Sở Nội vụ, Sở Ngoại vụ").names == ["Sở Nội vụ", "Sở Ngoại vụ"]
    assert anyone.resolve("Ngân hàng Nhà nước chi nhánh Khu vực 3").names == [
        "Ngân hàng Nhà nước chi nhánh Khu vực 3"
    ]


def test_unknown_and_known_mixed(anyone: AgencyResolver) -> None:
    assert anyone.resolve("Sở Y tế và Trường Đại học Đồng Nai") == Resolved(
        names=["Sở Y tế", "Trường Đại học Đồng Nai"], unknown=["Trường Đại học Đồng Nai"]
    )


@pytest.mark.parametrize(
    ("owner", "cell", "names"),
    [
        (SCIENCE_DEPARTMENT, "Văn phòng", ["Văn phòng Sở"]),
        (SCIENCE_DEPARTMENT, "Thanh tra", ["Thanh tra Sở"]),
        ("Sở Y tế", "Văn phòng, Phòng KHTC", ["Văn phòng Sở", "Phòng Kế hoạch - Tài chính"]),
        (PROVINCE, "Văn phòng", ["Văn phòng UBND tỉnh"]),
        ("UBND tỉnh Sơn La", "Thanh tra", ["Thanh tra tỉnh"]),
        (PROVINCE, "Văn phòng UBND tỉnh", ["Văn phòng UBND tỉnh"]),
        ("UBND xã Tân Phú", "Văn phòng, Phòng Kinh tế", ["Văn phòng HĐND và UBND xã", "Phòng Kinh tế"]),
    ],
)
def test_owner_decides_bare_words(owner: str, cell: str, names: list[str]) -> None:
    assert AgencyResolver(owner=owner).resolve(cell) == Resolved(names=names)


def test_bare_word_without_owner_is_not_guessed(anyone: AgencyResolver) -> None:
    assert anyone.resolve("Văn phòng") == Resolved(names=["Văn phòng"], unknown=["Văn phòng"])


def test_extra_aliases_win_over_the_table() -> None:
    resolver = AgencyResolver(
        extra_aliases={
            "Sở KH&CN": "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
            "Sở Khoa học và Công nghệ tỉnh Đồng Nai": "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
            "Phòng CĐS": "Phòng Chuyển đổi số (Sở KH&CN)",
            "Văn phòng": "Văn phòng Sở Khoa học và Công nghệ",
        }
    )
    assert resolver.resolve("Sở KH&CN; Phòng CĐS, Văn phòng").names == [
        "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
        "Phòng Chuyển đổi số (Sở KH&CN)",
        "Văn phòng Sở Khoa học và Công nghệ",
    ]


def test_document_abbreviations_expand_to_known_names() -> None:
    text = "Giao Sở Khoa học và Công nghệ (sau đây gọi tắt là Sở KHCN) chủ trì; Ban Chỉ đạo (gọi tắt là BCĐ)"
    resolver = AgencyResolver(extra_aliases=find_abbreviations(text))
    assert resolver.resolve("Sở KHCN").names == ["Sở Khoa học và Công nghệ"]


def test_find_abbreviations() -> None:
    text = (
        "Giao Sở Khoa học và Công nghệ (sau đây gọi tắt là Sở KH&CN) chủ trì. "
        "Ủy ban nhân dân tỉnh (viết tắt là UBND tỉnh). Giải quyết thủ tục hành chính (TTHC) "
        "và Sở Văn hóa, Thể thao và Du lịch (gọi tắt là “Sở VHTTDL”); "
        "Ban Chỉ đạo về phát triển khoa học, công nghệ tỉnh (sau đây gọi tắt là Ban Chỉ đạo)."
    )
    assert find_abbreviations(text) == {
        "Sở KH&CN": "Sở Khoa học và Công nghệ",
        "UBND tỉnh": "Ủy ban nhân dân tỉnh",
        "Sở VHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
        "Ban Chỉ đạo": "Ban Chỉ đạo về phát triển khoa học, công nghệ tỉnh",
        "TTHC": "thủ tục hành chính",
    }


def test_find_abbreviations_ignores_plain_parentheses() -> None:
    assert find_abbreviations("Sở Tài chính (chủ trì) và các đơn vị (nếu có)") == {}


@pytest.mark.parametrize("cell", ["", "   ", "\n", "(ghi chú)", "[^1]", ",", "và"])
def test_empty_cells(anyone: AgencyResolver, cell: str) -> None:
    assert anyone.resolve(cell).names == []


def test_key_ignores_case_diacritics_punctuation_and_abbreviation() -> None:
    assert key_of("Sở KH&CN") == key_of("sở khoa học và công nghệ") == key_of("SO KHOA HOC - CONG NGHE")
    assert key_of("Sở Nội vụ") != key_of("Sở Ngoại vụ")


SHIPPED_SPELLINGS = [(alias, entry.name) for entry, aliases in shipped_table() for alias in aliases]


@pytest.mark.parametrize(("alias", "canonical"), SHIPPED_SPELLINGS, ids=[a for a, _ in SHIPPED_SPELLINGS])
def test_every_shipped_spelling_resolves_to_its_own_name(
    anyone: AgencyResolver, alias: str, canonical: str
) -> None:
    assert anyone.resolve(alias) == Resolved(names=[canonical])


def test_shipped_table_has_the_2025_departments() -> None:
    names = {entry.name for entry, _ in shipped_table()}
    for name in (
        "Sở Nội vụ",
        "Sở Tài chính",
        "Sở Nông nghiệp và Môi trường",
        "Sở Dân tộc và Tôn giáo",
        "Thuế tỉnh",
    ):
        assert name in names


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_resolve_never_raises(text: str) -> None:
    resolved = AgencyResolver(owner=SCIENCE_DEPARTMENT).resolve(text)
    assert all(name for name in resolved.names)
    assert set(resolved.unknown) <= set(resolved.names)


_PIECES = [
    "Sở",
    "Y tế",
    "Tài chính",
    "và",
    ",",
    ";",
    "(",
    ")",
    "các",
    "sở, ban, ngành",
    "UBND",
    "xã",
    "phường",
    "tỉnh",
    "Đồng Nai",
    "KH&CN",
    "P.",
    "CĐS",
    "[^1]",
    "\n",
    "Văn phòng",
    "liên quan",
    "-",
    "Khu vực",
    "2",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_resolve_agency_like_text_never_raises(pieces: list[str]) -> None:
    resolved = AgencyResolver().resolve(" ".join(pieces))
    assert set(resolved.unknown) <= set(resolved.names)
