"""The engine's shortcuts past MkDocs change no byte of a site: built with them and as MkDocs does alone."""

from __future__ import annotations

from pathlib import Path

import markdown

from generator import engine, site_assets
from generator.config import load_site_config
from generator.engine import (inline_shortcut, markdown_reuse, pages_in_memory, search_parser, template_memos,
                              theme_cache, trim_assets)
from generator.pipeline import prepare
from tests.conftest import DEMO_DATA, DEMO_DATE


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _plain_mkdocs(monkeypatch, spec) -> None:
    """MkDocs and Material as they are, the docs on disk, then site_assets.finish over the whole site."""
    mkdocs_build = engine.mkdocs_build
    monkeypatch.setattr(engine, "mkdocs_build",
                        lambda config: (engine.write_docs(spec, Path(config.docs_dir)), mkdocs_build(config)))
    monkeypatch.setattr(pages_in_memory._DocsInMemory, "on_files", lambda self, files, *, config: files)
    monkeypatch.setattr(search_parser.search_plugin, "Parser", search_parser._SearchParser.__bases__[0])
    monkeypatch.setattr(markdown_reuse.mkdocs_pages, "markdown", markdown)
    monkeypatch.setattr(inline_shortcut.InlineProcessor, "_InlineProcessor__handleInline",
                        inline_shortcut._handle_inline)
    monkeypatch.setattr(template_memos, "_REWRITES", {})
    monkeypatch.setattr(theme_cache, "_ENVIRONMENTS", {})
    monkeypatch.setattr(trim_assets._TrimAssets, "on_env", lambda self, env, **kwargs: None)
    monkeypatch.setattr(site_assets, "finish_search", site_assets.finish)


def test_a_school_site_is_the_same_byte_for_byte(tmp_path, monkeypatch):
    cfg = load_site_config()
    _, [spec] = prepare(DEMO_DATA, DEMO_DATE, ["sosh-1"], cfg=cfg)
    assert engine.build(spec, tmp_path / "fast", cfg.base_mkdocs, 0) == []
    engine.build(spec, tmp_path / "again", cfg.base_mkdocs, 0)  # every per-process cache warm
    with monkeypatch.context() as patch:
        _plain_mkdocs(patch, spec)
        assert engine.build(spec, tmp_path / "plain", cfg.base_mkdocs, 0) == []
    plain = _tree(tmp_path / "plain" / "site")
    assert _tree(tmp_path / "fast" / "site") == plain
    assert _tree(tmp_path / "again" / "site") == plain
