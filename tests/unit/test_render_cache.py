"""generator/jinja_cache.py: compiled templates kept between processes, never at the cost of a build."""

from __future__ import annotations

import jinja2

from generator.jinja_cache import BytecodeCache as _BytecodeCache

TEMPLATES = {"page.md.j2": "# {{ title }}\n"}


def _render(cache: _BytecodeCache) -> str:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), bytecode_cache=cache)
    return env.get_template("page.md.j2").render(title="Наставничество")


def test_a_later_process_reads_what_an_earlier_one_compiled(tmp_path):
    assert _render(_BytecodeCache(str(tmp_path))) == "# Наставничество"
    stored = list(tmp_path.iterdir())
    assert len(stored) == 1
    assert _render(_BytecodeCache(str(tmp_path))) == "# Наставничество"
    assert list(tmp_path.iterdir()) == stored


def test_a_cache_that_cannot_be_written_or_read_only_costs_time(tmp_path):
    assert _render(_BytecodeCache(str(tmp_path / "missing"))) == "# Наставничество"
    (tmp_path / "unreadable").mkdir()
    cache = _BytecodeCache(str(tmp_path / "unreadable"))
    _render(cache)
    for entry in (tmp_path / "unreadable").iterdir():
        entry.write_bytes(b"not bytecode")
    assert _render(_BytecodeCache(str(tmp_path / "unreadable"))) == "# Наставничество"


def test_environments_of_other_options_do_not_share_compiled_code(tmp_path):
    templates = jinja2.DictLoader({"list.md.j2": "{% if x %}\n- пункт\n{% endif %}\n"})

    def render(**options) -> str:
        env = jinja2.Environment(loader=templates, bytecode_cache=_BytecodeCache(str(tmp_path)), **options)
        return env.get_template("list.md.j2").render(x=True)

    assert render(trim_blocks=True) == "- пункт\n"
    assert render() == "\n- пункт\n"  # compiled anew, not taken from the trimmed environment's entry
    assert len(list(tmp_path.iterdir())) == 2


def test_the_theme_templates_are_compiled_once_for_every_process():
    from mkdocs.theme import Theme

    from generator.engine import theme_cache

    env = theme_cache._environment(Theme(name="material"))
    assert isinstance(env.bytecode_cache, _BytecodeCache)
