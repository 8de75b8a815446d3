from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("UBND tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    VERTICAL = "vertical", _("Cơ quan ngành dọc")
    ORGANISATION = "organisation", _("Tổ chức, cơ quan khác")
    COMMUNE = "commune", _("UBND xã, phường")
    DIVISION = "division", _("Phòng, đơn vị thuộc sở")


# Kinds that may sit directly under each kind of parent (None: a root).
ALLOWED_PARENT_KINDS: dict[str, set[str | None]] = {
    UnitKind.PROVINCE: {None},
    UnitKind.DEPARTMENT: {UnitKind.PROVINCE},
    UnitKind.VERTICAL: {UnitKind.PROVINCE},
    UnitKind.ORGANISATION: {UnitKind.PROVINCE, None},
    UnitKind.COMMUNE: {UnitKind.PROVINCE},
    UnitKind.DIVISION: {UnitKind.DEPARTMENT, UnitKind.VERTICAL, UnitKind.PROVINCE},
}

# Group tokens whose members follow from the unit tree, resolved per plan owner.
DERIVED_GROUPS = {
    "@so-ban-nganh": _("Các sở, ban, ngành"),
    "@ubnd-xa-phuong": _("UBND các xã, phường"),
    "@phong-don-vi": _("Các phòng, đơn vị"),
}
LISTED_GROUPS = {
    "@lien-quan": _("Cơ quan, đơn vị có liên quan"),
    "@co-quan-bao-dai": _("Các cơ quan Báo, Đài"),
    "@to-chuc-xa-hoi-nghe-nghiep": _("Các tổ chức xã hội - nghề nghiệp"),
    "@to-cong-nghe-so-cong-dong": _("Các Tổ Công nghệ số cộng đồng"),
    "@doanh-nghiep-htx": _("Các doanh nghiệp, hợp tác xã"),
}
