// A dashboard: every panel asks for its own data (its own aggregation query under the dashboard's time
// range and filters) and draws it; a panel that fails says why in its place and the others still draw.
// Texts go in as textContent, never as HTML.
(function () {
  'use strict';
  var grid = document.getElementById('panels');
  if (!grid) {
    return;
  }
  var sections = Array.prototype.slice.call(grid.querySelectorAll('section.panel'));

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function bytes(n) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
    var v = Number(n || 0);
    var i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? String(Math.round(v)) : v.toFixed(v >= 100 ? 0 : 1)) + ' ' + units[i];
  }

  function measure(label, v) {
    return /^Bytes/.test(label || '') ? bytes(v) : FlowAnalyzer.number(Math.round(v));
  }

  function metric(body, d) {
    body.appendChild(el('div', 'metric-value', measure(d.label, d.value)));
    body.appendChild(el('div', 'metric-label', d.label));
  }

  function rows(body, d) {
    if (!d.rows.length) {
      body.appendChild(el('p', 'panel-empty', 'No session matches.'));
      return;
    }
    var top = d.rows.reduce(function (m, r) { return Math.max(m, d.kind === 'top' ? (r.measure || 0) : r.sessions); }, 0) || 1;
    var table = el('table', 'panel-rows');
    d.rows.forEach(function (r) {
      var tr = el('tr');
      var name = el('td', 'row-value');
      name.title = r.value;
      if (r.url) {
        var a = el('a', null, r.value);
        a.href = r.url;
        name.appendChild(a);
      } else {
        name.textContent = r.value;
      }
      var v = d.kind === 'top' ? (r.measure || 0) : r.sessions;
      var barCell = el('td', 'row-bar');
      var bar = el('span', 'bar');
      bar.style.width = Math.max(1, Math.round(100 * v / top)) + '%';
      barCell.appendChild(bar);
      var num = el('td', 'num', d.kind === 'top' ? measure(d.label, v) : FlowAnalyzer.number(v));
      num.title = FlowAnalyzer.number(r.sessions) + ' sessions';
      tr.appendChild(name);
      tr.appendChild(barCell);
      tr.appendChild(num);
      table.appendChild(tr);
    });
    body.appendChild(table);
  }

  function histogram(body, d, tall) {
    if (!d.buckets.length) {
      body.appendChild(el('p', 'panel-empty', 'No session matches.'));
      return;
    }
    var width = Math.max(240, body.clientWidth || 480);
    var height = tall || 170;
    var m = {top: 8, right: 8, bottom: 22, left: 44};
    var svg = d3.select(body).append('svg').attr('class', 'panel-svg')
      .attr('viewBox', '0 0 ' + width + ' ' + height).attr('role', 'img')
      .attr('aria-label', 'Sessions per ' + d.interval);
    var x = d3.scaleBand().domain(d.buckets.map(function (b) { return b.from; }))
      .range([m.left, width - m.right]).padding(0.12);
    var y = d3.scaleLinear().domain([0, d3.max(d.buckets, function (b) { return b.count; }) || 1]).nice()
      .range([height - m.bottom, m.top]);
    svg.append('g').selectAll('rect').data(d.buckets).join('rect')
      .attr('x', function (b) { return x(b.from); }).attr('width', x.bandwidth())
      .attr('y', function (b) { return y(b.count); })
      .attr('height', function (b) { return y(0) - y(b.count); })
      .attr('class', 'hist-bar')
      .append('title').text(function (b) { return b.from.replace('T', ' ').replace('Z', ' UTC') + ': ' + FlowAnalyzer.number(b.count); });
    var every = Math.max(1, Math.ceil(d.buckets.length / 6));
    var day = /[dwM]$/.test(d.interval || '');
    svg.append('g').attr('transform', 'translate(0,' + (height - m.bottom) + ')')
      .call(d3.axisBottom(x).tickValues(x.domain().filter(function (v, i) { return i % every === 0; }))
        .tickFormat(function (v) { return day ? v.substring(0, 10) : v.substring(5, 16).replace('T', ' '); }));
    svg.append('g').attr('transform', 'translate(' + m.left + ',0)')
      .call(d3.axisLeft(y).tickValues(y.ticks(4).filter(Number.isInteger)).tickFormat(d3.format('~s')));
  }

  function graph(body, d) {
    var g = d.graph;
    if (!g.links.length) {
      body.appendChild(el('p', 'panel-empty', 'No link between parties in these sessions.'));
      return;
    }
    var width = Math.max(240, body.clientWidth || 480);
    var height = 260;
    var nodes = g.nodes.map(function (n) { return {id: n.id, kind: n.kind, label: n.label, sessions: n.sessions, flagged: n.flagged}; });
    var links = g.links.map(function (l) { return {source: l.a, target: l.b, sessions: l.sessions, flagged: l.flagged}; });
    var sim = d3.forceSimulation(nodes)
      .force('link', d3.forceLink(links).id(function (n) { return n.id; }).distance(60))
      .force('charge', d3.forceManyBody().strength(-160))
      .force('x', d3.forceX(width / 2).strength(0.05))
      .force('y', d3.forceY(height / 2).strength(0.12))
      .stop();
    for (var i = 0; i < 240; i++) { sim.tick(); }
    nodes.forEach(function (n) {
      n.x = Math.max(10, Math.min(width - 10, n.x));
      n.y = Math.max(10, Math.min(height - 10, n.y));
    });
    var most = d3.max(links, function (l) { return l.sessions; }) || 1;
    var svg = d3.select(body).append('svg').attr('class', 'panel-svg')
      .attr('viewBox', '0 0 ' + width + ' ' + height).attr('role', 'img').attr('aria-label', 'Link graph');
    svg.append('g').selectAll('line').data(links).join('line')
      .attr('x1', function (l) { return l.source.x; }).attr('y1', function (l) { return l.source.y; })
      .attr('x2', function (l) { return l.target.x; }).attr('y2', function (l) { return l.target.y; })
      .attr('class', function (l) { return l.flagged ? 'g-link flagged' : 'g-link'; })
      .attr('stroke-width', function (l) { return 1 + 3 * Math.sqrt(l.sessions / most); });
    var node = svg.append('g').selectAll('g').data(nodes).join('g')
      .attr('transform', function (n) { return 'translate(' + n.x + ',' + n.y + ')'; });
    node.append('circle').attr('r', function (n) { return n.kind === 'a' ? 6 : 5; })
      .attr('class', function (n) { return 'g-node ' + n.kind + (n.flagged ? ' flagged' : ''); })
      .append('title').text(function (n) { return n.label + ': ' + FlowAnalyzer.number(n.sessions) + ' sessions'; });
    var labelled = nodes.slice().sort(function (p, q) { return q.sessions - p.sessions; }).slice(0, 8)
      .map(function (n) { return n.id; });
    node.filter(function (n) { return labelled.indexOf(n.id) >= 0; }).append('text')
      .attr('x', 8).attr('y', 4).attr('class', 'g-label').text(function (n) { return n.label; });
  }

  function towers(body, d) {
    if (!d.towers.length) {
      body.appendChild(el('p', 'panel-empty', 'No session of these has a cell location.'));
      return;
    }
    var div = el('div', 'panel-map');
    body.appendChild(div);
    var map = L.map(div, {zoomControl: true, attributionControl: false, fadeAnimation: false, zoomAnimation: false});
    var most = d3.max(d.towers, function (t) { return t.sessions; }) || 1;
    var points = [];
    d.towers.forEach(function (t) {
      points.push([t.lat, t.lon]);
      L.circleMarker([t.lat, t.lon], {
        radius: 4 + 10 * Math.sqrt(t.sessions / most),
        color: t.flagged ? '#a8321f' : '#1f5fa8', weight: 1, fillOpacity: 0.55
      }).bindTooltip((t.name || t.id) + ': ' + FlowAnalyzer.number(t.sessions) + ' sessions, ' +
        FlowAnalyzer.number(t.subscribers) + ' subscribers').addTo(map);
    });
    map.fitBounds(L.latLngBounds(points).pad(0.3), {animate: false, maxZoom: 9});
    return FlowAnalyzer.outlines(map, grid.dataset.outlines);
  }

  function table(body, d) {
    if (!d.table.length) {
      body.appendChild(el('p', 'panel-empty', 'No session matches.'));
      return;
    }
    var wrap = el('div', 'panel-table');
    var t = el('table', 'results');
    var head = el('tr');
    d.columns.forEach(function (c) { head.appendChild(el('th', null, c)); });
    var thead = el('thead');
    thead.appendChild(head);
    t.appendChild(thead);
    var tbody = el('tbody');
    d.table.forEach(function (r) {
      var tr = el('tr');
      r.cells.forEach(function (c, i) {
        var td = el('td');
        if (i === 0 && r.url) {
          var a = el('a', null, c || '—');
          a.href = r.url;
          td.appendChild(a);
        } else {
          td.textContent = c || '';
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    t.appendChild(tbody);
    wrap.appendChild(t);
    body.appendChild(wrap);
  }

  // a data-quality report: its daily counts (if any), its facts (those worth a look marked), its reasons
  function quality(body, d) {
    if (d.buckets && d.buckets.length) {
      histogram(body, d, 110);
    }
    var t = el('table', 'panel-facts');
    (d.facts || []).forEach(function (f) {
      var tr = el('tr', f.warn ? 'warn' : null);
      tr.appendChild(el('th', null, f.label));
      tr.appendChild(el('td', 'fact-value', f.value));
      tr.appendChild(el('td', 'fact-detail', f.detail || ''));
      t.appendChild(tr);
    });
    body.appendChild(t);
    if (d.rows && d.rows.length) {
      body.appendChild(el('h3', 'panel-sub', 'Top reasons'));
      rows(body, {kind: 'facet', rows: d.rows});
    }
  }

  var draw = {quality: quality, metric: metric, facet: rows, top: rows, histogram: histogram, graph: graph, map: towers, table: table};

  function load(section) {
    var body = section.querySelector('.panel-body');
    var foot = section.querySelector('.panel-foot');
    var open = section.querySelector('.panel-open');
    return FlowAnalyzer.fetchJson(section.dataset.src, 'This panel could not be drawn.').then(function (d) {
      body.textContent = '';
      section.dataset.kind = d.kind;
      var drawn = draw[d.kind](body, d);
      var title = section.querySelector('.panel-head h2').textContent;
      var parts = [];
      if (d.sessions >= 0) {
        parts.push(FlowAnalyzer.number(d.sessions) + (d.sessions === 1 ? ' session' : ' sessions'));
      }
      if (d.described && d.described !== title) {
        parts.push(d.described);
      }
      if (d.note) {
        parts.push(d.note);
      }
      foot.textContent = parts.join(' · ');
      if (d.url) {
        open.href = d.url;
        open.hidden = false;
      }
      return Promise.resolve(drawn).then(function () { section.dataset.state = 'drawn'; });
    }).catch(function (e) {
      body.textContent = '';
      body.appendChild(el('p', 'panel-problem', e.message));
      section.dataset.state = 'failed';
    });
  }

  Promise.all(sections.map(load)).then(function () {
    grid.dataset.state = 'drawn';
  });
})();
