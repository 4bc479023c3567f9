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
  FlowAnalyzer.outlines(map, area.dataset.outlines).then(function () {
    area.dataset.outlinesDrawn = 'true';
  });

  // major cities (shipped): capitals and the largest first, more of them as the map zooms in
  var cityLayer = L.layerGroup().addTo(map);
  var cities = [];

  function cityFloor(zoom) {
    return zoom <= 3 ? 5000000 : zoom <= 4 ? 2000000 : zoom <= 5 ? 1000000 : zoom <= 6 ? 700000 : zoom <= 7 ? 300000 : 0;
  }

  function drawCities() {
    cityLayer.clearLayers();
    var zoom = map.getZoom();
    var view = map.getBounds().pad(0.1);
    var floor = cityFloor(zoom);
    var shown = 0;
    cities.forEach(function (c) {
      var capital = c[5] === 1;
      if ((c[4] < floor && !(capital && zoom >= 4)) || !view.contains([c[1], c[2]]) || shown >= 80) {
        return;
      }
      shown++;
      var m = L.circleMarker([c[1], c[2]], {radius: capital ? 3 : 2.2, className: 'city' + (capital ? ' capital' : ''),
        interactive: false, weight: 1});
      m.bindTooltip(c[0], {permanent: true, direction: 'right', offset: [3, 0], className: 'city-label', interactive: false});
      cityLayer.addLayer(m);
    });
    area.dataset.citiesShown = String(shown);
  }

  fetch(area.dataset.cities, {credentials: 'same-origin'})
    .then(function (r) { return r.json(); })
    .then(function (body) {
      cities = body.cities;
      drawCities();
      map.on('zoomend moveend', drawCities);
    });

  var layers = {cell: L.layerGroup().addTo(map), destination: L.layerGroup()};
  var pathLayer = L.layerGroup().addTo(map);
  var counts = {};
  var fitted = false;

  var number = FlowAnalyzer.number;

  function fetchJson(url) {
    return FlowAnalyzer.fetchJson(url, 'The map could not be drawn.');
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
      // a fit while another one animates is dropped by Leaflet: fits are instant
      if (!fitted && whole && body.clusters.length > 0) {
        fitted = true;
        var lats = body.clusters.map(function (c) { return c.lat; });
        var lons = body.clusters.map(function (c) { return c.lon; });
        map.fitBounds([[Math.min.apply(null, lats), Math.min.apply(null, lons)],
          [Math.max.apply(null, lats), Math.max.apply(null, lons)]], {padding: [40, 40], maxZoom: 7, animate: false});
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
    area.dataset.zoom = String(map.getZoom());
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
        fitted = true;
        map.fitBounds(points.map(function (p) { return [p.lat, p.lon]; }), {padding: [50, 50], maxZoom: 9, animate: false});
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

  // cell towers: one marker per cell of the search in view, a wedge pointing where its sector faces
  var towerLayer = L.layerGroup();
  var towersBox = document.getElementById('layer-towers');
  var SVG = 'http://www.w3.org/2000/svg';

  function towerIcon(t, biggest) {
    var size = 84;
    var c = size / 2;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', String(size));
    svg.setAttribute('height', String(size));
    svg.setAttribute('viewBox', '0 0 ' + size + ' ' + size);
    if (typeof t.azimuth === 'number') {
      // a 60-degree sector, its reach by how busy the cell was
      var r = 22 + 18 * Math.sqrt(t.sessions / biggest);
      var half = 30 * Math.PI / 180;
      var a = t.azimuth * Math.PI / 180;
      var x1 = c + r * Math.sin(a - half);
      var y1 = c - r * Math.cos(a - half);
      var x2 = c + r * Math.sin(a + half);
      var y2 = c - r * Math.cos(a + half);
      var wedge = document.createElementNS(SVG, 'path');
      wedge.setAttribute('d', 'M' + c + ',' + c + ' L' + x1.toFixed(2) + ',' + y1.toFixed(2) + ' A' + r.toFixed(2)
        + ',' + r.toFixed(2) + ' 0 0 1 ' + x2.toFixed(2) + ',' + y2.toFixed(2) + ' Z');
      wedge.setAttribute('class', 'sector' + (t.flagged > 0 ? ' flagged' : ''));
      svg.appendChild(wedge);
    }
    var dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', String(c));
    dot.setAttribute('cy', String(c));
    dot.setAttribute('r', '4');
    dot.setAttribute('class', 'mast');
    svg.appendChild(dot);
    return L.divIcon({className: 'tower' + (typeof t.azimuth === 'number' ? ' sectored' : ''), html: svg,
      iconSize: [size, size], iconAnchor: [c, c]});
  }

  function loadTowers() {
    var url = new URL(area.dataset.cells, window.location.origin);
    url.searchParams.set('bounds', bounds());
    fetchJson(url.pathname + url.search).then(function (body) {
      towerLayer.clearLayers();
      var biggest = body.towers.reduce(function (m, t) { return Math.max(m, t.sessions); }, 1);
      body.towers.forEach(function (t) {
        var marker = L.marker([t.lat, t.lon], {icon: towerIcon(t, biggest), keyboard: false});
        marker.bindTooltip((t.name ? t.name + ' · ' : '') + t.id
          + (typeof t.azimuth === 'number' ? ' · facing ' + t.azimuth + '°' : '') + ' — '
          + number(t.sessions) + (t.sessions === 1 ? ' session, ' : ' sessions, ')
          + number(t.subscribers) + (t.subscribers === 1 ? ' subscriber' : ' subscribers')
          + (t.flagged > 0 ? ', ' + number(t.flagged) + ' flagged' : ''));
        towerLayer.addLayer(marker);
      });
      document.getElementById('towers-summary').textContent = number(body.towers.length)
        + (body.towers.length === 1 ? ' cell' : ' cells') + ' in view'
        + (body.cut ? ' (the busiest ' + number(body.towers.length) + ' of ' + number(body.cells) + ')' : '')
        + '; ' + body.towers.filter(function (t) { return typeof t.azimuth === 'number'; }).length
        + ' with a sector direction.';
      area.dataset.towers = String(body.towers.length);
    }).catch(function (e) {
      document.getElementById('towers-summary').textContent = e.message;
    });
  }

  towersBox.addEventListener('change', function () {
    if (towersBox.checked) {
      towerLayer.addTo(map);
      loadTowers();
    } else {
      towerLayer.remove();
      document.getElementById('towers-summary').textContent = '';
    }
  });
  map.on('moveend', function () {
    if (towersBox.checked) {
      loadTowers();
    }
  });

  // when two or more subscribers were on the same cell, or near each other, at about the same time
  var togetherLayer = L.layerGroup().addTo(map);
  document.getElementById('together-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var url = new URL(area.dataset.together, window.location.origin);
    document.getElementById('together-msisdns').value.split(/[\s,;]+/).forEach(function (m) {
      if (m) {
        url.searchParams.append('msisdn', m);
      }
    });
    url.searchParams.set('minutes', document.getElementById('together-minutes').value || '30');
    url.searchParams.set('km', document.getElementById('together-km').value || '1');
    var list = document.getElementById('together-list');
    var said = document.getElementById('together-summary');
    fetchJson(url.pathname + url.search).then(function (body) {
      togetherLayer.clearLayers();
      list.replaceChildren();
      body.encounters.forEach(function (e, i) {
        var when = e.from === e.to ? e.from : e.from + ' – ' + e.to;
        var text = e.a + ' and ' + e.b + ': ' + when.replace(/T/g, ' ').replace(/Z/g, '') + ' UTC, '
          + (e.sameCell ? 'same cell ' : e.km + ' km apart, cells ') + e.cells.join(', ')
          + ' (' + e.meetings + (e.meetings === 1 ? ' pair of sessions)' : ' pairs of sessions)');
        var li = document.createElement('li');
        li.textContent = text;
        list.appendChild(li);
        var marker = L.marker([e.lat, e.lon], {
          icon: L.divIcon({className: 'together-mark', html: '', iconSize: [22, 22]}),
          title: (i + 1) + '. ' + text
        }).addTo(togetherLayer);
        marker.getElement().textContent = String(i + 1);
      });
      var cut = body.subscribers.filter(function (s) { return s.cut; }).map(function (s) { return s.msisdn; });
      said.textContent = (body.encounters.length === 0
        ? 'Never together within ' + body.minutes + ' min and ' + body.km + ' km in this search.'
        : body.encounters.length + (body.encounters.length === 1 ? ' time' : ' times') + ' together within '
          + body.minutes + ' min and ' + body.km + ' km.')
        + (cut.length ? ' Only the first located sessions of ' + cut.join(', ') + ' were compared; narrow the time range.' : '');
      area.dataset.encounters = String(body.encounters.length);
      if (body.encounters.length > 0) {
        fitted = true; // the encounters are what the investigator asked to see
        map.fitBounds(body.encounters.map(function (e) { return [e.lat, e.lon]; }), {padding: [60, 60], maxZoom: 12, animate: false});
      }
    }).catch(function (e) {
      said.textContent = e.message;
      area.dataset.encounters = 'error';
    });
  });

  load('cell', true);
  if (document.getElementById('path-msisdn').value.trim() !== '') {
    document.getElementById('show-path').click();
  }
  if (document.getElementById('together-msisdns').value.trim() !== '') {
    document.getElementById('find-together').click();
  }
})();
