"""The committee's public message per content language; the email picks the applicant's."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.admin_i18n.names import group_named
from registrations import services
from registrations.errors import RegistrationError
from registrations.lifecycle import Status

from . import factories

pytestmark = pytest.mark.django_db

PERSIAN = "با سپاس از همراهی شما"
ENGLISH = "Thank you for coming along"


@pytest.fixture
def sent(django_capture_on_commit_callbacks, mailoutbox):
    def run(action):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        return result, mailoutbox[before:]

    return run


def decide(application, **kwargs):
    return services.decide(application, decision=Status.ACCEPTED, by=factories.staff(), **kwargs)


def test_an_english_applicant_gets_the_english_message(sent):
    application = factories.under_review(preferred_locale="en")
    _result, (message,) = sent(
        lambda: decide(
            application, public_message=PERSIAN, public_message_translations={"en": ENGLISH}
        )
    )
    assert ENGLISH in message.body and PERSIAN not in message.body
    assert "Persian only" not in message.body


def test_a_persian_applicant_gets_the_persian_message(sent):
    application = factories.under_review(preferred_locale="fa")
    _result, (message,) = sent(
        lambda: decide(
            application, public_message=PERSIAN, public_message_translations={"en": ENGLISH}
        )
    )
    assert PERSIAN in message.body and ENGLISH not in message.body


def test_without_a_translation_the_persian_message_comes_with_a_notice(sent):
    application = factories.under_review(preferred_locale="en")
    _result, (message,) = sent(lambda: decide(application, public_message=PERSIAN))
    assert PERSIAN in message.body
    assert "(The committee wrote this message in Persian only.)" in message.body
    html = message.alternatives[0][0]
    assert 'lang="fa" dir="rtl"' in html


def test_translations_are_stored_and_erased():
    application = decide(
        factories.under_review(),
        public_message=PERSIAN,
        public_message_translations={"en": ENGLISH},
    )
    application.refresh_from_db()
    assert application.public_message_for("en") == (ENGLISH, False)
    assert application.public_message_for("fa") == (PERSIAN, False)
    services.erase_applicant(application.applicant)
    application.refresh_from_db()
    assert application.public_message_translations == {}


def test_a_message_for_a_language_not_offered_is_refused():
    with pytest.raises(RegistrationError) as info:
        decide(factories.under_review(), public_message_translations={"xx": "?"})
    assert info.value.errors[0].field == "public_message_xx"


def test_the_decide_form_has_one_message_per_content_language(client, mailoutbox):
    user = get_user_model().objects.create_user("member")
    user.groups.add(group_named("Review committee"))
    client.force_login(user)
    application = factories.under_review(preferred_locale="en")
    url = reverse("applications:decide", args=(application.pk,))
    form = client.get(url).context["form"]
    assert "public_message" in form.fields and "public_message_en" in form.fields
    response = client.post(
        url, {"decision": "accepted", "public_message": PERSIAN, "public_message_en": ENGLISH}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.public_message_translations == {"en": ENGLISH}


def test_the_status_page_and_the_api_show_the_message_in_the_readers_language(sent):
    from django.template.loader import render_to_string
    from django.utils import translation

    from graphql_api.registrations.types import build_status
    from registrations.views import status_context

    application = factories.under_review(preferred_locale="en")
    sent(
        lambda: decide(
            application, public_message=PERSIAN, public_message_translations={"en": ENGLISH}
        )
    )
    application.refresh_from_db()
    for language, shown, hidden in (("en", ENGLISH, PERSIAN), ("fa", PERSIAN, ENGLISH)):
        with translation.override(language):
            page = render_to_string("registrations/status.html", status_context(application))
        assert shown in page and hidden not in page
        assert build_status(application, None, [], language).public_message == shown


def test_the_status_page_says_when_only_the_persian_message_exists(sent):
    from django.template.loader import render_to_string
    from django.utils import translation

    from registrations.views import status_context

    application = factories.under_review(preferred_locale="en")
    sent(lambda: decide(application, public_message=PERSIAN))
    application.refresh_from_db()
    with translation.override("en"):
        page = render_to_string("registrations/status.html", status_context(application))
    assert PERSIAN in page and "Persian only" in page
    assert 'lang="fa"' in page
