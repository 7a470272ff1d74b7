"""The nastavnik command: build and check. Exit codes: 0 done, 1 data errors, 2 wrong usage."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.errors import DataErrors
from generator.links import external_links, print_links
from generator import build_flags, cli_deadline, cli_excel, cli_start, strict
from generator.compliance_report import as_json, as_text, below
from generator.pipeline import UsageError, build, check, check_whole, verify_output
from generator.secret import SecretKeyError
from generator.textfilters import plural

_ARGPARSE_RU = {
    "usage: ": "использование: ",
    "options": "параметры",
    "positional arguments": "команды",
    "show this help message and exit": "показать эту справку и выйти",
    "the following arguments are required: %s": "не указаны обязательные параметры: %s",
    "unrecognized arguments: %s": "неизвестные параметры: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "неизвестная команда %(value)r (есть: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "параметр %(argument_name)s: %(message)s",
    "expected one argument": "нужно указать значение",
    "expected at least one argument": "нужно указать хотя бы одно значение",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
}
# argparse looks its messages up through gettext; Russian users get Russian ones.
argparse._ = lambda text: _ARGPARSE_RU.get(text, text)  # type: ignore[attr-defined]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"дата «{text}» должна быть в виде ГГГГ-ММ-ДД, например 2026-09-01") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nastavnik", description="Сайты раздела «Целевая модель наставничества» для школ и района.",
        epilog="Коды завершения: 0 — готово, 1 — ошибки в данных или сайт не прошёл проверку, "
               "2 — неверная команда или настройка. Справка по команде: nastavnik КОМАНДА --help")
    parser.add_argument("--version", action=cli_start.Version,
                        help="показать версию программы и папку её настроек")
    commands = parser.add_subparsers(dest="command", required=True,
                                     metavar="{init,check,build,serve,verify,template,import,export,deadline,schema}")
    b = commands.add_parser("build", help="собрать сайты района и школ",
                            description="Проверяет данные и собирает сайт района и сайты школ.")
    b.add_argument("--data", type=Path, default=Path("data"), help="папка данных района (по умолчанию data)")
    b.add_argument("--content", type=Path, default=None,
                   help="папка свободных страниц (по умолчанию content рядом с папкой данных)")
    b.add_argument("--out", type=Path, default=Path("site"), help="куда собрать сайты (по умолчанию site)")
    b.add_argument("--school", action="extend", nargs="+", metavar="ID",
                   help="собрать только эти школы; сайт района тогда не пересобирается")
    b.add_argument("--date", type=_date, default=None,
                   help="дата сборки ГГГГ-ММ-ДД, от неё считаются сроки и «действующие» пары (по умолчанию сегодня)")
    build_flags.register(b)
    b.add_argument("--strict", action="store_true",
                   help="любое предупреждение — ошибка, сайт с ним не публикуется (для CI)")
    v = commands.add_parser("verify", help="проверить уже собранные сайты на утечки персональных данных",
                            description="Проверяет готовые сайты так же, как после каждой сборки: все страницы "
                                        "на месте, нет обращений к чужим серверам, нет персональных данных, "
                                        "которые нельзя публиковать.")
    v.add_argument("--data", type=Path, default=Path("data"), help="папка данных района (по умолчанию data)")
    v.add_argument("--content", type=Path, default=None, help="папка свободных страниц")
    v.add_argument("--out", type=Path, default=Path("site"), help="папка готовых сайтов (по умолчанию site)")
    v.add_argument("--date", type=_date, default=None, help="дата, на которую действуют согласия (по умолчанию сегодня)")
    build_flags.register_jobs(v, "сколько сайтов проверять одновременно")
    c = commands.add_parser("check", help="проверить данные, ничего не собирая",
                            description="Проверяет все файлы данных и сообщает обо всех ошибках сразу.")
    c.add_argument("--data", type=Path, default=Path("data"), help="папка данных района (по умолчанию data)")
    c.add_argument("--content", type=Path, default=None, help="папка свободных страниц")
    c.add_argument("--compliance", action="store_true",
                   help="показать, что из обязательных сведений есть в разделе каждой школы")
    c.add_argument("--format", choices=["text", "json"], default="text", help="вид отчёта: text или json")
    c.add_argument("--fail-under", type=float, metavar="PERCENT",
                   help="завершиться с кодом 1, если у какой-либо школы выполнено меньше PERCENT %%")
    c.add_argument("--date", type=_date, default=None, help="дата проверки ГГГГ-ММ-ДД (по умолчанию сегодня)")
    c.add_argument("--strict", action="store_true", help="любое предупреждение — ошибка (для CI)")
    c.add_argument("--links", action="store_true",
                   help="перечислить внешние ссылки из данных (nastavnik их не открывает: проверьте сами)")
    build_flags.register_jobs(c, "сколько процессов читают школы одновременно")
    cli_excel.register(commands)
    cli_deadline.register(commands)
    cli_start.register(commands, _date)
    return parser


def _print_errors(exc: DataErrors) -> int:
    cli_excel.print_warnings(exc.warnings.sorted())
    items = exc.errors.sorted()
    for error in items:
        print(error.format(), file=sys.stderr)
    print(f"\nНайдено ошибок: {len(items)}. Ничего не собрано, опубликованные сайты не изменены.",
          file=sys.stderr)
    return 1


def _build(args) -> int:
    today = args.date or dt.date.today()
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"{args.out} — это файл, а не папка: укажите в --out папку для сайтов")
    options = build_flags.options(args)
    progress = build_flags.progress()
    try:
        report = build(args.data, args.out, today, args.school, args.content, progress=progress.site,
                       options=options, started=progress.start, strict=args.strict, reading=progress.reading)
    finally:
        progress.close()
    if args.strict and strict.report(report.warnings):
        return 1
    for warning in report.warnings:
        print(f"предупреждение: {warning}", file=sys.stderr)
    if report.failed:
        print(f"\nНе опубликовано сайтов: {len(report.failed)}; их прежняя версия осталась на месте.",
              file=sys.stderr)
        return 1
    print(build_flags.summary(report, args.out, today))
    return 0


def _verify(args) -> int:
    bar = build_flags.progress("Проверка")
    try:
        problems = verify_output(args.data, args.out, args.date or dt.date.today(), args.content,
                                 args.jobs or build_flags.cores(), started=bar.start, checked=bar.checked,
                                 reading=bar.reading)
    finally:
        bar.close()
    for site, found in sorted(problems.items()):
        print(f"✗ {site}:", file=sys.stderr)
        for problem in found:
            print(f"    {problem}", file=sys.stderr)
    if problems:
        print(f"\nПроблемы на сайтах: {len(problems)}.", file=sys.stderr)
        return 1
    print(f"Проверено: в {args.out}/ нет персональных данных, которые нельзя публиковать.")
    return 0


def _check(args) -> int:
    bar = build_flags.progress()
    try:
        return _checked(args, bar.reading)
    finally:
        bar.close()


def _checked(args, reading) -> int:
    today, jobs = args.date or dt.date.today(), args.jobs or build_flags.cores()
    if not args.compliance:
        if args.fail_under is not None or args.format != "text":
            raise UsageError("--format и --fail-under действуют только вместе с --compliance")
        if args.links:  # the links of every file: the district is read whole, in this process
            data = check(args.data, args.content, today=today)
            warnings, schools = data.warnings, len(data.schools)
        else:
            region = check_whole(args.data, today, args.content, jobs, reading)
            warnings, schools = region.warnings, len(region.schools)
        if args.strict and strict.report(warnings):
            return 1
        cli_excel.print_warnings(warnings)
        if args.links:
            print_links(external_links(data))
        print(f"Ошибок нет: район и {plural(schools, 'школа', 'школы', 'школ')} проверены.")
        return 0
    checklist = check_whole(args.data, today, args.content, jobs, reading).checklist
    print(as_json(checklist) if args.format == "json" else as_text(checklist))
    failing = below(checklist, args.fail_under) if args.fail_under is not None else []
    for line in failing:
        print(f"ниже порога: {line}", file=sys.stderr)
    return 1 if failing else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"build": _build, "check": _check, "verify": _verify, **cli_excel.HANDLERS,
                **cli_deadline.HANDLERS, **cli_start.HANDLERS}[args.command](args)
    except DataErrors as exc:
        return _print_errors(exc)
    except (UsageError, SecretKeyError) as exc:
        print(f"nastavnik: ошибка: {exc}", file=sys.stderr)
        return 2
