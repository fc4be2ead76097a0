/* Dimos: the maps of the home page and of a report's page (after map-picker.js, which makes the
   home map). Progressive enhancement: without JavaScript (or without Leaflet) the pages show
   the list and the coordinates instead.
   Written for old phone browsers: ES5 and XMLHttpRequest. */
(function () {
    'use strict';
    document.documentElement.className += ' js';
    if (!window.L || !window.DimosMap || !DimosMap.create) {
        return;
    }

    var esc = window.DimosMap ? DimosMap.esc : null;

    function clamp(v, min, max) {
        return Math.max(min, Math.min(max, v));
    }

    function homeMap(el) {
        var section = document.getElementById('map-section');
        var status = section.querySelector('.map-status');
        section.hidden = false;
        var map = DimosMap.create(el, { color: '#0b4f8a', weight: 2, opacity: 0.8, fill: true, fillOpacity: 0.04 });
        var layer = L.layerGroup().addTo(map);
        var pending = null;

        function draw(features) {
            layer.clearLayers();
            for (var i = 0; i < features.length; i++) {
                var f = features[i];
                var p = f.properties;
                var at = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
                if (p.cluster) {
                    var big = p.count >= 100;
                    var size = big ? 48 : 40;
                    var cluster = L.marker(at, {
                        icon: L.divIcon({
                            className: 'marker marker-cluster' + (big ? ' marker-cluster-large' : ''),
                            html: esc(p.count), iconSize: [size, size]
                        }),
                        title: (el.getAttribute('data-text-cluster') || '%1').replace('%1', p.count),
                        keyboard: true
                    });
                    cluster.on('click', (function (where, zoom) {
                        return function () { map.setView(where, zoom); };
                    })(at, p.expansion_zoom));
                    layer.addLayer(cluster);
                } else {
                    var marker = L.marker(at, {
                        icon: L.divIcon({
                            className: 'marker marker-point marker-' + esc(p.status),
                            html: esc(p.status_symbol), iconSize: [24, 24]
                        }),
                        title: p.category + ' #' + p.id + ' — ' + p.status_text,
                        keyboard: true
                    });
                    marker.bindPopup('<a class="popup-title" href="' + esc(p.url) + '">' + esc(p.category) + ' #'
                        + esc(p.id) + '</a>' + esc(p.status_text) + '<br><a href="' + esc(p.url) + '">'
                        + esc(el.getAttribute('data-text-details')) + '</a>');
                    layer.addLayer(marker);
                }
            }
        }

        function load() {
            var b = map.getBounds();
            var bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
                clamp(b.getNorth(), -90, 90)].map(function (v) { return v.toFixed(5); }).join(',');
            var url = el.getAttribute('data-geojson') + '?bbox=' + bbox + '&zoom=' + Math.round(map.getZoom())
                + '&lang=' + encodeURIComponent(el.getAttribute('data-lang'));
            if (pending) {
                pending.abort();
            }
            var xhr = new XMLHttpRequest();
            pending = xhr;
            xhr.open('GET', url);
            xhr.onload = function () {
                pending = null;
                if (xhr.status !== 200) {
                    status.textContent = el.getAttribute('data-text-failed');
                    return;
                }
                status.textContent = '';
                draw(JSON.parse(xhr.responseText).features);
            };
            xhr.onerror = function () {
                pending = null;
                status.textContent = el.getAttribute('data-text-failed');
            };
            xhr.send();
        }

        map.on('moveend', load);
        load();
    }

    function reportMap(el) {
        el.hidden = false;
        var at = L.latLng(+el.getAttribute('data-lat'), +el.getAttribute('data-lon'));
        // A picture (role="img"): nothing inside may be interactive, so the tiles' attribution
        // is printed under it by the page rather than as Leaflet's control with its links.
        var map = L.map(el, {
            zoomControl: false, dragging: false, scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false,
            keyboard: false, touchZoom: false, tap: false, attributionControl: false
        }).setView(at, 17);
        L.tileLayer(el.getAttribute('data-tiles'), { maxZoom: 19 }).addTo(map);
        L.marker(at, {
            icon: L.divIcon({ className: 'marker marker-pick', iconSize: [28, 28] }),
            keyboard: false, interactive: false
        }).addTo(map);
    }

    var home = document.getElementById('map');
    if (home) {
        homeMap(home);
    }
    var single = document.getElementById('report-map');
    if (single) {
        reportMap(single);
    }
})();
