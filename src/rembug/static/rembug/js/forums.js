// Forums: on the answer form, show only the fields the chosen outcome needs.
// The form works without this file (the server checks every outcome's fields).
(function () {
  const form = document.querySelector("[data-disposition-form]");
  if (!form) return;
  const needs = {
    accepted: ["plan_item_ref", "plan_item_label"],
    merged: ["merged_into"],
    deferred: ["deferred_to_year"],
    forwarded: ["forwarded_to"],
    rejected: [],
  };
  const optional = ["plan_item_ref", "plan_item_label", "merged_into", "deferred_to_year", "forwarded_to"];
  function update() {
    const chosen = form.querySelector("input[name=outcome]:checked");
    const shown = chosen ? needs[chosen.value] || [] : optional;
    optional.forEach((name) => {
      const input = form.querySelector("[name=" + name + "]");
      const field = input && input.closest(".field");
      if (field) field.hidden = !shown.includes(name);
    });
  }
  form.addEventListener("change", update);
  update();
})();
