// Complaints: small enhancements. Every form works without this file.
(() => {
  // Answer templates: choosing one fills the answer text (the officer edits it before sending).
  document.addEventListener("change", (event) => {
    const select = event.target.closest("select[data-answer-template]");
    if (!select) return;
    const form = select.closest("form");
    const source = form && form.querySelector(`.answer-templates [data-template-id="${CSS.escape(select.value)}"]`);
    const text = form && form.querySelector("textarea[name$='text']");
    if (source && text && (!text.value.trim() || window.confirm(select.dataset.replaceConfirm))) {
      text.value = source.textContent.trim();
    }
  });
  // Photos: refuse more than five or files above 5 MB before the upload starts.
  document.addEventListener("change", (event) => {
    const input = event.target.closest("input[type=file][name$='photos']");
    if (!input) return;
    const tooMany = input.files.length > 5;
    const tooBig = Array.from(input.files).some((file) => file.size > 5 * 1024 * 1024);
    input.setCustomValidity(tooMany ? input.dataset.tooMany : tooBig ? input.dataset.tooBig : "");
    input.reportValidity();
  });
})();
