/*
 * The reader's choices on any redline (an element with class "ld-redline", whichever page holds
 * it): inline or side by side, and everything / only additions / only removals / only the changed
 * sections. Each choice applies at once, is kept in the address (?view=inline|side,
 * ?show=all|added|removed|changed, other parameters kept) so that a reload or a shared link
 * reopens it, and is a real radio button (keyboard, visible focus). Its words are the page's
 * (#ld-words, written by head.html in the site's language). Without this script the
 * redline is inline with everything, as the server wrote it.
 *
 * Side by side is made here from the inline markup: in each section, each block (or list, table)
 * becomes a row of two cells, the old one without insertions and the new one without deletions
 * (the purpose table's redline, already cell by cell, stays whole).
 * A page with several redlines (a section's history: one per version) gets one set of choices, above
 * them all, that applies to every one of them.
 * A page that adds a redline later (the compare page) announces it with the event
 * "legaldocs:redline" (detail: an element holding it), or calls LegalDocsViews.enhance.
 */
(function () {
  "use strict";

  /* legaldocs:words (assets/words.js is written here as the site is built: WORDS and t) */

  var VIEWS = [
    ["inline", "Inline"],
    ["side", "Side by side"],
  ];
  var SHOWS = [
    ["all", "Everything"],
    ["added", "Only additions"],
    ["removed", "Only removals"],
    ["changed", "Only changed sections"],
  ];
  var SECTION = ".ld-change";
  var OUTSIDE_BODY = "summary, .ld-change-title, .ld-change-notes";
  // What the old text did not have, and what the new text no longer has.
  var ONLY_NEW = "ins.ld-ins, .ld-inserted, .ld-moved-in, tr.ld-purpose-added, .ld-section-added";
  var ONLY_OLD = "del.ld-del, .ld-deleted, .ld-moved-out, tr.ld-purpose-removed, .ld-section-removed";
  // The purpose table's redline compares each cell already, with a column saying what changed: whole.
  var WHOLE = ".ld-purposes-change";
  var CHANGED = "ins, del, .ld-block, .ld-note";
  var made = 0;
  var bar = null; // the page's one set of choices (a form.ld-views)

  function valid(list, value, otherwise) {
    return list.some(function (v) {
      return v[0] === value;
    })
      ? value
      : otherwise;
  }

  function chosen() {
    var params = new URLSearchParams(window.location.search);
    return { view: valid(VIEWS, params.get("view"), "inline"), show: valid(SHOWS, params.get("show"), "all") };
  }

  function remember(name, value) {
    var url = new URL(window.location.href);
    url.searchParams.set(name, value);
    window.history.replaceState(window.history.state, "", url);
  }

  function group(name, legend, options, value, id) {
    var fieldset = document.createElement("fieldset");
    fieldset.className = "ld-views-group";
    var title = document.createElement("legend");
    title.textContent = t(legend);
    fieldset.append(title);
    options.forEach(function (o) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "ld-" + name + "-" + id;
      input.value = o[0];
      input.checked = o[0] === value;
      input.setAttribute("data-choice", name);
      label.append(input, " " + t(o[1]));
      fieldset.append(label);
    });
    return fieldset;
  }

  /** Marks each section with what it holds, for the filters: ld-has-ins, ld-has-del. */
  function mark(redline) {
    redline.querySelectorAll(SECTION).forEach(function (section) {
      section.classList.toggle("ld-has-ins", !!section.querySelector(ONLY_NEW) || section.matches(ONLY_NEW));
      section.classList.toggle("ld-has-del", !!section.querySelector(ONLY_OLD) || section.matches(ONLY_OLD));
    });
  }

  /** A copy of ``node`` as one side saw it: without what only the other side has (``without``), without ids. */
  function side(node, without) {
    if (without && node.nodeType === 1 && node.matches(without)) return null;
    var copy = node.cloneNode(true);
    if (copy.nodeType !== 1) return copy;
    if (without) {
      copy.querySelectorAll(without).forEach(function (e) {
        e.remove();
      });
    }
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (e) {
      e.removeAttribute("id");
    });
    return copy;
  }

  function cell(label, content) {
    var div = document.createElement("div");
    div.className = "ld-side-cell";
    div.setAttribute("data-label", label);
    if (content) div.append(content);
    return div;
  }

  /** Each section's body as rows of two cells, built once, next to the inline body. */
  function sideBySide(redline) {
    var holders = Array.prototype.slice.call(redline.querySelectorAll(SECTION));
    var table = redline.querySelector(":scope > .ld-purposes-change"); // the table outside any section
    if (table) holders.push(table);
    holders.forEach(function (holder) {
      var body = [];
      var parts = holder.matches(SECTION) ? holder.children : [table];
      Array.prototype.forEach.call(parts, function (child) {
        if (!child.matches(OUTSIDE_BODY)) body.push(child);
      });
      if (!body.length) return;
      var inline = document.createElement("div");
      inline.className = "ld-inline-body";
      body[0].before(inline);
      body.forEach(function (child) {
        inline.append(child);
      });
      var columns = document.createElement("div");
      columns.className = "ld-side-body";
      var head = document.createElement("div");
      head.className = "ld-side-row ld-side-head";
      head.setAttribute("aria-hidden", "true"); // each cell says it again to a screen reader
      head.append(cell("", document.createTextNode(t("Before"))), cell("", document.createTextNode(t("After"))));
      columns.append(head);
      body.forEach(function (child) {
        var row = document.createElement("div");
        if (child.matches(WHOLE)) {
          row.className = "ld-side-full"; // already before and after, cell by cell
          row.append(side(child, null));
          columns.append(row);
          return;
        }
        row.className = "ld-side-row";
        row.append(cell(t("Before"), side(child, ONLY_NEW)), cell(t("After"), side(child, ONLY_OLD)));
        if (!child.matches(CHANGED) && !child.querySelector(CHANGED)) {
          // The same on both sides: said once to a screen reader, shown once on a phone.
          row.classList.add("ld-side-same");
          row.lastChild.setAttribute("aria-hidden", "true");
          columns.append(row);
          return;
        }
        row.querySelectorAll(".ld-side-cell").forEach(function (c) {
          // A table may be wider than its column: it scrolls, so the keyboard must reach it.
          if (c.querySelector("table")) {
            c.tabIndex = 0;
            c.setAttribute("role", "group");
            c.setAttribute("aria-label", c.getAttribute("data-label"));
          }
          if (c.hasChildNodes()) {
            var said = document.createElement("span");
            said.className = "ld-visually-hidden";
            said.textContent = c.getAttribute("data-label") + ": ";
            c.prepend(said);
          }
        });
        columns.append(row);
      });
      inline.after(columns);
    });
    redline.setAttribute("data-ld-side", "built");
  }

  function redlines() {
    return document.querySelectorAll(".ld-redline[data-ld-enhanced]");
  }

  function summary(show) {
    if (show === "all") return "";
    var sections = document.querySelectorAll(".ld-redline[data-ld-enhanced] " + SECTION);
    var visible = Array.prototype.filter.call(sections, function (s) {
      return getComputedStyle(s).display !== "none";
    }).length;
    var what = { added: "with additions.", removed: "with removals.", changed: "that changed." }[show];
    return t("{shown} of {total} sections shown: only those " + what, { shown: visible, total: sections.length });
  }

  function apply(redline, state) {
    if (state.view === "side" && !redline.hasAttribute("data-ld-side")) sideBySide(redline);
    redline.setAttribute("data-ld-view", state.view);
    redline.setAttribute("data-ld-show", state.show);
  }

  /** The page's one set of choices shows the state, and says what the filter hides in all its redlines. */
  function showState(state) {
    if (!bar || !bar.isConnected) return;
    bar.querySelectorAll("input[data-choice]").forEach(function (input) {
      input.checked = input.value === state[input.getAttribute("data-choice")];
    });
    bar.querySelector(".ld-views-status").textContent = summary(state.show);
  }

  function applyAll() {
    var state = chosen();
    redlines().forEach(function (r) {
      apply(r, state);
    });
    showState(state);
  }

  /** Where the choices go: above the first redline, or, where a page has several (a section's
   * history, one per version), above the part of the page that holds them all. */
  function place(first) {
    var all = Array.prototype.slice.call(document.querySelectorAll(".ld-redline"));
    var node = first;
    while (
      node.parentElement &&
      !all.every(function (r) {
        return node.parentElement.contains(r);
      })
    ) {
      node = node.parentElement;
    }
    return node;
  }

  function toolbar(state) {
    var id = ++made;
    var form = document.createElement("form");
    form.className = "ld-views";
    form.setAttribute("aria-label", t("How to show the changes"));
    form.append(group("view", "View", VIEWS, state.view, id), group("show", "Show", SHOWS, state.show, id));
    var status = document.createElement("p");
    status.className = "ld-views-status";
    status.setAttribute("role", "status");
    form.append(status);
    form.addEventListener("change", function (event) {
      var input = event.target;
      if (!input.matches("input[data-choice]")) return;
      remember(input.getAttribute("data-choice"), input.value);
      applyAll();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    return form;
  }

  /** One set of choices per page, for all its redlines: made with the first, kept for the others
   * (the compare page replaces its redline, and the choices with it). */
  function enhance(redline) {
    if (redline.hasAttribute("data-ld-enhanced")) return;
    redline.setAttribute("data-ld-enhanced", "");
    var state = chosen();
    mark(redline);
    if (!bar || !bar.isConnected) {
      bar = toolbar(state);
      place(redline).before(bar);
    }
    apply(redline, state);
    showState(state);
  }

  function enhanceWithin(root) {
    if (root.matches && root.matches(".ld-redline")) enhance(root);
    root.querySelectorAll(".ld-redline").forEach(enhance);
  }

  window.LegalDocsViews = { enhance: enhance };
  document.addEventListener("legaldocs:redline", function (event) {
    enhanceWithin(event.detail || document);
  });
  enhanceWithin(document);
})();
