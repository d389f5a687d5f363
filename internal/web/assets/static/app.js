// mpassaudit serve: updates the results while the member answers. Without
// this script the form still works (the "Update the results" button).
(function () {
  "use strict";
  var form = document.getElementById("form");
  if (!form || !window.fetch || !window.FormData) { return; }
  document.documentElement.classList.add("js");
  var timer = null;
  var busy = Promise.resolve();

  // Questions that one choice asks for (data-when-path) follow the choice.
  function applyConditions() {
    document.querySelectorAll("[data-when-path]").forEach(function (el) {
      var ctl = form.elements[el.getAttribute("data-when-path")];
      var vals = el.getAttribute("data-when-values").split(" ");
      el.hidden = !ctl || vals.indexOf(ctl.value) < 0;
    });
  }

  function swap(doc, uploaded) {
    document.querySelectorAll("[data-live]").forEach(function (el) {
      if (!el.id) { return; }
      var fresh = doc.getElementById(el.id);
      if (fresh) { el.innerHTML = fresh.innerHTML; el.className = fresh.className; }
    });
    // Invalid marks and the file names an upload answered with.
    doc.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (f) {
      if (!f.id) { return; }
      var mine = document.getElementById(f.id);
      if (!mine) { return; }
      if (f.getAttribute("aria-invalid")) { mine.setAttribute("aria-invalid", "true"); } else { mine.removeAttribute("aria-invalid"); }
      var wrap = document.getElementById("wrap-" + f.id);
      var freshWrap = doc.getElementById("wrap-" + f.id);
      if (wrap && freshWrap) { wrap.classList.toggle("invalid", freshWrap.classList.contains("invalid")); }
    });
    // A file sent with this request now answers its question by name.
    uploaded.forEach(function (up) {
      var id = up.getAttribute("data-upload");
      var fresh = doc.getElementById(id);
      var mine = document.getElementById(id);
      if (fresh && mine) { mine.value = fresh.getAttribute("value") || ""; }
      up.value = "";
    });
  }

  function send(action) {
    // Requests go one at a time, in order, each with the answers as they
    // are when its turn comes (an upload's answer included).
    busy = busy.then(function () {
      var data = new FormData(form);
      data.set("action", action || "check");
      var uploaded = [];
      document.querySelectorAll("input[data-upload]").forEach(function (up) { if (up.value) { uploaded.push(up); } });
      return fetch("/", {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "X-CSRF-Token": data.get("csrf") }
      }).then(function (r) { return r.text(); }).then(function (html) {
        swap(new DOMParser().parseFromString(html, "text/html"), uploaded);
        document.dispatchEvent(new CustomEvent("mpassaudit:updated"));
      }).catch(function () {});
    });
    return busy;
  }

  function pollProbes() {
    fetch("/probe-status", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (s) {
      var bar = document.getElementById("probe-progress");
      var text = document.getElementById("probe-text");
      if (bar && s.total) { bar.max = s.total; bar.value = s.done; }
      if (text && s.text) { text.textContent = s.text; }
      if (s.running) { setTimeout(pollProbes, 400); } else { send("check"); }
    });
  }

  form.addEventListener("input", function (e) {
    if (!e.target.name || e.target.type === "file" || e.target.name.indexOf("sign_") === 0) { return; }
    applyConditions();
    clearTimeout(timer);
    timer = setTimeout(function () { send("check"); }, 400);
  });
  form.addEventListener("change", function (e) {
    var t = e.target;
    if (t.hasAttribute("data-reload")) { form.submit(); return; }
    if (t.type === "file" && t.hasAttribute("data-upload")) { send("upload"); return; }
    if (t.name && t.name.indexOf("sign_") !== 0 && t.type !== "file") {
      applyConditions();
      clearTimeout(timer);
      send("check");
    }
  });
  form.addEventListener("submit", function (e) {
    var b = e.submitter;
    var action = b ? b.value : "check";
    if (action === "save" || action === "check" || action === "upload" || action === "probe") {
      e.preventDefault();
      clearTimeout(timer);
      send(action).then(function () { if (action === "probe") { pollProbes(); } });
    }
  });
  applyConditions();
  if (document.getElementById("probe-progress")) { pollProbes(); }
})();
