/*
 * The compare page: two pickers, and the redline of the pair computed here by redline.js from the
 * two versions' data (route "compare-data"), fetched when first chosen and kept for the visit.
 * A slug is a version's effective date (its latest text), "<date>/r<n>" for one of its revisions,
 * or "proposed". The address says the pair (?from=<slug>&to=<slug>): opening it shows that pair, choosing in the
 * pickers rewrites it (history.replaceState), keeping any other parameter (view, show). Nothing
 * is sent anywhere: relative URLs to files of the same static site. Its words are the page's
 * (#ld-words, written by head.html in the site's language). Without this script the page
 * says so and lists each version's precomputed changes pages.
 */
(function () {
  "use strict";

  /* legaldocs:words (assets/words.js is written here as the site is built: WORDS and t) */

  var page = document.querySelector(".ld-compare");
  var engine = window.LegalDocsRedline;
  if (!page || !engine || !window.fetch) return;

  var form = page.querySelector(".ld-compare-form");
  var from = page.querySelector("#ld-compare-from");
  var to = page.querySelector("#ld-compare-to");
  var status = page.querySelector(".ld-compare-status");
  var result = page.querySelector(".ld-compare-result");
  var loaded = new Map(); // data address -> Promise of the parsed data
  var shown = 0; // the latest request wins: an earlier, slower fetch never replaces it

  // The page holds the list once (versions, and a corrected version's revisions in its <optgroup>).
  // One child at a time: replaceChildren.apply would pass every version as an argument of one call.
  to.replaceChildren();
  for (var c = 0; c < from.children.length; c++) to.appendChild(from.children[c].cloneNode(true));
  page.querySelector(".ld-compare-nojs").hidden = true;
  form.hidden = false;

  function option(select, slug) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === slug) return select.options[i];
    }
    return null;
  }

  /** Where a choice stands in time: its date, then its revision (a version's latest text is its last revision). */
  function when(choice) {
    var value = choice.value;
    if (value === "proposed") return ["~", Infinity]; // after every date
    var parts = value.split("/r");
    if (parts.length === 2) return [parts[0], Number(parts[1])];
    var last = 0;
    for (var i = 0; i < from.options.length; i++) {
      var other = from.options[i].value.split("/r");
      if (other.length === 2 && other[0] === value) last = Math.max(last, Number(other[1]));
    }
    return [value, last];
  }

  /** A pair chosen newer first: the redline then runs backwards in time, which the page says. */
  function reversed(old, neu) {
    var a = when(old), b = when(neu);
    return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
  }

  function data(choice) {
    var src = choice.getAttribute("data-src");
    if (!loaded.has(src)) {
      var request = fetch(src, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
      request.catch(function () {
        loaded.delete(src); // try again on the next choice
      });
      loaded.set(src, request);
    }
    return loaded.get(src);
  }

  function address() {
    var url = new URL(window.location.href);
    url.searchParams.set("from", from.value);
    url.searchParams.set("to", to.value);
    window.history.replaceState(window.history.state, "", url);
  }

  function say(text) {
    status.textContent = text;
  }

  function link(choice) {
    var a = document.createElement("a");
    a.href = choice.getAttribute("data-page");
    a.textContent = choice.textContent;
    return a;
  }

  /** Links to a place in the text (a cross-reference) lead to the version that has it. */
  function anchors(root, choice) {
    var links = root.querySelectorAll('a[href^="#"]');
    for (var i = 0; i < links.length; i++) {
      var id = links[i].getAttribute("href").slice(1);
      try {
        id = decodeURIComponent(id);
      } catch (malformed) {
        // a stray "%": look the address up as it is written
      }
      if (!document.getElementById(id)) links[i].setAttribute("href", choice.getAttribute("data-page") + "#" + id);
    }
  }

  function show() {
    var old = from.options[from.selectedIndex], neu = to.options[to.selectedIndex];
    var request = ++shown;
    address();
    result.setAttribute("aria-busy", "true");
    status.classList.remove("ld-visually-hidden");
    say(t("Loading the two versions…"));
    Promise.all([data(old), data(neu)]).then(
      function (pair) {
        if (request !== shown) return;
        performance.mark("ld-compare-start");
        var html = engine.render(engine.compare(pair[0], pair[1]), { words: WORDS });
        var heading = document.createElement("h2");
        heading.className = "ld-compare-pair";
        t("From {old} to {new}")
          .split(/(\{old\}|\{new\})/)
          .forEach(function (part) {
            heading.append(part === "{old}" ? link(old) : part === "{new}" ? link(neu) : part);
          });
        var box = document.createElement("div");
        box.innerHTML = html;
        anchors(box, neu);
        var shownNow = [heading];
        if (reversed(old, neu)) {
          var hint = document.createElement("p");
          hint.className = "ld-notice ld-compare-reversed";
          hint.setAttribute("role", "note");
          hint.textContent = t(
            "Backwards in time: {old} is newer than {new}, so what the newer text added shows as removed. Swap them to see the changes in order.",
            { old: old.textContent, new: neu.textContent }
          );
          shownNow.push(hint);
        }
        shownNow.push(box.firstChild);
        result.replaceChildren.apply(result, shownNow);
        result.removeAttribute("aria-busy");
        result.setAttribute("data-pair", old.value + " " + neu.value); // what is shown, for tests and styles
        say(
          old.value === neu.value
            ? t("The same version on both sides: nothing changed.")
            : t("Showing the changes from {old} to {new}.", { old: old.textContent, new: neu.textContent })
        );
        // The heading above the redline says the pair: the line stays for screen readers, which hear it
        // when it changes, and is not shown twice to the eye.
        status.classList.toggle("ld-visually-hidden", old.value !== neu.value);
        document.dispatchEvent(new CustomEvent("legaldocs:redline", { detail: result })); // views.js
        performance.mark("ld-compare-end");
        performance.measure("ld-compare", "ld-compare-start", "ld-compare-end"); // benchmarks/compare_browser.py
      },
      function (error) {
        if (request !== shown) return;
        result.removeAttribute("aria-busy");
        result.replaceChildren();
        status.classList.remove("ld-visually-hidden");
        say(
          t("The versions could not be loaded ({error}). Each version's changes are listed below.", {
            error: error.message,
          })
        );
      }
    );
  }

  var params = new URLSearchParams(window.location.search);
  var unknown = [];
  [
    [from, params.get("from"), page.getAttribute("data-default-from")],
    [to, params.get("to"), page.getAttribute("data-default-to")],
  ].forEach(function (pick) {
    var wanted = pick[1] && option(pick[0], pick[1]);
    if (pick[1] && !wanted) unknown.push(pick[1]);
    pick[0].value = (wanted || option(pick[0], pick[2]) || pick[0].options[0]).value;
  });

  from.addEventListener("change", show);
  to.addEventListener("change", show);
  page.querySelector(".ld-compare-swap").addEventListener("click", function () {
    var was = from.value;
    from.value = to.value;
    to.value = was;
    show();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show();
  });
  show();
  if (unknown.length) {
    var note = document.createElement("p");
    note.className = "ld-compare-unknown";
    note.setAttribute("role", "alert");
    note.textContent = unknown
      .map(function (slug) {
        return t("There is no version {version} here: choose from the lists.", { version: slug });
      })
      .join(" ");
    form.after(note);
  }
})();
