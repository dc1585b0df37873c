// The officer's phone page: where the phone is, for sorting the visits and for the arrival's GPS fix.
(function () {
  function locate(ok, failed) {
    if (!navigator.geolocation) { failed(); return; }
    navigator.geolocation.getCurrentPosition(ok, failed, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }
  function localNow() {
    var d = new Date(Date.now() + 8 * 3600 * 1000);   // Beijing time, as the form expects
    return d.toISOString().slice(0, 16);
  }
  var sort = document.getElementById('sort-near');
  if (sort) {
    sort.addEventListener('click', function () {
      locate(function (p) {
        var url = new URL(window.location.href);
        url.searchParams.set('lat', p.coords.latitude.toFixed(6));
        url.searchParams.set('lon', p.coords.longitude.toFixed(6));
        url.hash = '';
        window.location.href = url.toString();
      }, function () { sort.textContent = sort.dataset.failed; });
    });
  }
  document.querySelectorAll('.visit-form').forEach(function (form) {
    var button = form.querySelector('.arrive');
    var fix = form.querySelector('.fix');
    button.addEventListener('click', function () {
      form.querySelector('.at').value = localNow();
      locate(function (p) {
        form.querySelector('.lat').value = p.coords.latitude.toFixed(6);
        form.querySelector('.lon').value = p.coords.longitude.toFixed(6);
        fix.textContent = button.dataset.fixed.replace('{m}', Math.round(p.coords.accuracy));
        button.classList.add('done');
      }, function () { fix.textContent = button.dataset.failed; });
    });
  });
})();
