// Sigil passkeys (docs/passkeys.md): runs the WebAuthn ceremony whose options a form carries in
// data-passkey (JSON from the server, buffers base64url) and posts the browser's answer as JSON
// in the form's "credential" field. The server checks everything; this only moves bytes.
"use strict";
(function () {
  function dec(s) {
    var b = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
    return Uint8Array.from(b, function (c) { return c.charCodeAt(0); }).buffer;
  }
  function enc(buf) {
    var s = "";
    new Uint8Array(buf).forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function ids(list) {
    return (list || []).map(function (c) { return Object.assign({}, c, { id: dec(c.id) }); });
  }
  function fail(form) {
    var out = form.querySelector("[data-passkey-status]");
    if (out) { out.textContent = form.getAttribute("data-passkey-failed"); out.hidden = false; }
  }
  function post(form, credential) {
    form.querySelector("input[name=credential]").value = JSON.stringify(credential);
    form.submit();
  }

  // W3C WebAuthn Level 3 §5.1.4: navigator.credentials.get, with conditional mediation for autofill.
  function get(form, conditional, signal) {
    var o = JSON.parse(form.getAttribute("data-passkey"));
    var pk = Object.assign({}, o.publicKey, {
      challenge: dec(o.publicKey.challenge),
      allowCredentials: ids(o.publicKey.allowCredentials),
    });
    var req = { publicKey: pk, signal: signal };
    if (conditional) req.mediation = "conditional";
    return navigator.credentials.get(req).then(function (c) {
      var r = c.response;
      post(form, {
        id: c.id, rawId: enc(c.rawId), type: c.type, extensions: {},
        response: {
          authenticatorData: enc(r.authenticatorData), clientDataJSON: enc(r.clientDataJSON),
          signature: enc(r.signature), userHandle: r.userHandle ? enc(r.userHandle) : null,
        },
      });
    });
  }

  // §5.1.3: navigator.credentials.create for a new passkey.
  function create(form) {
    var o = JSON.parse(form.getAttribute("data-passkey"));
    var pk = Object.assign({}, o.publicKey, {
      challenge: dec(o.publicKey.challenge),
      user: Object.assign({}, o.publicKey.user, { id: dec(o.publicKey.user.id) }),
      excludeCredentials: ids(o.publicKey.excludeCredentials),
    });
    return navigator.credentials.create({ publicKey: pk }).then(function (c) {
      var r = c.response;
      post(form, {
        id: c.id, rawId: enc(c.rawId), type: c.type, extensions: {},
        response: {
          attestationObject: enc(r.attestationObject), clientDataJSON: enc(r.clientDataJSON),
          transports: r.getTransports ? r.getTransports() : undefined,
        },
      });
    });
  }

  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    var mode = form.getAttribute("data-passkey-mode");
    var button = form.querySelector("[data-passkey-start]");
    if (!window.PublicKeyCredential) { if (button) button.disabled = true; return; }
    // The autofill request (conditional mediation) waits until the user picks a passkey; the
    // button aborts it and, once it has ended, asks in a dialog instead.
    var abort = null;
    var conditional = Promise.resolve();
    if (mode === "signin" && PublicKeyCredential.isConditionalMediationAvailable) {
      conditional = PublicKeyCredential.isConditionalMediationAvailable().then(function (ok) {
        if (!ok) return;
        abort = new AbortController();
        return get(form, true, abort.signal);
      }).catch(function () {});
    }
    if (button) button.addEventListener("click", function () {
      if (abort) abort.abort();
      abort = null;
      conditional.then(function () {
        return mode === "register" ? create(form) : get(form, false, undefined);
      }).catch(function () { fail(form); });
    });
    // Enter in the name field starts the ceremony instead of posting an empty answer.
    form.addEventListener("submit", function (e) {
      if (!form.querySelector("input[name=credential]").value) { e.preventDefault(); if (button) button.click(); }
    });
  });
})();
