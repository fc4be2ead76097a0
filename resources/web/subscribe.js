/* Dimos: the subscription form's map. Everything works without it: the centre of the area
   can be typed as coordinates. With JavaScript and Leaflet: a tap on the map sets the centre,
   and the circle of the chosen radius is drawn. ES5, for old phone browsers. */
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
    if (!el || !window.L || !lat || !lon || !radius) {
        return;
    }
    var picker = el.parentNode;
    var status = picker.querySelector('.picker-status');
    picker.hidden = false;

    function esc(text) {
        return String(text).replace(/[&<>"']/g, function (c) {
            return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
        });
    }
    var attribution = esc(el.getAttribute('data-attribution') || '');
    if (el.getAttribute('data-attribution-url')) {
        attribution = '<a href="' + esc(el.getAttribute('data-attribution-url')) + '">' + attribution + '</a>';
    }
    var b = (el.getAttribute('data-bounds') || '').split(',');
    var map = L.map(el);
    map.fitBounds(L.latLngBounds([+b[0], +b[1]], [+b[2], +b[3]]));
    L.tileLayer(el.getAttribute('data-tiles'), { attribution: attribution, maxZoom: 19 }).addTo(map);
    if (el.getAttribute('data-boundary')) {
        var request = new XMLHttpRequest();
        request.open('GET', el.getAttribute('data-boundary'));
        request.onload = function () {
            if (request.status === 200) {
                var data = JSON.parse(request.responseText);
                L.geoJSON(data, {
                    style: { color: '#0b4f8a', weight: 2, opacity: 0.8, fill: false },
                    interactive: false
                }).addTo(map);
                if (data.attribution) {
                    map.attributionControl.addAttribution(esc(data.attribution));
                }
            }
        };
        request.send();
    }

    var circle = null;
    function number(text) {
        return parseFloat(String(text).replace(',', '.'));
    }
    function draw(fit) {
        var y = number(lat.value), x = number(lon.value);
        if (isNaN(y) || isNaN(x)) {
            if (circle) {
                map.removeLayer(circle);
                circle = null;
            }
            return;
        }
        var at = L.latLng(y, x);
        var r = parseInt(radius.value, 10) || 1000;
        if (!circle) {
            circle = L.circle(at, { radius: r, color: '#b3261e', weight: 2, fillOpacity: 0.12 }).addTo(map);
        } else {
            circle.setLatLng(at);
            circle.setRadius(r);
        }
        if (fit) {
            map.fitBounds(circle.getBounds(), { maxZoom: 17, padding: [24, 24] });
        }
    }
    map.on('click', function (e) {
        lat.value = e.latlng.lat.toFixed(6);
        lon.value = e.latlng.lng.toFixed(6);
        draw(false);
        status.textContent = (el.getAttribute('data-text-set') || '%1, %2').replace('%1', lat.value)
            .replace('%2', lon.value);
    });
    lat.addEventListener('change', function () { draw(true); });
    lon.addEventListener('change', function () { draw(true); });
    radius.addEventListener('change', function () { draw(true); });
    document.getElementById('area-clear').addEventListener('click', function () {
        lat.value = '';
        lon.value = '';
        draw(false);
        status.textContent = this.textContent;
    });
    draw(true);
})();
