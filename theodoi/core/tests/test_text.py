import unicodedata

from theodoi.core.text import clean, search_key, unaccent


def test_clean_composes_and_folds_space():
    decomposed = unicodedata.normalize("NFD", "Cải  cách\u00a0hành\nchính ")
    assert clean(decomposed) == "Cải cách hành chính"
    assert unicodedata.is_normalized("NFC", clean(decomposed))


def test_unaccent_handles_d_stroke():
    assert unaccent("Đồng Nai đổi mới") == "Dong Nai doi moi"


def test_search_key_matches_unaccented_query():
    assert search_key("cai cach") in search_key("Kế hoạch Cải cách hành chính")
