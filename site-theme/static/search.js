// chibo search: folds Vietnamese ("tham nhung" finds "tham nhũng"), matches prefixes as you type,
// ANDs the words and downloads only the index shards a query needs. Results rank, in this order, by
// the query's words next to each other and in order (in the title, then anywhere), by the words
// typed with their marks and found so, by all the words in the title, guidance before the records,
// then by weight; each is labelled with what it is, and the phrase that matched is marked.
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
          // In the title, spelt as typed when it was typed with its marks.
          if (section === -1 && (term === folded || key === term)) hit.inTitle = true;
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
            var total = 0, hits = [], bySection = {}, exact = 0, exactSections = null, words = 0, inTitle = 0;
            for (var i = 0; i < matched.length; i++) {
              var hit = matched[i].found[doc];
              if (!hit) {
                if (matched[i].partial) continue;
                return;
              }
              words += 1;
              if (hit.inTitle) inTitle += 1;
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
            var existing = scores[doc] || (scores[doc] = { score: 0 });
            existing.score += total;
            existing.terms = hits;
            existing.section = section;
            existing.bySection = bySection;
            existing.exact = exact;
            existing.words = words;
            existing.title = words > 0 && inTitle === words ? 1 : 0;
        });
        var types = meta.types || "";
        Object.keys(scores).forEach(function (doc) { scores[doc].type = types.charAt(Number(doc)); });
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
      var order = compare(someLeftOut);
      results.sort(order);
      if (results.length === 0) {
        current = null;
        list.textContent = "";
        more.hidden = true;
        say(app.getAttribute("data-none"), 0);
        return;
      }
      var state = { query: trimmed, ranked: results, terms: terms, phrase: words(trimmed).map(fold), shown: 0 };
      current = state;
      return rerank(state, order).then(function () {
        if (state !== current) return;
        list.textContent = "";
        say(app.getAttribute("data-count"), results.length);
        return showMore(state);
      });    }).catch(function () {
      statusLine.textContent = app.getAttribute("data-error");
    });
  }

  // Guidance comes before the records (units, meetings, finding lists, sample meetings) when the
  // match is otherwise equal.
  function tier(hit) { return hit.type === "v" ? 0 : 1; }
  function compare(someLeftOut) {
    return function (a, b) {
      return (someLeftOut ? (b.hit.words || 0) - (a.hit.words || 0) : 0) ||
        (b.hit.phrase || 0) - (a.hit.phrase || 0) ||
        (b.hit.exact || 0) - (a.hit.exact || 0) ||
        (b.hit.title || 0) - (a.hit.title || 0) ||
        tier(a.hit) - tier(b.hit) ||
        b.hit.score - a.hit.score || indexes.indexOf(a.index) - indexes.indexOf(b.index) || a.doc - b.doc;
    };
  }

  // The words of a text with where each is, folded: [[start, end, folded], ...].
  function spans(text) {
    var found = [], pattern = /[\p{L}\p{N}]+/gu, match;
    while ((match = pattern.exec(text))) found.push([match.index, match.index + match[0].length, fold(match[0])]);
    return found;
  }
  // Where the query's words stand next to each other, in order, in a text (the last may be a word
  // still being typed): [[start, end], ...]; none for a query of one word.
  function phrases(text, phrase) {
    var found = [];
    if (phrase.length < 2 || !text) return found;
    var all = spans(text);
    for (var i = 0; i + phrase.length <= all.length; i++) {
      var j = 0;
      while (j < phrase.length && (j === phrase.length - 1
        ? all[i + j][2].lastIndexOf(phrase[j], 0) === 0 : all[i + j][2] === phrase[j])) j++;
      if (j === phrase.length) {
        found.push([all[i][0], all[i + j - 1][1]]);
        i += j - 1;
      }
    }
    return found;
  }

  // The postings say which words a document has, not where: the first results' documents are
  // read (they are shown next anyway) to find the query as a phrase, 2 in the title or a heading,
  // 1 in the text, and those results are ordered again.
  var WINDOW = 20;
  function rerank(state, order) {
    if (state.phrase.length < 2) return Promise.resolve();
    var first = state.ranked.slice(0, WINDOW);
    return Promise.all(first.map(function (result) {
      var loading = load(result.index, "docs/" + Math.floor(result.doc / result.index.chunk) + ".json");
      return loading.catch(function () { return null; });
    })).then(function (loaded) {
      first.forEach(function (result, position) {
        var doc = loaded[position] && loaded[position][result.doc % result.index.chunk];
        if (!doc) return;
        var hit = result.hit, inText = -1, inHeading = -1;
        doc.s.forEach(function (section, number) {
          // A meeting's topic heads its section of a unit's records: it counts as text.
          var heading = phrases(section[1], state.phrase).length > 0;
          if (inHeading < 0 && heading && !section[3]) inHeading = number;
          if (inText < 0 && heading && section[3]) inText = number;
          if (inText < 0 && phrases(section[2], state.phrase).length > 0) inText = number;
        });
        hit.phraseInTitle = phrases(doc.t, state.phrase).length > 0;
        hit.phrase = hit.phraseInTitle || inHeading >= 0 ? 2 : inText >= 0 ? 1 : 0;
        if (inHeading >= 0 || inText >= 0) hit.phraseSection = inHeading >= 0 ? inHeading : inText;
      });
      state.ranked = first.sort(order).concat(state.ranked.slice(WINDOW));
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
      render(shown, state.terms, state.phrase);
      state.shown += page.length;
      more.hidden = state.shown >= state.ranked.length;
    });
  }

  // Where to mark a text: the query as a phrase where it stands so (and nothing else in a document
  // that has the phrase); else each query word where a word of the text is that word (the last may be a beginning, as while typing), spelt as typed
  // when the text has it so. Never a piece of a longer word, nor a one-letter word of a longer query.
  function marks(text, terms, phrase, asPhrase) {
    var found = phrases(text, phrase);
    if (found.length > 0 || asPhrase) return found;
    var all = spans(text), lower = text.toLowerCase();
    terms.forEach(function (term, position) {
      var needle = fold(term), last = position === terms.length - 1;
      var same = all.filter(function (word) {
        return last ? word[2].lastIndexOf(needle, 0) === 0 : word[2] === needle;
      });
      var exact = term !== needle ? same.filter(function (word) {
        return lower.slice(word[0], word[1]).lastIndexOf(term, 0) === 0;
      }) : [];
      (exact.length > 0 ? exact : same).forEach(function (word) {
        found.push([word[0], last ? word[0] + Math.min(word[1] - word[0], term.length) : word[1]]);
      });
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  function snippet(text, terms, phrase, asPhrase) {
    // Around the first mark (the phrase, else a word spelt as typed, else folded).
    var first = marks(text, terms, phrase, asPhrase);
    var at = first.length > 0 ? first[0][0] : -1;
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

  function highlight(element, text, terms, phrase, asPhrase) {
    var cursor = 0;
    marks(text, terms, phrase, asPhrase).forEach(function (mark) {
      if (mark[0] < cursor) return;
      element.appendChild(document.createTextNode(text.slice(cursor, mark[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(mark[0], mark[1]);
      element.appendChild(m);
      cursor = mark[1];
    });
    element.appendChild(document.createTextNode(text.slice(cursor)));
  }

  // The section that holds the query as a phrase; else, among the sections that score nearly as
  // well as the best, the one whose heading names every query word, the shortest such heading
  // first ("Bước 2: Khai mạc" over "Chuyên đề, bước 2: Khai mạc").
  function bestSection(doc, hit, terms) {
    if (hit.phraseSection !== undefined) return hit.phraseSection;
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

  // What a result is: a guidance document, a unit, one of its meetings, a finding list, a sample meeting.
  function typeLabel(hit, section) {
    var type = section && section[3] ? "m" : hit.type;
    return app.getAttribute("data-type-" + type) || "";
  }

  function render(results, terms, phrase) {
    var queryTerms = terms.slice();
    results.forEach(function (result) {
      var doc = result.doc;
      var section = doc.s[bestSection(doc, result.hit, queryTerms)] || doc.s[0] || ["", "", ""];
      // A document found by its number, or by its title alone, opens at the top.
      // So does one whose title holds every word of the query: the query names the page.
      var keys = Object.keys(result.hit.bySection || {});
      var titleWords = words(doc.t).map(fold);
      var titleOnly = (keys.length === 1 && keys[0] === "-1") || result.hit.phraseInTitle || queryTerms.every(function (term) {
        return titleWords.some(function (word) { return word.lastIndexOf(fold(term), 0) === 0; });
      });
      var anchor = result.hit.number || titleOnly ? "" : section[0];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc.u + (anchor ? "#" + anchor : "");
      var asPhrase = (result.hit.phrase || 0) > 0;
      // A document number ("08-HD/ĐUK") in the title does not break at its dash or slash (U+2060).
      var title = doc.t.replace(/(\d[-–])(?=[\p{L}\d])/gu, "$1\u2060").replace(/(\d[-–]\u2060?[\p{L}\d]+\/)(?=[\p{L}])/gu, "$1\u2060");
      highlight(link, title, queryTerms, phrase, asPhrase);
      item.appendChild(link);
      var facts = document.createElement("p");
      facts.className = "doc-facts";
      var label = typeLabel(result.hit, anchor ? section : null);
      if (label) {
        var badge = document.createElement("span");
        badge.className = "result-type";
        badge.textContent = label;
        facts.appendChild(badge);
      }
      var where = document.createElement("span");
      where.textContent = [doc.n, doc.k, doc.g].filter(Boolean).join(" · ") + (section[1] ? " › " + section[1] : "");
      facts.appendChild(where);
      item.appendChild(facts);
      var text = document.createElement("p");
      text.className = "doc-summary";
      var shown = snippet(section[2] || section[1] || "", queryTerms, phrase, asPhrase);
      highlight(text, shown, queryTerms, phrase, asPhrase);
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
