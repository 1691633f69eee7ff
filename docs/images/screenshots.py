"""Makes the screenshots of the documentation (docs/images/*.png) with headless Chromium.

    python3 docs/images/screenshots.py [CHIBO]

CHIBO is the chibo binary (default: .build/debug/chibo, else .build/release/chibo). The script
builds the bundled site (content/, site-theme/) into a temporary folder, serves it on 127.0.0.1 with
Python's http.server and photographs a few pages; then it copies the content, plants two errors in a
meetings file and photographs `chibo serve` listing them. Nothing outside docs/images/ is written
but temporary folders. Needs selenium and chromium-driver (`make deps-test deps-python` installs both).
"""
import contextlib
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
BUILD_DATE = "2024-12-31"


def chibo_binary():
    if len(sys.argv) > 1:
        return pathlib.Path(sys.argv[1])
    for build in ("debug", "release"):
        candidate = ROOT / ".build" / build / "chibo"
        if candidate.exists():
            return candidate
    sys.exit("no chibo binary: run `make build` or name one")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    sys.exit(f"nothing answers on port {port}")


@contextlib.contextmanager
def process(*args, cwd=None):
    proc = subprocess.Popen([str(a) for a in args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 f"--window-size={width},{height}", "--lang=vi"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    if width < 500:  # below the smallest window Chromium opens: a phone's screen, emulated
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    return driver


def shoot(driver, url, name, wait_css=None):
    driver.get(url)
    if wait_css:
        deadline = time.monotonic() + 30
        while not driver.find_elements("css selector", wait_css):
            if time.monotonic() > deadline:
                sys.exit(f"{url}: no {wait_css} after 30 s")
            time.sleep(0.2)
    time.sleep(0.5)
    driver.save_screenshot(str(IMAGES / name))
    print("wrote", IMAGES / name)


def plant_errors(meetings_csv):
    """A date that does not exist on line 3, more speakers than present on line 4."""
    lines = meetings_csv.read_bytes().decode("utf-8").split("\r\n")
    lines[2] = lines[2].replace("26/02/2024", "31/02/2024")
    cells = lines[3].split(";")
    cells[6] = "12"
    lines[3] = ";".join(cells)
    meetings_csv.write_bytes("\r\n".join(lines).encode("utf-8"))


def main():
    chibo = chibo_binary()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        site = scratch / "public"
        subprocess.run([chibo, "build", "--content", ROOT / "content", "--theme", ROOT / "site-theme",
                        "--output", site, "--no-precompress", "--date", BUILD_DATE], check=True)
        port = free_port()
        with process(sys.executable, "-m", "http.server", port, "--bind", "127.0.0.1", cwd=site):
            wait_for(port)
            driver = browser(1280, 900)
            try:
                shoot(driver, f"http://127.0.0.1:{port}/bao-cao/", "bao-cao.png")
                shoot(driver, f"http://127.0.0.1:{port}/don-vi/", "don-vi-mau-bien-ban.png")
                shoot(driver, f"http://127.0.0.1:{port}/don-vi/cb-dien-luc/", "bang-diem-chi-bo.png")
                # A document on a desktop: the section's documents, the text, the contents (issue 30).
                shoot(driver, f"http://127.0.0.1:{port}/van-ban/hoc-tap/chuyen-de-2-thong-diep-cot-loi/",
                      "van-ban-may-tinh.png")
            finally:
                driver.quit()
            # A phone's first screen, a search and a table as cards (issue 30).
            driver = browser(360, 740)
            try:
                shoot(driver, f"http://127.0.0.1:{port}/", "trang-chu-dien-thoai.png")
                shoot(driver, f"http://127.0.0.1:{port}/tim-kiem/?q=tham+nhung", "tim-kiem-dien-thoai.png",
                      wait_css="#search-results li")
                shoot(driver, f"http://127.0.0.1:{port}/lich-sinh-hoat-mau/ke-hoach-114-kh-duk/#thuc-hien",
                      "bang-dien-thoai.png")
            finally:
                driver.quit()

        shutil.copytree(ROOT / "content", scratch / "content")
        shutil.copytree(ROOT / "site-theme", scratch / "site-theme")
        port = free_port()
        with process(chibo, "serve", "--content", scratch / "content", "--port", port, "--date", BUILD_DATE):
            wait_for(port)
            driver = browser(1280, 900)
            try:
                # A good site first, then the clerk saves a file with two mistakes: the open page
                # keeps the last good site and lists the errors over it.
                driver.get(f"http://127.0.0.1:{port}/don-vi/cb-dien-luc/")
                time.sleep(1)
                plant_errors(scratch / "content" / "meetings" / "2024-q1.csv")
                shoot(driver, f"http://127.0.0.1:{port}/don-vi/cb-dien-luc/", "xem-truoc-bao-loi.png",
                      wait_css=".chibo-overlay")
            finally:
                driver.quit()


if __name__ == "__main__":
    main()
