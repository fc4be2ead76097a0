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

    // The areas of the answer (data-shapes: "kind:layer:feature,…"), drawn in their section's
    // colour (the swatch beside each heading), and the map fitted to them. The layers' public
    // GeoJSON is asked for in a small box around the point, simplified for the map's zoom.
    var colours = { municipal_units: '#6d28d9', school_districts: '#047857', planning_zones: '#b45309' };
    var shapes = (el.getAttribute('data-shapes') || '').split(',');
    var drawn = L.featureGroup().addTo(picker.map);
    var waiting = 0;
    var credited = {};
    function fit() {
        if (waiting === 0 && drawn.getLayers().length) {
            picker.map.fitBounds(drawn.getBounds(), { maxZoom: 17, padding: [12, 12] });
        }
    }
    function draw(kind, layer, feature) {
        var y = +lat.value, x = +lon.value, d = 0.0005;
        var url = '/api/v1/layers/' + encodeURIComponent(layer) + '/features.geojson?bbox='
            + (x - d) + ',' + (y - d) + ',' + (x + d) + ',' + (y + d) + '&zoom=16';
        var xhr = new XMLHttpRequest();
        xhr.open('GET', url);
        xhr.onload = function () {
            waiting--;
            if (xhr.status === 200) {
                var data = JSON.parse(xhr.responseText);
                var i;
                for (i = 0; i < (data.features || []).length; i++) {
                    if (String(data.features[i].id) === feature) {
                        L.geoJSON(data.features[i], {
                            interactive: false,
                            style: { color: colours[kind] || '#333', weight: 3, opacity: 0.9, fillOpacity: 0.08 }
                        }).addTo(drawn);
                        el.setAttribute('data-shapes-drawn', (+(el.getAttribute('data-shapes-drawn') || 0) + 1) + '');
                    }
                }
                if (data.attribution && picker.map.credits && !credited[data.attribution]) {
                    credited[data.attribution] = true;
                    picker.map.credits.add(data.attribution);
                }
            }
            fit();
        };
        xhr.onerror = function () {
            waiting--;
            fit();
        };
        waiting++;
        xhr.send();
    }
    var i, part;
    for (i = 0; i < shapes.length; i++) {
        part = shapes[i].split(':');
        if (part.length === 3 && lat.value && lon.value) {
            draw(part[0], part[1], part[2]);
        }
    }
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
