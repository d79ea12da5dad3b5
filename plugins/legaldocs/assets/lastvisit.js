/*
 * "Since your last visit": the current page remembers, in this browser only, which version of the
 * document its reader saw (localStorage, key "legaldocs:seen:<site path><doc>"; no cookie, nothing is sent).
 * On a later visit, when a newer version is in force, the notice written hidden by
 * templates/lastvisit.html is shown, linking to the redline from the remembered version to the
 * text in force. Every address and date comes from the page's data attributes: this script builds
 * none. A reader who has never visited, or whose browser keeps nothing, sees nothing.
 */
(function () {
  "use strict";

  var PREFIX = "legaldocs:seen:";
  // Two sites on one origin (project pages, preview hosts) must not share what a reader saw: the key
  // holds the site's own path, from this script's address (<site>/assets/lastvisit.js): at the root
  // of a host it is "", so the key is "legaldocs:seen:<doc>"; under /policies/ "legaldocs:seen:policies/<doc>".
  var SITE = (function () {
    var src = document.currentScript && document.currentScript.src;
    var tail = "assets/lastvisit.js";
    if (!src || src.indexOf(tail, src.length - tail.length) < 0) return "";
    return new URL(src.slice(0, src.length - tail.length)).pathname.replace(/^\//, "");
  })();

  function offer(box) {
    var doc = box.getAttribute("data-ld-doc");
    var current = box.getAttribute("data-ld-version");
    var key = PREFIX + SITE + doc;
    var seen = null;
    try {
      seen = window.localStorage.getItem(key);
      window.localStorage.setItem(key, current);
    } catch (e) {
      return; // storage refused (private mode, a policy): nothing is remembered, nothing is offered
    }
    var offers;
    try {
      offers = JSON.parse(box.getAttribute("data-ld-since") || "{}");
    } catch (e) {
      return;
    }
    if (!seen || seen === current || !Object.prototype.hasOwnProperty.call(offers, seen)) return;
    var link = box.querySelector(".ld-lastvisit-link");
    var date = box.querySelector(".ld-lastvisit-date");
    if (!link || !date) return;
    link.setAttribute("href", offers[seen].href);
    date.textContent = offers[seen].date;
    date.setAttribute("datetime", seen); // a version's slug is its effective date
    box.hidden = false;
  }

  function run() {
    var boxes = document.querySelectorAll(".ld-lastvisit[data-ld-doc]");
    for (var i = 0; i < boxes.length; i++) offer(boxes[i]);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run); // Material's instant navigation replaces the page without a load
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
