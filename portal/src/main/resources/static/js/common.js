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

  return {fetchJson: fetchJson, number: number};
})();
