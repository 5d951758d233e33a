"""Update and compile the German catalogue of every app (one catalogue per app)."""

import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "impulsregion"
APPS = ["common", "region", "calendar", "planning", "transit", "agreements", "config"]
env = {**os.environ, "DJANGO_SETTINGS_MODULE": "impulsregion.config.settings"}
django_admin = Path(sys.executable).parent / "django-admin"

for app in APPS:
    folder = PACKAGE / app
    (folder / "locale").mkdir(exist_ok=True)
    subprocess.run(
        [django_admin, "makemessages", "-l", "de", "--no-obsolete", "--no-location"],
        cwd=folder,
        env=env,
        check=True,
    )
    subprocess.run([django_admin, "compilemessages", "-l", "de"], cwd=folder, env=env, check=True)
