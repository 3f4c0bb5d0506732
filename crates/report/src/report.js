// The report's search: keeps the threads and the actions whose text holds every word typed,
// hides the others (with the `hidden` attribute), and reads the initial query from the page
// address (`?q=Oracle` or `#q=Oracle`) so a filtered view can be shared.
(function () {
  "use strict";
  var box = document.getElementById("q");
  var count = document.getElementById("match-count");
  var threads = Array.prototype.slice.call(document.querySelectorAll(".thread"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".doc-actions"));

  function words(query) {
    return query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  function holds(element, terms) {
    var text = element.textContent.toLowerCase();
    return terms.every(function (term) { return text.indexOf(term) !== -1; });
  }

  function apply(query) {
    var terms = words(query);
    var filtering = terms.length > 0;
    var threadsShown = 0, actionsShown = 0, actionsTotal = 0;
    threads.forEach(function (thread) {
      var shown = holds(thread, terms);
      thread.hidden = !shown;
      if (shown) { threadsShown += 1; }
    });
    groups.forEach(function (group) {
      var shownHere = 0;
      Array.prototype.forEach.call(group.querySelectorAll(".action"), function (action) {
        var shown = holds(action, terms);
        action.hidden = !shown;
        actionsTotal += 1;
        if (shown) { shownHere += 1; }
      });
      actionsShown += shownHere;
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

  function initialQuery() {
    var hash = location.hash;
    if (hash.indexOf("#q=") === 0) {
      try { return decodeURIComponent(hash.slice(3).replace(/\+/g, " ")); } catch (e) { return hash.slice(3); }
    }
    var fromSearch = new URLSearchParams(location.search).get("q");
    return fromSearch === null ? "" : fromSearch;
  }

  // Following a link to an action inside a closed document group opens the group.
  function openTarget() {
    var id = location.hash.slice(1);
    var element = id && id.indexOf("q=") !== 0 ? document.getElementById(id) : null;
    for (; element; element = element.parentElement) {
      if (element.tagName === "DETAILS") { element.open = true; }
    }
  }

  var query = initialQuery();
  box.value = query;
  box.setAttribute("value", query);
  apply(query);
  openTarget();
  // A `#q=` link inside the page (a document's "5 worsened") runs that search.
  window.addEventListener("hashchange", function () {
    if (location.hash.indexOf("#q=") === 0) {
      var linked = initialQuery();
      box.value = linked;
      apply(linked);
    } else {
      openTarget();
    }
  });
  box.addEventListener("input", function () {
    apply(box.value);
    try {
      history.replaceState(null, "", box.value ? "#q=" + encodeURIComponent(box.value) : location.pathname + location.search);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the filter still works.
    }
  });
})();
