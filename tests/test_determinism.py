"""The same data and --date give the same bytes whatever the hash seed, time zone and locale."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import DEMO_DATA, DEMO_DATE, ROOT
from tests.test_corpus import tree_digest

ENVIRONMENTS = [
    {"PYTHONHASHSEED": "1", "TZ": "Pacific/Kiritimati", "LANG": "C", "LC_ALL": "C"},
    {"PYTHONHASHSEED": "4242", "TZ": "America/Adak", "LANG": "ru_RU.UTF-8", "LC_ALL": "ru_RU.UTF-8"},
]


def test_demo_builds_are_identical_across_environments(demo_site, tmp_path):
    expected = tree_digest(demo_site)
    for i, extra in enumerate(ENVIRONMENTS):
        out = tmp_path / f"site-{i}"
        env = {**os.environ, **extra}
        subprocess.run([sys.executable, "-m", "generator", "build", "--data", str(DEMO_DATA), "--out", str(out),
                        "--date", DEMO_DATE.isoformat()], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        found = tree_digest(out)
        differ = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
        assert differ == [], f"{extra}: {differ[:10]}"
