"""generator/vocabulary.py and generator/config.py: the mentoring vocabulary and tolerant matching."""

from __future__ import annotations

import pytest

from generator.vocabulary import Vocabulary, normalize


@pytest.mark.parametrize("spelling", [
    "учитель – ученик", "Учитель-ученик", "учитель — ученик", "  учитель  -  ученик. ", "УЧИТЕЛЬ ‑ УЧЕНИК",
])
def test_normalize_ignores_case_dash_kind_and_spaces(spelling):
    assert normalize(spelling) == "учитель-ученик"


def test_normalize_treats_yo_as_ye():
    assert normalize("Одарённый") == normalize("одаренный")


def test_find_returns_canonical_name_for_alias(cfg):
    assert cfg.vocabulary.forms.find("учитель-учитель").name == "педагог – педагог"
    assert cfg.vocabulary.kinds.find("групповое").name == "в группе"


def test_suggest_nearest_for_misspelling(cfg):
    assert cfg.vocabulary.forms.suggest("учитель-учениик") == "учитель – ученик"
    assert cfg.vocabulary.forms.suggest("совсем другое слово") is None


def test_role_models_belong_to_their_form(cfg):
    voc = cfg.vocabulary
    models = voc.role_models("учитель – ученик")
    assert models.find("педагог – одарённый обучающийся") is not None
    assert models.find("опытный педагог – молодой специалист") is None
    assert voc.role_models("нет такой формы").names() == []


def test_minor_categories_come_from_config(cfg):
    assert cfg.vocabulary.minor_categories() == {"pupil"}


def test_keyed_lists_keep_order_and_titles(cfg):
    levels = cfg.vocabulary.act_levels
    assert levels.keys() == ["federal", "regional", "municipal", "local"]
    assert levels.title("federal") == "Федеральный уровень"


def test_from_data_builds_a_small_vocabulary():
    voc = Vocabulary.from_data({
        "forms": [{"name": "А – Б", "aliases": ["аб"], "role_models": ["x – y"]}],
        "kinds": [{"name": "вид"}],
        "act_levels": [{"key": "federal", "title": "Ф"}],
        "document_types": [], "school_kinds": [],
        "person_categories": [{"key": "kid", "title": "Ребёнок", "minor": True}, {"key": "adult", "title": "В"}],
        "programme_stages": ["один"],
    })
    assert voc.forms.find("АБ").name == "А – Б"
    assert voc.role_models("а-б").names() == ["x – y"]
    assert voc.minor_categories() == {"kid"}


def test_site_config_pages(cfg):
    school_files = [p.file for p in cfg.school_pages]
    assert school_files[0] == "index.md"
    assert "cases/index.md" in school_files
    assert len(school_files) == len(set(school_files))
    assert all(p.title and p.template.endswith(".j2") for p in cfg.school_pages + cfg.district_pages)
    assert cfg.publication["adult_age"] == 18
    assert cfg.base_mkdocs.name == "mkdocs.yml"
