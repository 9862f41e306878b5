// Drives the idmap console as an administrator would, in headless Chromium (Debian's /usr/bin/chromium), and writes
// a screenshot of every page to $SHOTS_DIR. Run by ConsoleInBrowserTest, which starts idmap on simulated sites and
// checks what this script reports on its last line of output (JSON). Any failed expectation exits 1.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = (name) => {
  const value = process.env[name];
  if (!value) { throw new Error(`environment variable ${name} is required`); }
  return value;
};
const base = env("IDMAP_URL");
const shots = env("SHOTS_DIR");
const downloads = env("DOWNLOAD_DIR");
const lookupServerId = env("LOOKUP_SERVER_ID");
mkdirSync(shots, { recursive: true });
mkdirSync(downloads, { recursive: true });

function expect(condition, message) {
  if (!condition) { throw new Error("expectation failed: " + message); }
}

const profile = mkdtempSync(join(tmpdir(), "idmap-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic"],
  viewport: { width: 1366, height: 800 },
  acceptDownloads: true,
});
const report = {};
let step = 0;
const shot = async (page, name) => {
  step += 1;
  await page.screenshot({ path: join(shots, `${String(step).padStart(2, "0")}-${name}.png`), fullPage: true });
};

/** Every form control on the page has a label, and the page has its landmarks. */
async function checkAccessible(page, what) {
  const problems = await page.evaluate(() => {
    const found = [];
    for (const control of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
      if (control.labels.length === 0 && !control.getAttribute("aria-label")) {
        found.push(`unlabelled ${control.tagName.toLowerCase()} ${control.name}`);
      }
    }
    if (!document.querySelector("main")) { found.push("no main landmark"); }
    if (!document.querySelector("h1")) { found.push("no h1"); }
    if (!document.documentElement.lang) { found.push("no lang"); }
    return found;
  });
  expect(problems.length === 0, `${what}: ${problems.join(", ")}`);
}

try {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") { consoleErrors.push(m.text()); } });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  const origins = new Set();
  page.on("request", (r) => origins.add(new URL(r.url()).origin));

  // --- sign in (a wrong secret first), by keyboard
  await page.goto(base + "/console/jobs");
  expect(page.url().endsWith("/console/login"), "an anonymous visit is sent to the sign-in page, not " + page.url());
  await checkAccessible(page, "sign-in page");
  await page.fill("#username", env("IDMAP_USER"));
  await page.fill("#password", "not-the-secret");
  await page.press("#password", "Enter");
  await page.waitForSelector(".alert.error");
  await page.fill("#username", env("IDMAP_USER"));
  await page.fill("#password", env("IDMAP_SECRET"));
  await shot(page, "sign-in");
  await page.press("#password", "Enter");
  await page.waitForURL(/\/console\/jobs(\?continue)?$/);
  expect((await page.textContent("h1")).includes("jobs"), "the jobs page follows the sign-in");
  await checkAccessible(page, "jobs page");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement.className) === "skip", "the first Tab reaches the skip link");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement.textContent) === "idmap console", "then the console's name");
  await shot(page, "jobs-before");

  // --- trigger a job on the configured sites
  await page.click("nav >> text=Trigger a job");
  await page.waitForURL(/\/console\/trigger$/);
  await checkAccessible(page, "trigger page");
  await page.check("#product-JIRA");
  await page.selectOption("#source", "jira-dc");
  await page.selectOption("#destination", "jira-cloud");
  await shot(page, "trigger");
  await page.click("button[type=submit].primary");
  await page.waitForURL(/\/console\/jobs\/[0-9a-f-]{36}$/);
  report.jobId = page.url().split("/").pop();
  await checkAccessible(page, "job page");

  // --- watch it finish without reloading: a marker set on this document survives only if it is never reloaded
  report.statusAtLoad = await page.getAttribute("[data-field=status]", "data-status");
  await page.evaluate(() => { window.idmapSameDocument = true; });
  await shot(page, "job-running");
  await page.waitForSelector("[data-field=status][data-status=SUCCESS]", { timeout: 150_000 });
  await page.waitForSelector("#summary-heading", { timeout: 10_000 });
  report.finishedWithoutReload = await page.evaluate(() => window.idmapSameDocument === true);
  report.cancelHidden = await page.evaluate(() => [...document.querySelectorAll("[data-while-active]")].every((e) => e.hidden));
  report.percentAtEnd = Number(await page.textContent("[data-field=percent]"));
  await shot(page, "job-finished");

  // --- browse the unmatched and ambiguous rows of one type, a page at a time, then search them
  const browseType = env("BROWSE_TYPE");
  await page.click(`table.summary a[aria-label$=" ${browseType} rows"]`);
  await page.waitForURL((url) => url.searchParams.get("type") === browseType);
  await checkAccessible(page, "rows");
  const rowCells = async (column) => page.locator(`table.rows tbody tr td:nth-child(${column})`).allTextContents();
  report.selectedType = await page.inputValue("#type");
  report.firstPage = { count: (await rowCells(1)).length, types: [...new Set(await rowCells(1))], statuses: [...new Set(await rowCells(5))] };
  await page.locator("#rows").scrollIntoViewIfNeeded();
  await shot(page, "unmatched-rows");
  await page.click("#rows nav.pager >> text=Next");
  await page.waitForURL((url) => url.searchParams.get("page") === "1");
  report.secondPage = { count: (await rowCells(1)).length, types: [...new Set(await rowCells(1))] };
  await page.selectOption("#status", "AMBIGUOUS");
  await page.click("#rows button[type=submit]");
  await page.waitForURL((url) => url.searchParams.get("status") === "AMBIGUOUS");
  report.ambiguous = { statuses: [...new Set(await rowCells(5))], candidates: await rowCells(7) };
  await page.selectOption("#status", "NOT_MATCHED");
  const reason = (await rowCells(6))[0];
  report.searchedFor = reason.split(" ").slice(0, 3).join(" ");
  await page.fill("#q", report.searchedFor);
  await page.press("#q", "Enter");
  await page.waitForURL((url) => url.searchParams.get("q") === report.searchedFor);
  report.searchHits = await rowCells(6);
  await page.locator("#rows").scrollIntoViewIfNeeded();
  await shot(page, "rows-searched");

  // --- download the compatible report
  await page.goto(base + "/console/jobs/" + report.jobId);
  await page.locator(".downloads").scrollIntoViewIfNeeded();
  await shot(page, "downloads");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("text=Download the compatible report"),
  ]);
  report.downloadName = download.suggestedFilename();
  report.downloadPath = join(downloads, report.downloadName);
  await download.saveAs(report.downloadPath);

  // --- look up a server id of one type, then the issue key it has
  const hits = async () => page.locator("table.rows tbody tr").evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent.trim())));
  await page.click("nav >> text=Look up");
  await page.waitForURL(/\/console\/lookup$/);
  await checkAccessible(page, "lookup page");
  await page.selectOption("#kind", "SERVER_ID");
  await page.selectOption("#type", "jira:issue");
  await page.fill("#q", lookupServerId);
  await page.press("#q", "Enter");
  await page.waitForURL((url) => url.searchParams.get("q") === lookupServerId);
  report.lookupById = await hits();
  await shot(page, "lookup-server-id");
  await page.selectOption("#kind", "ISSUE_KEY");
  await page.selectOption("#type", "");
  await page.fill("#q", report.lookupById[0][4]);
  await page.press("#q", "Enter");
  await page.waitForURL((url) => url.searchParams.get("kind") === "ISSUE_KEY");
  report.lookupByKey = await hits();
  await shot(page, "lookup-issue-key");

  // --- the jobs list shows the finished job
  await page.click("nav >> text=Jobs");
  await page.waitForURL(/\/console\/jobs$/);
  report.jobsListed = await page.locator("table.jobs tbody tr").count();
  report.listedStatus = await page.locator("table.jobs tbody tr").first().locator("[data-field=status]").getAttribute("data-status");
  await shot(page, "jobs-after");

  // --- trigger a second job and cancel it while it runs
  await page.click("nav >> text=Trigger a job");
  await page.click("button[type=submit].primary");
  await page.waitForURL(/\/console\/jobs\/[0-9a-f-]{36}$/);
  report.secondJobId = page.url().split("/").pop();
  await page.click("text=Cancel this job");
  await page.waitForSelector(".alert[role=status] >> text=Job cancelled.");
  report.cancelled = {
    label: (await page.textContent("[data-field=status]")).trim(),
    status: await page.getAttribute("[data-field=status]", "data-status"),
    message: (await page.textContent(".alert.error")).trim(),
  };
  await shot(page, "job-cancelled");

  // --- sign out
  await page.click("text=Sign out");
  await page.waitForURL(/\/console\/login\?signed-out$/);
  await page.goto(base + "/console/jobs");
  report.afterSignOut = new URL(page.url()).pathname;
  report.consoleErrors = consoleErrors;

  // --- Swagger UI (public in this server's configuration), from the jar
  await page.goto(base + "/swagger-ui.html");
  await page.waitForSelector(".swagger-ui .info .title", { timeout: 30_000 });
  await page.waitForSelector(".opblock-summary-path[data-path=\"/migrations/reports/v1/id-mappings/trigger\"]");
  report.swaggerTitle = (await page.textContent(".swagger-ui .info .title")).trim();
  await shot(page, "swagger-ui");
  report.origins = [...origins];
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(report));
