"""The sentences of the benefit computations: one per step code and one per check code (English msgids,
translated in locale/vi). Values ending in _vnd are money written with dots."""

from django.utils.translation import gettext_lazy as _

REASONS = {
    "too_few_years": _("needs %(needs_years)s years of contributions, has %(has_years)s years %(has_months)s months"),
    "below_age": _(
        "reaches the retirement age of %(age_years)s years %(age_months)s months only on %(reaches_on)s; is "
        "%(has_years)s years %(has_months)s months old"
    ),
}

GROUNDS = {
    "normal": _("Normal retirement"),
    "hazardous": _("Heavy or hazardous work"),
    "coal": _("Underground coal mining"),
    "hiv": _("Occupational HIV"),
    "reduced_capacity": _("Reduced working capacity"),
}

LABELS = {
    "retirement_age": _("at the retirement age"),
    "transitional": _("12 months out of SI (joined before 7/2025)"),
    "emigration": _("settling abroad"),
    "serious_illness": _("life-threatening illness"),
    "armed_forces": _("discharge from the armed forces"),
    "own": _("own illness"),
    "long_term": _("long-term illness"),
    "child": _("sick child"),
    "recovery": _("recovery"),
    "surgery": _("after surgery"),
    "other": _("other"),
    "birth": _("birth (mother)"),
    "paternity": _("paternity"),
    "voluntary_birth": _("birth (voluntary SI)"),
    "multiple": _("two or more children"),
    "caesarean": _("caesarean"),
    "indefinite": _("indefinite contract"),
    "fixed": _("fixed-term contract of 12 months or more"),
    "short": _("contract of 1 to under 12 months"),
    "accident": _("occupational accident"),
    "disease": _("occupational disease"),
    "contributing": _("contributing"),
    "reserved": _("keeping the SI record"),
    "pensioner": _("drawing a pension"),
    "occupational_monthly": _("drawing a monthly occupational allowance"),
    "occupational_death": _("died of an occupational accident or disease"),
    "relation.child": _("child"),
    "spouse": _("spouse"),
    "parent": _("parent"),
    "other_dependant": _("other dependant"),
    "regional_minimum": _("the regional minimum wage"),
    "reference_level": _("the reference level"),
}

CHECKS = {
    "insured_years": _(
        "Contribution time: needs %(needs_years)s years, has %(has_years)s years %(has_months)s months."
    ),
    "age": _(
        "Age: %(age_years)s years %(age_months)s months, reached on %(reaches_on)s; age at the start "
        "%(has_years)s years %(has_months)s months."
    ),
    "hazardous_years": _(
        "Heavy or hazardous work, or especially difficult areas: needs %(needs_years)s years, has %(has_years)s."
    ),
    "coal_years": _("Underground coal mining: needs %(needs_years)s years, has %(has_years)s."),
    "occupational_hiv": _("HIV infection from an occupational accident on duty."),
    "capacity_loss": _("Loss of working capacity: needs %(needs_pct)s%%, has %(has_pct)s%%."),
    "especially_hazardous_years": _(
        "Especially heavy or hazardous work: needs %(needs_years)s years, has %(has_years)s (at any age)."
    ),
    "one_off_ground": _("Ground for one-off SI: %(ground_label)s."),
    "under_pension_years": _(
        "Fewer than %(needs_years)s years of contributions: has %(has_years)s years %(has_months)s months."
    ),
    "not_in_voluntary_si": _("Not continuing in voluntary SI."),
    "joined_before": _("Joined SI (%(joined)s) before %(before)s."),
    "months_out_of_si": _("Out of compulsory SI for %(has_months)s months (needs %(needs_months)s)."),
    "under_years": _("Fewer than %(max_years)s years of contributions: has %(has_years)s years %(has_months)s months."),
    "ground_document": _("The document for the ground (%(ground_label)s) is on file."),
    "kind": _("Kind of leave: %(kind_label)s."),
    "insured_now": _("Insured when the leave starts."),
    "medical_certificate": _("Leave certified by a medical facility."),
    "days_left": _("Sick days: %(allowed_days)s a year, %(used_days)s already paid."),
    "long_term_days_left": _(
        "Long-term illness: %(full_rate_days)s days at the full rate, %(used_days)s already paid."
    ),
    "child_age": _("The child is %(age_years)s years %(age_months)s months old (under %(max_years)s)."),
    "recovery_reason": _("Reason for recovery leave: %(reason_label)s."),
    "sick_days_before_recovery": _("Sickness benefit this year: needs %(needs_days)s days, has %(has_days)s."),
    "event": _("Event: %(event_label)s."),
    "months_before_birth": _(
        "SI in the %(window)s months before the birth (%(window_from)s to %(window_to)s): needs %(needs_months)s "
        "months, has %(has_months)s."
    ),
    "recovery_after_birth": _(
        "Recovery after the birth (%(reason_label)s), within %(within_days)s days of returning to work."
    ),
    "voluntary_months_before_birth": _(
        "Voluntary SI in the %(window)s months before the birth (%(window_from)s to %(window_to)s): needs "
        "%(needs_months)s months, has %(has_months)s."
    ),
    "contract": _("Contract: %(contract_label)s."),
    "termination": _("The contract ended lawfully and no pension is drawn."),
    "ui_months_in_window": _(
        "Unemployment insurance in the %(window)s months before the contract ended: needs %(needs_months)s "
        "months, has %(has_months)s."
    ),
    "claim_in_time": _(
        "Claim filed on %(claimed_on)s, within %(months)s months of the contract's end (by %(deadline)s)."
    ),
    "no_new_job": _("No new job within %(days)s working days of the claim."),
    "insured_at_event": _("Insured in the occupational accident and disease fund when it happened."),
    "care_capacity": _("Care allowance: needs a %(needs_pct)s%% loss, has %(has_pct)s%%."),
    "recovery_capacity": _("Recovery leave: needs a %(needs_pct)s%% loss, has %(has_pct)s%%."),
    "deceased_status": _("The deceased: %(status_label)s."),
    "funeral_months": _("SI before the death: needs %(needs_months)s months, has %(has_months)s."),
    "deceased_qualifies": _(
        "The deceased qualifies for monthly survivor allowances (%(status_label)s, %(years)s years of SI)."
    ),
    "relative": _(
        "%(relation_label)s %(name)s, %(age)s years old: qualifies from %(needs_age)s or with a severe loss of "
        "capacity (has %(capacity_pct)s%%); income %(income_vnd)s."
    ),
    "qualifying_relatives": _("Relatives keeping the monthly allowance: %(count)s."),
    "no_monthly_relative": _("No relative keeps the monthly allowance (%(count)s would)."),
    "social_pension_age": _(
        "Age: needs %(needs_years)s, has %(has_years)s years %(has_months)s months (reached on %(reaches_on)s)."
    ),
    "no_monthly_si": _("No pension or monthly SI allowance."),
    "requested": _("Requested in writing."),
    "below_social_pension_age": _(
        "Below the social pension age of %(social_pension_age)s (reached on %(reaches_on)s)."
    ),
    "no_one_off_taken": _("No one-off SI taken."),
}

STEPS = {
    "insured_time": _(
        "Contribution time: %(years)s years %(months)s months (%(total_months)s months, %(voluntary_months)s of "
        "them voluntary)."
    ),
    "retirement_age": _(
        "Retirement age for this person: %(years)s years %(months)s months, reached on %(reached_on)s; age at "
        "the start: %(age_years)s years %(age_months)s months."
    ),
    "not_eligible": _("Not eligible for a monthly pension."),
    "service_years": _(
        "Service time for the rate: %(years)s years (leftover 1–%(half_year_max)s months count as half a year, "
        "more as a whole year)."
    ),
    "average_salary": _(
        "Average salary (Mbq): %(revalued_total_vnd)s ÷ %(months)s months = %(mbq_vnd)s (each month capped at "
        "the cap of its month: %(capped_months)s months capped; %(state_months)s months on the state pay scale "
        "re-based to the reference level %(level_now_vnd)s; the other months revalued with the coefficients for "
        "%(settlement_year)s)."
    ),
    "early_reduction": _(
        "Retiring %(months_early)s months before the age: the rate is reduced by %(pct)s percentage points."
    ),
    "pension": _("Monthly pension: %(rate_pct)s%% × %(mbq_vnd)s = %(amount_vnd)s."),
    "minimum": _("Minimum pension for %(min_years)s years or more: %(minimum_vnd)s."),
    "lump_sum": _("Lump sum: %(years_beyond)s years beyond %(after_years)s × %(multiple)s × Mbq = %(amount_vnd)s."),
    "one_off": _(
        "One-off SI: %(years_before)s years before %(split_year)s × %(multiple_before)s × Mbq + %(years_after)s "
        "years from %(split_year)s × %(multiple_after)s × Mbq = %(amount_vnd)s."
    ),
    "one_off_under_year": _("Under one year: contributions paid %(paid_vnd)s, at most %(cap_vnd)s: %(amount_vnd)s."),
    "sickness": _(
        "Sickness: %(salary_vnd)s × %(rate_pct)s%% ÷ %(divisor)s = %(daily_vnd)s a day × %(paid_days)s days "
        "(%(allowed_days)s a year, %(used_days)s already paid) = %(amount_vnd)s."
    ),
    "long_term_full": _(
        "Long-term illness at %(rate_pct)s%%: %(salary_vnd)s × %(months)s months + %(days)s days ÷ 24 = %(amount_vnd)s."
    ),
    "long_term_later": _(
        "Long-term illness after the full-rate days, at %(rate_pct)s%%: %(salary_vnd)s × %(months)s months + "
        "%(days)s days ÷ 24 = %(amount_vnd)s."
    ),
    "sickness_total": _("Long-term illness in all: %(amount_vnd)s."),
    "sickness_child": _(
        "Sick child: %(salary_vnd)s × %(rate_pct)s%% ÷ 24 = %(daily_vnd)s a day × %(paid_days)s days "
        "(%(allowed_days)s a year, %(used_days)s already paid) = %(amount_vnd)s."
    ),
    "recovery": _("Recovery: %(paid_days)s days (at most %(max_days)s) × %(pct)s%% × %(level_vnd)s = %(amount_vnd)s."),
    "maternity": _(
        "Maternity leave: %(leave_months)s months (one more per child from the second) × %(pct)s%% × "
        "%(average_vnd)s (average of the last %(months)s months) = %(leave_amount_vnd)s."
    ),
    "birth_grant": _("Birth grant: %(multiple)s × %(level_vnd)s × %(children)s children = %(amount_vnd)s."),
    "paternity": _(
        "Paternity leave: %(days)s working days (at most %(allowed_days)s, within %(within_days)s days of the "
        "birth) × %(average_vnd)s ÷ %(divisor)s = %(amount_vnd)s."
    ),
    "voluntary_maternity": _(
        "Maternity allowance of voluntary SI: %(per_child_vnd)s × %(children)s children = %(amount_vnd)s."
    ),
    "unemployment_average": _(
        "Average UI salary of the last %(months)s months: %(average_vnd)s × %(pct)s%% = %(raw_vnd)s."
    ),
    "unemployment_cap": _("At most %(multiple)s × %(basis_label)s of the last month contributed: %(cap_vnd)s."),
    "unemployment_duration": _(
        "%(contributed)s months of contributions (%(used)s already used): %(months)s months of benefit; %(kept)s "
        "months kept for a later claim."
    ),
    "unemployment_start": _(
        "Claimed on %(claimed_on)s: after %(waiting_days)s working days, the benefit starts on %(start)s."
    ),
    "unemployment_reporting": _(
        "Report the job search to the employment service centre every month of the %(months)s months; a month "
        "not reported is not paid."
    ),
    "unemployment_support": _(
        "Vocational training support up to %(training_per_month_vnd)s a month for up to %(training_months)s "
        "months (paid to the training institution) and free job placement."
    ),
    "occupational_one_off": _(
        "Lump sum: (%(base_multiple)s + %(per_pct)s × (%(pct)s − 5)) × %(level_vnd)s = %(loss_amount_vnd)s, plus "
        "%(salary_months)s months × %(salary_vnd)s for %(fund_months)s months in the fund = "
        "%(seniority_amount_vnd)s: %(amount_vnd)s."
    ),
    "occupational_monthly": _(
        "Monthly allowance: %(level_pct)s%% × %(level_vnd)s = %(loss_amount_vnd)s, plus %(salary_pct)s%% × "
        "%(salary_vnd)s for %(fund_months)s months in the fund = %(seniority_amount_vnd)s: %(amount_vnd)s a "
        "month."
    ),
    "occupational_care": _("Care allowance: %(multiple)s × %(level_vnd)s = %(amount_vnd)s a month."),
    "occupational_death": _(
        "Death from an occupational accident or disease: %(multiple)s × %(level_vnd)s = %(amount_vnd)s to the "
        "relatives."
    ),
    "funeral": _("Funeral grant: %(multiple)s × %(base_vnd)s = %(amount_vnd)s."),
    "survivor": _(
        "Survivor allowance: %(paid)s relatives (of %(dependants)s; at most %(max_dependants)s; "
        "%(without_carer)s without a carer) × %(pct)s%%/%(no_carer_pct)s%% of %(base_vnd)s = %(amount_vnd)s a "
        "month."
    ),
    "survivor_relative": _(
        "%(relation_label)s %(name)s: %(pct)s%% × %(base_vnd)s = %(amount_vnd)s a month, a separate "
        "entitlement%(until_text)s."
    ),
    "survivor_one_off": _(
        "One-off survivor allowance: %(years_before)s years before %(split_year)s × %(multiple_before)s + "
        "%(years_after)s years × %(multiple_after)s = %(months)s months (at least %(min_months)s) × %(mbq_vnd)s "
        "= %(amount_vnd)s."
    ),
    "survivor_one_off_pension": _(
        "One-off survivor allowance of a pensioner: %(received_months)s months of pension received → %(months)s "
        "months × %(pension_vnd)s = %(amount_vnd)s."
    ),
    "social_pension": _(
        "Social pension allowance: %(amount_vnd)s a month, with a health-insurance card paid by the state."
    ),
    "social_pension_extras": _(
        "Funeral support when the person dies: %(funeral_support_vnd)s to whoever arranges the funeral."
    ),
    "monthly_allowance": _(
        "Monthly allowance: %(total_vnd)s (what the contributions give as one-off SI) over %(months)s months = "
        "%(amount_vnd)s a month (at least %(floor_vnd)s; %(months_to_age)s months until the social pension age "
        "on %(until)s)."
    ),
    "indexation_pre1995": _(
        "Extra raise for a benefit that started before 1995, from %(from)s (%(source)s): below %(add_below_vnd)s "
        "+%(add_vnd)s, from %(add_below_vnd)s to under %(up_to_vnd)s raised to %(up_to_vnd)s: %(before_vnd)s → "
        "%(after_vnd)s."
    ),
    "indexation": _("Indexation from %(from)s: +%(pct)s%% (%(source)s): %(before_vnd)s → %(after_vnd)s."),
}
