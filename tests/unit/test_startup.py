"""Every command starts by importing the CLI: libraries that only some sites need stay out of it."""

from __future__ import annotations

import subprocess
import sys

SLOW_AND_SELDOM = ("openpyxl", "icalendar", "pypdf")


def test_the_cli_starts_without_the_libraries_a_rebuild_rarely_needs():
    code = "import sys, generator.cli; print(' '.join(m for m in %r if m in sys.modules))" % (SLOW_AND_SELDOM,)
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert imported.split() == []
