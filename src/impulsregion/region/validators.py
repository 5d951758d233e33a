from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_ags = RegexValidator(
    regex=r"^\d{8}$",
    message=_("The official municipality key (AGS) has exactly eight digits, e.g. 16051000."),
    code="invalid_ags",
)
