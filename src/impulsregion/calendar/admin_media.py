"""The event form as a member's editor uses it: description in a small editor, categories and
audiences as checkboxes, uploaded images, and "save as draft", "save and submit", "preview".

Descriptions go through the importers' sanitiser (`domain.sanitize.clean_html`) on save, so
a pasted ``<script>`` or ``onclick`` never reaches a page. Images are checked and scaled by
`domain.images` in the form's validation: a refused file writes nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.forms import Script
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsregion.calendar.domain import images
from impulsregion.calendar.domain.sanitize import clean_html, one_line, plain_text
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Category, Event, EventImage
from impulsregion.calendar.pages import event_context
from impulsregion.calendar.services.images import Prepared, prepare, remove_files, store_files
from impulsregion.calendar.services.moderation import ModerationError, submit_event
from impulsregion.common.i18n import pick
from impulsregion.region import rules

AUDIENCES = [
    ("for_families", gettext_lazy("families")),
    ("for_children", gettext_lazy("children")),
    ("for_youth", gettext_lazy("young people")),
    ("for_seniors", gettext_lazy("seniors")),
]
DRAFTS = (PublicStatus.DRAFT, PublicStatus.REJECTED)
EDITOR_ASSETS = "django_prose_editor"  # the editor's files (django-prose-editor), served by us


class DescriptionEditor(forms.Textarea):
    """A textarea that becomes a small rich-text editor (bold, italic, lists, links,
    paragraphs; ProseMirror from django-prose-editor, loaded from our static files)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"data-description-editor": "", "rows": 8, **(attrs or {})})

    @property
    def media(self) -> forms.Media:
        return forms.Media(
            css={
                "all": [
                    f"{EDITOR_ASSETS}/material-icons.css",
                    f"{EDITOR_ASSETS}/editor.css",
                    f"{EDITOR_ASSETS}/overrides.css",
                    "calendar/description-editor.css",
                ]
            },
            # the editor's own words (link dialog) in the page's language, then the editor
            js=[
                reverse("javascript-catalog"),
                Script("calendar/description-editor.js", type="module"),
            ],
        )


class CategoryChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return pick(obj, "name")  # at rendering: German on German pages, English on English


def sanitised_description(value: str) -> str:
    """What the editor sent, as the importers store descriptions; an empty paragraph is
    nothing."""
    cleaned = clean_html(value)
    return cleaned if plain_text(cleaned) else ""


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    """The event admin's form: the editor, checkboxes, and the audiences as one group."""

    categories = CategoryChoices(
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("categories"),
    )
    audiences = forms.MultipleChoiceField(
        choices=AUDIENCES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Especially for"),
    )

    class Meta:
        model = Event
        fields: list[str] = []
        widgets = {
            "description_de": DescriptionEditor(),
            "description_en": DescriptionEditor(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audiences"].initial = [
            name for name, _label in AUDIENCES if getattr(self.instance, name, False)
        ]

    def clean_description_de(self) -> str:
        return sanitised_description(self.cleaned_data.get("description_de", ""))

    def clean_description_en(self) -> str:
        return sanitised_description(self.cleaned_data.get("description_en", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "audiences" in self.fields and "audiences" in cleaned:
            for name, _label in AUDIENCES:
                setattr(self.instance, name, name in cleaned["audiences"])
        return cleaned


# --- images ---------------------------------------------------------------------------------

REFUSALS = {
    images.Problem.NOT_AN_IMAGE: gettext_lazy(
        "The file is not an image: upload a photo as JPEG, PNG or WebP."
    ),
    images.Problem.WRONG_FORMAT: gettext_lazy(
        "Only JPEG, PNG and WebP images can be uploaded; save the image in one of these formats."
    ),
    images.Problem.TOO_MANY_BYTES: gettext_lazy(
        "The image is larger than %(megabytes)s MB; save it smaller and upload it again."
    ),
    images.Problem.TOO_MANY_PIXELS: gettext_lazy(
        "The image has more than %(megapixels)s million pixels; scale it down and upload it again."
    ),
}


def refusal(problem: images.Problem) -> str:
    return str(REFUSALS[problem]) % {
        "megabytes": images.MAX_BYTES // (1024 * 1024),
        "megapixels": images.MAX_PIXELS // 1_000_000,
    }


class EventImageForm(forms.ModelForm):  # type: ignore[type-arg]
    upload = forms.FileField(
        label=gettext_lazy("image file"),
        required=False,
        help_text=gettext_lazy("JPEG, PNG or WebP, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = EventImage
        fields = ["upload", "alt_de", "alt_en", "credit", "licence", "position"]
        error_messages = {
            "credit": {"required": gettext_lazy("Give the photo credit (who took the photo).")},
            "licence": {
                "required": gettext_lazy("Give the image's licence (for example CC BY 4.0).")
            },
            "alt_de": {"required": gettext_lazy("Describe in German what the image shows.")},
        }

    prepared: Prepared | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        upload = self.fields["upload"]
        upload.required = not self.instance.original  # a new image needs its file
        upload.error_messages["required"] = _("Choose the image file.")

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if not upload:
            return upload
        if upload.size > images.MAX_BYTES:  # refused before it is read
            raise forms.ValidationError(refusal(images.Problem.TOO_MANY_BYTES))
        try:
            self.prepared = prepare(upload.read())
        except images.ImageRefused as refused:
            raise forms.ValidationError(refusal(refused.problem)) from refused
        return upload

    def save(self, commit: bool = True) -> EventImage:
        image: EventImage = super().save(commit=False)
        image.credit = one_line(image.credit)
        image.licence = one_line(image.licence)
        image.alt_de = one_line(image.alt_de)
        image.alt_en = one_line(image.alt_en)
        replaced: list[str] = []
        if self.prepared is not None:
            replaced = store_files(image, self.prepared)
        if commit:
            image.save()
        remove_files(replaced)
        return image


class EventImageFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    def delete_existing(self, obj: EventImage, commit: bool = True) -> None:
        names = obj.files()
        super().delete_existing(obj, commit)
        if commit:
            remove_files(names)


class EventImageInline(admin.StackedInline):  # type: ignore[type-arg]
    """Mixed with `RoleInline` where the event admin uses it (region.admin_base)."""

    model = EventImage
    form = EventImageForm
    formset = EventImageFormSet
    extra = 1
    fields = ["shown", "upload", "alt_de", "alt_en", "credit", "licence", "position"]
    readonly_fields = ["shown"]
    verbose_name = gettext_lazy("image")
    verbose_name_plural = gettext_lazy("images")

    @admin.display(description=gettext_lazy("as shown"))
    def shown(self, obj: EventImage) -> str:
        if not obj.pk or not obj.renditions:
            return "–"
        first = obj.renditions[0]
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" class="event-image-thumb">',
            obj.src,
            obj.alt_de,
            min(first["width"], 240),
            round(first["height"] * min(first["width"], 240) / first["width"]),
        )


# --- buttons and preview --------------------------------------------------------------------


def may_preview(user: Any, event: Event) -> bool:
    """Who sees an event's page before it is public: its own organisation's editors, the
    office and the board."""
    return (
        rules.is_office(user)
        or rules.is_board_member(user)
        or rules.can_edit_organisation(user, event.organisation_id)
    )


class DraftButtonsMixin:
    """Mixed into the event admin: "save as draft", "save and submit" and "preview"."""

    admin_site: admin.AdminSite

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "<int:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="calendar_event_preview",
        )
        return [preview, *super().get_urls()]  # type: ignore[misc]

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        obj = kwargs.get("obj")
        may_change = (
            self.has_change_permission(request, obj)  # type: ignore[attr-defined]
            if obj is not None
            else self.has_add_permission(request)  # type: ignore[attr-defined]
        )
        context["draft_buttons"] = may_change and (obj is None or obj.public_status in DRAFTS)
        if obj is not None and may_preview(request.user, obj):
            context["preview_url"] = reverse("admin:calendar_event_preview", args=[obj.pk])
        return super().render_change_form(request, context, *args, **kwargs)  # type: ignore[misc]

    def response_add(self, request: HttpRequest, obj: Event, *args: Any) -> HttpResponse:
        return self._after_save(request, obj) or super().response_add(request, obj, *args)  # type: ignore[misc]

    def response_change(self, request: HttpRequest, obj: Event) -> HttpResponse:
        return self._after_save(request, obj) or super().response_change(request, obj)  # type: ignore[misc]

    def _after_save(self, request: HttpRequest, obj: Event) -> HttpResponse | None:
        change_url = reverse("admin:calendar_event_change", args=[obj.pk])
        if "_preview" in request.POST:
            return HttpResponseRedirect(reverse("admin:calendar_event_preview", args=[obj.pk]))
        if "_submit" not in request.POST:
            return None
        try:
            submit_event(event=obj, user=request.user, now=timezone.now())
        except ModerationError as error:
            messages.error(
                request,
                _("The draft is saved, but not submitted: %(reason)s") % {"reason": error.message},
            )
            return HttpResponseRedirect(change_url)
        obj.refresh_from_db()
        if obj.public_status == PublicStatus.PUBLISHED:
            done = _("“%(title)s” is saved and published.")
        else:
            done = _("“%(title)s” is saved and submitted to the regional office for review.")
        messages.success(request, done % {"title": obj.title_de})
        return HttpResponseRedirect(change_url)

    def preview_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        event = get_object_or_404(
            Event.objects.select_related("place", "organisation", "parent"), pk=object_id
        )
        if not may_preview(request.user, event):
            raise Http404
        now = timezone.now()
        context = event_context(event, now, f"{request.scheme}://{request.get_host()}")
        context.update(
            preview=True,
            preview_banner=True,
            change_url=reverse("admin:calendar_event_change", args=[event.pk]),
        )
        return TemplateResponse(request, "calendar/event.html", context)
