"""A MA_LK sent again replaces the earlier version (kept in the history) unless that version is settled."""

import pytest

from ansinh.health import claims as claim_cases
from ansinh.health import intake, review
from ansinh.health.assessment.run import run_assessment
from ansinh.health.models import Claim, ClaimDetail, ClaimLine, ClaimVersion, Facility, RefusedRecord
from ansinh.health.tests import envelopes as E
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _send(tables):
    return intake.receive(E.envelope("42010", [tables]), None)


def _corrected():
    """The outpatient record sent again with one more tablet of Amlodipin (totals corrected by the exporter)."""
    return E.edited(
        "outpatient",
        XML2=[
            ("<SO_LUONG>30.00</SO_LUONG>", "<SO_LUONG>31.00</SO_LUONG>"),
            ("<THANH_TIEN_BV>9600.00</THANH_TIEN_BV>", "<THANH_TIEN_BV>9920.00</THANH_TIEN_BV>"),
            ("<THANH_TIEN_BH>9600.00</THANH_TIEN_BH>", "<THANH_TIEN_BH>9920.00</THANH_TIEN_BH>"),
            ("<T_BHTT>9600.00</T_BHTT>", "<T_BHTT>9920.00</T_BHTT>"),
        ],
        XML1=[
            ("<T_THUOC>38400.00</T_THUOC>", "<T_THUOC>38720.00</T_THUOC>"),
            ("<T_TONGCHI_BV>151100.00</T_TONGCHI_BV>", "<T_TONGCHI_BV>151420.00</T_TONGCHI_BV>"),
            ("<T_TONGCHI_BH>151100.00</T_TONGCHI_BH>", "<T_TONGCHI_BH>151420.00</T_TONGCHI_BH>"),
            ("<T_BHTT>151100.00</T_BHTT>", "<T_BHTT>151420.00</T_BHTT>"),
        ],
    )


def test_a_corrected_record_replaces_the_earlier_one_which_is_kept():
    E.people()
    first = _send(E.tables("outpatient"))
    run_assessment()
    claim = Claim.objects.get()
    again = _send(_corrected())
    replaced = Claim.objects.get()
    assert (replaced.pk, replaced.version, replaced.submission_id, replaced.hi_total, replaced.outcome) == (
        claim.pk,
        2,
        again.pk,
        151_420,
        "pending",
    )
    assert (again.claims, again.replaced, again.refused) == (1, 1, 0)
    assert (
        ClaimLine.objects.get(code="40.0006").quantity == 31
        and ClaimLine.objects.count() == 5
        and ClaimDetail.objects.count() == 3
    )
    history = ClaimVersion.objects.get()
    assert (
        history.version,
        history.submission_id,
        history.snapshot["claim"]["hi_total"],
        len(history.snapshot["lines"]),
    ) == (1, first.pk, 151_100, 5)
    assert history.snapshot["claim"]["outcome"] == "accepted"


def test_a_record_settled_with_its_month_can_no_longer_be_replaced():
    E.people()
    _send(E.tables("outpatient"))
    run_assessment()
    assert claim_cases.settle_month(Facility.objects.get(code="42010"), 2025, 6, factories.user("hi_assessor")) == 1
    renamed = E.renamed("outpatient", "2506100002", minute=60)
    submission = intake.receive(E.envelope("42010", [_corrected(), renamed]), None)
    assert (submission.claims, submission.refused) == (1, 1)
    refusal = RefusedRecord.objects.get()
    assert (
        refusal.ma_lk == "2506100001"
        and refusal.errors[0]["field"] == "MA_LK"
        and "settled" in refusal.errors[0]["reason"]
    )
    assert Claim.objects.get(ma_lk="2506100001").version == 1


def test_a_record_decided_by_an_assessor_is_settled():
    E.people()
    _send(E.tables("outpatient"))
    run_assessment()
    review.decide(Claim.objects.get(), factories.user("hi_assessor"), "accepted", 0, "Checked against the paper record")
    with pytest.raises(intake.EnvelopeRejected) as caught:
        _send(_corrected())
    assert [(e.ma_lk, e.field) for e in caught.value.errors] == [("2506100001", "MA_LK")]
    assert "settled on" in caught.value.errors[0].reason
