"""The programme snapshot that transactional tests are restored from (tests/support/snapshot.py)
gives back exactly the rows the load made: same keys, same tree, working search and sequences."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from cities.models import SisterCityPage
from tests.support import snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts


def test_restore_gives_back_the_loaded_programme_after_changes_and_a_flush(programme):
    assert snapshot.taken()
    loaded = _counts()
    city = SisterCityPage.objects.filter(locale__language_code="fa").order_by("pk").first()
    keys = (city.pk, city.path, city.translation_key, city.title)

    city.delete()
    # What a transactional test's teardown does.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    assert Page.get_first_root_node() is None

    snapshot.restore()

    assert _counts() == loaded
    again = SisterCityPage.objects.get(pk=keys[0])
    assert (again.pk, again.path, again.translation_key, again.title) == keys
    assert again.get_translations().filter(locale__language_code="en").exists()
    # Sequences are past the restored keys: a new row gets a new key, not a taken one.
    child = again.add_child(instance=Page(title="After the restore", slug="after-the-restore"))
    assert child.pk > max(Page.objects.exclude(pk=child.pk).values_list("pk", flat=True))
    # The search index (SQLite's full-text rows are tied to their entries by rowid) answers.
    assert Page.objects.live().search(city.title).count() >= 1
