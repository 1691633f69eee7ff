"""Nothing a command line holds can make chibo delete data: the output folder guard, end to end.

Each refused case runs the real binary and checks that it exits with status 2 and one line on
standard error (`error: ...`) that names the folder it would have deleted, that the content and
theme folders are byte for byte as they were, and that nothing (no lock, no staging folder) was
made anywhere. A symbolic link as the output folder keeps being a link; its target gets the site.
"""
import os
import pwd
import shutil
import subprocess

import pytest

from conftest import CHIBO, ROOT

DATE = ("--date", "2024-04-10")
SITE = ROOT / "Tests" / "Fixtures" / "scorecard-site"


def tree(folder):
    """Every entry under `folder`: path -> bytes of a file, the text of a link, or None for a folder."""
    result = {}
    for path in sorted(folder.rglob("*")):
        relative = str(path.relative_to(folder))
        if path.is_symlink():
            result[relative] = ("link", os.readlink(path))
        elif path.is_dir():
            result[relative] = None
        else:
            result[relative] = path.read_bytes()
    return result


def run(*args, cwd=None, env=None):
    return subprocess.run([str(CHIBO), *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env=env, check=False, timeout=120)


@pytest.fixture
def project(tmp_path):
    """tmp/proj/content (the scorecard site), tmp/proj/site-theme (a copy of the theme)."""
    proj = tmp_path / "proj"
    shutil.copytree(SITE, proj / "content")
    shutil.copytree(ROOT / "site-theme", proj / "site-theme")
    return proj


def assert_refused(result, tmp_path, before, *named):
    assert result.returncode == 2, f"exit {result.returncode}\n{result.stderr}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for name in named:
        assert str(name) in lines[0], f"{name} not in: {lines[0]}"
    assert tree(tmp_path) == before, "something changed or appeared"


def build_args(content, output, theme):
    return ("build", "--content", content, "--output", output, "--theme", theme, *DATE)


@pytest.mark.parametrize("relative, named", [
    ("proj/content", ["it is the content folder", "guidance", "6 entries"]),
    ("proj/content/guidance/out", ["lies inside the content folder"]),
    ("proj", ["contains the content folder", "6 entries"]),
    ("proj/site-theme", ["it is the theme folder", "templates", "entries"]),
    ("proj/site-theme/static", ["lies inside the theme folder"]),
    ("mine", ["not a previous output", "notes.txt", "(2 entries)"]),
    ("link-to-content", ["it is the content folder"]),
    ("link-to-proj/content/guidance", ["lies inside the content folder"]),
    ("dangling", ["symbolic link to nowhere"]),
    ("mine/notes.txt/public", ["Not a directory"]),
])
def test_build_refuses_an_output_that_would_lose_data(tmp_path, project, relative, named):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("không phải của chibo\n", encoding="utf-8")
    (tmp_path / "mine" / "anh").mkdir()
    (tmp_path / "link-to-content").symlink_to("proj/content")
    (tmp_path / "link-to-proj").symlink_to("proj")
    (tmp_path / "dangling").symlink_to("nowhere")
    before = tree(tmp_path)
    result = run(*build_args(project / "content", tmp_path / relative, project / "site-theme"))
    assert_refused(result, tmp_path, before, *named)


def test_build_refuses_dot_the_root_and_home(tmp_path, project):
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    before = tree(tmp_path)
    environment = dict(os.environ, HOME=str(home))
    # `--output .` from the project folder holds the content folder.
    result = run("build", "--content", "content", "--output", ".", *DATE, cwd=project, env=environment)
    assert_refused(result, tmp_path, before, "contains the content folder")
    result = run(*build_args(project / "content", "/", project / "site-theme"), env=environment)
    assert_refused(result, tmp_path, before, "it is the root folder /")
    result = run(*build_args(project / "content", home, project / "site-theme"), env=environment)
    assert_refused(result, tmp_path, before, "it is the home folder", ".config")
    # The home folder of the password database, whatever $HOME says.
    passwd_home = pwd.getpwuid(os.getuid()).pw_dir
    result = run(*build_args(project / "content", passwd_home, project / "site-theme"), env=environment)
    assert_refused(result, tmp_path, before, "it is the home folder")


@pytest.mark.parametrize("relative, named", [
    ("proj/content", ["it is the content folder"]),
    ("proj", ["contains the content folder"]),
    ("proj/content/releases", ["lies inside the content folder"]),
    ("proj/site-theme", ["it is the theme folder"]),
    ("mine", ["notes.txt (1 entry)", "a release root holds only releases/"]),
])
def test_publish_refuses_a_root_that_is_not_a_release_root(tmp_path, project, relative, named):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x\n", encoding="utf-8")
    before = tree(tmp_path)
    result = run("publish", "--content", project / "content", "--theme", project / "site-theme",
                 "--root", tmp_path / relative, *DATE)
    assert_refused(result, tmp_path, before, *named)


def test_publish_accepts_its_own_previous_root_only(tmp_path, project):
    root = tmp_path / "root"
    arguments = ("publish", "--content", project / "content", "--theme", project / "site-theme", "--root", root,
                 *DATE)
    for _ in range(2):
        result = run(*arguments)
        assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(root)) == [".chibo.lock", "current", "releases"]
    (root / "releases" / "ghi-chu.txt").write_text("của người khác\n", encoding="utf-8")
    before = tree(tmp_path)
    assert_refused(run(*arguments), tmp_path, before, "releases/ghi-chu.txt")


def test_a_linked_output_stays_a_link_and_its_target_holds_the_site(tmp_path, project):
    target = tmp_path / "srv" / "site"
    target.mkdir(parents=True)
    link = tmp_path / "public"
    link.symlink_to("srv/site")
    for date in ("2024-04-10", "2024-04-11"):
        result = run("build", "--content", project / "content", "--output", link, "--theme",
                     project / "site-theme", "--date", date)
        assert result.returncode == 0, result.stderr
        assert link.is_symlink() and os.readlink(link) == "srv/site"
        assert f'"generated": "{date}"' in (target / "data" / "scorecards.json").read_text(encoding="utf-8")
    # The staging folder was made beside the target and is gone; only the lock stays there.
    assert sorted(os.listdir(tmp_path / "srv")) == [".site.lock", "site"]
    assert sorted(name for name in os.listdir(tmp_path) if name.startswith(".")) == []


@pytest.mark.parametrize("value", ["nan", "inf", "1e300", "-99999999999999", "1.5", "", "12abc",
                                   "253402300800"])
@pytest.mark.parametrize("command", ["build", "check", "publish"])
def test_an_invalid_source_date_epoch_is_a_usage_error(tmp_path, project, command, value):
    arguments = {"build": ("--output", tmp_path / "public"), "check": (), "publish": ("--root", tmp_path / "root")}
    environment = dict(os.environ, SOURCE_DATE_EPOCH=value)
    before = tree(tmp_path)
    result = run(command, "--content", project / "content", "--theme", project / "site-theme",
                 *arguments[command], env=environment)
    assert result.returncode == 2, f"exit {result.returncode}\n{result.stderr}"
    assert result.stderr == f'error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 00:00 ' \
        f'UTC (as `date +%s` prints it), from 0 to 253402275599 (the year 9999); it is "{value}"\n'
    assert tree(tmp_path) == before


def test_a_valid_source_date_epoch_sets_the_build_date(tmp_path, project):
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1712700000")
    result = run("build", "--content", project / "content", "--theme", project / "site-theme", "--output",
                 tmp_path / "public", env=environment)
    assert result.returncode == 0, result.stderr
    assert '"generated": "2024-04-10"' in (tmp_path / "public" / "data" / "scorecards.json").read_text()
