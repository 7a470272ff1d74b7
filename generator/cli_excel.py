"""The commands for registries in Excel: template, import and export (hooked into generator/cli.py)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from generator.config import district_root_of, load_site_config
from generator.errors import DataError, DataErrors
from generator.excel.convert import ImportChoiceError, import_table
from generator.excel.profiles import KINDS
from generator.excel.profiles import REGISTRIES as EXPORT_KINDS
from generator import build_flags
from generator.pipeline import UsageError, check_whole


def register(commands) -> None:
    """Add the subcommands to the parser of generator/cli.py."""
    t = commands.add_parser("template", help="создать бланк формы Excel для заполнения",
                            description="Пишет пустую форму с русскими заголовками, выпадающими списками и "
                                        "листом пояснений. Заполненную форму положите в папку школы.")
    t.add_argument("--kind", choices=KINDS, required=True, help="какая форма: " + ", ".join(KINDS))
    t.add_argument("--out", type=Path, required=True, help="куда записать бланк (ФАЙЛ.xlsx)")
    i = commands.add_parser("import", help="перевести форму Excel или CSV в YAML",
                            description="Читает форму так же, как сборка, и записывает её в YAML проекта.")
    i.add_argument("file", type=Path, help="форма: ФАЙЛ.xlsx или ФАЙЛ.csv")
    i.add_argument("--out", type=Path, required=True, help="куда записать YAML (ФАЙЛ.yml)")
    i.add_argument("--kind", choices=KINDS, default=None,
                   help="какую форму взять, если в книге их несколько (pairs — и пары из базы наставляемых)")
    e = commands.add_parser("export", help="свести базы всех школ в одну книгу (с персональными данными)",
                            description="Для баз и отчётов методического центра. Книга содержит персональные "
                                        "данные: она не записывается в папку сайтов или данных.")
    e.add_argument("--kind", choices=EXPORT_KINDS, required=True, help="какие базы: " + ", ".join(EXPORT_KINDS))
    e.add_argument("--out", type=Path, required=True, help="куда записать книгу (ФАЙЛ.xlsx) — вне сайта")
    e.add_argument("--data", type=Path, default=Path("data"), help="папка данных района (по умолчанию data)")
    e.add_argument("--site", type=Path, default=Path("site"),
                   help="папка собранных сайтов, куда выгрузку писать нельзя (по умолчанию site)")
    build_flags.register_jobs(e, "сколько процессов читают школы одновременно")


def print_warnings(warnings: list[DataError]) -> None:
    for warning in warnings:
        print(f"предупреждение: {warning.format()}", file=sys.stderr)


def _new_file(path: Path, suffixes: tuple[str, ...]) -> None:
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"имя файла {path} должно оканчиваться на {' или '.join(suffixes)}")
    if path.exists():
        raise UsageError(f"файл {path} уже есть: укажите другое имя или удалите его (он не перезаписывается)")


# Workbooks are written by openpyxl, a tenth of a second to import: only the commands that write one
# import the modules that write them, not every build.


def _template(args) -> int:
    from generator.excel.template import template_book
    from generator.excel.writer import workbook_bytes

    _new_file(args.out, (".xlsx",))
    today = dt.date.today()
    book = template_book(args.kind, load_site_config().vocabulary, today)
    args.out.write_bytes(workbook_bytes(book, today))
    print(f"Бланк записан: {args.out}. Заполните его и положите в папку школы (data/schools/<школа>/).")
    return 0


def _import(args) -> int:
    _new_file(args.out, (".yml", ".yaml"))
    if not args.file.is_file():
        raise UsageError(f"файл {args.file} не найден")
    try:
        kind, text, warnings = import_table(args.file, args.kind, load_site_config())
    except ImportChoiceError as exc:
        raise UsageError(str(exc)) from None
    except DataErrors as exc:
        print_warnings(exc.warnings.sorted())
        for error in exc.errors.sorted():
            print(error.format(), file=sys.stderr)
        print(f"\nНайдено ошибок: {len(exc.errors.sorted())}. Файл {args.out} не записан.", file=sys.stderr)
        return 1
    print_warnings(warnings.sorted())
    args.out.write_text(text, encoding="utf-8")
    print(f"Записано: {args.out} ({kind}).")
    if args.out.resolve().parent == args.file.resolve().parent:
        print(f"Теперь в папке две базы одного вида: удалите {args.file.name}, если ведёте её в YAML.")
    return 0


def _export(args) -> int:
    from generator.excel.export import export_book, refusal
    from generator.excel.writer import workbook_bytes

    reason = refusal(args.out, args.site, args.data)
    if reason:
        raise UsageError(reason)
    today, jobs = dt.date.today(), args.jobs or build_flags.cores()
    bar = build_flags.progress()
    try:
        region = check_whole(args.data, today, jobs=jobs, reading=bar.reading)  # every error, before any row
    finally:
        bar.close()
    cfg = load_site_config(district_root=district_root_of(args.data))
    book = export_book(Path(args.data), cfg, args.kind, today, region.name, region.schools, jobs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(workbook_bytes(book, today))
    print(f"Записано: {args.out}.")
    print("ВНИМАНИЕ: книга содержит персональные данные (152-ФЗ). Только для служебного пользования: "
          "не размещайте её на сайте и не пересылайте по открытым каналам.", file=sys.stderr)
    return 0


HANDLERS = {"template": _template, "import": _import, "export": _export}
