// Keyboard and focus behaviour on top of plain links; the pages work without this file.
(function () {
  "use strict";

  var lastOpener = null;

  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest(".event-item__link");
    if (link) lastOpener = link.closest("li").id;
  });

  // A mark on the axis opens its event like a link of the list does (hx-target, hx-swap and
  // hx-push-url are on the marks' group); a plain link without JavaScript or htmx.
  document.addEventListener("click", function (e) {
    var mark = e.target.closest && e.target.closest("a.mark");
    if (!mark || !window.htmx || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    window.htmx.ajax("GET", mark.getAttribute("href"), { source: mark });
  });

  // Empty fields (no dates chosen) are left out of the request, so the pushed URL stays clean.
  document.addEventListener("htmx:configRequest", function (e) {
    var params = e.detail.parameters;
    Object.keys(params).forEach(function (name) {
      if (params[name] === "") delete params[name];
    });
  });

  // A closed filter box carries its checkboxes as <noscript> text (nothing to build or lay out
  // while the page loads): opened, it gets them as elements.
  document.addEventListener("toggle", function (e) {
    var box = e.target;
    var lazy = box.open && box.querySelector && box.querySelector(":scope > noscript.lazy");
    if (!lazy) return;
    // Parsed by the browser, <noscript> holds text; parsed by htmx (a swap), elements:
    // innerHTML gives the markup in both cases.
    var holder = document.createElement("div");
    holder.innerHTML = lazy.innerHTML;
    var parts = Array.prototype.slice.call(holder.children);
    lazy.replaceWith.apply(lazy, parts);
    parts.forEach(function (part) { if (window.htmx) window.htmx.process(part); });
  }, true);

  // A swap of the timeline region re-renders the filter box: keep it open if the reader had it so.
  // Likewise the search box: what the reader typed while a request was out is kept.
  var filtersOpen = false;
  var typing = null;
  document.addEventListener("htmx:beforeSwap", function () {
    var box = document.querySelector(".filters__box");
    filtersOpen = !!(box && box.open);
    var q = document.getElementById("id_q");
    typing = q && document.activeElement === q ? q.value : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    var box = document.querySelector(".filters__box");
    if (box && filtersOpen) box.open = true;
    var q = document.getElementById("id_q");
    if (q && typing !== null && q.value !== typing) q.value = typing;
  });

  // Move focus to what a swap opened, and mark the open event in the list and on the axis.
  document.addEventListener("htmx:afterSettle", function (e) {
    var detail = document.getElementById("detail");
    if (!detail) return;
    var open = detail.classList.contains("detail--open");
    var path = window.location.pathname;
    document.querySelectorAll(".event-item").forEach(function (li) {
      var link = li.querySelector(".event-item__link");
      var current = open && link && link.pathname === path;
      li.classList.toggle("event-item--selected", current);
      if (current) link.setAttribute("aria-current", "true"); else if (link) link.removeAttribute("aria-current");
    });
    document.querySelectorAll(".mark").forEach(function (a) {
      var href = a.getAttribute("href") || "";
      a.classList.toggle("mark--selected", open && href.split("?")[0] === path);
    });
    if (e.detail.target && e.detail.target.id === "detail") {
      if (open) {
        detail.focus();
      } else if (lastOpener && document.getElementById(lastOpener)) {
        document.getElementById(lastOpener).querySelector("a").focus();
      }
    }
  });

  document.addEventListener("keydown", function (e) {
    // Escape closes the open event.
    if (e.key === "Escape") {
      var close = document.querySelector("#detail .close");
      if (close) { e.preventDefault(); close.click(); }
      return;
    }
    // Up and down arrows move between events in a list.
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var link = e.target.closest && e.target.closest(".event-item__link");
    if (!link) return;
    var links = Array.prototype.slice.call(document.querySelectorAll(".event-item__link"));
    var next = links[links.indexOf(link) + (e.key === "ArrowDown" ? 1 : -1)];
    if (next) { e.preventDefault(); next.focus(); }
  });

  // Copy buttons for the embed and citation snippets (the text areas work without them).
  function showCopyButtons() {
    document.querySelectorAll("button.copy[hidden]").forEach(function (button) {
      if (navigator.clipboard) button.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", showCopyButtons);
  document.addEventListener("htmx:afterSettle", showCopyButtons);
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.copy");
    if (!button) return;
    var source = document.getElementById(button.dataset.copy);
    navigator.clipboard.writeText(source.value).then(function () {
      document.getElementById("announcer").textContent = "Copied.";
    });
  });

  // Arriving at a passage from "See in source": focus it so the reader starts there.
  window.addEventListener("DOMContentLoaded", function () {
    if (window.location.hash.indexOf("#cite-") !== 0) return;
    var anchor = document.getElementById(window.location.hash.slice(1));
    if (!anchor) return;
    document.querySelectorAll("mark[data-cites]").forEach(function (mark) {
      if (mark.dataset.cites.split(" ").indexOf(anchor.id) !== -1) mark.classList.add("is-target");
    });
    anchor.focus();
  });
})();
