// While a resident writes a report or a forum input, show what the public will see: NIK/KK,
// phone numbers, e-mail addresses and bank accounts masked (the server's rule, rembug.core.pii).
(function () {
  "use strict";
  function setup(box) {
    var form = box.closest("form");
    if (!form) { return; }
    var fields = form.querySelectorAll("[name=title], [name=text]");
    var output = box.querySelector("[data-pii-preview-text]");
    var token = form.querySelector("[name=csrfmiddlewaretoken]");
    var timer = null;
    var sent = "";
    function check() {
      var text = Array.prototype.map.call(fields, function (f) { return f.value; }).join("\n");
      if (text === sent) { return; }
      sent = text;
      var body = new FormData();
      body.append("text", text);
      if (token) { body.append("csrfmiddlewaretoken", token.value); }
      fetch(box.dataset.piiUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          box.hidden = data.found === 0;
          output.textContent = data.masked;
        })
        .catch(function () { box.hidden = true; });
    }
    Array.prototype.forEach.call(fields, function (field) {
      field.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(check, 500);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-pii-preview]").forEach(setup);
  });
})();
