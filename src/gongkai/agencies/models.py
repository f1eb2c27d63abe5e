"""Agencies (行政机关) and their staff.

The hierarchy is 人民政府 → (政府信息公开工作主管部门, 部门) → 下属机构. `path` materialises it
("/1/4/9/") so that "every agency below this government" is one indexed prefix query.
The 第十二条 facts (name, address, office hours, phone, fax, e-mail, website) live here and feed the
政府信息公开指南 on the portal.
"""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import connections, models

from gongkai.core import codes


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    OFFICE = "office", "政府信息公开工作主管部门"
    DEPARTMENT = "department", "部门"
    SUBORDINATE = "subordinate", "下属机构"


# The hierarchy 人民政府 → (主管部门, 部门) → 下属机构: which parent each kind may have.
_PARENT_RULES = {
    AgencyKind.GOVERNMENT: ((None, AgencyKind.GOVERNMENT), "人民政府的上级只能是人民政府。"),
    AgencyKind.OFFICE: ((AgencyKind.GOVERNMENT,), "政府信息公开工作主管部门的上级须为人民政府。"),
    AgencyKind.DEPARTMENT: ((AgencyKind.GOVERNMENT,), "部门的上级须为人民政府。"),
    AgencyKind.SUBORDINATE: ((AgencyKind.DEPARTMENT, AgencyKind.SUBORDINATE), "下属机构的上级须为部门或下属机构。"),
}


def validate_uscc(value: str) -> None:
    if message := codes.check_uscc(value):
        raise ValidationError(message, code="invalid_uscc")


def validate_org_code(value: str) -> None:
    if message := codes.check_org_code(value):
        raise ValidationError(message, code="invalid_org_code")


def path_segment(pk: int) -> str:
    """One level of `Agency.path`: the id zero-padded, so that ordering by path (the tree's order) puts
    siblings in the order they were created whatever the ids' widths ("/1/100/" sorted before "/1/99/")."""
    return f"{pk:010d}"


class Agency(models.Model):
    name = models.CharField("机关全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    slug = models.SlugField("网址标识", max_length=60, unique=True, help_text="用于门户网址，如 mtgkxj。")
    kind = models.CharField("机关类型", max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField("层级路径", max_length=255, editable=False, db_index=True, default="")
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_uscc],
        help_text="18位，系统校验校验位。",
    )
    org_code = models.CharField(
        "组织机构代码", max_length=10, blank=True, validators=[validate_org_code],
        help_text="无统一社会信用代码时填写，9位。用于生成索引号。",
    )
    # 第十二条: 政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式
    disclosure_office = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    fax = models.CharField("传真号码", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("网站", blank=True)
    review_body = models.CharField(
        "行政复议机关", max_length=100, blank=True,
        help_text="行政复议法（2023）第二十四条：县级以上地方人民政府工作部门的复议机关为本级人民政府。留空则自动推定。",
    )
    court = models.CharField("管辖人民法院", max_length=100, blank=True)
    doc_prefix = models.CharField("文书代字", max_length=30, blank=True, help_text="如「门科信公开」，用于文书编号。")
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "机关"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"], condition=~models.Q(uscc=""), name="agency_uscc_unique",
                violation_error_message="该统一社会信用代码已被其他机关使用。",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.uscc = codes.normalise_code(self.uscc)
        self.org_code = codes.normalise_code(self.org_code)
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{path_segment(self.pk)}/"
        if path != self.path:
            old = self.path
            Agency.objects.filter(pk=self.pk).update(path=path)
            self.path = path
            if old:  # move the subtree along
                for child in Agency.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    Agency.objects.filter(pk=child.pk).update(path=path + child.path[len(old):])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def code(self) -> str:
        """The 前段码 of the 索引号 (docs/law.md §5.2): the 组织机构代码, else the USCC."""
        if self.org_code:
            return codes.normalise_code(self.org_code).replace("-", "")
        return codes.normalise_code(self.uscc)

    def clean_fields(self, exclude=None) -> None:
        # Pasted codes often carry spaces or lower case; normalise before the length check.
        self.uscc = codes.normalise_code(self.uscc)
        self.org_code = codes.normalise_code(self.org_code)
        super().clean_fields(exclude)

    def clean(self) -> None:
        # 索引号 (docs/law.md §5.2) needs a 前段码: one of the two codes must be present.
        if not self.uscc and not self.org_code:
            raise ValidationError("统一社会信用代码和组织机构代码至少填写一项（用于生成索引号）。")
        parent = self.parent if self.parent_id else None
        if parent is not None and self.pk is not None:
            if parent.pk == self.pk:
                raise ValidationError({"parent": "上级机关不能是本机关。"})
            if self.path and parent.path.startswith(self.path):
                raise ValidationError({"parent": "上级机关不能是本机关的下属机关（会形成循环）。"})
        allowed, message = _PARENT_RULES.get(self.kind, ((None, *AgencyKind), ""))  # bad kind: field error
        if (parent.kind if parent is not None else None) not in allowed:
            raise ValidationError({"parent": message})
        # 条例 第四十九条: departments report to 「本级政府信息公开工作主管部门」 (one per government),
        # so a government has at most one such office.
        if self.kind == AgencyKind.OFFICE and parent is not None:
            others = Agency.objects.filter(parent=parent, kind=AgencyKind.OFFICE).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    {"kind": f"{parent.name}已有政府信息公开工作主管部门（{others.first().name}）。"}
                )
        if (
            self.pk is not None
            and self.kind != AgencyKind.GOVERNMENT
            and self.children.filter(kind__in=[AgencyKind.OFFICE, AgencyKind.DEPARTMENT]).exists()
        ):
            raise ValidationError({"kind": "本机关下设有部门，只有人民政府可以下设部门。"})

    @property
    def government(self) -> "Agency | None":
        """The 人民政府 this agency belongs to (itself for a government)."""
        node = self
        while node is not None and node.kind != AgencyKind.GOVERNMENT:
            node = node.parent
        return node

    def descendants(self, include_self: bool = True):
        qs = Agency.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def default_review_body(self) -> str:
        """行政复议法(2023) 第二十四条: a local department's 复议机关 is the 本级人民政府."""
        if self.review_body:
            return self.review_body
        gov = self.government
        if self.kind == AgencyKind.GOVERNMENT:
            parent_gov = self.parent.government if self.parent else None
            return parent_gov.name if parent_gov else ""
        return gov.name if gov else ""


class Role(models.TextChoices):
    HANDLER = "handler", "经办人"
    REVIEWER = "reviewer", "审核人"
    HEAD = "head", "负责人"
    SUPERVISOR = "supervisor", "主管部门"
    ADMIN = "admin", "系统管理员"


#: Roles that act for one agency and therefore need the user's 所属机关.
AGENCY_ROLES = frozenset({Role.HANDLER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR})


class User(AbstractUser):
    """A person who logs in: agency staff (with an agency and roles) or a member of the public."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name="所属机关", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def roles(self) -> frozenset[str]:
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = frozenset(self._read_roles()) if self.pk else frozenset()
            self._roles_cache = cached
        return cached

    def _read_roles(self) -> list[str]:
        """Plain SQL: every signed-in request asks once, and building the ORM query cost ten times more
        than running it (issue 16)."""
        conn = connections[self._state.db or "default"]
        table = conn.ops.quote_name(RoleAssignment._meta.db_table)
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT role FROM {table} WHERE user_id = %s", [self.pk])  # noqa: S608 (no input)
            return [row[0] for row in cursor.fetchall()]

    def forget_roles(self) -> None:
        """Drop the cached role set (after roles changed)."""
        self.__dict__.pop("_roles_cache", None)

    @property
    def is_admin(self) -> bool:
        """系统管理员: the only users who may enter the Django admin."""
        return self.is_active and (self.is_superuser or Role.ADMIN in self.roles)

    @property
    def is_staff_member(self) -> bool:
        return self.is_active and (self.agency_id is not None or Role.ADMIN in self.roles or self.is_superuser)

    def role_labels(self) -> list[str]:
        return [Role(r).label for r in Role.values if r in self.roles]


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user}：{self.get_role_display()}"

    def clean(self) -> None:
        try:
            user = self.user
        except User.DoesNotExist:  # the inline form of a user not yet saved
            return
        if not self.role:
            return
        if self.role in AGENCY_ROLES and user.agency_id is None:
            raise ValidationError({"role": f"「{self.get_role_display()}」角色须先为用户指定所属机关。"})
        # 主管部门 reads every agency below its government, so only staff of a government or of its
        # 政府信息公开工作主管部门 may hold it (条例 第四十七条: 主管部门的指导和监督).
        if self.role == Role.SUPERVISOR and user.agency.kind not in (AgencyKind.GOVERNMENT, AgencyKind.OFFICE):
            raise ValidationError(
                {"role": "「主管部门」角色只能授予人民政府或政府信息公开工作主管部门的工作人员。"}
            )
