"""An agreement named as the frame of a departure (بموجب اتفاق، في إطار اتفاقات الإجلاء) is that departure's
basis, not a second event. The sentences are from a dev article (France 24, 2018-04-22: the opposition's
withdrawal from the Eastern Qalamoun)."""
from conflictkg.ingest.extract import extract

WITHDRAWAL = ("وبدأ مقاتلو المعارضة السبت الانسحاب من جيب كانوا يسيطرون عليه يقع شمال شرقي دمشق في منطقة القلمون "
              "الشرقي بموجب اتفاق استسلام مع النظام.")
LEAD = ("سعيا لاستعادة كامل العاصمة بعد سيطرته على الغوطة الشرقية وبدء انسحاب مقاتلي المعارضة من منطقة القلمون "
        "الشرقي في إطار اتفاقات الإجلاء التي تم خلالها إخراج مدنيين.")


def types(text):
    return [e["type"] for e in extract(text, published="2018-04-22").facts["events"]]


def test_an_agreement_framing_a_departure_is_no_event_of_its_own_bug():
    """Regression: each sentence gave a row for the withdrawal and one more for the agreement it was made
    under (two duplicates of one incident on the dev half)."""
    assert "Deal" not in types(WITHDRAWAL) and "TransferDeal" not in types(WITHDRAWAL)
    assert any(t in ("Withdrawal", "TerritoryHandover") for t in types(WITHDRAWAL))
    assert "Deal" not in types(LEAD) and "TransferDeal" not in types(LEAD)


def test_an_agreement_framing_a_recapture_or_nothing_stays():
    # a recapture under reconciliation agreements is told apart from the agreements (ACLED codes both)
    assert types("واستعادت قوات النظام السبت بلدات في منطقة القلمون الشرقي بموجب اتفاق استسلام مع مقاتلي "
                 "المعارضة.") == ["Capture", "Deal"]
    # no act before the frame word: the agreement is the event the sentence tells
    assert types("وقع مقاتلو المعارضة السبت بموجب اتفاق استسلام مع النظام في منطقة القلمون الشرقي.") == ["Deal"]
