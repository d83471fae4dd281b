/* The site's search: the header's box (results as you type) and the search page (filters).
   Both ask Pagefind's index in pagefind/, written by `cl-survey build`: a query downloads
   only the index chunks and result fragments it needs, never the whole index. Result text is
   the catalog's and is put on the page as text only. No network beyond the site itself. */
(function () {
  "use strict";

  var HEADER_RESULTS = 8;
  var PAGE_RESULTS = 20;
  var FILTERS = ["kind", "year", "family", "scenario", "application", "venue"];
  var engine = null;
  var slashListening = false;

  /* The site's root, from the address of this script (material's instant navigation
     changes the page's address, never the script's). */
  var ROOT = (function () {
    var script = document.currentScript;
    var src = script ? script.src : window.location.href;
    return new URL("../../", src);
  })();

  function pagefind() {
    if (!engine) {
      if (ROOT.protocol === "file:") {
        engine = Promise.reject(new Error("file"));
      } else {
        engine = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (module) {
          return module.options({ baseUrl: ROOT.pathname })
            .then(function () { return module.init(); })
            .then(function () { return module; });
        });
      }
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function unavailable(error) {
    return error && error.message === "file"
      ? "Search needs the site served over HTTP (cl-survey serve, or any static server); " +
        "opened as a file, use the paper index's filters."
      : "Search is not available: the search index could not be loaded.";
  }

  /* A Pagefind excerpt is escaped text with <mark> around the matched words: it is split on
     the marks and every piece decoded to plain text, so no markup of its own can reach the page. */
  var decoder = document.createElement("textarea");
  function plain(escaped) {
    decoder.innerHTML = escaped.replace(/</g, "&lt;");
    return decoder.value;
  }

  function excerpt(element, escaped) {
    escaped.split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      if (piece) {
        var node = document.createTextNode(plain(piece));
        if (marked) {
          var mark = document.createElement("mark");
          mark.appendChild(node);
          node = mark;
        }
        element.appendChild(node);
      }
      return marked;
    }, false);
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link cls-search-link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article";
    var heading = document.createElement("h2");
    heading.textContent = data.meta.title || data.url;
    var kind = document.createElement("span");
    kind.className = "cls-search-kind";
    kind.textContent = data.meta.kind || "";
    heading.insertBefore(kind, heading.firstChild);
    article.appendChild(heading);
    if (data.meta.sub) {
      var sub = document.createElement("p");
      sub.className = "cls-search-sub";
      sub.textContent = data.meta.sub;
      article.appendChild(sub);
    }
    var text = document.createElement("p");
    excerpt(text, data.excerpt || "");
    article.appendChild(text);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function count(total) {
    return total === 1 ? "1 result" : total + " results";
  }

  /* Later queries overtake earlier ones: only the newest one's answer is shown. */
  function latest() {
    var current = 0;
    return function (run) {
      var mine = ++current;
      return run(function () { return mine === current; });
    };
  }

  /* "/" opens the search box from anywhere but a text field; registered once per document. */
  function setupShortcut() {
    if (slashListening) return;
    slashListening = true;
    document.addEventListener("keydown", function (event) {
      var input = document.querySelector(".cls-search-input");
      var toggle = document.getElementById("__search");
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
      if (input && event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        if (toggle) toggle.checked = true;
        input.focus();
      }
    });
  }

  function setupHeader() {
    var input = document.querySelector(".cls-search-input");
    if (!input || input.dataset.ready) return;
    input.dataset.ready = "1";
    var toggle = document.getElementById("__search");
    var status = document.querySelector(".cls-search-status");
    var list = document.querySelector(".cls-search-results");
    var ask = latest();

    function open() { if (toggle) toggle.checked = true; }
    function close() { if (toggle) toggle.checked = false; input.blur(); }

    input.addEventListener("focus", function () { open(); pagefind().catch(function () {}); });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) input.focus();
      });
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
      if (event.key === "ArrowDown") {
        var first = list.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { close(); return; }
      if (at === -1 || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus(); else if (next < links.length) links[next].focus();
    });
    list.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) close();
    });
    input.addEventListener("input", function () {
      var query = input.value.trim();
      ask(function (current) {
        if (!query) {
          list.replaceChildren();
          status.textContent = "Type to search";
          return null;
        }
        return pagefind().then(function (engine) {
          return engine.debouncedSearch(query, {}, 60);
        }).then(function (search) {
          if (!search || !current()) return null;
          return Promise.all(search.results.slice(0, HEADER_RESULTS).map(function (result) {
            return result.data();
          })).then(function (found) {
            if (!current()) return;
            list.replaceChildren.apply(list, found.map(resultItem));
            var more = document.createElement("li");
            more.className = "md-search-result__item";
            var all = document.createElement("a");
            all.className = "md-search-result__link cls-search-all";
            all.href = new URL("search.html", ROOT).pathname + "?q=" + encodeURIComponent(query);
            all.textContent = search.results.length
              ? "All " + count(search.results.length) + ", with filters"
              : "Search page, with filters";
            more.appendChild(all);
            list.appendChild(more);
            status.textContent = search.results.length ? count(search.results.length) : "No results";
          });
        }).catch(function (error) {
          if (current()) { list.replaceChildren(); status.textContent = unavailable(error); }
        });
      });
    });
  }

  /* The search page: a query, a select per facet (its options and counts from the index),
     newest-first sorting and "more results"; the address keeps the query and the filters. */
  function setupPage() {
    var form = document.querySelector("form.cls-search-page");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var status = document.querySelector(".cls-search-page-status");
    var list = document.querySelector(".cls-search-page-results");
    var more = document.querySelector(".cls-search-more");
    var input = form.elements.q;
    var sort = form.elements.sort;
    var ask = latest();
    var results = [];
    var shown = 0;
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    sort.value = params.get("sort") === "newest" ? "newest" : "";

    function chosen() {
      var filters = {};
      FILTERS.forEach(function (name) {
        var value = form.elements[name].value;
        if (value) filters[name] = value;
      });
      return filters;
    }

    function fill(filterCounts) {
      FILTERS.forEach(function (name) {
        var select = form.elements[name];
        var values = Object.keys(filterCounts[name] || {}).sort(function (a, b) {
          return name === "year" ? b.localeCompare(a) : a.localeCompare(b);
        });
        var wanted = params.get(name) || "";
        values.forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value + " (" + filterCounts[name][value] + ")";
          select.appendChild(option);
        });
        if (values.indexOf(wanted) !== -1) select.value = wanted;
      });
    }

    function showMore() {
      var of = results;
      var batch = of.slice(shown, shown + PAGE_RESULTS);
      shown += batch.length;
      return Promise.all(batch.map(function (result) { return result.data(); }))
        .then(function (found) {
          if (of !== results) return;  // a newer search replaced these results meanwhile
          found.forEach(function (data) { list.appendChild(resultItem(data)); });
          more.hidden = shown >= results.length;
        });
    }

    function run() {
      var query = input.value.trim();
      var filters = chosen();
      var address = new URLSearchParams();
      if (query) address.set("q", query);
      Object.keys(filters).forEach(function (name) { address.set(name, filters[name]); });
      if (sort.value) address.set("sort", sort.value);
      var search = address.toString();
      window.history.replaceState(window.history.state, "", window.location.pathname + (search ? "?" + search : ""));
      ask(function (current) {
        if (!query && !Object.keys(filters).length) {
          list.replaceChildren();
          more.hidden = true;
          status.textContent = "Type a query or choose a filter.";
          return null;
        }
        var options = { filters: filters };
        if (sort.value) options.sort = { year: "desc" };
        return pagefind().then(function (engine) {
          return engine.search(query || null, options);
        }).then(function (found) {
          if (!current()) return null;
          results = found.results;
          shown = 0;
          list.replaceChildren();
          status.textContent = results.length ? count(results.length) : "No results";
          return showMore();
        }).catch(function (error) {
          if (current()) status.textContent = unavailable(error);
        });
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    form.addEventListener("change", run);
    var typing = null;
    input.addEventListener("input", function () {
      window.clearTimeout(typing);
      typing = window.setTimeout(run, 120);
    });
    more.addEventListener("click", function () { showMore(); });
    form.hidden = false;
    pagefind().then(function (engine) { return engine.filters(); }).then(function (counts) {
      fill(counts);
      run();
    }).catch(function (error) { status.textContent = unavailable(error); });
  }

  function setup() {
    setupShortcut();
    setupHeader();
    setupPage();
  }

  window.clsOnEveryPage(setup);  // defined in cl-survey.js, which loads first
})();
