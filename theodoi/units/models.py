from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.core.text import clean, search_key
from theodoi.units.choices import UnitKind


class Unit(models.Model):
    """An agency or unit in the tree: province → departments, communes, … → divisions."""

    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=UnitKind.choices)
    name = models.CharField(_("tên đầy đủ"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    code = models.CharField(
        _("mã"), max_length=120, unique=True,
        validators=[RegexValidator(r"^[a-z0-9][a-z0-9._-]*$", _("Mã chỉ gồm chữ thường không dấu, số, '.', '-', '_'."))],
        help_text=_("Mã ổn định, theo đường dẫn: dong-nai.so-khcn.van-phong"),
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    search_key = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_name_unique_under_parent"),
            models.CheckConstraint(condition=~models.Q(name=""), name="unit_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = clean(self.name)
        self.short_name = clean(self.short_name)
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def province(self) -> Unit | None:
        """The province this unit belongs to (itself for a province)."""
        node: Unit | None = self
        while node is not None and node.kind != UnitKind.PROVINCE:
            node = node.parent
        return node


class UnitAlias(models.Model):
    """Another spelling of a unit's name as documents write it ("Sở KH&CN", "P. CĐS")."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(_("cách viết"), max_length=300)
    key = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        constraints = [models.UniqueConstraint(fields=["unit", "key"], name="unit_alias_unique_per_unit")]

    def __str__(self) -> str:
        return self.text

    def save(self, *args: object, **kwargs: object) -> None:
        self.text = clean(self.text)
        self.key = search_key(self.text)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class UnitGroup(models.Model):
    """A named set of units (`@co-quan-bao-dai`) listed by hand within a scope unit.

    Groups that follow from the tree (`@so-ban-nganh`, `@ubnd-xa-phuong`, `@phong-don-vi`) are
    derived in selectors and are not stored here.
    """

    token = models.CharField(_("mã nhóm"), max_length=64)
    scope = models.ForeignKey(Unit, verbose_name=_("phạm vi"), on_delete=models.CASCADE, related_name="groups")
    members = models.ManyToManyField(Unit, verbose_name=_("thành viên"), related_name="member_of", blank=True)

    class Meta:
        verbose_name = _("nhóm đơn vị")
        verbose_name_plural = _("nhóm đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["token", "scope"], name="unit_group_unique_in_scope"),
            models.CheckConstraint(condition=models.Q(token__startswith="@"), name="unit_group_token_at"),
        ]

    def __str__(self) -> str:
        return f"{self.token} ({self.scope})"
