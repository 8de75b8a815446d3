from theodoi.importer.text.inline import is_bold, strip_inline


def test_latex_symbols_become_text() -> None:
    assert strip_inline(r"$\geq 70\%$") == "≥ 70%"
    assert strip_inline(r"Có $\leq 5\%$ hồ sơ") == "Có ≤ 5% hồ sơ"


def test_tags_and_bookmarks_are_removed() -> None:
    assert strip_inline("<b>II.1</b>") == "II.1"
    assert strip_inline("[bookmark: _Hlk1]Tỷ lệ") == "Tỷ lệ"
    assert strip_inline("<ul><li>- Một</li> <li>- Hai</li></ul>").split() == ["-", "Một", "-", "Hai"]
    assert strip_inline("**KẾ HOẠCH**") == "KẾ HOẠCH"


def test_bold_cells_are_recognised() -> None:
    assert is_bold("<b>I</b>")
    assert is_bold("**GIÁM ĐỐC**")
    assert not is_bold("1")
