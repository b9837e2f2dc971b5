// Provisio console: progressive enhancement only. Every page works without this file.
(function () {
  'use strict';

  var status = document.getElementById('live-status');
  function announce(text) {
    if (status) status.textContent = text;
  }

  // Copy buttons: shown only when a script can copy; the value stays selectable without them.
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = 'value' in source ? source.value : source.textContent;
      var done = function () {
        button.textContent = 'Copied';
        announce('Copied to the clipboard');
        setTimeout(function () { button.textContent = 'Copy'; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(source, done); });
      } else {
        fallback(source, done);
      }
    });
  });

  function fallback(source, done) {
    if (typeof source.select === 'function') {
      source.select();
      try { if (document.execCommand('copy')) done(); } catch (e) { /* the text stays selected for the person to copy */ }
    }
  }

  // Confirmations: ask in the page; a confirmed form tells the server, which otherwise asks on a page of its own.
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      // `data-confirm-if`: ask only when that checkbox is being turned on.
      var condition = form.getAttribute('data-confirm-if');
      var box = condition && document.getElementById(condition);
      if (condition && (!box || !box.checked || box.defaultChecked)) return;
      if (!window.confirm(form.getAttribute('data-confirm'))) {
        event.preventDefault();
        return;
      }
      if (!form.querySelector('input[name="confirmed"]')) {
        var input = document.createElement('input');
        input.type = 'hidden';
        input.name = 'confirmed';
        input.value = 'yes';
        form.appendChild(input);
      }
    });
  });

  // SAML deprovisioning needs SAML provisioning: keep the two checkboxes consistent while editing.
  var provisioning = document.getElementById('saml_provisioning');
  var deprovisioning = document.getElementById('saml_deprovisioning');
  if (provisioning && deprovisioning) {
    var sync = function () {
      if (!provisioning.checked) deprovisioning.checked = false;
      deprovisioning.disabled = !provisioning.checked;
    };
    provisioning.addEventListener('change', sync);
    sync();
  }
})();
