from __future__ import annotations

from registrations.normalize import clean_email, clean_line, clean_text, to_ascii_digits


def test_persian_and_arabic_digits_become_ascii():
    assert to_ascii_digits("۰۹۱۲۳۴۵۶۷۸۹") == "09123456789"
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_arabic_yeh_and_kaf_become_persian():
    assert clean_line("علي كريمي") == "علی کریمی"
    assert clean_line("مصطفى") == "مصطفی"


def test_zwnj_kept_but_direction_overrides_and_kashida_dropped():
    assert clean_line("می\u200cخواهم") == "می\u200cخواهم"
    assert clean_line("\u202eadmin\u202c") == "admin"
    assert clean_line("اصـــفهان") == "اصفهان"


def test_lines_and_spaces_are_tidied():
    assert clean_line("  Maryam \t  Ahmadi\n") == "Maryam Ahmadi"
    assert clean_text("one  \r\n\r\n\r\n\r\ntwo\x00") == "one\n\ntwo"


def test_email_is_lowercased_and_trimmed():
    assert clean_email("  Maryam.Ahmadi@Example.ORG ") == "maryam.ahmadi@example.org"
