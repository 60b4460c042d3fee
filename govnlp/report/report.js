(function () {
  "use strict";
  var tip = document.getElementById("tip");
  function show(el) {
    var parts = [], m = el;
    while (m && m.classList && m.classList.contains("m")) {
      if (m.dataset.tip) parts.push(m.dataset.tip);
      m = m.parentElement;
    }
    if (!parts.length) return;
    tip.textContent = parts.join("\n\n");
    var r = el.getBoundingClientRect();
    tip.style.display = "block";
    var top = r.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight) top = r.top - tip.offsetHeight - 6;
    tip.style.top = Math.max(0, top) + "px";
    tip.style.left = Math.max(0, Math.min(r.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
  }
  function hide() { tip.style.display = "none"; }
  function markOf(t) { return t && t.closest ? t.closest(".doc .m") : null; }
  document.addEventListener("mouseover", function (e) { var m = markOf(e.target); if (m) show(m); else hide(); });
  document.addEventListener("focusin", function (e) { var m = markOf(e.target); if (m) show(m); });
  document.addEventListener("focusout", hide);
  function flash(el) {
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1600);
  }
  function go(id) {
    var el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    flash(el);
    if (el.focus) el.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", "#" + id);
  }
  var table = document.getElementById("indicators");
  if (table) {
    table.addEventListener("click", function (e) {
      var row = e.target.closest("tbody tr");
      if (!row || !row.dataset.target) return;
      e.preventDefault();
      go(row.dataset.target);
    });
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, i) {
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[i].dataset.sort || a.cells[i].textContent;
          var y = b.cells[i].dataset.sort || b.cells[i].textContent;
          var nx = parseFloat(x), ny = parseFloat(y), c;
          if (!isNaN(nx) && !isNaN(ny) && String(nx) === x.trim() && String(ny) === y.trim()) c = nx - ny;
          else c = x.localeCompare(y, "zh");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    var q = document.getElementById("filter"), st = document.getElementById("status");
    function filter() {
      var words = q.value.trim().toLowerCase(), want = st.value, shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        var ok = (!words || r.textContent.toLowerCase().indexOf(words) >= 0) && (!want || r.dataset.status === want);
        r.hidden = !ok;
        if (ok) shown++;
      });
      document.getElementById("shown").textContent = shown;
    }
    q.addEventListener("input", filter);
    st.addEventListener("change", filter);
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest("a[href^='#']");
    if (!a || (table && table.contains(a))) return;
    e.preventDefault();
    go(a.getAttribute("href").slice(1));
  });
})();
