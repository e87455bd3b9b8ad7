/* An Sinh: the phone menu button, one open menu group at a time, buttons that open the assistant, data-label on table cells for the
   stacked-card layout of every table with a header row on phones (from the column headers where a template did not
   set it), and sizes computed on the server (data-block-size, data-inset-block-start in rem) applied as styles. */
(function () {
  "use strict";
  var nav = document.querySelector(".main-nav");
  if (nav) {
    var toggle = nav.querySelector(".menu-toggle");
    document.documentElement.classList.add("js");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    });
    var groups = nav.querySelectorAll(".menu-group details");
    groups.forEach(function (group) {
      group.addEventListener("toggle", function () {
        if (!group.open) return;
        groups.forEach(function (other) { if (other !== group) other.open = false; });
      });
    });
    document.addEventListener("click", function (event) {
      if (nav.contains(event.target)) return;
      groups.forEach(function (group) { group.open = false; });
    });
  }
  // On a phone the assistant's round button would sit on whatever scrolls under it: it steps aside while the reader
  // scrolls down and comes back on scrolling up or at the end of the page (where the footer keeps its corner free).
  var lastY = window.scrollY;
  window.addEventListener("scroll", function () {
    var y = window.scrollY, atEnd = window.innerHeight + y >= document.documentElement.scrollHeight - 4;
    document.documentElement.classList.toggle("aw-tucked", y > lastY + 2 && y > 80 && !atEnd);
    if (Math.abs(y - lastY) > 2 || atEnd) lastY = y;
  }, { passive: true });
  document.querySelectorAll("[data-open-assistant]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = document.querySelector(".aw-open");
      if (open) open.click();
    });
  });
  // The CSP refuses style attributes; styles set from a script are allowed.
  document.querySelectorAll("[data-block-size]").forEach(function (el) { el.style.blockSize = el.dataset.blockSize + "rem"; });
  document.querySelectorAll("[data-inset-block-start]").forEach(function (el) { el.style.insetBlockStart = el.dataset.insetBlockStart + "rem"; });
  document.querySelectorAll("main table").forEach(function (table) {
    if (!table.querySelector("thead th") || table.classList.contains("keep-table")) return;
    table.classList.add("stack-on-phone");
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (!cell.hasAttribute("data-label") && heads[i]) cell.setAttribute("data-label", heads[i]);
      });
    });
  });
})();
