// Live progress: every element with data-progress-url polls the job's progress JSON once a second and updates its
// data-field children in place; when the job has ended it stops, hides [data-while-active] and, when it has a
// data-result-url, swaps in the server-rendered result section. No reload, no framework.
(function () {
  "use strict";
  var POLL_MS = 1000;

  function update(container, progress) {
    container.querySelectorAll("[data-field]").forEach(function (el) {
      var field = el.getAttribute("data-field");
      if (field === "bar") {
        el.value = progress.percent;
      } else if (field === "status") {
        el.textContent = progress.statusLabel;
        el.setAttribute("data-status", progress.status);
        el.className = "status status-" + progress.status;
      } else if (Object.prototype.hasOwnProperty.call(progress, field)) {
        el.textContent = progress[field];
      }
    });
  }

  function finished(container) {
    container.querySelectorAll("[data-while-active]").forEach(function (el) { el.hidden = true; });
    var resultUrl = container.getAttribute("data-result-url");
    var target = document.getElementById("result");
    if (!resultUrl || !target) { return; }
    fetch(resultUrl, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var parsed = new DOMParser().parseFromString(html, "text/html").getElementById("result");
        if (parsed) { target.replaceWith(parsed); }
      })
      .catch(function () { /* the next visit shows it */ });
  }

  function poll(container) {
    var url = container.getAttribute("data-progress-url");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (progress) {
        update(container, progress);
        if (progress.active) {
          setTimeout(function () { poll(container); }, POLL_MS);
        } else {
          finished(container);
        }
      })
      .catch(function () { setTimeout(function () { poll(container); }, POLL_MS * 5); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-progress-url]").forEach(function (container) {
      setTimeout(function () { poll(container); }, POLL_MS);
    });
  });
})();
