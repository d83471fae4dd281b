/* cl-survey's own scripts: the paper index's filters, and the graphs' pan, zoom,
   neighbour highlight and filters. They run inside material's document$ subscription,
   so they are set up again after every instant navigation. No network, no libraries. */
(function () {
  "use strict";

  function words(value) {
    return value ? value.split(" ") : [];
  }

  /* Paper index: every filter must match (AND); the free text matches every word. */
  function setupFilters(form) {
    var table = document.getElementById(form.dataset.table);
    // A table whose rows come as data in chunks is cl-papers.js's.
    if (!table || form.dataset.ready || table.dataset.chunks) return;
    form.dataset.ready = "1";
    form.hidden = false;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector(".cls-count");
    var noun = form.dataset.noun || "papers";
    var none = form.parentElement.querySelector(".cls-no-match");
    var controls = Array.prototype.slice.call(form.querySelectorAll("[data-facet]"));
    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      var wanted = params.get(control.dataset.facet);
      if (wanted) control.value = wanted;
    });

    function apply() {
      var query = new URLSearchParams();
      var shown = 0;
      var active = controls
        .filter(function (control) { return control.value.trim() !== ""; })
        .map(function (control) {
          query.set(control.dataset.facet, control.value.trim());
          return { facet: control.dataset.facet, value: control.value.trim().toLowerCase() };
        });
      rows.forEach(function (row) {
        var match = active.every(function (filter) {
          if (filter.facet === "text") {
            return words(filter.value.replace(/\s+/g, " ")).every(function (word) {
              return row.dataset.text.indexOf(word) !== -1;
            });
          }
          return words(row.dataset[filter.facet]).indexOf(filter.value) !== -1;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " " + noun;
      if (none) none.hidden = shown !== 0;
      var search = query.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  /* Hovering or focusing a node highlights it, its edges and the nodes at their other end. */
  function setupHighlight(svg) {
    var edges = Array.prototype.slice.call(svg.querySelectorAll(".cls-edge"));
    var nodes = {};
    svg.querySelectorAll(".cls-node").forEach(function (node) {
      nodes[node.dataset.id] = node;
    });

    function clear() {
      svg.classList.remove("is-highlighting");
      svg.querySelectorAll(".is-active").forEach(function (element) {
        element.classList.remove("is-active");
      });
    }

    function highlight(id) {
      clear();
      svg.classList.add("is-highlighting");
      nodes[id].classList.add("is-active");
      edges.forEach(function (edge) {
        var other = edge.dataset.from === id ? edge.dataset.to :
          edge.dataset.to === id ? edge.dataset.from : null;
        if (other === null) return;
        edge.classList.add("is-active");
        if (nodes[other]) nodes[other].classList.add("is-active");
      });
    }

    Object.keys(nodes).forEach(function (id) {
      var node = nodes[id];
      node.addEventListener("mouseenter", function () { highlight(id); });
      node.addEventListener("focus", function () { highlight(id); });
      node.addEventListener("mouseleave", clear);
      node.addEventListener("blur", clear);
    });
  }

  /* The taxonomy graph: without the script it is a picture at its natural size in a
     scrolling frame. With it, it is scaled to the frame's width (the page scrolls as usual)
     and zooms with the buttons or Ctrl+wheel, and pans by dragging. */
  function setupPanZoom(svg, controls) {
    var frame = svg.parentElement;
    var full = svg.viewBox.baseVal;
    var width = full.width;
    var height = full.height;
    var view = { x: 0, y: 0, w: width, h: height };
    frame.classList.add("is-interactive");
    svg.setAttribute("width", "100%");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");

    function draw() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    }
    function reset() {
      view = { x: 0, y: 0, w: width, h: height };
      draw();
    }
    function toGraph(clientX, clientY) {
      var box = svg.getBoundingClientRect();
      return {
        x: view.x + (clientX - box.left) / box.width * view.w,
        y: view.y + (clientY - box.top) / box.height * view.h
      };
    }
    function zoom(factor, centre) {
      var next = Math.min(Math.max(view.w * factor, width / 12), width);
      factor = next / view.w;
      view.x = centre.x - (centre.x - view.x) * factor;
      view.y = centre.y - (centre.y - view.y) * factor;
      view.w *= factor;
      view.h *= factor;
      clamp();
      draw();
    }
    function clamp() {
      view.x = Math.min(Math.max(view.x, 0), width - view.w);
      view.y = Math.min(Math.max(view.y, 0), height - view.h);
    }

    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, toGraph(event.clientX, event.clientY));
    }, { passive: false });

    var drag = null;
    var dragged = false;
    svg.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX, y: event.clientY, view: { x: view.x, y: view.y } };
      dragged = false;
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag || view.w >= width) return;
      var box = svg.getBoundingClientRect();
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) dragged = true;
      if (!dragged) return;
      if (!svg.hasPointerCapture(event.pointerId)) svg.setPointerCapture(event.pointerId);
      view.x = drag.view.x - dx / box.width * view.w;
      view.y = drag.view.y - dy / box.height * view.h;
      clamp();
      draw();
    });
    function stop() { drag = null; }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    /* A drag that ends on a node must not follow its link. */
    svg.addEventListener("click", function (event) {
      if (dragged) {
        event.preventDefault();
        event.stopPropagation();
        dragged = false;
      }
    }, true);

    /* ?focus=<id> (the "See it in the taxonomy graph" links) marks that node. */
    var focus = new URLSearchParams(window.location.search).get("focus");
    var focused = focus && svg.querySelector('.cls-node[data-id="' + CSS.escape(focus) + '"]');
    if (focused) {
      focused.classList.add("is-focus");
      window.setTimeout(function () {
        focused.scrollIntoView({ block: "center", inline: "center" });
      }, 0);
    }

    controls.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.dataset.zoom;
        if (action === "reset") reset();
        else zoom(action === "in" ? 1 / 1.4 : 1.4, { x: view.x + view.w / 2, y: view.y + view.h / 2 });
      });
    });
    reset();
    return {
      /* Zoom in (at least 3x) with the point at the centre of the view. */
      centreOn: function (x, y) {
        view.w = Math.min(view.w, width / 3);
        view.h = view.w * height / width;
        view.x = x - view.w / 2;
        view.y = y - view.h / 2;
        clamp();
        draw();
      }
    };
  }

  /* Unticking a family folds away every box that descends only from unticked families, with
     the edges that touch them; the family's own box stays. */
  function setupFamilies(svg, controls) {
    var boxes = Array.prototype.slice.call(controls.querySelectorAll("input[name=family]"));
    var nodes = Array.prototype.slice.call(svg.querySelectorAll(".cls-node"));
    var edges = Array.prototype.slice.call(svg.querySelectorAll(".cls-edge"));
    function apply() {
      var shown = {};
      boxes.forEach(function (box) { shown[box.value] = box.checked; });
      var folded = {};
      nodes.forEach(function (node) {
        var fold = !node.classList.contains("cls-node--family") &&
          !words(node.dataset.families).some(function (family) { return shown[family]; });
        node.classList.toggle("is-folded", fold);
        if (fold) folded[node.dataset.id] = true;
      });
      edges.forEach(function (edge) {
        edge.classList.toggle("is-folded", !!(folded[edge.dataset.from] || folded[edge.dataset.to]));
      });
    }
    boxes.forEach(function (box) { box.addEventListener("change", apply); });
    apply();
    return apply;
  }

  /* Find a box: a name from the list (or the first that contains what was typed) is unfolded,
     centred, marked and focused, which also highlights its neighbours. */
  function setupFind(svg, controls, panZoom, refold) {
    var input = controls.querySelector("input[name=find]");
    var options = Array.prototype.slice.call(controls.querySelectorAll("#cls-graph-names option"));
    function find() {
      var wanted = input.value.trim().toLowerCase();
      if (!wanted) return;
      var option = options.filter(function (o) { return o.value.toLowerCase() === wanted; })[0] ||
        options.filter(function (o) { return o.value.toLowerCase().indexOf(wanted) !== -1; })[0];
      if (!option) return;
      var node = svg.querySelector('.cls-node[data-id="' + CSS.escape(option.dataset.id) + '"]');
      if (node.classList.contains("is-folded")) {
        words(node.dataset.families).forEach(function (family) {
          controls.querySelector('input[name=family][value="' + CSS.escape(family) + '"]').checked = true;
        });
        refold();
      }
      svg.querySelectorAll(".cls-node.is-focus").forEach(function (other) {
        other.classList.remove("is-focus");
      });
      node.classList.add("is-focus");
      var rect = node.querySelector("rect");
      panZoom.centreOn(
        rect.x.baseVal.value + rect.width.baseVal.value / 2,
        rect.y.baseVal.value + rect.height.baseVal.value / 2
      );
      node.scrollIntoView({ block: "center" });
      node.focus();
    }
    input.addEventListener("change", find);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        find();
      }
    });
  }

  /* Dim the nodes (and their edges) that no paper of the chosen scenario, problem or year
     supports. */
  function setupGraphFilters(svg, controls) {
    var selects = Array.prototype.slice.call(controls.querySelectorAll("select"));
    var nodes = Array.prototype.slice.call(svg.querySelectorAll(".cls-node"));
    var edges = Array.prototype.slice.call(svg.querySelectorAll(".cls-edge"));
    function apply() {
      var dimmed = {};
      nodes.forEach(function (node) {
        var match = selects.every(function (select) {
          return !select.value || words(node.dataset[select.name]).indexOf(select.value) !== -1;
        });
        node.classList.toggle("is-dimmed", !match);
        if (!match) dimmed[node.dataset.id] = true;
      });
      edges.forEach(function (edge) {
        edge.classList.toggle("is-dimmed", !!(dimmed[edge.dataset.from] || dimmed[edge.dataset.to]));
      });
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    apply();
  }

  /* Sortable tables: the button in a column's heading sorts by that column, numbers by their
     data-sort value; a second press reverses the order; cells without a value stay last. */
  function sortKey(cell) {
    var raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    if (raw === "") return null;
    var number = Number(raw);
    return isNaN(number) ? raw.toLowerCase() : number;
  }

  function setupSorting(table) {
    if (table.dataset.sortReady) return;
    table.dataset.sortReady = "1";
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = th.querySelector("button.cls-sort");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column]);
          var y = sortKey(b.cells[column]);
          if (x === y) return 0;
          if (x === null) return 1;
          if (y === null) return -1;
          var order = typeof x === "number" && typeof y === "number"
            ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* Downloads: the entries of the listed papers (or of the rows a table shows) joined into one
     BibTeX, CSL-JSON or RIS file, from exports.json beside the pages. */
  var FORMATS = {
    bibtex: { extension: "bib", type: "application/x-bibtex" },
    csl: { extension: "json", type: "application/vnd.citationstyles.csl+json" },
    ris: { extension: "ris", type: "application/x-research-info-systems" }
  };

  function shownIds(tableId) {
    var table = document.getElementById(tableId);
    if (!table) return [];
    if (table.clsMatched) return table.clsMatched;  // every match, shown or not (cl-papers.js)
    return Array.prototype.slice.call(table.tBodies[0].rows)
      .filter(function (row) { return !row.hidden; })
      .map(function (row) { return row.dataset.id; });
  }

  function setupDownload(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var ids = form.dataset.table ? shownIds(form.dataset.table) : words(form.dataset.papers);
      var format = form.querySelector("select").value;
      fetch(form.dataset.exports).then(function (response) { return response.json(); })
        .then(function (data) {
          var text = format === "csl"
            ? JSON.stringify(ids.map(function (id) { return data[id].csl; }), null, 2) + "\n"
            : ids.map(function (id) { return data[id][format]; }).join("\n");
          var link = document.createElement("a");
          link.href = URL.createObjectURL(new Blob([text], { type: FORMATS[format].type }));
          link.download = "cl-survey-" + ids.length + "-papers." + FORMATS[format].extension;
          document.body.appendChild(link);
          link.click();
          link.remove();
        });
    });
  }

  function setup() {
    document.querySelectorAll("form.cls-download").forEach(setupDownload);
    document.querySelectorAll("form.cls-filters").forEach(setupFilters);
    document.querySelectorAll("table.cls-sortable").forEach(setupSorting);
    document.querySelectorAll("svg.cls-graph").forEach(function (svg) {
      if (svg.dataset.ready) return;
      svg.dataset.ready = "1";
      setupHighlight(svg);
      var controls = document.querySelector(".cls-graph-controls");
      if (controls && svg.classList.contains("cls-graph--taxonomy")) {
        controls.hidden = false;
        var panZoom = setupPanZoom(svg, controls);
        setupGraphFilters(svg, controls);
        setupFind(svg, controls, panZoom, setupFamilies(svg, controls));
      }
    });
  }

  /* Runs `setup` on every page the reader sees, for this script and the two after it:
     material's document$ re-emits after each instant navigation, but never on a page opened
     as a file (file://), where the page's own load is the only one. */
  window.clsOnEveryPage = function (setup) {
    if (typeof window.document$ !== "undefined" && window.location.protocol !== "file:") {
      window.document$.subscribe(setup);
    } else {
      document.addEventListener("DOMContentLoaded", setup);
    }
  };
  window.clsOnEveryPage(setup);
})();
