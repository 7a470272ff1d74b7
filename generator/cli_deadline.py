"""`nastavnik deadline TEXT`: how a roadmap's «срок» is understood (hooked into generator/cli.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from generator.deadline import FREQUENCY_WORDS, Period, understand
from generator.textfilters import ru_date


def _academic_year(text: str) -> str:
    from generator.model import _parse_academic_year  # one reading of «2023/2024» for data and commands
    try:
        return _parse_academic_year(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"учебный год «{text}» записан неверно: пишите 2023/2024") from None


def register(commands) -> None:
    d = commands.add_parser("deadline", help="показать, как понят срок из дорожной карты",
                            description="Показывает, какой период нашёл nastavnik в тексте срока: с какого и по "
                                        "какое число, повторяется ли он ежегодно. По этому периоду пункт дорожной "
                                        "карты получает статус «запланировано», «в работе» или «просрочено».")
    d.add_argument("text", help="текст срока, как в дорожной карте: «до 1 октября», «Сентябрь – октябрь 2023 г.»")
    d.add_argument("--academic-year", type=_academic_year, default=None, metavar="ГГГГ/ГГГГ",
                   help="учебный год дорожной карты (по умолчанию текущий): от него берётся год месяцев без года")
    d.add_argument("--format", choices=["text", "json"], default="text", help="вид ответа: text или json")


def as_text(period: Period) -> str:
    def day(value: dt.date | None) -> str:
        return ru_date(value) if value else "—"

    lines = [f"Срок: «{period.text}»", f"Учебный год: {period.academic_year}",
             f"Понят: {'да' if period.understood else 'нет'}"]
    if period.understood:
        lines += [f"Начало: {day(period.start)}", f"Окончание: {day(period.end)}",
                  f"Повторяется: {'ежегодно' if period.recurring == 'yearly' else 'нет'}"]
        if period.frequency:
            lines.append(f"Внутри периода: {FREQUENCY_WORDS[period.frequency]}")
    elif period.no_time:
        lines.append("В тексте не названо время: пункт не получит статус по сроку и не станет просроченным.")
    lines.append(f"Пояснение: {period.explanation}")
    return "\n".join(lines)


def _deadline(args) -> int:
    period = understand(args.text, args.academic_year)
    print(json.dumps(period.as_json(), ensure_ascii=False, indent=2) if args.format == "json" else as_text(period))
    return 0


HANDLERS = {"deadline": _deadline}
