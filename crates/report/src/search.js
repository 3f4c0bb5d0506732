// What a query finds, by the rule `govtrail trace` applies (crates/link/src/search.rs): a
// thread id, a ref in any ASCII case, or words looked up in the corpus's vocabulary that the
// page embeds (every word form the documents print -> token ids: the normaliser's folding,
// stemming and learnt abbreviations, computed once in Rust). A word no document prints
// matches nothing. Kept apart from the page's drawing so that a test can run it in node.
var govtrailSearch = function (search, documents) {
  "use strict";
  var REF = 0, TITLE = 2, TEXT = 3;
  var has = Object.prototype.hasOwnProperty;
  // Look-alike letters as the normaliser reads them ("С" in Cyrillic as "C"), in pairs.
  var fold = {};
  var pairs = Array.from(search.fold);
  var classes = "";
  for (var f = 0; f + 1 < pairs.length; f += 2) {
    fold[pairs[f]] = pairs[f + 1];
    classes += "\\u{" + pairs[f].codePointAt(0).toString(16) + "}";
  }
  var folded = classes ? new RegExp("[" + classes + "]", "gu") : null;
  var WORD = /[\p{Alphabetic}\p{N}][\p{Alphabetic}\p{N}']*/gu;

  // The words of `text` as the normaliser splits them: runs of letters and digits,
  // apostrophes kept inside a word and dropped at its end ("Children's", "Trusts'").
  function words(text) {
    var plain = folded ? text.replace(folded, function (c) { return fold[c]; }) : text;
    return (plain.match(WORD) || []).map(function (w) { return w.replace(/'+$/, ""); });
  }

  // Every lower-cased word form the documents print -> its token id, or -1 for a stop word.
  var forms = {};
  search.tokens.forEach(function (list, id) {
    list.split(" ").forEach(function (form) { if (form) { forms[form] = id; } });
  });
  search.stop.split(" ").forEach(function (form) { if (form) { forms[form] = -1; } });

  // The token ids of one word, or null when no document prints it.
  function word(w) {
    if (has.call(search.expansions, w)) { return search.expansions[w]; }
    var lower = w.toLowerCase();
    if (!has.call(forms, lower)) { return null; }
    return forms[lower] < 0 ? [] : [forms[lower]];
  }

  // The token ids of a document's text, as a set.
  function tokens(text) {
    var set = {};
    words(text).forEach(function (w) { (word(w) || []).forEach(function (id) { set[id] = true; }); });
    return set;
  }

  function key(d, reference) { return d + "\u0000" + reference; }

  // The items: each (document, ref) by the row that defines it.
  var repeated = {};
  search.repeated.forEach(function (at) { repeated[at[0] + "," + at[1]] = true; });
  var items = [];
  var itemAt = {};
  documents.forEach(function (doc, d) {
    doc[1].forEach(function (act, a) {
      if (act[REF] !== null && !repeated[d + "," + a]) {
        itemAt[key(d, act[REF])] = items.length;
        items.push({ d: d, a: a, ref: act[REF], threaded: false, title: null, text: null });
      }
    });
  });
  var threads = search.threads.map(function (t) {
    var members = t[2].map(function (m) {
      var at = m[0] < 0 ? undefined : itemAt[key(m[0], m[1])];
      if (at !== undefined) { items[at].threaded = true; }
      return { item: at, ref: m[1], title: set(m[2]) };
    });
    return { id: t[0], title: set(t[1]), members: members };
  });
  function set(ids) {
    var s = {};
    ids.forEach(function (id) { s[id] = true; });
    return s;
  }
  function titleOf(item) {
    if (item.title === null) {
      var title = documents[item.d][1][item.a][TITLE];
      item.title = title === null ? {} : tokens(title);
    }
    return item.title;
  }
  function textOf(item) {
    if (item.text === null) { item.text = tokens(documents[item.d][1][item.a][TEXT]); }
    return item.text;
  }

  function asciiLower(text) { return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }

  function threadsWhere(keep) {
    var out = [];
    threads.forEach(function (t, at) { if (keep(t)) { out.push(at); } });
    return out;
  }
  function unthreadedWhere(keep) {
    var out = [];
    items.forEach(function (item, at) { if (!item.threaded && keep(item)) { out.push(at); } });
    return out;
  }

  // What `query` finds: thread indexes (the page's `th-N`) and items outside any thread.
  function find(raw) {
    var query = raw.trim();
    for (var t = 0; t < threads.length; t += 1) {
      if (threads[t].id === query) { return { threads: [t], items: [] }; }
    }
    var lowerQuery = asciiLower(query);
    var isRef = function (r) { return asciiLower(r) === lowerQuery; };
    if (items.some(function (item) { return isRef(item.ref); })) {
      return {
        threads: threadsWhere(function (th) { return th.members.some(function (m) { return isRef(m.ref); }); }),
        items: unthreadedWhere(function (item) { return isRef(item.ref); })
      };
    }
    var wanted = [];
    var known = words(query).every(function (w) {
      var ids = word(w);
      if (ids !== null) { wanted = wanted.concat(ids); }
      return ids !== null;
    });
    if (!known || wanted.length === 0) { return { threads: [], items: [] }; }
    var names = function (s) { return wanted.every(function (id) { return s[id] === true; }); };
    var found = threadsWhere(function (th) {
      return names(th.title) || th.members.some(function (m) { return names(m.title); });
    });
    if (found.length === 0) {
      found = threadsWhere(function (th) {
        return th.members.some(function (m) { return m.item !== undefined && names(textOf(items[m.item])); });
      });
    }
    return {
      threads: found,
      items: unthreadedWhere(function (item) { return names(titleOf(item)) || names(textOf(item)); })
    };
  }

  // The (document, ref) keys of what `query` finds: its items and its threads' members.
  function shownKeys(found) {
    var shown = {};
    found.items.forEach(function (i) { shown[key(items[i].d, items[i].ref)] = true; });
    found.threads.forEach(function (t) {
      threads[t].members.forEach(function (m) {
        if (m.item !== undefined) { shown[key(items[m.item].d, m.ref)] = true; }
      });
    });
    return shown;
  }

  return { find: find, items: items, threads: threads, key: key, shownKeys: shownKeys };
};
