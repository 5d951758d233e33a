import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from impulsregion.config.api import api


def openapi_document() -> str:
    """The API's OpenAPI schema as stable, pretty JSON (English texts)."""
    with translation.override("en"):
        schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI schema of /api/v1/ to a file (default: stdout)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", nargs="?", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        document = openapi_document()
        if options["output"]:
            options["output"].write_text(document, encoding="utf-8")
            self.stdout.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(document, ending="")
