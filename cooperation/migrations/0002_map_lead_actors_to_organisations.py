"""Give existing Action Plan items lead and partner organisations where the data says who.

Lead-actor categories that name one of the programme's partners (municipality → the
directorate, university → the universities' consortium, private sector → the Chamber of
Commerce) gain that organisation as a lead; a free-text partner equal to the name of a
sister-city organisation of the same city gains it as a partner organisation. Nothing is
removed: categories and free text stay as they were. The live page and its latest revision are
both updated, so the next edit in the admin keeps the mapping. On a database without Action
Plans (a fresh install) this does nothing; ``load_programme`` seeds the organisations.
"""

import json
import uuid

from django.db import migrations

# Frozen copy of cooperation.seed.data (migrations must not change when the seed does).
PARTNERS = {
    "municipality": (
        "isfahan-international-affairs",
        "اداره کل ارتباطات و امور بین‌الملل شهرداری اصفهان",
        "municipality_department",
    ),
    "university": (
        "isfahan-universities-consortium",
        "کنسرسیوم همکاری‌های علمی بین‌المللی دانشگاه‌ها و شهرک علمی و تحقیقاتی اصفهان",
        "university",
    ),
    "private_sector": (
        "isfahan-chamber-of-commerce",
        "اتاق بازرگانی اصفهان",
        "chamber_business",
    ),
}


def _ids(raw):
    return [e.get("value") if isinstance(e, dict) else e for e in raw or []]


def _entry(pk):
    return {"type": "item", "value": pk, "id": str(uuid.uuid4())}


def _map_items(items, lead_by_actor, partners_by_name):
    changed = False
    for block in items:
        if block.get("type") != "item":
            continue
        value = block.setdefault("value", {})
        leads = value.get("lead_organisations") or []
        for actor in value.get("lead_actors") or []:
            pk = lead_by_actor.get(actor)
            if pk and pk not in _ids(leads):
                leads.append(_entry(pk))
                changed = True
        value["lead_organisations"] = leads
        partners = value.get("partner_organisations") or []
        pk = partners_by_name.get((value.get("partner") or "").strip().casefold())
        if pk and pk not in _ids(partners):
            partners.append(_entry(pk))
            changed = True
        value["partner_organisations"] = partners
    return changed


def map_lead_actors(apps, schema_editor):
    ActionPlanPage = apps.get_model("cities", "ActionPlanPage")
    Organisation = apps.get_model("cooperation", "Organisation")
    Locale = apps.get_model("wagtailcore", "Locale")
    Revision = apps.get_model("wagtailcore", "Revision")
    if not ActionPlanPage.objects.exists():
        return
    from django.conf import settings

    fa = Locale.objects.filter(language_code=settings.DEFAULT_CONTENT_LANGUAGE).first()
    if fa is None:
        return
    lead_by_actor = {}
    for actor, (slug, name, kind) in PARTNERS.items():
        org = Organisation.objects.filter(slug=slug, locale=fa).first()
        if org is None:
            org = Organisation.objects.create(
                slug=slug, name=name, kind=kind, side="isfahan", locale=fa,
                translation_key=uuid.uuid4(),
            )
        lead_by_actor[actor] = org.pk
    for plan in ActionPlanPage.objects.all():
        city_path = plan.path[:-4]
        city_ids = set(
            apps.get_model("cities", "SisterCityPage")
            .objects.filter(path=city_path)
            .values_list("translation_key", flat=True)
        )
        partners_by_name = {
            org.name.strip().casefold(): org.pk
            for org in Organisation.objects.filter(side="sister_city", locale=fa).select_related(
                "city"
            )
            if org.city is not None and org.city.translation_key in city_ids
        }
        items = plan.items.raw_data if hasattr(plan.items, "raw_data") else plan.items
        items = json.loads(items) if isinstance(items, str) else list(items)
        if _map_items(items, lead_by_actor, partners_by_name):
            ActionPlanPage.objects.filter(pk=plan.pk).update(items=items)
        revision = (
            Revision.objects.filter(pk=plan.latest_revision_id).first()
            if plan.latest_revision_id
            else None
        )
        if revision is not None and "items" in revision.content:
            content = revision.content
            raw = content["items"]
            rev_items = json.loads(raw) if isinstance(raw, str) else raw
            if _map_items(rev_items, lead_by_actor, partners_by_name):
                content["items"] = json.dumps(rev_items) if isinstance(raw, str) else rev_items
                Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_organisations_and_tracked_items"),
        ("cities", "0003_item_organisations"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(map_lead_actors, migrations.RunPython.noop)]
