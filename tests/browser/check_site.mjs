// Load the built site in headless Chromium and report what a reader's browser sees.
//
// Called by tests/test_browser.py with one JSON argument (the spec below); prints one
// JSON report on stdout. It measures and records only: the assertions live in Python.
//
// spec: {
//   chromium: "/usr/bin/chromium",  base: "http://127.0.0.1:PORT/",
//   pages: ["en", "ar", ...],       screenshots: {"ar": "/abs/ar.png", ...},
//   findText: "English text of a segment that falls back",
//   chooser: ["fr-FR", "zh-TW", ...]  (browser locales to open the chooser with)
// }

import { chromium } from "playwright-core";

const spec = JSON.parse(process.argv[2]);
const base = new URL(spec.base);
const requests = [];
const outside = [];

// Every request of every page goes through here: loopback ones are served, anything
// else is refused and recorded, so a stray font or script URL fails the test.
async function watched(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, ...options });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (new URL(url).hostname === base.hostname) return route.continue();
    outside.push(url);
    return route.abort();
  });
  context.on("page", (page) => page.on("websocket", (socket) => outside.push(socket.url())));
  return context;
}

// Runs in the page: the facts the Python test asserts on.
function measure(findText) {
  // Where each number of an isolated range such as "24–72" is drawn: left to right
  // means the bidi algorithm kept the range readable inside right-to-left text.
  function numberRanges() {
    return Array.from(document.querySelectorAll("main bdi")).flatMap((bdi) => {
      const node = bdi.firstChild;
      const match = node && /^(\d+)[–-](\d+)$/.exec(node.data);
      if (!match) return [];
      const x = (start, end) => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        return range.getBoundingClientRect().left;
      };
      const dash = match[1].length;
      return [{ text: node.data, first: x(0, dash), last: x(dash + 1, node.data.length) }];
    });
  }

  const html = document.documentElement;
  const h1 = document.querySelector("h1");
  const range = document.createRange();
  range.selectNodeContents(h1);
  const box = h1.getBoundingClientRect();
  // The heading's last line, from the fragments' rects: where a short line sits tells
  // the alignment even when the first line fills the whole width.
  const rects = Array.from(range.getClientRects());
  const bottom = Math.max(...rects.map((r) => r.bottom));
  const last = rects.filter((r) => r.bottom > bottom - 2);
  const lines = new Set(rects.map((r) => Math.round(r.bottom))).size;
  const style = getComputedStyle(h1);
  let found = null;
  if (findText) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.data.includes(findText)) {
        const holder = node.parentElement.closest("[lang]");
        found = {
          lang: holder.getAttribute("lang"),
          dir: holder.getAttribute("dir"),
          direction: getComputedStyle(holder).direction,
          tag: holder.tagName.toLowerCase(),
        };
        break;
      }
    }
  }
  return {
    lang: html.getAttribute("lang"),
    dir: html.getAttribute("dir"),
    direction: getComputedStyle(html).direction,
    bodyDirection: getComputedStyle(document.body).direction,
    h1: {
      textAlign: style.textAlign,
      direction: style.direction,
      box: { left: box.left, right: box.right },
      lastLine: {
        left: Math.min(...last.map((r) => r.left)),
        right: Math.max(...last.map((r) => r.right)),
      },
      lines,
    },
    pageWidth: html.clientWidth,
    switcher: Array.from(document.querySelectorAll(".languages a")).map((a) => ({
      href: a.href,
      text: a.textContent,
      lang: a.getAttribute("lang"),
      current: a.getAttribute("aria-current"),
    })),
    toc: Array.from(document.querySelectorAll(".toc a")).map((a) => ({
      anchor: a.hash.slice(1),
      exists: document.getElementById(decodeURIComponent(a.hash.slice(1))) !== null,
    })),
    fallbacks: Array.from(document.querySelectorAll("main [lang]")).map((e) => ({
      lang: e.getAttribute("lang"),
      dir: e.getAttribute("dir"),
      direction: getComputedStyle(e).direction,
    })),
    found,
    ranges: numberRanges(),
    stylesheets: document.styleSheets.length,
  };
}

const browser = await chromium.launch({
  executablePath: spec.chromium,
  headless: true,
  // Playwright gives each launch a fresh, temporary --user-data-dir of its own.
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const report = { pages: {}, links: {}, chooser: {}, chooserNoScript: [] };
try {
  const context = await watched();
  const page = await context.newPage();
  for (const code of spec.pages) {
    const response = await page.goto(new URL(`${code}/`, base).href, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    report.pages[code] = { status: response.status(), ...(await page.evaluate(measure, spec.findText)) };
    if (spec.screenshots[code]) {
      await page.screenshot({ path: spec.screenshots[code], fullPage: true });
    }
  }
  const targets = new Set();
  for (const measured of Object.values(report.pages)) {
    for (const link of measured.switcher) targets.add(link.href);
  }
  for (const href of [...targets].sort()) {
    const response = await page.goto(href, { waitUntil: "load" });
    report.links[href] = response ? response.status() : 0;
  }
  await context.close();

  for (const locale of spec.chooser) {
    const chooserContext = await watched({ locale });
    const chooserPage = await chooserContext.newPage();
    await chooserPage.goto(base.href, { waitUntil: "load" });
    // The chooser redirects while it is parsed; "networkidle" waits out that navigation.
    await chooserPage.waitForLoadState("networkidle");
    report.chooser[locale] = new URL(chooserPage.url()).pathname;
    await chooserContext.close();
  }

  const plain = await watched({ javaScriptEnabled: false, locale: "fr-FR" });
  const plainPage = await plain.newPage();
  await plainPage.goto(base.href, { waitUntil: "load" });
  report.chooserNoScript = await plainPage.evaluate(() => ({
    path: location.pathname,
    links: Array.from(document.querySelectorAll("a[hreflang]")).map((a) => a.getAttribute("href")),
  }));
  await plain.close();
} finally {
  await browser.close();
}
report.requests = requests;
report.outside = outside;
process.stdout.write(JSON.stringify(report));
