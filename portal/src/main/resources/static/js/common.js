// What the portal's page scripts share: JSON asked of the portal with the page's session (a refusal
// becomes an Error carrying the portal's sentence), and counts written as people read them.
window.FlowAnalyzer = (function () {
  'use strict';

  function fetchJson(url, otherwise) {
    return fetch(url, {headers: {Accept: 'application/json'}, credentials: 'same-origin'}).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          throw new Error(body.message || body.error || otherwise);
        }
        return body;
      });
    });
  }

  function number(n) {
    return Number(n || 0).toLocaleString('en');
  }

  // Country outlines shipped with the portal (echarts' world.json, whose features lack their "type"),
  // drawn behind everything on a Leaflet map; fetched once per page however many maps it has.
  var worlds = {};
  function outlines(map, url) {
    if (!worlds[url]) {
      worlds[url] = fetch(url, {credentials: 'same-origin'}).then(function (r) { return r.json(); });
    }
    return worlds[url].then(function (world) {
      var layer = L.geoJSON(null, {
        interactive: false,
        style: {color: '#9aa8b8', weight: 0.8, fillColor: '#eef1f5', fillOpacity: 1}
      });
      world.features.forEach(function (feature) {
        var g = feature.geometry;
        if (g && g.type === 'MultiPolygon') {
          // the file holds an empty part (in China's outline), which Leaflet refuses
          g.coordinates = g.coordinates.filter(function (p) { return p.length > 0 && p[0].length > 0; });
        }
        try {
          layer.addData({type: 'Feature', geometry: g, properties: feature.properties || {}});
        } catch (e) {
          // a shape Leaflet cannot read is left out; the rest of the world is drawn
        }
      });
      layer.addTo(map).bringToBack();
      return layer;
    });
  }

  return {fetchJson: fetchJson, number: number, outlines: outlines};
})();
