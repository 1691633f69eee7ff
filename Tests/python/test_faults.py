"""Killing a build at random points leaves the previous output complete and servable (or, killed
after the atomic swap, the new one, complete)."""
import os
import pathlib
import random
import signal
import subprocess
import time

import pytest

from conftest import CHIBO, ROOT, build


def snapshot(folder):
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_sigkill_at_random_points_leaves_the_previous_output(tmp_path):
    output = tmp_path / "public"
    small = ROOT / "Tests" / "Fixtures" / "scorecard-site"
    result = build(small, output, "--date", "2024-04-10")
    assert result.returncode == 0, result.stderr
    before = snapshot(output)
    assert "index.html" in before and "404.html" in before
    # The site the killed builds make, complete: after the swap and before the exit (while the old
    # folder is removed) a kill leaves it in place, which is as good as the old one.
    reference = tmp_path / "reference"
    made = build(ROOT / "content", reference, "--date", "2024-03-01")
    assert made.returncode == 0, made.stderr
    complete = {path: data for path, data in snapshot(reference).items() if not path.startswith(".chibo")}
    rng = random.Random(750)
    for attempt in range(4):
        process = subprocess.Popen(
            [str(CHIBO), "build", "--content", str(ROOT / "content"), "--output", str(output),
             "--theme", str(ROOT / "site-theme"), "--date", "2024-03-01"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        # Finished or killed: a build that failed by itself would leave the old output too, and pass.
        assert process.returncode in (0, -signal.SIGKILL), f"attempt {attempt}: exit {process.returncode}"
        current = snapshot(output)
        if process.returncode == 0:
            # The build finished before the kill: the new output is complete; start again from the old one.
            assert "don-vi/index.html" in current
            assert {path: data for path, data in current.items() if not path.startswith(".chibo")} == complete
            result = build(small, output, "--date", "2024-04-10")
            assert result.returncode == 0, result.stderr
            before = snapshot(output)
            continue
        if current != before:
            # Killed after the swap: the new site, whole.
            assert {path: data for path, data in current.items() if not path.startswith(".chibo")} == complete, (
                f"attempt {attempt}: after SIGKILL the output is neither the old site nor the new one")
            result = build(small, output, "--date", "2024-04-10")
            assert result.returncode == 0, result.stderr
            before = snapshot(output)
    # The next build cleans the staging folders the killed builds left behind.
    result = build(small, output, "--date", "2024-04-10")
    assert result.returncode == 0, result.stderr
    leftovers = [name for name in os.listdir(tmp_path) if name.startswith(".") and not name.endswith(".lock")]
    assert leftovers == []


def test_a_second_build_into_a_locked_output_waits_its_turn(tmp_path):
    output = tmp_path / "public"
    first = subprocess.Popen(
        [str(CHIBO), "build", "--content", str(ROOT / "content"), "--output", str(output),
         "--theme", str(ROOT / "site-theme")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        # Wait until the first build holds the lock (its staging folder exists), then race it.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
                name.startswith(".public.new-") for name in os.listdir(tmp_path)):
            time.sleep(0.02)
        second = build(ROOT / "Tests" / "Fixtures" / "scorecard-site", output)
        assert second.returncode == 1
        assert "another chibo is writing to" in second.stderr
    finally:
        first.wait(timeout=120)
    assert first.returncode == 0, first.stderr.read()


# --------------------------------------------------------------------------- system failures

@pytest.fixture
def small_disk(tmp_path):
    """A 6 MB tmpfs (the fixture site fits, the bundled one does not), unmounted afterwards; the test is skipped where mounting is not permitted."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def assert_one_line_with_reason(result, reason):
    assert result.returncode == 1, f"exit {result.returncode}\n{result.stderr}"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert errors[0].endswith(": " + reason), result.stderr
    assert "NSCocoaErrorDomain" not in result.stderr and "Code=" not in result.stderr, result.stderr


def test_a_full_disk_says_so_and_leaves_the_previous_output(small_disk):
    output = small_disk / "public"
    small = ROOT / "Tests" / "Fixtures" / "scorecard-site"
    result = build(small, output, "--date", "2024-04-10", "--no-precompress")
    assert result.returncode == 0, result.stderr
    before = snapshot(output)
    # The bundled site does not fit in what is left.
    result = build(ROOT / "content", output, "--date", "2024-03-01")
    assert_one_line_with_reason(result, "No space left on device")
    assert "cannot write " + str(small_disk) in result.stderr, result.stderr
    assert snapshot(output) == before
    assert [name for name in os.listdir(small_disk) if ".new-" in name] == []


def test_publish_on_a_read_only_file_system_says_so(small_disk):
    small = ROOT / "Tests" / "Fixtures" / "scorecard-site"
    arguments = [str(CHIBO), "publish", "--content", str(small), "--theme", str(ROOT / "site-theme"),
                 "--root", str(small_disk / "root"), "--date", "2024-04-10"]
    first = subprocess.run(arguments, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True, text=True,
                               check=False)
    if remounted.returncode != 0:
        pytest.skip(f"cannot remount read-only: {remounted.stderr.strip()}")
    second = subprocess.run(arguments, capture_output=True, text=True, check=False)
    assert_one_line_with_reason(second, "Read-only file system")
    build_result = build(small, small_disk / "public", "--date", "2024-04-10")
    assert_one_line_with_reason(build_result, "Read-only file system")
