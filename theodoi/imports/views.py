"""Import pages: upload a plan document, review what was read, correct it, save it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from theodoi.accounts import policy
from theodoi.core.errors import ApplicationError
from theodoi.core.htmx import render_page, wants_fragment
from theodoi.imports import services
from theodoi.imports.forms import CellForm, MapNameForm, OwnerForm, SaveForm, UploadForm
from theodoi.imports.models import ImportDraft
from theodoi.imports.selectors import import_draft_review, import_drafts_visible

META_FIELDS = [
    ("title", _lazy("Tên kế hoạch")), ("number", _lazy("Số, ký hiệu")), ("issued_on", _lazy("Ngày ban hành")),
    ("issuer", _lazy("Cơ quan ban hành (như in)")), ("place", _lazy("Địa danh")), ("signer", _lazy("Người ký")),
]


def _require_importer(request: HttpRequest) -> None:
    if not policy.can_import_plans(request.user):
        raise PermissionDenied


def _draft(request: HttpRequest, pk: int) -> ImportDraft:
    _require_importer(request)
    return get_object_or_404(import_drafts_visible(request.user), pk=pk)


@login_required
def import_list_view(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    # Bound on every POST, even one without a file, so that it is answered with a message.
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        if upload.size > services.MAX_UPLOAD_BYTES:
            form.add_error("document", _("Tệp lớn hơn 50 MB."))
        else:
            try:
                draft = services.import_draft_create(actor=request.user, data=upload.read(), name=upload.name)
            except ApplicationError as exc:
                form.add_error("document", exc.message)
            else:
                return redirect("imports:review", pk=draft.pk)
    drafts = import_drafts_visible(request.user)[:50]
    return render_page(request, "imports/import_list.html", {"form": form, "drafts": drafts},
                       status=400 if form.errors else 200)


@login_required
def import_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    review = import_draft_review(draft)
    context = {
        "review": review, "draft": draft, "owner_form": OwnerForm(initial={"owner": draft.owner}),
        "map_form": MapNameForm(), "meta_fields": META_FIELDS,
    }
    return render_page(request, "imports/import_review.html", context)


def _back(draft: ImportDraft, anchor: str = "") -> HttpResponse:
    return redirect(reverse("imports:review", args=[draft.pk]) + anchor)


@login_required
@require_POST
def import_cell_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = CellForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _back(draft)
    data = form.cleaned_data
    try:
        draft = services.import_draft_edit(
            actor=request.user, draft=draft, table=data["table"], index=data["index"],
            field=data["field"], value=data["value"],
        )
    except ApplicationError as exc:
        if wants_fragment(request):
            return HttpResponse(exc.message, status=409)
        messages.error(request, exc.message)
        return _back(draft)
    if wants_fragment(request) and data["table"] != "plan":
        review = import_draft_review(draft)
        rows = review.tasks if data["table"] == "tasks" else review.indicators
        template = "imports/_task_row.html" if data["table"] == "tasks" else "imports/_indicator_row.html"
        return render_page(request, template, {"row": rows[data["index"]], "draft": draft, "oob_version": True})
    return _back(draft, f"#{data['table']}-{data['index']}" if data["table"] != "plan" else "#thong-tin")


@login_required
@require_POST
def import_map_name_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = MapNameForm(request.POST)
    if form.is_valid():
        try:
            services.import_draft_map_name(
                actor=request.user, draft=draft, name=form.cleaned_data["name"],
                unit=form.cleaned_data["unit"], remember=form.cleaned_data["remember"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Hãy chọn một đơn vị."))
    return _back(draft, "#ten-chua-biet")


@login_required
@require_POST
def import_owner_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = OwnerForm(request.POST)
    if form.is_valid():
        try:
            services.import_draft_set_owner(actor=request.user, draft=draft, owner=form.cleaned_data["owner"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return _back(draft)


@login_required
@require_POST
def import_save_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = SaveForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        result = services.import_draft_save(
            actor=request.user, draft=draft, expected_version=form.cleaned_data["version"]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _back(draft)
    verb = _("Đã tạo kế hoạch") if result.created else _("Đã cập nhật kế hoạch")
    messages.success(
        request,
        _("%(verb)s: %(added)d dòng mới, %(updated)d dòng cập nhật, %(archived)d dòng bỏ khỏi kế hoạch.")
        % {"verb": verb, "added": len(result.added), "updated": len(result.updated),
           "archived": len(result.archived)},
    )
    return redirect("plans:detail", pk=result.plan.pk)


@login_required
@require_POST
def import_discard_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    try:
        services.import_draft_discard(actor=request.user, draft=draft)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("imports:list")
