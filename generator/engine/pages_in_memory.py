"""The site's own files handed to MkDocs from memory, as its walk of docs_dir would have found them."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, set_exclusions

from generator.render import SiteSpec


class _DocsInMemory(BasePlugin):
    """Hands the site's own files to MkDocs from memory: none is written to docs_dir to be read back.

    The first on_files handler: the files come in the order, with the exclusions and the
    index/README rule, that MkDocs' own walk of docs_dir (get_files) would have given them.
    """

    def __init__(self, spec: SiteSpec) -> None:
        super().__init__()
        self.spec = spec

    @event_priority(100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        own = [_docs_file(config, name, text=_as_read_from_disk(text)) for name, text in self.spec.pages.items()]
        own += [_docs_file(config, name, source=source) for name, source in self.spec.assets.items()]
        own += [_docs_file(config, name, content=content) for name, content in self.spec.generated.items()]
        set_exclusions(own, config)
        own_paths = {file.src_uri for file in own}
        docs = sorted(own + [f for f in files if f.src_dir == config.docs_dir and f.src_uri not in own_paths],
                      key=_walk_order)
        # A theme file MkDocs added only because the docs folder did not hold one of the same path.
        theme = [f for f in files if f.src_dir != config.docs_dir and f.src_uri not in own_paths]
        return Files(_without_conflicts(docs) + theme)


def _docs_file(config: MkDocsConfig, name: str, *, text: str | None = None, source: Path | None = None,
               content: bytes | None = None) -> File:
    """A file of docs_dir as get_files makes it (an edit link and all), its content held elsewhere."""
    file = File(name, config.docs_dir, config.site_dir, config.use_directory_urls)
    if source is not None:
        file.abs_src_path = str(Path(source).resolve())
    elif text is not None:
        file.content_string = text
    else:
        file.content_bytes = content
    return file


def _as_read_from_disk(text: str) -> str:
    """What MkDocs reads back from a page written by write_docs: no BOM, universal newlines."""
    return text.encode("utf-8").decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def _walk_order(file: File) -> tuple:
    """get_files' order: os.walk top-down, folders sorted, in each folder its files first, index first."""
    *folders, name = file.src_uri.split("/")
    return (*((1, folder) for folder in folders), (0, posixpath.splitext(name)[0] not in ("index", "README"), name))


_files_log = logging.getLogger("mkdocs.structure.files")


def _without_conflicts(docs: list[File]) -> list[File]:
    """get_files' rule for two files of one folder with one destination (index.md and README.md)."""
    first: dict[tuple[str, str], File] = {}
    dropped: list[File] = []
    for file in docs:
        earlier = first.setdefault((posixpath.dirname(file.src_uri), file.dest_uri), file)
        if earlier is file:
            continue
        if file.inclusion.is_included():
            if earlier.inclusion.is_included():
                _files_log.warning(f"Excluding '{earlier.src_uri}' from the site because it conflicts with "
                                   f"'{file.src_uri}'.")
            dropped.append(earlier)
        else:
            dropped.append(file)
    return [file for file in docs if not any(file is gone for gone in dropped)]
