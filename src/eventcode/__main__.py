"""``python -m eventcode``: the same as the ``eventcode`` command."""

from eventcode.cli import run

run()
