// Photo fields (app/src/photos/pages.rs, PhotoInput): shrink the chosen photo on the phone
// before the form is sent, so a 3-8 MB camera file goes up as a ~300 KB JPEG (long side at
// most 1600 px, quality 0.8). The file input keeps working without this script: the server
// shrinks what it gets. Anything that fails here leaves the original file in place.
(function () {
  if (window.anxunPhotoShrink) return; // one copy per page, however many fields
  window.anxunPhotoShrink = true;
  var MAX = 1600;
  var pending = 0;

  function shrink(file) {
    // createImageBitmap applies the EXIF orientation ('from-image') in current browsers.
    return createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (bmp) {
      var scale = Math.min(1, MAX / Math.max(bmp.width, bmp.height));
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(bmp.width * scale);
      canvas.height = Math.round(bmp.height * scale);
      canvas.getContext('2d').drawImage(bmp, 0, 0, canvas.width, canvas.height);
      if (bmp.close) bmp.close();
      return new Promise(function (resolve) {
        canvas.toBlob(resolve, 'image/jpeg', 0.8);
      });
    });
  }

  document.addEventListener('change', function (e) {
    var input = e.target;
    if (!input.matches || !input.matches('input[data-photo-shrink]')) return;
    var file = input.files && input.files[0];
    if (!file || !window.createImageBitmap || !window.DataTransfer) return;
    pending++;
    shrink(file)
      .then(function (blob) {
        if (!blob || blob.size >= file.size) return; // already small: keep the original
        var name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
        var dt = new DataTransfer();
        dt.items.add(new File([blob], name, { type: 'image/jpeg' }));
        input.files = dt.files;
      })
      .catch(function () {})
      .then(function () {
        pending--;
      });
  });

  // A form sent while a photo is still being shrunk waits for it, then is sent once.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (pending === 0 || !form.querySelector('input[data-photo-shrink]')) return;
    e.preventDefault();
    var wait = setInterval(function () {
      if (pending === 0) {
        clearInterval(wait);
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    }, 100);
  });
})();
