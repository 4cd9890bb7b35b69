"""Shared test configuration: Hypothesis profiles.

``ci`` (the default) runs a modest number of examples with no deadline, derandomized, so shared
runners with uneven speed do not flake and a CI run is reproducible; ``dev`` runs many more,
randomly, to explore (run it before a release and keep what it finds as explicit examples).
Choose one with the ``HYPOTHESIS_PROFILE`` environment variable: ``HYPOTHESIS_PROFILE=dev
pytest``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
