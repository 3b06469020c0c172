// Material's search box and result list, fed by Pagefind (the `search: pagefind` option of
// the briefings plugin). The plugin renames Material's search component on every page
// (data-md-component="briefings-search", form name "briefings-search"), so Material neither
// mounts its lunr search nor downloads search/search_index.json. This module does what
// Material's search component does for the reader, with Material's markup and classes:
// the "/", "s" and "f" shortcuts, Escape, Tab, arrow keys, Enter for the best result, the
// result count, ten results at first and more on scrolling. Pagefind's own script is imported
// only when the reader opens the search, and fetches only the index chunks a query needs.
//
// Listeners sit on document and window and look elements up when they fire, so they keep
// working when navigation.instant swaps the page under them.

const SITE = new URL("../../", import.meta.url); // this file is <site>/assets/javascripts/
const PAGEFIND = new URL("pagefind/pagefind.js", SITE);
const FIRST_PAGE = 10; // results shown at once, as Material does; more on scrolling
const NEXT_PAGE = 10;

const COMPONENT = '[data-md-component="briefings-search"]';
const toggle = () => document.querySelector('[data-md-toggle="search"]');
const component = () => document.querySelector(COMPONENT);
const queryInput = () => component()?.querySelector('[data-md-component="search-query"]');
const resultBox = () => component()?.querySelector('[data-md-component="search-result"]');

let pagefind; // Promise of Pagefind's module, once the reader opens the search
let current = newState(null);

function newState(query) {
  return { query, results: [], shown: 0, rendering: Promise.resolve() };
}

function loadPagefind() {
  pagefind ??= import(PAGEFIND.href).then(async (module) => {
    await module.options({ excerptLength: 30 });
    await module.init();
    return module;
  });
  return pagefind;
}

function translation(key, count) {
  let translations = {};
  try {
    translations = JSON.parse(document.getElementById("__config").textContent).translations;
  } catch {
    // no configuration: English below
  }
  const fallback = {
    "search.result.placeholder": "Type to start searching",
    "search.result.none": "No matching documents",
    "search.result.one": "1 matching document",
    "search.result.other": "# matching documents",
  };
  const text = translations?.[key] ?? fallback[key] ?? "";
  return count === undefined ? text : text.replace("#", String(count));
}

function setToggle(open) {
  const input = toggle();
  if (input && input.checked !== open) input.click(); // a click, so Material sees the change
}

function isEditable(el) {
  return (
    el instanceof HTMLElement &&
    (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName))
  );
}

// Pagefind's excerpt is HTML with <mark> around the matches: keep the text and the marks only.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html; // inert: nothing in a template runs or loads
  const out = document.createElement("p");
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent ?? "");
    }
  }
  return out;
}

function renderItem(data, score) {
  const item = document.createElement("li");
  item.className = "md-search-result__item";
  const link = document.createElement("a");
  link.className = "md-search-result__link";
  link.href = new URL(data.url, SITE).href;
  link.tabIndex = -1;
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  article.dataset.mdScore = score.toFixed(2);
  const icon = document.createElement("div");
  icon.className = "md-search-result__icon md-icon";
  const title = document.createElement("h1");
  title.textContent = data.meta?.title ?? data.url;
  article.append(icon, title);
  if (data.excerpt) article.append(excerptNodes(data.excerpt));
  link.append(article);
  item.append(link);
  return item;
}

function showMeta(text) {
  const meta = resultBox()?.querySelector(".md-search-result__meta");
  if (meta) meta.textContent = text;
}

// Append the next `count` results in rank order: each appears as soon as its fragment and
// those of the results above it have loaded. Batches queue behind each other.
function showMore(count) {
  const state = current;
  const batch = state.results.slice(state.shown, state.shown + count);
  state.shown += batch.length;
  const pending = batch.map((result) => result.data()); // fetched in parallel
  state.rendering = state.rendering.then(async () => {
    for (const [i, promise] of pending.entries()) {
      const data = await promise;
      const list = resultBox()?.querySelector(".md-search-result__list");
      if (state !== current || !list) return; // a newer query has started
      list.append(renderItem(data, batch[i].score ?? 0));
    }
  });
  return state.rendering;
}

async function search(query) {
  query = query.trim();
  if (query === current.query) return;
  const state = newState(query);
  current = state;
  const box = resultBox();
  const list = box?.querySelector(".md-search-result__list");
  if (!box || !list) return;
  if (!query) {
    list.replaceChildren();
    box.dataset.briefingsQuery = "";
    showMeta(translation("search.result.placeholder"));
    return;
  }
  const found = await (await loadPagefind()).search(query);
  if (state !== current) return; // a newer query has started
  state.results = found?.results ?? [];
  list.replaceChildren();
  box.dataset.briefingsQuery = query; // which query the list shows (tests wait on it)
  const total = state.results.length;
  showMeta(
    total === 0
      ? translation("search.result.none")
      : total === 1
        ? translation("search.result.one")
        : translation("search.result.other", total),
  );
  await showMore(FIRST_PAGE);
}

function onKeydown(event) {
  if (event.metaKey || event.ctrlKey || !component()) return;
  const input = queryInput();
  const active = document.activeElement;
  if (!toggle()?.checked) {
    if (["f", "s", "/"].includes(event.key) && !isEditable(active)) {
      input?.focus();
      input?.select();
      event.preventDefault();
    }
    return;
  }
  const links = [...(resultBox()?.querySelectorAll(".md-search-result__link") ?? [])];
  switch (event.key) {
    case "Enter":
      if (active === input) {
        links[0]?.click(); // results are in rank order: the first is the best
        event.preventDefault();
      }
      break;
    case "Escape":
    case "Tab":
      setToggle(false);
      input?.blur();
      break;
    case "ArrowUp":
    case "ArrowDown": {
      const stops = [input, ...links].filter(Boolean);
      const at = Math.max(0, stops.indexOf(active));
      const step = event.key === "ArrowUp" ? -1 : 1;
      stops[(at + step + stops.length) % stops.length]?.focus();
      event.preventDefault();
      break;
    }
    default:
      if (input && active !== input) input.focus();
  }
}

function onToggle() {
  const open = Boolean(toggle()?.checked);
  const list = resultBox()?.querySelector(".md-search-result__list");
  if (list) {
    list.setAttribute("role", open ? "list" : "presentation");
    list.hidden = !open;
  }
  if (open) loadPagefind();
}

function start() {
  // Material searches on keyup (and on focus); so does this, so the two compare fairly.
  document.addEventListener("keyup", (event) => {
    if (event.target === queryInput()) search(event.target.value);
  });
  // While the reader types, fetch the index chunks the words so far need (Pagefind's
  // preload): by the keyup that searches, they are usually loaded. Typing "harbo" loads the
  // chunk that "harbour" is in.
  document.addEventListener("input", (event) => {
    if (event.target !== queryInput()) return;
    const words = event.target.value.trim();
    if (words)
      loadPagefind()
        .then((module) => module.preload(words))
        .catch(() => {}); // the search itself reports a Pagefind that cannot load
  });
  document.addEventListener("focusin", (event) => {
    if (event.target !== queryInput()) return;
    setToggle(true);
    loadPagefind();
    search(event.target.value);
  });
  document.addEventListener("change", (event) => {
    if (event.target === toggle()) onToggle();
  });
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('label.md-header__button[for="__search"]')) queryInput()?.focus();
    else if (target?.closest(`${COMPONENT} a`)) setToggle(false); // a result was chosen
  });
  document.addEventListener("submit", (event) => {
    if (event.target === queryInput()?.form) event.preventDefault();
  });
  document.addEventListener("reset", (event) => {
    const input = queryInput();
    if (event.target !== input?.form) return;
    setTimeout(() => {
      input.focus();
      search("");
    });
  });
  document.addEventListener(
    "scroll",
    (event) => {
      const wrap = event.target;
      if (!(wrap instanceof Element) || !wrap.matches(`${COMPONENT} .md-search__scrollwrap`))
        return;
      const nearEnd = wrap.scrollTop + wrap.clientHeight >= wrap.scrollHeight - 200;
      if (nearEnd && current.shown < current.results.length) showMore(NEXT_PAGE);
    },
    true,
  );
  window.addEventListener("keydown", onKeydown);
  // A pointer on its way to the search button or box: start loading Pagefind already.
  document.addEventListener(
    "pointerover",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(`label[for="__search"], ${COMPONENT}`)) loadPagefind();
    },
    { passive: true },
  );

  showMeta(translation("search.result.placeholder"));
  onToggle();
  // Deep links, as Material has them: ?q=... opens the search with that query.
  const query = new URL(location.href).searchParams.get("q");
  const input = queryInput();
  if (query && input) {
    input.value = query;
    input.focus();
  }
}

start();
