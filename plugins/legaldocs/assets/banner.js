/* legaldocs: the dismissible banner of a document's current page.
 *
 * Loaded in <head>, so a banner the reader dismissed is hidden before it is drawn. The key
 * (legaldocs:dismissed:<doc>:<version>) names the version, so the next version shows again.
 * Only localStorage is used: no cookie, nothing is sent anywhere. Where storage is unavailable
 * the banner still hides for this page view. Without JavaScript the button stays hidden.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var written = script && script.getAttribute("data-ld-dismiss-key");
  if (!written) return;
  var key = written;
  // Two sites on one origin must not share dismissals: the key holds the site's own path, from this
  // script's address (<site>/assets/banner.js); "" at the root of a host, so the key stays as written.
  var tail = "assets/banner.js";
  if (script.src && script.src.indexOf(tail, script.src.length - tail.length) >= 0) {
    var site = new URL(script.src.slice(0, script.src.length - tail.length)).pathname.replace(/^\//, "");
    key = key.replace(/^legaldocs:dismissed:/, "legaldocs:dismissed:" + site);
  }
  var root = document.documentElement;
  function dismissed() {
    try { return window.localStorage.getItem(key) !== null; } catch (e) { return false; }
  }
  if (dismissed()) root.classList.add("ld-banner-dismissed");
  function wire() {
    var banners = document.querySelectorAll(".ld-announce");
    for (var i = 0; i < banners.length; i++) {
      var banner = banners[i];
      if (banner.getAttribute("data-ld-dismiss-key") !== written) continue;
      var button = banner.querySelector(".ld-announce__dismiss");
      if (!button) continue;
      button.hidden = false;
      button.addEventListener("click", function () {
        try { window.localStorage.setItem(key, new Date().toISOString().slice(0, 10)); } catch (e) { /* private mode */ }
        root.classList.add("ld-banner-dismissed");
        // Focus would be lost with the button: give it to the page's main heading.
        var heading = document.querySelector("main h1, h1");
        if (heading) {
          heading.setAttribute("tabindex", "-1");
          heading.focus();
        }
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
