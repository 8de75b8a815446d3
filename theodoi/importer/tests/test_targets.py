from theodoi.importer.rules.targets import parse_number, read_baseline, read_formula, read_target, target_unit


def test_targets_read_as_floors_unless_they_say_otherwise() -> None:
    assert read_target("≥ 95") == {"op": ">=", "value": 95, "text": "≥ 95"}
    assert read_target("100%") == {"op": ">=", "value": 100, "text": "100%"}
    assert read_target("Tối đa 5 ngày") == {"op": "<=", "value": 5, "text": "Tối đa 5 ngày"}
    assert read_target("= 3") == {"op": "=", "value": 3, "text": "= 3"}
    assert read_target("1,0-1,5%") == {"op": ">=", "value": 1, "text": "1,0-1,5%"}
    assert read_target("-") is None


def test_numbers_use_vietnamese_separators() -> None:
    assert parse_number("90,46") == 90.46
    assert parse_number("1.000") == 1000
    assert parse_number("05") == 5


def test_units_baselines_and_formulas() -> None:
    assert target_unit("05 sản phẩm") == "sản phẩm"
    assert target_unit("≥ 70%") == "%"
    assert read_baseline("98,73%", 2025) == {"value": 98.73, "text": "98,73%", "year": 2025}
    formula = read_formula("a= Số hồ sơ; b= Tổng số hồ sơ; Tỷ lệ= a/b") or {}
    assert (formula["numerator"], formula["denominator"]) == ("Số hồ sơ", "Tổng số hồ sơ")


def test_formulas_written_as_numerator_and_denominator() -> None:
    formula = read_formula("Tử số: Số hồ sơ đúng hạn; Mẫu số: Tổng số hồ sơ") or {}
    assert (formula["numerator"], formula["denominator"]) == ("Số hồ sơ đúng hạn", "Tổng số hồ sơ")
