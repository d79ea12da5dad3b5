/*
 * The redline engine in the browser: a port of tokens.py, redline.py and redline_html.py.
 *
 * compare(oldData, newData) takes two versions as compare_data.version_data writes them and
 * returns the change model of redline.compare(...).to_dict(), field for field; render(change,
 * options) returns the HTML of redline_html.change_html. The rules (tokeniser, matching, grouping,
 * pairing, tie-breaks) are those written down in the docstrings of tokens.py and redline.py:
 * change them only together. No dependencies, no network; loaded with a plain <script src>, it
 * sets window.LegalDocsRedline.
 *
 * Every threshold, limit, name, table and phrase both engines share is Python's, in
 * redline_rules.RULES: redline_rules.script() writes it into RULES below when the site is built
 * (and for the tests), so this file holds no copy of them. It runs only as built.
 */
(function (root) {
  "use strict";

  var RULES = /* redline_rules.RULES */ null;
  if (!RULES) throw new Error("LegalDocsRedline: run as built, with redline_rules.RULES written in");

  // --- tokens.py ------------------------------------------------------------------------------

  var REF_OPEN = RULES.ref[0], REF_CLOSE = RULES.ref[1];
  // Python's \s (str.isspace) and \w (str.isalnum or "_"), not JavaScript's.
  var WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var W = "\\p{L}\\p{N}_";
  // Rule 6: the tokens that, with white space, make a change "punctuation only".
  var PUNCTUATION_MARKS = new Set(Array.from(RULES.punctuation));
  function unicodeClass(chars) {
    return Array.from(chars)
      .map(function (c) {
        return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
      })
      .join("");
  }
  var PUNCTUATION_CLASS = unicodeClass(PUNCTUATION_MARKS);
  // Rule 2: a run of \w with a sign that touches a digit of it (Python's \d is \p{Nd}).
  var SIGN = "[" + unicodeClass(RULES.signs) + "]";
  var RUN = "(?:" + SIGN + "(?=\\p{Nd}))?[" + W + "]+(?:(?<=\\p{Nd})" + SIGN + "(?!\\p{Nd}))?";
  var REF_OPEN_CLASS = unicodeClass(REF_OPEN), REF_CLOSE_CLASS = unicodeClass(REF_CLOSE);
  var REF_TOKEN = REF_OPEN_CLASS + "[^" + REF_OPEN_CLASS + REF_CLOSE_CLASS + "]*" + REF_CLOSE_CLASS;
  var TOKEN = new RegExp(REF_TOKEN + "|" + RUN + "|[" + WS + "]+|[^" + W + WS + "]", "gu");
  var WORD = new RegExp(REF_TOKEN + "|" + RUN + "|[^" + W + WS + PUNCTUATION_CLASS + "]", "gu");
  var REF = new RegExp(REF_OPEN_CLASS + "([^" + REF_OPEN_CLASS + REF_CLOSE_CLASS + "]*)" + REF_CLOSE_CLASS, "g");
  var LINE_BREAK_SPACE = new RegExp("[" + WS + "]*\\n[" + WS + "]*", "g");
  var STRIP = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");
  var IS_SPACE = new RegExp("^[" + WS + "]", "u");
  var SHORT = RULES.short, MAX_TOKENS = RULES.max_tokens;
  var FORMAT = RULES.format; // compare_data.FORMAT
  var EQUAL = RULES.ops.equal, CHANGE = RULES.ops.change;
  var T_UNCHANGED = RULES.kinds.unchanged, WHITESPACE = RULES.kinds.whitespace;
  var PUNCTUATION = RULES.kinds.punctuation, WORDS = RULES.kinds.words, REPLACED = RULES.kinds.replaced;

  function normalise(text) {
    return text.replace(LINE_BREAK_SPACE, " ").replace(STRIP, "");
  }

  function shown(text, refs) {
    if (text.indexOf(REF_OPEN) < 0) return text;
    return text.replace(REF, function (_, id) {
      return Object.prototype.hasOwnProperty.call(refs, id) ? refs[id] : id;
    });
  }

  function tokenise(text) {
    return text.match(TOKEN) || [];
  }

  /** Rule 6: anything but white space and punctuation. */
  function isWord(token) {
    return !PUNCTUATION_MARKS.has(token) && !isSpace(token);
  }

  function isSpace(token) {
    return IS_SPACE.test(token);
  }

  function words(text) {
    return text.match(WORD) || [];
  }

  function wordCount(text) {
    return words(text).length;
  }

  // Rule 8: the invisible characters, as tokens.INVISIBLE_RANGES lists them.
  var INVISIBLE_RANGES = RULES.invisible;
  var INVISIBLE = new RegExp(
    "[" +
      INVISIBLE_RANGES.map(function (r) {
        var a = "\\u{" + r[0].toString(16) + "}";
        return r[0] === r[1] ? a : a + "-\\u{" + r[1].toString(16) + "}";
      }).join("") +
      "]",
    "gu"
  );
  var INVISIBLE_NAMES = RULES.invisible_names;
  // Rule 9: letter -> [its Latin twin, its script], as tokens.LOOKALIKES.
  var LOOKALIKES = new Map();
  RULES.lookalikes.forEach(function (entry) {
    LOOKALIKES.set(entry[0], [entry[1], entry[2]]);
  });
  var LATIN = RULES.latin;

  function codePoint(char) {
    return "U+" + char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  }

  /** tokens.mark: what a redline shows in place of an invisible character. */
  function mark(char) {
    return "\u27e8" + (INVISIBLE_NAMES[char] || codePoint(char)) + "\u27e9";
  }

  /** tokens.lookalikes: the letters that changed, as [letter, script], where nothing else did; else []. */
  function lookalikes(old, neu) {
    var a = Array.from(old), b = Array.from(neu);
    if (old === neu || a.length !== b.length) return [];
    var changed = [], seen = new Set();
    for (var i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      var x = LOOKALIKES.get(a[i]) || [a[i], LATIN], y = LOOKALIKES.get(b[i]) || [b[i], LATIN];
      if (x[0] !== y[0]) return [];
      if (!seen.has(b[i] + "\x00" + y[1])) {
        seen.add(b[i] + "\x00" + y[1]);
        changed.push([b[i], y[1]]);
      }
    }
    return changed;
  }

  /** Length in code points, as Python's len. */
  function cpLength(text) {
    var n = text.length;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) n--;
      }
    }
    return n;
  }

  function tokensLength(list) {
    var n = 0;
    for (var i = 0; i < list.length; i++) n += cpLength(list[i]);
    return n;
  }

  // The longest common subsequence, as rapidfuzz's LCSseq_py.editops chooses it (tokens rule 3):
  // Hyyrö's bit-parallel matrix in 32-bit words, walked back from the end.

  function codes(a, b) {
    var ids = new Map(), x = new Int32Array(a.length), y = new Int32Array(b.length);
    function id(v) {
      var found = ids.get(v);
      if (found === undefined) {
        found = ids.size;
        ids.set(v, found);
      }
      return found;
    }
    for (var i = 0; i < a.length; i++) x[i] = id(a[i]);
    for (var j = 0; j < b.length; j++) y[j] = id(b[j]);
    return [x, y, ids.size];
  }

  /**
   * Bit masks of where each symbol occurs in s1, words of 32 bits: only for the symbols of s2, the
   * only ones looked up (a version of 100,000 blocks against one of one needs one mask, not 100,000).
   */
  function masks(s1, start, end, s2, nwords) {
    var wanted = new Set(s2);
    var table = new Map();
    for (var i = start; i < end; i++) {
      if (!wanted.has(s1[i])) continue;
      var m = table.get(s1[i]);
      if (!m) {
        m = new Uint32Array(nwords);
        table.set(s1[i], m);
      }
      var bit = i - start;
      m[bit >>> 5] |= 1 << (bit & 31);
    }
    return table;
  }

  /** One row of Hyyrö's recurrence: S = (S + u) | (S - u), u = S & matches; S - u is S ^ u. */
  function step(S, m, nwords) {
    var carry = 0;
    for (var w = 0; w < nwords; w++) {
      var s = S[w], u = m ? (s & m[w]) >>> 0 : 0;
      var sum = s + u + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      S[w] = ((sum >>> 0) | (s ^ u)) >>> 0;
    }
  }

  function initial(len, nwords) {
    var S = new Uint32Array(nwords);
    for (var w = 0; w < nwords; w++) {
      var bits = Math.min(32, len - 32 * w);
      S[w] = bits >= 32 ? 0xffffffff : ((1 << bits) - 1) >>> 0;
    }
    return S;
  }

  function zeros(S, len) {
    var n = 0;
    for (var bit = 0; bit < len; bit++) if (!(S[bit >>> 5] & (1 << (bit & 31)))) n++;
    return n;
  }

  /** LCSseq.similarity: the length of the longest common subsequence. */
  function lcsLength(a, b) {
    var c = codes(a, b), x = c[0], y = c[1];
    var p = 0, s = 0;
    while (p < x.length && p < y.length && x[p] === y[p]) p++;
    while (s < x.length - p && s < y.length - p && x[x.length - 1 - s] === y[y.length - 1 - s]) s++;
    var len = x.length - p - s;
    if (len === 0) return p + s;
    var nwords = (len + 31) >>> 5, table = masks(x, p, x.length - s, y.subarray(p, y.length - s), nwords);
    var S = initial(len, nwords);
    for (var j = p; j < y.length - s; j++) step(S, table.get(y[j]), nwords);
    return p + s + zeros(S, len);
  }

  /** Indel.opcodes' equal runs, as [start in a, start in b, length]. */
  function matches(a, b) {
    var c = codes(a, b), x = c[0], y = c[1];
    var prefix = 0, suffix = 0;
    while (prefix < x.length && prefix < y.length && x[prefix] === y[prefix]) prefix++;
    while (
      suffix < x.length - prefix &&
      suffix < y.length - prefix &&
      x[x.length - 1 - suffix] === y[y.length - 1 - suffix]
    )
      suffix++;
    var len1 = x.length - prefix - suffix, len2 = y.length - prefix - suffix;
    var ops = []; // [tag, src_pos, dest_pos], tag 0 delete, 1 insert
    var nwords = (len1 + 31) >>> 5;
    var table = len1 > 0 && len2 > 0 ? masks(x, prefix, prefix + len1, y.subarray(prefix, prefix + len2), nwords) : null;
    // With no symbol in common, the matrix (len1 × len2 bits) would only say so: the else branch does.
    if (table && table.size) {
      var S = initial(len1, nwords);
      var matrix = new Uint32Array(nwords * len2);
      for (var j = 0; j < len2; j++) {
        step(S, table.get(y[prefix + j]), nwords);
        matrix.set(S, j * nwords);
      }
      var sim = zeros(S, len1);
      var dist = len1 + len2 - 2 * sim;
      var bitAt = function (row, col) {
        return matrix[row * nwords + (col >>> 5)] & (1 << (col & 31));
      };
      var col = len1, row = len2;
      ops.length = dist;
      while (row !== 0 && col !== 0) {
        if (bitAt(row - 1, col - 1)) {
          dist--;
          col--;
          ops[dist] = [0, col + prefix, row + prefix];
        } else {
          row--;
          if (row && !bitAt(row - 1, col - 1)) {
            dist--;
            ops[dist] = [1, col + prefix, row + prefix];
          } else {
            col--;
          }
        }
      }
      while (col !== 0) {
        dist--;
        col--;
        ops[dist] = [0, col + prefix, row + prefix];
      }
      while (row !== 0) {
        dist--;
        row--;
        ops[dist] = [1, col + prefix, row + prefix];
      }
    } else {
      for (var i = 0; i < len1; i++) ops.push([0, prefix + i, prefix]);
      for (var k = 0; k < len2; k++) ops.push([1, prefix + len1, prefix + k]);
    }
    // Editops.as_opcodes, equal runs only.
    var found = [], src = 0, dest = 0;
    for (var n = 0; n < ops.length; n++) {
      var op = ops[n];
      if (src < op[1] || dest < op[2]) {
        found.push([src, dest, op[1] - src]);
        src = op[1];
        dest = op[2];
      }
      if (op[0] === 0) src++;
      else dest++;
    }
    if (src < x.length || dest < y.length) found.push([src, dest, x.length - src]);
    return found.filter(function (m) {
      return m[2] > 0;
    });
  }

  function similarity(a, b) {
    if (!a.length && !b.length) return 1.0;
    return (2 * lcsLength(a, b)) / (a.length + b.length);
  }

  function segment(op, old, neu, kind) {
    return { op: op, old: old, new: neu, kind: kind || "" };
  }

  function changeKind(old, neu) {
    var f = function (t) {
      return !isSpace(t);
    };
    if (same(old.filter(f), neu.filter(f))) return WHITESPACE;
    if (same(old.filter(isWord), neu.filter(isWord))) return PUNCTUATION;
    return WORDS;
  }

  function same(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function finish(segments, added, removed) {
    var kinds = new Set();
    segments.forEach(function (s) {
      if (s.op === CHANGE) kinds.add(s.kind);
    });
    var kind;
    if (!kinds.size) kind = T_UNCHANGED;
    else if (kinds.size === 1 && kinds.has(WHITESPACE)) kind = WHITESPACE;
    else if (!kinds.has(WORDS)) kind = PUNCTUATION;
    else kind = WORDS;
    if (added === undefined) {
      added = removed = 0;
      segments.forEach(function (s) {
        if (s.op === CHANGE) {
          added += wordCount(s.new);
          removed += wordCount(s.old);
        }
      });
    }
    return { segments: segments, kind: kind, words_added: added, words_removed: removed };
  }

  function inserted(text) {
    return finish(text ? [segment(CHANGE, "", text, WORDS)] : []);
  }

  function deleted(text) {
    return finish(text ? [segment(CHANGE, text, "", WORDS)] : []);
  }

  function diff(old, neu) {
    if (old === neu) return finish(old ? [segment(EQUAL, old, old)] : []);
    var a = tokenise(old), b = tokenise(neu);
    if (a.length + b.length > MAX_TOKENS) {
      return {
        segments: [segment(CHANGE, old, neu, changeKind(a, b))],
        kind: REPLACED,
        words_added: wordCount(neu),
        words_removed: wordCount(old),
      };
    }
    var runs = toRuns(a, b, matches(a, b));
    var added = 0, removed = 0;
    runs.forEach(function (r) {
      if (r[0] !== CHANGE) return;
      r[2].forEach(function (t) {
        if (isWord(t)) added++;
      });
      r[1].forEach(function (t) {
        if (isWord(t)) removed++;
      });
    });
    slide(runs);
    runs = group(runs);
    var segments = runs.map(function (r) {
      return r[0] === EQUAL
        ? segment(EQUAL, r[1].join(""), r[1].join(""))
        : segment(CHANGE, r[1].join(""), r[2].join(""), changeKind(r[1], r[2]));
    });
    return finish(segments, added, removed);
  }

  function toRuns(a, b, found) {
    var runs = [], i = 0, j = 0;
    found.forEach(function (m) {
      if (m[0] > i || m[1] > j) runs.push([CHANGE, a.slice(i, m[0]), b.slice(j, m[1])]);
      runs.push([EQUAL, a.slice(m[0], m[0] + m[2])]);
      i = m[0] + m[2];
      j = m[1] + m[2];
    });
    if (i < a.length || j < b.length) runs.push([CHANGE, a.slice(i), b.slice(j)]);
    return runs;
  }

  function slide(runs) {
    for (var k = 1; k < runs.length - 1; k++) {
      var run = runs[k], before = runs[k - 1], after = runs[k + 1];
      if (run[0] !== CHANGE || before[0] !== EQUAL || after[0] !== EQUAL || (run[1].length && run[2].length)) continue;
      var side = run[1].length ? 1 : 2;
      var list = run[side];
      if (isSpace(list[0]) && after[1].length && after[1][0] === list[0]) {
        before[1] = before[1].concat([list[0]]);
        run[side] = list.slice(1).concat([after[1][0]]);
        after[1] = after[1].slice(1);
      }
    }
  }

  function absorbable(equal, before, after) {
    var solid = equal.filter(function (t) {
      return !isSpace(t);
    });
    if (!solid.length) return true;
    if (solid.length === 1 && cpLength(solid[0]) <= SHORT) return true;
    var length = tokensLength(equal);
    var longer = function (run) {
      return Math.max(tokensLength(run[1]), tokensLength(run[2]));
    };
    return length <= longer(before) && length <= longer(after);
  }

  function group(runs) {
    var out = [];
    runs.forEach(function (run) {
      if (run[0] === EQUAL) {
        if (run[1].length) out.push(run);
        return;
      }
      var top = out[out.length - 1];
      if (top && top[0] === CHANGE) out[out.length - 1] = [CHANGE, top[1].concat(run[1]), top[2].concat(run[2])];
      else out.push(run);
      while (out.length >= 3 && absorbable(out[out.length - 2][1], out[out.length - 3], out[out.length - 1])) {
        var after = out.pop(), equal = out.pop(), before = out.pop();
        out.push([CHANGE, before[1].concat(equal[1], after[1]), before[2].concat(equal[1], after[2])]);
      }
    });
    return out;
  }

  // --- redline.py -----------------------------------------------------------------------------

  var SECTION_PAIRING = RULES.section_pairing, BLOCK_PAIRING = RULES.block_pairing;
  var MOVE_PAIRING = RULES.move_pairing, MOVE_MIN_WORDS = RULES.move_min_words, MAX_CANDIDATES = RULES.max_candidates;
  var STATUS = RULES.statuses;
  var UNCHANGED = STATUS.unchanged, CHANGED = STATUS.changed, INSERTED = STATUS.inserted, DELETED = STATUS.deleted;
  var MOVED_IN = STATUS.moved_in, MOVED_OUT = STATUS.moved_out, ADDED = STATUS.added, REMOVED = STATUS.removed;
  var GENERATED = RULES.generated;
  var BASIS = RULES.subjects.basis, INTEREST = RULES.subjects.interest;
  var DATA_TYPE = RULES.subjects.data_type, ACTIVITY = RULES.subjects.activity;

  function hidden(object, name, value) {
    Object.defineProperty(object, name, { value: value, enumerable: false, writable: true });
  }

  /** A block of compare_data as redline.Block's fields; what the engine derives kept out of JSON. */
  function block(data) {
    var cells = data.cl || [];
    var b = {
      kind: data.k,
      tag: data.t,
      text: cells.length ? cells.join(" | ") : data.x,
      html: data.h,
      container: data.c || "",
      group: data.g || 0,
      depth: data.d || 0,
      cells: cells.slice(),
      cell_tags: (data.ct || []).slice(),
      refs: (data.r || []).map(function (r) {
        return [r[0], r[1]];
      }),
      entry: data.e || "", // redline.Block.entry: a register's row, by its id
    };
    var refs = {};
    b.refs.forEach(function (r) {
      refs[r[0]] = r[1];
    });
    hidden(b, "_refs", refs);
    hidden(b, "_markup", typeof data.m === "string" ? data.m : normalise(b.html)); // redline._markup
    hidden(b, "_marks", (data.f || []).map(function (m) {
      return [m[0], m[1], m[2]];
    })); // redline.marks
    hidden(b, "key", b.kind + "\x00" + b.text + (b.entry ? "\x00" + b.entry : ""));
    hidden(
      b,
      "words",
      b.kind === GENERATED
        ? 0
        : (cells.length ? cells : [b.text]).reduce(function (n, c) {
            return n + wordCount(c);
          }, 0)
    );
    return b;
  }

  function section(data) {
    var label = data.l === undefined ? null : data.l;
    return { id: data.id, number: data.n, title: data.title, blocks: data.b.map(block), label: label };
  }

  /** redline.shown_number: a section's number as its page shows it, "" where it shows none. */
  function shownNumber(number, label) {
    if (number === null || number === undefined) return "";
    return label === null || label === undefined ? String(number) : label.replace(/\.+$/, "");
  }

  function blockShown(b, text) {
    return b.refs.length ? shown(text, b._refs) : text;
  }

  function sectionWords(s) {
    var found = words(s.title);
    s.blocks.forEach(function (b) {
      if (b.kind !== GENERATED) found = found.concat(words(b.text));
    });
    return found;
  }

  function byScore(x, y) {
    return y[0] - x[0] || x[1] - y[1] || x[2] - y[2];
  }

  function pairSections(old, neu) {
    var newIds = new Set(neu.map(function (s) {
      return s.id;
    }));
    var oldById = new Map(old.map(function (s) {
      return [s.id, s];
    }));
    var loneOld = old.filter(function (s) {
      return !newIds.has(s.id);
    });
    var loneNew = neu.filter(function (s) {
      return !oldById.has(s.id);
    });
    var bySimilarity = new Map();
    if (loneOld.length && loneNew.length) {
      var ow = loneOld.map(sectionWords), nw = loneNew.map(sectionWords), scored = [];
      for (var i = 0; i < loneOld.length; i++)
        for (var j = 0; j < loneNew.length; j++) scored.push([similarity(ow[i], nw[j]), i, j]);
      scored.sort(byScore);
      var usedOld = new Set();
      for (var k = 0; k < scored.length; k++) {
        var sc = scored[k];
        if (sc[0] < SECTION_PAIRING) break;
        if (usedOld.has(sc[1]) || bySimilarity.has(loneNew[sc[2]].id)) continue;
        usedOld.add(sc[1]);
        bySimilarity.set(loneNew[sc[2]].id, loneOld[sc[1]]);
      }
    }
    var pairs = [];
    neu.forEach(function (s) {
      if (oldById.has(s.id)) pairs.push([oldById.get(s.id), s, false]);
      else if (bySimilarity.has(s.id)) pairs.push([bySimilarity.get(s.id), s, true]);
      else pairs.push([null, s, false]);
    });
    var pairedOld = new Set(pairs.map(function (p) {
      return p[0];
    }));
    old.forEach(function (s) {
      if (!pairedOld.has(s)) pairs.push([s, null, false]);
    });
    return pairs;
  }

  function Ref(pair, range, index, b) {
    this.pair = pair;
    this.range = range;
    this.index = index;
    this.block = b;
    this.partner = null;
    this.moved = false;
  }

  function Blocks(pairs) {
    var self = this;
    this.pairs = pairs;
    this.oldBlocks = pairs.map(function (p) {
      return p[0] ? p[0].blocks : [];
    });
    this.newBlocks = pairs.map(function (p) {
      return p[1] ? p[1].blocks : [];
    });
    this.items = pairs.map(function (_, k) {
      return self.align(k);
    });
    var olds = [], news = [];
    // One push per block: push.apply(list, range) passes a range of 100,000 blocks as as many
    // arguments, past the call stack's limit.
    this.order(true).forEach(function (k) {
      self.items[k].forEach(function (item) {
        if (item[0] === "range") for (var i = 0; i < item[1].length; i++) olds.push(item[1][i]);
      });
    });
    this.order(false).forEach(function (k) {
      self.items[k].forEach(function (item) {
        if (item[0] === "range") for (var i = 0; i < item[2].length; i++) news.push(item[2][i]);
      });
    });
    this.exactMoves(olds, news);
    this.items.forEach(function (items) {
      pairRows(
        items
          .filter(function (item) {
            return item[0] === "range";
          })
          .map(function (item) {
            return [item[1], item[2]];
          })
      );
      items.forEach(function (item) {
        if (item[0] === "range") self.pairInRange(item[1], item[2]);
      });
    });
    var free = function (r) {
      return !r.partner;
    };
    this.similarMoves(olds.filter(free), news.filter(free));
  }

  Blocks.prototype.order = function (old) {
    var side = old ? 0 : 1, pairs = this.pairs, present = [];
    pairs.forEach(function (p, k) {
      if (p[side]) present.push(k);
    });
    return present.sort(function (x, y) {
      return pairs[x][side].number - pairs[y][side].number;
    });
  };

  Blocks.prototype.align = function (k) {
    var a = this.oldBlocks[k], b = this.newBlocks[k], items = [], i = 0, j = 0;
    var key = function (x) {
      return x.key;
    };
    var ops = a.length && b.length ? matches(a.map(key), b.map(key)) : [];
    ops.push(null);
    ops.forEach(function (op) {
      var endA = op ? op[0] : a.length, endB = op ? op[1] : b.length;
      if (endA > i || endB > j) {
        var r = items.length, olds = [], news = [];
        for (var x = i; x < endA; x++) olds.push(new Ref(k, r, x, a[x]));
        for (var y = j; y < endB; y++) news.push(new Ref(k, r, y, b[y]));
        items.push(["range", olds, news]);
      }
      if (op) {
        for (var n = 0; n < op[2]; n++) items.push([EQUAL, op[0] + n, op[1] + n]);
        i = op[0] + op[2];
        j = op[1] + op[2];
      }
    });
    return items;
  };

  function link(old, neu, moved) {
    old.partner = neu;
    neu.partner = old;
    old.moved = neu.moved = moved;
  }

  Blocks.prototype.exactMoves = function (olds, news) {
    var waiting = new Map();
    olds.forEach(function (r) {
      if (!waiting.has(r.block.key)) waiting.set(r.block.key, []);
      waiting.get(r.block.key).push(r);
    });
    news.forEach(function (r) {
      var queue = waiting.get(r.block.key);
      if (queue && queue.length) link(queue.shift(), r, true);
    });
  };

  function blockWords(refs) {
    return refs.map(function (r) {
      return words(r.block.text);
    });
  }

  Blocks.prototype.pairInRange = function (olds, news) {
    var keep = function (r) {
      return !r.partner && r.block.kind !== GENERATED;
    };
    // Pairs already made in this range (table rows by their first cell) are not crossed either.
    var made = olds
      .filter(function (r) {
        return r.partner && !r.moved;
      })
      .map(function (r) {
        return [r.index, r.partner.index];
      })
      .sort(function (p, q) {
        return p[0] - q[0];
      });
    olds = olds.filter(keep);
    news = news.filter(keep);
    if (!olds.length || !news.length || olds.length * news.length > MAX_CANDIDATES) return;
    var wo = blockWords(olds), wn = blockWords(news), scored = [];
    for (var i = 0; i < olds.length; i++)
      for (var j = 0; j < news.length; j++)
        if (olds[i].block.kind === news[j].block.kind && olds[i].block.entry === news[j].block.entry)
          scored.push([similarity(wo[i], wn[j]), i, j]);
    scored.sort(byScore);
    var accepted = [];
    for (var k = 0; k < scored.length; k++) {
      var s = scored[k], x = s[1], y = s[2];
      if (s[0] < BLOCK_PAIRING) break;
      if (olds[x].partner || news[y].partner) continue;
      if (
        accepted.some(function (p) {
          return (x - p[0]) * (y - p[1]) < 0;
        }) ||
        crossesMade(made, olds[x], news[y])
      )
        continue;
      accepted.push([x, y]);
      link(olds[x], news[y], false);
    }
  };

  Blocks.prototype.similarMoves = function (olds, news) {
    var keep = function (r) {
      return r.block.kind !== GENERATED && r.block.words >= MOVE_MIN_WORDS;
    };
    olds = olds.filter(keep);
    news = news.filter(keep);
    if (!olds.length || !news.length || olds.length * news.length > MAX_CANDIDATES) return;
    var wo = blockWords(olds), wn = blockWords(news), scored = [];
    for (var i = 0; i < olds.length; i++)
      for (var j = 0; j < news.length; j++)
        if (
          olds[i].block.kind === news[j].block.kind &&
          olds[i].block.entry === news[j].block.entry &&
          (olds[i].pair !== news[j].pair || olds[i].range !== news[j].range)
        )
          scored.push([similarity(wo[i], wn[j]), i, j]);
    scored.sort(byScore);
    for (var k = 0; k < scored.length; k++) {
      var s = scored[k];
      if (s[0] < MOVE_PAIRING) break;
      if (!olds[s[1]].partner && !news[s[2]].partner) link(olds[s[1]], news[s[2]], true);
    }
  };

  /** redline._Blocks._columns: two paired rows' columns where their tables' columns differ. */
  Blocks.prototype.columns = function (old, neu) {
    var a = old.block, b = neu.block;
    if (a.kind !== "row" || b.kind !== "row" || a.cells.length === b.cells.length) return [];
    if (!this.heads) this.heads = new Map();
    var heads = this.heads, oldKey = "0/" + old.pair, newKey = "1/" + neu.pair;
    if (!heads.has(oldKey)) heads.set(oldKey, tableHeaders(this.oldBlocks[old.pair]));
    if (!heads.has(newKey)) heads.set(newKey, tableHeaders(this.newBlocks[neu.pair]));
    return rowColumns(heads.get(oldKey), a, heads.get(newKey), b);
  };

  Blocks.prototype.other = function (ref, oldSide) {
    var pair = this.pairs[ref.partner.pair], s = oldSide ? pair[1] : pair[0];
    return [s.id, s.number, s.label === undefined ? null : s.label, s.title];
  };

  // redline.BlockChange; ``o``: for a move, the other section as Blocks.other gives it.
  function blockChange(status, old, neu, diffs, o, formatting) {
    return {
      status: status,
      old: old || null,
      new: neu || null,
      diffs: diffs || [],
      other_section: o ? o[0] : null,
      other_number: o ? o[1] : null,
      formatting: formatting || [],
      other_label: o ? o[2] : null,
      other_title: o ? o[3] : null,
    };
  }

  // Markup (redline.py, step 4): marks aligned, each gap paired by kind.

  var LINK = RULES.marks.link, IMAGE = RULES.marks.image, ALT = RULES.marks.alt, OTHER = RULES.marks.other;

  function formatChange(kind, old, neu, text) {
    return { kind: kind, old: old, new: neu, text: text || "" };
  }

  // redline._moved_to_register: a row moved between the text and a register, its cells the same.
  function movedToRegister(old, neu) {
    return old.kind === "row" && old.entry !== neu.entry && old.text === neu.text && same(old.cells, neu.cells);
  }

  function sameMarkup(old, neu) {
    if (!same(listPlace(old), listPlace(neu))) return false;
    return normalise(old.html) === normalise(neu.html) || old._markup === neu._markup;
  }

  /** redline._list_place: a list item's list, as markup (its kind, its depth); a quote's depth. */
  function listPlace(b) {
    if (b.kind === "quote") return ["", b.depth ? '<blockquote data-depth="' + b.depth + '">' : ""];
    if (b.kind !== "item") return ["", ""];
    return ["<" + b.container + ">", b.depth ? '<li data-depth="' + b.depth + '">' : "<li>"];
  }

  /** Python's Counter of a list of words. */
  function counter(list) {
    var found = new Map();
    list.forEach(function (w) {
      found.set(w, (found.get(w) || 0) + 1);
    });
    return found;
  }

  /** Counter subtraction: only what stays positive. */
  function minus(a, b) {
    var found = new Map();
    a.forEach(function (n, w) {
      var left = n - (b.get(w) || 0);
      if (left > 0) found.set(w, left);
    });
    return found;
  }

  /** A link whose words are its target (an address or email linked as written). */
  function showsTarget(mark) {
    return mark[2] === mark[1] || mark[2] === "mailto:" + mark[1] || mark[2] === "tel:" + mark[1];
  }

  function explained(before, after, gained, lost) {
    var covered = counter(words(after)), uncovered = counter(words(before));
    return !minus(minus(covered, uncovered), gained).size && !minus(minus(uncovered, covered), lost).size;
  }

  function addedMark(mark, b) {
    if (mark[0] === LINK || mark[0] === OTHER) return formatChange(mark[0], "", mark[2], blockShown(b, mark[1]));
    if (mark[0] === IMAGE) return formatChange(IMAGE, "", mark[2], mark[1]);
    return formatChange(mark[0], "", blockShown(b, mark[1]));
  }

  function removedMark(mark, b) {
    if (mark[0] === LINK || mark[0] === OTHER) return formatChange(mark[0], mark[2], "", blockShown(b, mark[1]));
    if (mark[0] === IMAGE) return formatChange(IMAGE, mark[2], "", mark[1]);
    return formatChange(mark[0], blockShown(b, mark[1]), "");
  }

  /** redline._gap: each new mark paired with the first free old one of its kind (a queue per kind). */
  function gap(found, olds, news, old, neu, gained, lost) {
    var free = new Map(), taken = new Set();
    olds.forEach(function (mark, n) {
      if (!free.has(mark[0])) free.set(mark[0], { at: 0, list: [] });
      free.get(mark[0]).list.push(n);
    });
    news.forEach(function (mark) {
      var kind = mark[0], text = mark[1], value = mark[2], queue = free.get(kind);
      if (!queue || queue.at >= queue.list.length) {
        found.push(addedMark(mark, neu));
        return;
      }
      var index = queue.list[queue.at++];
      taken.add(index);
      var partner = olds[index];
      if (kind === LINK || kind === OTHER) {
        if (partner[2] !== value && !(kind === LINK && showsTarget(partner) && showsTarget(mark))) {
          found.push(formatChange(kind, partner[2], value, blockShown(neu, text)));
        }
      } else if (kind === IMAGE) {
        if (partner[2] !== value) found.push(formatChange(IMAGE, partner[2], value, text));
        if (partner[1] !== text) found.push(formatChange(ALT, partner[1], text, value));
      } else if (partner[1] !== text && !explained(partner[1], text, gained, lost)) {
        found.push(formatChange(kind, blockShown(old, partner[1]), blockShown(neu, text)));
      }
    });
    olds.forEach(function (mark, n) {
      if (!taken.has(n)) found.push(removedMark(mark, old));
    });
  }

  function markKey(m) {
    return m.join("\x00");
  }

  /** redline.format_changes. */
  function formatChanges(old, neu, sameWords) {
    var found = [];
    if (old.tag !== neu.tag) found.push(formatChange(OTHER, "<" + old.tag + ">", "<" + neu.tag + ">"));
    var places = [listPlace(old), listPlace(neu)];
    for (var p = 0; p < 2; p++) {
      if (places[0][p] !== places[1][p]) {
        found.push(formatChange(OTHER, places[0][p], places[1][p], blockShown(neu, neu.text)));
      }
    }
    if (
      !same(old.cell_tags, neu.cell_tags) &&
      old.cell_tags.length === neu.cell_tags.length &&
      old.entry === neu.entry // a register's row's <th> looks as its <td>s
    ) {
      var tags = function (list) {
        return list
          .map(function (t) {
            return "<" + t + ">";
          })
          .join(" ");
      };
      found.push(formatChange(OTHER, tags(old.cell_tags), tags(neu.cell_tags)));
    }
    var a = old._marks, b = neu._marks;
    if (!same(a.map(markKey), b.map(markKey))) {
      var gained = minus(counter(words(neu.text)), counter(words(old.text)));
      var lost = minus(counter(words(old.text)), counter(words(neu.text)));
      var i = 0, j = 0;
      matches(a.map(markKey), b.map(markKey))
        .concat([[a.length, b.length, 0]])
        .forEach(function (m) {
          gap(found, a.slice(i, m[0]), b.slice(j, m[1]), old, neu, gained, lost);
          i = m[0] + m[2];
          j = m[1] + m[2];
        });
    }
    // Words moved from cell to cell read the same as one text: the cells' word redlines show it (redline.py).
    var movedBetweenCells = old.cells.length === neu.cells.length && !same(old.cells, neu.cells);
    if (sameWords && !found.length && !movedBetweenCells) found.push(formatChange(OTHER, "", ""));
    return found;
  }

  Blocks.prototype.gone = function (ref) {
    if (ref.partner && ref.moved) {
      var o = this.other(ref, true);
      return blockChange(MOVED_OUT, ref.block, null, [], o);
    }
    return whole(DELETED, ref.block);
  };

  /** redline._whole: a block inserted or deleted as a whole; one with no words and no image says its markup. */
  function whole(status, b) {
    var pictured = b._marks.some(function (m) {
      return m[0] === IMAGE;
    });
    if (b.kind === GENERATED || b.cells.length || b.text.trim() || pictured) {
      return status === INSERTED ? blockChange(status, null, b) : blockChange(status, b, null);
    }
    var markup = "<" + b.tag + ">";
    if (status === INSERTED) return blockChange(status, null, b, [], null, [formatChange(OTHER, "", markup)]);
    return blockChange(status, b, null, [], null, [formatChange(OTHER, markup, "")]);
  }

  function diffsOf(old, neu, columns) {
    var found;
    if (columns && columns.length) found = rowDiffs(old, neu, columns); // table_redline, rule 2
    else if (old.kind === "row" && neu.kind === "row" && old.cells.length === neu.cells.length) {
      found = old.cells.map(function (c, n) {
        return diff(c, neu.cells[n]);
      });
    } else found = [diff(old.text, neu.text)];
    if (!old.refs.length && !neu.refs.length) return found;
    return found.map(function (d) {
      return {
        segments: d.segments.map(function (s) {
          return segment(s.op, blockShown(old, s.old), blockShown(neu, s.new), s.kind);
        }),
        kind: d.kind,
        words_added: d.words_added,
        words_removed: d.words_removed,
      };
    });
  }

  function wordsAdded(c) {
    if (c.status === INSERTED) return c.new.words;
    return c.diffs.reduce(function (n, d) {
      return n + d.words_added;
    }, 0);
  }

  function wordsRemoved(c) {
    if (c.status === DELETED) return c.old.words;
    return c.diffs.reduce(function (n, d) {
      return n + d.words_removed;
    }, 0);
  }

  function sortedUnique(numbers) {
    return Array.from(new Set(numbers)).sort(function (x, y) {
      return x - y;
    });
  }

  Blocks.prototype.section = function (k) {
    var self = this, old = this.pairs[k][0], neu = this.pairs[k][1], a = this.oldBlocks[k], b = this.newBlocks[k];
    var changes = [];
    this.items[k].forEach(function (item) {
      if (item[0] === EQUAL) {
        var before = a[item[1]], after = b[item[2]];
        if (before.kind === GENERATED || sameMarkup(before, after)) changes.push(blockChange(UNCHANGED, before, after));
        else {
          var formatting = formatChanges(before, after, true);
          changes.push(blockChange(CHANGED, before, after, diffsOf(before, after), null, formatting));
        }
        return;
      }
      var olds = item[1], news = item[2], i = 0;
      news.forEach(function (ref) {
        var partner = ref.partner;
        if (partner && !partner.moved) {
          while (olds[i] !== partner) changes.push(self.gone(olds[i++]));
          i++;
          if (movedToRegister(partner.block, ref.block)) {
            changes.push(blockChange(UNCHANGED, partner.block, ref.block));
            return;
          }
          var formatting = formatChanges(partner.block, ref.block, false);
          var cols = self.columns(partner, ref);
          changes.push(
            blockChange(CHANGED, partner.block, ref.block, diffsOf(partner.block, ref.block, cols), null, formatting)
          );
        } else if (partner) {
          var o = self.other(ref, false);
          var sameWords = partner.block.key === ref.block.key && same(partner.block.cells, ref.block.cells);
          var diffs = sameWords ? [] : diffsOf(partner.block, ref.block, self.columns(partner, ref));
          var moved = formatChanges(partner.block, ref.block, sameWords && !sameMarkup(partner.block, ref.block));
          changes.push(blockChange(MOVED_IN, partner.block, ref.block, diffs, o, moved));
        } else changes.push(whole(INSERTED, ref.block));
      });
      for (; i < olds.length; i++) changes.push(self.gone(olds[i]));
    });
    changes = deletionsFirst(changes);
    var title = !old ? inserted(neu.title) : !neu ? deleted(old.title) : diff(old.title, neu.title);
    var status = !old ? ADDED : !neu ? REMOVED : UNCHANGED;
    if (
      status === UNCHANGED &&
      (title.kind !== T_UNCHANGED ||
        changes.some(function (c) {
          return c.status !== UNCHANGED;
        }))
    )
      status = CHANGED;
    var oldId = old ? old.id : null, newId = neu ? neu.id : null;
    return {
      status: status,
      old_id: oldId,
      new_id: newId,
      old_number: old ? old.number : null,
      new_number: neu ? neu.number : null,
      old_title: old ? old.title : null,
      new_title: neu ? neu.title : null,
      title: title,
      blocks: changes,
      moved: false,
      renamed: !!(old && neu && old.title !== neu.title),
      renumbered: !!(old && neu && shownNumber(old.number, old.label) !== shownNumber(neu.number, neu.label)),
      id_changed: this.pairs[k][2],
      moved_in_from: sortedUnique(
        changes
          .filter(function (c) {
            return c.status === MOVED_IN && (c.new || c.old).kind !== GENERATED && c.other_section !== oldId;
          })
          .map(function (c) {
            return c.other_number;
          })
      ),
      moved_out_to: sortedUnique(
        changes
          .filter(function (c) {
            return c.status === MOVED_OUT && (c.new || c.old).kind !== GENERATED && c.other_section !== newId;
          })
          .map(function (c) {
            return c.other_number;
          })
      ),
      words_added:
        title.words_added +
        changes.reduce(function (n, c) {
          return n + wordsAdded(c);
        }, 0),
      words_removed:
        title.words_removed +
        changes.reduce(function (n, c) {
          return n + wordsRemoved(c);
        }, 0),
      old_label: old ? old.label : null,
      new_label: neu ? neu.label : null,
    };
  };

  function deletionsFirst(changes) {
    var out = [], run = [];
    changes.concat([null]).forEach(function (c) {
      if (c && (c.status === INSERTED || c.status === DELETED || c.status === MOVED_IN || c.status === MOVED_OUT)) {
        run.push(c);
        return;
      }
      run.forEach(function (r) {
        if (r.status === DELETED || r.status === MOVED_OUT) out.push(r);
      });
      run.forEach(function (r) {
        if (r.status === INSERTED || r.status === MOVED_IN) out.push(r);
      });
      run = [];
      if (c) out.push(c);
    });
    return out;
  }

  /** Elements of the first list inside the equal runs of the longest common subsequence. */
  function kept(x, y) {
    var found = new Set();
    matches(x, y).forEach(function (m) {
      for (var n = 0; n < m[2]; n++) found.add(x[m[0] + n]);
    });
    return found;
  }

  function arrange(changes, pairs) {
    var indexes = pairs.map(function (_, k) {
      return k;
    });
    var bySide = function (side) {
      return function (x, y) {
        return pairs[x][side].number - pairs[y][side].number;
      };
    };
    var paired = indexes.filter(function (k) {
      return pairs[k][0] && pairs[k][1];
    });
    var byOld = paired.slice().sort(bySide(0)), byNew = paired.slice().sort(bySide(1));
    var keep = kept(byOld, byNew);
    paired.forEach(function (k) {
      if (!keep.has(k)) changes[k].moved = true;
    });
    var order = indexes
      .filter(function (k) {
        return pairs[k][1];
      })
      .sort(bySide(1));
    var oldOrder = indexes
      .filter(function (k) {
        return pairs[k][0];
      })
      .sort(bySide(0));
    oldOrder.forEach(function (k, position) {
      if (pairs[k][1]) return;
      var before = null;
      for (var p = position - 1; p >= 0; p--)
        if (order.indexOf(oldOrder[p]) >= 0) {
          before = oldOrder[p];
          break;
        }
      order.splice(before !== null ? order.indexOf(before) + 1 : 0, 0, k);
    });
    return order.map(function (k) {
      return changes[k];
    });
  }

  // Purposes

  function fact(subject, change, key, label, old, neu) {
    return { subject: subject, change: change, key: key, label: label, old: old || "", new: neu || "" };
  }

  function facts(oldTable, old, newTable, neu) {
    var found = [], oldBases = new Map(), newBases = new Map();
    old.bases.forEach(function (b) {
      oldBases.set(b[0], b);
    });
    neu.bases.forEach(function (b) {
      newBases.set(b[0], b);
    });
    newBases.forEach(function (b, key) {
      if (!oldBases.has(key)) found.push(fact(BASIS, ADDED, key, b[1], "", b[2]));
      else if (oldBases.get(key)[2] !== b[2]) found.push(fact(INTEREST, CHANGED, key, b[1], oldBases.get(key)[2], b[2]));
    });
    oldBases.forEach(function (b, key) {
      if (!newBases.has(key)) found.push(fact(BASIS, REMOVED, key, b[1], b[2], ""));
    });
    neu.data.forEach(function (key) {
      if (old.data.indexOf(key) < 0) found.push(fact(DATA_TYPE, ADDED, key, newTable.types[key]));
    });
    old.data.forEach(function (key) {
      if (neu.data.indexOf(key) < 0) found.push(fact(DATA_TYPE, REMOVED, key, oldTable.types[key]));
    });
    neu.data.forEach(function (key) {
      if (old.data.indexOf(key) >= 0 && oldTable.types[key] !== newTable.types[key]) {
        found.push(fact(DATA_TYPE, CHANGED, key, newTable.types[key], oldTable.types[key], newTable.types[key]));
      }
    });
    neu.activities.forEach(function (x) {
      if (old.activities.indexOf(x) < 0) found.push(fact(ACTIVITY, ADDED, x, x));
    });
    old.activities.forEach(function (x) {
      if (neu.activities.indexOf(x) < 0) found.push(fact(ACTIVITY, REMOVED, x, x));
    });
    return found;
  }

  function purposeChange(id, status, cells, found, moved) {
    return { id: id, status: status, cells: cells, facts: found || [], moved: !!moved };
  }

  function comparePurposes(old, neu) {
    if (!old && !neu) return null;
    var table = neu || old, oldRows = new Map(), newRows = new Map(), rows = [];
    if (old)
      old.rows.forEach(function (p) {
        oldRows.set(p.id, p);
      });
    if (neu)
      neu.rows.forEach(function (p) {
        newRows.set(p.id, p);
      });
    if (neu) {
      neu.rows.forEach(function (p) {
        var before = oldRows.get(p.id);
        if (!before || !old) {
          rows.push(purposeChange(p.id, ADDED, p.cells.map(inserted)));
          return;
        }
        var diffs = before.cells.map(function (c, n) {
          return diff(c, p.cells[n]);
        });
        var found = facts(old, before, neu, p);
        var edited =
          found.length ||
          diffs.some(function (d) {
            return d.kind !== T_UNCHANGED;
          });
        rows.push(purposeChange(p.id, edited ? CHANGED : UNCHANGED, diffs, found));
      });
    }
    if (old) {
      var ids = old.rows.map(function (p) {
        return p.id;
      });
      old.rows.forEach(function (p, position) {
        if (newRows.has(p.id)) return;
        var removed = purposeChange(p.id, REMOVED, p.cells.map(deleted));
        var before = null;
        for (var q = position - 1; q >= 0; q--)
          if (newRows.has(ids[q])) {
            before = ids[q];
            break;
          }
        var at = 0;
        if (before !== null) {
          at = rows.findIndex(function (r) {
            return r.id === before;
          }) + 1;
        }
        rows.splice(at, 0, removed);
      });
      if (neu) {
        var commonOld = ids.filter(function (id) {
          return newRows.has(id);
        });
        var commonNew = neu.rows
          .map(function (p) {
            return p.id;
          })
          .filter(function (id) {
            return oldRows.has(id);
          });
        var keep = kept(commonOld, commonNew);
        rows.forEach(function (r) {
          if (oldRows.has(r.id) && newRows.has(r.id) && !keep.has(r.id)) r.moved = true;
        });
      }
    }
    var caption = diff(old ? old.caption : "", neu ? neu.caption : "");
    var headers = table.columns.map(function (_, n) {
      return diff(old ? old.columns[n] : "", neu ? neu.columns[n] : "");
    });
    var status = !old ? ADDED : !neu ? REMOVED : UNCHANGED;
    if (
      status === UNCHANGED &&
      (caption.kind !== T_UNCHANGED ||
        headers.some(function (d) {
          return d.kind !== T_UNCHANGED;
        }) ||
        rows.some(function (r) {
          return r.status !== UNCHANGED || r.moved;
        }))
    )
      status = CHANGED;
    return {
      status: status,
      columns: table.columns.slice(),
      caption: caption,
      purposes: rows,
      headers: headers,
      moved: false,
    };
  }

  function headersChanged(p) {
    return p.headers.some(function (d) {
      return d.kind !== T_UNCHANGED;
    });
  }

  /** PurposesChange.count. */
  function purposesCount(p) {
    var own;
    if (p.status === ADDED || p.status === REMOVED) own = p.purposes.length ? 0 : 1;
    else own = (p.caption.kind !== T_UNCHANGED ? 1 : 0) + (headersChanged(p) ? 1 : 0) + (p.moved ? 1 : 0);
    return changedPurposes(p).length + own;
  }

  function placesPurposes(data) {
    return data.sections.some(function (s) {
      return s.blocks.some(function (b) {
        return b.kind === GENERATED && b.text === "purposes";
      });
    });
  }

  /** redline._shown_purposes: the table as readers see it, where it is placed. */
  function shownPurposes(oldData, newData, oldSections, newSections, sections) {
    var shownOld = placesPurposes({ sections: oldSections }), shownNew = placesPurposes({ sections: newSections });
    var change = comparePurposes(
      shownNew && !shownOld ? null : oldData.purposes,
      shownOld && !shownNew ? null : newData.purposes
    );
    var moved = sections.some(function (s) {
      return s.blocks.some(function (b) {
        return b.status === MOVED_IN && b.new && b.new.kind === GENERATED && b.new.text === "purposes";
      });
    });
    if (change && moved && (change.status === UNCHANGED || change.status === CHANGED)) {
      change.moved = true;
      change.status = CHANGED;
    }
    return change;
  }

  var TITLE = RULES.meta.title, SUMMARY = RULES.meta.summary, EFFECTIVE = RULES.meta.effective, FACT = RULES.meta.fact;

  /** redline.compare_metadata. */
  function compareMetadata(old, neu) {
    var found = [];
    function meta(field, before, after, key, status) {
      status = status || (!before ? ADDED : !after ? REMOVED : CHANGED);
      found.push({ field: field, status: status, old: before, new: after, diff: diff(before, after), key: key || "" });
    }
    [TITLE, EFFECTIVE, SUMMARY].forEach(function (field) {
      if (old[field] !== neu[field]) meta(field, old[field], neu[field]);
    });
    var oldFacts = new Map(old.facts), newFacts = new Map(neu.facts);
    neu.facts.forEach(function (f) {
      if (!oldFacts.has(f[0])) meta(FACT, "", f[1], f[0], ADDED);
      else if (oldFacts.get(f[0]) !== f[1]) meta(FACT, oldFacts.get(f[0]), f[1], f[0], CHANGED);
    });
    old.facts.forEach(function (f) {
      if (!newFacts.has(f[0])) meta(FACT, f[1], "", f[0], REMOVED);
    });
    return found;
  }

  function imagesChanged(c) {
    if (c.status === INSERTED || c.status === DELETED) {
      return (c.new || c.old)._marks.filter(function (m) {
        return m[0] === IMAGE;
      }).length;
    }
    return c.formatting.filter(function (f) {
      return f.kind === IMAGE || f.kind === ALT;
    }).length;
  }

  function formattingChanged(c) {
    return c.formatting.filter(function (f) {
      return f.kind !== IMAGE && f.kind !== ALT;
    }).length;
  }

  function changedPurposes(p) {
    return p.purposes.filter(function (r) {
      return r.status !== UNCHANGED || r.moved;
    });
  }

  function purposeWords(p, field) {
    if (!p) return 0;
    var n = p.caption[field];
    p.headers.forEach(function (d) {
      n += d[field];
    });
    p.purposes.forEach(function (r) {
      r.cells.forEach(function (d) {
        n += d[field];
      });
    });
    return n;
  }

  /** redline.compare(old, new).to_dict(), from two compare_data.version_data dicts. */
  function compare(oldData, newData) {
    [oldData, newData].forEach(function (data) {
      if (!data || data.format !== FORMAT) throw new Error("LegalDocsRedline: expected data of format " + FORMAT);
    });
    var oldSections = oldData.sections.map(section), newSections = newData.sections.map(section);
    var pairs = pairSections(oldSections, newSections);
    var work = new Blocks(pairs);
    var sections = arrange(
      pairs.map(function (_, k) {
        return work.section(k);
      }),
      pairs
    );
    var purposes = shownPurposes(oldData, newData, oldSections, newSections, sections);
    var metadata = compareMetadata(oldData.meta, newData.meta);
    var sum = function (field) {
      return sections.reduce(function (n, s) {
        return n + s[field];
      }, 0);
    };
    var count = function (f) {
      return sections.filter(f).length;
    };
    var blocks = [];
    sections.forEach(function (s) {
      blocks = blocks.concat(s.blocks);
    });
    var total = function (f) {
      return blocks.reduce(function (n, b) {
        return n + f(b);
      }, 0);
    };
    var tables = tableCounts(blocks);
    var fields = function (field) {
      return metadata.filter(function (m) {
        return (m.field === FACT) === (field === FACT);
      }).length;
    };
    return {
      sections: sections,
      purposes: purposes,
      metadata: metadata,
      counts: {
        sections_changed: count(function (s) {
          return s.status === CHANGED || (s.moved && s.status === UNCHANGED);
        }),
        sections_added: count(function (s) {
          return s.status === ADDED;
        }),
        sections_removed: count(function (s) {
          return s.status === REMOVED;
        }),
        words_added: sum("words_added") + purposeWords(purposes, "words_added"),
        words_removed: sum("words_removed") + purposeWords(purposes, "words_removed"),
        purposes_changed: purposes ? purposesCount(purposes) : 0,
        formatting_changed: total(formattingChanged),
        images_changed: total(imagesChanged),
        facts_changed: fields(FACT),
        metadata_changed: fields(TITLE),
        rows_added: tables.rows_added,
        rows_removed: tables.rows_removed,
        rows_changed: tables.rows_changed,
        columns_added: tables.columns_added,
        columns_removed: tables.columns_removed,
        cookies_added: tables.cookies_added,
        cookies_removed: tables.cookies_removed,
        cookies_changed: tables.cookies_changed,
        recipients_added: tables.recipients_added,
        recipients_removed: tables.recipients_removed,
        recipients_changed: tables.recipients_changed,
      },
    };
  }

  // --- table_redline.py: tables in the text, row by row ------------------------------------------
  // The rules are written down in table_redline.py's docstring; these functions follow them.

  /** table_redline.is_header: every cell a th. */
  function isHeaderRow(b) {
    return (
      !!b &&
      b.kind === "row" &&
      b.cell_tags.length > 0 &&
      b.cell_tags.every(function (t) {
        return t === "th";
      })
    );
  }

  /** table_redline.headers: each table's header row in a section's blocks, by group (null: none). */
  function tableHeaders(blocks) {
    var found = new Map();
    blocks.forEach(function (b) {
      if (b.kind === "row" && !found.has(b.group)) found.set(b.group, isHeaderRow(b) ? b : null);
    });
    return found;
  }

  /** table_redline.columns: the union of two header rows' columns, as [old index, new index]. */
  function tableColumns(old, neu) {
    var out = [], i = 0, j = 0, n;
    if (old.length === neu.length) {
      for (n = 0; n < old.length; n++) out.push([n, n]);
      return out;
    }
    matches(old.slice(), neu.slice())
      .concat([[old.length, neu.length, 0]])
      .forEach(function (m) {
        var a = m[0], b = m[1], length = m[2];
        var both = Math.min(a - i, b - j); // table_redline.columns: a gap pairs by position, its shorter side's worth
        for (n = 0; n < both; n++) out.push([i + n, j + n]);
        for (n = i + both; n < a; n++) out.push([n, -1]);
        for (n = j + both; n < b; n++) out.push([-1, n]);
        for (n = 0; n < length; n++) out.push([a + n, b + n]);
        i = a + length;
        j = b + length;
      });
    return out;
  }

  /** table_redline.row_columns. */
  function rowColumns(oldHeads, old, newHeads, neu) {
    if (old.kind !== "row" || neu.kind !== "row" || old.cells.length === neu.cells.length) return [];
    var oldHead = oldHeads.get(old.group) || null, newHead = newHeads.get(neu.group) || null;
    if (!oldHead || !newHead) return [];
    var union = tableColumns(oldHead.cells, newHead.cells);
    if (old.cells.length !== oldHead.cells.length || neu.cells.length !== newHead.cells.length) return [];
    return union;
  }

  /** table_redline.row_diffs: one word diff per column of the union. */
  function rowDiffs(old, neu, union) {
    return union.map(function (c) {
      if (c[0] >= 0 && c[1] >= 0) return diff(old.cells[c[0]], neu.cells[c[1]]);
      return c[0] >= 0 ? deleted(old.cells[c[0]]) : inserted(neu.cells[c[1]]);
    });
  }

  /** table_redline.pair_rows: header rows by position, body rows by a first cell found once on each side. */
  function pairRows(ranges) {
    var olds = [], news = [];
    ranges.forEach(function (r) {
      r[0].forEach(function (x) {
        if (!x.partner && x.block.kind === "row") olds.push(x);
      });
      r[1].forEach(function (x) {
        if (!x.partner && x.block.kind === "row") news.push(x);
      });
    });
    if (!olds.length || !news.length) return;
    var candidates = [];
    var headsOld = olds.filter(function (r) {
      return isHeaderRow(r.block);
    });
    var headsNew = news.filter(function (r) {
      return isHeaderRow(r.block);
    });
    if (headsOld.length === headsNew.length)
      headsOld.forEach(function (r, n) {
        candidates.push([r, headsNew[n]]);
      });
    // A register's row by its entry (found once on each side), and only so.
    var entries = function (list) {
      var found = new Map();
      list.forEach(function (r) {
        if (r.block.entry) found.set(r.block.entry, (found.get(r.block.entry) || 0) + 1);
      });
      return found;
    };
    var entriesOld = entries(olds), entriesNew = entries(news), byEntry = new Map();
    olds.forEach(function (r) {
      if (r.block.entry && entriesOld.get(r.block.entry) === 1) byEntry.set(r.block.entry, r);
    });
    news.forEach(function (r) {
      var e = r.block.entry;
      if (e && entriesNew.get(e) === 1 && byEntry.has(e)) candidates.push([byEntry.get(e), r]);
    });
    // table_redline._by_first: a text table's row, or a register's row whose entry the other side lacks.
    var body = function (others) {
      return function (r) {
        return (
          !isHeaderRow(r.block) &&
          r.block.cells.length > 0 &&
          r.block.cells[0] !== "" &&
          (!r.block.entry || !others.has(r.block.entry))
        );
      };
    };
    var bodyOld = olds.filter(body(entriesNew)), bodyNew = news.filter(body(entriesOld));
    var times = function (list) {
      var found = new Map();
      list.forEach(function (r) {
        found.set(r.block.cells[0], (found.get(r.block.cells[0]) || 0) + 1);
      });
      return found;
    };
    var timesOld = times(bodyOld), timesNew = times(bodyNew), byFirst = new Map();
    bodyOld.forEach(function (r) {
      if (timesOld.get(r.block.cells[0]) === 1) byFirst.set(r.block.cells[0], r);
    });
    bodyNew.forEach(function (r) {
      var first = r.block.cells[0];
      if (timesNew.get(first) === 1 && byFirst.has(first) && !(r.block.entry && byFirst.get(first).block.entry))
        candidates.push([byFirst.get(first), r]);
    });
    var order = new Map();
    news.forEach(function (r, n) {
      order.set(r, n);
    });
    candidates.sort(function (x, y) {
      return order.get(x[1]) - order.get(y[1]);
    });
    // In new order, a pair crosses one made before it in its range where an old row after its own was taken.
    var last = new Map();
    candidates.forEach(function (c) {
      var old = c[0], neu = c[1];
      var moved = old.range !== neu.range || (last.has(neu.range) && old.index < last.get(neu.range));
      link(old, neu, moved);
      if (!moved) last.set(neu.range, old.index);
    });
  }

  /** table_redline.crosses: whether pairing two free blocks crosses a pair made (sorted) in their range. */
  function crossesMade(made, old, neu) {
    var lo = 0, hi = made.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (made[mid][0] < old.index) lo = mid + 1;
      else hi = mid;
    }
    return (lo > 0 && made[lo - 1][1] > neu.index) || (lo < made.length && made[lo][1] < neu.index);
  }

  /** table_redline.counts: the table fields of the counts. */
  function tableCounts(blocks) {
    var found = { rows_added: 0, rows_removed: 0, rows_changed: 0, columns_added: 0, columns_removed: 0 };
    REGISTERS.forEach(function (r) {
      found[r[0] + "_added"] = found[r[0] + "_removed"] = found[r[0] + "_changed"] = 0;
    });
    blocks.forEach(function (c) {
      if ((c.new || c.old).kind !== "row") return;
      var name = registerOf(c.new || c.old);
      if (c.status === INSERTED) found[name + "_added"]++;
      if (c.status === DELETED) found[name + "_removed"]++;
      if (c.status === CHANGED || c.status === MOVED_IN) {
        found[name + "_changed"]++;
        if (isHeaderRow(c.old) && isHeaderRow(c.new))
          tableColumns(c.old.cells, c.new.cells).forEach(function (u) {
            if (u[0] < 0) found.columns_added++;
            if (u[1] < 0) found.columns_removed++;
          });
      }
    });
    return found;
  }

  /** table_redline.REGISTERS: a register's name and the prefix of its rows' ids. */
  var REGISTERS = [
    ["cookies", "cookie-"],
    ["recipients", "recipient-"],
  ];

  /** table_redline.register_of: the counts a row goes to. */
  function registerOf(b) {
    for (var n = 0; n < REGISTERS.length; n++) if (b.entry.indexOf(REGISTERS[n][1]) === 0) return REGISTERS[n][0];
    return "rows";
  }

  /** table_redline.PHRASES. */
  var TABLE_PHRASES = [
    ["rows_added", "{count} table rows added"],
    ["rows_removed", "{count} table rows removed"],
    ["rows_changed", "{count} table rows changed"],
    ["columns_added", "{count} table columns added"],
    ["columns_removed", "{count} table columns removed"],
    ["cookies_added", "{count} cookies added"],
    ["cookies_removed", "{count} cookies removed"],
    ["cookies_changed", "{count} cookies changed"],
    ["recipients_added", "{count} recipients added"],
    ["recipients_removed", "{count} recipients removed"],
    ["recipients_changed", "{count} recipients changed"],
  ];

  /** table_redline._side: a run's header row on one side. */
  function tableSide(changes, old) {
    var skip = old ? [INSERTED, MOVED_IN] : [DELETED, MOVED_OUT];
    for (var n = 0; n < changes.length; n++) {
      if (skip.indexOf(changes[n].status) < 0) {
        var b = old ? changes[n].old : changes[n].new;
        return isHeaderRow(b) ? b : null;
      }
    }
    return null;
  }

  function rowCells(element) {
    return Array.prototype.filter.call(element.children, function (c) {
      return c.tagName === "TH" || c.tagName === "TD";
    });
  }

  /** table_redline._row: one row on the union's columns, an empty cell where its side has none; labelled. */
  function tableRow(change, html, union, labels, inHead) {
    if (!html) return html;
    var template = document.createElement("template");
    template.innerHTML = "<table>" + html + "</table>";
    var element = template.content.querySelector("tr");
    if (!element) return html;
    var cells = rowCells(element);
    var oldSide = change.status === DELETED || change.status === MOVED_OUT;
    var side = union.map(function (u) {
      return oldSide ? u[0] : u[1];
    });
    var width = side.filter(function (x) {
      return x >= 0;
    }).length;
    if (cells.length === width && width < union.length) {
      side.forEach(function (x, position) {
        if (x >= 0) return;
        var filler = document.createElement("td");
        filler.setAttribute("class", "ld-empty");
        element.insertBefore(filler, rowCells(element)[position] || null);
      });
      cells = rowCells(element);
    }
    if (cells.length === union.length)
      cells.forEach(function (cell, n) {
        if (inHead) cell.setAttribute("scope", "col");
        else cell.setAttribute("data-label", labels[n]);
      });
    return element.outerHTML;
  }

  /** table_redline.table_html: one table's rows; as before where none changed. */
  function tableHtml(changes, rows) {
    var changed = changes.some(function (c) {
      return c.status !== UNCHANGED;
    });
    if (!changed) return '<table class="ld-table"><tbody>' + rows.join("") + "</tbody></table>";
    var oldHead = tableSide(changes, true), newHead = tableSide(changes, false), union = [], n;
    if (oldHead && newHead) union = tableColumns(oldHead.cells, newHead.cells);
    else if (newHead || oldHead) for (n = 0; n < (newHead || oldHead).cells.length; n++) union.push([n, n]);
    var labels = union.map(function (u) {
      return newHead && u[1] >= 0 ? blockShown(newHead, newHead.cells[u[1]]) : blockShown(oldHead, oldHead.cells[u[0]]);
    });
    var head = [], body = [];
    changes.forEach(function (c, k) {
      var inHead = isHeaderRow(c.new || c.old) && !body.length;
      (inHead ? head : body).push(tableRow(c, rows[k], union, labels, inHead));
    });
    return (
      '<table class="ld-table ld-table-changed">' +
      (head.length ? "<thead>" + head.join("") + "</thead>" : "") +
      "<tbody>" +
      body.join("") +
      "</tbody></table>"
    );
  }

  // --- end of table_redline.py -------------------------------------------------------------------

  // --- redline_html.py ------------------------------------------------------------------------

  var CONTAINERS = RULES.containers;

  function escape(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#x27;");
  }

  function isMinorDiff(d) {
    return d.kind === WHITESPACE || d.kind === PUNCTUATION;
  }

  /** BlockChange.markup_only: the same words in other markup. */
  function isMarkupOnly(c) {
    return (
      c.status === CHANGED &&
      c.diffs.every(function (d) {
        return d.kind === T_UNCHANGED;
      })
    );
  }

  function isMinorBlock(c) {
    return (
      c.status === CHANGED &&
      !c.formatting.length &&
      c.diffs.every(function (d) {
        return isMinorDiff(d) || d.kind === T_UNCHANGED;
      })
    );
  }

  function isMinorSection(s) {
    return (
      s.status === CHANGED &&
      !s.moved &&
      (s.title.kind === T_UNCHANGED || isMinorDiff(s.title)) &&
      s.blocks
        .filter(function (b) {
          return b.status !== UNCHANGED;
        })
        .every(isMinorBlock)
    );
  }

  function sectionChanged(s) {
    return s.status !== UNCHANGED || s.moved;
  }

  /** redline_html.shown_text: escaped, each invisible character a visible mark (tokens rule 8). */
  function shownText(text) {
    return escape(text).replace(INVISIBLE, function (c) {
      return '<span class="ld-invisible" title="' + codePoint(c) + '">' + mark(c) + "</span>";
    });
  }

  /** redline_html.lookalike_note (tokens rule 9). */
  function lookalikeNote(old, neu, words) {
    var letters = lookalikes(old, neu);
    if (!letters.length) return "";
    var which = letters
      .map(function (l) {
        return say(words, RULES.script_names[l[1]], { letter: l[0] });
      })
      .join(", ");
    return say(words, "letters that look alike changed: {old} \u2192 {new} ({letters})", {
      old: old,
      new: neu,
      letters: which,
    });
  }

  function textDiffHtml(d, hideMinor, words) {
    return d.segments
      .map(function (s) {
        if (s.op === EQUAL || (hideMinor && s.kind !== WORDS)) return shownText(s.new);
        var minor = s.kind !== WORDS ? " ld-minor ld-" + s.kind : "";
        var lookalike = lookalikeNote(s.old, s.new, words);
        return (
          (s.old ? '<del class="ld-del' + minor + '">' + shownText(s.old) + "</del>" : "") +
          (s.new ? '<ins class="ld-ins' + minor + '">' + shownText(s.new) + "</ins>" : "") +
          (lookalike ? '<span class="ld-note ld-lookalike">[' + shownText(lookalike) + "]</span>" : "")
        );
      })
      .join("");
  }

  /**
   * A phrase of words.py: in the language of ``words`` (what head.html gives the scripts, #ld-words),
   * else in words.py's English; its {fields} filled, not escaped (redline_html's ``t``).
   */
  function say(words, phrase, fields) {
    return fill(String(given(words, phrase)), fields);
  }

  function fill(text, fields) {
    if (!fields) return text;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(fields, name) ? String(fields[name]) : m;
    });
  }

  /**
   * The phrase in ``words``, else in words.py's English (RULES.words); a phrase words.py lacks is an
   * error, as in Python.
   */
  function given(words, phrase) {
    var own = Object.prototype.hasOwnProperty;
    if (words && own.call(words, phrase)) return words[phrase];
    if (own.call(RULES.words, phrase)) return RULES.words[phrase];
    throw new Error("LegalDocsRedline: not a phrase of words.py: " + phrase);
  }

  /**
   * A counted phrase of words.py (words.translator's ``t(phrase, count=n)``): its form for ``count`` by
   * CLDR's plural rules (Intl.PluralRules) of the language ``words`` gives with its forms
   * ({rules, forms}, words.script_words), else English's.
   */
  function sayCounted(words, phrase, count) {
    var found = given(words, phrase);
    if (!found || typeof found !== "object" || !found.forms || typeof found.rules !== "string") {
      found = RULES.words[phrase];
    }
    var rules = found.rules, forms = found.forms;
    var category;
    try {
      category = new Intl.PluralRules(rules).select(count);
    } catch (unknown) {
      category = new Intl.PluralRules(RULES.words[phrase].rules).select(count);
    }
    var form = Object.prototype.hasOwnProperty.call(forms, category) ? forms[category] : forms.other;
    return fill(String(form), { count: count });
  }

  /** redline_html.count_items. */
  function countItems(counts, words) {
    var always = [
      [counts.sections_changed, "{count} sections changed"],
      [counts.sections_added, "{count} sections added"],
      [counts.sections_removed, "{count} sections removed"],
      [counts.words_added, "{count} words added"],
      [counts.words_removed, "{count} words removed"],
      [counts.purposes_changed, "{count} changes to the purpose table"],
    ];
    var more = [
      [counts.formatting_changed, "{count} formatting changes"],
      [counts.images_changed, "{count} image changes"],
      [counts.facts_changed, "{count} facts changed"],
      [counts.metadata_changed, "{count} changes to the title, date or summary"],
    ]
      .concat(
        TABLE_PHRASES.map(function (p) {
          return [counts[p[0]], p[1]];
        })
      )
      .filter(function (i) {
      return i[0];
    });
    return always.concat(more).map(function (i) {
      return [i[0], sayCounted(words, i[1], i[0])];
    });
  }

  /** redline_html.counts_html: each count's number (the first one in its words) in ld-count. */
  function countsHtml(counts, words) {
    return (
      '<ul class="ld-counts">' +
      countItems(counts, words)
        .map(function (i) {
          var n = String(Number(i[0])), text = i[1], at = text.indexOf(n);
          var before = at >= 0 ? text.slice(0, at) : "", after = at >= 0 ? text.slice(at + n.length) : " " + text;
          return '<li>' + escape(before) + '<span class="ld-count">' + n + "</span>" + escape(after) + "</li>";
        })
        .join("") +
      "</ul>"
    );
  }

  var FORMAT_NAMES = RULES.format_names, META_NAMES = RULES.meta_names, GENERATED_NAMES = RULES.generated_names;

  function quoted(text, words) {
    return say(words, "“{text}”", { text: text });
  }

  /** redline_html.format_text. */
  function formatText(f, words) {
    if (f.kind === OTHER && !f.old && !f.new) return say(words, "The formatting changed, not the words.");
    var what;
    if (f.kind === LINK) what = say(words, "Link on {text}", { text: quoted(f.text, words) });
    else if (f.kind === OTHER) {
      what = f.text ? say(words, "Markup on {text}", { text: quoted(f.text, words) }) : say(words, "Markup");
    } else what = say(words, FORMAT_NAMES[f.kind]);
    if (!f.old) return say(words, "{what} added: {new}.", { what: what, new: quoted(f.new, words) });
    if (!f.new) return say(words, "{what} removed: {old}.", { what: what, old: quoted(f.old, words) });
    return say(words, "{what} changed: {old} → {new}.", {
      what: what,
      old: quoted(f.old, words),
      new: quoted(f.new, words),
    });
  }

  function formattingText(c, words) {
    return c.formatting
      .map(function (f) {
        return formatText(f, words);
      })
      .join(" ");
  }

  /** redline_html.images_html: each image whose address changed, old in <del>, new in <ins>. */
  function imagesHtml(c) {
    var pairs = c.formatting
      .filter(function (f) {
        return f.kind === IMAGE;
      })
      .map(function (f) {
        var oldAlt = f.text;
        for (var n = 0; n < c.formatting.length; n++) {
          var a = c.formatting[n];
          if (a.kind === ALT && f.new && a.text === f.new) {
            oldAlt = a.old;
            break;
          }
        }
        var pair = f.old
          ? '<del class="ld-del ld-image"><img src="' + escape(f.old) + '" alt="' + escape(oldAlt) + '"></del>'
          : "";
        if (f.new) pair += '<ins class="ld-ins ld-image"><img src="' + escape(f.new) + '" alt="' + escape(f.text) + '"></ins>';
        return pair;
      });
    return pairs.length ? '<span class="ld-images">' + pairs.join("") + "</span>" : "";
  }

  function metaLabel(m, words) {
    if (m.field === FACT) return say(words, "Fact {name}:", { name: quoted(m.key, words) });
    return say(words, META_NAMES[m.field]);
  }

  /** redline_html.in_full: the old and new values whole, where the word redline keeps part of them. */
  function inFull(m, words) {
    if (m.field === EFFECTIVE || !m.old || !m.new) return "";
    var kept = m.diff.segments.some(function (s) {
      return s.op === EQUAL;
    });
    if (!kept) return "";
    return say(words, "(in full: {old} → {new})", { old: quoted(m.old, words), new: quoted(m.new, words) });
  }

  /** redline_html.metadata_html: the title, date, summary and facts that changed. */
  function metadataHtml(change, words, hideMinor) {
    if (!change.metadata || !change.metadata.length) return "";
    var items = change.metadata
      .map(function (m) {
        var value =
          m.field === EFFECTIVE
            ? escape(
                [m.old, m.new]
                  .filter(function (d) {
                    return d;
                  })
                  .join(" → ")
              )
            : textDiffHtml(m.diff, hideMinor, words);
        var full = inFull(m, words);
        if (full) value += ' <span class="ld-meta-full">' + shownText(full) + "</span>";
        return (
          '<li class="ld-meta ld-meta-' + escape(m.field) + '"><span class="ld-meta-label">' +
          escape(metaLabel(m, words)) + "</span> " + value + "</li>"
        );
      })
      .join("");
    return (
      '<ul class="ld-metadata" aria-label="' + escape(say(words, "Changed outside the sections")) + '">' + items +
      "</ul>"
    );
  }

  /** redline_html.placement_text: where the purpose table or the versions list went. */
  function placementText(change, s, words) {
    var b = change.new || change.old;
    var what = say(words, GENERATED_NAMES[b.text] || GENERATED_NAMES.versions);
    if (change.status === MOVED_IN || change.status === MOVED_OUT) {
      var here = change.status === MOVED_IN ? s.old_id : s.new_id;
      if (change.other_section === here) return say(words, "{what} moved within this section.", { what: what });
      var shown = otherShown(change);
      if (!shown) {
        var phrase = change.status === MOVED_IN ? "{what} moved here from {section}." : "{what} moved to {section}.";
        return say(words, phrase, { what: what, section: otherName(change, words) });
      }
      if (change.status === MOVED_IN) {
        return say(words, "{what} moved here from section {number}.", { what: what, number: shown });
      }
      return say(words, "{what} moved to section {number}.", { what: what, number: shown });
    }
    if (change.status === INSERTED) return say(words, "{what} is shown here now.", { what: what });
    if (change.status === DELETED) return say(words, "{what} is no longer shown here.", { what: what });
    return "";
  }

  function note(text) {
    return '<span class="ld-note">' + escape(text) + "</span> ";
  }

  /**
   * The block's own HTML (sanitised by the renderer, as the published page shows it) with classes
   * added, its content (each cell's, for a row) inside <mark>: parsed in an inert <template>.
   */
  function wrap(html, classes, mark, noteText, images) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var element = template.content.firstElementChild;
    if (!element) return "";
    element.setAttribute("class", ((element.getAttribute("class") || "") + " " + classes).trim());
    var targets =
      element.tagName === "TR"
        ? Array.prototype.filter.call(element.children, function (c) {
            return c.tagName === "TH" || c.tagName === "TD";
          })
        : [element];
    targets.forEach(function (target, n) {
      if (mark) {
        var wrapper = document.createElement(mark);
        wrapper.className = "ld-" + mark;
        while (target.firstChild) wrapper.appendChild(target.firstChild);
        target.appendChild(wrapper);
      }
      if (noteText && n === 0) {
        var span = document.createElement("span");
        span.className = "ld-note";
        span.textContent = noteText;
        target.insertBefore(document.createTextNode(" "), target.firstChild);
        if (images) {
          var pictures = document.createElement("template");
          pictures.innerHTML = images;
          target.insertBefore(pictures.content.firstChild, target.firstChild);
          target.insertBefore(document.createTextNode(" "), target.firstChild);
        }
        target.insertBefore(span, target.firstChild);
      }
    });
    return element.outerHTML;
  }

  function cellsHtml(change, contents, noteHtml) {
    var b = change.new || change.old, tags = b.cell_tags.length ? b.cell_tags : ["td"];
    if (contents.length > 1 && contents.length !== tags.length) {
      // A table's columns changed: one cell per column of both (table_redline, rule 2).
      tags = contents.map(function () {
        return isHeaderRow(b) ? "th" : "td";
      });
    }
    if (contents.length !== tags.length) return '<td colspan="' + tags.length + '">' + noteHtml + contents[0] + "</td>";
    return tags
      .map(function (t, n) {
        var tag = t === "th" ? "th" : "td";
        return "<" + tag + ">" + (n === 0 ? noteHtml : "") + contents[n] + "</" + tag + ">";
      })
      .join("");
  }

  function movedNote(change, s, words) {
    var here = change.status === MOVED_IN ? s.old_id : s.new_id;
    if (change.other_section === here) {
      return change.status === MOVED_IN
        ? say(words, "Moved here from elsewhere in this section.")
        : say(words, "Moved elsewhere in this section:");
    }
    var shown = otherShown(change);
    if (!shown) {
      var phrase = change.status === MOVED_IN ? "Moved here from {section}." : "Moved to {section}:";
      return say(words, phrase, { section: otherName(change, words) });
    }
    if (change.status === MOVED_IN) return say(words, "Moved here from section {number}.", { number: shown });
    return say(words, "Moved to section {number}:", { number: shown });
  }

  /** redline.BlockChange.other_shown: the other section's number as its page shows it, "" where none. */
  function otherShown(change) {
    return shownNumber(change.other_number, change.other_label);
  }

  /** redline_html.other_name: "section 3", else the other section's title in quotes (“Preamble” for none). */
  function otherName(change, words) {
    var shown = otherShown(change);
    if (shown) return say(words, "section {number}", { number: shown });
    return say(words, "“{text}”", { text: change.other_title || say(words, RULES.preamble) });
  }

  var SAFE_TAG = /^[a-z][a-z0-9]*$/;

  // "Spacing only:" where only white space changed, "Punctuation only:" where punctuation did (or
  // both); for a purpose row (changed), "Spacing changed." or "Punctuation changed.".
  function minorLabel(diffs, words, changed) {
    var kinds = diffs
      .map(function (d) {
        return d.kind;
      })
      .filter(function (k) {
        return k !== T_UNCHANGED;
      });
    var spacing =
      kinds.length &&
      kinds.every(function (k) {
        return k === WHITESPACE;
      });
    if (changed) return say(words, spacing ? "Spacing changed." : "Punctuation changed.");
    return say(words, spacing ? "Spacing only:" : "Punctuation only:");
  }

  // redline_html.VOID: blocks that are an element with nothing inside it (a rule, a lone line break).
  var VOID = ["hr", "br"];

  /** redline_html._beside: a block with no words to mark, its note beside it in a div with its classes. */
  function beside(change, s, words) {
    var b = change.new || change.old;
    var moved = change.status === MOVED_IN || change.status === MOVED_OUT ? movedNote(change, s, words) : "";
    var noteText = (moved + " " + formattingText(change, words)).replace(STRIP, "");
    var classes = "ld-block ld-" + change.status.replace("_", "-") + (change.formatting.length ? " ld-formatting" : "");
    return '<div class="' + classes + '">' + (noteText ? note(noteText) : "") + b.html + "</div>";
  }

  function blockHtml(change, s, hideMinor, words) {
    var b = change.new || change.old;
    if (b.kind === GENERATED) {
      var placed = placementText(change, s, words);
      return placed
        ? '<p class="ld-block ld-placement ld-' + escape(change.status.replace("_", "-")) + '">' + note(placed) + "</p>"
        : "";
    }
    if (change.status === UNCHANGED || (hideMinor && isMinorBlock(change))) return b.html;
    if (VOID.indexOf(b.tag) >= 0 || ((change.status === INSERTED || change.status === DELETED) && change.formatting.length)) {
      return beside(change, s, words);
    }
    var texts = b.cells.length ? b.cells : [b.text];
    var invisible = texts.some(function (t) {
      return t.search(INVISIBLE) >= 0;
    });
    if (change.status === INSERTED && !invisible) return wrap(b.html, "ld-block ld-inserted", "ins");
    var formatting = formattingText(change, words), images = imagesHtml(change);
    if (change.status === CHANGED && isMarkupOnly(change)) {
      return wrap(b.html, "ld-block ld-changed ld-formatting", "", formatting, images);
    }
    var noteText = change.status === MOVED_IN || change.status === MOVED_OUT ? movedNote(change, s, words) : "";
    if (isMinorBlock(change)) noteText = minorLabel(change.diffs, words);
    noteText = (noteText + " " + formatting).replace(STRIP, "");
    var marked = formatting ? " ld-formatting" : "";
    if (change.status === MOVED_IN && !change.diffs.length) {
      return wrap(b.html, "ld-block ld-moved-in" + marked, "", noteText, images);
    }
    var classes = {};
    classes[CHANGED] = "ld-block ld-changed" + (isMinorBlock(change) ? " ld-minor" : "") + marked;
    classes[INSERTED] = "ld-block ld-inserted";
    classes[MOVED_IN] = "ld-block ld-moved-in ld-changed" + marked;
    classes[DELETED] = "ld-block ld-deleted";
    classes[MOVED_OUT] = "ld-block ld-moved-out";
    classes = classes[change.status];
    var contents;
    if (change.status === DELETED || change.status === MOVED_OUT) {
      var moved = change.status === MOVED_OUT ? " ld-moved" : "";
      contents = texts.map(function (t) {
        return t ? '<del class="ld-del' + moved + '">' + shownText(blockShown(b, t)) + "</del>" : "";
      });
    } else if (change.status === INSERTED) {
      // With invisible characters: as text, each shown by its mark.
      contents = texts.map(function (t) {
        return t ? '<ins class="ld-ins">' + shownText(blockShown(b, t)) + "</ins>" : "";
      });
    } else {
      contents = change.diffs.map(function (d) {
        return textDiffHtml(d, hideMinor, words);
      });
    }
    var noteHtml = (noteText ? note(noteText) : "") + (images ? images + " " : "");
    if (b.tag === "tr") return '<tr class="' + classes + '">' + cellsHtml(change, contents, noteHtml) + "</tr>";
    var tag = SAFE_TAG.test(b.tag || "") ? b.tag : "p";
    return "<" + tag + ' class="' + classes + '">' + noteHtml + contents.join("") + "</" + tag + ">";
  }

  function closeContainer(c) {
    return c === "table" ? "</tbody></table>" : "</" + c + ">";
  }

  /** redline_html.holds_table: where the redline shows the purpose table. */
  function holdsTable(change) {
    var b = change.new || change.old;
    return !!b && b.kind === GENERATED && b.text === "purposes" && change.status !== MOVED_OUT;
  }

  /** table_redline.another_table: whether a row starts another table than the open one. */
  function anotherTable(change, last) {
    var old = change.old && change.status !== MOVED_IN ? change.old.group : null;
    var neu = change.new && change.status !== MOVED_OUT ? change.new.group : null;
    var split = neu !== null ? "new" in last && last.new !== neu : old !== null && "old" in last && last.old !== old;
    if (split) {
      delete last.old;
      delete last.new;
    }
    if (old !== null) last.old = old;
    if (neu !== null) last.new = neu;
    return split;
  }

  function blocksHtml(s, hideMinor, purposesHtml, words) {
    var out = [], open = "", rows = [], rowChanges = []; // the open table's rows: tableHtml shows them
    var close = function () {
      out.push(open === "table" ? tableHtml(rowChanges, rows) : closeContainer(open));
    };
    var table = {}; // the open table's, by side (anotherTable)
    s.blocks.forEach(function (change) {
      var b = change.new || change.old;
      var container = CONTAINERS.indexOf(b.container) >= 0 ? b.container : "";
      if (b.kind === "item" && b.depth) container = container || "ul";
      if (container === "table") {
        if (open !== "table") table = {};
        if (anotherTable(change, table)) {
          out.push(tableHtml(rowChanges, rows));
          rows = [];
          rowChanges = [];
        }
      }
      if (container !== open) {
        if (open) close();
        if (container && container !== "table") out.push("<" + container + ">");
        open = container;
        rows = [];
        rowChanges = [];
      }
      if (b.kind === GENERATED) {
        out.push(blockHtml(change, s, hideMinor, words));
        if (b.text === "purposes" && change.status !== MOVED_OUT) out.push(purposesHtml);
        return;
      }
      var html = blockHtml(change, s, hideMinor, words);
      if (b.depth && b.kind === "item") html = html.replace("<li", '<li data-depth="' + Number(b.depth) + '"');
      if (open === "table") {
        rows.push(html);
        rowChanges.push(change);
      } else out.push(html);
    });
    if (open) close();
    return out.join("");
  }

  function numberHtml(s) {
    var old = shownNumber(s.old_number, s.old_label), neu = shownNumber(s.new_number, s.new_label);
    if (s.renumbered && old && neu) {
      return (
        '<span class="ld-number"><span class="ld-old-number">§' + escape(old) + "</span> → " +
        '<span class="ld-new-number">§' + escape(neu) + "</span></span> "
      );
    }
    var number = neu || old;
    return number ? '<span class="ld-number">§' + escape(number) + "</span> " : "";
  }

  /** redline_html._moved: a block moved in from (out to) each other section, in their order. */
  function movedBlocks(s, status) {
    var here = status === MOVED_IN ? s.old_id : s.new_id, found = new Map();
    s.blocks.forEach(function (c) {
      if (c.status === status && (c.new || c.old).kind !== GENERATED && c.other_section !== here) {
        if (!found.has(c.other_number)) found.set(c.other_number, c);
      }
    });
    return Array.from(found.keys())
      .sort(function (a, b) {
        return a - b;
      })
      .map(function (n) {
        return found.get(n);
      });
  }

  /** redline_html._sections: the other sections of these moves as their pages name them. */
  function sectionsText(moves, words) {
    if (moves.length === 1) return otherName(moves[0], words);
    if (moves.every(otherShown)) {
      var shown = moves.map(otherShown);
      return say(words, "sections {numbers} and {last}", {
        numbers: shown.slice(0, -1).join(", "),
        last: shown[shown.length - 1],
      });
    }
    var names = moves.map(function (m) {
      return otherName(m, words);
    });
    return say(words, "{items} and {last}", { items: names.slice(0, -1).join(", "), last: names[names.length - 1] });
  }

  function sectionNotes(s, words) {
    var notes = [];
    if (s.status === ADDED) notes.push(say(words, "New section."));
    if (s.status === REMOVED) notes.push(say(words, "Section removed."));
    var old = shownNumber(s.old_number, s.old_label), neu = shownNumber(s.new_number, s.new_label);
    if (s.moved && old && neu) {
      notes.push(say(words, "Moved: was section {old}, now section {new}.", { old: old, new: neu }));
    } else if (s.moved) notes.push(say(words, "Moved to another place among the sections."));
    else if (s.renumbered && old) notes.push(say(words, "Renumbered: was section {number}.", { number: old }));
    if (s.renamed) notes.push(say(words, "Renamed: was “{title}”.", { title: s.old_title }));
    if (s.moved_in_from.length) {
      notes.push(say(words, "Text moved here from {sections}.", { sections: sectionsText(movedBlocks(s, MOVED_IN), words) }));
    }
    if (s.moved_out_to.length) {
      notes.push(say(words, "Text moved to {sections}.", { sections: sectionsText(movedBlocks(s, MOVED_OUT), words) }));
    }
    return notes;
  }

  function sectionHtml(s, hideMinor, purposesHtml, purposesChanged, words) {
    var title = s.old_title || s.new_title ? textDiffHtml(s.title, hideMinor, words) : "";
    title = title || escape(say(words, RULES.preamble)); // a file document's text before its first heading
    var anchor = escape("ld-change-" + (s.new_id || s.old_id));
    var body = blocksHtml(s, hideMinor, purposesHtml, words);
    var holdsPurposes = purposesChanged && s.blocks.some(holdsTable);
    var quiet = !sectionChanged(s) || (hideMinor && isMinorSection(s));
    if (quiet && !holdsPurposes) {
      return (
        '<details class="ld-change ld-section-unchanged" id="' + anchor + '"><summary>' +
        '<span class="ld-change-title">' + numberHtml(s) + title + "</span> " +
        '<span class="ld-unchanged-note">' + escape(say(words, "(no changes)")) + "</span></summary>" + body + "</details>"
      );
    }
    var notes = sectionNotes(s, words)
      .map(function (n) {
        return "<li>" + escape(n) + "</li>";
      })
      .join("");
    var classes = "ld-change ld-section-" + s.status + (s.moved ? " ld-moved" : "");
    return (
      '<section class="' + escape(classes) + '" id="' + anchor + '">' +
      '<h2 class="ld-change-title">' + numberHtml(s) + title + "</h2>" +
      (notes ? '<ul class="ld-change-notes">' + notes + "</ul>" : "") + body + "</section>"
    );
  }

  /** redline_html.fact_key: which of RULES.fact_phrases says a purpose's fact. */
  function factKey(f) {
    return f.subject + " " + f.change + (f.subject === BASIS && (f.new || f.old) ? " " + INTEREST : "");
  }

  function factText(f, words) {
    return say(words, RULES.fact_phrases[factKey(f)], {
      label: f.label,
      old: f.old,
      new: f.new,
      interest: f.new || f.old,
    });
  }

  // redline_html.column_labels: each cell's column name, its label where a phone stacks a row into a card.
  function columnLabels(columns, words) {
    return columns.concat([say(words, RULES.what_changed)]);
  }

  function purposeRowHtml(row, hideMinor, words, labels) {
    var cells, what;
    if (row.status === UNCHANGED && !row.moved) {
      what = escape(say(words, "No change."));
      cells = row.cells.map(function (d) {
        return d.segments.length ? escape(d.segments[0].new) : "";
      });
    } else {
      cells = row.cells.map(function (d) {
        return textDiffHtml(d, hideMinor, words);
      });
      var found = row.facts.map(function (f) {
        return factText(f, words);
      });
      if (row.status === ADDED) found.unshift(say(words, "Purpose added."));
      if (row.status === REMOVED) found.unshift(say(words, "Purpose removed."));
      if (row.moved) found.push(say(words, "Moved in the table."));
      what =
        found
          .map(function (f) {
            return "<li>" + escape(f) + "</li>";
          })
          .join("") ||
        "<li>" +
          escape(
            row.cells.some(isMinorDiff) &&
              row.cells.every(function (d) {
                return isMinorDiff(d) || d.kind === T_UNCHANGED;
              })
              ? minorLabel(row.cells, words, true)
              : say(words, "Wording changed.")
          ) +
          "</li>";
      what = '<ul class="ld-facts">' + what + "</ul>";
    }
    var moved = row.moved ? " ld-moved" : "";
    var label = [0, 1, 2, 3].map(function (i) {
      return labels && labels.length === 4 ? ' data-label="' + escape(labels[i]) + '"' : "";
    });
    return (
      '<tr class="ld-purpose-' + escape(row.status) + moved + '" id="ld-change-purpose-' + escape(row.id) + '">' +
      '<th scope="row"' + label[0] + ">" + cells[0] + "</th><td" + label[1] + ">" + cells[1] + "</td><td" +
      label[2] + ">" + cells[2] + "</td><td" + label[3] + ">" + what + "</td></tr>"
    );
  }

  function purposesHtml(p, hideMinor, words) {
    if (!p) return "";
    var head = (p.headers && p.headers.length
      ? p.headers.map(function (d) {
          return textDiffHtml(d, hideMinor, words);
        })
      : p.columns.map(escape)
    )
      .map(function (h) {
        return '<th scope="col">' + h + "</th>";
      })
      .join("");
    var rows = p.purposes
      .map(function (r) {
        return purposeRowHtml(r, hideMinor, words, columnLabels(p.columns, words));
      })
      .join("");
    return (
      '<div class="ld-purposes-change ld-purposes-' + escape(p.status) + (p.moved ? " ld-moved" : "") +
      '"><table class="ld-purpose-table">' +
      "<caption>" + textDiffHtml(p.caption, hideMinor, words) + "</caption>" +
      '<thead><tr>' + head + '<th scope="col">' + escape(say(words, RULES.what_changed)) + "</th></tr></thead><tbody>" +
      rows + "</tbody></table></div>"
    );
  }

  /**
   * redline_html.change_html: counts, the title, date, summary and facts that changed, every section,
   * the purpose table where its section holds (or held) it.
   * options.hideMinor: changes of white space or punctuation only shown as the new text, unmarked.
   * options.words: the phrases of words.py in the page's language (as #ld-words holds them); English
   * without them, as redline_html writes by default.
   * Returns an HTML string: every text of the versions escaped; unchanged blocks are the HTML the
   * renderer sanitised for the published pages.
   */
  function render(change, options) {
    var hideMinor = !!(options && options.hideMinor);
    var words = (options && options.words) || null;
    var table = purposesHtml(change.purposes, hideMinor, words);
    var placed = change.sections.some(function (s) {
      return s.blocks.some(holdsTable);
    });
    var changed = !!change.purposes && change.purposes.status !== UNCHANGED;
    var sections = change.sections
      .map(function (s) {
        return sectionHtml(s, hideMinor, table, changed, words);
      })
      .join("");
    var top = countsHtml(change.counts, words) + metadataHtml(change, words, hideMinor);
    return '<div class="ld-redline">' + top + sections + (placed || !table ? "" : table) + "</div>";
  }

  root.LegalDocsRedline = {
    FORMAT: FORMAT,
    compare: compare,
    render: render,
    // The pieces, for a page that lays them out itself and for tests.
    diff: diff,
    tokenise: tokenise,
    words: words,
    lookalikes: lookalikes,
    // The rules it was built with (redline_rules.RULES).
    rules: RULES,
    matches: matches,
    similarity: similarity,
    textDiffHtml: textDiffHtml,
    sectionHtml: sectionHtml,
    purposesHtml: purposesHtml,
    countsHtml: countsHtml,
    metadataHtml: metadataHtml,
    formatText: formatText,
  };
})(typeof window !== "undefined" ? window : globalThis);
