// The sessions page: field-name autocomplete in the query bar, and brushing the histogram to narrow the time range.
(function () {
  'use strict';

  // --- field-name autocomplete -------------------------------------------------------------
  var input = document.getElementById('q');
  var list = document.getElementById('suggestions');
  var fields = Array.prototype.map.call(document.querySelectorAll('#field-list [data-field]'), function (el) {
    var row = el.closest('tr');
    return { name: el.getAttribute('data-field'), meaning: row ? row.cells[1].textContent : '' };
  });
  var selected = -1;

  function currentWord() {
    var end = input.selectionStart;
    var text = input.value.slice(0, end);
    var m = /(^|[\s(!+-])([A-Za-z_@][\w.@]*)$/.exec(text);
    if (!m) { return null; }
    return { word: m[2], start: end - m[2].length, end: end };
  }

  function close() { list.hidden = true; list.innerHTML = ''; selected = -1; }

  function choose(name) {
    var w = currentWord();
    if (!w) { close(); return; }
    input.value = input.value.slice(0, w.start) + name + ':' + input.value.slice(w.end);
    var caret = w.start + name.length + 1;
    input.setSelectionRange(caret, caret);
    close();
    input.focus();
  }

  function render() {
    var w = currentWord();
    if (!w || w.word.length < 1) { close(); return; }
    var prefix = w.word.toLowerCase();
    var matches = fields.filter(function (f) {
      return f.name.toLowerCase().indexOf(prefix) === 0 && f.name.toLowerCase() !== prefix;
    }).slice(0, 8);
    if (!matches.length) { close(); return; }
    list.innerHTML = '';
    matches.forEach(function (f, i) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.dataset.name = f.name;
      var code = document.createElement('code');
      code.textContent = f.name;
      var small = document.createElement('small');
      small.textContent = f.meaning;
      li.appendChild(code);
      li.appendChild(small);
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(f.name); });
      list.appendChild(li);
    });
    selected = -1;
    list.hidden = false;
  }

  function move(step) {
    var items = list.querySelectorAll('li');
    if (!items.length) { return; }
    if (selected >= 0) { items[selected].classList.remove('selected'); }
    selected = (selected + step + items.length) % items.length;
    items[selected].classList.add('selected');
  }

  if (input && list) {
    input.addEventListener('input', render);
    input.addEventListener('blur', function () { setTimeout(close, 100); });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) { return; }
      if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
      else if ((e.key === 'Enter' || e.key === 'Tab') && selected >= 0) {
        e.preventDefault();
        choose(list.querySelectorAll('li')[selected].dataset.name);
      } else if (e.key === 'Escape') { close(); }
    });
  }

  // --- histogram brushing ------------------------------------------------------------------
  var figure = document.getElementById('histogram');
  if (!figure) { return; }
  var svg = figure.querySelector('svg');
  var brush = document.getElementById('brush');
  var bars = Array.prototype.slice.call(svg.querySelectorAll('rect.bar'));
  var startX = null;

  function toBox(clientX) {
    var r = svg.getBoundingClientRect();
    return Math.max(0, Math.min(1000, (clientX - r.left) / r.width * 1000));
  }

  function barAt(x) {
    var best = null;
    bars.forEach(function (b) {
      var bx = parseFloat(b.getAttribute('x'));
      if (bx <= x + 0.001) { best = b; }
    });
    return best || bars[0];
  }

  function narrow(from, to) {
    var url = new URL(window.location.href);
    url.searchParams.set('from', from);
    url.searchParams.set('to', to);
    url.searchParams.delete('page');
    window.location.assign(url.toString());
  }

  svg.addEventListener('mousedown', function (e) {
    e.preventDefault();
    startX = toBox(e.clientX);
    brush.setAttribute('x', startX);
    brush.setAttribute('width', 0);
  });
  window.addEventListener('mousemove', function (e) {
    if (startX === null) { return; }
    var x = toBox(e.clientX);
    brush.setAttribute('x', Math.min(startX, x));
    brush.setAttribute('width', Math.abs(x - startX));
  });
  // the keyboard: ←/→ move across the bars, Shift+←/→ stretch the selection, Enter narrows to it, Esc clears it
  var live = document.getElementById('histogram-live');
  var anchor = null, cursor = null;
  function showSelection() {
    if (cursor === null) {
      brush.setAttribute('width', 0);
      live.textContent = '';
      return;
    }
    var a = Math.min(anchor, cursor), z = Math.max(anchor, cursor), count = 0;
    for (var i = a; i <= z; i++) { count += parseInt(bars[i].getAttribute('data-count'), 10) || 0; }
    var x0 = parseFloat(bars[a].getAttribute('x'));
    var x1 = parseFloat(bars[z].getAttribute('x')) + parseFloat(bars[z].getAttribute('width'));
    brush.setAttribute('x', x0);
    brush.setAttribute('width', x1 - x0);
    live.textContent = bars[a].getAttribute('data-from') + ' to ' + bars[z].getAttribute('data-to') + ': '
        + count.toLocaleString('en') + (count === 1 ? ' session' : ' sessions') + '. Enter narrows the search to it.';
  }
  svg.addEventListener('keydown', function (e) {
    if (!bars.length) { return; }
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      var step = e.key === 'ArrowRight' ? 1 : -1;
      if (cursor === null) {
        cursor = anchor = step > 0 ? 0 : bars.length - 1;
      } else {
        cursor = Math.max(0, Math.min(bars.length - 1, cursor + step));
        if (!e.shiftKey) { anchor = cursor; }
      }
      showSelection();
    } else if (e.key === 'Enter' && cursor !== null) {
      e.preventDefault();
      narrow(bars[Math.min(anchor, cursor)].getAttribute('data-from'),
          bars[Math.max(anchor, cursor)].getAttribute('data-to'));
    } else if (e.key === 'Escape') {
      anchor = cursor = null;
      showSelection();
    }
  });
  window.addEventListener('mouseup', function (e) {
    if (startX === null) { return; }
    var x = toBox(e.clientX);
    var first = barAt(Math.min(startX, x));
    var last = barAt(Math.max(startX, x));
    startX = null;
    if (first && last) {
      narrow(first.getAttribute('data-from'), last.getAttribute('data-to'));
    }
  });
})();
