// Poster pages (app/src/spaces/pages.rs): the print button and the small-label switch. A file
// rather than inline handlers, which the Content-Security-Policy refuses.
document.addEventListener('click', function (e) {
  if (e.target.closest && e.target.closest('[data-print]')) window.print();
});
document.addEventListener('change', function (e) {
  if (e.target.matches && e.target.matches('[data-label-size]')) {
    document.body.classList.toggle('labels', e.target.checked);
  }
});
