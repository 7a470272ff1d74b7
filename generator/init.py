"""`nastavnik init`: a new district repository, or a new school in one.

Everything is written from generator/scaffold/ (texts), site_config/ci/ (the CI examples) and
site_config/schema/ (the editors' schemas). Nothing that exists is ever overwritten: every
target is checked before the first file is written, so a refusal leaves the folder as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import jinja2

from generator.config import PROJECT_ROOT, load_site_config
from generator.load import SCHOOL_ID
from generator.pipeline import UsageError
from generator.schema import generate as generate_schemas
from generator.schema import SCHEMA_DIR, modeline

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
CI_DIR = PROJECT_ROOT / "site_config" / "ci"
EXAMPLE_SCHOOL = "primer"
# The forms a school fills in Excel; blank ones are read as empty registries.
SCHOOL_FORMS = ("mentors", "mentees", "pairs", "roadmap", "events")


class InitError(UsageError):
    """The folder cannot take the new files (exit code 2); nothing was written."""


def tool_version() -> str:
    try:
        return version("nastavnik")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


@dataclass(frozen=True)
class NewFile:
    path: Path
    content: bytes


def _render(template: str, **values: str) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["yaml"] = lambda text: json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar
    return env.from_string((SCAFFOLD / template).read_text(encoding="utf-8")).render(**values)


def _yaml(path: Path, text: str, root: Path) -> NewFile:
    """A data file that starts with the line pointing editors to its schema."""
    return NewFile(path, (modeline(path, root / SCHEMA_DIR) + text).encode("utf-8"))


def _text(path: Path, text: str) -> NewFile:
    return NewFile(path, text.encode("utf-8"))


def district_files(root: Path, name: str) -> list[NewFile]:
    data = root / "data"
    files = [
        _text(root / "README.md", _render("README.md", name=name)),
        _text(root / ".gitignore", _render("gitignore")),
        _text(root / "requirements.txt", _render("requirements.txt", version=tool_version())),
        _text(root / ".github" / "workflows" / "nastavnik.yml", (CI_DIR / "github-actions.yml").read_text("utf-8")),
        _text(root / ".gitlab-ci.yml", (CI_DIR / "gitlab-ci.yml").read_text("utf-8")),
        _text(root / "site_config" / "README.md", _render("site_config_README.md")),
        _yaml(data / "district.yml", _render("district.yml", name=name), root),
        _yaml(data / "regulations.yml", _render("regulations.yml"), root),
    ]
    files += [_text(root / SCHEMA_DIR / file, text) for file, text in generate_schemas(load_site_config()).items()]
    return files


def _check_id(school_id: str) -> None:
    if not SCHOOL_ID.fullmatch(school_id):
        raise InitError(f"идентификатор школы «{school_id}» не годится для адреса сайта: используйте латинские "
                        "строчные буквы, цифры и «-», например sosh-2")


def school_files(data_dir: Path, school_id: str, name: str, today: dt.date) -> list[NewFile]:
    _check_id(school_id)
    folder = Path(data_dir) / "schools" / school_id
    root = Path(data_dir).resolve().parent
    vocabulary = load_site_config(district_root=root).vocabulary
    # Imported here, as in generator/cli_excel.py: openpyxl is slow to import and only blank forms need it.
    from generator.excel.template import template_book
    from generator.excel.writer import workbook_bytes

    files = [_yaml(folder / "school.yml", _render("school.yml", name=name), root)]
    for kind in SCHOOL_FORMS:
        files.append(NewFile(folder / f"{kind}.xlsx", workbook_bytes(template_book(kind, vocabulary, today), today)))
    return files


def write_all(files: list[NewFile]) -> None:
    existing = [f.path for f in files if f.path.exists()]
    if existing:
        shown = "\n    ".join([str(p) for p in existing[:5]] + ([f"и ещё {len(existing) - 5}"] if len(existing) > 5 else []))
        raise InitError(f"эти файлы уже есть, а nastavnik init ничего не перезаписывает:\n    {shown}\n"
                        "удалите их или выберите другую папку; ничего не записано")
    for item in files:
        item.path.parent.mkdir(parents=True, exist_ok=True)
        item.path.write_bytes(item.content)


def init_district(root: Path, name: str, today: dt.date) -> list[NewFile]:
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise InitError(f"{root} — это файл, а не папка")
    example = "Пример: МБОУ «Средняя общеобразовательная школа № 1»"
    files = district_files(root, name) + school_files(root / "data", EXAMPLE_SCHOOL, example, today)
    write_all(files)
    return files


def init_school(data_dir: Path, school_id: str, name: str, today: dt.date) -> list[NewFile]:
    data_dir = Path(data_dir)
    _check_id(school_id)
    if not (data_dir / "district.yml").is_file():
        raise InitError(f"в {data_dir} нет district.yml: укажите папку данных района (--data ПАПКА) "
                        "или начните с nastavnik init district ПАПКА")
    files = school_files(data_dir, school_id, name, today)
    write_all(files)
    return files
