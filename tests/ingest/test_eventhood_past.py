"""Is this an event? Acts named as the topic of a comment, as what a sentence compares with, and in a
succession of gains: statements, history and patterns. On short quotes of the development articles
(gold/ant-2018/dev, 2018), each with the kind its gold gives it, and sentences of ours for what stays news."""
from conflictkg.ingest.extract.eventhood import decide
from conflictkg.ingest.extract.timex import Published


def kind(clause: str, published: str = "2018-04-11", before: str = "", after: str = ".") -> str:
    """The decision on `clause` in the text title + before + clause + after."""
    text = "عنوان\n\n" + before + clause + after
    start = len(text) - len(clause + after)
    return decide(text, start, start + len(clause), Published.parse(published)).kind


def test_an_act_commented_on_is_a_statement_bug():
    """Regression: an act named as what someone comments on, or refuses to (رفض … التعليق على التقارير حول
    غارات), was an event."""
    # 162 (2018-07): the trigger is the strikes of the reports
    assert kind("غارات إسرائيلية", published="2018-07-23",
                before="ورفض متحدث عسكري إسرائيلي التعليق على التقارير حول ",
                after="، قائلا \"لا نعلق على تقارير في الإعلام الأجنبي\".") == "statement"
    # 003 (2018-02-19)
    assert kind("لم تعلق على الاتفاق", published="2018-02-19", before="لكن الحكومة السورية، من جانبها، ") \
        == "statement"
    # a sentence of ours: the strike itself, with no comment
    assert kind("شنت طائرات إسرائيلية غارات على مطار التيفور العسكري فجر الاثنين", published="2018-07-23") == "event"


def test_an_act_someone_means_to_allege_is_a_statement_bug():
    """Regression: the act named after an accusation as a purpose (لاتهام، بهدف اتهام) was an event, though it
    is only what someone means to allege."""
    # 185 (2018-09): the Russian reconciliation centre's claim
    assert kind("النظام بإلقاء براميل متفجرة تحتوي على مواد كيماوية", published="2018-09-01",
                before="ولفت مركز المصالحة إلى أن مسلحين كانوا قد جلبوا مواد سامة من ضمنها غاز الكلورين، لاتهام ",
                after="، وفقا لتاس.") == "statement"
    assert kind("النظام السوري بالوقوف خلفه", published="2018-09-01",
                before="زعمت روسيا أن التحضير لتصوير هجوم كيماوي مفبرك على إدلب، قد بدأ، بهدف اتهام ") == "statement"
    # a sentence of ours, after 083: an accusation told after the act is no purpose
    assert kind("بشن هجوم كيميائي قرب دمشق الأسبوع الماضي", published="2018-04-10",
                before="وفرضت عقوبات على الحكومة السورية بعد اتهامها ") == "event"


def test_acts_one_after_another_are_a_pattern_bug():
    """Regression: a succession of captures (السيطرة على منطقة تلو الأخرى) was one event."""
    # 109 (2018-04): the course of the war told in an explainer
    assert kind("وبدأوا قتال القوات الحكومية لينجحوا في السيطرة على منطقة تلو الأخرى حتى وصلت الحرب إلى العاصمة "
                "دمشق", published="2018-04-14", before="وانتشرت مئات المجموعات المسلحة من المعارضة السورية في أنحاء "
                "متفرقة من البلاد، ") == "pattern"
    # a sentence of ours: one capture is news
    assert kind("وتمكنت القوات الحكومية من السيطرة على منطقة اللجاة يوم الخميس", published="2018-04-14") == "event"
