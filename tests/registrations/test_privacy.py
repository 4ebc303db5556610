"""Logging views of personal data, export, erasure and the retention policy."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from registrations import services
from registrations.errors import ErrorCode, RegistrationError
from registrations.lifecycle import Status
from registrations.models import Applicant, Application, AuditEntry, Invitation, Review
from registrations.selectors import application_status, counts_by_city

from . import factories

pytestmark = pytest.mark.django_db

PERSONAL_VALUES = [
    "مریم احمدی",
    "+989123456789",
    "Isfahan University of Technology",
    "Urban heritage",
]


def _reviewed_application():
    application = factories.under_review(email="subject@example.org")
    services.add_review(
        application,
        reviewer=factories.staff(),
        score=4,
        recommendation="accept",
        comment="Knows مریم احمدی personally",
    )
    return application


def test_viewing_personal_data_is_logged_and_needs_permission():
    application = factories.under_review()
    entry = services.log_personal_data_view(
        application.applicant, by=factories.staff(), application=application
    )
    assert entry.kind == "view" and entry.staff and entry.applicant == application.applicant
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PERSONAL_DATA_VIEWED).exists()
    clerk = get_user_model().objects.create_user("clerk", password="x")
    with pytest.raises(RegistrationError) as info:
        services.log_personal_data_view(application.applicant, by=clerk)
    assert info.value.code == ErrorCode.PERMISSION_DENIED


def test_export_holds_all_personal_data_and_history_as_json():
    application = _reviewed_application()
    data = services.export_applicant(application.applicant, by=factories.staff())
    encoded = json.dumps(data, ensure_ascii=False)
    for value in [*PERSONAL_VALUES, "subject@example.org", application.reference]:
        assert value in encoded
    exported = data["applications"][0]
    assert exported["topics"] == ["city-marketing"]
    assert exported["consents"][0]["text_version"]
    assert [step["to"] for step in exported["history"]] == ["submitted", "under_review"]
    assert exported["reviews"][0]["score"] == 4 and "reviewer" not in exported["reviews"][0]
    assert AuditEntry.objects.filter(
        applicant=application.applicant, action=AuditEntry.Action.EXPORT
    ).exists()


def test_erasure_anonymises_but_keeps_statistics_and_audit(session):
    application = _reviewed_application()
    services.decide(
        application, decision=Status.ACCEPTED, by=factories.staff(), public_message="Hi"
    )
    services.invite(application, session=session, by=factories.staff())
    applicant = application.applicant
    audit_count = AuditEntry.objects.filter(application=application).count()

    services.erase_applicant(applicant, by=factories.staff())

    applicant.refresh_from_db()
    application.refresh_from_db()
    assert applicant.erased_at and applicant.full_name == "" and applicant.email == ""
    assert applicant.phone == applicant.organisation == applicant.expertise == ""
    assert applicant.languages == [] and applicant.roster_opt_in is False
    assert applicant.category == "academic" and applicant.residence_country == "IR"
    assert application.motivation == "" and application.public_message == ""
    assert application.status_token_hash is None and application.erased_at
    # A live application cannot go on without its person: withdrawn, seat released.
    assert application.status == Status.WITHDRAWN
    assert application.invitations.get().status == Invitation.Status.CANCELLED
    assert Review.objects.get(application=application).comment == ""
    assert Review.objects.get(application=application).score == 4
    entries = AuditEntry.objects.filter(application=application)
    assert entries.count() > audit_count and not entries.exclude(note="").exists()
    dump = json.dumps(
        list(Applicant.objects.filter(pk=applicant.pk).values())
        + list(Application.objects.filter(pk=application.pk).values()),
        default=str,
        ensure_ascii=False,
    )
    for value in [*PERSONAL_VALUES, "subject@example.org"]:
        assert value not in dump
    assert counts_by_city()[application.city_id]["registered"] >= 1


def test_erasure_is_idempotent_and_frees_the_email_for_a_new_registration():
    application = factories.under_review(email="again@example.org")
    services.erase_applicant(application.applicant)
    services.erase_applicant(application.applicant)
    assert (
        factories.submitted(email="again@example.org")[0].applicant_id != application.applicant_id
    )


def test_erase_needs_permission():
    application = factories.under_review()
    clerk = get_user_model().objects.create_user("clerk", password="x")
    with pytest.raises(RegistrationError):
        services.erase_applicant(application.applicant, by=clerk)
    with pytest.raises(RegistrationError):
        services.export_applicant(application.applicant, by=clerk)


def test_erased_application_no_longer_answers_its_status_token():
    application, token = factories.submitted()
    assert application_status(application.reference, token) is not None
    services.erase_applicant(application.applicant)
    assert application_status(application.reference, token) is None


def _age(application, days):
    Application.objects.filter(pk=application.pk).update(
        status_changed_at=timezone.now() - timedelta(days=days)
    )


def test_retention_erases_old_final_applications_only(settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    old_rejected = factories.decided(Status.REJECTED)
    old_withdrawn, token = factories.submitted()
    services.withdraw(old_withdrawn.reference, token)
    recent_rejected = factories.decided(Status.REJECTED)
    old_accepted = factories.decided(Status.ACCEPTED)
    for application in (old_rejected, old_withdrawn, old_accepted):
        _age(application, 31)
    _age(recent_rejected, 29)

    assert services.apply_retention() == 2

    erased = set(Application.objects.filter(erased_at__isnull=False).values_list("pk", flat=True))
    assert erased == {old_rejected.pk, old_withdrawn.pk}
    assert Applicant.objects.get(pk=old_rejected.applicant_id).erased_at is not None
    assert Applicant.objects.get(pk=old_accepted.applicant_id).full_name
    assert services.apply_retention() == 0


def test_retention_keeps_an_applicant_who_still_has_a_live_application():
    rejected = factories.decided(Status.REJECTED, email="both@example.org")
    factories.under_review(email="both@example.org", city="xian")
    _age(rejected, 5000)
    assert services.apply_retention() == 1
    rejected.refresh_from_db()
    assert rejected.motivation == "" and rejected.applicant.erased_at is None
    assert rejected.applicant.full_name


def test_retention_command_reports_progress(capsys):
    for _ in range(2):
        _age(factories.decided(Status.REJECTED), 5000)
    call_command("apply_retention", "--days", "100")
    out = capsys.readouterr().out
    assert "2/2 erased" in out and "Erased 2 application(s) older than 100 days" in out
