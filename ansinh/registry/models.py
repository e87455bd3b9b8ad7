from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ansinh.core import text
from ansinh.core.ids import mask_cccd
from ansinh.geo.models import Area, Commune, WageRegion
from ansinh.registry import rules


class Sex(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Household(models.Model):
    class Poverty(models.TextChoices):
        NONE = "none", _("not poor")
        POOR = "poor", _("poor household")
        NEAR_POOR = "near_poor", _("near-poor household")

    code = models.CharField(_("household code"), max_length=20, unique=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="households")
    address = models.CharField(_("address"), max_length=200)
    poverty = models.CharField(_("poverty status"), max_length=10, choices=Poverty.choices, default=Poverty.NONE)

    class Meta:
        verbose_name = _("household")

    def __str__(self):
        return self.code


def _clean_texts(record, name_fields=(), text_fields=()) -> dict[str, list[str]]:
    """Names and free text in NFC with invisible characters refused (core.text); the record keeps the clean form."""
    errors: dict[str, list[str]] = {}
    for name in name_fields:
        problems = text.name_errors(getattr(record, name), record._meta.get_field(name).max_length)
        if problems:
            errors[name] = problems
        else:
            setattr(record, name, text.normalise(getattr(record, name)))
    for name in text_fields:
        field = record._meta.get_field(name)
        try:
            setattr(record, name, text.clean_text(getattr(record, name) or "", field.max_length))
        except ValueError as problem:
            errors[name] = [str(problem)]
    return errors


class Person(models.Model):
    """A participant or citizen known to the agency. The CCCD may be missing or wrong until reconciled."""

    cccd = models.CharField(_("CCCD"), max_length=12, unique=True, null=True, blank=True)
    si_number = models.CharField(_("SI number"), max_length=10, unique=True)
    full_name = models.CharField(_("full name"), max_length=100, db_index=True)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="people")
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    address = models.CharField(_("address"), max_length=200, blank=True)
    ethnic_minority = models.BooleanField(_("ethnic minority"), default=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    death_date = models.DateField(_("date of death"), null=True, blank=True)
    # TK1-TS data (the participant's declaration form): kept as the employer or the citizen declared it.
    nationality = models.CharField(_("nationality"), max_length=40, blank=True, default="VN", db_default="VN")
    ethnicity = models.CharField(_("ethnic group"), max_length=40, blank=True, default="", db_default="")
    birth_registration_place = models.CharField(
        _("place of birth registration"), max_length=200, blank=True, default="", db_default=""
    )
    hi_facility_code = models.CharField(
        _("chosen HI registration facility (code)"), max_length=5, blank=True, default="", db_default=""
    )
    household_relation = models.CharField(
        _("relation to the household head"), max_length=30, blank=True, default="", db_default=""
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.full_name} ({mask_cccd(self.cccd or '')})"

    @property
    def masked_cccd(self) -> str:
        return mask_cccd(self.cccd or "")

    def clean(self):
        errors = rules.person_errors(self.cccd, self.birth_date, self.sex)
        errors.update(
            _clean_texts(self, name_fields=("full_name",), text_fields=("address", "birth_registration_place"))
        )
        if errors:
            raise ValidationError(errors)


class Sector(models.TextChoices):
    ENTERPRISE = "enterprise", _("enterprise")
    FDI = "fdi", _("foreign-invested enterprise")
    STATE = "state", _("state agency or public unit")
    COOPERATIVE = "cooperative", _("cooperative")
    HOUSEHOLD_BUSINESS = "household_business", _("business household")
    NGO = "ngo", _("association or NGO")


class Employer(models.Model):
    """An employer unit (đơn vị) that declares its workers and pays contributions."""

    unit_code = models.CharField(_("unit code"), max_length=10, unique=True)
    tax_code = models.CharField(_("tax code"), max_length=14, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    wage_region = models.CharField(_("minimum-wage region"), max_length=3, choices=WageRegion.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="employers")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="employers")
    address = models.CharField(_("address"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    e_transactions = models.BooleanField(_("transacts electronically"), default=True)
    registered_on = models.DateField(_("registered on"))

    class Meta:
        verbose_name = _("employer unit")
        ordering = ["unit_code"]

    def __str__(self):
        return f"{self.unit_code} {self.name}"

    def clean(self):
        errors = rules.employer_errors(self.unit_code, self.tax_code, self.wage_region)
        errors.update(_clean_texts(self, name_fields=("name",), text_fields=("address",)))
        if errors:
            raise ValidationError(errors)


class EmploymentSpell(models.Model):
    """A period of insured work for one employer at one salary. A salary change closes the spell and opens
    another, so the spells are the person's contribution-salary history."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="spells")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="spells")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    insured_salary = models.BigIntegerField(_("insured monthly salary (đồng)"))
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    hazardous = models.BooleanField(_("hazardous or arduous work"), default=False)
    # The parts of the contribution salary as declared (form D02-LT, columns 12–17). `insured_salary` is their
    # total on the start date; a salary on the state pay scale (coefficient × base salary) follows the base salary.
    wage = models.BigIntegerField(_("job wage (đồng)"), null=True, blank=True)
    pay_coefficient = models.DecimalField(
        _("pay-scale coefficient"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    position_coefficient = models.DecimalField(
        _("position allowance (coefficient)"), max_digits=5, decimal_places=2, default=0, db_default=0
    )
    position_allowance = models.BigIntegerField(_("position allowance (đồng)"), default=0, db_default=0)
    beyond_frame_pct = models.DecimalField(
        _("seniority beyond the pay frame (%)"), max_digits=5, decimal_places=2, default=0, db_default=0
    )
    seniority_pct = models.DecimalField(
        _("occupational seniority allowance (%)"), max_digits=5, decimal_places=2, default=0, db_default=0
    )
    allowances = models.BigIntegerField(_("wage allowances (đồng)"), default=0, db_default=0)
    supplements = models.BigIntegerField(_("regular supplements (đồng)"), default=0, db_default=0)
    end_reason = models.CharField(
        _("why the spell ended (plan code)"), max_length=5, blank=True, default="", db_default=""
    )

    class Meta:
        verbose_name = _("employment spell")
        indexes = [models.Index(fields=["employer", "end"]), models.Index(fields=["person", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="spell_end_after_start",
            ),
            models.CheckConstraint(condition=models.Q(insured_salary__gt=0), name="spell_salary_positive"),
        ]

    def __str__(self):
        return f"{self.person_id}@{self.employer_id} {self.start}–{self.end or '…'}"

    def clean(self):
        errors = rules.spell_errors(self.start, self.end, self.insured_salary)
        if errors:
            raise ValidationError(errors)

    def pay(self) -> dict:
        """The declared parts of the contribution salary, as the contribution rules take them."""
        return {name: getattr(self, name) for name in PAY_FIELDS}


PAY_FIELDS = (
    "wage",
    "pay_coefficient",
    "position_coefficient",
    "position_allowance",
    "beyond_frame_pct",
    "seniority_pct",
    "allowances",
    "supplements",
)
