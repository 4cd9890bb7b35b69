"""What a new user meets first: a missing extra is named, not a bare ModuleNotFoundError."""

from __future__ import annotations

import subprocess
import sys


def test_strategies_without_hypothesis_names_the_extra_to_install() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import eventcode.strategies\n"
        "except ModuleNotFoundError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "pip install 'eventcode[strategies]'" in done.stdout
