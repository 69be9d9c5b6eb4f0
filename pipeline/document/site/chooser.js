(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a[hreflang]"));
  var wanted = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || ""];
  function prefixes(tag) {
    var parts = tag.split("-"), out = [];
    for (var i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join("-"));
    return out;
  }
  function score(link, tag) {
    var own = link.getAttribute("hreflang").toLowerCase();
    var not = (link.getAttribute("data-not") || "").split(" ");
    var asked = prefixes(tag);
    if (own === tag) return 3;
    if (asked.some(function (p) { return not.indexOf(p) >= 0; })) return 0;
    if (asked.indexOf(own) >= 0) return 2;
    return own.split("-")[0] === asked[asked.length - 1] ? 1 : 0;
  }
  for (var w = 0; w < wanted.length; w++) {
    var tag = String(wanted[w]).toLowerCase(), best = null, top = 0;
    links.forEach(function (link) {
      var s = score(link, tag);
      if (s > top) { top = s; best = link; }
    });
    if (best) { window.location.replace(best.href); return; }
  }
})();
