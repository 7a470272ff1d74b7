"""Synthetic districts for the benchmark: N schools of realistic volume, fictional people only.

Every school is made from the demo school sosh-1 (data/schools/sosh-1): its registries are
copied in 1 to 4 blocks (24 to 96 mentors, 44 to 176 mentees, 25 to 100 pairs), every
person gets a new made-up name, and its cases are repeated up to 30. Documents, events,
roadmap, programmes and KPIs are kept as they are. The district files are the demo's.
Writing YAML is slow, so a few distinct schools are made and the others copy one of them
under their own name and number, with people of their own: a region of 1,000 schools has about
200,000 distinct people, and full namesakes as a real region has. The same N and seed always
give the same files.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data"
TEMPLATE = DEMO / "schools" / "sosh-1"
CASES = 30
VARIANTS = 8  # schools with their own people; the others repeat them

# Made-up surname stems: two syllables give about 1,500 distinct, unreal-sounding stems.
_HEADS = ["Бар", "Вел", "Гор", "Дер", "Жел", "Зар", "Кал", "Лом", "Мир", "Нор", "Пар", "Рус", "Сел", "Тал",
          "Фир", "Хол", "Чер", "Шир", "Юр", "Ял", "Бор", "Вин", "Дол", "Кор", "Мал", "Сор", "Тор", "Луг",
          "Рем", "Сав", "Тем", "Уст", "Жар", "Кир", "Лес", "Мох", "Нев", "Пес"]
_TAILS = ["ан", "ен", "ин", "ов", "ун", "ял", "ем", "ыр", "ош", "ук", "ис", "ад", "ет", "ом", "ур", "як",
          "ид", "ег", "ох", "ат", "ев", "ил", "об", "уз", "ач", "ыш", "ор", "ет", "юк", "ам", "ез", "ул",
          "ик", "ап", "ес", "от", "ум", "ер", "ож", "ан"]
_MALE = ["Аркадий", "Всеволод", "Гордей", "Елисей", "Добрыня", "Ермолай", "Лукьян", "Мирон", "Никандр",
         "Прохор", "Савелий", "Тихон", "Фадей", "Харитон", "Яромир"]
_FEMALE = ["Агния", "Бронислава", "Василиса", "Евдокия", "Злата", "Лукерья", "Милана", "Олимпиада",
           "Пелагея", "Серафима", "Таисия", "Ульяна", "Феврония", "Ярослава", "Есения"]
_FATHERS = ["Аркадьев", "Всеволодов", "Гордеев", "Елисеев", "Ермолаев", "Лукьянов", "Миронов", "Никандров",
            "Прохоров", "Савельев", "Тихонов", "Фадеев", "Харитонов"]


class _Names:
    """Made-up full names: about 9,000 surnames, given names and patronymics drawn at random, so
    that surnames and now and then whole names repeat, as in a region. Full namesakes with other
    consents are also made on purpose: see _namesake."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        # Three surname endings on ~1,500 stems, in both genders.
        self.stems = sorted({(h + t.lower(), end) for h in _HEADS for t in _TAILS for end in ("ов", "ин", "ск")})
        self.shared: tuple[str, str | None] | None = None  # school 1's first mentor: see _namesake

    def next(self) -> str:
        stem, end = self.rng.choice(self.stems)
        female = self.rng.random() < 0.6
        surname = stem + {"ов": ("ов", "ова"), "ин": ("ин", "ина"), "ск": ("ский", "ская")}[end][female]
        if female:
            return f"{surname} {self.rng.choice(_FEMALE)} {self.rng.choice(_FATHERS)}на"
        return f"{surname} {self.rng.choice(_MALE)} {self.rng.choice(_FATHERS)}ич"


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key, no &anchors: the way people write these files."""

    def ignore_aliases(self, data) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _write(path: Path, doc: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")


def _people(records: list[dict], blocks: int, names: _Names, role: str) -> list[dict]:
    out = []
    for block in range(blocks):
        for record in records:
            person = {**record, "id": f"{record['id']}-{block}", "name": names.next()}
            for contact in ("phone", "email", "guardian_contacts"):
                person.pop(contact, None)  # never published anyway; fewer strings to scan
            out.append(person)
    return out


def _namesake(mentors: list[dict], number: int, names: _Names) -> None:
    """A region has full namesakes with other consents: the first mentor of every school after the
    first bears the name of the first school's, without consent when that one consented."""
    first = mentors[0]
    if number == 1:
        names.shared = (first["name"], first.get("consent"))
        return
    name, consent = names.shared
    first.update(name=name, consent="none" if consent not in (None, "none") else "full")
    first.pop("consent_until", None)


def _pairs(pairs: list[dict], blocks: int) -> list[dict]:
    def ids(value, block):
        values = value if isinstance(value, list) else [value]
        return [f"{v}-{block}" for v in values]

    return [{**p, "id": f"{p['id']}-{block}", "mentors": ids(p["mentors"], block),
             "mentees": ids(p["mentees"], block)} for block in range(blocks) for p in pairs]


def _cases(cases: list[dict]) -> list[dict]:
    out = []
    for i in range(CASES):
        case = dict(cases[i % len(cases)])
        case["id"] = f"k-{i + 1:02d}"
        case["title"] = f"{case['title']} (практика {i + 1})"
        if case.get("pair"):
            case["pair"] = f"{case['pair']}-0"
        out.append(case)
    return out


def _name(school: dict, number: int) -> None:
    school.update(name=f"Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № {number}»",
                  short_name=f"МБОУ СШ № {number}", site=f"https://school{number}.example.ru",
                  section_url=f"https://school{number}.example.ru/nastavnichestvo")


def make_school(folder: Path, number: int, rng: random.Random, names: _Names) -> None:
    """One school folder; volumes vary between schools like in a real district."""
    for path in TEMPLATE.glob("*.yml"):
        if path.name not in {"school.yml", "mentors.yml", "mentees.yml", "pairs.yml", "cases.yml"}:
            shutil.copyfile(path, folder / path.name) if folder.is_dir() else None
    if (TEMPLATE / "files").is_dir():  # photos of events and attached documents the data names
        shutil.copytree(TEMPLATE / "files", folder / "files")
    blocks = rng.randint(1, 4)
    school = _read(TEMPLATE / "school.yml")
    _name(school, number)
    school["curator"] = {**school["curator"], "name": names.next(), "phone": None, "email": None}
    school["curator"] = {k: v for k, v in school["curator"].items() if v is not None}
    _write(folder / "school.yml", school)
    for file, key in (("mentors.yml", "mentors"), ("mentees.yml", "mentees")):
        doc = _read(TEMPLATE / file)
        doc[key] = _people(doc[key], blocks, names, key)
        if key == "mentors":
            _namesake(doc[key], number, names)
        _write(folder / file, doc)
    pairs = _read(TEMPLATE / "pairs.yml")
    pairs["pairs"] = _pairs(pairs["pairs"], blocks)
    _write(folder / "pairs.yml", pairs)
    cases = _read(TEMPLATE / "cases.yml")
    cases["cases"] = _cases(cases["cases"])
    _write(folder / "cases.yml", cases)


def school_id(number: int) -> str:
    return f"school-{number:04d}"


def make_district(root: Path, schools: int, seed: int = 2026) -> Path:
    """Writes root/data (a district of the given size) and root/content; returns the data folder."""
    data = root / "data"
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    for path in DEMO.glob("*.yml"):
        shutil.copyfile(path, data / path.name)
    district = _read(data / "district.yml")
    district["featured_cases"] = [{"school": school_id(1), "case": "k-01"}] if schools else []
    _write(data / "district.yml", district)
    (root / "content").mkdir(exist_ok=True)
    rng = random.Random(seed)
    names = _Names(rng)
    for number in range(1, schools + 1):
        folder = data / "schools" / school_id(number)
        if number <= VARIANTS:
            folder.mkdir(parents=True)
            make_school(folder, number, rng, names)
            continue
        shutil.copytree(data / "schools" / school_id((number - 1) % VARIANTS + 1), folder)
        school = _read(folder / "school.yml")
        _name(school, number)
        school["curator"]["name"] = names.next()
        _write(folder / "school.yml", school)
        _rename_people(folder / "mentors.yml", names, keep_first=True)  # the namesake of _namesake stays
        _rename_people(folder / "mentees.yml", names)
    return data


def _rename_people(path: Path, names: _Names, keep_first: bool = False) -> None:
    """New names for a copied school's people, in its file as written (dumping YAML again is slow)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith(_PERSON_NAME)][1 if keep_first else 0:]
    for i in at:
        lines[i] = _PERSON_NAME + names.next()
    path.write_text("\n".join(lines), encoding="utf-8")


_PERSON_NAME = "    name: "  # a person's name in a registry as _write writes it


if __name__ == "__main__":
    import sys

    print(make_district(Path(sys.argv[1]), int(sys.argv[2])))
