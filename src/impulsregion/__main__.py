import sys

from impulsregion.cli import main

sys.exit(main())
