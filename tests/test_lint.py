"""The code stays lint-clean (ruff settings live in pyproject.toml) and CI matches the README."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_ruff_check_passes():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", str(REPO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_ci_runs_exactly_the_readme_commands():
    readme = (REPO / "README.md").read_text().splitlines()
    ci = (REPO / ".ci" / "run").read_text().splitlines()
    install, test = ci[-2], ci[-1]
    assert readme[3].startswith(install + " && ")
    assert readme[4] == f"{install} && {test}"
