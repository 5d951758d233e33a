from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    KREISFREIE_STADT = "kreisfreie_stadt", _("independent city (kreisfreie Stadt)")
    LANDKREIS = "landkreis", _("district (Landkreis)")
    GEMEINDE = "gemeinde", _("municipality")
    COMPANY = "company", _("company")
    ASSOCIATION = "association", _("registered association")
    WORKING_GROUP = "working_group", _("municipal working group (Kommunale Arbeitsgemeinschaft)")
    PUBLIC_BODY = "public_body", _("public body")
    OTHER = "other", pgettext_lazy("organisation kind", "other")


class FigureKind(models.TextChoices):
    POPULATION = "population", _("population")
    AREA_KM2 = "area_km2", _("area in km²")


class BoardRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    DEPUTY = "deputy", _("deputy chair")
    MEMBER = "member", pgettext_lazy("board role", "member")


class StaffRoleKind(models.TextChoices):
    OFFICE = "office", _("regional office")
    EDITOR = "editor", _("member editor")
    BOARD = "board", _("board member")
