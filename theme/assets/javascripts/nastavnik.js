/* nastavnik: low-vision mode, sortable registry tables, tables as cards on a phone.
   Everything here enhances pages that already work without JavaScript. */
(function () {
  "use strict";

  var root = document.documentElement;
  var LV = "nk-lowvision", NOIMG = "nk-noimg";

  // localStorage keeps the choice across pages, also from file:// (one store for all local files).
  function load(key) {
    try { return window.localStorage.getItem(key) === "1"; } catch (e) { return false; }
  }
  function save(key, on) {
    try { if (on) { window.localStorage.setItem(key, "1"); } else { window.localStorage.removeItem(key); } } catch (e) { /* private mode */ }
  }

  var EYE = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 4.5C7 4.5 2.73 7.61 1 12c1.73 4.39 6 7.5 11 7.5s9.27-3.11 11-7.5c-1.73-4.39-6-7.5-11-7.5M12 17a5 5 0 0 1-5-5 5 5 0 0 1 5-5 5 5 0 0 1 5 5 5 5 0 0 1-5 5m0-8a3 3 0 0 0-3 3 3 3 0 0 0 3 3 3 3 0 0 0 3-3 3 3 0 0 0-3-3"/></svg>';

  var PICTURE = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M21 19V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2M8.5 13.5l2.5 3 3.5-4.5 4.5 6H5z"/></svg>';

  function lowVisionControls() {
    var header = document.querySelector(".md-header__inner");
    var title = header && header.querySelector(".md-header__title");
    if (!title) { return; }
    var box = document.createElement("div");
    box.className = "nk-a11y";
    var mode = document.createElement("button");
    mode.type = "button";
    mode.className = "nk-mode";
    var images = document.createElement("button");
    images.type = "button";
    images.className = "nk-images";
    function render() {
      var on = root.classList.contains("nk-lv");
      var text = on ? "Обычная версия" : "Версия для слабовидящих";
      mode.innerHTML = EYE + '<span class="nk-long">' + text + "</span>";
      mode.setAttribute("aria-label", text);
      mode.title = text;
      var hidden = root.classList.contains("nk-noimg");
      var label = hidden ? "Показать изображения" : "Скрыть изображения";
      images.innerHTML = PICTURE + '<span class="nk-long">' + label + "</span>";
      images.setAttribute("aria-label", label);
      images.title = label;
    }
    mode.addEventListener("click", function () {
      var on = root.classList.toggle("nk-lv");
      save(LV, on);
      render();
    });
    images.addEventListener("click", function () {
      var hidden = root.classList.toggle("nk-noimg");
      save(NOIMG, hidden);
      render();
    });
    box.appendChild(mode);
    box.appendChild(images);
    title.parentNode.insertBefore(box, title.nextSibling);
    render();
  }

  // With images switched off a picture leaves its text alternative in its place.
  function textAlternatives() {
    var pictures = document.querySelectorAll(".md-content img, .md-content svg.nk-chart");
    Array.prototype.forEach.call(pictures, function (picture) {
      var text = picture.getAttribute("alt");
      if (picture.tagName.toLowerCase() === "svg") {
        var parts = picture.querySelectorAll("title, desc");
        text = Array.prototype.map.call(parts, function (p) { return p.textContent; }).join(": ");
      }
      if (!text) { return; }
      var alt = document.createElement("span");
      alt.className = "nk-alt";
      alt.textContent = "Изображение: " + text;
      picture.parentNode.insertBefore(alt, picture.nextSibling);
    });
  }

  // Sort keys: numbers and dd.mm.yyyy dates by value, text in Russian alphabetical order, «—» last.
  function sortKey(text) {
    var t = text.trim();
    if (!t || t === "—") { return { empty: true }; }
    var date = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(t);
    if (date) { return { num: +(date[3] + date[2] + date[1]) }; }
    var num = /^-?\d+(?:[.,]\d+)?(?=\s*(?:%|$))/.exec(t.replace(/\s(?=\d)/g, ""));
    if (num) { return { num: parseFloat(num[0].replace(",", ".")) }; }
    return { text: t.toLowerCase() };
  }
  function compare(a, b) {
    if (a.empty || b.empty) { return (a.empty ? 1 : 0) - (b.empty ? 1 : 0); }
    if (a.num !== undefined && b.num !== undefined) { return a.num - b.num; }
    if (a.num !== undefined) { return -1; }
    if (b.num !== undefined) { return 1; }
    return a.text.localeCompare(b.text, "ru");
  }

  function sortable(table, headers) {
    var body = table.tBodies[0];
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "nk-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
          var cell = row.cells[column];
          return { row: row, key: sortKey(cell ? cell.textContent : ""), i: i };
        });
        rows.sort(function (a, b) {
          var c = compare(a.key, b.key);
          if (a.key.empty || b.key.empty) { return c || a.i - b.i; }
          return (ascending ? c : -c) || a.i - b.i;
        });
        rows.forEach(function (r) { body.appendChild(r.row); });
      });
    });
  }

  // Cells learn their column's name, shown before them when the table turns into cards.
  function cards(table, headers) {
    var names = headers.map(function (th) { return th.textContent.trim(); });
    table.setAttribute("data-nk-cards", "");
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("tr"), function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        if (cell.tagName.toLowerCase() === "th") {
          cell.setAttribute("role", cell.parentNode.parentNode.tagName.toLowerCase() === "thead" ? "columnheader" : "rowheader");
        } else {
          cell.setAttribute("role", "cell");
          if (names[i]) { cell.setAttribute("data-label", names[i]); }
        }
      });
    });
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
  }

  // Registries get filters by the columns a reader narrows by (form, role model, school, year).
  // Without JavaScript the whole table stays: the filter is only added here.
  var labels = {};
  var FILTERED = /^(форм|ролев|организац|школ|вид|категори|учебн|год)/i;

  function values(cell) {
    return cell ? cell.textContent.split(";").map(function (v) { return v.trim(); }).filter(function (v) {
      return v && v !== "—";
    }) : [];
  }

  // A page may hold several registries: each filter form is named after its table's heading.
  function tableTitle(table) {
    var node = table.closest(".md-typeset__scrollwrap") || table;
    for (; node && node.parentNode && !/^H[1-3]$/.test(node.tagName); ) {
      node = node.previousElementSibling || node.parentNode;
    }
    return node && /^H[1-3]$/.test(node.tagName) ? node.textContent.trim() : document.title;
  }

  function filters(table, headers, n) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var columns = [];
    headers.forEach(function (th, i) {
      var name = th.textContent.trim();
      if (!FILTERED.test(name)) { return; }
      var seen = {};
      rows.forEach(function (row) { values(row.cells[i]).forEach(function (v) { seen[v] = true; }); });
      var options = Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, "ru"); });
      if (options.length > 1 && options.length <= 30) { columns.push({ index: i, name: name, options: options }); }
    });
    if (!columns.length) { return; }
    var form = document.createElement("form");
    form.className = "nk-filter";
    form.setAttribute("role", "search");
    var label = "Отбор строк таблицы «" + tableTitle(table) + "»";
    labels[label] = (labels[label] || 0) + 1;
    form.setAttribute("aria-label", labels[label] > 1 ? label + " (" + labels[label] + ")" : label);
    var count = document.createElement("p");
    count.className = "nk-count";
    count.setAttribute("aria-live", "polite");
    var selects = columns.map(function (column) {
      var label = document.createElement("label");
      label.textContent = column.name + " ";
      var select = document.createElement("select");
      select.id = "nk-filter-" + n + "-" + column.index;
      select.innerHTML = '<option value="">все</option>';
      column.options.forEach(function (v) {
        var option = document.createElement("option");
        option.textContent = v;
        select.appendChild(option);
      });
      label.appendChild(select);
      form.appendChild(label);
      return { column: column.index, select: select };
    });
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = selects.every(function (s) {
          return !s.select.value || values(row.cells[s.column]).indexOf(s.select.value) >= 0;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = "Показано строк: " + shown + " из " + rows.length;
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var anchor = table.closest(".md-typeset__scrollwrap") || table;
    anchor.parentNode.insertBefore(form, anchor);
    anchor.parentNode.insertBefore(count, anchor);
    apply();
  }

  function tables() {
    var all = document.querySelectorAll(".md-content table");
    Array.prototype.forEach.call(all, function (table, n) {
      if (table.classList.contains("nk-matrix") || !table.tHead || !table.tBodies.length) { return; }
      var headers = Array.prototype.slice.call(table.tHead.rows[table.tHead.rows.length - 1].cells);
      // The case bank brings its own filter form (in the page, hidden without JavaScript).
      if (table.tBodies[0].rows.length >= 6 && !table.id) { filters(table, headers, n); }
      if (table.tBodies[0].rows.length > 1) { sortable(table, headers); }
      if (headers.length > 2) { cards(table, headers); }
    });
  }

  // Material's search panel is a dialog without a name; screen readers announce it by this one.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) { dialog.setAttribute("aria-label", "Поиск по сайту"); }
  }

  nameSearchDialog();
  lowVisionControls();
  textAlternatives();
  tables();
})();
