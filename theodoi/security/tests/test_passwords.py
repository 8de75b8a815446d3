import pytest
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError


def _messages(password, user=None):
    with pytest.raises(ValidationError) as caught:
        validate_password(password, user)
    return " ".join(caught.value.messages)


def test_short_common_and_numeric_passwords_are_refused_in_vietnamese():
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in _messages("abc123")
    assert "Mật khẩu này quá phổ biến" in _messages("password123")
    assert "Mật khẩu không được chỉ gồm chữ số." in _messages("20262026202620")


@pytest.mark.django_db
def test_a_password_like_the_persons_name_is_refused(make_user, directory):
    user = make_user("reporter", directory["dn.nv"], username="tranthibich", full_name="Trần Thị Bích")
    assert "Mật khẩu quá giống" in _messages("tranthibich1", user)


def test_a_long_unusual_password_passes_and_the_rules_are_explained_in_vietnamese():
    validate_password("Cây-đa-bến-nước-2026")
    texts = " ".join(password_validators_help_texts())
    assert "ít nhất 10 ký tự" in texts and "phổ biến" in texts and "chữ số" in texts
