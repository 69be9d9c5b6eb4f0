"""scripts/system-packages: what `make test` and `make pdf` install on a fresh machine.

Each test runs the script with a PATH of stand-ins only, so the machine's own
packages are invisible and nothing is installed: a stand-in apt-get writes down
how it was called.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "system-packages"
BASH = "/bin/bash"


def _stand_ins(folder: Path, uid: int, present: tuple[str, ...] = (), sudo: bool = False) -> Path:
    """A bin folder with `id`, a recording apt-get, and the named commands."""
    folder.mkdir()
    log = folder / "calls.log"

    def stand_in(name: str, body: str) -> None:
        path = folder / name
        path.write_text(f"#!{BASH}\n{body}\n", encoding="utf-8")
        path.chmod(0o755)

    stand_in("id", f"echo {uid}")
    stand_in("env", 'while [ "${1#*=}" != "$1" ]; do shift; done; exec "$@"')
    stand_in("apt-get", f'echo "apt-get $*" >> {log}')
    if sudo:
        stand_in("sudo", f'echo "sudo" >> {log}; exec "$@"')
    for name in present:
        stand_in(name, "exit 0")
    return folder


def _run(bin_folder: Path, target: str = "test") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BASH, str(SCRIPT), target],
        env={"PATH": str(bin_folder)},
        capture_output=True,
        text=True,
        timeout=30,
    )


def _calls(bin_folder: Path) -> list[str]:
    log = bin_folder / "calls.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


EVERYTHING = ("msgfmt", "chromium", "fc-list", "pdffonts", "pdftotext", "pdftoppm", "node", "npm")


def test_as_root_it_installs_exactly_what_is_missing(tmp_path: Path) -> None:
    folder = _stand_ins(tmp_path / "bin", uid=0, present=("node", "npm", "msgfmt"))
    result = _run(folder)
    assert result.returncode == 0, result.stderr
    update, install = _calls(folder)
    assert update == "apt-get update -qq"
    assert install.startswith("apt-get install -y -qq --no-install-recommends ")
    assert install.split()[5:] == ["chromium", "fonts-noto-core", "fonts-noto-cjk", "poppler-utils"]
    assert "installing system packages: chromium fonts-noto-core" in result.stderr


def test_without_root_it_uses_sudo_when_there_is_one(tmp_path: Path) -> None:
    folder = _stand_ins(tmp_path / "bin", uid=1000, present=EVERYTHING[:-2], sudo=True)
    result = _run(folder)
    assert result.returncode == 0, result.stderr
    calls = _calls(folder)
    assert calls[0] == "sudo" and calls[2] == "sudo"
    assert calls[3].endswith("--no-install-recommends nodejs npm")


def test_without_root_or_sudo_it_names_the_packages_in_one_line_and_fails(tmp_path: Path) -> None:
    folder = _stand_ins(tmp_path / "bin", uid=1000, present=("node", "npm"))
    result = _run(folder)
    assert result.returncode == 1
    assert _calls(folder) == []
    (line,) = result.stderr.splitlines()
    assert line == (
        "missing system packages: gettext chromium fonts-noto-core fonts-noto-cjk poppler-utils;"
        " install them as root with: apt-get install gettext chromium fonts-noto-core"
        " fonts-noto-cjk poppler-utils"
    )


def test_with_everything_present_it_does_nothing(tmp_path: Path) -> None:
    folder = _stand_ins(tmp_path / "bin", uid=1000, present=EVERYTHING)
    result = _run(folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert _calls(folder) == []


def test_the_pdf_target_needs_only_the_browser_and_fonts(tmp_path: Path) -> None:
    folder = _stand_ins(tmp_path / "bin", uid=0, present=("msgfmt",))
    assert _run(folder, "pdf").returncode == 0
    assert _calls(folder)[1].split()[5:] == ["chromium", "fonts-noto-core", "fonts-noto-cjk"]
    assert _run(folder, "nonsense").returncode == 2


def test_make_test_and_ci_go_through_the_script() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "scripts/system-packages test" in makefile
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get" not in ci  # CI does what a newcomer's `make` and `make test` do
