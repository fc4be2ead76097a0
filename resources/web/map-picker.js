/* Dimos: what the citizens' maps share (window.DimosMap), loaded before map.js, report-form.js
   and subscribe.js. Every page works without it: the coordinates can be typed.
   - DimosMap.create(el, outline): a Leaflet map in `el` from its data- attributes (data-tiles,
     data-attribution, data-attribution-url, data-bounds, data-boundary), with the municipal
     boundary and the map's credits. The tiles' short credit is always shown; when the others
     (the boundary's licence) would take more than one line, they fold behind an "i" button
     that opens them (a real button: keyboard and screen readers).
   - DimosMap.picker(el, options): a map to choose a point on (tap, drag, typed coordinates,
     the device's location) that writes the coordinates into the form's inputs; a marker, or a
     circle with the radius of a select.
   ES5 and XMLHttpRequest, for old phone browsers. */
(function () {
    'use strict';
    document.documentElement.className += ' js';

    var DimosMap = {};
    window.DimosMap = DimosMap;
    var counter = 0;

    function esc(text) {
        return String(text).replace(/[&<>"']/g, function (c) {
            return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
        });
    }
    DimosMap.esc = esc;
    if (!window.L) {
        return; // without Leaflet the pages show lists and coordinate inputs
    }

    function number(text) {
        return parseFloat(String(text).replace(',', '.'));
    }

    // The credits in a control of our own: Leaflet's rewrites its whole content on every change.
    var Credits = L.Control.extend({
        options: { position: 'bottomright' },
        initialize: function (el) {
            this._el = el;
        },
        onAdd: function () {
            var el = this._el;
            var box = L.DomUtil.create('div', 'leaflet-control-attribution map-credits');
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            var tiles = L.DomUtil.create('span', 'map-credits-tiles', box);
            this._tiles = tiles;
            var text = esc(el.getAttribute('data-attribution') || '');
            var url = el.getAttribute('data-attribution-url');
            tiles.innerHTML = url ? '<a href="' + esc(url) + '">' + text + '</a>' : text;
            this._box = box;
            this._more = null;
            this._button = null;
            return box;
        },
        // A further credit (the boundary's). When the credits no longer fit on one line, the
        // further ones fold behind a button.
        add: function (text) {
            var box = this._box;
            if (!this._more) {
                this._more = L.DomUtil.create('span', 'map-credits-more', box);
                this._more.id = 'map-credits-' + (++counter);
            }
            var part = document.createElement('span');
            part.textContent = text;
            this._more.appendChild(part);
            if (!this._button && box.offsetHeight > 1.8 * this._tiles.offsetHeight) {
                this._fold();
            }
        },
        _fold: function () {
            var box = this._box;
            var button = L.DomUtil.create('button', 'map-credits-toggle');
            button.type = 'button';
            button.textContent = 'i';
            button.setAttribute('aria-label', this._el.getAttribute('data-text-credits') || 'i');
            button.setAttribute('aria-controls', this._more.id);
            button.setAttribute('aria-expanded', 'false');
            box.insertBefore(button, this._more);
            box.className += ' map-credits-folded';
            L.DomEvent.on(button, 'click', function () {
                var open = button.getAttribute('aria-expanded') !== 'true';
                button.setAttribute('aria-expanded', open ? 'true' : 'false');
                box.className = box.className.replace(/ map-credits-(folded|open)/, '')
                    + (open ? ' map-credits-open' : ' map-credits-folded');
            });
            this._button = button;
        }
    });

    // `outline`: the boundary's style (Leaflet path options).
    DimosMap.create = function (el, outline) {
        var b = (el.getAttribute('data-bounds') || '').split(',');
        var map = L.map(el, { attributionControl: false });
        map.fitBounds(L.latLngBounds([+b[0], +b[1]], [+b[2], +b[3]]));
        L.tileLayer(el.getAttribute('data-tiles'), { maxZoom: 19 }).addTo(map);
        var credits = new Credits(el);
        map.addControl(credits);
        map.credits = credits;
        // The municipal boundary and its credit: the map reads as a map even without tiles.
        var url = el.getAttribute('data-boundary');
        if (url) {
            var xhr = new XMLHttpRequest();
            xhr.open('GET', url);
            xhr.onload = function () {
                if (xhr.status !== 200) {
                    return;
                }
                var data = JSON.parse(xhr.responseText);
                L.geoJSON(data, { style: outline, interactive: false }).addTo(map);
                if (data.attribution) {
                    credits.add(data.attribution);
                }
            };
            xhr.send();
        }
        return map;
    };

    /* options: lat, lon (the inputs); shape 'marker' or 'circle'; radius (the select of a
       circle); locate, clear (optional buttons). The map's parent (hidden until now) holds a
       .picker-status live region; el's data-text-set ("%1, %2"), data-text-locating and
       data-text-failed are what it says. */
    DimosMap.picker = function (el, options) {
        var lat = options.lat, lon = options.lon;
        var container = el.parentNode;
        var status = container.querySelector('.picker-status');
        container.hidden = false;
        var map = DimosMap.create(el, { color: '#0b4f8a', weight: 2, opacity: 0.8, fill: false });
        var shape = null;

        function say(text) {
            if (status) {
                status.textContent = text || '';
            }
        }
        function typedPoint() {
            var y = number(lat.value), x = number(lon.value);
            return isNaN(y) || isNaN(x) ? null : L.latLng(y, x);
        }
        function radius() {
            return (options.radius && parseInt(options.radius.value, 10)) || 1000;
        }
        // Draws the shape at `at` (or removes it), and shows it when `view` says how.
        function draw(at, view) {
            if (!at) {
                if (shape) {
                    map.removeLayer(shape);
                    shape = null;
                }
                return;
            }
            if (options.shape === 'circle') {
                if (!shape) {
                    shape = L.circle(at, { radius: radius(), color: '#b3261e', weight: 2, fillOpacity: 0.12 }).addTo(map);
                } else {
                    shape.setLatLng(at);
                    shape.setRadius(radius());
                }
                if (view) {
                    map.fitBounds(shape.getBounds(), { maxZoom: 17, padding: [24, 24] });
                }
                return;
            }
            if (!shape) {
                shape = L.marker(at, {
                    icon: L.divIcon({ className: 'marker marker-pick', iconSize: [28, 28] }),
                    draggable: true, keyboard: false
                }).addTo(map);
                shape.on('dragend', function () {
                    set(shape.getLatLng(), true);
                });
            } else {
                shape.setLatLng(at);
            }
            if (view) {
                map.setView(at, view === 'close' ? 17 : Math.max(map.getZoom(), 16));
            }
        }
        // A point chosen on the map (or found): into the inputs, said aloud when `announce`.
        function set(at, announce, view) {
            lat.value = at.lat.toFixed(6);
            lon.value = at.lng.toFixed(6);
            draw(at, view);
            if (announce) {
                say((el.getAttribute('data-text-set') || '%1, %2').replace('%1', lat.value).replace('%2', lon.value));
            }
        }

        map.on('click', function (e) {
            set(e.latlng, true, false);
        });
        function typed() {
            draw(typedPoint(), 'near');
        }
        lat.addEventListener('change', typed);
        lon.addEventListener('change', typed);
        if (options.radius) {
            options.radius.addEventListener('change', typed);
        }
        if (options.clear) {
            options.clear.addEventListener('click', function () {
                lat.value = '';
                lon.value = '';
                draw(null);
                say(options.clear.textContent);
            });
        }
        if (options.locate) {
            if (!navigator.geolocation) {
                options.locate.hidden = true;
            } else {
                options.locate.addEventListener('click', function () {
                    say(el.getAttribute('data-text-locating'));
                    navigator.geolocation.getCurrentPosition(function (position) {
                        set(L.latLng(position.coords.latitude, position.coords.longitude), true, 'close');
                    }, function () {
                        say(el.getAttribute('data-text-failed'));
                    }, { enableHighAccuracy: true, timeout: 15000 });
                });
            }
        }
        var start = typedPoint();
        if (start) {
            draw(start, 'close');
        }
        return { map: map, set: set };
    };
})();
