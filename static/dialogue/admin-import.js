// The article import a file at a time (templates/admin/dialogue/source/import.html). Without
// this script the form posts every file at once and the page that comes back lists each file's
// outcome. With it, each file is posted alone, with the rest of the form, to the same view, which
// answers with that file's row of the same list: the editor sees each file done as it is done.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("import-form");
    var table = document.getElementById("import-results-table");
    var rows = document.getElementById("import-results");
    var status = document.getElementById("import-status");
    if (!form || !table || !rows || !status || !window.fetch || !window.FormData) return;
    var input = form.elements.files;
    var button = form.querySelector("[type=submit]");

    function say(done, total) {
      status.textContent = status.dataset.progress
        .replace("%(done)s", done)
        .replace("%(total)s", total);
    }

    // The form fields a file's text did not fill (the row's data-missing), marked as the page
    // without this script marks them.
    function markMissing(row) {
      (row.dataset.missing || "").split(" ").forEach(function (name) {
        var field = name && form.elements[name];
        if (!field) return;
        field.setAttribute("aria-invalid", "true");
        field.closest(".form-row").classList.add("errors");
      });
    }

    function post(file) {
      var data = new FormData(form); // the CSRF token and the fields given for every file
      data.delete("files");
      data.append("files", file);
      // Asked for as htmx asks for a region, so the view's one rule for partials answers.
      return fetch(window.location.href, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "HX-Request": "true", "HX-Target": "import-results" },
      });
    }

    form.addEventListener("submit", async function (event) {
      var files = Array.prototype.slice.call(input.files);
      if (!files.length) return; // the view says the field is required
      event.preventDefault();
      button.disabled = true;
      rows.replaceChildren();
      form.querySelectorAll("[aria-invalid]").forEach(function (field) {
        field.removeAttribute("aria-invalid");
        field.closest(".form-row").classList.remove("errors");
      });
      var waiting = files.map(function (file) {
        var row = rows.insertRow();
        var name = document.createElement("th");
        name.scope = "row";
        name.textContent = file.name;
        row.append(name);
        row.insertCell().textContent = status.dataset.waiting;
        return row;
      });
      table.hidden = false;
      say(0, files.length);
      for (var i = 0; i < files.length; i++) {
        waiting[i].cells[1].textContent = status.dataset.uploading;
        var answer = null;
        try {
          answer = await post(files[i]);
        } catch (error) {
          answer = null;
        }
        if (answer && answer.status === 400 && i === 0) {
          // The form itself was refused (a bad date, say): the plain submission shows why.
          form.submit();
          return;
        }
        var row = null;
        if (answer && answer.ok) {
          var template = document.createElement("template");
          template.innerHTML = await answer.text();
          row = template.content.querySelector("tr");
        }
        if (row) {
          waiting[i].replaceWith(row);
          markMissing(row);
        } else {
          waiting[i].className = "import-failed";
          waiting[i].cells[1].textContent = status.dataset.lost;
        }
        say(i + 1, files.length);
      }
      button.disabled = false;
    });
  });
})();
