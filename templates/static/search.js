// Client side of /search/: reads the index that briefgen/render/search.py writes (docs/search.md).
// No server and no build step: the index loads by URL relative to the form's data-index, and result
// links relative to its data-root, so the site works from any sub-path. Record text is untrusted
// and only ever reaches the page as text nodes.

// The term rules of briefgen/render/search_text.py. tests/test_search.py checks these tables
// against Python's, and tests/test_browser_search.py that both give the same terms.
const STRIP = /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]+/gu;
const NOSPACE = /([\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{3134f}]+)/u;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// Python's str.casefold() is toLowerCase() except for these: Cherokee folds to capitals, and for
// the rest casefold(c) == toLowerCase(toUpperCase(c)) ("ß" -> "ss", final "ς" -> "σ").
const CASEFOLD_UPPER = /[\u13f8-\u13fd\uab70-\uabbf]/gu;
const CASEFOLD_ROUND_TRIP = /[\u00b5\u00df\u0149\u017f\u01f0\u0345\u0390\u03b0\u03c2\u03d0-\u03d1\u03d5-\u03d6\u03f0-\u03f1\u03f5\u0587\u1c80-\u1c88\u1e96-\u1e9b\u1f50\u1f52\u1f54\u1f56\u1f80-\u1f87\u1f90-\u1f97\u1fa0-\u1fa7\u1fb2-\u1fb4\u1fb6-\u1fb7\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fc7\u1fd2-\u1fd3\u1fd6-\u1fd7\u1fe2-\u1fe4\u1fe6-\u1fe7\u1ff2-\u1ff4\u1ff6-\u1ff7\ufb00-\ufb06\ufb13-\ufb17]/gu;
const ASCII = /^[\x00-\x7f]*$/;
const PAGE = 20;
const TITLE = 1, WHOLE = 2;  // how a record matched a term: in its title (the postings' low bit), as a whole word
const MAX_TERMS = 16;

/** The form text is matched in: NFKC, case-folded, without the diacritics in STRIP. */
export function fold(text) {
  const lower = text.normalize("NFKC").toLowerCase()
    .replace(CASEFOLD_UPPER, (c) => c.toUpperCase())
    .replace(CASEFOLD_ROUND_TRIP, (c) => c.toUpperCase().toLowerCase());
  return lower.normalize("NFD").replace(STRIP, "").normalize("NFC");
}

/** What a query looks for, as [term, prefix] pairs: search_text.query_terms. */
export function queryTerms(query) {
  const found = [];
  for (const word of fold(query).match(WORD) ?? []) {
    const parts = ASCII.test(word) ? [word] : word.split(NOSPACE);
    parts.forEach((part, i) => {
      if (!part) return;
      const chars = Array.from(part);  // by code point, as Python slices
      if (i % 2 === 0) found.push([part, false]);
      else if (chars.length === 1) found.push([part, true]);
      else for (let j = 0; j + 1 < chars.length; j++) found.push([chars[j] + chars[j + 1], false]);
    });
  }
  if (found.length) found[found.length - 1][1] = true;
  const seen = new Set();
  return found.filter(([term, prefix]) => {
    const key = `${prefix}:${term}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

// The last i with list[i] <= value (strings compare by UTF-16 code units, as the index is sorted), or -1.
function lastAtMost(list, value) {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= value) lo = mid + 1; else hi = mid;
  }
  return lo - 1;
}

export class SearchIndex {
  constructor(base) {
    this.base = base;
    this.files = new Map();
    this.manifest = null;
  }

  fetchJson(name) {
    if (!this.files.has(name)) {
      const url = new URL(this.manifest ? `${name}?v=${this.manifest.digest}` : name, this.base);
      const request = fetch(url, { cache: this.manifest ? "default" : "no-cache" }).then((response) => {
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return response.json();
      });
      request.catch(() => this.files.delete(name));  // a failed file is fetched again next time
      this.files.set(name, request);
    }
    return this.files.get(name);
  }

  async load() {
    if (!this.manifest) {
      const manifest = await this.fetchJson("index.json");
      if (manifest.format !== 1) throw new Error(`unknown search index format ${manifest.format}`);
      this.manifest = manifest;
    }
    return this.manifest;
  }

  // Shard numbers that may hold `term`, or every term starting with it.
  shardsFor(term, prefix) {
    const firsts = this.manifest.termShards;
    const at = lastAtMost(firsts, term);
    if (!prefix) return at < 0 ? [] : [at];
    const shards = [Math.max(at, 0)];
    for (let i = shards[0] + 1; i < firsts.length && firsts[i].startsWith(term); i++) shards.push(i);
    return shards;
  }

  // Record number -> TITLE | WHOLE bits: every record that has `term` (or, for a prefix, a term it starts).
  async matches(term, prefix) {
    const found = new Map();
    for (const shard of await Promise.all(this.shardsFor(term, prefix).map((i) => this.fetchJson(`t${i}.json`)))) {
      const terms = shard.terms;
      let i = Math.max(lastAtMost(terms, term), 0);
      if (terms[i] < term) i++;
      for (; i < terms.length && (prefix ? terms[i].startsWith(term) : terms[i] === term); i++) {
        const whole = terms[i] === term ? WHOLE : 0;
        let entry = 0;
        for (const delta of shard.postings[i]) {
          entry += delta;
          const record = entry >> 1;
          found.set(record, (found.get(record) ?? 0) | (entry & TITLE) | whole);
        }
      }
    }
    return found;
  }

  // Record numbers of the records that match every term, best first (see search.py for the ranking).
  async search(terms) {
    await this.load();
    const sets = await Promise.all(terms.slice(0, MAX_TERMS).map(([term, prefix]) => this.matches(term, prefix)));
    if (!sets.length) return [];
    sets.sort((a, b) => a.size - b.size);
    const ranked = [];
    for (const record of sets[0].keys()) {
      let titles = 0, wholes = 0, all = true;
      for (const set of sets) {
        const match = set.get(record);
        if (match === undefined) { all = false; break; }
        titles += match & TITLE; wholes += (match & WHOLE) >> 1;
      }
      if (all) ranked.push([record, titles, wholes]);
    }
    ranked.sort((a, b) => b[1] - a[1] || b[2] - a[2] || a[0] - b[0]);
    return ranked.map((r) => r[0]);
  }

  // [path, kind, title, meta, excerpt] for each record number, in order.
  async records(numbers) {
    const firsts = (await this.load()).recordShards;
    return Promise.all(numbers.map(async (number) => {
      const shard = lastAtMost(firsts, number);
      return (await this.fetchJson(`r${shard}.json`))[number - firsts[shard]];
    }));
  }
}

// `text` as nodes, with the words that a query term finds inside <mark>.
function highlighted(text, terms) {
  const out = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]);
    const hit = terms.some(([term, prefix]) => (prefix ? word.startsWith(term) : word === term)
      || (!ASCII.test(term) && word.includes(term)));
    if (!hit) continue;
    out.append(text.slice(last, match.index));
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    out.append(mark);
    last = match.index + match[0].length;
  }
  out.append(text.slice(last));
  return out;
}

function resultItem(row, terms, root) {
  const [path, kind, title, meta, excerpt] = row;
  const li = document.createElement("li");
  li.className = `search-result search-${kind}`;
  const kindLine = document.createElement("p");
  kindLine.className = "search-kind";
  kindLine.textContent = meta;
  const link = document.createElement("a");
  link.href = new URL(path, root).href;
  link.append(highlighted(title, terms));
  const heading = document.createElement("h2");
  heading.className = "search-title";
  heading.dir = "auto";  // a title may run the other way from the page (an Arabic brief on an English site)
  heading.append(link);
  li.append(kindLine, heading);
  if (excerpt) {
    const p = document.createElement("p");
    p.className = "search-excerpt";
    p.dir = "auto";
    p.append(highlighted(excerpt, terms));
    li.append(p);
  }
  return li;
}

// A site's own search.html from before the button existed still gets one.
function moreButton(list) {
  const button = document.createElement("button");
  button.type = "button";
  button.hidden = true;
  button.textContent = "More results";
  const p = document.createElement("p");
  p.className = "search-more";
  p.append(button);
  list.after(p);
  return button;
}

function start(form) {
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more") ?? moreButton(list);
  const index = new SearchIndex(new URL(form.dataset.index, location.href));
  const root = new URL(form.dataset.root, location.href);
  let latest = 0;
  let current = { words: "", terms: [], found: [], shown: 0, ticket: 0 };

  function describe() {
    const { words, found, shown } = current;
    const total = found.length;
    status.textContent = total === 0 ? `No results for “${words}”.`
      : total > shown ? `${total} results for “${words}”; showing the first ${shown}.`
      : `${total} result${total === 1 ? "" : "s"} for “${words}”.`;
    more.hidden = total <= shown;
  }

  async function show(count) {
    const { found, shown, terms, ticket } = current;
    const rows = await index.records(found.slice(shown, count));
    if (ticket !== latest) return null;  // a newer query has started: drop these
    const items = rows.map((row) => resultItem(row, terms, root));
    list.append(...items);
    current.shown = shown + items.length;
    describe();
    return items[0] ?? null;
  }

  async function run(query) {
    const ticket = ++latest;
    const words = query.trim();
    const url = new URL(location.href);
    if (words) url.searchParams.set("q", words); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    const terms = queryTerms(words);
    if (!words) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    if (!terms.length) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = `No results for “${words}”: search finds words and numbers.`;
      return;
    }
    try {
      const found = await index.search(terms);
      if (ticket !== latest) return;
      list.replaceChildren();
      current = { words, terms, found, shown: 0, ticket };
      await show(PAGE);
    } catch (error) {
      if (ticket !== latest) return;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "The search index could not be loaded. Please try again.";
      console.error(error);
    }
  }

  // Fetch the small index.json as soon as someone heads for the box, not after the first key.
  input.addEventListener("focus", () => index.load().catch(() => {}), { once: true });
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 200);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  // Down from the box goes to the first result, as in a list of suggestions.
  input.addEventListener("keydown", (event) => {
    const first = list.querySelector("a");
    if (event.key === "ArrowDown" && first) {
      event.preventDefault();
      first.focus();
    }
  });
  more.addEventListener("click", async () => {
    try {
      const first = await show(current.shown + PAGE);
      first?.querySelector("a").focus();
    } catch (error) {
      status.textContent = "More results could not be loaded. Please try again.";
      console.error(error);
    }
  });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
}

const form = document.getElementById("search-form");
if (form) start(form);
