"""Property-based fuzzing of the importer, the report spreadsheet and the main forms.

The number of examples comes from the Hypothesis profile named by HYPOTHESIS_PROFILE:
"ci" (the default, small enough for every run of ./scripts/test) or "long" (a deeper run before a
release: `HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/fuzz`). See docs/reliability.md.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=15, deadline=None, suppress_health_check=_HEALTH, database=None)
settings.register_profile("long", max_examples=400, deadline=None, suppress_health_check=_HEALTH)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FUZZ = settings.get_profile(PROFILE if PROFILE in ("ci", "long") else "ci")
