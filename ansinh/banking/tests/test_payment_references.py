"""Creditor references (ISO 11649) and payer codes found in free text however they are run together."""

from ansinh.banking.references import bill_reference, candidates, creditor_reference, is_creditor_reference


def test_a_creditor_reference_carries_valid_check_digits():
    assert creditor_reference("539007547034") == "RF18539007547034"  # the example of ISO 11649
    assert is_creditor_reference("RF18 5390 0754 7034")
    assert not is_creditor_reference("RF19539007547034")


def test_a_bill_reference_stands_for_its_payer_code():
    reference = bill_reference("TA00007", "2025-12")
    assert reference.startswith("RF") and "TA00007" in candidates(f"thanh toan {reference}")


def test_codes_run_into_the_next_word_or_after_a_field_tag_are_found():
    assert "TA00007" in candidates("TA00007NOP BHXH T12")
    assert "TA00010" in candidates("?20TA00010NOP BHXH")
    assert "4201234567" in candidates("BHXH TN 4201234567T6")
    assert "HT000000123" in candidates("ho gia dinh HT000000123-BHYT")


def test_a_code_broken_by_an_invisible_character_is_not_found():
    assert "TA00007" not in candidates("TA0\u200b0007 NOP BHXH")
