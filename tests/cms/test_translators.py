"""The translators' workflow: translate, save drafts, submit for moderation; never publish,
convert to alias or delete. Publishing acts stay with those who may publish."""

from __future__ import annotations

import html

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState

from cities.models import Region, SessionPage, SisterCityPage
from cms.admin_i18n.names import group_named
from cms.permissions import TRANSLATORS_GROUP

pytestmark = pytest.mark.django_db


def refused(response) -> bool:
    """Wagtail answers a permission denial in the admin with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


@pytest.fixture
def translator(django_user_model):
    user = django_user_model.objects.create_user("tara", "tara@example.org", "pw")
    user.groups.add(group_named(TRANSLATORS_GROUP))
    return user


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mona", "mona@example.org", "pw")
    user.groups.add(group_named("Moderators"))
    return user


@pytest.fixture
def en_page():
    return SisterCityPage.objects.get(slug="florence", locale__language_code="en")


def test_translators_group_has_exactly_the_translation_rights():
    group = group_named(TRANSLATORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "submit_translation", "change_region", "add_cooperationtopic"} <= (
        codenames
    )
    assert not {c for c in codenames if c.startswith("delete_")}
    page_perms = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert page_perms == {"add_page", "change_page"}
    editors = set(group_named("Editors").permissions.values_list("codename", flat=True))
    assert {"view_region", "change_cooperationarea", "change_cooperationtopic"} <= editors


def test_translation_editor_offers_draft_and_moderation_but_not_publishing(
    translator_client, en_page
):
    response = translator_client.get(reverse("wagtailadmin_pages:edit", args=[en_page.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    props = html.unescape(content)
    assert '"canPublish": false' in props
    assert '"canDelete": false' in props
    assert "data-translation-draft-actions" in content
    assert 'name="submit"' in content


def test_translator_cannot_publish_from_the_translation_editor(
    translator_client, en_page, django_capture_on_commit_callbacks
):
    live_revision = en_page.live_revision_id
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(
            reverse("wagtailadmin_pages:edit", args=[en_page.pk]), {"action": "publish"}
        )
    assert refused(response)
    en_page.refresh_from_db()
    assert en_page.live_revision_id == live_revision


def test_translator_submits_a_translation_that_moderators_see(
    translator_client, translator, moderator, client, en_page, django_capture_on_commit_callbacks
):
    live_revision = en_page.live_revision_id
    url = reverse("cms_save_translation_draft", args=[_translation_id(en_page)])
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(url, {"submit": "1"})
    assert response.status_code == 302
    en_page.refresh_from_db()
    state = en_page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == translator
    assert en_page.live_revision_id == live_revision  # nothing published
    assert en_page.has_unpublished_changes
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[en_page.pk]) in dashboard
    notified = [message for message in mail.outbox if moderator.email in message.to]
    assert notified, "moderators are notified like for any page"


def test_translator_saves_a_draft(translator_client, en_page):
    url = reverse("cms_save_translation_draft", args=[_translation_id(en_page)])
    before = en_page.revisions.count()
    assert translator_client.post(url, {"draft": "1"}).status_code == 302
    assert en_page.revisions.count() == before + 1
    assert en_page.current_workflow_state is None


def test_convert_to_alias_only_for_those_who_may_publish(translator_client, admin_client, en_page):
    url = reverse("wagtail_localize:convert_to_alias", args=[en_page.pk])
    assert refused(translator_client.get(url))
    assert refused(translator_client.post(url))
    en_page.refresh_from_db()
    assert en_page.alias_of_id is None
    assert admin_client.get(url).status_code == 200
    editor = translator_client.get(reverse("wagtailadmin_pages:edit", args=[en_page.pk]))
    assert b"localize-convert-to-alias" not in editor.content


def test_sync_translated_pages_publishes_only_for_publishers(
    translator_client, admin_client, en_page
):
    from wagtail_localize.models import TranslationSource

    fa = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    source = TranslationSource.objects.get_for_instance(fa)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    translator_view = translator_client.get(url)
    assert translator_view.status_code == 200
    assert b'name="publish_translations"' not in translator_view.content
    assert b'name="publish_translations"' in admin_client.get(url).content
    live_revision = en_page.live_revision_id
    response = translator_client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    en_page.refresh_from_db()
    assert en_page.live_revision_id == live_revision


def test_translator_cannot_delete_a_translation(
    translator_client, django_capture_on_commit_callbacks
):
    session = SessionPage.objects.filter(locale__language_code="en").first()
    session.unpublish()
    url = reverse("wagtailadmin_pages:delete", args=[session.pk])
    assert refused(translator_client.get(url))
    assert refused(translator_client.post(url))
    assert SessionPage.objects.filter(pk=session.pk).exists()


def test_translators_and_editors_translate_regions_but_cannot_delete_them(
    client, translator, django_user_model
):
    editor = django_user_model.objects.create_user("eddie", "e@example.org", "pw")
    editor.groups.add(group_named("Editors"))
    region = Region.objects.get(slug="europe", locale__language_code="en")
    edit = reverse("wagtailsnippets_cities_region:edit", args=[region.pk])
    delete = reverse("wagtailsnippets_cities_region:delete", args=[region.pk])
    for user in (translator, editor):
        client.force_login(user)
        response = client.get(edit)
        assert response.status_code == 200, user
        assert b"js-translation-editor" in response.content
        assert refused(client.get(delete))
        assert Region.objects.filter(pk=region.pk).exists()


def _translation_id(page) -> int:
    from wagtail_localize.models import Translation

    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    ).pk
