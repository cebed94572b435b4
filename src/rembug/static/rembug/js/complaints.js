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
  // A suggested category: choosing it sets the form's category (the reporter can still change it).
  document.addEventListener("click", (event) => {
    const pick = event.target.closest("[data-category-pick]");
    const select = pick && document.getElementById("id_category");
    if (!select) return;
    select.value = pick.dataset.categoryPick;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    pick.setAttribute("aria-pressed", "true");
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
  // Coordinates from the phone's location, only when the reporter asks for it.
  const box = document.querySelector("[data-geolocate-box]");
  if (box && "geolocation" in navigator) {
    // Beside the coordinates it fills, not at the end of the form.
    const longitude = document.getElementById("id_longitude");
    const field = longitude && longitude.closest(".field");
    if (field) field.after(box);
    box.hidden = false;
    box.querySelector("[data-geolocate]").addEventListener("click", (event) => {
      const status = box.querySelector("[data-geolocate-status]");
      navigator.geolocation.getCurrentPosition(
        (position) => {
          document.getElementById("id_latitude").value = position.coords.latitude.toFixed(6);
          document.getElementById("id_longitude").value = position.coords.longitude.toFixed(6);
          status.textContent = "";
        },
        () => { status.textContent = event.target.dataset.geolocateFailed; },
        { enableHighAccuracy: true, timeout: 10000 },
      );
    });
  }
})();
