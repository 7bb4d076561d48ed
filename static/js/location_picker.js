/* The site editor's location picker (Wagtail page editor of a work-activity site).
 *
 * A click on the map (or choosing a search result) writes the latitude and
 * longitude into the form's own fields, which stay editable by hand; typing in them
 * moves the marker. The address search asks Polku, which asks the geocoder.
 */
(function () {
  "use strict";

  function field(name) { return document.getElementById("id_" + name); }

  function start() {
    var box = document.querySelector("[data-location-picker]");
    var lat = field("lat");
    var lon = field("lon");
    if (!box || !lat || !lon || typeof L === "undefined") { return; }
    var data = JSON.parse(document.getElementById(box.getAttribute("data-location-picker")).textContent);
    box.hidden = false;
    var container = box.querySelector(".map");
    container.setAttribute("aria-label", data.texts.mapLabel);
    var map = L.map(container, {scrollWheelZoom: false});
    L.tileLayer(data.tiles.url, {
      attribution: data.tiles.attribution,
      maxZoom: data.tiles.maxZoom,
      subdomains: data.tiles.subdomains,
      alt: ""
    }).addTo(map);
    map.attributionControl.setPrefix(false);
    var marker = null;
    var status = box.querySelector(".location-picker-status");

    function current() {
      var a = parseFloat(String(lat.value).replace(",", "."));
      var b = parseFloat(String(lon.value).replace(",", "."));
      return isNaN(a) || isNaN(b) ? null : L.latLng(a, b);
    }

    function place(point, zoom) {
      if (marker) { marker.setLatLng(point); } else {
        marker = L.marker(point, {
          icon: L.divIcon({className: "map-pin", html: "<span class=\"map-pin-label\" aria-hidden=\"true\"></span>",
            iconSize: [28, 28], iconAnchor: [14, 28]}),
          keyboard: false
        }).addTo(map);
      }
      map.setView(point, zoom || Math.max(map.getZoom(), 15));
    }

    function choose(point, zoom) {
      lat.value = point.lat.toFixed(6);
      lon.value = point.lng.toFixed(6);
      [lat, lon].forEach(function (input) {
        input.dispatchEvent(new Event("change", {bubbles: true}));
      });
      place(point, zoom);
      if (status) {
        status.textContent = data.texts.chosen
          .replace("%(lat)s", lat.value).replace("%(lon)s", lon.value);
      }
    }

    var start = current();
    if (start) { place(start, 15); } else { map.setView([64.5, 26.0], 5); }
    map.on("click", function (event) { choose(event.latlng); });
    [lat, lon].forEach(function (input) {
      input.addEventListener("input", function () {
        var point = current();
        if (point) { place(point); }
      });
    });

    var go = box.querySelector(".location-picker-go");
    var query = box.querySelector("#location-picker-query");
    var results = box.querySelector(".location-picker-results");
    if (!go || !data.search) { return; }
    function guess() {
      var parts = [field("address"), field("postal_code")].map(function (f) {
        return f ? f.value.trim() : "";
      });
      var town = field("municipality");
      if (town && town.selectedIndex > 0) { parts.push(town.options[town.selectedIndex].text); }
      return parts.filter(Boolean).join(", ");
    }
    query.value = guess();
    function search(event) {
      if (event) { event.preventDefault(); }
      results.textContent = "";
      status.textContent = data.texts.searching;
      fetch(data.search + "?q=" + encodeURIComponent(query.value), {credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          var places = answer.places || [];
          status.textContent = answer.error || (places.length ? "" : data.texts.none);
          places.forEach(function (p) {
            var item = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "button button-small button-secondary";
            button.textContent = data.texts.choose + ": " + p.label;
            button.addEventListener("click", function () { choose(L.latLng(p.lat, p.lon), 16); });
            item.appendChild(button);
            results.appendChild(item);
          });
        })
        .catch(function () { status.textContent = data.texts.none; });
    }
    go.addEventListener("click", search);
    query.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { search(event); }  // not the page form's submit
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
