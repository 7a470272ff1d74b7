"""The commands of a district's first hour: init, serve and schema (hooked into generator/cli.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator import init, schema, serve
from generator.config import PROJECT_ROOT, district_root_of, load_site_config
from generator.textfilters import plural

DEFAULT_DISTRICT = "Муниципальный район (укажите название в data/district.yml)"
DEFAULT_SCHOOL = "Полное наименование школы (укажите в school.yml)"


def version_text() -> str:
    return f"nastavnik {init.tool_version()} (настройки программы: {PROJECT_ROOT})"


class Version(argparse.Action):
    """--version, printed as is: argparse's own action wraps the line inside the folder's path."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        sys.exit(0)


def register(commands, date_type) -> None:
    """Add the subcommands to the parser of generator/cli.py."""
    i = commands.add_parser("init", help="начать район или добавить школу",
                            description="Создаёт новый репозиторий района или папку новой школы. "
                                        "Существующие файлы никогда не перезаписываются.")
    what = i.add_subparsers(dest="what", required=True, metavar="{district,school}")
    d = what.add_parser("district", help="создать репозиторий района в папке ПАПКА",
                        description="Создаёт данные района (district.yml, нормативная база с федеральными актами), "
                                    "README, настройки CI для GitHub и GitLab, схемы для редактора и пример школы.")
    d.add_argument("dir", type=Path, metavar="ПАПКА", help="папка нового репозитория (пустая или новая)")
    d.add_argument("--name", default=DEFAULT_DISTRICT, help="полное название района, например «Озёрский "
                                                             "муниципальный район»")
    s = what.add_parser("school", help="добавить школу с идентификатором ID",
                        description="Создаёт data/schools/ID/ с school.yml и пустыми формами Excel "
                                    "(наставники, наставляемые, пары, дорожная карта, мероприятия).")
    s.add_argument("id", metavar="ID", help="идентификатор школы латиницей, он же адрес её сайта: sosh-2")
    s.add_argument("--name", default=DEFAULT_SCHOOL, help="полное наименование школы")
    s.add_argument("--data", type=Path, default=Path("data"), help="папка данных района (по умолчанию data)")

    v = commands.add_parser("serve", help="показать сайт на этом компьютере и пересобирать его при изменениях",
                            description="Собирает сайты во временную папку и показывает их по адресу "
                                        "http://127.0.0.1:ПОРТ/; после каждого сохранения файла данных, "
                                        "страницы или шаблона сайт пересобирается.")
    v.add_argument("--data", type=Path, default=Path("data"), help="папка данных района (по умолчанию data)")
    v.add_argument("--content", type=Path, default=None, help="папка свободных страниц")
    v.add_argument("--school", metavar="ID", default=None, help="показать сайт одной школы (собирается быстрее)")
    v.add_argument("--port", type=int, default=8000, help="порт (по умолчанию 8000)")
    v.add_argument("--date", type=date_type, default=None, help="дата сборки ГГГГ-ММ-ДД (по умолчанию сегодня)")

    c = commands.add_parser("schema", help="записать схемы файлов данных для редактора",
                            description="Пишет JSON Schema каждого вида файла данных: редактор (VS Code с "
                                        "расширением YAML и другие) подсказывает поля и отмечает ошибки.")
    c.add_argument("--out", type=Path, default=schema.SCHEMA_DIR,
                   help="папка схем (по умолчанию site_config/schema)")
    c.add_argument("--data", type=Path, default=Path("data"),
                   help="папка данных района: его site_config/ может дополнить словарь (по умолчанию data)")


def _init(args) -> int:
    today = dt.date.today()
    if args.what == "district":
        files = init.init_district(args.dir, args.name, today)
        print(f"Создан район в {args.dir}/ ({plural(len(files), 'файл', 'файла', 'файлов')}). Дальше:")
        print(f"  cd {args.dir}\n  nastavnik build\n"
              f"и откройте site/index.html. Пример школы — data/schools/{init.EXAMPLE_SCHOOL}/; "
              "своя школа: nastavnik init school ID --name \"…\". Ключ условных обозначений и CI — "
              f"в {args.dir}/README.md.")
        return 0
    files = init.init_school(args.data, args.id, args.name, today)
    folder = args.data / "schools" / args.id
    print(f"Создана школа {folder}/: school.yml и пустые формы " +
          ", ".join(f.path.name for f in files if f.path.suffix == ".xlsx") + ".")
    print("Впишите название в school.yml, заполните формы в Excel и соберите: nastavnik build. "
          "Если у школы своя книга с базами, положите её сюда вместо бланков того же вида.")
    return 0


def _serve(args) -> int:
    return serve.serve(args.data, args.date or dt.date.today(), args.school, args.port, args.content)


def _schema(args) -> int:
    cfg = load_site_config(district_root=district_root_of(args.data))
    written = schema.write(args.out, cfg)
    print(f"Схемы в {args.out}/: обновлено {len(written)} из {len(schema.generate(cfg))}.")
    return 0


HANDLERS = {"init": _init, "serve": _serve, "schema": _schema}
