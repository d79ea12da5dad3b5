  /*
   * The words of legaldocs' page scripts (at.js, compare.js, views.js), written into each where it
   * says "legaldocs:words" as the site is built (plugin.py), so that the three share one copy and
   * still run in any order: a page loads its own script before the theme's extra_javascript.
   */
  /** A phrase in the site's language (head.html writes them, #ld-words), else as written here. */
  var WORDS = (function () {
    try {
      var given = document.getElementById("ld-words");
      return given ? JSON.parse(given.textContent) : {};
    } catch (unreadable) {
      return {};
    }
  })();
  function t(phrase, fields) {
    var text = typeof WORDS[phrase] === "string" ? WORDS[phrase] : phrase;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return fields && Object.prototype.hasOwnProperty.call(fields, name) ? String(fields[name]) : whole;
    });
  }
