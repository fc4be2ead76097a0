/* Dimos: the report form's enhancements. Everything works without them: the category's
   questions come with a button, the location can be written as an address or coordinates.
   With JavaScript: the questions swap in place, a map click or the device's location fills
   in the coordinates. ES5 and XMLHttpRequest, for old phone browsers. */
(function () {
    'use strict';
    document.documentElement.className += ' js';

    var form = document.querySelector('form.report-form');
    if (!form) {
        return;
    }
    var summary = document.getElementById('error-summary');
    if (summary) {
        summary.focus();
    }

    // The category's own questions, from the same page rendered for that category.
    var category = document.getElementById('category');
    if (category && window.XMLHttpRequest && window.DOMParser) {
        category.addEventListener('change', function () {
            var xhr = new XMLHttpRequest();
            xhr.open('GET', form.getAttribute('data-fields-url') + '?category=' + encodeURIComponent(category.value)
                + '&lang=' + encodeURIComponent(form.getAttribute('data-lang')));
            xhr.onload = function () {
                if (xhr.status !== 200) {
                    return;
                }
                var page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
                var fresh = page.getElementById('category-fields');
                var current = document.getElementById('category-fields');
                if (fresh && current) {
                    current.parentNode.replaceChild(document.importNode(fresh, true), current);
                }
            };
            xhr.send();
        });
    }

    // The location: a map to tap and the device's position fill in the coordinates.
    var el = document.getElementById('picker-map');
    var lat = document.getElementById('lat');
    var lon = document.getElementById('lon');
    if (!el || !window.L || !lat || !lon) {
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
    var marker = null;

    function number(text) {
        return parseFloat(String(text).replace(',', '.'));
    }

    function place(at, announce) {
        if (!marker) {
            marker = L.marker(at, {
                icon: L.divIcon({ className: 'marker marker-pick', iconSize: [28, 28] }),
                draggable: true, keyboard: false
            }).addTo(map);
            marker.on('dragend', function () {
                place(marker.getLatLng(), true);
            });
        } else {
            marker.setLatLng(at);
        }
        lat.value = at.lat.toFixed(6);
        lon.value = at.lng.toFixed(6);
        if (announce) {
            status.textContent = (el.getAttribute('data-text-set') || '%1, %2').replace('%1', lat.value)
                .replace('%2', lon.value);
        }
    }

    if (!isNaN(number(lat.value)) && !isNaN(number(lon.value))) {
        var start = L.latLng(number(lat.value), number(lon.value));
        place(start, false);
        map.setView(start, 17);
    }
    map.on('click', function (e) {
        place(e.latlng, true);
    });
    function typed() {
        if (!isNaN(number(lat.value)) && !isNaN(number(lon.value))) {
            var at = L.latLng(number(lat.value), number(lon.value));
            place(at, false);
            map.setView(at, Math.max(map.getZoom(), 16));
        }
    }
    lat.addEventListener('change', typed);
    lon.addEventListener('change', typed);

    // The address: the municipality's street list as suggestions; choosing one places the point.
    var address = document.getElementById('address');
    var streets = document.getElementById('street-list');
    var found = {};
    var pending = null;
    if (address && streets) {
        address.addEventListener('input', function () {
            var q = address.value.replace(/[0-9].*$/, '').trim();
            if (found[address.value]) {
                var s = found[address.value];
                place(L.latLng(s.lat, s.lon), true);
                map.setView([s.lat, s.lon], 17);
                return;
            }
            if (q.length < 2) {
                return;
            }
            if (pending) {
                pending.abort();
            }
            var xhr = new XMLHttpRequest();
            pending = xhr;
            xhr.open('GET', '/streets.json?q=' + encodeURIComponent(q) + '&lang='
                + encodeURIComponent(form.getAttribute('data-lang')));
            xhr.onload = function () {
                pending = null;
                if (xhr.status !== 200) {
                    return;
                }
                var list = JSON.parse(xhr.responseText).streets;
                while (streets.firstChild) {
                    streets.removeChild(streets.firstChild);
                }
                for (var i = 0; i < list.length; ++i) {
                    var option = document.createElement('option');
                    option.value = list[i].name;
                    streets.appendChild(option);
                    found[list[i].name] = list[i];
                }
            };
            xhr.send();
        });
    }

    var locate = document.getElementById('use-my-location');
    if (!navigator.geolocation) {
        locate.hidden = true;
    } else {
        locate.addEventListener('click', function () {
            status.textContent = el.getAttribute('data-text-locating');
            navigator.geolocation.getCurrentPosition(function (position) {
                var at = L.latLng(position.coords.latitude, position.coords.longitude);
                place(at, true);
                map.setView(at, 17);
            }, function () {
                status.textContent = el.getAttribute('data-text-failed');
            }, { enableHighAccuracy: true, timeout: 15000 });
        });
    }
})();
