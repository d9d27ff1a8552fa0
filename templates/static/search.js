// Client side of /search/: queries the Pagefind index built with the site. No server is needed:
// the index and this script load by relative URL, so the site works from any sub-path.
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const root = new URL(form.dataset.root, location.href);
const MAX_RESULTS = 20;
let pagefind = null;
let latest = 0;

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind.js", new URL(form.dataset.index, location.href)).href);
    await pagefind.options({ baseUrl: root.pathname });
    await pagefind.init();
  }
  return pagefind;
}

// Pagefind's excerpts are HTML with <mark> around matches: keep the text and the marks, nothing else.
function excerpt(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = document.createElement("p");
  out.className = "search-excerpt";
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

function item(data) {
  const li = document.createElement("li");
  const kind = document.createElement("p");
  kind.className = "search-kind";
  kind.textContent = data.meta.kind || "";
  const link = document.createElement("a");
  link.href = new URL(data.url, location.href).href;
  link.textContent = data.meta.title || data.url;
  const title = document.createElement("h2");
  title.className = "search-title";
  title.append(link);
  li.append(kind, title, excerpt(data.excerpt));
  return li;
}

async function run(query) {
  const ticket = ++latest;
  const words = query.trim();
  const url = new URL(location.href);
  if (words) url.searchParams.set("q", words); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!words) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  let found;
  try {
    found = await (await engine()).search(words);
  } catch (error) {
    status.textContent = "The search index could not be loaded.";
    return;
  }
  const results = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (ticket !== latest) return;  // a newer query has started: drop these results
  list.replaceChildren(...results.map(item));
  const total = found.results.length;
  status.textContent = total === 0 ? `No results for “${words}”.`
    : total > MAX_RESULTS ? `${total} results for “${words}”; showing the first ${MAX_RESULTS}.`
    : `${total} result${total === 1 ? "" : "s"} for “${words}”.`;
}

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
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
