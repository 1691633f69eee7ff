"""`chibo serve --listen ADDRESS --htpasswd FILE`: the preview from the clerk's PC.

127.0.0.2, a second loopback address that Linux routes on `lo`, stands for the office network: the
preview refuses to listen there without a password file, and with one it asks every request for
the name and password nginx's file holds (HTTP Basic), refuses a wrong one, limits failures, and
keeps its own defences (a foreign Host is refused before any password is asked). Also IPv6 `::1`.
"""
import base64
import os
import shutil
import socket
import subprocess

import pytest

from conftest import CHIBO, ROOT
from test_serve import DATE, FIXTURE, Serve

OFFICE = "127.0.0.2"
PASSWORD = "mật khẩu của thư ký"


def free_port(address, family=socket.AF_INET):
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


def reachable(address, family=socket.AF_INET):
    try:
        free_port(address, family)
        return True
    except OSError:
        return False


def get(address, port, path="/", host=None, user=None, password=None):
    """One request with `Connection: close`: (status, fields by lowercased name, body)."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    if user is not None:
        token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        lines.append(f"Authorization: Basic {token}")
    with socket.create_connection((address, port), timeout=15) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))
        chunks = []
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    head_lines = head.decode("latin-1").split("\r\n")
    status = int(head_lines[0].split(" ")[1])
    fields = {}
    for line in head_lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return status, fields, body


class OfficeServe(Serve):
    """`chibo serve` on another address: waits for its own `serving` line."""

    def __init__(self, content, port, address_shown, extra=(), env=None):
        self.address_shown = address_shown
        super().__init__(content, port, extra=extra, env=env)

    def wait_for_line(self, text, timeout=20):
        if text == "serving http://127.0.0.1:":
            text = f"serving http://{self.address_shown}:"
        return super().wait_for_line(text, timeout)


def make_password_file(path, user, password):
    result = subprocess.run([str(CHIBO), "htpasswd", str(path), user], input=password + "\n",
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    if not reachable(OFFICE):
        pytest.skip(f"{OFFICE} cannot be bound here (no loopback alias): the office network cannot be stood for")
    root = tmp_path_factory.mktemp("office")
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    htpasswd = root / "chibo.htpasswd"
    make_password_file(htpasswd, "thu-ky", PASSWORD)
    tmp = root / "tmp"
    tmp.mkdir()
    port = free_port(OFFICE)
    serve = OfficeServe(content, port, OFFICE,
                        extra=("--listen", OFFICE, "--htpasswd", str(htpasswd), "--host", "may-chu"),
                        env=dict(os.environ, TMPDIR=str(tmp)))
    try:
        yield port, htpasswd
    finally:
        serve.stop()


def test_without_a_password_file_another_address_is_refused_with_the_reason(tmp_path):
    if not reachable(OFFICE):
        pytest.skip(f"{OFFICE} cannot be bound here (no loopback alias)")
    for address in (OFFICE, "0.0.0.0"):
        result = subprocess.run(
            [str(CHIBO), "serve", "--content", str(FIXTURE), "--theme", str(ROOT / "site-theme"), *DATE,
             "--listen", address, "--port", str(free_port(OFFICE))],
            capture_output=True, text=True, timeout=30, check=False, env=dict(os.environ, TMPDIR=str(tmp_path)))
        assert result.returncode == 2, result.stderr
        assert "--htpasswd" in result.stderr and "restricted folders" in result.stderr, result.stderr
        assert "not yet published" in result.stderr, result.stderr
        assert "serving" not in result.stderr
    assert not any(p.name.startswith("chibo-serve-") for p in tmp_path.iterdir())


def test_a_password_file_that_cannot_serve_is_refused(tmp_path):
    for file in (tmp_path / "none", tmp_path):
        result = subprocess.run(
            [str(CHIBO), "serve", "--content", str(FIXTURE), "--listen", OFFICE, "--htpasswd", str(file)],
            capture_output=True, text=True, timeout=30, check=False)
        assert result.returncode == 2, result.stderr
        assert "password file" in result.stderr, result.stderr


def test_no_password_or_a_wrong_one_is_401_and_the_right_one_opens(office):
    port, _ = office
    host = f"{OFFICE}:{port}"
    status, fields, body = get(OFFICE, port, host=host)
    assert status == 401
    assert fields["www-authenticate"].startswith("Basic realm=")
    assert b"<html" not in body
    for user, password in (("thu-ky", "sai mật khẩu"), ("khach", PASSWORD), ("thu-ky", PASSWORD + " ")):
        status, fields, body = get(OFFICE, port, host=host, user=user, password=password)
        assert status == 401, (user, password)
        assert "www-authenticate" in fields and b"<html" not in body
    for path in ("/", "/van-ban/quy-dinh/", "/_chibo/state.json", "/data/scorecards.json"):
        status, _, body = get(OFFICE, port, path, host=host, user="thu-ky", password=PASSWORD)
        assert status == 200, path
    status, _, body = get(OFFICE, port, "/van-ban/quy-dinh/", host=f"may-chu:{port}", user="thu-ky",
                          password=PASSWORD)
    assert status == 200 and b"<html" in body


def test_a_foreign_host_is_refused_before_any_password(office):
    port, _ = office
    for host in (f"evil.example:{port}", f"127.0.0.1:{port}", f"localhost:{port}", OFFICE, f"may-chu:{port + 1}"):
        for credentials in ((None, None), ("thu-ky", PASSWORD)):
            status, fields, body = get(OFFICE, port, host=host, user=credentials[0], password=credentials[1])
            assert status == 421, (host, credentials)
            assert "www-authenticate" not in fields and b"<html" not in body


def test_a_page_of_another_site_gets_nothing_even_with_the_password(office):
    port, _ = office
    status, _, _ = get(OFFICE, port, "/_chibo/state.json", host=f"{OFFICE}:{port}", user="thu-ky",
                       password=PASSWORD)
    assert status == 200
    # The Origin check holds on the office address as on loopback.
    lines = [f"GET /_chibo/state.json HTTP/1.1", f"Host: {OFFICE}:{port}", "Origin: http://evil.example",
             "Authorization: Basic " + base64.b64encode(f"thu-ky:{PASSWORD}".encode()).decode(), "Connection: close"]
    with socket.create_connection((OFFICE, port), timeout=15) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 403 "), answer[:100]


def test_wrong_passwords_are_limited(office):
    port, _ = office
    host = f"{OFFICE}:{port}"
    statuses = [get(OFFICE, port, host=host, user="thu-ky", password=f"đoán {n}")[0] for n in range(12)]
    assert statuses[0] == 401 and statuses[-1] == 429, statuses
    status, fields, _ = get(OFFICE, port, host=host, user="thu-ky", password="đoán lần nữa")
    assert status == 429 and int(fields["retry-after"]) >= 1


def test_ipv6_loopback_needs_no_password(tmp_path):
    if not reachable("::1", socket.AF_INET6):
        pytest.skip("::1 cannot be bound here (IPv6 is off)")
    port = free_port("::1", socket.AF_INET6)
    serve = OfficeServe(FIXTURE, port, "[::1]", extra=("--listen", "[::1]"),
                        env=dict(os.environ, TMPDIR=str(tmp_path)))
    try:
        for host in (f"[::1]:{port}", f"localhost:{port}"):
            status, _, body = get("::1", port, "/van-ban/quy-dinh/", host=host)
            assert status == 200 and b"<html" in body, host
        status, _, _ = get("::1", port, host=f"127.0.0.1:{port}")
        assert status == 421
    finally:
        serve.stop()
