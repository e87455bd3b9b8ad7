"""What the receptionist reads for each result code of the card check. Which codes exist and whether each means
"covered" is law data in the policy pack (health.check_codes); these are only the words shown, translated. The
e-gateway sends them in Vietnamese (ghiChu); An Sinh's own API in the caller's language."""

from django.utils.translation import gettext_lazy as _

RESULT_MESSAGES = {
    "000": _("Card valid: the patient is covered."),
    "001": _("Card held by the army's social insurance: check the card and the identity papers, then treat under HI."),
    "002": _(
        "Card held by the police's social insurance: check the card and the identity papers, then treat under HI."
    ),
    "003": _("This old card has run out and a new card was issued: use the new card."),
    "004": _("This old card is still valid and a new card was issued: use the new card."),
    "010": _("Card expired: the patient is not covered; ask them to renew."),
    "050": _("No health-insurance card found for this CCCD, SI number or card code."),
    "051": _("The card code is wrong (group letters or the code as a whole)."),
    "052": _("The card code is wrong: the province digits (4th and 5th characters) are not right."),
    "053": _("The card code is wrong: the benefit digit (3rd character) is not right."),
    "054": _("The receptionist's CCCD is not in the list your facility registered: the check was not made."),
    "055": _("The receptionist's name does not match the CCCD registered for the facility: the check was not made."),
    "060": _("The name does not match the card: check the spelling against the CCCD."),
    "061": _("The name does not match the card (only the first letter is right): check the spelling against the CCCD."),
    "070": _("The date of birth does not match the card: check it against the CCCD."),
    "100": _("The card data could not be read: try again later."),
    "101": _("Server error: try again later."),
    "110": _("Card revoked: the patient is not covered."),
    "120": _("Coverage reported stopped: the patient is not covered; send them to the social insurance office."),
    "121": _("Coverage reported stopped (moved out of the province): the patient is not covered here."),
    "122": _("Coverage reported stopped (moved within the province): ask the patient for the new card."),
    "123": _("Coverage reported stopped and re-enrolled at the same unit: ask the patient for the new card."),
    "124": _("Coverage reported stopped (stopped taking part): the patient is not covered."),
    "130": _("Child without a card: children under 6 are covered; check the birth papers and treat under HI."),
    "205": _("A parameter is missing or in the wrong format."),
}
NOTE_MESSAGES = {
    ("010", "not_yet_valid"): _("Card not yet valid on this date: the patient is not covered before the card's start."),
}


def message_for(code: str, note: str = "") -> str:
    text = NOTE_MESSAGES.get((code, note)) or RESULT_MESSAGES.get(code)
    return str(text) if text else str(_("Unknown result code %(code)s.") % {"code": code})


# The visit types of the claims standard (MA_LOAI_KCB, QĐ 130/4750): the Vietnamese is the standard's own wording.
VISIT_TYPES = {
    "01": _("Examination"),
    "02": _("Outpatient treatment"),
    "03": _("Inpatient treatment"),
    "04": _("Day inpatient treatment"),
    "05": _("Chronic-disease outpatient treatment (examination and medicines)"),
    "06": _("Treatment at a commune health station or regional clinic"),
    "07": _("Medicines by appointment (no examination)"),
    "08": _("Chronic-disease outpatient treatment (examination, services or medicines)"),
    "09": _("Inpatient treatment under 4 hours"),
    "10": _("Other cases"),
}
