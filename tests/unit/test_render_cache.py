"""generator/render.py: compiled templates kept between processes, never at the cost of a build."""

from __future__ import annotations

import jinja2

from generator.render import _BytecodeCache

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
