"""Synthetic data at a chosen scale, written with bulk_create in batches.

One plan per province (or more) with its tasks and indicators assigned to the province's
departments and communes (mostly through the groups "Các sở, ban, ngành" and "UBND các xã,
phường", as real plans do), a monthly reporting schedule ("Trước 17h00 ngày 12 hằng tháng"), the
closed periods of the last months with their reports (on time, late, missing; accepted, returned),
and the period still open, where most units have not sent yet: the deadline the benchmark plays.

Rows are what the services would have written (states consistent with the timestamps, items
filled as submission requires, flags computed by the same code, calendar rows beside the reports),
but no audit entries: nobody acted. Everything follows from the spec and its seed.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from theodoi.accounts.choices import Role
from theodoi.accounts.models import User
from theodoi.core.text import clean, search_key
from theodoi.periods.models import ReportingPeriod, ReportingSchedule, UnitReport
from theodoi.periods.selectors import work_calendar
from theodoi.periods.submission import SubmissionSchedule, read_submission_clause
from theodoi.periods.windows import Period, WindowMode
from theodoi.plans.choices import AssignmentRole, DeadlineKind, TargetOp
from theodoi.plans.models import Assignment, Indicator, Plan, Section, Task
from theodoi.submissions import checks
from theodoi.submissions import items as content
from theodoi.submissions.choices import ReportState, SourceKind, TaskProgress
from theodoi.submissions.models import (
    Evidence,
    ExternalValue,
    IndicatorItem,
    Report,
    ReportVersion,
    SourceSystem,
    TaskItem,
)
from theodoi.synth import names
from theodoi.units.choices import UnitKind
from theodoi.units.models import Unit

CLAUSE = "Trước 17h00 ngày 12 hằng tháng"
BATCH = 2000
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@dataclass(frozen=True)
class SynthSpec:
    """The scale and the shape of the data; every count is per province unless it says otherwise."""

    provinces: int = 1
    departments: int = 20
    divisions: int = 2  # per department
    communes: int = 128
    plans_per_province: int = 1
    tasks: int = 30  # per plan
    indicators: int = 10  # per plan
    months: int = 12  # closed monthly periods before the open one
    late_share: float = 0.15  # of the reports of closed periods
    missing_share: float = 0.05
    returned_share: float = 0.03
    open_submitted_share: float = 0.1  # of the open period's reports, already sent
    open_draft_share: float = 0.3  # begun but not sent
    group_share: float = 0.9  # tasks assigned to every department and commune through groups
    extracted_share: float = 0.6  # indicators whose numbers a source system pushes
    snapshot_months: int = 1  # closed periods (the latest) whose sent reports keep their frozen versions
    users: bool = True
    password: str = "theodoi-bench"
    prefix: str = "synth"
    seed: int = 1
    now: datetime | None = None


PRESETS: dict[str, SynthSpec] = {
    "tiny": SynthSpec(departments=3, divisions=1, communes=4, tasks=5, indicators=3, months=2),
    # About 150 reporting units, 30 tasks and 10 indicators each.
    "province": SynthSpec(),
    # 34 provinces of 20 departments and 88 communes: 3,706 units, a year of monthly periods.
    "national": SynthSpec(provinces=34, divisions=0, communes=88),
}


def spec_for(size: str, **overrides: Any) -> SynthSpec:
    return replace(PRESETS[size], **{key: value for key, value in overrides.items() if value is not None})


@dataclass
class Province:
    unit: Unit
    departments: list[Unit] = field(default_factory=list)
    communes: list[Unit] = field(default_factory=list)
    reporters: dict[int, User] = field(default_factory=dict)
    coordinator: User | None = None

    @property
    def reporting_units(self) -> list[Unit]:
        return [*self.departments, *self.communes]


def _bulk(model: type[models.Model], rows: list[Any]) -> list[Any]:
    return model._default_manager.bulk_create(rows, batch_size=BATCH)  # type: ignore[attr-defined]


class Builder:
    """Writes one spec's data; `counts` says how many rows of each model it wrote."""

    def __init__(self, spec: SynthSpec, *, progress: Any = None) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.now = spec.now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.counts: dict[str, int] = {}
        self.progress = progress or (lambda message: None)
        self.password_hash = make_password(spec.password, salt=f"synth{spec.seed}") if spec.users else ""

    def _count(self, model: type[models.Model], rows: Iterable[Any]) -> None:
        name = model._meta.label
        self.counts[name] = self.counts.get(name, 0) + len(list(rows))

    def _save(self, model: type[models.Model], rows: list[Any]) -> list[Any]:
        saved = _bulk(model, rows)
        self._count(model, rows)
        return saved

    # --- the whole run ------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        periods = self._periods()
        self.system = self._source_system()
        for number in range(self.spec.provinces):
            with transaction.atomic():
                province = self._province(number)
                for index in range(self.spec.plans_per_province):
                    self._plan(province, index, periods)
            self.progress(f"{number + 1}/{self.spec.provinces} {province.unit.name}")
        return self.counts

    def _periods(self) -> list[tuple[Period, datetime]]:
        """The closed months before now and the open one (the first still to fall due)."""
        schedule = SubmissionSchedule(read_submission_clause(CLAUSE), WindowMode.DECREE_09, False)
        year = self.today.year
        months = self.spec.months
        found = schedule.periods_between(date(year - months // 12 - 2, 1, 1), date(year + 1, 12, 31), work_calendar())
        open_index = next(i for i, (_, due) in enumerate(found) if due > self.now)
        return found[max(open_index - months, 0) : open_index + 1]

    def _source_system(self) -> SourceSystem:
        name = f"Hệ thống thông tin giải quyết TTHC ({self.spec.prefix})"
        token = f"{self.spec.prefix}-{self.spec.seed}-{self.rng.random()}"
        system, _ = SourceSystem.objects.get_or_create(
            name=name, defaults={"token_hash": hashlib.sha256(token.encode()).hexdigest(), "token_prefix": "synth"}
        )
        return system

    # --- units and people ---------------------------------------------------------------------------

    def _unit(self, parent: Unit | None, kind: str, name: str, code: str, short: str = "") -> Unit:
        name = clean(name)
        return Unit(
            parent=parent, kind=kind, name=name, short_name=short, code=code, is_sample=True,
            search_key=search_key(name),
        )  # fmt: skip

    def _province(self, number: int) -> Province:
        spec = self.spec
        label, level = names.PROVINCES[number % len(names.PROVINCES)]
        if number >= len(names.PROVINCES):
            label = f"{label} {number // len(names.PROVINCES) + 1}"
        code = f"{spec.prefix}.{names.slug(label)}"
        root = self._save(Unit, [self._unit(None, UnitKind.PROVINCE, f"UBND {level} {label}", code)])[0]
        departments = self._save(Unit, [
            self._unit(root, UnitKind.DEPARTMENT, name, f"{code}.{names.slug(short)}", short)
            for name, short in self._department_names(spec.departments)
        ])  # fmt: skip
        self._save(Unit, [
            self._unit(department, UnitKind.DIVISION, name, f"{department.code}.{names.slug(name)}")
            for department in departments
            for name in names.numbered(names.DIVISIONS, spec.divisions)
        ])  # fmt: skip
        communes = self._save(Unit, [
            self._unit(root, UnitKind.COMMUNE, name, commune_code)
            for name, commune_code in self._commune_codes(code, names.commune_names(self.rng, spec.communes))
        ])  # fmt: skip
        province = Province(root, departments, communes)
        if spec.users:
            self._people(province)
        return province

    @staticmethod
    def _commune_codes(province_code: str, commune_names: list[str]) -> list[tuple[str, str]]:
        """Names with their codes; names that differ only by their marks ("Thạnh"/"Thành") are numbered."""
        seen: dict[str, int] = {}
        found = []
        for name in commune_names:
            code = f"{province_code}.{names.slug(name)}"
            seen[code] = seen.get(code, 0) + 1
            found.append((name, code if seen[code] == 1 else f"{code}-{seen[code]}"))
        return found

    @staticmethod
    def _department_names(count: int) -> list[tuple[str, str]]:
        base = names.DEPARTMENTS
        return [
            (base[i % len(base)][0] + (f" {i // len(base) + 1}" if i >= len(base) else ""),
             base[i % len(base)][1] + (f"{i // len(base) + 1}" if i >= len(base) else ""))
            for i in range(count)
        ]  # fmt: skip

    def _user(self, username: str, role: str, unit: Unit, full_name: str) -> User:
        return User(
            username=username, role=role, unit=unit, full_name=full_name, password=self.password_hash,
            date_joined=self.now,
        )  # fmt: skip

    def _people(self, province: Province) -> None:
        """A reporter at every reporting unit, the standing agency's coordinator, a leader who reads."""
        rows = [
            self._user(f"cb.{unit.code}", Role.REPORTER, unit, f"Cán bộ {unit.name}")
            for unit in province.reporting_units
        ]
        standing = province.departments[0] if province.departments else province.unit
        code = province.unit.code
        rows.append(self._user(f"tt.{code}", Role.COORDINATOR, standing, f"Chuyên viên {standing.name}"))
        rows.append(self._user(f"ld.{code}", Role.VIEWER, province.unit, f"Lãnh đạo {province.unit.name}"))
        saved = self._save(User, rows)
        province.reporters = {user.unit_id: user for user in saved if user.role == Role.REPORTER}
        province.coordinator = saved[-2]

    # --- a plan -------------------------------------------------------------------------------------

    def _plan(self, province: Province, index: int, periods: list[tuple[Period, datetime]]) -> None:
        first, last = periods[0][0], periods[-1][0]
        standing = province.departments[0] if province.departments else province.unit
        title = f"Kế hoạch cải cách hành chính năm {last.year} của {province.unit.name}"
        if index:
            title += f" (đợt {index + 1})"
        plan = Plan(
            owner=province.unit, standing_unit=standing, title=title, number=f"{100 + index}/KH-UBND",
            issued_on=date(first.year, 1, 10), issuer=province.unit.name, signer="Nguyễn Văn An",
            place=province.unit.name.split(" ", 2)[-1], period_from=first.year, period_to=last.year,
            search_key=search_key(f"{title} {100 + index}/KH-UBND"),
        )  # fmt: skip
        plan = self._save(Plan, [plan])[0]
        tasks, indicators = self._contents(plan)
        owed = self._assignments(province, tasks, indicators)
        period_rows = self._schedule(plan, periods)
        extracted = indicators[: round(len(indicators) * self.spec.extracted_share)]
        for row in period_rows:
            self._reports(plan, province, row, owed, {indicator.pk for indicator in extracted})

    def _contents(self, plan: Plan) -> tuple[list[Task], list[Indicator]]:
        spec, rng = self.spec, self.rng
        sections = self._save(Section, [
            Section(plan=plan, title=title, position=position)
            for position, title in enumerate(names.SECTIONS[: max(1, min(len(names.SECTIONS), spec.tasks // 5))], 1)
        ])  # fmt: skip
        indicators = []
        for position in range(1, spec.indicators + 1):
            name, numerator, denominator = names.INDICATORS[(position - 1) % len(names.INDICATORS)]
            if position > len(names.INDICATORS):
                name = f"{name} (nhóm {(position - 1) // len(names.INDICATORS) + 1})"
            percent = bool(numerator)
            target = Decimal(rng.choice([80, 90, 95, 98, 100])) if percent else Decimal(rng.randint(2, 20))
            indicators.append(Indicator(
                plan=plan, ref=str(position), position=position, name=name,
                unit_of_measure="%" if percent else "văn bản", target_op=TargetOp.GE, target_value=target,
                target_text=f"≥ {target}%" if percent else f"≥ {target}", formula_numerator=numerator,
                formula_denominator=denominator, formula_text="a/b × 100%" if percent else "",
                data_source="Hệ thống thông tin giải quyết TTHC" if percent else "Báo cáo của đơn vị",
                responsible_names=["Các sở, ban, ngành", "UBND các xã, phường"], search_key=search_key(name),
            ))  # fmt: skip
        indicators = self._save(Indicator, indicators)
        tasks = []
        for position in range(1, spec.tasks + 1):
            section = sections[(position - 1) * len(sections) // spec.tasks]
            name = f"{rng.choice(names.TASK_VERBS)} {rng.choice(names.TASK_OBJECTS)}"
            output = f"{rng.choice(names.OUTPUTS)} {name[0].lower()}{name[1:]}"
            recurring = rng.random() < 0.7
            due = None if recurring else self.today - timedelta(days=rng.randint(-200, 200))
            tasks.append(Task(
                plan=plan, section=section, ref=f"{ROMAN[sections.index(section)]}.{position}", position=position,
                name=name, output=output,
                deadline_kind=DeadlineKind.RECURRING if recurring else DeadlineKind.DATE,
                deadline_text="Thường xuyên" if recurring else f"Trước ngày {due:%d/%m/%Y}", deadline_due=due,
                lead_names=["Các sở, ban, ngành", "UBND các xã, phường"], search_key=search_key(f"{name} {output}"),
            ))  # fmt: skip
        return self._save(Task, tasks), indicators

    def _assignments(
        self, province: Province, tasks: list[Task], indicators: list[Indicator]
    ) -> dict[int, tuple[list[Task], list[Indicator]]]:
        """Assign the plan; returns what each unit owes in every period (its tasks and indicators)."""
        rng, departments = self.rng, province.departments
        owed: dict[int, tuple[list[Task], list[Indicator]]] = {
            unit.pk: ([], list(indicators)) for unit in province.reporting_units
        }
        rows: list[Assignment] = []

        def group(**target: Any) -> None:
            for unit in province.reporting_units:
                token = "@so-ban-nganh" if unit.kind == UnitKind.DEPARTMENT else "@ubnd-xa-phuong"
                rows.append(Assignment(unit=unit, role=AssignmentRole.LEAD, via_group=token, **target))

        for indicator in indicators:
            group(indicator=indicator)
        for task in tasks:
            if rng.random() < self.spec.group_share or len(departments) < 3:
                group(task=task)
                for unit in province.reporting_units:
                    owed[unit.pk][0].append(task)
                continue
            lead, *helpers = rng.sample(departments, 3)
            rows.append(Assignment(task=task, unit=lead, role=AssignmentRole.LEAD))
            rows += [Assignment(task=task, unit=unit, role=AssignmentRole.COORDINATING) for unit in helpers]
            for unit in (lead, *helpers):
                owed[unit.pk][0].append(task)
        self._save(Assignment, rows)
        return owed

    def _schedule(self, plan: Plan, periods: list[tuple[Period, datetime]]) -> list[ReportingPeriod]:
        rules = read_submission_clause(CLAUSE)
        windows = [period.window(WindowMode.DECREE_09) for period, _ in periods]
        self._save(ReportingSchedule, [ReportingSchedule(
            plan=plan, clause_text=CLAUSE, rules=[rule.to_dict() for rule in rules],
            starts_on=windows[0][0], ends_on=windows[-1][1], active_from=periods[0][1] - timedelta(days=40),
        )])  # fmt: skip
        return self._save(ReportingPeriod, [
            ReportingPeriod(
                plan=plan, kind=period.kind, year=period.year, index=period.index, window_start=window[0],
                window_end=window[1], due_at=due, original_due_at=due,
            )
            for (period, due), window in zip(periods, windows, strict=True)
        ])  # fmt: skip

    # --- reports ------------------------------------------------------------------------------------

    def _outcome(self, period: ReportingPeriod) -> tuple[str, datetime | None]:
        """A report's state and when it first reached the standing agency (None: never)."""
        rng, spec, due = self.rng, self.spec, period.due_at
        draw = rng.random()
        if due > self.now:  # the open period
            if draw < spec.open_submitted_share:
                opened = datetime.combine(period.window_start, datetime.min.time(), due.tzinfo)
                start = max(opened, due - timedelta(days=20))
                return ReportState.SUBMITTED, start + (min(self.now, due) - start) * rng.random()
            return (ReportState.DRAFT if draw < spec.open_submitted_share + spec.open_draft_share
                    else ReportState.NOT_SUBMITTED), None  # fmt: skip
        if draw < spec.missing_share:
            return rng.choice([ReportState.NOT_SUBMITTED, ReportState.DRAFT]), None
        if draw < spec.missing_share + spec.late_share:
            sent = due + timedelta(seconds=rng.randint(600, 7 * 86400))
        else:
            sent = due - timedelta(seconds=rng.randint(60, 6 * 86400))
        sent = min(sent, self.now - timedelta(minutes=1))
        if rng.random() < spec.returned_share:
            return ReportState.RETURNED, sent
        accepted = sent + timedelta(seconds=rng.randint(3600, 3 * 86400))
        return (ReportState.ACCEPTED if accepted < self.now and rng.random() < 0.85 else ReportState.SUBMITTED), sent

    def _reports(
        self, plan: Plan, province: Province, period: ReportingPeriod,
        owed: dict[int, tuple[list[Task], list[Indicator]]], extracted: set[int],
    ) -> None:  # fmt: skip
        units = province.reporting_units
        outcomes = [self._outcome(period) for _ in units]
        reports = []
        for unit, (state, sent) in zip(units, outcomes, strict=True):
            reporter = province.reporters.get(unit.pk)
            sent_state = state in (ReportState.SUBMITTED, ReportState.ACCEPTED, ReportState.RETURNED)
            accepted = state == ReportState.ACCEPTED
            saves = 0 if state == ReportState.NOT_SUBMITTED else self.rng.randint(2, 8)
            reports.append(Report(
                plan=plan, unit=unit, period_kind=period.kind, period_year=period.year, period_index=period.index,
                state=state, version=1 + saves + (1 if sent_state else 0) + (1 if accepted else 0)
                + (2 if state == ReportState.RETURNED else 0), due_at=period.due_at,
                submitted_at=sent, first_submitted_at=sent, is_late=bool(sent and sent > period.due_at),
                submitted_by=reporter if sent else None,
                accepted_at=sent + timedelta(hours=self.rng.randint(1, 72)) if accepted else None,
                accepted_by=province.coordinator if accepted else None,
                last_saved_at=sent or (period.due_at - timedelta(days=2) if saves else None),
                last_saved_by=reporter if saves else None,
            ))  # fmt: skip
        reports = self._save(Report, reports)
        self._save(UnitReport, [
            UnitReport(period=period, unit_id=report.unit_id, submitted_at=report.first_submitted_at,
                       submitted_by=report.submitted_by)
            for report in reports
        ])  # fmt: skip
        self._items(period, reports, owed, extracted)

    def _items(
        self, period: ReportingPeriod, reports: list[Report], owed: dict[int, tuple[list[Task], list[Indicator]]],
        extracted: set[int],
    ) -> None:  # fmt: skip
        task_items: list[TaskItem] = []
        indicator_items: list[IndicatorItem] = []
        externals: list[ExternalValue] = []
        for report in reports:
            filled = report.state != ReportState.NOT_SUBMITTED
            partly = report.state in (ReportState.DRAFT,) and report.first_submitted_at is None
            tasks, indicators = owed[report.unit_id]
            for number, task in enumerate(tasks):
                item = TaskItem(report=report, task=task)
                if filled and not (partly and number % 2):
                    self._fill_task(item, period)
                task_items.append(item)
            for number, indicator in enumerate(indicators):
                item = IndicatorItem(report=report, indicator=indicator)
                external = None
                if indicator.pk in extracted:
                    external = self._external(report, indicator, period)
                    externals.append(external)
                if filled and not (partly and number % 2):
                    self._fill_indicator(item, external)
                indicator_items.append(item)
        self._save(ExternalValue, externals)
        self._save(TaskItem, task_items)
        self._save(IndicatorItem, indicator_items)
        evidence = self._evidence(reports, indicator_items)
        self._versions(period, reports, task_items, indicator_items, evidence)

    def _fill_task(self, item: TaskItem, period: ReportingPeriod) -> None:
        rng = self.rng
        progress = rng.choices(
            [TaskProgress.IN_PROGRESS, TaskProgress.DONE, TaskProgress.AT_RISK, TaskProgress.LATE,
             TaskProgress.NOT_STARTED], [50, 25, 10, 5, 10],
        )[0]  # fmt: skip
        item.progress = progress
        if progress != TaskProgress.NOT_STARTED:
            item.work_done = rng.choice(names.WORK_DONE)
            item.percent_done = Decimal(100 if progress == TaskProgress.DONE else rng.randint(10, 90))
        if progress == TaskProgress.DONE:
            latest = min(period.window_end, self.today)
            item.completed_on = latest - timedelta(days=rng.randint(0, 25))
            item.product = item.task.output or "Báo cáo kết quả"
        if content.needs_explanation(item, period.window_end):
            item.difficulties = rng.choice(names.DIFFICULTIES)
            item.cause_kind = rng.choice(["subjective", "objective", "both"])
            item.causes = rng.choice(names.CAUSES)
            item.remedies = rng.choice(names.REMEDIES)
        item.flags = [flag.as_dict() for flag in content.task_flags(item, period.window_end)]

    def _figures(self, indicator: Indicator) -> tuple[Decimal | None, Decimal | None, Decimal]:
        if indicator.formula_numerator:
            denominator = Decimal(self.rng.randint(20, 800))
            numerator = (denominator * Decimal(self.rng.uniform(0.75, 1))).quantize(Decimal(1))
            return numerator, denominator, checks.formula_value(numerator, denominator, percent=True) or Decimal(0)
        return None, None, Decimal(self.rng.randint(0, 25))

    def _external(self, report: Report, indicator: Indicator, period: ReportingPeriod) -> ExternalValue:
        numerator, denominator, value = self._figures(indicator)
        at = min(period.due_at - timedelta(days=3), self.now - timedelta(hours=2))
        return ExternalValue(
            system=self.system, unit_id=report.unit_id, indicator=indicator, period_kind=period.kind,
            period_year=period.year, period_index=period.index, numerator=numerator, denominator=denominator,
            value=value, extracted_at=at, received_at=at,
        )  # fmt: skip

    def _fill_indicator(self, item: IndicatorItem, external: ExternalValue | None) -> None:
        if external is not None:
            item.extracted_numerator, item.extracted_denominator = external.numerator, external.denominator
            item.extracted_value, item.extracted_system = external.value, self.system.name
            item.extracted_at = external.extracted_at
            item.source_kind, item.source_system = SourceKind.EXTRACTED, self.system.name
        else:
            numerator, denominator, value = self._figures(item.indicator)
            if numerator is not None:
                item.numerator, item.denominator = numerator, denominator
            else:
                item.value = value
            item.source_kind = SourceKind.MANUAL
        content.refresh_indicator(item, None, None)

    def _evidence(self, reports: list[Report], items: list[IndicatorItem]) -> list[Evidence]:
        """A link to the summary table behind each typed indicator of a sent report."""
        sent = {report.pk for report in reports if report.first_submitted_at is not None}
        rows = [
            Evidence(
                report_id=item.report_id, indicator_item=item, kind="link",
                url=f"https://vanban.example.gov.vn/bao-cao/{item.report_id}/chi-tieu-{item.indicator.ref}",
                title="Bảng tổng hợp số liệu", added_by=None,
            )
            for item in items
            if item.report_id in sent and item.source_kind == SourceKind.MANUAL
        ]  # fmt: skip
        return self._save(Evidence, rows)

    def _versions(
        self, period: ReportingPeriod, reports: list[Report], task_items: list[TaskItem],
        indicator_items: list[IndicatorItem], evidence: list[Evidence],
    ) -> None:  # fmt: skip
        """Frozen copies of the reports sent in the open period and the latest closed ones."""
        cutoff = self.now - timedelta(days=31 * self.spec.snapshot_months)
        if period.due_at < cutoff:
            return
        by_report: dict[int, list[Any]] = {}
        for item in [*task_items, *indicator_items]:
            by_report.setdefault(item.report_id, []).append(item)
        by_item: dict[int, list[Evidence]] = {}
        for row in evidence:
            by_item.setdefault(row.indicator_item_id, []).append(row)
        versions = []
        for report in reports:
            if report.first_submitted_at is None:
                continue
            items = [
                content.item_snapshot(item, by_item.get(item.pk, []) if isinstance(item, IndicatorItem) else [])
                for item in by_report.get(report.pk, [])
            ]
            snapshot = {
                "report": report.pk, "plan": report.plan_id, "unit": report.unit_id, "unit_name": report.unit.name,
                "period": report.period.key, "period_label": report.period.label,
                "taken_at": report.first_submitted_at.isoformat(), "due_at": report.due_at.isoformat(),
                "is_late": report.is_late, "items": items,
            }  # fmt: skip
            versions.append(ReportVersion(
                report=report, number=1, snapshot=snapshot, created_at=report.first_submitted_at,
                created_by=report.submitted_by,
            ))  # fmt: skip
        self._save(ReportVersion, versions)


def synth_build(spec: SynthSpec, *, progress: Any = None) -> dict[str, int]:
    """Write the data of `spec`; returns the number of rows written per model."""
    return Builder(spec, progress=progress).run()


def synth_clear(prefix: str = "synth") -> int:
    """Delete every row a build with `prefix` wrote (for tests and reruns on a small database)."""
    units = Unit.objects.filter(code__startswith=f"{prefix}.")
    plans = Plan.objects.filter(owner__in=units)
    ExternalValue.objects.filter(unit__in=units).delete()
    Report.objects.filter(plan__in=plans).delete()
    deleted, _ = plans.delete()
    User.objects.filter(unit__in=units).delete()
    SourceSystem.objects.filter(name__endswith=f"({prefix})").delete()
    for kind in (UnitKind.DIVISION, UnitKind.DEPARTMENT, UnitKind.COMMUNE, UnitKind.PROVINCE):
        deleted += units.filter(kind=kind).delete()[0]
    return deleted
