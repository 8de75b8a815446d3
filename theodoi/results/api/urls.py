from __future__ import annotations

from django.urls import URLPattern, path

from theodoi.results.api import views

urlpatterns: list[URLPattern] = [
    path("v1/results/plans/<int:plan_id>/indicators/", views.IndicatorResultsView.as_view(), name="results-indicators"),
    path(
        "v1/results/plans/<int:plan_id>/indicators/<int:indicator_id>/trend/",
        views.IndicatorTrendView.as_view(),
        name="results-indicator-trend",
    ),
    path("v1/results/plans/<int:plan_id>/tasks/", views.TaskSummaryView.as_view(), name="results-tasks"),
    path("v1/results/plans/<int:plan_id>/timeliness/", views.TimelinessView.as_view(), name="results-timeliness"),
    path("v1/results/plans/<int:plan_id>/scoreboard/", views.ScoreboardView.as_view(), name="results-scoreboard"),
]
