/* Polku's maps (Leaflet, served by Polku itself).
 *
 * Every map sits beside a list of the same places and is an addition to it: the
 * figure stays hidden without JavaScript. The data comes from a JSON block written
 * by marketplace/maps (no inline script; texts are set as text, never as HTML).
 * Keyboard: the map pans with the arrow keys and zooms with + and -; Tab reaches
 * each marker or cluster, Enter opens a marker's card (focus moves into it) or
 * zooms into a cluster, Escape closes the card and returns to the marker.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function card(point, texts) {
    var box = el("div", "map-card");
    var title = el("p", "map-card-title");
    if (point.url) {
      var link = el("a", "", point.title);
      link.href = point.url;
      title.appendChild(link);
    } else {
      title.textContent = point.title;
    }
    box.appendChild(title);
    if (point.meta) { box.appendChild(el("p", "map-card-meta", point.meta)); }
    if (point.detail) { box.appendChild(el("p", "map-card-detail", point.detail)); }
    var inList = point.list_id && document.getElementById(point.list_id);
    if (inList) {
      var back = el("a", "map-card-list", texts.showInList);
      back.href = "#" + point.list_id;
      back.addEventListener("click", function (event) {
        event.preventDefault();
        inList.scrollIntoView({block: "center"});
        var target = inList.querySelector("a") || inList;
        target.focus();
      });
      box.appendChild(back);
    }
    return box;
  }

  function pin(point) {
    var label = point.number ? String(point.number) : "";
    var html = document.createElement("span");
    html.className = "map-pin-label";
    html.setAttribute("aria-hidden", "true");
    html.textContent = label;
    return L.divIcon({
      className: "map-pin" + (label ? " map-pin-numbered" : ""),
      html: html.outerHTML,
      iconSize: [28, 28],
      iconAnchor: [14, 28],
      popupAnchor: [0, -26]
    });
  }

  function clusterIcon(texts) {
    return function (cluster) {
      var count = cluster.getChildCount();
      var box = document.createElement("span");
      var shown = el("span", "map-cluster-count", String(count));
      shown.setAttribute("aria-hidden", "true");
      box.appendChild(shown);
      box.appendChild(el("span", "visually-hidden",
        texts.cluster.replace("%(count)s", String(count))));
      return L.divIcon({
        className: "map-cluster",
        html: box.innerHTML,
        iconSize: [40, 40]
      });
    };
  }

  function marker(point, texts, map) {
    var m = L.marker([point.lat, point.lon], {
      icon: pin(point),
      title: (point.number ? point.number + ". " : "") + point.title,
      keyboard: true,
      riseOnHover: true
    });
    m.bindPopup(card(point, texts), {maxWidth: 260, autoPanPadding: [24, 24]});
    m.on("popupopen", function (event) {
      var first = event.popup.getElement().querySelector(".map-card a");
      if (first) { first.focus(); }
    });
    m.on("popupclose", function () {
      var icon = m.getElement();
      if (icon && map.getContainer().contains(document.activeElement) === false) {
        icon.focus();
      }
    });
    return m;
  }

  function addListButtons(points, markers, texts, group, map) {
    points.forEach(function (point, i) {
      var item = point.list_id && document.getElementById(point.list_id);
      if (!item || item.querySelector(".map-show")) { return; }
      var button = el("button", "button button-small button-secondary map-show",
        texts.showOnMap);
      button.type = "button";
      button.appendChild(el("span", "visually-hidden", ": " + point.title));
      button.addEventListener("click", function () {
        var open = function () { markers[i].openPopup(); };
        map.getContainer().scrollIntoView({block: "center"});
        if (group && group.zoomToShowLayer) {
          group.zoomToShowLayer(markers[i], open);
        } else {
          map.setView(markers[i].getLatLng(), Math.max(map.getZoom(), 13));
          open();
        }
      });
      item.appendChild(button);
    });
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-map-data"));
    if (!source || typeof L === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var figure = container.closest("figure");
    if (figure) { figure.hidden = false; }
    var map = L.map(container, {zoomControl: false, scrollWheelZoom: false});
    L.control.zoom({zoomInTitle: data.texts.zoomIn, zoomOutTitle: data.texts.zoomOut})
      .addTo(map);
    L.tileLayer(data.tiles.url, {
      attribution: data.tiles.attribution,
      maxZoom: data.tiles.maxZoom,
      subdomains: data.tiles.subdomains,
      alt: ""
    }).addTo(map);
    map.attributionControl.setPrefix(false);

    var bounds = L.latLngBounds([]);
    var group = data.cluster && L.markerClusterGroup
      ? L.markerClusterGroup({
        iconCreateFunction: clusterIcon(data.texts),
        showCoverageOnHover: false
      })
      : L.featureGroup();
    var markers = data.points.map(function (point) {
      var m = marker(point, data.texts, map);
      group.addLayer(m);
      bounds.extend(m.getLatLng());
      return m;
    });
    group.addTo(map);

    if (data.home) {
      var centre = L.latLng(data.home.lat, data.home.lon);
      var metres = data.home.radius_km * 1000;
      L.circle(centre, {radius: metres, className: "map-limit", interactive: false})
        .addTo(map);
      L.circleMarker(centre, {radius: 6, className: "map-home", interactive: false})
        .addTo(map);
      bounds.extend(centre.toBounds(2 * metres));
    }
    if (data.points.length === 1 && !data.home) {
      map.setView(bounds.getCenter(), data.zoom);
    } else if (bounds.isValid()) {
      map.fitBounds(bounds, {padding: [24, 24], maxZoom: 14});
    } else {
      map.setView([64.5, 26.0], 5);
    }
    map.getContainer().addEventListener("keydown", function (event) {
      // Leaflet closes a card with Escape only while the map itself has the focus;
      // here also while the focus is on a marker or inside the card
      if (event.key === "Escape" && map.closePopup) { map.closePopup(); }
    });
    addListButtons(data.points, markers, data.texts, data.cluster ? group : null, map);
    container.setAttribute("data-map-ready", String(markers.length));
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".map[data-map-data]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
