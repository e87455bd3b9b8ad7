"""What the receptionist reads for each result code. Which codes exist and whether each is eligible is law
data in the policy pack (health.result_codes); these are only the words shown, translated."""
from django.utils.translation import gettext_lazy as _

RESULT_MESSAGES = {
    "000": _("Card valid: the patient is covered."),
    "010": _("Card expired or not yet valid on this date: the patient is not covered; ask them to renew."),
    "050": _("No health-insurance card found for this CCCD or card code."),
    "060": _("The name does not match the card: check the spelling against the CCCD."),
    "070": _("The date of birth does not match the card: check it against the CCCD."),
    "110": _("Card revoked: the patient is not covered."),
    "120": _("Coverage reported stopped: the patient is not covered; send them to the social insurance office."),
    "121": _("Coverage reported stopped (moved out of the province): the patient is not covered here."),
    "122": _("Coverage reported stopped (moved within the province): ask the patient for the new card."),
    "123": _("Coverage reported stopped and re-enrolled at the same unit: ask the patient for the new card."),
    "124": _("Coverage reported stopped (stopped taking part): the patient is not covered."),
}


def message_for(code: str) -> str:
    return str(RESULT_MESSAGES.get(code, _("Unknown result code %(code)s.") % {"code": code}))
