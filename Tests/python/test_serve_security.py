"""`chibo serve` trusts no request, and no content stops it.

Each class of the hostile-input review, tried from outside against a running preview with raw
sockets: host names it does not listen as (a rebound name), origins of other sites, files outside
the content (a link to a secret file, to /proc/self/environ), names with an encoded NUL or control
characters and `//host` redirects, the private folder and every way out of the process, the size
and time bounds of a request, and builds that crash or hang.
"""
import json
import os
import pathlib
import shutil
import signal
import socket
import stat
import subprocess
import time

import pytest

from conftest import CHIBO, ROOT
from test_nginx import free_port
from test_serve import DATE, FIXTURE, Serve

SECRET = "BÍ-MẬT-NGOÀI-NỘI-DUNG-7f3a"


def exchange(port, data, timeout=15):
    """Sends raw bytes and reads until the server closes or `timeout` passes; the bytes read."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        try:
            connection.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        chunks = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                chunk = connection.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def get(port, path, host=None, fields=(), method="GET"):
    """One request with `Connection: close`: (status, fields by lowercased name, body)."""
    lines = [f"{method} {path} HTTP/1.1"]
    if host is not None:
        lines.append(f"Host: {host}")
    lines += [f"{name}: {value}" for name, value in fields]
    lines.append("Connection: close")
    answer = exchange(port, ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))
    return parse(answer)


def parse(answer):
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].startswith("HTTP/1.1 "), answer[:200]
    status = int(lines[0].split(" ")[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return status, fields, body


def start(content, tmp, *extra, env_extra=None):
    port = free_port()
    env = dict(os.environ, TMPDIR=str(tmp), **(env_extra or {}))
    return Serve(content, port, extra=extra, env=env), port


def preview_folders(tmp):
    return sorted(p for p in pathlib.Path(tmp).iterdir() if p.name.startswith("chibo-serve-"))


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    (content / "guidance" / "ghi-chu.txt").write_text("ghi chú\n", encoding="utf-8")
    tmp = root / "tmp"
    tmp.mkdir()
    serve, port = start(content, tmp)
    try:
        yield port, content, tmp, serve
    finally:
        serve.stop()


PATHS = ["/", "/van-ban/quy-dinh/", "/data/scorecards.json", "/_chibo/state.json", "/_chibo/events",
         "/_chibo/preview.js", "/404.html", "/khong-co/"]


def test_only_the_host_names_it_listens_as_are_answered(preview):
    port, *_ = preview
    refused = [f"evil.example:{port}", "evil.example", "127.0.0.1", "127.0.0.1:1", "localhost", f"[::1]:{port}",
               f"0.0.0.0:{port}", f"127.0.0.2:{port}", f"127.0.0.1.nip.io:{port}", "",
               f"127.0.0.1:{port}.evil.example", f"127.0.0.1:{port}@evil.example", f"localhost.:{port}"]
    for host in refused:
        for path in PATHS:
            status, _, body = get(port, path, host=host)
            assert status == 421, (host, path, status)
            assert b"<html" not in body and b"problems" not in body, (host, path)
    for path in PATHS[:3]:
        status, _, _ = get(port, path, host=None)
        assert status == 421, path
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}"):
        status, fields, body = get(port, "/", host=host)
        assert status == 200 and b"<html" in body, host


def test_only_its_own_pages_read_its_state_and_events(preview):
    port, *_ = preview
    own = f"127.0.0.1:{port}"
    foreign = ["http://evil.example", "null", f"http://127.0.0.1:{port + 1}", f"https://127.0.0.1:{port}",
               f"http://localhost:{port}.evil.example", f"http://127.0.0.1:{port}/"]
    for origin in foreign:
        for path in ("/_chibo/state.json", "/_chibo/events", "/data/scorecards.json", "/van-ban/quy-dinh/"):
            status, _, body = get(port, path, host=own, fields=[("Origin", origin)])
            assert status == 403, (origin, path, status)
            assert b"problems" not in body and b"<html" not in body
    # Fetch metadata: another site may open a page (a link), never read data or the preview's state.
    for site in ("cross-site", "same-site"):
        for mode in ("cors", "no-cors"):
            for path in ("/_chibo/state.json", "/data/scorecards.json", "/van-ban/quy-dinh/"):
                status, _, _ = get(port, path, host=own, fields=[("Sec-Fetch-Site", site), ("Sec-Fetch-Mode", mode)])
                assert status == 403, (site, mode, path)
        navigation = [("Sec-Fetch-Site", site), ("Sec-Fetch-Mode", "navigate")]
        assert get(port, "/van-ban/quy-dinh/", host=own, fields=navigation)[0] == 200
        assert get(port, "/_chibo/state.json", host=own, fields=navigation)[0] == 403
    for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
        status, _, body = get(port, "/_chibo/state.json", host=own, fields=[("Origin", origin)])
        assert status == 200 and json.loads(body)["version"] >= 1
    same = [("Origin", f"http://{own}"), ("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "cors")]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(("GET /_chibo/events HTTP/1.1\r\nHost: %s\r\n%s\r\n\r\n" % (
            own, "\r\n".join(f"{n}: {v}" for n, v in same))).encode())
        data = b""
        while b"data: " not in data or not data.endswith(b"\n\n"):
            data += connection.recv(65536)
        status, fields, body = parse(data)
        assert status == 200 and fields["content-type"].startswith("text/event-stream")
        event = body.split(b"data: ", 1)[1].split(b"\n\n")[0]
        assert "problems" in json.loads(event)


def wait_for_state(port, predicate, timeout=20):
    deadline = time.time() + timeout
    state = None
    while time.time() < deadline:
        status, _, body = get(port, "/_chibo/state.json", host=f"127.0.0.1:{port}")
        assert status == 200
        state = json.loads(body)
        if predicate(state):
            return state
        time.sleep(0.2)
    raise AssertionError(f"the state never came: {state}")


def test_nothing_outside_the_content_is_quoted_or_served(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    secret = tmp_path / "secret.md"
    secret.write_text(f"{SECRET}\nline two {SECRET}\n", encoding="utf-8")
    (content / "guidance" / "lo-ra-ngoai.md").symlink_to(secret)
    (content / "guidance" / "moi-truong.md").symlink_to("/proc/self/environ")
    (content / "units-link.csv").symlink_to(secret)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    serve, port = start(content, tmp, env_extra={"CHIBO_TEST_SECRET": SECRET})
    try:
        state = wait_for_state(port, lambda s: any(p["severity"] == "error" for p in s["problems"]))
        text = json.dumps(state, ensure_ascii=False)
        files = {p["file"] for p in state["problems"] if p["severity"] == "error"}
        assert "guidance/lo-ra-ngoai.md" in files and "guidance/moi-truong.md" in files, files
        assert SECRET not in text and "CHIBO_TEST_SECRET" not in text and "PATH=" not in text
        for problem in state["problems"]:
            if problem["file"] in ("guidance/lo-ra-ngoai.md", "guidance/moi-truong.md"):
                assert "source" not in problem, problem
        for path in ("/", "/van-ban/lo-ra-ngoai/", "/van-ban/moi-truong/", "/404.html", "/_chibo/events"):
            if path == "/_chibo/events":
                with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
                    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
                    data = b""
                    while not data.endswith(b"\n\n") or b"data: " not in data:
                        data += connection.recv(65536)
                body = data
            else:
                _, _, body = get(port, path, host=f"127.0.0.1:{port}")
            assert SECRET.encode() not in body and b"CHIBO_TEST_SECRET" not in body, path
    finally:
        serve.stop()


def test_names_are_decoded_once_and_served_as_the_file_they_name(preview):
    port, *_ = preview
    host = f"127.0.0.1:{port}"
    for path in ("/van-ban/ghi-chu.txt%00.html", "/van-ban/ghi-chu.txt%00.js", "/van-ban/ghi-chu.txt%0a.html",
                 "/van-ban/ghi-chu.txt%0d%0aX:%20y", "/van-ban/%7f", "/van-ban/ghi-chu.txt%", "/van-ban%5cghi-chu.txt",
                 "/van-ban/%ff", "/van-ban/\x01", "/van-ban/ghi-chu.txt\x00.html"):
        status, fields, body = get(port, path, host=host)
        assert status == 400, (path, status)
        assert "text/html" not in fields.get("content-type", "") and b"ghi ch" not in body, path
    # An attachment: its own type, and the fields of the nginx block: sandboxed, downloaded.
    status, fields, body = get(port, "/van-ban/ghi-chu.txt", host=host)
    assert status == 200 and body == "ghi chú\n".encode()
    assert fields["content-type"].startswith("text/plain")
    assert fields["content-security-policy"].startswith("sandbox")
    assert fields["content-disposition"] == "attachment" and fields["x-content-type-options"] == "nosniff"
    # Percent-encoded forms name the same file, decoded once: %2541 is "%41", not "A".
    assert get(port, "/van-ban/ghi-chu%2etxt", host=host)[0] == 200
    assert get(port, "/van-ban/ghi-chu%252etxt", host=host)[0] == 404
    # No redirect leaves the preview.
    for path in ("//evil.example", "//evil.example/", "///evil.example/van-ban", "/%2F%2Fevil.example/",
                 "/%2fevil.example", "//evil.example/%2e%2e/", "//van-ban", "/van-ban//quy-dinh"):
        status, fields, _ = get(port, path, host=host)
        location = fields.get("location")
        if location is not None:
            assert location.startswith("/") and not location.startswith("//"), (path, location)
            assert "\\" not in location and "evil.example/" not in location[:1], (path, location)
    status, fields, _ = get(port, "/van-ban//quy-dinh", host=host)
    assert status == 301 and fields["location"] == "/van-ban/quy-dinh/"
    # Dot segments and dotfiles are never served, encoded or not.
    for path in ("/van-ban/../site.yaml", "/van-ban/%2e%2e/%2e%2e/site.yaml", "/.chibo-fingerprint", "/%2e%2e/pid"):
        assert get(port, path, host=host)[0] == 404, path


def test_the_site_folder_is_private_and_removed_on_every_way_out(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    names = set()
    for way in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGSEGV, signal.SIGABRT):
        serve, port = start(content, tmp)
        folders = preview_folders(tmp)
        assert len(folders) == 1, folders
        folder = folders[0]
        names.add(folder.name)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert str(serve.process.pid) not in folder.name
        # The site is in memory: the folder holds only what is too large for it (none here).
        assert get(port, "/", host=f"127.0.0.1:{port}")[0] == 200
        serve.process.send_signal(way)
        serve.process.wait(timeout=15)
        assert preview_folders(tmp) == [], way
    assert len(names) == 5
    # kill -9 leaves the folder, private; the next preview of the same user removes it.
    serve, port = start(content, tmp)
    serve.process.kill()
    serve.process.wait(timeout=15)
    left = preview_folders(tmp)
    assert len(left) == 1 and stat.S_IMODE(left[0].stat().st_mode) == 0o700
    serve, port = start(content, tmp)
    try:
        assert left[0] not in preview_folders(tmp) and len(preview_folders(tmp)) == 1
    finally:
        serve.stop()
    assert preview_folders(tmp) == []


def test_a_planted_folder_or_link_in_the_temporary_folder_is_never_used(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # What an attacker could plant: every name an earlier chibo used (chibo-serve-PID), as links.
    low, high = 300, 4096
    for pid in range(low, high):
        (tmp / f"chibo-serve-{pid}").symlink_to(elsewhere)
    serve, port = start(content, tmp)
    try:
        assert list(elsewhere.iterdir()) == []
        mine = [p for p in preview_folders(tmp) if not p.is_symlink()]
        assert len(mine) == 1 and stat.S_IMODE(mine[0].stat().st_mode) == 0o700
    finally:
        serve.stop()
    assert list(elsewhere.iterdir()) == []


def rss_kb(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_requests_are_bounded_in_size_and_time(preview):
    port, _, _, serve = preview
    host = f"127.0.0.1:{port}"
    before = rss_kb(serve.process.pid)
    # One 256 KB header: refused at 16 KB, at once, and the preview answers the next request.
    started = time.time()
    answer = exchange(port, b"GET / HTTP/1.1\r\nHost: " + host.encode() + b"\r\nX: " + b"a" * 256 * 1024 + b"\r\n\r\n")
    assert parse(answer)[0] == 431 and time.time() - started < 5
    assert get(port, "/", host=host)[0] == 200
    fields = "".join(f"X-{i}: a\r\n" for i in range(101))
    assert parse(exchange(port, f"GET / HTTP/1.1\r\nHost: {host}\r\n{fields}\r\n".encode()))[0] == 431
    # A body announced is refused before it is read; the connection closes.
    answer = exchange(port, f"GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5000000\r\n\r\n".encode()
                      + b"x" * 5_000_000)
    assert parse(answer)[0] == 413
    assert parse(exchange(port, f"POST / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()))[0] == 405
    # The event stream reads nothing: a page that sends to it is cut off, whatever it sends.
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET /_chibo/events HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        connection.settimeout(10)
        sent = 0
        try:
            while sent < 200 * 1024 * 1024:
                connection.sendall(b"\x81\xff" + b"\x7f" * 65536)
                sent += 65538
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            pass
        assert sent < 200 * 1024 * 1024, "the server read 200 MB from an event stream"
    assert rss_kb(serve.process.pid) - before < 100 * 1024
    # A head that trickles in is cut at its time limit (10 s from its first byte).
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        started = time.time()
        connection.sendall(b"GET / HTTP/1.1\r\n")
        answer = b""
        try:
            while time.time() - started < 25:
                connection.sendall(b"X: a\r\n")
                time.sleep(0.5)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            answer = connection.recv(4096)
        except ConnectionResetError:
            answer = b""
        assert time.time() - started < 20
        assert answer == b"" or parse(answer)[0] in (408, 431)
    assert get(port, "/", host=host)[0] == 200


def test_connections_are_bounded_in_number(preview):
    port, *_ = preview
    host = f"127.0.0.1:{port}"
    idle = []
    try:
        for _ in range(64):
            connection = socket.create_connection(("127.0.0.1", port), timeout=10)
            connection.sendall(b"GET / HTTP/1.1\r\n")
            idle.append(connection)
        time.sleep(0.5)
        status, _, _ = get(port, "/", host=host)
        assert status == 503
    finally:
        for connection in idle:
            connection.close()
    deadline = time.time() + 10
    while time.time() < deadline:
        if get(port, "/", host=host)[0] == 200:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the preview did not serve again after the connections closed")


def children(pid):
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and b"preview-build" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def catch_build(serve, deadline=20):
    end = time.time() + deadline
    while time.time() < end:
        found = children(serve.process.pid)
        if found:
            return found[0]
    raise AssertionError("no build started")


def test_a_build_that_crashes_or_hangs_stops_that_build_not_the_preview(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    serve, port = start(content, tmp, "--build-timeout", "3")
    page = content / "guidance" / "quy-dinh.md"
    original = page.read_text(encoding="utf-8")
    try:
        first = wait_for_state(port, lambda s: s["version"] >= 1)
        # A build that hangs (stopped as a reader stuck in a loop would be) is ended at its limit. The
        # process that builds lives from one build to the next: stopped before the edit, it hangs on it.
        child = catch_build(serve)
        os.kill(child, signal.SIGSTOP)
        page.write_text(original + "\nSửa lần một.\n", encoding="utf-8")
        state = wait_for_state(port, lambda s: s["version"] > first["version"], timeout=30)
        [problem] = state["problems"]
        assert problem["severity"] == "error" and problem["file"] == "guidance/quy-dinh.md", problem
        assert "3 seconds" in problem["message"], problem
        # A build that crashes is reported the same way; the stopped process is gone, and the next
        # build starts another.
        assert not pathlib.Path(f"/proc/{child}").exists() or child not in children(serve.process.pid)
        page.write_text(original + "\nSửa lần hai.\n", encoding="utf-8")
        child = catch_build(serve)
        os.kill(child, signal.SIGSEGV)
        state = wait_for_state(port, lambda s: "signal 11" in json.dumps(s), timeout=30)
        assert state["problems"][0]["file"] == "guidance/quy-dinh.md"
        # The preview goes on, and the next change builds as usual.
        page.write_text(original + "\nSửa lần ba.\n", encoding="utf-8")
        wait_for_state(port, lambda s: not any(p["severity"] == "error" for p in s["problems"]), timeout=30)
        _, _, body = get(port, "/van-ban/quy-dinh/", host=f"127.0.0.1:{port}")
        assert "Sửa lần ba." in body.decode("utf-8")
        assert serve.process.poll() is None
    finally:
        serve.stop()
    assert serve.process.returncode == 0


def test_a_pipe_in_the_content_is_an_error_not_a_build_that_never_ends(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    os.mkfifo(content / "meetings" / "2024-q2.csv")
    result = subprocess.run(
        [str(CHIBO), "build", "--content", str(content), "--output",
         str(tmp_path / "public"), "--theme", str(ROOT / "site-theme"), *DATE],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "meetings/2024-q2.csv:1:1: error:" in result.stderr and "pipe" in result.stderr


def test_a_build_in_progress_ends_with_the_preview_and_makes_nothing_again(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    page = content / "guidance" / "quy-dinh.md"
    for way in (signal.SIGTERM, signal.SIGKILL):
        serve, port = start(content, tmp)
        wait_for_state(port, lambda s: s["version"] >= 1)
        page.write_text(page.read_text(encoding="utf-8") + "\nSửa.\n", encoding="utf-8")
        child = catch_build(serve)
        os.kill(child, signal.SIGSTOP)  # a build that takes long: it is in progress when the preview ends
        serve.process.send_signal(way)
        serve.process.wait(timeout=15)
        deadline = time.time() + 5
        while time.time() < deadline and pathlib.Path(f"/proc/{child}").exists():
            state = pathlib.Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state in ("Z", "X"):
                break
            time.sleep(0.05)
        else:
            assert not pathlib.Path(f"/proc/{child}").exists(), "the build outlived the preview"
        time.sleep(1)
        left = preview_folders(tmp)
        if way == signal.SIGTERM:
            assert left == [], left
        else:
            # kill -9 leaves the folder as it was, private; nothing else is made.
            assert len(left) == 1 and stat.S_IMODE(left[0].stat().st_mode) == 0o700, left
            for path in left[0].rglob("*"):
                assert stat.S_IMODE(path.lstat().st_mode) & 0o077 == 0 or path.is_symlink(), path
            shutil.rmtree(left[0])


def test_more_signals_that_end_the_preview_remove_its_folder(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    for way in (signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM, signal.SIGXCPU, signal.SIGPWR):
        serve, port = start(content, tmp)
        serve.process.send_signal(way)
        assert serve.process.wait(timeout=15) == 0, way
        assert preview_folders(tmp) == [], way


def test_many_errors_are_listed_at_once_without_stopping_the_preview(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    rows = (content / "meetings" / "2024-q1.csv").read_text(encoding="utf-8-sig").splitlines()
    header, first = rows[0], rows[1].split(";")
    first[0] = "khong-co"
    many = "\n".join([header] + [";".join(first)] * 20_000) + "\n"
    (content / "meetings" / "2024-q2.csv").write_text(many, encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    serve, port = start(content, tmp)
    try:
        state = wait_for_state(port, lambda s: s["version"] >= 1, timeout=60)
        assert len(state["problems"]) == 200 and state["more"] >= 19_800, (len(state["problems"]), state["more"])
        assert all(p["file"] == "meetings/2024-q2.csv" and p["source"].startswith("khong-co;")
                   for p in state["problems"] if p["severity"] == "error")
        status, _, _ = get(port, "/", host=f"127.0.0.1:{port}")
        assert status == 200 or status == 404
    finally:
        serve.stop()


def test_links_to_a_folder_above_do_not_stop_the_watching(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    serve, port = start(content, tmp)
    try:
        first = wait_for_state(port, lambda s: s["version"] >= 1)
        (content / "guidance" / "a").symlink_to(".")
        (content / "guidance" / "b").symlink_to(".")
        state = wait_for_state(port, lambda s: s["version"] > first["version"]
                               and any(p["file"].startswith("guidance/") for p in s["problems"]), timeout=30)
        (content / "guidance" / "a").unlink()
        (content / "guidance" / "b").unlink()
        page = content / "guidance" / "quy-dinh.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nSau các liên kết.\n", encoding="utf-8")
        wait_for_state(port, lambda s: s["version"] > state["version"]
                       and not any(p["severity"] == "error" for p in s["problems"]), timeout=30)
        _, _, body = get(port, "/van-ban/quy-dinh/", host=f"127.0.0.1:{port}")
        assert "Sau các liên kết." in body.decode("utf-8")
    finally:
        serve.stop()


def test_a_large_file_is_sent_from_the_disk_not_held_in_memory(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    size = 100 * 1024 * 1024
    with open(content / "guidance" / "lon.pdf", "wb") as pdf:
        pdf.write(b"%PDF-1.4\n")
        pdf.truncate(size)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    serve, port = start(content, tmp)
    host = f"127.0.0.1:{port}"
    readers = []
    try:
        wait_for_state(port, lambda s: s["version"] >= 1, timeout=60)
        status, fields, body = get(port, "/van-ban/lon.pdf", host=host, method="HEAD")
        assert status == 200 and int(fields["content-length"]) == size and body == b""
        before = rss_kb(serve.process.pid)
        for _ in range(12):
            reader = socket.create_connection(("127.0.0.1", port), timeout=10)
            reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            reader.sendall(f"GET /van-ban/lon.pdf HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            readers.append(reader)
        time.sleep(2)
        assert rss_kb(serve.process.pid) - before < 64 * 1024, "the preview holds the file in memory"
        # One reader that reads gets every byte.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as reader:
            reader.sendall(f"GET /van-ban/lon.pdf HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            received = 0
            while chunk := reader.recv(1 << 20):
                received += len(chunk)
        assert received > size
    finally:
        for reader in readers:
            reader.close()
        serve.stop()


def test_idle_connections_give_way_and_redirects_keep_the_query(preview):
    port, *_ = preview
    host = f"127.0.0.1:{port}"
    silent = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(70)]
    try:
        time.sleep(0.5)
        assert get(port, "/", host=host)[0] == 200
    finally:
        for connection in silent:
            connection.close()
    status, fields, _ = get(port, "/van-ban/quy-dinh?xem=1", host=host)
    assert status == 301 and fields["location"] == "/van-ban/quy-dinh/?xem=1"
    status, fields, _ = get(port, "/", host=host, method="POST")
    assert status == 405 and fields["allow"] == "GET, HEAD"
