/* The paper index at any size. The page carries the newest rows only; every paper's row is
   data in paper-index/rows-<n>.js, loaded one chunk after another by script tags (which also
   work in a copy opened with file://). Filters run over that data and the table shows the
   first screenful of matches, with a button for more, so the page stays small and responds
   at once however many papers the catalog holds. Catalog text is only ever set as text. */
(function () {
  "use strict";

  var SHOWN = 200;

  function words(value) {
    return value ? value.split(" ") : [];
  }

  function loadChunks(table, each, done) {
    var count = Number(table.dataset.chunks);
    var base = new URL(table.dataset.rows, window.location.href).href;
    var store = (window.clsPaperRows = window.clsPaperRows || {});
    function next(number) {
      if (number >= count) { done(); return; }
      if (store[number]) { each(store[number]); next(number + 1); return; }
      var script = document.createElement("script");
      script.src = base + number + ".js";
      script.onload = function () {
        script.remove();
        each(store[number] || []);
        next(number + 1);
      };
      script.onerror = function () { script.remove(); done(new Error(script.src)); };
      document.head.appendChild(script);
    }
    next(0);
  }

  function link(href, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    return a;
  }

  function setup() {
    var table = document.querySelector("table#cls-paper-table[data-chunks]");
    var form = document.querySelector('form.cls-filters[data-table="cls-paper-table"]');
    if (!table || !form || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    var body = table.tBodies[0];
    var count = form.querySelector(".cls-count");
    var none = document.querySelector(".cls-no-match");
    var moreBox = document.querySelector(".cls-more-rows");
    var moreButton = moreBox.querySelector("button");
    var total = Number(table.dataset.total);
    var familyNames = {};
    Array.prototype.forEach.call(form.querySelectorAll("select[name=family] option"), function (o) {
      if (o.value) familyNames[o.value] = o.textContent;
    });
    var controls = Array.prototype.slice.call(form.querySelectorAll("[data-facet]"));
    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      var wanted = params.get(control.dataset.facet);
      if (wanted) control.value = wanted;
    });
    var rows = [];
    var matched = [];
    var limit = SHOWN;
    var loading = true;

    function haystack(row) {
      if (row.text === undefined) {
        row.text = [row.id, row.title, row.authors.map(function (a) { return a[1]; }).join(" "),
          row.year, row.venue, row.more].join(" ").replace(/\s+/g, " ").toLowerCase();
      }
      return row.text;
    }

    function matches(row, active) {
      return active.every(function (filter) {
        if (filter.facet === "text") {
          return words(filter.value.replace(/\s+/g, " ")).every(function (word) {
            return haystack(row).indexOf(word) !== -1;
          });
        }
        if (filter.facet === "author") {
          return row.authors.some(function (a) { return a[0] === filter.value; });
        }
        var values = row[filter.facet];
        return Array.isArray(values) ? values.indexOf(filter.value) !== -1
          : String(values) === filter.value;
      });
    }

    function render(row) {
      var tr = document.createElement("tr");
      tr.dataset.id = row.id;
      var paper = document.createElement("td");
      paper.appendChild(link(table.dataset.papers + row.id + ".html", row.title));
      paper.appendChild(document.createElement("br"));
      var meta = document.createElement("span");
      meta.className = "cls-meta";
      row.authors.forEach(function (author, position) {
        if (position) meta.appendChild(document.createTextNode(", "));
        meta.appendChild(link(table.dataset.authors + author[0] + ".html", author[1]));
      });
      paper.appendChild(meta);
      tr.appendChild(paper);
      [String(row.year), row.venue,
        row.family.map(function (f) { return familyNames[f] || f; }).join(", ")
      ].forEach(function (value) {
        var cell = document.createElement("td");
        cell.textContent = value;
        tr.appendChild(cell);
      });
      return tr;
    }

    var drawn = null;  // the rows on screen, so an unchanged result is not drawn again

    function show() {
      var visible = matched.slice(0, limit);
      var key = visible.map(function (row) { return row.id; }).join(" ");
      if (key !== drawn) {
        // Redrawing replaces the links: never do it needlessly (a click may be under way,
        // e.g. the text box's change event fires as the pointer goes down on a link).
        body.replaceChildren.apply(body, visible.map(render));
        drawn = key;
      }
      var found = matched.length + (loading ? "+" : "");
      count.textContent = loading
        ? found + " of " + total + " papers (loading " + rows.length + " of " + total + ")"
        : found + " of " + total + " papers";
      if (none) none.hidden = matched.length !== 0 || loading;
      moreBox.hidden = matched.length <= limit;
      moreButton.textContent = "Show " + Math.min(SHOWN, matched.length - limit) + " more";
    }

    function active() {
      return controls
        .filter(function (control) { return control.value.trim() !== ""; })
        .map(function (control) {
          return { facet: control.dataset.facet, value: control.value.trim().toLowerCase() };
        });
    }

    function apply() {
      var filters = active();
      var query = new URLSearchParams();
      filters.forEach(function (filter) { query.set(filter.facet, filter.value); });
      var search = query.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
      matched = rows.filter(function (row) { return matches(row, filters); });
      table.clsMatched = loading ? null : matched.map(function (row) { return row.id; });
      limit = SHOWN;
      show();
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    moreButton.addEventListener("click", function () {
      limit += SHOWN;
      show();
    });
    loadChunks(table, function (chunk) {
      var filters = active();
      rows = rows.concat(chunk);
      chunk.forEach(function (row) { if (matches(row, filters)) matched.push(row); });
      if (matched.length <= limit + SHOWN) show();
    }, function (error) {
      loading = false;
      if (error) {
        count.textContent = "Could not load every paper (" + error.message + "); showing " +
          rows.length + " of " + total + ".";
      }
      apply();
    });
  }

  window.clsOnEveryPage(setup);  // defined in cl-survey.js, which loads first
})();
