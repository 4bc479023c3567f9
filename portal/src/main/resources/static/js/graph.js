// The link graph: asks /api/graph for the parties and links of the search and draws them with D3's
// force layout. Every text goes in as textContent (never as HTML): labels come from delivered records.
(function () {
  'use strict';
  var root = document.getElementById('graph');
  if (!root || typeof d3 === 'undefined') {
    return;
  }
  var api = root.dataset.api;
  var svg = d3.select('#graph-svg');
  var tip = document.getElementById('graph-tip');
  var summary = document.getElementById('graph-summary');
  var note = document.getElementById('graph-note');
  var width = 900;
  var height = 620;
  svg.attr('viewBox', [0, 0, width, height].join(' ')).attr('preserveAspectRatio', 'xMidYMid meet');
  var zoomLayer = svg.append('g').attr('class', 'zoom');
  var linkLayer = zoomLayer.append('g').attr('class', 'links');
  var nodeLayer = zoomLayer.append('g').attr('class', 'nodes');
  svg.call(d3.zoom().scaleExtent([0.2, 6]).on('zoom', function (event) {
    zoomLayer.attr('transform', event.transform);
  })).on('dblclick.zoom', null);

  var nodes = new Map();
  var links = new Map();
  var hidden = new Set();
  var selected = new Set();
  var common = new Set();
  var simulation = d3.forceSimulation()
    .force('charge', d3.forceManyBody().strength(-60).distanceMax(320))
    .force('link', d3.forceLink().id(function (d) { return d.id; }).distance(55).strength(0.4))
    .force('center', d3.forceCenter(width / 2, height / 2))
    .force('x', d3.forceX(width / 2).strength(0.04))
    .force('y', d3.forceY(height / 2).strength(0.04))
    .force('collide', d3.forceCollide().radius(function (d) { return radius(d) + 2; }))
    .on('tick', ticked)
    .on('end', function () { root.dataset.settled = 'true'; });
  var maxSessions = 1;

  var number = FlowAnalyzer.number;

  function bytes(n) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB'];
    var v = Number(n || 0);
    var i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
  }

  function when(iso) {
    return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC') : '';
  }

  function radius(d) {
    return 4 + 14 * Math.sqrt(d.sessions / maxSessions);
  }

  function merge(graph) {
    graph.nodes.forEach(function (n) {
      var known = nodes.get(n.id);
      if (known) {
        known.sessions = Math.max(known.sessions, n.sessions);
        known.bytes = Math.max(known.bytes, n.bytes);
        known.flagged = Math.max(known.flagged, n.flagged);
        known.degree = Math.max(known.degree, n.degree);
      } else {
        nodes.set(n.id, Object.assign({}, n));
      }
    });
    graph.links.forEach(function (l) {
      var id = l.a + '|' + l.b;
      if (!links.has(id)) {
        links.set(id, {id: id, source: l.a, target: l.b, sessions: l.sessions, bytes: l.bytes,
          flagged: l.flagged, first: l.first, last: l.last});
      }
    });
    (graph.contacts || []).forEach(function (c) {
      var id = 'contact|' + c.id;
      if (!links.has(id)) {
        links.set(id, {id: id, source: c.a, target: c.b, contact: true, score: c.score, app: c.app,
          reason: c.reason, time: c.time, sessions: 1});
      }
    });
    maxSessions = d3.max(Array.from(nodes.values()), function (d) { return d.sessions; }) || 1;
  }

  function visibleNodes() {
    return Array.from(nodes.values()).filter(function (n) { return !hidden.has(n.id); });
  }

  function visibleLinks() {
    return Array.from(links.values()).filter(function (l) {
      var s = typeof l.source === 'object' ? l.source.id : l.source;
      var t = typeof l.target === 'object' ? l.target.id : l.target;
      return !hidden.has(s) && !hidden.has(t);
    });
  }

  var linkSel = linkLayer.selectAll('line');
  var nodeSel = nodeLayer.selectAll('g.node');

  function render() {
    var shownNodes = visibleNodes();
    var shownLinks = visibleLinks();
    linkSel = linkLayer.selectAll('line').data(shownLinks, function (d) { return d.id; });
    linkSel.exit().remove();
    linkSel = linkSel.enter().append('line')
      .attr('class', function (d) { return d.contact ? 'link contact' : d.flagged > 0 ? 'link flagged' : 'link'; })
      .attr('stroke-width', function (d) { return d.contact ? 2.5 : Math.min(6, 0.8 + Math.log10(1 + d.sessions)); })
      .on('mousemove', function (event, d) { showTip(event, linkTip(d)); })
      .on('mouseleave', hideTip)
      .merge(linkSel);

    nodeSel = nodeLayer.selectAll('g.node').data(shownNodes, function (d) { return d.id; });
    nodeSel.exit().remove();
    var entered = nodeSel.enter().append('g')
      .attr('class', function (d) { return 'node ' + d.kind + (d.flagged > 0 ? ' flagged' : ''); })
      .attr('data-id', function (d) { return d.id; })
      .call(d3.drag()
        .on('start', function (event, d) {
          d.dragged = false;
        })
        .on('drag', function (event, d) {
          if (!d.dragged) {
            // a click is not a drag: only a node that moves wakes the layout and is pinned
            if (!event.active) simulation.alphaTarget(0.2).restart();
            d.dragged = true;
          }
          d.fx = event.x;
          d.fy = event.y;
        })
        .on('end', function (event, d) {
          if (d.dragged) {
            if (!event.active) simulation.alphaTarget(0);
            d.pinned = true; // a dragged node stays where it was put
          }
          d.dragged = false;
          d3.select(this).classed('pinned', !!d.pinned);
        }))
      .on('click', function (event, d) { select(d, event.ctrlKey || event.metaKey || event.shiftKey); })
      .on('dblclick', function (event, d) { event.preventDefault(); expand(d); })
      .on('mousemove', function (event, d) { showTip(event, nodeTip(d)); })
      .on('mouseleave', hideTip);
    entered.append('circle');
    entered.append('text').attr('dy', '0.32em');
    nodeSel = entered.merge(nodeSel);
    nodeSel.select('circle').attr('r', radius);
    nodeSel.select('text')
      .attr('x', function (d) { return radius(d) + 3; })
      .text(function (d) { return d.label; });
    nodeSel.classed('selected', function (d) { return selected.has(d.id); })
      .classed('common', function (d) { return common.has(d.id); });

    // a small graph spreads over the canvas, a large one packs tighter so it stays on it
    var spread = Math.max(1, Math.min(3, 12 / Math.sqrt(shownNodes.length + 1)));
    simulation.force('charge').strength(-60 * spread);
    simulation.force('link').distance(55 * Math.sqrt(spread));
    simulation.nodes(shownNodes);
    simulation.force('link').links(shownLinks);
    root.dataset.settled = 'false';
    simulation.alpha(0.8).restart();
    root.dataset.nodes = String(shownNodes.length);
    root.dataset.links = String(shownLinks.length);
  }

  function ticked() {
    linkSel.attr('x1', function (d) { return d.source.x; })
      .attr('y1', function (d) { return d.source.y; })
      .attr('x2', function (d) { return d.target.x; })
      .attr('y2', function (d) { return d.target.y; });
    nodeSel.attr('transform', function (d) { return 'translate(' + d.x + ',' + d.y + ')'; });
  }

  function nodeTip(d) {
    return [
      (d.kind === 'a' ? 'Subscriber ' : 'B-party ') + d.label,
      number(d.sessions) + ' sessions, ' + bytes(d.bytes),
      d.degree + (d.kind === 'a' ? ' B-parties' : ' subscribers') + ' in the graph',
      d.flagged > 0 ? number(d.flagged) + ' flagged sessions' : ''
    ];
  }

  function linkTip(d) {
    var s = typeof d.source === 'object' ? d.source : nodes.get(d.source);
    var t = typeof d.target === 'object' ? d.target : nodes.get(d.target);
    if (d.contact) {
      return ['Probable contact: ' + s.label + ' ↔ ' + t.label, (d.app || 'relay') + ', score ' + d.score,
        when(d.time), d.reason];
    }
    return [
      s.label + ' → ' + t.label,
      number(d.sessions) + ' sessions, ' + bytes(d.bytes),
      'first ' + when(d.first),
      'last ' + when(d.last),
      d.flagged > 0 ? number(d.flagged) + ' flagged sessions' : ''
    ];
  }

  function showTip(event, lines) {
    tip.replaceChildren();
    lines.filter(Boolean).forEach(function (line, i) {
      var div = document.createElement(i === 0 ? 'strong' : 'div');
      div.textContent = line;
      tip.appendChild(div);
    });
    var box = root.getBoundingClientRect();
    tip.style.left = (event.clientX - box.left + 14) + 'px';
    tip.style.top = (event.clientY - box.top + 10) + 'px';
    tip.hidden = false;
  }

  function hideTip() {
    tip.hidden = true;
  }

  function select(d, add) {
    if (!add) {
      selected.clear();
    }
    if (selected.has(d.id) && add) {
      selected.delete(d.id);
    } else {
      selected.add(d.id);
    }
    updateSelection();
  }

  function selectedNodes() {
    return Array.from(selected).map(function (id) { return nodes.get(id); }).filter(Boolean);
  }

  function updateSelection() {
    var list = document.getElementById('selection');
    list.replaceChildren();
    var chosen = selectedNodes();
    chosen.forEach(function (d) {
      var li = document.createElement('li');
      li.className = d.kind;
      var name = document.createElement('strong');
      name.textContent = d.label;
      li.appendChild(name);
      var numbers = document.createElement('span');
      numbers.textContent = ' ' + number(d.sessions) + ' sessions, ' + bytes(d.bytes) + ', '
        + d.degree + (d.kind === 'a' ? ' B-parties' : ' subscribers')
        + (d.flagged > 0 ? ', ' + number(d.flagged) + ' flagged' : '');
      li.appendChild(numbers);
      list.appendChild(li);
    });
    document.getElementById('selection-empty').hidden = chosen.length > 0;
    var parties = chosen.filter(function (d) { return d.kind === 'a' && d.filter; });
    var contacts = chosen.filter(function (d) { return d.kind === 'b'; });
    document.getElementById('common-contacts').disabled = parties.length < 2;
    document.getElementById('callers').disabled = contacts.length !== 1;
    document.getElementById('chain').disabled = chosen.length !== 2;
    document.getElementById('expand').disabled = chosen.length !== 1 || !chosen[0].filter;
    document.getElementById('hide').disabled = chosen.length === 0;
    document.getElementById('unpin').disabled = !chosen.some(function (d) { return d.pinned; });
    var open = document.getElementById('open-records');
    var filters = chosen.filter(function (d) { return d.filter; });
    open.hidden = filters.length === 0 || filters.length > 2;
    if (!open.hidden) {
      var url = new URL(root.dataset.records, window.location.origin);
      filters.forEach(function (d) { url.searchParams.append('f', d.filter); });
      open.href = url.pathname + url.search;
      open.textContent = filters.length === 2 ? 'Open the sessions between them' : 'Open the records';
    }
    nodeSel.classed('selected', function (d) { return selected.has(d.id); });
  }

  function fetchJson(url) {
    return FlowAnalyzer.fetchJson(url, 'The graph could not be drawn.');
  }

  function problem(message) {
    summary.textContent = message;
    summary.classList.add('problem');
  }

  function describe(graph) {
    var a = graph.nodes.filter(function (n) { return n.kind === 'a'; }).length;
    summary.textContent = number(graph.sessions) + ' sessions: ' + number(a) + ' subscribers, '
      + number(graph.nodes.length - a) + ' B-parties, ' + number(graph.links.length) + ' links'
      + (graph.complete ? '' : ' (the busiest)') + '.';
    summary.dataset.complete = String(graph.complete);
    if (graph.note) {
      note.textContent = graph.note;
      note.hidden = false;
    }
    if (graph.nodes.length === 0) {
      summary.textContent = graph.sessions === 0
        ? 'No sessions match this search; widen the time range or remove a filter.'
        : summary.textContent;
    }
  }

  function expand(d) {
    if (!d.filter) {
      return;
    }
    var url = new URL(api, window.location.origin);
    url.searchParams.append('f', d.filter);
    fetchJson(url.pathname + url.search).then(function (graph) {
      merge(graph);
      render();
      updateSelection();
    }).catch(function (e) { problem(e.message); });
  }

  function answer(title, text, head, rows) {
    document.getElementById('answer').hidden = false;
    document.getElementById('answer-title').textContent = title;
    document.getElementById('answer-summary').textContent = text;
    var table = document.getElementById('answer-table');
    var thead = table.querySelector('thead');
    var tbody = table.querySelector('tbody');
    thead.replaceChildren();
    tbody.replaceChildren();
    var tr = document.createElement('tr');
    head.forEach(function (h) {
      var th = document.createElement('th');
      th.textContent = h;
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    rows.forEach(function (cells) {
      var row = document.createElement('tr');
      cells.forEach(function (c) {
        var td = document.createElement('td');
        if (c && typeof c === 'object') {
          var a = document.createElement('a');
          a.href = c.href;
          a.textContent = c.text;
          td.appendChild(a);
        } else {
          td.textContent = c;
        }
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
  }

  function recordsOf(filters) {
    var url = new URL(root.dataset.records, window.location.origin);
    filters.forEach(function (f) { url.searchParams.append('f', f); });
    return url.pathname + url.search;
  }

  document.getElementById('common-contacts').addEventListener('click', function () {
    var parties = selectedNodes().filter(function (d) { return d.kind === 'a' && d.filter; });
    var url = new URL(root.dataset.common, window.location.origin);
    parties.forEach(function (d) { url.searchParams.append('party', d.label); });
    fetchJson(url.pathname + url.search).then(function (body) {
      common = new Set(body.contacts.map(function (c) { return 'b:' + c.contact; }));
      render();
      answer('Common contacts',
        body.contacts.length === 0
          ? 'These ' + body.parties.length + ' subscribers share no B-party in this search ('
            + number(body.contactsExamined) + ' B-parties looked at).'
          : body.contacts.length + ' B-parties reached by two or more of the ' + body.parties.length
            + ' subscribers (every one of the ' + number(body.contactsExamined) + ' B-parties looked at).',
        ['B-party', 'Subscribers', 'Sessions', 'Each'],
        body.contacts.map(function (c) {
          return [
            {text: c.contact, href: recordsOf([c.filter])},
            String(c.parties.length),
            number(c.sessions),
            c.parties.map(function (p) { return p.party + ' (' + p.sessions + ')'; }).join(', ')
          ];
        }));
    }).catch(function (e) { problem(e.message); });
  });

  document.getElementById('callers').addEventListener('click', function () {
    var contact = selectedNodes().filter(function (d) { return d.kind === 'b'; })[0];
    var url = new URL(root.dataset.callers, window.location.origin);
    url.searchParams.set('contact', contact.label);
    fetchJson(url.pathname + url.search).then(function (body) {
      answer('Who reached ' + body.contact,
        body.parties.length + (body.parties.length === 1 ? ' subscriber' : ' subscribers')
          + ' reached it within the search\'s time range.',
        ['Subscriber', 'Sessions', 'Volume', 'First', 'Last'],
        body.parties.map(function (p) {
          return [
            p.filter ? {text: p.party, href: recordsOf([p.filter, contact.filter])} : p.party,
            number(p.sessions), bytes(p.bytes), when(p.first), when(p.last)
          ];
        }));
    }).catch(function (e) { problem(e.message); });
  });

  document.getElementById('chain').addEventListener('click', function () {
    var ends = selectedNodes();
    var url = new URL(root.dataset.chain, window.location.origin);
    url.searchParams.set('start', ends[0].id);
    url.searchParams.set('end', ends[1].id);
    fetchJson(url.pathname + url.search).then(function (body) {
      common = new Set();
      body.steps.forEach(function (step) {
        common.add(step.from);
        common.add(step.to);
      });
      render();
      answer('Shortest chain',
        body.steps.length === 0 ? body.note
          : body.steps.length + (body.steps.length === 1 ? ' link joins' : ' links join') + ' them ('
            + number(body.reached) + ' parties looked at).',
        ['From', 'To', 'Sessions', 'First', 'Last'],
        body.steps.map(function (step) {
          return [step.from.substring(2), step.to.substring(2), number(step.sessions), when(step.first),
            when(step.last)];
        }));
    }).catch(function (e) { problem(e.message); });
  });

  document.getElementById('expand').addEventListener('click', function () {
    selectedNodes().forEach(expand);
  });
  document.getElementById('hide').addEventListener('click', function () {
    selected.forEach(function (id) { hidden.add(id); });
    selected.clear();
    render();
    updateSelection();
  });
  document.getElementById('show-all').addEventListener('click', function () {
    hidden.clear();
    render();
  });
  document.getElementById('unpin').addEventListener('click', function () {
    selectedNodes().forEach(function (d) {
      d.fx = null;
      d.fy = null;
      d.pinned = false;
    });
    nodeSel.classed('pinned', function (d) { return !!d.pinned; });
    simulation.alpha(0.5).restart();
    updateSelection();
  });

  // the picture as drawn: the SVG with the page's graph styles written into it, so it looks the same elsewhere
  function picture() {
    var copy = document.getElementById('graph-svg').cloneNode(true);
    var box = document.getElementById('graph-svg').getBoundingClientRect();
    copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    copy.setAttribute('width', String(Math.round(box.width)));
    copy.setAttribute('height', String(Math.round(box.height)));
    var rules = [];
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      var list;
      try {
        list = sheet.cssRules;
      } catch (e) {
        return;
      }
      Array.prototype.forEach.call(list, function (rule) {
        if (rule.selectorText && rule.selectorText.indexOf('.graph-canvas') === 0 && rule.selectorText.indexOf(' svg') < 0) {
          rules.push(rule.cssText.replace(/\.graph-canvas /g, ''));
        }
      });
    });
    rules.push(':root { --accent:#1f5fa8; --warn:#a8321f; --ink:#1d2733; }');
    rules.push('svg { background:#fff; font-family:"DejaVu Sans", Arial, sans-serif; }');
    var style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = rules.join('\n');
    copy.insertBefore(style, copy.firstChild);
    return {text: new XMLSerializer().serializeToString(copy), width: box.width, height: box.height};
  }

  function download(blob, name) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  }

  document.getElementById('save-svg').addEventListener('click', function () {
    download(new Blob([picture().text], {type: 'image/svg+xml'}), 'graph.svg');
  });
  document.getElementById('save-png').addEventListener('click', function () {
    var p = picture();
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(p.width * 2);
      canvas.height = Math.round(p.height * 2);
      var context = canvas.getContext('2d');
      context.scale(2, 2);
      context.drawImage(image, 0, 0, p.width, p.height);
      canvas.toBlob(function (blob) { download(blob, 'graph.png'); }, 'image/png');
    };
    image.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(p.text)));
  });

  var started = performance.now();
  fetchJson(api).then(function (graph) {
    merge(graph);
    describe(graph);
    render();
    // the time from asking to a drawn graph, for the benchmark and the curious
    requestAnimationFrame(function () {
      root.dataset.drawnMs = String(Math.round(performance.now() - started));
    });
  }).catch(function (e) { problem(e.message); });
})();
