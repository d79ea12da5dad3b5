/*
 * The browser's redline engine (assets/redline.js) under Node, for the parity tests (tests/jsengine.py).
 *
 * One process serves a whole test module: each line on stdin is one JSON request, answered by one
 * JSON line on stdout. The engine is loaded as the page loads it, a plain script, as the site
 * publishes it (redline_rules.script: redline.js with its rules written in; tests/jsengine.py). Its
 * render() builds each inserted or reformatted block in an inert <template>: Node has no DOM, so
 * `document` is jsdom's (Debian's node-jsdom, a standard HTML parser and DOM), when it is installed.
 */
"use strict";

const fs = require("fs");
const readline = require("readline");
const vm = require("vm");

const script = process.argv[2];
let dom = "";
try {
  const { JSDOM } = require("jsdom");
  globalThis.document = new JSDOM("<!doctype html><title>engine</title>").window.document;
} catch (error) {
  dom = String(error && error.message ? error.message : error).split("\n")[0];
}
vm.runInThisContext(fs.readFileSync(script, "utf8"), { filename: script });
const R = globalThis.LegalDocsRedline;

function attempt(work) {
  try {
    return { ok: work() };
  } catch (error) {
    return { error: String((error && error.stack) || error) };
  }
}

/** One request: {op: "compare", versions, pairs: [[i, j]], html, words} | {op: "diff", texts} | {op: "matches", lists}. */
function answer(request) {
  switch (request.op) {
    case "hello":
      return { engine: typeof R, dom: dom };
    case "compare":
      return request.pairs.map(([i, j]) =>
        attempt(() => {
          const change = R.compare(request.versions[i], request.versions[j]);
          if (!request.html) return { change: change };
          const words = request.words || null;
          return {
            change: change,
            html: [R.render(change, { words: words }), R.render(change, { hideMinor: true, words: words })],
          };
        }),
      );
    case "diff":
      return request.texts.map(([a, b]) => attempt(() => R.diff(a, b)));
    case "matches":
      return request.lists.map(([a, b]) => attempt(() => R.matches(a, b)));
    default:
      throw new Error("unknown request " + request.op);
  }
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  process.stdout.write(JSON.stringify(answer(JSON.parse(line))) + "\n");
});
