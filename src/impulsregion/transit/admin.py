"""Back office for the tariff data: only the office edits it (``region.rules.is_office``)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from impulsregion.region.admin_base import OfficeAdmin
from impulsregion.transit import models


@admin.register(models.Zone)
class ZoneAdmin(OfficeAdmin):
    list_display = ["code", "name", "kind", "confirmed"]
    list_filter = ["kind", "confirmed"]
    search_fields = ["code", "name"]


@admin.register(models.ZoneAdjacency)
class ZoneAdjacencyAdmin(OfficeAdmin):
    list_display = ["zone_a", "zone_b", "confirmed"]
    list_select_related = ["zone_a", "zone_b"]
    autocomplete_fields = ["zone_a", "zone_b"]


@admin.register(models.Stop)
class StopAdmin(OfficeAdmin):
    list_display = ["name", "key", "zone_codes", "kind", "confirmed"]
    list_filter = ["kind", "confirmed", "zones"]
    search_fields = ["name", "key", "gtfs_id"]
    prepopulated_fields = {"key": ["name"]}
    filter_horizontal = ["zones"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).prefetch_related("zones")

    @admin.display(description=_("zones"))
    def zone_codes(self, obj: models.Stop) -> str:
        return ", ".join(zone.code for zone in obj.zones.all()) or "—"


@admin.register(models.Relation)
class RelationAdmin(OfficeAdmin):
    list_display = ["origin", "destination", "preisstufe", "family", "note"]
    list_select_related = ["origin", "destination"]
    autocomplete_fields = ["origin", "destination"]


@admin.register(models.PassengerType)
class PassengerTypeAdmin(OfficeAdmin):
    list_display = ["code", "name_de", "name_en", "min_age", "max_age", "free"]


@admin.register(models.Product)
class ProductAdmin(OfficeAdmin):
    list_display = [
        "code",
        "name_de",
        "validity_kind",
        "min_zones",
        "max_zones",
        "max_persons",
        "weekday_from",
    ]


@admin.register(models.RecognisedTicket)
class RecognisedTicketAdmin(OfficeAdmin):
    list_display = ["code", "name_de", "valid_from", "valid_until"]


@admin.register(models.PriceVersion)
class PriceVersionAdmin(OfficeAdmin):
    list_display = ["label", "valid_from", "valid_until", "source"]


@admin.register(models.Price)
class PriceAdmin(OfficeAdmin):
    list_display = [
        "version",
        "product",
        "passenger",
        "family",
        "preisstufe",
        "amount",
        "illustrative",
    ]
    list_filter = ["version", "product", "passenger", "family", "illustrative"]
    list_select_related = ["version", "product", "passenger"]
    search_fields = ["product__code", "product__name_de", "source"]
    list_per_page = 100


@admin.register(models.Operator)
class OperatorAdmin(OfficeAdmin):
    list_display = ["short_name", "name", "mode", "confirmed"]
    list_filter = ["confirmed"]
