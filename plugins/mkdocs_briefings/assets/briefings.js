/* mkdocs-briefings: relative dates. Each <time data-briefing-relative datetime="2025-11-11">
   shows "2 months ago" (in the page's language, Intl.RelativeTimeFormat); the exact date the
   page was built with stays in its title, for hover and for screen readers' "title" reading.
   Without JavaScript the exact date stays as built. */
(function () {
  "use strict";
  var DAY = 86400000;
  var UNITS = [["year", 365], ["month", 30], ["week", 7], ["day", 1]];

  function relative(date, now, format) {
    var days = Math.round((Date.UTC(date.getFullYear(), date.getMonth(), date.getDate())
      - Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())) / DAY);
    if (days === 0) return format.format(0, "day");
    for (var i = 0; i < UNITS.length; i++) {
      var size = UNITS[i][1];
      if (Math.abs(days) >= size) return format.format(Math.round(days / size), UNITS[i][0]);
    }
    return format.format(days, "day");
  }

  function update(root) {
    if (!window.Intl || !Intl.RelativeTimeFormat) return;
    var format = new Intl.RelativeTimeFormat(document.documentElement.lang || "en", { numeric: "auto" });
    var now = new Date();
    root.querySelectorAll("time[data-briefing-relative]").forEach(function (el) {
      var parts = (el.getAttribute("datetime") || "").split("-");
      if (parts.length !== 3) return;
      var date = new Date(+parts[0], +parts[1] - 1, +parts[2]);
      if (isNaN(date.getTime())) return;
      if (!el.title) el.title = el.textContent;
      el.textContent = relative(date, now, format);
    });
  }

  // With Material's instant navigation on, pages arrive without a reload: document$ says so.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () { update(document); });
  } else {
    update(document);
  }
})();
