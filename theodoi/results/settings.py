"""Which warning bands and scoreboard weights apply: the plan's own, else the default row, else
the defaults in `rules`."""

from __future__ import annotations

from theodoi.results.models import ResultSettings
from theodoi.results.rules import Bands, Weights


def result_settings(plan_id: int | None) -> ResultSettings:
    """The settings row in force for a plan (or the default row for None); an unsaved row with
    the built-in defaults when none was set. Two lookups at most."""
    if plan_id is not None:
        own = ResultSettings.objects.filter(plan_id=plan_id).first()
        if own is not None:
            return own
    default = ResultSettings.objects.filter(plan__isnull=True).first()
    if default is not None:
        return default
    return ResultSettings(plan=None)


def bands_for(plan_id: int | None) -> Bands:
    return result_settings(plan_id).bands


def weights_for(plan_id: int | None) -> Weights:
    return result_settings(plan_id).weights
