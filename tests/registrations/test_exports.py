"""The committee's CSV/XLSX export: streamed, safe for spreadsheets, labelled, audited once."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from cms.admin_i18n.names import group_named
from registrations import services
from registrations.lifecycle import Status
from registrations.models import AuditEntry, PersonalDataAccess
from registrations.spreadsheets import spreadsheet_safe, stream_csv, stream_xlsx

from . import factories

pytestmark = pytest.mark.django_db

INDEX = "/admin/applications/"


@pytest.fixture
def member(client):
    user = get_user_model().objects.create_user("member", email="member@example.org")
    user.groups.add(group_named("Review committee"))
    client.force_login(user)
    return user


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+98 912", "'+98 912"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Maryam = Ali", "Maryam = Ali"),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_spreadsheet_safe(value, safe):
    assert spreadsheet_safe(value) == safe


def test_formulas_typed_into_the_form_arrive_as_text(member, client):
    application = factories.under_review(
        full_name='=HYPERLINK("http://evil.example")', organisation="@cmd"
    )
    rows = csv_rows(client.get(INDEX, {"export": "csv"}))
    row = next(r for r in rows if application.reference in r)
    assert '\'=HYPERLINK("http://evil.example")' in row and "'@cmd" in row
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    sheet = xlsx_rows(client.get(INDEX, {"export": "xlsx"}))
    cells = [cell for r in sheet for cell in r if isinstance(cell, str)]
    assert '\'=HYPERLINK("http://evil.example")' in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_one_access_log_entry_per_export_with_filter_count_and_personal_flag(member, client):
    for _ in range(3):
        factories.under_review()
    factories.decided(Status.ACCEPTED)
    response = client.get(INDEX, {"export": "csv", "status": "under_review"})
    rows = csv_rows(response)
    assert len(rows) == 1 + 3
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.kind == PersonalDataAccess.Kind.EXPORT and entry.staff == member
    assert entry.query == "status=under_review" and entry.export_format == "csv"
    assert entry.row_count == 3 and entry.personal_data is True
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PERSONAL_DATA_VIEWED).exists()


def test_an_export_without_personal_data_is_logged_as_such(client):
    from .test_admin import user_with

    factories.under_review(full_name="Hidden Person")
    user = user_with("counter", "view_application", "export_applications")
    client.force_login(user)
    rows = csv_rows(client.get(INDEX, {"export": "csv"}))
    assert not any("Hidden Person" in cell for row in rows for cell in row)
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.personal_data is False and entry.row_count == 1


def test_labels_are_human_in_the_exporters_language_and_times_are_tehran(member, client):
    application = factories.under_review(
        residence_country="IT", topics=["city-marketing"], preferred_locale="en"
    )
    services.add_review(
        application, reviewer=factories.staff("r1"), score=4, recommendation="accept"
    )
    services.add_review(
        application, reviewer=factories.staff("r2"), score=5, recommendation="accept"
    )
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(member)
    profile.preferred_language = "en"
    profile.save()
    rows = csv_rows(client.get(INDEX, {"export": "csv"}))
    header, row = rows[0], next(r for r in rows if application.reference in r)
    data = dict(zip(header, row, strict=True))
    assert data["Country of residence"] == "Italy"
    assert data["Status"] == "Under review"
    assert data["Category"] == "University professor or researcher"
    assert data["Preferred language"] == "English"
    assert "city-marketing" not in data["Topics"] and data["Topics"]
    assert data["Average review score"] == "4.5" and data["Number of reviews"] == "2"
    (submitted_heading,) = [h for h in header if h.startswith("Submitted at")]
    assert "Asia/Tehran, UTC+03:30" in submitted_heading
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    tehran = timezone.localtime(application.submitted_at, ZoneInfo("Asia/Tehran"))
    assert data[submitted_heading] == tehran.strftime("%Y-%m-%d %H:%M")


def test_export_queries_do_not_grow_with_the_rows(member, client, django_assert_max_num_queries):
    for _ in range(12):
        factories.under_review()
    with django_assert_max_num_queries(30):
        response = client.get(INDEX, {"export": "xlsx"})
        rows = xlsx_rows(response)
    assert len(rows) == 13


def test_streaming_writers_start_before_the_rows_are_read():
    def rows():
        yield ["a"]
        raise AssertionError("read too far")

    assert next(stream_csv(["h"], rows())).startswith(b"\xef\xbb\xbf")
    assert next(stream_xlsx(["h"], rows())).startswith(b"PK")


def test_xlsx_keeps_numbers_numeric_and_persian_text():
    data = b"".join(stream_xlsx(["نام", "امتیاز"], [["مریم <&>", 4.5], ["علی", None]]))
    sheet = load_workbook(io.BytesIO(data)).active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("نام", "امتیاز"),
        ("مریم <&>", 4.5),
        ("علی", None),
    ]
