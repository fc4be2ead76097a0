/* Dimos: the subscription form's map. Everything works without it: the centre of the area
   can be typed as coordinates. With JavaScript and Leaflet (map-picker.js): a tap on the map
   or the device's location sets the centre, and the circle of the chosen radius is drawn.
   ES5, for old phone browsers. */
(function () {
    'use strict';
    document.documentElement.className += ' js';

    var summary = document.getElementById('error-summary');
    if (summary) {
        summary.focus();
    }
    var el = document.getElementById('area-map');
    var lat = document.getElementById('lat');
    var lon = document.getElementById('lon');
    var radius = document.getElementById('radius');
    if (!el || !window.DimosMap || !DimosMap.picker || !lat || !lon || !radius) {
        return;
    }
    DimosMap.picker(el, {
        lat: lat, lon: lon, shape: 'circle', radius: radius,
        clear: document.getElementById('area-clear'), locate: document.getElementById('area-locate')
    });
})();
