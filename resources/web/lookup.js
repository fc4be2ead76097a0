/* Dimos: the map of "What applies at my address" (/lookup). Everything works without it: an
   address or coordinates can be typed. With JavaScript and Leaflet (map-picker.js): a tap on the
   map, a dragged marker or the device's location fills the coordinates, and the form is sent at
   once, so the answer follows the point. ES5, for old phone browsers. */
(function () {
    'use strict';
    var summary = document.getElementById('error-summary');
    if (summary) {
        summary.focus();
    }
    var el = document.getElementById('lookup-map');
    var lat = document.getElementById('lat');
    var lon = document.getElementById('lon');
    if (!el || !window.DimosMap || !DimosMap.picker || !lat || !lon) {
        return;
    }
    var picker = DimosMap.picker(el, { lat: lat, lon: lon, shape: 'marker', locate: document.getElementById('lookup-locate') });
    if (!picker) {
        return;
    }
    function send() {
        if (lat.value && lon.value && lat.form) {
            lat.form.submit();
        }
    }
    picker.map.on('click', send);
    var locate = document.getElementById('lookup-locate');
    if (locate) {
        locate.addEventListener('click', function () {
            var before = lat.value + ',' + lon.value;
            var tries = 0;
            var timer = setInterval(function () {
                if (lat.value + ',' + lon.value !== before) {
                    clearInterval(timer);
                    send();
                } else if (++tries > 40) {
                    clearInterval(timer);
                }
            }, 500);
        });
    }
})();
