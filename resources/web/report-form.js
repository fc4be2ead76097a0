/* Dimos: the report form's enhancements. Everything works without them: the category's
   questions come with a button, the location can be written as an address or coordinates.
   With JavaScript: the questions swap in place, a map click or the device's location fills
   in the coordinates (the map is map-picker.js's), the street list suggests addresses.
   ES5 and XMLHttpRequest, for old phone browsers. */
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
    if (!el || !window.DimosMap || !DimosMap.picker || !lat || !lon) {
        return;
    }
    var picker = DimosMap.picker(el, {
        lat: lat, lon: lon, shape: 'marker', locate: document.getElementById('use-my-location')
    });

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
                picker.set(L.latLng(s.lat, s.lon), true, 'close');
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
})();
