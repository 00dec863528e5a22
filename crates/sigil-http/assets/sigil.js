// Sigil pages: the show-password toggle. Without this script the button stays hidden and the
// field is a plain password field (progressive enhancement; no other script runs on the pages).
"use strict";
for (const button of document.querySelectorAll("button[data-toggle-password]")) {
  const field = document.getElementById(button.getAttribute("aria-controls"));
  if (!field) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    const show = field.type === "password";
    field.type = show ? "text" : "password";
    button.textContent = show ? button.dataset.hide : button.dataset.show;
    field.focus();
  });
}
