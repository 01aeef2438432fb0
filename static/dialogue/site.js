// Keyboard and focus behaviour on top of plain links; the pages work without this file.
(function () {
  "use strict";

  var lastOpener = null;

  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest(".event-item__link");
    if (link) lastOpener = link.closest("li").id;
  });

  // A mark on the axis opens its event like a link of the list does (data-hx-target,
  // data-hx-swap and data-hx-push-url are on the axis); a cluster zooms the timeline into its
  // span, as the zoom links do (their settings are on the zoom nav). Plain links without
  // JavaScript or htmx.
  document.addEventListener("click", function (e) {
    var mark = e.target.closest && e.target.closest("a.mark");
    if (!mark || !window.htmx || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    if (dragged) { e.preventDefault(); return; }
    var href = mark.getAttribute("href");
    if (href.charAt(0) === "#") return;
    e.preventDefault();
    if (mark.classList.contains("mark--cluster")) {
      focusNext = "window-heading";
      goTo(href);
    } else {
      lastOpener = null;
      window.htmx.ajax("GET", href, { source: mark });
    }
  });

  // Moving the window: any window is an address (?from=YYYY-MM-DD&to=YYYY-MM-DD), loaded into
  // the timeline region and pushed to history like the zoom links.
  var DAY = 86400000;
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function windowOf(axis) {
    var fig = axis.closest("figure.axis");
    var from = Date.parse(fig.dataset.from), to = Date.parse(fig.dataset.to);
    return { fig: fig, from: from, days: Math.round((to - from) / DAY) + 1 };
  }
  function goTo(url) {
    var nav = document.querySelector("nav.zoom");
    if (!window.htmx || !nav) { window.location.href = url; return; }
    window.htmx.ajax("GET", url, { source: nav, target: "#timeline-region", swap: "outerHTML" });
  }
  function goToWindow(fig, from, days) {
    // The server says which days it can show and gives the view's address without a window
    // (data-base): the dragged window is added to it.
    days = Math.max(1, Math.round(days));
    var first = Date.parse(fig.dataset.first), last = Date.parse(fig.dataset.last);
    from = Math.min(Math.max(Math.round(from / DAY) * DAY, first), last - (days - 1) * DAY);
    var url = new URL(fig.dataset.base, window.location.href);
    url.searchParams.set("from", isoDay(from));
    url.searchParams.set("to", isoDay(from + (days - 1) * DAY));
    focusNext = "window-heading";
    goTo(url.pathname + url.search);
  }

  // Drag or swipe the axis to pan; pinch (two fingers) or Ctrl + wheel (a trackpad's pinch)
  // to zoom around the pointer; a sideways wheel pans. Each settles on one address.
  var pointers = {}, gesture = null, dragged = false, wheel = null;
  function axisAt(target) { return target.closest && target.closest(".axis__svg"); }
  document.addEventListener("pointerdown", function (e) {
    var svg = axisAt(e.target);
    if (!svg || (e.pointerType === "mouse" && e.button !== 0)) return;
    pointers[e.pointerId] = e.clientX;
    var xs = Object.keys(pointers).map(function (k) { return pointers[k]; });
    var box = svg.getBoundingClientRect();
    gesture = { svg: svg, box: box, startX: xs[0], x: xs[0], scale: 1,
                spread: xs.length > 1 ? Math.abs(xs[1] - xs[0]) : 0,
                centre: xs.length > 1 ? (xs[0] + xs[1]) / 2 : xs[0] };
    dragged = false;
  });
  document.addEventListener("pointermove", function (e) {
    if (!gesture || !(e.pointerId in pointers)) return;
    pointers[e.pointerId] = e.clientX;
    var xs = Object.keys(pointers).map(function (k) { return pointers[k]; });
    if (xs.length > 1 && gesture.spread) {
      gesture.scale = Math.abs(xs[1] - xs[0]) / gesture.spread;
      gesture.svg.style.transform = "scaleX(" + gesture.scale + ")";
    } else {
      gesture.x = xs[0];
      if (Math.abs(gesture.x - gesture.startX) > 8) dragged = true;
      if (dragged) gesture.svg.style.transform = "translateX(" + (gesture.x - gesture.startX) + "px)";
    }
  });
  document.addEventListener("pointerup", function (e) {
    if (!gesture || !(e.pointerId in pointers)) return;
    delete pointers[e.pointerId];
    if (Object.keys(pointers).length) return;
    var g = gesture, w = windowOf(g.svg);
    gesture = null;
    g.svg.style.transform = "";
    if (Math.abs(g.scale - 1) > 0.1) {
      dragged = true;
      var at = (g.centre - g.box.left) / g.box.width;
      var days = w.days / g.scale;
      goToWindow(w.fig, w.from + at * w.days * DAY - at * days * DAY, days);
    } else if (dragged) {
      var shift = -((g.x - g.startX) / g.box.width) * w.days;
      goToWindow(w.fig, w.from + Math.round(shift) * DAY, w.days);
    }
    setTimeout(function () { dragged = false; }, 0);
  });
  document.addEventListener("pointercancel", function () {
    if (gesture) gesture.svg.style.transform = "";
    pointers = {}; gesture = null;
  });
  document.addEventListener("wheel", function (e) {
    var svg = axisAt(e.target);
    if (!svg || !(e.ctrlKey || Math.abs(e.deltaX) > Math.abs(e.deltaY))) return;
    e.preventDefault();
    var box = svg.getBoundingClientRect();
    if (!wheel) wheel = { svg: svg, zoom: 0, pan: 0, at: (e.clientX - box.left) / box.width };
    if (e.ctrlKey) wheel.zoom += e.deltaY; else wheel.pan += e.deltaX / box.width;
    clearTimeout(wheel.timer);
    wheel.timer = setTimeout(function () {
      var w = windowOf(wheel.svg), days = w.days * Math.pow(2, wheel.zoom / 100);
      var at = w.from + wheel.at * w.days * DAY;
      goToWindow(w.fig, at - wheel.at * days * DAY + wheel.pan * w.days * DAY, days);
      wheel = null;
    }, 250);
  }, { passive: false });

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
  // Focus goes back to the control that made the swap (its new copy: the same id or
  // data-focus), or where the control says (data-focus-after), or to the window's heading.
  var filtersOpen = false;
  var typing = null;
  var focusNext = null;
  var closing = null;
  document.addEventListener("htmx:beforeRequest", function (e) {
    var elt = e.detail.elt;
    var target = e.detail.target;
    if (focusNext || !elt || !elt.getAttribute || !target || target.id !== "timeline-region") return;
    var active = document.activeElement;
    focusNext = (elt.dataset && elt.dataset.focusAfter)
      || (active && active !== document.body && (active.dataset.focus || active.id))
      || null;
  });
  document.addEventListener("htmx:beforeSwap", function (e) {
    var box = document.querySelector(".filters__box");
    filtersOpen = !!(box && box.open);
    var q = document.getElementById("id_q");
    typing = q && document.activeElement === q ? q.value : null;
    var detail = document.getElementById("detail");
    closing = e.detail.target && e.detail.target.id === "detail" && detail.classList.contains("detail--open")
      ? window.location.pathname : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    var box = document.querySelector(".filters__box");
    if (box && filtersOpen) box.open = true;
    var q = document.getElementById("id_q");
    if (q && typing !== null && q.value !== typing) q.value = typing;
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    var target = e.detail.target;
    // Out-of-band swaps (the announcer, the language switcher) settle first, with the region
    // as their target: not yet.
    if (!target || target.id !== "timeline-region" || e.detail.elt.id === "announcer" ||
        e.detail.elt.id === "languages") return;
    var key = focusNext;
    focusNext = null;
    var found = key && (document.getElementById(key) || document.querySelector('[data-focus="' + key + '"]'));
    (found || document.getElementById("window-heading")).focus();
  });
  document.addEventListener("htmx:responseError", function () { focusNext = null; });

  // Marks on the axis: once focus is in an axis, it is one Tab stop (the mark last focused),
  // and Up and Down arrows move between its marks. Set when first needed, not as the page loads
  // (a change to a hundred marks would cost the page a style pass before its first paint).
  document.addEventListener("focusin", function (e) {
    var mark = e.target.closest && e.target.closest("a.mark");
    if (!mark) return;
    mark.closest("svg").querySelectorAll("a.mark").forEach(function (a) {
      a.setAttribute("tabindex", a === mark ? "0" : "-1");
    });
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
      } else {
        // Closed after arriving on the permalink: the event in the list, or the list.
        var back = closing && Array.prototype.find.call(document.querySelectorAll(".event-item__link"),
          function (a) { return a.pathname === closing; });
        (back || document.getElementById("events-heading")).focus();
      }
    }
  });

  function typingIn(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (e) {
    // Escape closes the open event.
    if (e.key === "Escape") {
      var close = document.querySelector("#detail .close");
      if (close) { e.preventDefault(); close.click(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
    // + and - zoom, Left and Right move to the previous and next window: the zoom links.
    var moves = { "+": "in", "=": "in", "-": "out", "ArrowLeft": "previous", "ArrowRight": "next" };
    if (moves[e.key] && !(e.target.closest && e.target.closest(".event-item, .detail"))) {
      var link = document.querySelector(".zoom__move--" + moves[e.key]);
      if (link) { e.preventDefault(); link.click(); }
      return;
    }
    // Up and down arrows move between events in a list, and between marks on the axis.
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var step = e.key === "ArrowDown" ? 1 : -1;
    var mark = e.target.closest && e.target.closest("a.mark");
    if (mark) {
      var marks = Array.prototype.slice.call(mark.closest("svg").querySelectorAll("a.mark"));
      var to = marks[marks.indexOf(mark) + step];
      if (to) {
        e.preventDefault();
        to.focus();
      }
      return;
    }
    var item = e.target.closest && e.target.closest(".event-item__link");
    if (!item) return;
    var links = Array.prototype.slice.call(document.querySelectorAll(".event-item__link"));
    var next = links[links.indexOf(item) + step];
    if (next) { e.preventDefault(); next.focus(); }
  });

  // Copy buttons for the embed and citation snippets (the text areas work without them).
  // Shown as their box opens: nothing to change while the page loads.
  document.addEventListener("toggle", function (e) {
    if (!e.target.open || !e.target.querySelectorAll || !navigator.clipboard) return;
    e.target.querySelectorAll("button.copy[hidden]").forEach(function (button) { button.hidden = false; });
  }, true);
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.copy");
    if (!button) return;
    var source = document.getElementById(button.dataset.copy);
    navigator.clipboard.writeText(source.value).then(function () {
      document.getElementById("announcer").textContent = button.dataset.copied;
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

  // Arriving at an event's permalink: the open event was focused (autofocus) as soon as the
  // page could paint; once fonts and the axis have taken their room, it is brought back into
  // view if they pushed it out.
  window.addEventListener("load", function () {
    var detail = document.getElementById("detail");
    if (detail && document.activeElement === detail && detail.classList.contains("detail--open")) {
      var heading = document.getElementById("detail-heading").getBoundingClientRect();
      if (heading.top < 0 || heading.bottom > window.innerHeight) detail.scrollIntoView({ block: "start" });
    }
  });
})();
