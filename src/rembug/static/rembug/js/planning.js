// The plan tree: expand and collapse nodes (children load once through htmx), show form
// errors (status 422) in place, and close an inline form on "Cancel".
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-tree-toggle]");
  if (toggle) {
    const list = document.getElementById(toggle.getAttribute("aria-controls"));
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", open ? "false" : "true");
    if (list) list.hidden = open;
    return;
  }
  const cancel = event.target.closest("[data-form-cancel]");
  if (cancel) {
    const form = cancel.closest("form");
    if (form && form.parentElement && form.parentElement.id.startsWith("form-slot-")) {
      event.preventDefault();
      form.remove();
    }
  }
});
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
document.addEventListener("htmx:afterSwap", (event) => {
  // A row swapped back after editing: its toggle tells whether its children are shown.
  const row = event.detail.elt && event.detail.elt.id && event.detail.elt.id.startsWith("row-")
    ? document.getElementById(event.detail.elt.id) : null;
  if (row) {
    const toggle = row.querySelector("[data-tree-toggle]");
    const list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (list) toggle.setAttribute("aria-expanded", list.hidden ? "false" : "true");
  }
  // After a child was added, the list it went into is shown and the form slot emptied.
  const target = event.detail.target;
  if (target && target.id && target.id.startsWith("children-")) {
    target.hidden = false;
    const key = target.id.slice("children-".length);
    const slot = document.getElementById("form-slot-" + key);
    if (slot) slot.replaceChildren();
    const toggle = document.querySelector('[aria-controls="' + target.id + '"]');
    if (toggle) toggle.setAttribute("aria-expanded", "true");
  }
});
