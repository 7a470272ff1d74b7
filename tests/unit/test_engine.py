"""generator/engine/: the shortcuts past MkDocs' slow parts report what MkDocs itself would."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import engine, site_assets
from generator.engine import inline_shortcut, markdown_reuse, pages_in_memory, search_parser, trim_assets

MaterialParser = search_parser._SearchParser.__bases__[0]


class _Recorder(HTMLParser):
    """html.parser's events, as html_events names them; anything else fails the comparison."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("startend", tag, attrs))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.events.append(("data", data))

    def unknown_decl(self, data):
        self.events.append(("decl", data))

    handle_comment = handle_decl = handle_pi = unknown_decl


def _reference(text: str) -> list[tuple]:
    parser = _Recorder()
    parser.feed(text)
    parser.close()
    return parser.events


REGULAR = [
    "",
    "plain text &amp; more",
    '<p class="a &amp; b" hidden>x &lt; y<br />z</p>\n<h2 id="q">T</h2>',
    '<P CLASS="Up">Upper</P ><IMG SRC="a.png"/>',
    '<a href="x.html" title="">empty</a><td align="left">1</td>',
    '<p>trailing &amp</p>tail &am',
    '<table>\n<thead>\n<tr>\n<th>ФИО</th>\n</tr>\n</thead></table>',
    '<h1 id="x">Title<a class="headerlink" href="#x">&para;</a></h1>',
    '<div data-search-exclude="">hidden</div><p data-x="a>b">gt inside</p>',
]
IRREGULAR = [
    "a < b",
    "<!-- comment --><p>x</p>",
    "<script>var a = '<p>';</script>",
    "<style>p{}</style>",
    "<p class=unquoted>x</p>",
    "<p class='single'>x</p>",
    '<p a="1"b="2">x</p>',
    "<!DOCTYPE html><p>x</p>",
    "<?pi?>",
    "<p\x0bx>vertical tab</p>",
    "x </ p>",
]


@pytest.mark.parametrize("text", REGULAR)
def test_regular_html_gives_html_parsers_events(text):
    assert search_parser.html_events(text) == _reference(text)


@pytest.mark.parametrize("text", IRREGULAR)
def test_anything_else_goes_to_html_parser(text):
    assert search_parser.html_events(text) is None


_PIECES = st.sampled_from([
    "<p>", "</p>", "<h2 id=\"a\">", "</h2>", "<br />", "<br>", "<pre>", "</pre>", "<code>", "</code>",
    '<a class="headerlink" href="#a">', "</a>", '<div data-search-exclude="">', "</div>",
    "<li>", "</li>", "<ul>", "</ul>", "<h1>", "</h1>", '<h3 id="b" class="x">', "</h3>",
    "text", " ", "\n", "&amp;", "&lt;", "&#1060;", "&nbsp;", "&", ";", "<", ">", '"', "=", "Ж",
    "<!-- c -->", "<script>", "</script>", "<P>", "</P >", "<img src=\"a&amp;b\"/>", "<x y>",
    "<object>", "</object>", '<td class="linenodiv">', "</td>", "<sub>", "</sub>", "<ol>", "</ol>",
    '<h1 id="t">', '<h4 id="c">', "</h4>", '<div data-search-exclude>', "<style>", "</style>", "<hx>",
])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_mix_gives_html_parsers_events_or_none(text):
    events = search_parser.html_events(text)
    assert events is None or events == _reference(text)


def _sections(parser_class, text: str) -> list[tuple]:
    parser = parser_class()
    try:
        parser.feed(text)
        parser.close()
    except ValueError as exc:  # Material's parser fails on some nestings: the same way, then
        return [("error", str(exc))]
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text) for s in parser.data]


@settings(max_examples=500)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_search_sections_are_materials(text):
    assert _sections(search_parser._SearchParser, text) == _sections(MaterialParser, text)


def test_trimmed_drops_maps_and_foreign_languages_and_marks_the_worker():
    assert site_assets.trimmed("assets/javascripts/bundle.js.map", b"{}", ["ru"]) is None
    assert site_assets.trimmed("assets/javascripts/lunr/min/lunr.de.min.js", b"x", ["ru"]) is None
    assert site_assets.trimmed("assets/javascripts/lunr/min/lunr.ru.min.js", b"x", ["ru"]) == b"x"
    assert site_assets.trimmed("assets/a.css", b".a{}\n/*# sourceMappingURL=a.css.map */", []) == b".a{}"
    worker = site_assets.trimmed("assets/javascripts/workers/search.123.min.js", b"w()", ["ru"])
    assert worker.startswith(b"/* nastavnik: stemmed queries */") and worker.endswith(b"\nw()")
    assert site_assets.trimmed("assets/javascripts/workers/search.123.min.js", worker, ["ru"]) == worker
    assert site_assets.trimmed("files/a.js.map", b"{}", ["ru"]) == b"{}"


_MARKDOWN = st.sampled_from([
    "word", " ", "  \n", "\n", "\n\n", "*", "**", "_", "`", "\\", "[", "](x.md)", "![", "<", ">", "&amp;",
    "&", "<b>", "</b>", "<https://a.ru>", "<a@b.ru>", "| a | b |\n|---|---|\n| 1 | 2 |\n", "# ", "{: .x }",
    "!!! note\n    ", "Ж", "1.", "- ", ":", "=", '"',
])
_EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]


@given(st.lists(_MARKDOWN, max_size=30).map("".join))
def test_inline_shortcut_changes_no_html(text):
    fast = markdown.markdown(text, extensions=_EXTENSIONS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(inline_shortcut.InlineProcessor, "_InlineProcessor__handleInline", inline_shortcut._handle_inline)
        assert markdown.markdown(text, extensions=_EXTENSIONS) == fast


def test_inline_trigger_knows_what_markdowns_patterns_need():
    md = markdown.Markdown(extensions=_EXTENSIONS)
    patterns = md.treeprocessors["inline"].inlinePatterns
    trigger = inline_shortcut._inline_trigger([p.getCompiledRegExp() for p in patterns])
    assert trigger is not None and trigger.search("Иванова Мария Петровна, 7 класс") is None
    assert all(trigger.search(text) for text in ["a  \nb", "*a*", "_a_", "`a`", "[a](b)", "&amp;", "<b>", "\\*"])


def test_an_unclear_pattern_switches_the_shortcut_off():
    assert inline_shortcut._inline_trigger([re.compile(r"(?i)x"), re.compile(r"\[")]) is None
    assert inline_shortcut._inline_trigger([re.compile(r"a?b*"), re.compile(r"\[")]) is None


DOCS = {"z.md": "# Z\r\nline\rline", "index.md": "\ufeff# Home", "b/index.md": "b", "b/a.md": "a", "a/x.md": "x",
        "a/c/y.md": "y", "A.md": "A", "_x.md": "_", ".hidden.md": "h", "a/README.md": "r", "a/index.md": "i",
        "templates/t.md": "t", "b/a.html": "<p>clash</p>"}


def test_docs_from_memory_come_as_get_files_finds_them_on_disk(tmp_path, caplog):
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files, get_files

    from generator.render import SiteSpec

    (tmp_path / "mkdocs.yml").write_text("site_name: t\nuse_directory_urls: false\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config = load_config(str(tmp_path / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "s"))
    spec = SiteSpec("t", "", "t", {name: text for name, text in DOCS.items() if name.endswith(".md")}, [],
                    generated={name: text.encode() for name, text in DOCS.items() if not name.endswith(".md")})
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    spec.assets = {"files/photo.png": tmp_path / "photo.png", "assets/x.js": tmp_path / "photo.png"}
    engine.write_docs(spec, tmp_path / "docs")

    def seen(files):
        return [(f.src_uri, f.dest_uri, f.url, f.inclusion, f.edit_uri,
                 f.content_string if f.is_documentation_page() else f.content_bytes) for f in files]

    on_disk = seen(get_files(config))
    warned = caplog.messages[:]
    for path in sorted((tmp_path / "docs").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    caplog.clear()
    assert seen(pages_in_memory._DocsInMemory(spec).on_files(Files([]), config=config)) == on_disk
    assert caplog.messages == warned and len(warned) == 2


def test_one_markdown_instance_converts_page_after_page_as_fresh_ones_do():
    extensions = [*_EXTENSIONS, "footnotes", "abbr", "fenced_code"]
    configs = {"toc": {"permalink": False}}
    pages = ["# A\n\nText[^1] with HTML.\n\n[^1]: Note.\n\n*[HTML]: Hyper Text",
             "# A\n\n## A\n\n!!! note\n    body {: .x }\n\n| a |\n|---|\n| 1 |\n",
             "Plain [link][r] HTML.\n\n[r]: https://example.org",
             "[link][r] without its reference now"]
    reused = [markdown_reuse._markdown_for_page(extensions=extensions, extension_configs=configs) for _ in pages]
    assert all(md is reused[0] for md in reused)
    for text in pages:
        md = markdown_reuse._markdown_for_page(extensions=extensions, extension_configs=configs)
        fresh = markdown.Markdown(extensions=extensions, extension_configs=configs)
        assert (md.convert(text), md.toc_tokens) == (fresh.convert(text), fresh.toc_tokens)


def test_a_theme_file_edited_while_serving_is_trimmed_again(tmp_path):
    from mkdocs.structure.files import File

    css = tmp_path / "assets" / "a.css"
    css.parent.mkdir()
    css.write_bytes(b".a{}\n/*# sourceMappingURL=a.css.map */")
    theme_file = File("assets/a.css", str(tmp_path), str(tmp_path / "site"), False)
    assert trim_assets._TrimAssets()._theme_file(theme_file, ("ru",)) == b".a{}"
    css.write_bytes(b".b{color:red}")
    assert trim_assets._TrimAssets()._theme_file(theme_file, ("ru",)) == b".b{color:red}"
