"""The theme's static files listed as MkDocs' Files.add_files_from_theme lists them."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from generator.config import load_site_config
from generator.engine import theme_cache


def _config(tmp_path: Path, custom_dir: Path | None, static: list[str] | None = None) -> MkDocsConfig:
    config = MkDocsConfig()
    theme = {"name": "material", **({"custom_dir": str(custom_dir)} if custom_dir else {}),
             **({"static_templates": static} if static else {})}
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"),
                      "theme": theme})
    (tmp_path / "docs").mkdir(exist_ok=True)
    errors, _ = config.validate()
    assert not errors, errors
    return config


def _mkdocs(config: MkDocsConfig) -> list[tuple[str, str]]:
    found = Files([])
    env = config.theme.get_env()
    theme_cache._walk_theme(found, env, config)
    return [(file.src_uri, file.src_dir) for file in found]


def test_material_with_our_theme(tmp_path):
    config = _config(tmp_path, load_site_config().theme_dir)
    listed = theme_cache._listed(config)
    assert len(listed) > 10
    assert listed == _mkdocs(config)


def test_a_theme_of_awkward_names(tmp_path):
    custom = tmp_path / "custom"
    names = ["README.MD", "Readme.txt", "notes.markdown", "script.py", "page.HTML", "sitemap.xml", ".hidden",
             "a/.hidden/x.js", "a/b/.x.css", "a/b/ok.css", "locales/ru.yml", "Locales/ok.js", "mkdocs_theme.yml",
             "assets/javascripts/bundle.js", "404.html", "extra/robots.txt", "space name.svg"]
    for name in names:
        (custom / name).parent.mkdir(parents=True, exist_ok=True)
        (custom / name).write_text("x", encoding="utf-8")
    os.symlink(custom / "extra" / "robots.txt", custom / "linked.txt")
    os.symlink(custom / "missing.txt", custom / "broken.txt")
    os.symlink(custom / "extra", custom / "linked-dir")
    config = _config(tmp_path, custom, static=["sitemap.xml", "404.html", "extra/*"])
    listed = theme_cache._listed(config)
    assert ("assets/javascripts/bundle.js", str(custom)) in listed  # ours wins over Material's
    assert not any(path == "broken.txt" for path, _ in listed)
    assert listed == _mkdocs(config)
