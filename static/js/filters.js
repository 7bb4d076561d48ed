// The filters of the catalogue and the job bank: open beside the results on a wide
// screen; on a phone folded behind their heading (a <details> summary), so that the
// results come first. Without JavaScript they stay open. A filter with an error
// stays open, so that its message is seen.
(function () {
  var phone = window.matchMedia("(max-width: 50rem)");
  document.querySelectorAll("details[data-fold-on-phone]").forEach(function (box) {
    if (phone.matches && !box.querySelector(".field-error")) {
      box.open = false;
    }
  });
})();
