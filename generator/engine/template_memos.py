"""Material's templates rewritten as they load to draw the menu once per folder and look each label up once."""

from __future__ import annotations

import weakref

import jinja2


# Material draws the whole menu on every page: O(pages²) per site. An item that neither is nor
# holds the current page comes out the same on every page of one folder (its links are relative
# to the folder), so it is drawn once per folder. And every label of a page is looked up in a
# dictionary of ~60 translations that Jinja builds anew for each lookup: each label is looked
# up once. Both are rewritten into the templates at load time; a theme whose templates differ
# from the expected text is left as it is, template by template.
_REWRITES = {
    "partials/nav.html": ("{{ item.render(nav_item, path, 1) }}",
                          "{{ _nastavnik_nav_memo(item.render, nav, page, nav_item, path, 1) }}"),
    "partials/nav-item.html": ('{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}',
                               '{{ _nastavnik_nav_memo(render, nav, page, item, path ~ "_" ~ loop.index, '
                               'level + 1, nav_item) }}'),
    "partials/language.html": ("{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}",
                               "{% macro t(key) %}{{ _nastavnik_translate(lang, fallback, key) }}{% endmacro %}"),
}
_NAV_MEMOS: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()


class _MemoLoader(jinja2.BaseLoader):
    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = self.inner.get_source(environment, template)
        text, memo_text = _REWRITES.get(template, (None, None))
        if text is not None and source.count(text) == 1:
            source = source.replace(text, memo_text)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def _nav_memo(render, nav, page, nav_item, path, level, parent=None):
    args = (nav_item, path, level) if parent is None else (nav_item, path, level, parent)
    if page is None or nav_item.active or nav_item == page or getattr(nav_item, "pages", None):
        return render(*args)
    # A link's relative form depends on the page's folder only (mkdocs.utils.get_relative_url).
    folder, _, name = page.url.rpartition("/")
    parent_active = parent is not None and bool(parent.active)
    key = (id(nav_item), path, level, parent_active, folder if "." in name else page.url)
    memo = _NAV_MEMOS.setdefault(nav, {})
    if key not in memo:
        memo[key] = (nav_item, render(*args))  # the item kept: its id stays unique
    return memo[key][1]


def _translator():
    """Material's lang.t for one environment: the language templates hold nothing but their labels."""
    labels: dict[tuple, str] = {}

    def translate(lang, fallback, key):
        at = (lang.__name__, fallback.__name__, key)
        if at not in labels:
            labels[at] = lang.t(key) or fallback.t(key) or key
        return labels[at]
    return translate
