"""Copies the tool's settings (site_config/, theme/, mkdocs.yml) into the wheel as generator/base/.

In the source tree they stay at the top level, where people edit them; an installed nastavnik
(a district repository's CI) finds them in the package instead (generator/config.py). An
editable install reads them from the source tree and needs no copy.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BASE = ("site_config", "theme", "mkdocs.yml")


class BuildWithBase(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "generator" / "base"
        for name in BASE:
            source = Path(__file__).resolve().parent / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / name)


setup(cmdclass={"build_py": BuildWithBase})
