// The warning before a staff member is logged out for idleness (WCAG 2.2.1), and
// what they had written kept across the logout.
//
// The server logs a staff session out after POLKU_STAFF_IDLE_SECONDS without a
// request (marketplace/accounts/middleware.py). This script counts the same time
// from the page's load; a little before the end it asks the server how long is
// really left (another tab may have kept the session alive) and, if the end is
// near, opens a modal dialog: "Stay logged in" sends a request that counts as
// activity. If the time runs out, the forms' unsent contents are kept in this
// tab's sessionStorage (never passwords, codes or hidden fields), the page is
// loaded again, the server sends the user to the login, and after it back here,
// where the contents are put back and a notice says so. A form sent after the
// time ran out is kept the same way instead of being lost.
(function () {
  "use strict";

  var dialog = document.getElementById("idle-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var idleSeconds = Number(dialog.dataset.idleSeconds);
  var warningSeconds = Number(dialog.dataset.warningSeconds);
  var statusUrl = dialog.dataset.statusUrl;
  var stayForm = dialog.querySelector("form[data-idle-stay]");
  var logoutForm = dialog.querySelector("form[data-idle-logout]");
  var left = dialog.querySelector("[data-idle-left]");
  var DRAFT_PREFIX = "polku-draft:";
  var DRAFT_MAX_AGE_MS = 10 * 60 * 60 * 1000; // the longest session
  var SKIPPED_TYPES = ["password", "hidden", "file", "submit", "button", "reset", "image"];

  var deadline = Date.now() + idleSeconds * 1000;
  var returnFocusTo = null;
  var checking = false;
  var leaving = false;

  function secondsLeft() {
    return Math.max(0, Math.round((deadline - Date.now()) / 1000));
  }

  function showLeft() {
    var s = secondsLeft();
    left.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  // --- asking the server ---------------------------------------------------
  function askServer() {
    // a redirect means the session has ended (the middleware sends to the login)
    return fetch(statusUrl, {
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) {
        return 0;
      }
      return response.json().then(function (data) {
        return typeof data.remaining === "number" ? data.remaining : idleSeconds;
      });
    });
  }

  function stayLoggedIn() {
    var token = stayForm.querySelector("input[name=csrfmiddlewaretoken]").value;
    return fetch(stayForm.action, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": token, Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("session ended");
      }
      deadline = Date.now() + idleSeconds * 1000;
      closeWarning();
    }).catch(timeRanOut);
  }

  // --- the dialog -----------------------------------------------------------
  function openWarning() {
    if (dialog.open) {
      return;
    }
    returnFocusTo = document.activeElement;
    showLeft();
    dialog.showModal(); // focus moves to "Stay logged in" (autofocus)
  }

  function closeWarning() {
    if (dialog.open) {
      dialog.close();
    }
    if (returnFocusTo && typeof returnFocusTo.focus === "function") {
      returnFocusTo.focus();
    }
    returnFocusTo = null;
  }

  stayForm.addEventListener("submit", function (event) {
    event.preventDefault();
    stayLoggedIn();
  });
  dialog.addEventListener("cancel", function (event) {
    // Escape: the user is here, which is what the question asks
    event.preventDefault();
    stayLoggedIn();
  });
  logoutForm.addEventListener("submit", function () {
    clearDrafts();
  });
  document.querySelectorAll("form[action$='/kirjaudu-ulos/']").forEach(function (form) {
    form.addEventListener("submit", clearDrafts);
  });

  // --- the clock ------------------------------------------------------------
  function tick() {
    if (leaving) {
      return;
    }
    if (dialog.open) {
      showLeft();
    }
    var s = secondsLeft();
    if (s > warningSeconds || checking) {
      return;
    }
    checking = true;
    askServer().then(function (remaining) {
      checking = false;
      deadline = Date.now() + remaining * 1000;
      if (remaining <= 0) {
        timeRanOut();
      } else if (remaining <= warningSeconds) {
        openWarning();
      } else {
        closeWarning();
      }
    }).catch(function () {
      checking = false; // offline for a moment: the local clock goes on
      if (secondsLeft() <= 0) {
        timeRanOut();
      } else {
        openWarning();
      }
    });
  }

  function timeRanOut() {
    if (leaving) {
      return;
    }
    leaving = true;
    saveDrafts();
    // the server logs the session out and sends to the login, then back here
    window.location.assign(window.location.pathname + window.location.search);
  }

  setInterval(tick, 1000);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      tick(); // a laptop that slept: its timers were paused
    }
  });

  // A form sent after the time ran out would reach the login instead: keep it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (dialog.contains(form) || secondsLeft() > 0 || form.dataset.idleChecked) {
      return;
    }
    event.preventDefault();
    askServer().then(function (remaining) {
      if (remaining > 0) {
        deadline = Date.now() + remaining * 1000;
        form.dataset.idleChecked = "1";
        form.requestSubmit(event.submitter || undefined);
      } else {
        timeRanOut();
      }
    }).catch(timeRanOut);
  }, true);

  // --- drafts ---------------------------------------------------------------
  function draftKey() {
    return DRAFT_PREFIX + window.location.pathname + window.location.search;
  }

  function mainForms() {
    return Array.prototype.filter.call(
      document.querySelectorAll("main form"),
      function (form) {
        return (form.method || "").toLowerCase() === "post";
      }
    );
  }

  function keepable(field) {
    if (!field.name || field.disabled || SKIPPED_TYPES.indexOf(field.type) !== -1) {
      return false;
    }
    var auto = (field.getAttribute("autocomplete") || "").toLowerCase();
    return auto !== "one-time-code" && auto.indexOf("password") === -1 &&
      !field.closest("[data-no-draft]");
  }

  function changed(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (o) {
        return o.selected !== o.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }

  function valueOf(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked;
    }
    if (field.tagName === "SELECT" && field.multiple) {
      return Array.prototype.filter.call(field.options, function (o) {
        return o.selected;
      }).map(function (o) { return o.value; });
    }
    return field.value;
  }

  function saveDrafts() {
    var forms = [];
    mainForms().forEach(function (form, index) {
      var fields = Array.prototype.filter.call(form.elements, keepable);
      if (!fields.some(changed)) {
        return;
      }
      forms.push({
        index: index,
        action: form.getAttribute("action") || "",
        fields: fields.map(function (f, i) {
          return { i: i, name: f.name, value: valueOf(f) };
        }),
      });
    });
    if (!forms.length) {
      return;
    }
    try {
      sessionStorage.setItem(draftKey(), JSON.stringify({ at: Date.now(), forms: forms }));
    } catch (e) {
      // storage full or refused: nothing more can be done here
    }
  }

  function clearDrafts() {
    try {
      Object.keys(sessionStorage).forEach(function (key) {
        if (key.indexOf(DRAFT_PREFIX) === 0) {
          sessionStorage.removeItem(key);
        }
      });
    } catch (e) {
      // storage refused
    }
  }

  function restoreDrafts() {
    var raw = null;
    try {
      raw = sessionStorage.getItem(draftKey());
      sessionStorage.removeItem(draftKey());
    } catch (e) {
      return;
    }
    if (!raw) {
      return;
    }
    var draft = JSON.parse(raw);
    if (!draft || Date.now() - draft.at > DRAFT_MAX_AGE_MS) {
      return;
    }
    var forms = mainForms();
    var restored = false;
    draft.forms.forEach(function (saved) {
      var form = forms[saved.index];
      if (!form || (form.getAttribute("action") || "") !== saved.action) {
        return;
      }
      var fields = Array.prototype.filter.call(form.elements, keepable);
      saved.fields.forEach(function (s) {
        var field = fields[s.i];
        if (!field || field.name !== s.name) {
          return;
        }
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = s.value;
        } else if (field.tagName === "SELECT" && field.multiple) {
          Array.prototype.forEach.call(field.options, function (o) {
            o.selected = s.value.indexOf(o.value) !== -1;
          });
        } else {
          field.value = s.value;
        }
        restored = true;
      });
    });
    var notice = document.getElementById("draft-restored");
    if (restored && notice) {
      notice.hidden = false;
      notice.focus();
    }
  }

  restoreDrafts();
})();
