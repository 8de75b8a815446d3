// Small behaviours of the pages, bound here rather than in inline handlers: the
// Content-Security-Policy allows scripts from this site's files only.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
