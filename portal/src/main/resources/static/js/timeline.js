// A subject's timeline: asks /timeline/data for every kind of record about one subscriber and draws
// them as lanes over time (D3), the hour-by-day pattern, the longest silences and one table in time
// order. Every text goes in as textContent (never as HTML): values come from delivered records.
(function () {
  'use strict';
  var root = document.getElementById('timeline');
  if (!root || typeof d3 === 'undefined') {
    return;
  }
  var summary = document.getElementById('timeline-summary');
  var note = document.getElementById('timeline-note');
  var tip = document.getElementById('timeline-tip');
  var DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  var LANES = [
    {key: 'sessions', label: 'Sessions'},
    {key: 'bindings', label: 'NAT / RADIUS'},
    {key: 'flags', label: 'Flags'},
    {key: 'alerts', label: 'Alerts'}
  ];

  var number = FlowAnalyzer.number;

  function when(iso) {
    return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '') : '';
  }

  function plural(n, one, many) {
    return number(n) + ' ' + (Number(n) === 1 ? one : many);
  }

  function fetchJson(url) {
    return FlowAnalyzer.fetchJson(url, 'The timeline could not be drawn.');
  }

  function problem(message) {
    summary.textContent = message;
    summary.classList.add('problem');
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    if (cls) {
      e.className = cls;
    }
    return e;
  }

  function sessionLink(id, text) {
    var a = el('a', text || 'session');
    a.href = '/sessions/' + encodeURIComponent(id);
    return a;
  }

  // one list of every record, each with its lane, its time and what it says
  function events(t) {
    var all = [];
    t.sessions.items.forEach(function (s) {
      var what = (s.app ? s.app + ' ' : '') + (s.destination || '?') + (s.port ? ':' + s.port : '')
        + (s.cell ? ' · cell ' + s.cell : '') + (s.attribution ? ' · ' + s.attribution : '');
      all.push({lane: 'sessions', time: s.time, kind: 'session', what: what, session: s.id,
        flagged: s.flags && s.flags.length > 0});
    });
    t.bindings.items.forEach(function (b) {
      var what = (b.action ? b.action + ' ' : '') + (b.private_address || '')
        + (b.public_address ? ' → ' + b.public_address : '') + (b.isp ? ' · ' + b.isp : '');
      all.push({lane: 'bindings', time: b.time, kind: b.kind === 'radius' || b.kind === 'allocation' ? 'radius' : 'nat',
        label: b.kind, what: what, file: b.file, line: b.line, id: b.id});
    });
    t.flags.items.forEach(function (f) {
      all.push({lane: 'flags', time: f.time, kind: 'flag', label: f.name, what: f.name + (f.reason ? ': ' + f.reason : ''),
        session: f.session});
    });
    t.alerts.items.forEach(function (a) {
      all.push({lane: 'alerts', time: a.time, kind: 'alert', label: a.rule,
        what: (a.rule || '') + (a.status ? ' (' + a.status + ')' : '') + (a.reason ? ': ' + a.reason : ''),
        session: a.session});
    });
    all.forEach(function (e) { e.at = new Date(e.time); });
    all.sort(function (x, y) { return x.at - y.at; });
    return all;
  }

  function describe(t) {
    var parts = [plural(t.sessions.total, 'session', 'sessions')];
    if (t.first) {
      parts[0] += ' from ' + when(t.first) + ' to ' + when(t.last) + ' UTC';
    }
    parts.push(plural(t.bindings.total, 'NAT/RADIUS binding', 'NAT/RADIUS bindings'));
    parts.push(plural(t.flags.total, 'flagged session', 'flagged sessions'));
    parts.push(plural(t.alerts.total, 'alert', 'alerts'));
    summary.textContent = parts.join('; ') + '.';
    var cut = LANES.filter(function (l) { return t[l.key].cut; }).map(function (l) {
      return l.label.toLowerCase() + ' (first ' + number(t[l.key].items.length) + ' of ' + number(t[l.key].total) + ')';
    });
    if (cut.length > 0) {
      note.hidden = false;
      note.textContent = 'Listed: the earliest ' + cut.join(', ')
        + '. The hourly bars, the pattern and the silences count every session; narrow the time range to list the rest.';
    }
  }

  function lanes(t, all) {
    var width = 1100;
    var laneHeight = 46;
    var top = 8;
    var left = 110;
    var height = top + LANES.length * laneHeight + 34;
    var svg = d3.select('#lanes-svg').attr('viewBox', [0, 0, width, height].join(' '))
      .attr('preserveAspectRatio', 'xMidYMid meet');
    svg.selectAll('*').remove();
    var times = all.map(function (e) { return e.at; });
    t.activity.forEach(function (h) { times.push(new Date(h.first)); times.push(new Date(h.last)); });
    if (times.length === 0) {
      svg.append('text').attr('x', width / 2).attr('y', height / 2).attr('text-anchor', 'middle')
        .attr('class', 'lane-empty').text('No records of this subject in this search.');
      return;
    }
    var extent = d3.extent(times);
    var pad = Math.max(3600e3, (extent[1] - extent[0]) * 0.02);
    var x0 = d3.scaleUtc().domain([new Date(+extent[0] - pad), new Date(+extent[1] + pad)]).range([left, width - 12]);
    var x = x0.copy();
    svg.append('defs').append('clipPath').attr('id', 'lanes-clip').append('rect')
      .attr('x', left).attr('y', 0).attr('width', width - 12 - left).attr('height', height);
    LANES.forEach(function (l, i) {
      var y = top + i * laneHeight;
      svg.append('rect').attr('class', 'lane-bg' + (i % 2 ? ' odd' : '')).attr('x', left).attr('y', y)
        .attr('width', width - 12 - left).attr('height', laneHeight);
      svg.append('text').attr('class', 'lane-label').attr('x', left - 8).attr('y', y + laneHeight / 2 + 4)
        .attr('text-anchor', 'end').text(l.label + ' (' + number(t[l.key].total) + ')');
    });
    var body = svg.append('g').attr('clip-path', 'url(#lanes-clip)');
    var axis = svg.append('g').attr('class', 'lane-axis').attr('transform', 'translate(0,' + (top + LANES.length * laneHeight) + ')');
    svg.append('text').attr('class', 'axis-zone').attr('x', width - 12).attr('y', height - 2)
      .attr('text-anchor', 'end').text('UTC');
    var maxHour = d3.max(t.activity, function (h) { return h.sessions; }) || 1;
    var barHeight = d3.scaleSqrt().domain([0, maxHour]).range([0, laneHeight - 8]);
    var laneIndex = {sessions: 0, bindings: 1, flags: 2, alerts: 3};

    function show(event, lines) {
      tip.hidden = false;
      tip.replaceChildren();
      lines.forEach(function (line, i) { tip.appendChild(el(i === 0 ? 'strong' : 'div', line)); });
      var box = root.querySelector('.timeline-canvas').getBoundingClientRect();
      tip.style.left = Math.min(event.clientX - box.left + 12, box.width - 330) + 'px';
      tip.style.top = (event.clientY - box.top + 12) + 'px';
    }

    function hide() {
      tip.hidden = true;
    }

    function draw() {
      body.selectAll('*').remove();
      // silences first, under everything
      body.selectAll('rect.gap').data(t.gaps).enter().append('rect').attr('class', 'gap')
        .attr('x', function (g) { return x(new Date(g.from)); })
        .attr('width', function (g) { return Math.max(1, x(new Date(g.to)) - x(new Date(g.from))); })
        .attr('y', top).attr('height', LANES.length * laneHeight)
        .on('mousemove', function (event, g) { show(event, ['Silence of ' + g.hours + ' h', when(g.from) + ' → ' + when(g.to) + ' UTC']); })
        .on('mouseleave', hide);
      // sessions per hour, as bars rising from the lane's floor
      var floor = top + laneHeight - 2;
      body.selectAll('rect.hour').data(t.activity).enter().append('rect').attr('class', 'hour')
        .attr('x', function (h) { return x(new Date(h.hour)); })
        .attr('width', function (h) { return Math.max(2, x(new Date(+new Date(h.hour) + 3600e3)) - x(new Date(h.hour))); })
        .attr('y', function (h) { return floor - barHeight(h.sessions); })
        .attr('height', function (h) { return barHeight(h.sessions); })
        .on('mousemove', function (event, h) { show(event, [plural(h.sessions, 'session', 'sessions'), 'hour from ' + h.hour.replace('T', ' ')]); })
        .on('mouseleave', hide);
      // each listed session as a tick over its hour's bar while they are few enough to tell apart
      var ticks = t.sessions.items.length <= 500;
      var marks = all.filter(function (e) { return e.lane !== 'sessions' || e.flagged || ticks; });
      body.selectAll('path.mark').data(marks).enter().append('path')
        .attr('class', function (e) { return 'mark ' + e.kind + (e.flagged ? ' flagged' : ''); })
        .attr('d', function (e) {
          var cx = x(e.at);
          var cy = top + laneIndex[e.lane] * laneHeight + laneHeight / 2;
          if (e.kind === 'flag') {
            return 'M' + cx + ',' + (cy - 7) + 'L' + (cx + 6) + ',' + cy + 'L' + cx + ',' + (cy + 7) + 'L' + (cx - 6) + ',' + cy + 'Z';
          }
          if (e.kind === 'alert') {
            return 'M' + cx + ',' + (cy - 7) + 'L' + (cx + 7) + ',' + (cy + 6) + 'L' + (cx - 7) + ',' + (cy + 6) + 'Z';
          }
          if (e.lane === 'sessions') {
            return 'M' + (cx - 1.5) + ',' + (top + 3) + 'h3v' + (laneHeight - 6) + 'h-3Z';
          }
          return 'M' + (cx - 1.5) + ',' + (cy - 12) + 'h3v24h-3Z';
        })
        .on('mousemove', function (event, e) { show(event, [e.label || e.kind, when(e.time) + ' UTC', e.what]); })
        .on('mouseleave', hide);
      axis.call(d3.axisBottom(x).ticks(8));
    }

    svg.call(d3.zoom().scaleExtent([1, 5000])
      .translateExtent([[left, 0], [width - 12, height]]).extent([[left, 0], [width - 12, height]])
      .on('zoom', function (event) {
        x = event.transform.rescaleX(x0);
        draw();
      }));
    draw();
  }

  function week(t) {
    var cell = 30;
    var left = 42;
    var top = 20;
    var width = left + 24 * cell + 60;
    var height = top + 7 * cell + 34;
    var svg = d3.select('#week-svg').attr('viewBox', [0, 0, width, height].join(' '))
      .attr('preserveAspectRatio', 'xMinYMin meet');
    svg.selectAll('*').remove();
    var max = d3.max(t.week, function (row) { return d3.max(row); }) || 1;
    var colour = d3.scaleSequential(d3.interpolateBlues).domain([0, max]);
    for (var h = 0; h < 24; h++) {
      svg.append('text').attr('class', 'week-head' + (h < 6 ? ' night' : '')).attr('x', left + h * cell + cell / 2)
        .attr('y', top - 6).attr('text-anchor', 'middle').text(h);
    }
    svg.append('rect').attr('class', 'week-night').attr('x', left - 1).attr('y', top - 1)
      .attr('width', 6 * cell + 2).attr('height', 7 * cell + 2);
    t.week.forEach(function (row, d) {
      svg.append('text').attr('class', 'week-head').attr('x', left - 6).attr('y', top + d * cell + cell / 2 + 4)
        .attr('text-anchor', 'end').text(DAYS[d]);
      row.forEach(function (n, h) {
        var g = svg.append('g').attr('class', 'week-cell').attr('data-day', d).attr('data-hour', h).attr('data-sessions', n);
        g.append('rect').attr('x', left + h * cell + 1).attr('y', top + d * cell + 1)
          .attr('width', cell - 2).attr('height', cell - 2).attr('rx', 3)
          .attr('fill', n > 0 ? colour(n) : '#f1f4f8')
          .append('title').text(DAYS[d] + ' ' + h + ':00–' + (h + 1) + ':00 · ' + plural(n, 'session', 'sessions'));
        if (n > 0) {
          g.append('text').attr('x', left + h * cell + cell / 2).attr('y', top + d * cell + cell / 2 + 4)
            .attr('text-anchor', 'middle').attr('class', n > max * 0.6 ? 'week-n light' : 'week-n').text(n > 999 ? '1k+' : n);
        }
      });
      svg.append('text').attr('class', 'week-total').attr('x', left + 24 * cell + 8).attr('y', top + d * cell + cell / 2 + 4)
        .text(number(t.days[d]));
    });
    t.hours.forEach(function (n, h) {
      svg.append('text').attr('class', 'week-total').attr('x', left + h * cell + cell / 2).attr('y', top + 7 * cell + 16)
        .attr('text-anchor', 'middle').text(n > 0 ? (n > 999 ? '1k+' : n) : '');
    });
    document.getElementById('zone-label').textContent = '(' + t.zone + ')';
    var share = t.sessions.total > 0 ? Math.round(100 * t.night / t.sessions.total) : 0;
    document.getElementById('night').textContent = plural(t.night, 'session', 'sessions')
      + ' (' + share + ' %) started between midnight and 6 in the morning, ' + t.zone + ' time.';
  }

  function gaps(t) {
    var list = document.getElementById('gaps');
    list.replaceChildren();
    if (t.gaps.length === 0) {
      list.appendChild(el('li', 'No silence of the configured length between sessions.', 'muted'));
      return;
    }
    t.gaps.forEach(function (g) {
      var li = el('li', null, 'gap');
      li.appendChild(el('strong', g.hours + ' h'));
      li.appendChild(document.createTextNode(' ' + when(g.from) + ' → ' + when(g.to) + ' UTC'));
      list.appendChild(li);
    });
  }

  function table(all) {
    var body = document.querySelector('#events tbody');
    body.replaceChildren();
    document.getElementById('events-count').textContent = '(' + plural(all.length, 'record', 'records') + ' listed)';
    all.forEach(function (e) {
      var tr = el('tr', null, 'event ' + e.kind);
      tr.appendChild(el('td', when(e.time)));
      tr.appendChild(el('td', e.label || e.kind, 'kind'));
      tr.appendChild(el('td', e.what));
      var record = el('td');
      if (e.session) {
        record.appendChild(sessionLink(e.session, e.lane === 'sessions' ? 'session' : 'its session'));
      } else if (e.file) {
        record.textContent = e.file + (e.line ? ':' + e.line : '');
        record.title = e.id || '';
      }
      tr.appendChild(record);
      body.appendChild(tr);
    });
  }

  var started = performance.now();
  fetchJson(root.dataset.api).then(function (t) {
    var all = events(t);
    describe(t);
    lanes(t, all);
    week(t);
    gaps(t);
    table(all);
    root.dataset.sessions = String(t.sessions.total);
    root.dataset.bindings = String(t.bindings.total);
    root.dataset.flags = String(t.flags.total);
    root.dataset.alerts = String(t.alerts.total);
    requestAnimationFrame(function () {
      root.dataset.drawnMs = String(Math.round(performance.now() - started));
      root.dataset.drawn = 'true';
    });
  }).catch(function (e) { problem(e.message); });
})();
