// The map: country outlines shipped with the portal (no tile server unless one is configured), the
// search's sessions as one circle per map tile from /api/map (a geotile_grid aggregation), a subscriber's
// path from /api/map/path, and shift-drag to search an area. Texts go in as textContent, never as HTML.
(function () {
  'use strict';
  var area = document.getElementById('map-area');
  if (!area || typeof L === 'undefined') {
    return;
  }
  var summary = document.getElementById('map-summary');
  var map = L.map('map', {worldCopyJump: true, minZoom: 1, maxZoom: 16, preferCanvas: false})
    .setView([22, 79], 4);
  if (area.dataset.tiles) {
    L.tileLayer(area.dataset.tiles, {maxZoom: 18}).addTo(map);
  }
  fetch(area.dataset.outlines, {credentials: 'same-origin'})
    .then(function (r) { return r.json(); })
    .then(function (world) {
      var outlines = L.geoJSON(null, {
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
          outlines.addData(feature);
        } catch (e) {
          // a shape Leaflet cannot read is left out; the rest of the world is drawn
        }
      });
      outlines.addTo(map).bringToBack();
      area.dataset.outlinesDrawn = 'true';
    });

  var layers = {cell: L.layerGroup().addTo(map), destination: L.layerGroup()};
  var pathLayer = L.layerGroup().addTo(map);
  var counts = {};
  var fitted = false;

  function number(n) {
    return Number(n || 0).toLocaleString('en');
  }

  function fetchJson(url) {
    return fetch(url, {headers: {Accept: 'application/json'}, credentials: 'same-origin'}).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          throw new Error(body.error || 'The map could not be drawn.');
        }
        return body;
      });
    });
  }

  function bounds() {
    var b = map.getBounds();
    var clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
    return [clamp(b.getNorth(), -90, 90), clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180)].map(function (v) { return v.toFixed(4); }).join(',');
  }

  function load(layer, whole) {
    var url = new URL(area.dataset.api, window.location.origin);
    url.searchParams.set('layer', layer);
    url.searchParams.set('zoom', String(map.getZoom()));
    if (!whole) {
      url.searchParams.set('bounds', bounds());
    }
    var started = performance.now();
    return fetchJson(url.pathname + url.search).then(function (body) {
      var group = layers[layer];
      group.clearLayers();
      var biggest = body.clusters.reduce(function (m, c) { return Math.max(m, c.sessions); }, 1);
      body.clusters.forEach(function (c) {
        var marker = L.circleMarker([c.lat, c.lon], {
          radius: 5 + 18 * Math.sqrt(c.sessions / biggest),
          className: 'cluster ' + layer + (c.flagged > 0 ? ' flagged' : ''),
          weight: c.flagged > 0 ? 3 : 1
        });
        marker.bindTooltip(number(c.sessions) + (c.sessions === 1 ? ' session' : ' sessions')
          + (c.flagged > 0 ? ', ' + number(c.flagged) + ' flagged' : ''));
        group.addLayer(marker);
      });
      counts[layer] = body;
      describe();
      area.dataset[layer + 'Clusters'] = String(body.clusters.length);
      requestAnimationFrame(function () {
        area.dataset.drawnMs = String(Math.round(performance.now() - started));
        area.dataset.drawn = 'true';
      });
      if (!fitted && whole && body.clusters.length > 0) {
        fitted = true;
        var lats = body.clusters.map(function (c) { return c.lat; });
        var lons = body.clusters.map(function (c) { return c.lon; });
        map.fitBounds([[Math.min.apply(null, lats), Math.min.apply(null, lons)],
          [Math.max.apply(null, lats), Math.max.apply(null, lons)]], {padding: [40, 40], maxZoom: 7});
      }
      return body;
    }).catch(function (e) {
      summary.textContent = e.message;
      summary.classList.add('problem');
    });
  }

  function describe() {
    var cell = counts.cell;
    if (!cell) {
      return;
    }
    var text = number(cell.sessions) + ' sessions; ' + number(cell.located) + ' with the A-party\'s cell location';
    if (cell.sessions > cell.located) {
      text += ' (' + number(cell.sessions - cell.located) + ' without one cannot be placed)';
    }
    if (counts.destination && document.getElementById('layer-destination').checked) {
      text += '; ' + number(counts.destination.located) + ' with the B-party\'s location';
    }
    summary.textContent = text + '.';
  }

  function refresh(whole) {
    load('cell', whole);
    if (document.getElementById('layer-destination').checked) {
      load('destination', whole);
    }
  }

  map.on('moveend', function () {
    if (fitted || counts.cell) {
      refresh(false);
    }
  });
  document.getElementById('layer-cell').addEventListener('change', function (e) {
    if (e.target.checked) {
      layers.cell.addTo(map);
    } else {
      layers.cell.remove();
    }
  });
  document.getElementById('layer-destination').addEventListener('change', function (e) {
    if (e.target.checked) {
      layers.destination.addTo(map);
      load('destination', false);
    } else {
      layers.destination.remove();
      describe();
    }
  });

  // the subscriber's cells in time order: a line through them, numbered, a flagged jump in red
  document.getElementById('path-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var msisdn = document.getElementById('path-msisdn').value.trim();
    var url = new URL(area.dataset.path, window.location.origin);
    url.searchParams.set('msisdn', msisdn);
    fetchJson(url.pathname + url.search).then(function (body) {
      pathLayer.clearLayers();
      var list = document.getElementById('path-list');
      list.replaceChildren();
      var points = body.points;
      for (var i = 1; i < points.length; i++) {
        var jump = points[i].flags.indexOf('impossible_travel') >= 0;
        L.polyline([[points[i - 1].lat, points[i - 1].lon], [points[i].lat, points[i].lon]], {
          className: 'path-line' + (jump ? ' impossible' : ''),
          weight: jump ? 4 : 2.5
        }).addTo(pathLayer);
      }
      points.forEach(function (p, i) {
        var impossible = p.flags.indexOf('impossible_travel') >= 0;
        L.marker([p.lat, p.lon], {
          icon: L.divIcon({className: 'path-stop' + (impossible ? ' impossible' : ''), html: '', iconSize: [20, 20]}),
          title: (i + 1) + ': ' + p.time + (p.cell ? ' at ' + p.cell : '')
        }).addTo(pathLayer).getElement().textContent = String(i + 1);
        var li = document.createElement('li');
        li.className = impossible ? 'impossible' : '';
        li.textContent = p.time.replace('T', ' ').replace('Z', ' UTC') + (p.cell ? ' — ' + p.cell : '')
          + (impossible ? ' — impossible travel' : '');
        list.appendChild(li);
      });
      document.getElementById('path-summary').textContent = points.length === 0
        ? 'No located sessions of ' + body.msisdn + ' in this search.'
        : points.length + ' located sessions of ' + body.msisdn + ', in time order'
          + (body.cut ? ' (the first ' + points.length + ' of ' + number(body.sessions) + ')' : '') + '.';
      area.dataset.pathPoints = String(points.length);
      if (points.length > 0) {
        map.fitBounds(points.map(function (p) { return [p.lat, p.lon]; }), {padding: [50, 50], maxZoom: 9});
      }
    }).catch(function (e) {
      document.getElementById('path-summary').textContent = e.message;
    });
  });

  // an area of the search: drawn after "Draw an area" (or shift-drag, Leaflet's box zoom), it becomes a geo chip
  function chooseArea(b) {
    var box = [b.getNorth(), b.getWest(), b.getSouth(), b.getEast()].map(function (v) { return v.toFixed(4); });
    var url = new URL(area.dataset.records, window.location.origin);
    url.searchParams.append('f', 'geo:' + box.join(','));
    var link = document.getElementById('search-area');
    link.href = url.pathname + url.search;
    document.getElementById('area-text').textContent = 'North ' + box[0] + ', west ' + box[1] + ', south '
      + box[2] + ', east ' + box[3] + '.';
    document.getElementById('area').hidden = false;
  }

  var drawing = false;
  var corner = null;
  var box = null;
  var drawButton = document.getElementById('draw-area');

  function drawMode(on) {
    drawing = on;
    drawButton.classList.toggle('active', on);
    drawButton.textContent = on ? 'Drag across the map …' : 'Draw an area';
    map.getContainer().classList.toggle('drawing', on);
    if (on) {
      map.dragging.disable();
    } else {
      map.dragging.enable();
    }
  }

  drawButton.addEventListener('click', function () { drawMode(!drawing); });
  map.on('mousedown', function (e) {
    if (!drawing) {
      return;
    }
    corner = e.latlng;
    L.DomUtil.disableTextSelection(); // the drag selects no text of the page
    if (box) {
      box.remove();
    }
    box = L.rectangle(L.latLngBounds(corner, corner), {className: 'area-box', weight: 2, interactive: false}).addTo(map);
  });
  map.on('mousemove', function (e) {
    if (drawing && corner) {
      box.setBounds(L.latLngBounds(corner, e.latlng));
    }
  });
  map.on('mouseup', function (e) {
    if (drawing && corner) {
      var b = L.latLngBounds(corner, e.latlng);
      corner = null;
      L.DomUtil.enableTextSelection();
      drawMode(false);
      box.setBounds(b);
      chooseArea(b);
    }
  });
  map.on('boxzoomend', function (e) { chooseArea(e.boxZoomBounds); });

  load('cell', true);
  if (document.getElementById('path-msisdn').value.trim() !== '') {
    document.getElementById('show-path').click();
  }
})();
