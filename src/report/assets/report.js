(function () {
  var get = function (id) { return document.getElementById(id); };
  var sev = get('f-sev'), rule = get('f-rule'), dept = get('f-dept'), text = get('f-text'), count = get('f-count');
  if (!sev) { return; }
  // An entry's own text and its document's path (so a file name finds its entries).
  function haystack(e) {
    var doc = e.closest('section.doc'), h = doc && doc.querySelector('h3');
    return (e.textContent + ' ' + (h ? h.textContent : '')).toLowerCase();
  }
  function apply() {
    var s = sev.value, r = rule.value, d = dept.value, t = text.value.trim().toLowerCase();
    var any = s || r || d || t, shown = 0;
    var items = document.querySelectorAll('[data-sev]');
    for (var i = 0; i < items.length; i++) {
      var e = items[i];
      var ok = (!s || e.getAttribute('data-sev') === s)
        && (!r || (' ' + e.getAttribute('data-rules') + ' ').indexOf(' ' + r + ' ') >= 0)
        && (!d || e.getAttribute('data-dept') === d)
        && (!t || haystack(e).indexOf(t) >= 0);
      e.hidden = !ok;
      if (ok && e.getAttribute('data-sev') !== 'info') { shown++; }
    }
    var groups = document.querySelectorAll('.doc, details.notes');
    for (var j = 0; j < groups.length; j++) {
      groups[j].hidden = any && !groups[j].querySelector('[data-sev]:not([hidden])');
    }
    if (s === 'info') {
      var open = document.querySelectorAll('details.notes:not([hidden])');
      for (var k = 0; k < open.length; k++) { open[k].open = true; }
    }
    count.textContent = any ? (count.getAttribute('data-shown') || '#').replace('#', shown) : '';
  }
  [sev, rule, dept].forEach(function (x) { x.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  var p = new URLSearchParams(location.hash.slice(1));
  if (p.get('sev')) { sev.value = p.get('sev'); }
  if (p.get('rule')) { rule.value = p.get('rule'); }
  if (p.get('dept')) { dept.value = p.get('dept'); }
  if (p.get('q')) { text.value = p.get('q'); }
  apply();
})();
