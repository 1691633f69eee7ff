// chibo search: folds Vietnamese ("tham nhung" finds "tham nhũng"), matches prefixes as you type,
// ANDs the words, ranks exact diacritics first, and downloads only the index shards a query needs.
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  var input = document.getElementById("search-input");
  if (!app || !input) return;
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  // The public index and, for a tab that has opened a restricted page (signed-in.js marks it), the
  // restricted pages' one: asking for it otherwise would make the browser ask every reader for a password.
  var SIGNED_IN = "chibo-signed-in";
  var indexes = [{ base: app.getAttribute("data-index"), cache: {}, required: true }];
  var restricted = app.getAttribute("data-restricted-index");
  var signedIn = false;
  try { signedIn = window.sessionStorage.getItem(SIGNED_IN) === "1"; } catch (error) { signedIn = false; }
  if (restricted && signedIn) indexes.push({ base: restricted, cache: {}, required: false });

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function words(text) {
    return text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }
  // A shard holds the terms whose folded form begins with its name ("_" for any other character,
  // and for each a shorter term lacks); large ones are split by one more character ("ch" into
  // "cha", "che", ...). A word lies in the one shard that names its beginning; a shorter word, which
  // begins terms of several shards, needs all of them.
  function key(folded, depth) {
    var name = "";
    for (var i = 0; i < depth; i++) name += i < folded.length && /[a-z0-9]/.test(folded[i]) ? folded[i] : "_";
    return name;
  }
  function shardsFor(term, names) {
    var folded = fold(term);
    var exact = names.filter(function (name) {
      return name.length <= Math.max(folded.length, 2) && key(folded, name.length) === name;
    });
    if (exact.length > 0) return exact;
    var prefix = key(folded, folded.length);
    return names.filter(function (name) { return name.lastIndexOf(prefix, 0) === 0; });
  }
  function load(index, path) {
    if (!index.cache[path]) {
      index.cache[path] = fetch(index.base + path, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) {
          var failure = new Error(path + ": " + response.status);
          failure.status = response.status;
          throw failure;
        }
        return response.json();
      });
    }
    return index.cache[path];
  }
  function say(template, count) {
    statusLine.textContent = template.replace("{count}", String(count));
  }

  // Term matches: exact spelling 3, same letters with other marks 2, a longer word (prefix) 1.
  // A common word (in very many places) keeps only its best places in the index: a query word
  // that matches one is "partial", and a document need not have it to be found.
  function matchTerm(term, index, meta) {
    var folded = fold(term);
    var partialTerms = meta.partial || [];
    var names = shardsFor(term, meta.shards);
    return Promise.all(names.map(function (name) { return load(index, "terms/" + name + ".json"); })).then(function (shards) {
      // found[doc] = {score: best over sections, sections: {section: best score}, terms: [matched words]}
      var found = {};
      var partial = false;
      shards.forEach(function (shard) { Object.keys(shard).forEach(function (key) {
        var keyFolded = fold(key);
        if (keyFolded.lastIndexOf(folded, 0) !== 0) return;
        if (partialTerms.indexOf(key) >= 0) partial = true;
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
      }); });
      return { found: found, partial: partial };
    });
  }

  // The documents of one index that match the query, each with its score: {index, doc, hit}.
  function rank(index, trimmed, terms) {
    return load(index, "numbers.json").then(function (meta) {
      index.chunk = meta.chunk;
      var scores = {};
      var numberKey = fold(trimmed).replace(/\s+/g, "");
      if (/\d/.test(numberKey) && /[-\/]/.test(numberKey)) {
        Object.keys(meta.numbers).forEach(function (key) {
          if (key.lastIndexOf(numberKey, 0) === 0) {
            scores[meta.numbers[key]] = { score: 1000 + (key === numberKey ? 100 : 0), section: 0, terms: [], number: true };
          }
        });
      }
      return Promise.all(terms.map(function (term) { return matchTerm(term, index, meta); })).then(function (matched) {
        // Every word must be found, except that a document need not have a partial word (one
        // whose postings are only its best places); with only partial words, any of them will do,
        // and documents with more of them come first.
        var required = matched.filter(function (term) { return !term.partial; });
        var someLeftOut = required.length < matched.length;
        var candidates = {};
        if (required.length > 0) {
          Object.keys(required[0].found).forEach(function (doc) { candidates[doc] = true; });
        } else {
          matched.forEach(function (term) { Object.keys(term.found).forEach(function (doc) { candidates[doc] = true; }); });
        }
        Object.keys(candidates).forEach(function (doc) {
            var total = 0, hits = [], bySection = {}, exact = 0, exactSections = null, words = 0;
            for (var i = 0; i < matched.length; i++) {
              var hit = matched[i].found[doc];
              if (!hit) {
                if (matched[i].partial) continue;
                return;
              }
              words += 1;
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
            if (existing) { existing.score += total; existing.terms = hits; existing.section = section; existing.bySection = bySection; existing.exact = exact; existing.words = words; }
            else scores[doc] = { score: total, section: section, terms: hits, bySection: bySection, exact: exact, words: words };
        });
        return {
          someLeftOut: someLeftOut,
          results: Object.keys(scores).map(function (doc) { return { index: index, doc: Number(doc), hit: scores[doc] }; })
        };
      });
    });
  }

  function forget(index) {
    indexes = indexes.filter(function (other) { return other !== index; });
    try { window.sessionStorage.removeItem(SIGNED_IN); } catch (error) { /* nothing to forget */ }
  }

  function search(query) {
    var trimmed = query.trim();
    if (!trimmed) {
      current = null;
      more.hidden = true;
      list.textContent = "";
      statusLine.textContent = "";
      return Promise.resolve();
    }
    say(app.getAttribute("data-loading"), 0);
    var terms = words(trimmed).filter(function (term, position, all) {
      return term.length > 1 || all.length === 1;
    });
    return Promise.all(indexes.map(function (index) {
      var ranked = rank(index, trimmed, terms);
      if (index.required) return ranked;
      // The restricted index cannot be read: the public pages only. Refused (the sign-in has
      // expired or was cancelled), this tab asks no more; another failure is tried again next time.
      return ranked.catch(function (failure) {
        if (failure && failure.status === 401) forget(index);
        index.cache = {};
        return { someLeftOut: false, results: [] };
      });
    })).then(function (found) {
      var someLeftOut = found.some(function (part) { return part.someLeftOut; });
      var results = [].concat.apply([], found.map(function (part) { return part.results; }));
      // A word typed with its marks that is found spelt that way counts before any score.
      results.sort(function (a, b) {
        return (someLeftOut ? (b.hit.words || 0) - (a.hit.words || 0) : 0) ||
          (b.hit.exact || 0) - (a.hit.exact || 0) ||
          b.hit.score - a.hit.score || indexes.indexOf(a.index) - indexes.indexOf(b.index) || a.doc - b.doc;
      });
      list.textContent = "";
      if (results.length === 0) {
        more.hidden = true;
        say(app.getAttribute("data-none"), 0);
        return;
      }
      say(app.getAttribute("data-count"), results.length);
      current = { query: trimmed, ranked: results, terms: terms, shown: 0 };
      return showMore(current);
    }).catch(function () {
      statusLine.textContent = app.getAttribute("data-error");
    });
  }

  // The results of the last query, shown PAGE at a time: each page downloads the documents of
  // its results only.
  var PAGE = 10;
  var current = null;
  var more = document.getElementById("search-more");
  function showMore(state) {
    var page = state.ranked.slice(state.shown, state.shown + PAGE);
    function file(result) { return "docs/" + Math.floor(result.doc / result.index.chunk) + ".json"; }
    // A restricted document that cannot be read (the sign-in expired meanwhile) is left out; the
    // public ones are shown all the same.
    return Promise.all(page.map(function (result) {
      var loading = load(result.index, file(result));
      return result.index.required ? loading : loading.catch(function (failure) {
        if (failure && failure.status === 401) forget(result.index);
        return null;
      });
    })).then(function (loaded) {
      if (state !== current) return;
      var shown = [];
      page.forEach(function (result, position) {
        if (loaded[position]) shown.push({ doc: loaded[position][result.doc % result.index.chunk], hit: result.hit });
      });
      render(shown, state.terms);
      state.shown += page.length;
      more.hidden = state.shown >= state.ranked.length;
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
    // From the start of a word about 60 characters before the match to the end of a word about
    // 220 characters on: a snippet never begins or ends inside a word.
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var before = text.lastIndexOf(" ", start);
      start = before >= 0 ? before + 1 : 0;
    }
    var end = Math.min(text.length, start + 220);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > Math.max(start, at) ? cut : (text.indexOf(" ", end) >= 0 ? text.indexOf(" ", end) : text.length);
    }
    var piece = text.slice(start, end);
    return (start > 0 ? "… " : "") + piece + (end < text.length ? " …" : "");
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
    var queryTerms = terms.slice();
    results.forEach(function (result) {
      var doc = result.doc;
      var section = doc.s[bestSection(doc, result.hit, queryTerms)] || doc.s[0] || ["", "", ""];
      // A document found by its number, or by its title alone, opens at the top.
      // So does one whose title holds every word of the query: the query names the page.
      var keys = Object.keys(result.hit.bySection || {});
      var titleWords = words(doc.t).map(fold);
      var titleOnly = (keys.length === 1 && keys[0] === "-1") || queryTerms.every(function (term) {
        return titleWords.some(function (word) { return word.lastIndexOf(fold(term), 0) === 0; });
      });
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

  more.addEventListener("click", function () {
    if (current) showMore(current).catch(function () { statusLine.textContent = app.getAttribute("data-error"); });
  });

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
