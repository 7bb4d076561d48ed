// A "Print" button for printable documents: shown only when script runs, since
// without it the browser's own print command does the same.
document.querySelectorAll("button[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
