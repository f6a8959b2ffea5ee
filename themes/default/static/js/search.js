/* hoego default theme: site search. Plain JavaScript, no dependencies, no network beyond
   this site.

   search-index.json (written by `hoego build`, see src/search/mod.rs) is fetched the first
   time the search box is used: a manifest listing the shards of the index
   (search/shard-N.json?v=<hash of its bytes>), which are then fetched in parallel. Each shard
   is a self-contained index over some of the posts; a query runs on every shard and the
   results are merged. The query is cut into the same tokens as the index:
   - Hangul runs into syllable bigrams ("서울에서" → 서울, 울에, 에서), so "서울" finds
     "서울은"; a single syllable matches every key that contains it;
   - Han ideographs and kana the same way;
   - other letters and digits into lower-cased words, matched as prefixes from two
     characters on ("rust" finds "Rust", "kube" finds "Kubernetes").
   A post matches when it has every token. Matches in the title rank above matches in
   tags, and those above matches in the body; then newer posts first (by each post's date
   in seconds, `k`, then its place among posts of that second, `n`: the site's order). */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;

  var MAX_WORD_CHARS = 24; // src/search/mod.rs MAX_WORD_CHARS
  var PAGE = 20; // results added at a time (the count says how many matched)
  var SNIPPET = 160; // characters of body text around the first match

  var WORD = 1, HANGUL = 2, CJK = 3;
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;

  /* The character classes of src/search/tokens.rs `class`. */
  function classOf(ch) {
    var c = ch.codePointAt(0);
    if (c < 128) {
      return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? WORD : 0;
    }
    if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) ||
        (c >= 0x3130 && c <= 0x318f) || (c >= 0xa960 && c <= 0xa97f) ||
        (c >= 0xd7b0 && c <= 0xd7ff)) return HANGUL;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
        (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff) ||
        (c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) ||
        (c >= 0xff66 && c <= 0xff9d)) return CJK;
    return ALNUM.test(ch) ? WORD : 0;
  }

  function fold(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  /* The query as terms: {k: class, text, chars}. */
  function parse(query) {
    var terms = [];
    var current = null;
    for (var ch of fold(query)) {
      var k = classOf(ch);
      if (!k) { current = null; continue; }
      if (!current || current.k !== k) {
        current = { k: k, chars: [] };
        terms.push(current);
      }
      current.chars.push(ch);
    }
    terms.forEach(function (t) {
      if (t.k === WORD) t.chars = t.chars.slice(0, MAX_WORD_CHARS);
      t.text = t.chars.join("");
    });
    return terms;
  }

  /* ---- The index ---- */

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VALUE = new Int8Array(128);
  for (var a = 0; a < ALPHABET.length; a++) VALUE[ALPHABET.charCodeAt(a)] = a;

  /* Marks the posts of a posting list in `set`: a "~" bitmap or gaps, see src/search/mod.rs. */
  function decode(list, set) {
    var i, v;
    if (list.charCodeAt(0) === 126) {
      for (i = 1; i < list.length; i++) {
        v = VALUE[list.charCodeAt(i)];
        for (var b = 0; v; b++, v >>= 1) if (v & 1) set[(i - 1) * 6 + b] = 1;
      }
      return;
    }
    var num = 0, shift = 0, post = -1;
    for (i = 0; i < list.length; i++) {
      v = VALUE[list.charCodeAt(i)];
      num |= (v & 31) << shift;
      shift += 5;
      if (!(v & 32)) {
        post = post < 0 ? num : post + num;
        set[post] = 1;
        num = 0;
        shift = 0;
      }
    }
  }

  var VERSION = 2; // src/search/mod.rs FORMAT_VERSION
  var index = null; // the shards, as `shard` makes them
  var loading = null;

  function getJSON(url, fresh) {
    return fetch(url, fresh ? { cache: "reload" } : undefined).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status + " " + r.statusText);
      return r.json();
    });
  }

  /* One shard, ready to search. */
  function shard(data) {
    var tokens = new Map();
    var words = [], scripts = [];
    Object.keys(data.tokens).forEach(function (key) {
      tokens.set(key, data.tokens[key]);
      (classOf(String.fromCodePoint(key.codePointAt(0))) === WORD ? words : scripts).push(key);
    });
    return {
      posts: data.posts.map(function (p) {
        return {
          title: p.t, url: p.u, date: p.d, tags: p.g, body: p.b,
          secs: p.k === undefined ? -Infinity : p.k, tie: p.n || 0,
          titleFold: fold(p.t), tagsFold: p.g.map(fold), bodyFold: fold(p.b)
        };
      }),
      tokens: tokens, words: words, scripts: scripts
    };
  }

  /* The manifest, then every shard it lists. A shard of another layout than the manifest's
     (a stale copy from some cache) means a stale manifest: both are fetched once more,
     past the browser's cache. */
  function fetchIndex(fresh) {
    var base = new URL(form.dataset.index, window.location.href);
    return getJSON(base.href, fresh).then(function (manifest) {
      if (manifest.version !== VERSION) throw new Error("index version " + manifest.version);
      return Promise.all(manifest.shards.map(function (s) {
        return getJSON(new URL(s.url, base).href, fresh);
      })).then(function (shards) {
        var stale = shards.some(function (data, n) {
          return data.version !== VERSION || data.shard !== n ||
            data.shards !== manifest.shards.length;
        });
        if (stale && !fresh) return fetchIndex(true);
        if (stale) throw new Error("the shards do not match the manifest");
        return shards.map(shard);
      });
    });
  }

  function load() {
    if (!loading) {
      loading = fetchIndex(false).then(function (shards) {
        index = shards;
        return index;
      });
      loading.catch(function (e) {
        loading = null; // try again on the next keystroke
        console.error("search: could not load " + form.dataset.index + ": " + e);
      });
    }
    return loading;
  }

  /* Posts of shard `sh` (a 0/1 array) that contain any of `keys`. */
  function postsWithAny(sh, keys) {
    var set = new Uint8Array(sh.posts.length);
    keys.forEach(function (key) {
      var list = sh.tokens.get(key);
      if (list !== undefined) decode(list, set);
    });
    return set;
  }

  /* For each term, the key sets of shard `sh` a post must have one of. */
  function requirements(sh, terms) {
    var out = [];
    terms.forEach(function (t) {
      if (t.k === WORD) {
        out.push(t.chars.length >= 2
          ? sh.words.filter(function (key) { return key.startsWith(t.text); })
          : [t.text]);
      } else if (t.chars.length === 1) {
        out.push(sh.scripts.filter(function (key) { return key.includes(t.text); }));
      } else {
        for (var i = 0; i + 1 < t.chars.length; i++) out.push([t.chars[i] + t.chars[i + 1]]);
      }
    });
    return out;
  }

  /* Where `t` occurs in folded text: anywhere for Hangul and CJK, at a word start for words
     (and as a whole word for one-character words). -1 when it does not. */
  function find(text, t, from) {
    var at = text.indexOf(t.text, from || 0);
    while (at >= 0 && t.k === WORD) {
      var end = at + t.text.length;
      var startOk = at === 0 || classOf(charBefore(text, at)) !== WORD;
      var endOk = t.chars.length >= 2 || end >= text.length ||
        classOf(String.fromCodePoint(text.codePointAt(end))) !== WORD;
      if (startOk && endOk) break;
      at = text.indexOf(t.text, at + 1);
    }
    return at;
  }

  function charBefore(text, at) {
    var low = text.charCodeAt(at - 1);
    return low >= 0xdc00 && low <= 0xdfff && at >= 2 ? text.slice(at - 2, at) : text[at - 1];
  }

  /* Korean particles and endings written after a word, longest first: a query word that
     ends in one also finds the word without it (빵집을 finds 빵집, 빵집에서, 빵집은…). */
  var ENDINGS = [
    "에서부터", "으로부터", "했습니다", "이었다", "에서는", "에서도", "에게서", "으로는",
    "으로도", "이라고", "이라는", "이라도", "이지만", "입니다", "합니다", "하였다", "했었다",
    "에서", "에게", "한테", "께서", "으로", "부터", "까지", "처럼", "보다", "마다", "조차",
    "마저", "밖에", "이나", "이며", "이고", "이랑", "하고", "라고", "라는", "이란", "이다",
    "였다", "했다", "하다", "하는", "하기", "해서", "하면", "했던", "되는", "된다", "됐다",
    "적인", "적으로", "들을", "들이", "들은", "들의", "들에", "들도", "이에요", "예요",
    "을", "를", "은", "는", "이", "가", "의", "에", "로", "와", "과", "도", "만", "랑", "들"
  ];
  /* The term and, for a Hangul word, the word without each ending it has. */
  function alternatives(t) {
    var out = [t];
    if (t.k !== HANGUL || t.chars.length < 2) return out;
    ENDINGS.forEach(function (e) {
      // A one-syllable stem (책이 → 책) finds more than the word; the word as typed ranks
      // first (나이 above what merely has 나).
      var n = t.chars.length - Array.from(e).length;
      if (n < 1 || !t.text.endsWith(e)) return;
      var chars = t.chars.slice(0, n);
      var text = chars.join("");
      if (!out.some(function (a) { return a.text === text; })) {
        out.push({ k: HANGUL, chars: chars, text: text, stem: true });
      }
    });
    return out;
  }

  /* Posts of shard `sh` (a 0/1 array) that have every key `t` needs. */
  function postsWith(sh, t) {
    var hits = null;
    requirements(sh, [t]).forEach(function (keys) {
      var set = postsWithAny(sh, keys);
      if (!hits) hits = set;
      else for (var i = 0; i < set.length; i++) hits[i] &= set[i];
    });
    return hits || new Uint8Array(sh.posts.length);
  }

  /* The posts of shard `sh` that match, each with its score, into `found`. */
  function searchShard(sh, terms, alts, whole, found) {
    var n = sh.posts.length;
    var hits = null;
    alts.forEach(function (forms) {
      // A post matches a word when it has the word or one of its stems.
      var set = new Uint8Array(n);
      forms.forEach(function (f) {
        var s = postsWith(sh, f);
        for (var i = 0; i < n; i++) set[i] |= s[i];
      });
      if (!hits) hits = set;
      else for (var i = 0; i < n; i++) hits[i] &= set[i];
    });
    for (var i = 0; i < n; i++) {
      if (!hits[i]) continue;
      var p = sh.posts[i];
      var score = 0;
      alts.forEach(function (forms) {
        var best = 1;
        forms.forEach(function (t) {
          if (find(p.titleFold, t) >= 0) best = Math.max(best, 10);
          else if (p.tagsFold.some(function (g) { return find(g, t) >= 0; })) best = Math.max(best, 6);
          else if (find(p.bodyFold, t) >= 0) best = Math.max(best, 2);
        });
        // A post with the word as typed (빵집에서) ranks above one with only its stem.
        var t = forms[0];
        if (forms.length > 1 && (find(p.titleFold, t) >= 0 || find(p.bodyFold, t) >= 0 ||
            p.tagsFold.some(function (g) { return find(g, t) >= 0; }))) best += 1;
        score += best;
      });
      if (terms.length > 1 && p.titleFold.includes(whole)) score += 5;
      found.push({ post: p, score: score });
    }
  }

  function search(query) {
    var terms = parse(query);
    if (!terms.length) return { terms: terms, posts: [] };
    var alts = terms.map(alternatives);
    var whole = fold(query).trim();
    var found = [];
    index.forEach(function (sh) { searchShard(sh, terms, alts, whole, found); });
    // Best first; then newer first, as the site lists posts.
    found.sort(function (a, b) {
      return b.score - a.score ||
        (a.post.secs === b.post.secs ? a.post.tie - b.post.tie : a.post.secs < b.post.secs ? 1 : -1);
    });
    var marked = [];
    alts.forEach(function (forms) { marked.push.apply(marked, forms); });
    return { terms: marked, posts: found.map(function (f) { return f.post; }) };
  }

  /* ---- Showing results (DOM methods and textContent only: no HTML from the index) ---- */

  /* Ranges [start, end) of `text` (original, not folded) where terms match. */
  var SIMPLE = /^[\x00-\x7f\uac00-\ud7a3]*$/; // folding keeps every offset

  function matches(text, terms) {
    var folded = "", map = null;
    if (SIMPLE.test(text)) {
      folded = text.toLowerCase();
    } else {
      map = [];
      var pos = 0;
      for (var ch of text) {
        var f = fold(ch);
        for (var k = 0; k < f.length; k++) map.push(pos);
        folded += f;
        pos += ch.length;
      }
      map.push(pos);
    }
    var original = function (i) { return map ? map[i] : i; };
    var ranges = [];
    terms.forEach(function (t) {
      for (var at = find(folded, t); at >= 0; at = find(folded, t, at + t.text.length)) {
        ranges.push([original(at), original(at + t.text.length)]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    });
    return merged;
  }

  function highlighted(node, text, terms) {
    var at = 0;
    matches(text, terms).forEach(function (r) {
      if (r[0] > at) node.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      node.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) node.appendChild(document.createTextNode(text.slice(at)));
    return node;
  }

  /* About SNIPPET characters of the body around its first match, cut at spaces. */
  function snippet(body, terms) {
    var first = matches(body, terms)[0];
    var start = 0;
    if (first && first[0] > SNIPPET / 3) {
      start = body.lastIndexOf(" ", first[0] - SNIPPET / 4);
      start = start < 0 ? 0 : start + 1;
    }
    var end = start + SNIPPET;
    if (end < body.length) {
      var space = body.indexOf(" ", end);
      end = space < 0 || space - end > 20 ? end : space;
    } else {
      end = body.length;
    }
    return (start > 0 ? "…" : "") + body.slice(start, end) + (end < body.length ? "…" : "");
  }

  /* The theme's one date format, as the build writes it (`date_local(format="long")`):
     `2023년 12월 31일 (일)` on a Korean site, `December 31, 2023` otherwise. */
  var KO_WEEKDAYS = ["일", "월", "화", "수", "목", "금", "토"];
  var EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var korean = /^ko\b/i.test(document.documentElement.lang || "");

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return iso;
    var y = +m[1], mo = +m[2], d = +m[3];
    if (korean) {
      var wd = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
      return y + "년 " + mo + "월 " + d + "일 (" + KO_WEEKDAYS[wd] + ")";
    }
    return EN_MONTHS[mo - 1] + " " + d + ", " + y;
  }

  function el(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function item(p, terms) {
    var li = el("li", "search-result");
    if (p.date) {
      var meta = el("p", "search-result-meta");
      var time = el("time");
      time.dateTime = p.date;
      time.textContent = formatDate(p.date);
      meta.appendChild(time);
      li.appendChild(meta);
    }
    var h = el("h2", "search-result-title");
    var a = el("a");
    a.href = p.url;
    h.appendChild(highlighted(a, p.title, terms));
    li.appendChild(h);
    if (p.body) li.appendChild(highlighted(el("p", "search-result-snippet"), snippet(p.body, terms), terms));
    if (p.tags.length) {
      var tags = el("ul", "tag-list");
      p.tags.forEach(function (name) {
        var tag = el("li");
        tag.appendChild(highlighted(el("span", "tag"), name, terms));
        tags.appendChild(tag);
      });
      li.appendChild(tags);
    }
    return li;
  }

  /* Results go in PAGE at a time: more when the end of the list scrolls into view. */
  var shown = { posts: [], terms: [], count: 0 };
  var sentinel = el("div", "search-more");
  sentinel.setAttribute("aria-hidden", "true");
  list.after(sentinel);
  var observer = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) more();
      }, { rootMargin: "0px 0px 600px 0px" })
    : null;

  function more() {
    var next = shown.posts.slice(shown.count, observer ? shown.count + PAGE : undefined);
    shown.count += next.length;
    var fragment = document.createDocumentFragment();
    next.forEach(function (p) { fragment.appendChild(item(p, shown.terms)); });
    list.appendChild(fragment);
    if (observer) {
      observer.unobserve(sentinel);
      // Observing again reports at once whether the end is still in view.
      if (shown.count < shown.posts.length) observer.observe(sentinel);
    }
  }

  function show(result) {
    shown = { posts: result.posts, terms: result.terms, count: 0 };
    list.replaceChildren();
    more();
    var n = result.posts.length;
    var label = n === 1 ? form.dataset.resultsOne : form.dataset.results;
    status.textContent = n ? label.replace("{n}", n.toLocaleString()) : form.dataset.noResults;
  }

  var latest = 0;

  function run() {
    var query = input.value;
    var url = new URL(window.location.href);
    if (query.trim()) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    window.history.replaceState(window.history.state, "", url);
    var mine = ++latest;
    if (!query.trim()) {
      show({ posts: [], terms: [] });
      status.textContent = "";
      return;
    }
    list.setAttribute("aria-busy", "true");
    load().then(function () {
      if (mine !== latest) return;
      list.removeAttribute("aria-busy");
      show(search(query));
    }, function () {
      if (mine !== latest) return;
      list.removeAttribute("aria-busy");
      show({ posts: [], terms: [] });
    });
  }

  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", run);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run();
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run();
  } else {
    input.focus({ preventScroll: true });
  }

  // For tests and other scripts: the same search, without the page.
  window.hoegoSearch = function (query) {
    return load().then(function () { return search(query); });
  };
})();
