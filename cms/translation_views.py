"""Admin views around wagtail-localize's translation editor.

- *Save draft* and *Submit for moderation* for a page translation: a draft revision made by
  wagtail-localize from the current translations, then the page's workflow (the same
  moderation and notifications as any page).
- *Sync translated pages* and *Convert to alias page* wrapped so only those who may publish
  can publish translations or turn a translation into an alias.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, update_translations

from .permissions import may_publish, may_publish_translations_of


@require_POST
def save_translation_draft(request: HttpRequest, translation_id: int) -> HttpResponse:
    """Save the translation as a draft of its page; with ``submit``, start its workflow."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise PermissionDenied
    page = page.specific
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    translation.source.create_or_update_translation(
        translation.target_locale, user=request.user, publish=False, fallback=True
    )
    page = Page.objects.get(pk=page.pk).specific
    if "submit" in request.POST:
        workflow = page.get_workflow()
        if page.workflow_in_progress:
            messages.info(request, _("This translation is already in moderation."))
        elif workflow is None or not permissions.can_submit_for_moderation():
            messages.error(request, _("This page has no moderation workflow to submit it to."))
        else:
            workflow.start(page, request.user)
            messages.success(
                request,
                _("The translation “%(title)s” was submitted for moderation.")
                % {"title": page.get_admin_display_title()},
            )
    else:
        messages.success(
            request,
            _("The translation “%(title)s” was saved as a draft.")
            % {"title": page.get_admin_display_title()},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


def convert_to_alias(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=page_id)
    if not may_publish(request.user, page):
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """*Sync translated pages*, without *Publish immediately* for those who may not publish."""

    def may_publish(self) -> bool:
        try:
            source = self.object.get_source_instance()
        except Exception:
            source = None
        return may_publish_translations_of(self.request.user, source)

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
            form.fields.pop("publish_translations", None)
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        if form.cleaned_data["publish_translations"] and not self.may_publish():
            raise PermissionDenied
        return super().form_valid(form)
