/* awesome-opt: the "All entries" table, built in the browser. Plain JavaScript, no dependencies.
 *
 * The page holds the filters and an empty table; the rows come from all/table.json (the URL is the
 * table's data-src), fetched once. Filtering and sorting work on that data; only the matching rows
 * are in the page, the first PAGE of them at once, more on request. Rows are made with DOM methods
 * (textContent), never from HTML strings, so no text from the data can become markup.
 *
 * The filter state lives in the page address (?text=...&section=...&provenance=...&role=...&signal=...
 * &tag=...&from=...&to=...&code=1&sort=...), so a filtered view can be bookmarked and shared. The free
 * text is "text", not "q", which Material's search reads from the address to open its own search box.
 */
(function () {
  "use strict";

  var KEYS = ["text", "section", "provenance", "role", "signal", "tag", "from", "to", "code", "sort"];
  var DEFAULT_SORT = "year-desc";
  var PAGE = 1000;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(href, text) {
    var node = element("a", text);
    node.href = href;
    return node;
  }

  function entries(data) {
    var at = {};
    data.columns.forEach(function (name, index) { at[name] = index; });
    return data.rows.map(function (row) {
      var section = data.sections[row[at.section]] || { title: row[at.section], url: "#" };
      var title = row[at.title];
      return {
        id: row[at.id],
        title: title,
        kind: row[at.kind],
        year: row[at.year] || 0,
        section: row[at.section],
        sections: [row[at.section]].concat(section.parent ? [section.parent] : []),
        sectionTitle: section.title,
        sectionUrl: section.url,
        authors: row[at.authors],
        provenance: row[at.provenance],
        role: row[at.role],
        signals: row[at.signal],
        tags: row[at.tags],
        code: row[at.code] === 1,
        key: title.toLowerCase(),
        text: (title + " " + row[at.text]).toLowerCase(),
        url: data.entry_url.replace("{id}", row[at.id]),
        row: null,
      };
    });
  }

  function makeRow(entry) {
    var row = element("tr");
    row.dataset.id = entry.id;
    var title = element("td", "", "ao-cell-title");
    title.appendChild(link(entry.url, entry.title));
    if (entry.kind !== "paper") {
      title.appendChild(document.createTextNode(" "));
      title.appendChild(element("span", entry.kind, "ao-kind"));
    }
    if (entry.authors) {
      title.appendChild(element("br"));
      title.appendChild(element("span", entry.authors, "ao-muted"));
    }
    row.appendChild(title);
    row.appendChild(element("td", entry.year ? String(entry.year) : "–"));
    var section = element("td");
    section.appendChild(link(entry.sectionUrl, entry.sectionTitle));
    row.appendChild(section);
    row.appendChild(element("td", entry.provenance || "–", "ao-nowrap"));
    row.appendChild(element("td", entry.role || "–", "ao-nowrap"));
    var signals = element("td", entry.signals.length ? "" : "–", "ao-nowrap");
    entry.signals.forEach(function (signal, index) {
      if (index) signals.appendChild(element("br"));
      signals.appendChild(document.createTextNode(signal));
    });
    row.appendChild(signals);
    var code = element("td");
    code.appendChild(entry.code ? element("span", "✓") : element("span", "–", "ao-muted"));
    if (entry.code) code.firstChild.title = "Has code";
    row.appendChild(code);
    return row;
  }

  function setup() {
    var form = document.getElementById("ao-filters");
    var table = document.getElementById("ao-table");
    if (!form || !table || form.dataset.ready) return;
    form.dataset.ready = "1";
    var status = document.getElementById("ao-status");
    var more = document.getElementById("ao-more");
    status.textContent = "Loading the entries…";
    fetch(table.dataset.src)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (data) { start(form, table, status, more, entries(data)); })
      .catch(function (error) {
        status.textContent = "The entries could not be loaded (" + error.message + ").";
      });
  }

  function start(form, table, status, more, all) {
    var body = table.tBodies[0];
    var shown = PAGE;
    var current = [];

    function readForm() {
      var state = {};
      KEYS.forEach(function (key) {
        var field = form.elements.namedItem(key);
        if (!field) return;
        var value = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value.trim();
        if (value && !(key === "sort" && value === DEFAULT_SORT)) state[key] = value;
      });
      return state;
    }

    function writeForm(state) {
      KEYS.forEach(function (key) {
        var field = form.elements.namedItem(key);
        if (!field) return;
        var value = state[key] || (key === "sort" ? DEFAULT_SORT : "");
        if (field.type === "checkbox") field.checked = value === "1";
        else field.value = value;
      });
    }

    function stateFromUrl() {
      var params = new URLSearchParams(window.location.search);
      var state = {};
      KEYS.forEach(function (key) {
        var value = params.get(key);
        if (value) state[key] = value;
      });
      return state;
    }

    function matches(entry, state, words, from, to) {
      return (
        words.every(function (word) { return entry.text.indexOf(word) !== -1; }) &&
        (!state.section || entry.sections.indexOf(state.section) !== -1) &&
        (!state.provenance || entry.provenance === state.provenance) &&
        (!state.role || entry.role === state.role) &&
        (!state.signal || entry.signals.indexOf(state.signal) !== -1) &&
        (!state.tag || entry.tags.indexOf(state.tag) !== -1) &&
        (isNaN(from) || (entry.year && entry.year >= from)) &&
        (isNaN(to) || (entry.year && entry.year <= to)) &&
        (!state.code || entry.code)
      );
    }

    function compare(sort) {
      var byTitle = function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : 0; };
      if (sort === "year-asc") return function (a, b) { return a.year - b.year || byTitle(a, b); };
      if (sort === "title-asc") return byTitle;
      if (sort === "title-desc") return function (a, b) { return byTitle(b, a); };
      return function (a, b) { return b.year - a.year || byTitle(a, b); };
    }

    function markSortedColumn(sort) {
      table.querySelectorAll("thead th").forEach(function (th) {
        var button = th.querySelector("[data-sort]");
        if (!button) return;
        var active = sort.indexOf(button.dataset.sort + "-") === 0;
        var order = sort.slice(-4) === "-asc" ? "ascending" : "descending";
        th.setAttribute("aria-sort", active ? order : "none");
      });
    }

    function show() {
      var rows = document.createDocumentFragment();
      current.slice(0, shown).forEach(function (entry) {
        if (!entry.row) entry.row = makeRow(entry);
        rows.appendChild(entry.row);
      });
      body.replaceChildren(rows);
      var hidden = current.length - Math.min(shown, current.length);
      more.hidden = hidden === 0;
      more.querySelector("button").textContent = "Show " + Math.min(hidden, PAGE) + " more of " + hidden;
    }

    function render(state) {
      var sort = state.sort || DEFAULT_SORT;
      var words = (state.text || "").toLowerCase().split(/\s+/).filter(Boolean);
      var from = parseInt(state.from, 10);
      var to = parseInt(state.to, 10);
      current = all.filter(function (entry) { return matches(entry, state, words, from, to); });
      current.sort(compare(sort));
      shown = PAGE;
      show();
      markSortedColumn(sort);
      var filtered = KEYS.some(function (key) { return key !== "sort" && state[key]; });
      status.textContent = filtered
        ? "Showing " + current.length + " of " + all.length + " entries."
        : all.length + " entries.";
    }

    function updateUrl(state) {
      var params = new URLSearchParams(state).toString();
      var url = window.location.pathname + (params ? "?" + params : "");
      if (url !== window.location.pathname + window.location.search) {
        window.history.replaceState(null, "", url);
      }
    }

    function onChange() {
      var state = readForm();
      render(state);
      updateUrl(state);
    }

    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(onChange, 0); });
    more.querySelector("button").addEventListener("click", function () {
      shown += PAGE;
      show();
    });
    table.querySelectorAll("[data-sort]").forEach(function (button) {
      button.disabled = false; // disabled in the page until the entries are here to sort
      button.addEventListener("click", function () {
        var field = form.elements.namedItem("sort");
        var key = button.dataset.sort;
        var first = key === "year" ? "-desc" : "-asc";
        var other = first === "-desc" ? "-asc" : "-desc";
        field.value = field.value === key + first ? key + other : key + first;
        onChange();
      });
    });
    window.addEventListener("popstate", function () {
      var state = stateFromUrl();
      writeForm(state);
      render(state);
    });

    var initial = stateFromUrl();
    writeForm(initial);
    render(initial);
    form.hidden = false;
    table.dataset.ready = "1";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
