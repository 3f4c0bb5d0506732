// The report's script: draws a document's action cards from the page's action data when its
// group is opened or a search finds something in it (a page of 300 documents would otherwise
// be tens of megabytes of markup), keeps the threads and actions a query finds (search.js,
// the rule `govtrail trace` applies) and hides the others (with the `hidden` attribute), and
// reads the initial query from the page address (`?q=Oracle` or `#q=Oracle`) so a filtered
// view can be shared.
(function () {
  "use strict";
  var box = document.getElementById("q");
  var count = document.getElementById("match-count");
  var threads = Array.prototype.slice.call(document.querySelectorAll(".thread"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".doc-actions"));
  var dataNode = document.getElementById("action-data");
  var parsed = dataNode ? JSON.parse(dataNode.textContent) : { strings: [], documents: [] };
  var data = parsed.documents;
  // Recurring short texts are numbers into this list (documents.rs, `Strings`).
  var S = parsed.strings;
  function str(id) { return id === null ? null : S[id]; }
  var SUMMARY_WORDS = 40;
  var RAG_LABEL = { green: "green", amber: "amber", red: "red", complete: "complete",
    not_started: "not started", on_hold: "on hold", na: "n/a" };

  // The fields of one action in the data, in the order documents.rs writes them.
  var REF = 0, KIND = 1, TITLE = 2, TEXT = 3, OWNERS = 4, DUE = 5, DUE_DATE = 6, MEASURE = 7,
    STATUS = 8, UPDATE_PERIOD = 9, UPDATE = 10, LINE = 11, LINES = 12, LINE_COUNT = 13,
    SHEET = 14, PLACE = 15, THREADS = 16, MOVED = 17;

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function ragLabel(rag) { return rag ? RAG_LABEL[rag] || rag : "unrecognised"; }

  // A text shown by its first words, the whole of it in a <details> when it is longer.
  function longText(cls, label, text) {
    var html = '<div class="' + cls + '">';
    if (label) { html += '<span class="k">' + esc(label) + "</span> "; }
    var words = text.split(/\s+/).filter(function (w) { return w.length > 0; });
    if (words.length > SUMMARY_WORDS) {
      html += esc(words.slice(0, SUMMARY_WORDS).join(" ")) + "…<details><summary>full text</summary><p>" + esc(text) + "</p></details>";
    } else {
      html += esc(text);
    }
    return html + "</div>";
  }

  function badge(status) {
    var raw = S[status[1]];
    var shown = raw.trim() ? raw : ragLabel(status[2]);
    return '<span class="badge rag-' + (status[2] || "unknown") + '" title="' + ragLabel(status[2]) + '">' + esc(shown) + "</span>";
  }

  function card(documentId, d, a, act) {
    var html = '<li class="action' + (act[MOVED] ? " moved-" + act[MOVED] : "") + '" id="a-' + d + "-" + a + '"><div class="head">';
    html += '<span class="ref">' + esc(act[REF] === null ? "(no ref)" : act[REF]) + '</span> <span class="kind">' + esc(S[act[KIND]]) + "</span> ";
    if (act[TITLE] !== null) { html += '<span class="title">' + esc(act[TITLE]) + "</span> "; }
    if (S[act[PLACE]]) { html += '<span class="ctx">' + esc(S[act[PLACE]]) + "</span> "; }
    act[THREADS].forEach(function (t) {
      html += '<a class="in-thread" href="#th-' + t[0] + '">thread ' + esc(t[1]) + "</a> ";
    });
    html += "</div>";
    if (act[TEXT]) { html += longText("text", "", act[TEXT]); }
    if (S[act[OWNERS]] || act[DUE] !== null || act[MEASURE] !== null) {
      html += '<div class="facts">';
      if (S[act[OWNERS]]) { html += '<span class="owners"><span class="k">Owners</span> ' + esc(S[act[OWNERS]]) + "</span> "; }
      if (act[DUE] !== null) {
        html += '<span class="due"><span class="k">Due</span> ' + esc(S[act[DUE]]);
        if (act[DUE_DATE] !== null) { html += ' <span class="date">(' + esc(act[DUE_DATE]) + ")</span>"; }
        html += "</span> ";
      }
      html += "</div>";
      if (act[MEASURE] !== null) { html += longText("measure", "Measure", act[MEASURE]); }
    }
    if (act[STATUS].length > 0) {
      html += '<div class="status"><span class="k">Status</span> ';
      act[STATUS].forEach(function (s, at) {
        if (at > 0) {
          var before = act[STATUS][at - 1];
          html += s[3]
            ? ' <span class="change ' + s[3] + '" title="' + s[3] + '">' + ragLabel(before[2]) + " → " + ragLabel(s[2]) + ' <span class="verb">' + s[3] + "</span></span> "
            : ' <span class="arrow">→</span> ';
        }
        if (s[0] !== null) { html += '<span class="period">' + esc(S[s[0]]) + "</span> "; }
        html += badge(s);
      });
      html += "</div>";
    }
    if (act[UPDATE] !== null) {
      html += longText("update", act[UPDATE_PERIOD] !== null ? "Latest update (" + str(act[UPDATE_PERIOD]) + ")" : "Latest update", act[UPDATE]);
    }
    var unit = act[SHEET] ? "row" : "line";
    html += '<div class="source">source <cite>' + esc(documentId) + ":" + act[LINE] + '</cite> <span class="lines">' + unit + (act[LINE_COUNT] > 1 ? "s" : "") + " " + esc(act[LINES]) + "</span></div>";
    return html + "</li>";
  }

  // Draws document d's cards once; returns its list.
  function draw(d) {
    var group = groups[d];
    var list = group.querySelector("ol.actions");
    if (!group.hasAttribute("data-drawn") && data[d]) {
      var documentId = data[d][0];
      list.innerHTML = data[d][1].map(function (act, a) { return card(documentId, d, a, act); }).join("");
      group.setAttribute("data-drawn", "");
    }
    return list;
  }

  // What a query finds (search.js, the rule `govtrail trace` applies), built on the first
  // search.
  var searchNode = document.getElementById("search-data");
  var searcher = null;
  function finder() {
    if (searcher === null) {
      var search = searchNode ? JSON.parse(searchNode.textContent) : { fold: "", tokens: [], stop: "", expansions: {}, threads: [], repeated: [] };
      searcher = govtrailSearch(search, data);
    }
    return searcher;
  }

  // What to show: the threads and cards a query finds, or those whose rating made a move
  // (a document's "5 worsened" links to `#moved=worsened`).
  function bySearch(query) {
    var s = finder();
    var found = s.find(query);
    var threadShown = {};
    found.threads.forEach(function (t) { threadShown[t] = true; });
    var keys = s.shownKeys(found);
    return {
      thread: function (t) { return threadShown[t] === true; },
      card: function (d, act) { return act[REF] !== null && keys[s.key(d, act[REF])] === true; }
    };
  }
  function byMove(change) {
    return {
      thread: function (t, element) { return element.querySelector(".member.moved-" + change) !== null; },
      card: function (d, act) { return act[MOVED] === change; }
    };
  }

  function apply(query, shows) {
    var filtering = query.trim().length > 0;
    var show = filtering ? shows(query.trim()) : null;
    var threadsShown = 0, actionsShown = 0, actionsTotal = 0;
    threads.forEach(function (thread) {
      var shown = !filtering || show.thread(Number(thread.id.slice(3)), thread);
      thread.hidden = !shown;
      if (shown) { threadsShown += 1; }
    });
    groups.forEach(function (group, d) {
      var actions = data[d] ? data[d][1] : [];
      actionsTotal += actions.length;
      var candidate = filtering && actions.some(function (act) { return show.card(d, act); });
      var shownHere = 0;
      if (candidate || group.hasAttribute("data-drawn")) {
        var list = candidate ? draw(d) : group.querySelector("ol.actions");
        Array.prototype.forEach.call(list.children, function (item) {
          var a = Number(item.id.split("-")[2]);
          var shown = !filtering || show.card(d, actions[a]);
          item.hidden = !shown;
          if (shown) { shownHere += 1; }
        });
      }
      if (filtering) { actionsShown += shownHere; }
      group.hidden = filtering && shownHere === 0;
      if (filtering && shownHere > 0) { group.open = true; }
      var note = group.querySelector(".group-count");
      if (note) { note.textContent = filtering ? shownHere + " matching" : ""; }
    });
    document.body.setAttribute("data-query", query);
    count.textContent = filtering
      ? threadsShown + " of " + threads.length + " threads, " + actionsShown + " of " + actionsTotal + " actions match"
      : "";
  }

  // The text after `prefix` in the page's fragment, decoded.
  function fromHash(prefix) {
    var text = location.hash.slice(prefix.length).replace(/\+/g, " ");
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }

  function initialQuery() {
    if (location.hash.indexOf("#q=") === 0) { return fromHash("#q="); }
    var fromSearch = new URLSearchParams(location.search).get("q");
    return fromSearch === null ? "" : fromSearch;
  }

  // Following a link to an action (`#a-2-14`) draws its document and opens the groups
  // around it.
  function openTarget() {
    var id = location.hash.slice(1);
    var card = /^a-(\d+)-\d+$/.exec(id);
    if (card && groups[Number(card[1])]) { draw(Number(card[1])); }
    var element = id && id.indexOf("q=") !== 0 && id.indexOf("moved=") !== 0 ? document.getElementById(id) : null;
    var target = element;
    for (; element; element = element.parentElement) {
      if (element.tagName === "DETAILS") { element.open = true; }
    }
    if (target && card) { target.scrollIntoView(); }
  }

  groups.forEach(function (group, d) {
    group.addEventListener("toggle", function () { if (group.open) { draw(d); } });
  });

  // A `#moved=` link (a document's "5 worsened") shows the moves; otherwise the query runs.
  function applyAddress() {
    if (location.hash.indexOf("#moved=") === 0) {
      box.value = "";
      apply(fromHash("#moved="), byMove);
      return;
    }
    var query = initialQuery();
    box.value = query;
    box.setAttribute("value", query);
    apply(query, bySearch);
  }

  applyAddress();
  openTarget();
  window.addEventListener("hashchange", function () {
    if (location.hash.indexOf("#q=") === 0 || location.hash.indexOf("#moved=") === 0) {
      applyAddress();
    } else {
      openTarget();
    }
  });
  box.addEventListener("input", function () {
    apply(box.value, bySearch);
    try {
      history.replaceState(null, "", box.value ? "#q=" + encodeURIComponent(box.value) : location.pathname + location.search);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the filter still works.
    }
  });
})();
