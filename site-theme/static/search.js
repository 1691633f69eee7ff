// chibo search: folds Vietnamese ("tham nhung" finds "tham nhũng"), matches prefixes as you type,
// ANDs the words, ranks exact diacritics first, and downloads only the index shards a query needs.
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  var input = document.getElementById("search-input");
  if (!app || !input) return;
  var base = app.getAttribute("data-index");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var cache = {};

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function words(text) {
    return text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }
  function shardOf(term) {
    var folded = fold(term);
    var name = "";
    for (var i = 0; i < 2 && i < folded.length; i++) {
      name += /[a-z0-9]/.test(folded[i]) ? folded[i] : "_";
    }
    return name.length === 1 ? name + "_" : name;
  }
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }
    return cache[path];
  }
  function say(template, count) {
    statusLine.textContent = template.replace("{count}", String(count));
  }

  // Term matches: exact spelling 3, same letters with other marks 2, a longer word (prefix) 1.
  function matchTerm(term, index, shardNames) {
    var folded = fold(term);
    var name = shardOf(term);
    if (shardNames.indexOf(name) < 0) return Promise.resolve({});
    return load("terms/" + name + ".json").then(function (shard) {
      // found[doc] = {score: best over sections, sections: {section: best score}, terms: [matched words]}
      var found = {};
      Object.keys(shard).forEach(function (key) {
        var keyFolded = fold(key);
        if (keyFolded.lastIndexOf(folded, 0) !== 0) return;
        var factor = key === term ? 3 : keyFolded === folded ? 2 : 1;
        if (term !== folded && key !== term && keyFolded === folded) factor = 1.5;
        shard[key].forEach(function (posting) {
          var doc = posting[0], section = posting[1], score = posting[2] * factor;
          var hit = found[doc] || (found[doc] = { score: 0, sections: {}, terms: [], exact: false, exactSections: {} });
          if (key === term && term !== folded) {
            hit.exact = true;
            hit.exactSections[section] = true;
          }
          if (!(hit.sections[section] >= score)) hit.sections[section] = score;
          if (score > hit.score) hit.score = score;
          if (hit.terms.indexOf(key) < 0) hit.terms.push(key);
        });
      });
      return found;
    });
  }

  function search(query) {
    var trimmed = query.trim();
    if (!trimmed) {
      list.textContent = "";
      statusLine.textContent = "";
      return Promise.resolve();
    }
    say(app.getAttribute("data-loading"), 0);
    return load("numbers.json").then(function (meta) {
      var scores = {};
      var numberKey = fold(trimmed).replace(/\s+/g, "");
      if (/\d/.test(numberKey) && /[-\/]/.test(numberKey)) {
        Object.keys(meta.numbers).forEach(function (key) {
          if (key.lastIndexOf(numberKey, 0) === 0) {
            scores[meta.numbers[key]] = { score: 1000 + (key === numberKey ? 100 : 0), section: 0, terms: [], number: true };
          }
        });
      }
      var terms = words(trimmed).filter(function (term, position, all) {
        return term.length > 1 || all.length === 1;
      });
      return Promise.all(terms.map(function (term) { return matchTerm(term, meta, meta.shards); })).then(function (perTerm) {
        if (perTerm.length > 0) {
          Object.keys(perTerm[0]).forEach(function (doc) {
            var total = 0, hits = [], bySection = {}, exact = 0, exactSections = null;
            for (var i = 0; i < perTerm.length; i++) {
              var hit = perTerm[i][doc];
              if (!hit) return;
              total += hit.score;
              if (hit.exact) exact += 1;
              hits = hits.concat(hit.terms);
              Object.keys(hit.sections).forEach(function (s) { bySection[s] = (bySection[s] || 0) + hit.sections[s]; });
              if (hit.exact) {
                var these = Object.keys(hit.exactSections).filter(function (s) { return s !== "-1"; });
                exactSections = exactSections === null ? these : exactSections.filter(function (s) { return these.indexOf(s) >= 0; });
              }
            }
            // Words typed with their marks and found so: link to where they are spelt that way.
            if (exactSections && exactSections.length > 0) {
              var kept = {};
              exactSections.forEach(function (s) { kept[s] = bySection[s] || 0; });
              bySection = kept;
            }
            // Link to the section that holds most of the query, not the best single word.
            var section = 0, best = -1;
            Object.keys(bySection).forEach(function (s) {
              if (s === "-1") return;
              if (bySection[s] > best || (bySection[s] === best && Number(s) < section)) { best = bySection[s]; section = Number(s); }
            });
            var existing = scores[doc];
            if (existing) { existing.score += total; existing.terms = hits; existing.section = section; existing.bySection = bySection; existing.exact = exact; }
            else scores[doc] = { score: total, section: section, terms: hits, bySection: bySection, exact: exact };
          });
        }
        // A word typed with its marks that is found spelt that way counts before any score.
        var ranked = Object.keys(scores).map(Number).sort(function (a, b) {
          return (scores[b].exact || 0) - (scores[a].exact || 0) || scores[b].score - scores[a].score || a - b;
        }).slice(0, 20);
        var chunks = {};
        ranked.forEach(function (doc) { chunks[Math.floor(doc / meta.chunk)] = true; });
        return Promise.all(Object.keys(chunks).map(function (chunk) {
          return load("docs/" + chunk + ".json").then(function (docs) { return [Number(chunk), docs]; });
        })).then(function (loaded) {
          var byChunk = {};
          loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
          if (input.value.trim() !== trimmed) return;
          render(ranked.map(function (doc) {
            return { doc: byChunk[Math.floor(doc / meta.chunk)][doc % meta.chunk], hit: scores[doc] };
          }), terms);
        });
      });
    }).catch(function () {
      statusLine.textContent = app.getAttribute("data-error");
    });
  }

  function snippet(text, terms) {
    // Around the first word spelt as typed; failing that, the first folded match.
    var lower = text.toLowerCase();
    var at = -1;
    terms.forEach(function (term) {
      var position = lower.indexOf(term);
      if (position >= 0 && (at < 0 || position < at)) at = position;
    });
    var folded = fold(text);
    if (at < 0) {
      terms.forEach(function (term) {
        var position = folded.indexOf(fold(term));
        if (position >= 0 && (at < 0 || position < at)) at = position;
      });
    }
    var start = Math.max(0, at - 60);
    var piece = text.slice(start, start + 220);
    return (start > 0 ? "… " : "") + piece + (start + 220 < text.length ? " …" : "");
  }

  function highlight(element, text, terms) {
    var folded = fold(text);
    var marks = [];
    terms.forEach(function (term) {
      var needle = fold(term);
      if (!needle) return;
      var from = 0, position;
      while ((position = folded.indexOf(needle, from)) >= 0) {
        var before = position === 0 || !/[\p{L}\p{N}]/u.test(folded[position - 1]);
        if (before) marks.push([position, position + needle.length]);
        from = position + needle.length;
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var cursor = 0;
    marks.forEach(function (mark) {
      if (mark[0] < cursor) return;
      element.appendChild(document.createTextNode(text.slice(cursor, mark[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(mark[0], mark[1]);
      element.appendChild(m);
      cursor = mark[1];
    });
    element.appendChild(document.createTextNode(text.slice(cursor)));
  }

  // Among the sections that score nearly as well as the best, prefer the one whose heading names
  // every query word, the shortest such heading first ("Bước 2: Khai mạc" over "Chuyên đề, bước 2: Khai mạc").
  function bestSection(doc, hit, terms) {
    var scores = hit.bySection || {};
    var best = hit.section, top = scores[best] || 0, chosen = -1, length = Infinity;
    Object.keys(scores).forEach(function (s) {
      var section = doc.s[Number(s)];
      if (!section || Number(s) < 0 || scores[s] < top * 0.8) return;
      var heading = fold(section[1]);
      var all = terms.every(function (term) { return heading.indexOf(fold(term)) >= 0; });
      if (all && heading.length < length) { chosen = Number(s); length = heading.length; }
    });
    return chosen >= 0 ? chosen : best;
  }

  function render(results, terms) {
    list.textContent = "";
    if (results.length === 0) {
      say(app.getAttribute("data-none"), 0);
      return;
    }
    say(app.getAttribute("data-count"), results.length);
    var queryTerms = terms.slice();
    results.forEach(function (result) {
      var doc = result.doc;
      var section = doc.s[bestSection(doc, result.hit, queryTerms)] || doc.s[0] || ["", "", ""];
      // A document found by its number, or by its title alone, opens at the top.
      var keys = Object.keys(result.hit.bySection || {});
      var titleOnly = keys.length === 1 && keys[0] === "-1";
      var anchor = result.hit.number || titleOnly ? "" : section[0];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc.u + (anchor ? "#" + anchor : "");
      highlight(link, doc.t, queryTerms);
      item.appendChild(link);
      var facts = document.createElement("p");
      facts.className = "doc-facts";
      facts.textContent = [doc.n, doc.k, doc.g].filter(Boolean).join(" · ") + (section[1] ? " › " + section[1] : "");
      item.appendChild(facts);
      var text = document.createElement("p");
      text.className = "doc-summary";
      highlight(text, snippet(section[2] || section[1] || "", queryTerms), queryTerms);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url.toString());
      search(input.value);
    }, 120);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
  app.hidden = false;
})();
