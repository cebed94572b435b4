// Realisation grid: show a refused value (status 422) in place, like an accepted one.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
// Enter moves to the same column in the next row, as in a spreadsheet. Leaving the cell is
// what saves it (the browser's own "change" on blur, once, and only if the value changed);
// on the last row there is nowhere to go, so Enter saves in place.
document.addEventListener("keydown", (event) => {
  const input = event.target.closest("input.grid-input");
  if (!input || event.key !== "Enter") return;
  event.preventDefault();
  const all = Array.from(document.querySelectorAll(`input.grid-input[data-col="${input.dataset.col}"]`));
  const next = all[all.indexOf(input) + (event.shiftKey ? -1 : 1)];
  if (next) {
    next.focus();
  } else if (input.value !== input.defaultValue) {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
});
