"""Staff's view of mail that could not be sent, with a Retry button per message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import delivery
from .models import OutboundEmail

PERMISSION = "outbox.retry_outboundemail"


def _require(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def failed_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    failed = OutboundEmail.objects.filter(status=OutboundEmail.Status.FAILED).defer(
        "body", "html", "attachments"
    )[:500]
    waiting = [OutboundEmail.Status.QUEUED, OutboundEmail.Status.SENDING]
    queued = OutboundEmail.objects.filter(status__in=waiting).count()
    return TemplateResponse(
        request,
        "outbox/failed_list.html",
        {"failed": failed, "queued": queued, "header_title": _("Failed emails")},
    )


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    email = get_object_or_404(OutboundEmail, pk=pk)
    delivery.retry(email)
    messages.success(request, _("The email “%(subject)s” is queued again.") % {"subject": email})
    return redirect("outbox:failed")
