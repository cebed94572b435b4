// Realisation grid: show a refused value (status 422) in place, like an accepted one.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
// Enter moves to the same column in the next row, as in a spreadsheet.
document.addEventListener("keydown", (event) => {
  const input = event.target.closest("input.grid-input");
  if (!input || event.key !== "Enter") return;
  event.preventDefault();
  input.dispatchEvent(new Event("change", { bubbles: true }));
  const all = Array.from(document.querySelectorAll(`input.grid-input[data-col="${input.dataset.col}"]`));
  const next = all[all.indexOf(input) + (event.shiftKey ? -1 : 1)];
  if (next) next.focus();
});
