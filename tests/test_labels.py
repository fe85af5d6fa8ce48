"""The one home of verdict meaning (factcheck/labels.py) and the places that read it."""

from factcheck.evaluate import expected_polarity, polarity
from factcheck.kb.knowledge import Verdict
from factcheck.labels import BY_SEVERITY, ExitStatus, Label, Polarity, exit_status
from factcheck.render.common import BADGES, STYLES


def test_every_claim_verdict_is_a_label_and_no_match_is_the_only_other():
    assert [v.value for v in Verdict] == [label.value for label in Label if label.is_verdict]
    assert [label for label in Label if not label.is_verdict] == [Label.NO_MATCH]


def test_polarity_agrees_with_the_verdicts_own_view():
    for v in Verdict:
        assert v.supported == (Label(v.value).polarity is Polarity.SUPPORTED)
        assert v.refuted == (Label(v.value).polarity is Polarity.REFUTED)
    assert polarity("true") == 1 and polarity("mostly-false") == -1 and polarity("no-match") == 0
    assert polarity("not a label") == 0
    assert expected_polarity(["false", "mostly-false", "no-match"]) == -1


def test_exit_status_of_a_run():
    assert exit_status([]) is ExitStatus.SUPPORTED
    assert exit_status(["true", "mostly-true"]) is ExitStatus.SUPPORTED
    assert exit_status(["true", "no-match"]) is ExitStatus.UNSETTLED
    assert exit_status(["mixed", "mostly-false", "true"]) is ExitStatus.REFUTED
    assert exit_status(["unknown"]) is ExitStatus.UNSETTLED
    assert {label.exit_status for label in Label} == {ExitStatus.SUPPORTED, ExitStatus.REFUTED, ExitStatus.UNSETTLED}


def test_severity_orders_the_labels_from_false_to_no_match():
    assert BY_SEVERITY[0] is Label.FALSE and BY_SEVERITY[-1] is Label.NO_MATCH
    assert len({label.severity for label in Label}) == len(Label)
    # the refuted labels are the most worrying
    refuted = [label for label in BY_SEVERITY if label.polarity is Polarity.REFUTED]
    assert refuted == list(BY_SEVERITY[: len(refuted)])


def test_only_no_match_goes_unannotated_and_every_label_has_styles():
    assert [label for label in Label if label.annotation is None] == [Label.NO_MATCH]
    assert set(STYLES) == set(BADGES) == {label.value for label in Label}
