/*
 * The point-in-time page: which version, and which revision of it, was in force on a day. The day
 * comes from the address (?date=YYYY-MM-DD) or the form, which rewrites the address
 * (history.replaceState). The answer comes from versions.json, as inforce.on_day works it out in
 * Python (`legaldocs at`): the last version effective on or before the day; within it, the last
 * revision committed on or before the day (r1 where none was yet). A day before the first version,
 * and a day after the build date (an upcoming version's included), are said as such. Nothing is sent
 * anywhere: one relative URL of the same static site. Its words are the page's (#ld-words, written by
 * head.html in the site's language). Without this script the page lists every version's dates.
 */
(function () {
  "use strict";

  /* legaldocs:words (assets/words.js is written here as the site is built: WORDS and t) */

  var page = document.querySelector(".ld-at");
  if (!page || !window.fetch || !window.URL) return;
  var form = page.querySelector(".ld-at-form");
  var input = page.querySelector("#ld-at-date");
  var result = page.querySelector(".ld-at-result");
  var built = page.getAttribute("data-built");
  var source = new URL(page.getAttribute("data-versions"), window.location.href);
  var loading = null;
  /* A translation's page: effective date → the page of that version's translation. The answer is the
     SOURCE's (versions.json above is the source's): a translation's status is always its source's. */
  var translated = page.hasAttribute("data-translated") ? JSON.parse(page.getAttribute("data-translated")) : null;
  page.querySelector(".ld-at-nojs").hidden = true;
  form.hidden = false;

  /** A day written out as the pages write it (dates.long_date: "25 May 2018", "1. Februar 2024"). */
  var lang = (document.documentElement.lang || "en").replace("_", "-");
  var format = new Intl.DateTimeFormat(lang === "en" || lang.indexOf("en-") === 0 ? "en-GB" : lang, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  function long(iso) {
    return format.format(new Date(iso + "T00:00:00Z"));
  }

  /** Whether a string is a real day, written YYYY-MM-DD. */
  function isDay(value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var d = new Date(value + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }

  /** What was in force on ``day``: as inforce.on_day, from versions.json's versions (oldest first). */
  function onDay(versions, day) {
    var i = 0;
    while (i < versions.length && versions[i].effective <= day) i++;
    if (i === 0) return { state: "before", following: versions[0] || null };
    var version = versions[i - 1];
    var number = 1;
    version.revisions.forEach(function (revision, n) {
      if (revision.date.slice(0, 10) <= day) number = n + 1;
    });
    var state = day > built || version.status === "upcoming" ? "to come" : "in force";
    return { state: state, version: version, number: number };
  }

  function paragraph(sentence, link, href) {
    var p = document.createElement("p");
    p.className = "ld-at-answer";
    p.textContent = sentence && href ? sentence + " " : sentence;
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = link;
      p.appendChild(a);
    }
    return p;
  }

  function say(sentence, link, href) {
    result.replaceChildren(paragraph(sentence, link, href));
  }

  /** On a translation's page: that version's translation, or that it has none, the latest before it and
      since when the translation lags (as `legaldocs at --document <doc>/<lang>`). */
  function translation(version) {
    if (!translated) return;
    var own = translated[version.effective];
    if (own) return result.appendChild(paragraph("", t("Its translation"), own));
    result.appendChild(paragraph(t("The version effective {date} is not translated yet.", { date: long(version.effective) })));
    var before = Object.keys(translated)
      .filter(function (day) {
        return day < version.effective;
      })
      .sort()
      .pop();
    if (before) {
      result.appendChild(
        paragraph(t("This translation is of the version effective {date}.", { date: long(before) }), t("Read that text"), translated[before]),
      );
    }
    result.appendChild(paragraph(t("The translation lags since {date}.", { date: long(version.effective) })));
  }

  function answer(data, day) {
    var versions = data.versions || [];
    if (!versions.length) return say(t("No version of this document is published yet."));
    var found = onDay(versions, day);
    var address = function (url) {
      return new URL(url, source).href;
    };
    if (found.state === "before") {
      return say(
        t("On {date} no version was in force yet: the first took effect on {effective}.", {
          date: long(day),
          effective: long(found.following.effective),
        }),
        t("Read the first version"),
        address(found.following.url),
      );
    }
    var version = found.version;
    var revision = version.revisions[found.number - 1];
    var href = address(revision.url || version.url);
    var fields = { date: long(day), effective: long(version.effective), n: found.number, built: long(built) };
    if (found.state === "to come") {
      say(
        t(
          "{date} is after this site was built on {built}. As published then, the version effective {effective} will be in force that day (its revision {n}), unless a newer version is published before it.",
          fields,
        ),
        t("Read that text"),
        href,
      );
    } else {
      say(t("On {date} the version effective {effective} was in force, in its revision {n}.", fields), t("Read that text"), href);
    }
    translation(version);
  }

  function show(day) {
    if (!day) return result.replaceChildren();
    if (!isDay(day)) return say(t("“{date}” is not a day: write it as YYYY-MM-DD, e.g. 2021-06-30.", { date: day }));
    loading =
      loading ||
      fetch(source.href).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      });
    loading.then(
      function (data) {
        answer(data, day);
      },
      function (error) {
        loading = null;
        say(t("The list of versions could not be loaded ({error}). Each version's dates are listed below.", { error: error.message }));
      },
    );
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var address = new URL(window.location.href);
    address.searchParams.set("date", input.value);
    window.history.replaceState(null, "", address.href);
    show(input.value);
  });

  var asked = new URL(window.location.href).searchParams.get("date");
  if (asked) {
    if (isDay(asked)) input.value = asked;
    show(asked);
  }
})();
