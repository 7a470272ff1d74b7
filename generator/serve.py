"""`nastavnik serve`: preview the sites on this computer, rebuilt whenever a source changes.

The sites are built by the ordinary pipeline into a temporary folder and served from
127.0.0.1 by the standard library's HTTP server. A polling watcher compares the size and
modification time of every data file, content page, setting and template; after a change
has settled the sites are rebuilt. Bad data is reported and the last good build stays up.
MkDocs' own `serve` is not used: it builds one MkDocs project, not our sites.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from generator.config import PROJECT_ROOT, district_root_of
from generator.errors import DataErrors
from generator.pipeline import UsageError
from generator.pipeline import build as pipeline_build
from generator.pipeline import state_dir
from generator.textfilters import plural

TEMPLATES = Path(__file__).resolve().parent / "templates"
Snapshot = dict[str, tuple[int, int]]


def watched_paths(data_dir: Path, content_dir: Path | None) -> list[Path]:
    """Everything a build reads besides the program: data, pages, settings, look, templates."""
    root = district_root_of(data_dir)
    folders = [Path(data_dir), Path(content_dir) if content_dir else root / "content", root / "site_config",
               root / "theme", root / "mkdocs.yml", PROJECT_ROOT / "site_config", PROJECT_ROOT / "theme",
               PROJECT_ROOT / "mkdocs.yml", TEMPLATES]
    return sorted({p.resolve() for p in folders})


def snapshot(paths: list[Path]) -> Snapshot:
    """Size and modification time of every file under paths (temporary Excel files left out)."""
    found: Snapshot = {}
    for path in paths:
        files = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for file in files:
            if file.name.startswith(("~$", ".")) or not file.is_file():
                continue
            try:
                stat = file.stat()
            except OSError:  # removed between listing and reading
                continue
            found[str(file)] = (stat.st_mtime_ns, stat.st_size)
    return found


def changes(old: Snapshot, new: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots."""
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


@dataclass
class Preview:
    """Builds the sites for preview and rebuilds them when their sources change."""

    data_dir: Path
    out_dir: Path
    today: dt.date
    content_dir: Path | None = None
    school: str | None = None
    build: Callable = pipeline_build  # a parameter so that tests can count the builds
    report: Callable[[str], None] = print
    state: Snapshot = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.paths = watched_paths(self.data_dir, self.content_dir)

    @property
    def root(self) -> Path:
        """The folder served: the district site, or one school's site."""
        return self.out_dir / "schools" / self.school if self.school else self.out_dir

    def rebuild(self) -> bool:
        """Build once; True when the sites were published. Data errors are reported, not raised."""
        self.state = snapshot(self.paths)
        schools = [self.school] if self.school else None
        try:
            result = self.build(self.data_dir, self.out_dir, self.today, schools, self.content_dir)
        except DataErrors as exc:
            for error in exc.errors.sorted():
                self.report(error.format())
            self.report(f"Найдено ошибок: {len(exc.errors)}. Показана прежняя версия; исправьте и сохраните файл.")
            return False
        for site, problems in sorted(result.failed.items()):
            self.report(f"✗ {site}: " + "; ".join(problems))
        if not result.failed:
            self.report(f"✓ собрано: {plural(len(result.built), 'сайт', 'сайта', 'сайтов')} — обновите страницу в браузере")
        return not result.failed

    def poll(self) -> list[str]:
        """The files changed since the last build (nothing is rebuilt)."""
        return changes(self.state, snapshot(self.paths))

    def step(self, settle: Callable[[], None] = lambda: None) -> bool:
        """Rebuild if something changed: wait until saving has finished, then build. True if rebuilt."""
        changed = self.poll()
        if not changed:
            return False
        while True:  # an editor or Excel may write a file in several goes
            before = snapshot(self.paths)
            settle()
            if snapshot(self.paths) == before:
                break
        shown = ", ".join(Path(name).name for name in changed[:3]) + (" …" if len(changed) > 3 else "")
        self.report(f"изменено: {shown} — пересборка")
        try:
            self.rebuild()
        except UsageError as exc:  # e.g. the school's folder was renamed: say so and keep watching
            self.report(f"ошибка: {exc}")
        return True


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 — the standard library's name
        pass


def start_server(root: Path, port: int) -> ThreadingHTTPServer:
    """An HTTP server for root on 127.0.0.1 (port 0: any free one), running in a thread."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _placeholder(root: Path) -> None:
    """Until the first good build, the browser says why there is no site instead of listing a folder."""
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "index.html").exists():
        (root / "index.html").write_text(
            '<!doctype html><html lang="ru"><meta charset="utf-8"><title>Сайт ещё не собран</title>'
            "<p>Сайт ещё не собран: в данных есть ошибки, они напечатаны в окне команды "
            "<code>nastavnik serve</code>. Исправьте их и сохраните файл — сайт соберётся, "
            "а эту страницу нужно будет обновить.</p></html>\n", encoding="utf-8")


def serve(data_dir: Path, today: dt.date, school: str | None, port: int, content_dir: Path | None = None,
          interval: float = 0.5) -> int:
    out = Path(tempfile.mkdtemp(prefix="nastavnik-serve-"))
    preview = Preview(Path(data_dir), out, today, content_dir, school)
    try:
        preview.rebuild()
        _placeholder(preview.root)
        try:
            server = start_server(preview.root, port)
        except OSError as exc:
            raise UsageError(f"не удалось занять порт {port} ({exc.strerror}): укажите другой, например --port 8001")
        print(f"Сайт: http://127.0.0.1:{server.server_address[1]}/ — изменения в данных пересобирают его. "
              "Остановить: Ctrl+C.")
        try:
            while True:
                time.sleep(interval)
                preview.step(lambda: time.sleep(interval))
        except KeyboardInterrupt:
            print("\nОстановлено.")
        finally:
            server.shutdown()
        return 0
    finally:
        # The build's state beside the preview holds withheld names (summaries): it goes with it.
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(state_dir(out), ignore_errors=True)
