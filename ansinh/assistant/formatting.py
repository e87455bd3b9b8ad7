"""Money written the way the reader expects: 1.050.000 đồng in Vietnamese, VND 1,050,000 in English."""

from django.utils.translation import get_language


def vnd(amount: int) -> str:
    if (get_language() or "vi").startswith("vi"):
        return f"{amount:,}".replace(",", ".") + " đồng"
    return f"VND {amount:,}"
