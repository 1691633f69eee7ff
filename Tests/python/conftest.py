"""Shared fixtures: the chibo binary and a built copy of the scorecard fixture site."""
import json
import os
import pathlib
import subprocess

import pytest

# chibo speaks Vietnamese unless asked for English (issue 32); these tests read its English, and
# test_messages_vi.py its Vietnamese. LANGUAGE, unlike LC_MESSAGES, names no locale that must be
# installed, so the other programs the tests run keep the machine's locale.
os.environ["LANGUAGE"] = "en"

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHIBO = pathlib.Path(os.environ.get("CHIBO", ROOT / ".build" / "debug" / "chibo"))


def build(content, output, *extra):
    """Runs `chibo build` and returns the completed process."""
    return subprocess.run(
        [str(CHIBO), "build", "--content", str(content), "--output", str(output),
         "--theme", str(ROOT / "site-theme"), *extra],
        capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def scorecard_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("site") / "public"
    result = build(ROOT / "Tests" / "Fixtures" / "scorecard-site", output, "--date", "2024-04-10")
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="session")
def schedule_json(scorecard_site):
    return json.loads((scorecard_site / "data" / "schedule.json").read_text(encoding="utf-8"))
