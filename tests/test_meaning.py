"""General English knowledge: WordNet, relation classes, natural logic, on a knowledge base with
no lexicon at all (as every imported one is). The cases here are written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.engine import relations, wordnet
from factcheck.engine.checker import FactChecker
from factcheck.kb.knowledge import from_dict
from factcheck.engine.text import stem

# --------------------------------------------------------------------------- the data


@pytest.mark.parametrize(("a", "b"), [("cure", "heal"), ("compress", "compression"),
                                      ("deficient", "deficiency"), ("tired", "fatigued"),
                                      ("muscles", "muscle"), ("eases", "alleviates"),
                                      # a verb's frequent sense that is a rarer sense of another
                                      ("earn", "make"), ("keep", "retain")])
def test_wordnet_same(a: str, b: str) -> None:
    assert wordnet.same(a, b) and wordnet.same(b, a)


@pytest.mark.parametrize(("a", "b"), [("childhood", "adult"), ("magnesium", "calcium"),
                                      ("severe", "mild"), ("cures", "causes"), ("high", "low"),
                                      ("give", "sell"), ("make", "cure")])
def test_wordnet_different(a: str, b: str) -> None:
    assert not wordnet.same(a, b)


def test_wordnet_is_a_antonyms_forms() -> None:
    assert wordnet.narrower("salmon", "fish") and not wordnet.narrower("fish", "salmon")
    assert wordnet.narrower("artery", "vessel")
    assert wordnet.opposite("increase", "decrease") and wordnet.opposite("high", "low")
    assert "bad" in wordnet.lemmas("worse") and "child" in wordnet.lemmas("children")
    assert wordnet.verb("twitch") and not wordnet.verb("magnesium")
    assert wordnet.lemmas("xqzzy") == () and not wordnet.known("xqzzy")
    assert wordnet.irregular("gave") == ("give",) and wordnet.irregular("brought") == ("bring",)
    assert wordnet.irregular("gives") == () and wordnet.irregular("cause") == ()


def test_relation_table_agrees_with_itself() -> None:
    table = relations.table()
    for narrower, broader in table.entails:
        assert narrower in table.kinds and broader in table.kinds, (narrower, broader)
        assert not relations.entails(broader, narrower), "entailment must not go both ways"
    for narrower, broader in table.converse:
        assert narrower in table.kinds and broader in table.kinds, (narrower, broader)
        assert not relations.entails(narrower, broader), "a class entails another one way round, not both"
    assert relations.converse("need", "benefit") and not relations.converse("benefit", "need")
    assert set(table.kinds.values()) <= {"relation", "symmetric relation", "qualifier"}
    seen: dict[tuple[str, ...], str] = {}
    for entries in table.phrases.values():
        for key, cls, _inverse in entries:
            assert seen.setdefault(key, cls) == cls, f"{key} is in two classes"
    relation_words = {k[0] for k in seen if len(k) == 1}
    assert not (table.light & relation_words), "a light word cannot also name a relation"
    assert relations.light(stem("supplements")) and relations.light(stem("drinking"))


def test_object_before_verb() -> None:
    """"help [object] * [verb]": an object must open the gap, so "helps regulate X" (a verb
    right after "help") is not read as helping something regulate."""
    def classes(text: str) -> list[str]:
        words = text.split()
        return [s.cls for s in relations.match([stem(w) for w in words], set(), words)]

    assert classes("calcium helps your muscles contract") == ["benefit"]
    assert classes("magnesium lets you relax") == ["benefit"]
    assert "benefit" not in classes("magnesium helps regulate nerve impulses")


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(
    "make your face twitch worse the cause come from reduce risk of a lower with x y".split()),
    max_size=14), taken=st.sets(st.integers(0, 14), max_size=5))
def test_relation_matching_ends_and_spans_are_sound(words: list[str], taken: set[int]) -> None:
    stems = [stem(w) for w in words]
    spans = relations.match(stems, set(taken), words)
    last = 0
    for s in spans:
        assert last <= s.start < s.end <= len(words)
        assert not any(k in taken for k in range(s.start, s.end))
        assert all(s.end <= d < len(words) for d in s.drop)
        last = s.end


# --------------------------------------------------------------------------- an imported knowledge base

CLAIMS = [
    ("Folate causes childhood cystitis.", "true"),
    ("Lutein causes severe sciatica.", "false"),
    ("Melatonin prevents adult rosacea.", "true"),
    ("Zinc cures chronic gout.", "false"),
    ("Ginger relieves mild nausea.", "true"),
    ("Iron worsens recurrent eczema.", "mostly-true"),
    ("Axl Rose died of an overdose in Las Vegas in 2006.", "false"),
    ("The council assigns housing grants on the basis of income.", "true"),
    ("Garlic repels mosquitoes.", "true"),
    ("Turmeric cures diabetes.", "false"),
    ("Copper is needed for healthy hair growth.", "true"),
    ("Adults need 900 micrograms of copper a day.", "true"),
    ("Eels need brackish water to spawn.", "true"),
    ("Zinc helps wounds heal.", "true"),
    ("Lithium depletes sodium.", "true"),
    ("Licorice depletes potassium.", "false"),
]


@pytest.fixture(scope="module")
def imported(archive) -> FactChecker:
    return archive(CLAIMS)


@pytest.mark.parametrize(("statement", "verdict"), [
    # the claim restated in other words
    ("Folate leads to childhood cystitis.", "true"),
    ("Childhood cystitis can come from folate.", "true"),
    ("Childhood cystitis is caused by folate.", "true"),
    ("Does folate trigger childhood cystitis?", "true"),
    # irregular forms match a relation phrase written in base form (WordNet's exception lists)
    ("Folate brought on childhood cystitis.", "true"),
    ("Folate led to childhood cystitis.", "true"),
    ("Folate gave her childhood cystitis.", "true"),
    ("Ginger eases mild nausea.", "true"),
    ("Is it possible to cure chronic gout with zinc?", "false"),
    ("Chronic gout is cured by zinc.", "false"),
    # denied
    ("Zinc does not cure chronic gout.", "true"),
    # a reply's first word, set off by a comma or a stop, denies nothing of what follows
    ("No, zinc does not cure chronic gout.", "true"),
    ("lol nope. zinc cures chronic gout", "false"),
    ("No zinc cures chronic gout.", "true"),
    ("Lutein doesn't cause severe sciatica.", "true"),
    # natural logic: prevents entails reduces the risk of; cure entails relieve and treat
    ("Melatonin reduces the risk of adult rosacea.", "true"),
    ("Ginger treats mild nausea.", "true"),
    # a cause of a deficiency of a thing depletes it
    ("Lithium can cause a lack of sodium.", "true"),
    ("Licorice can lead to a potassium deficiency.", "false"),
    ("Lithium can cause a lack of potassium.", "no-match"),
    ("A lack of sodium can cause lithium.", "no-match"),
    # "X helps (lets, allows) Y V" benefits Y; "Y needs X" entails it with the sides swapped
    ("Copper lets your hair grow.", "true"),
    ("Brackish water lets the eels spawn.", "true"),
    ("The eels benefit from brackish water.", "true"),
    ("The eels help brackish water spawn.", "no-match"),
    ("Your hair lets copper grow.", "no-match"),
    ("Brackish water benefits from the eels.", "no-match"),
    ("Ginger cures mild nausea.", "no-match"),  # relieves (true) does not settle cures
    ("Zinc treats chronic gout.", "no-match"),  # cures (false) does not settle treats
    ("Zinc relieves chronic gout.", "no-match"),
    # one slot swapped: another claim
    ("Folate causes adult cystitis.", "no-match"),
    ("Lutein treats severe sciatica.", "no-match"),
    ("Lutein causes mild sciatica.", "no-match"),
    ("Calcium causes childhood cystitis.", "no-match"),
    ("Folate causes childhood eczema.", "no-match"),
    ("Childhood cystitis causes folate.", "no-match"),
    ("Iron relieves recurrent eczema.", "no-match"),
    ("Folate makes childhood cystitis worse.", "no-match"),
    ("Melatonin causes adult rosacea.", "no-match"),
    # the statement narrows the claim: a true claim does not settle it
    ("Low doses of folate cause childhood cystitis.", "no-match"),
    # a year narrows a claim; another year is another claim
    ("Axl Rose died of an overdose in Las Vegas in 2006.", "false"),
    ("Axl Rose died of an overdose in Las Vegas.", "no-match"),
    ("Axl Rose died of an overdose in Las Vegas in 2009.", "no-match"),
    # a clause limited by "whenever"/"if" is narrower than the claim: only a refuted claim settles it
    ("Garlic repels mosquitoes whenever the moon is full.", "no-match"),
    ("Turmeric cures diabetes whenever you take it with pepper.", "false"),
    ("Garlic repels mosquitoes, especially if you eat it raw.", "true"),
    # ... only the clause it is attached to: after a main clause, the one right before it
    ("Garlic repels mosquitoes, so campers should pack garlic whenever they go camping.", "true"),
    ("If the moon is full, garlic repels mosquitoes.", "no-match"),
    # what the object of "need" is for stands where the passive puts it ("you need X for Y" is
    # "X is needed for Y"); the two objects swapped are another claim; a range is not a purpose
    ("You need copper for your hair to grow well.", "true"),
    ("Healthy hair growth requires copper.", "true"),
    ("Brackish water is needed for eels to spawn.", "true"),
    ("Eels need to spawn in brackish water.", "no-match"),
    ("Hair growth is needed for healthy copper.", "no-match"),
    ("Adults need 900 to 1000 micrograms of copper a day.", "no-match"),
    # a subject that is the relation itself: "the cause of Y is X" is "X causes Y"
    ("The cause of childhood cystitis is folate.", "true"),
    ("The cure for chronic gout is zinc.", "false"),
    ("The cause of folate is childhood cystitis.", "no-match"),
    ("The main cause of childhood cystitis is folate.", "no-match"),  # the claim says less
    # "one of the most common causes" is one cause of several, not the main one
    ("Folate is one of the most common causes of childhood cystitis.", "true"),
    ("Folate is the most common cause of childhood cystitis.", "no-match"),
    # "only" before an amount says it is small; elsewhere it claims more
    ("Adults need only about 900 micrograms of copper a day.", "true"),
    ("An adult only needs about 900 micrograms of copper a day.", "true"),
    ("Only copper is needed for healthy hair growth.", "no-match"),
    # with no subject but "you", what it is done by is what does it
    ("You can cure chronic gout by taking zinc.", "false"),
    ("You cannot cure chronic gout by taking zinc.", "true"),
    # the verb of the means is no relation of the claim's: "by *fixing* your X" names X
    ("You can't get rid of chronic gout by adding zinc.", "true"),
    ("You can't get rid of chronic gout just by fixing your zinc intake.", "true"),
    # a relation phrase's gap reaches over a longer noun phrase ("make * worse")
    ("Iron can make the itchy patches of recurrent eczema worse.", "mostly-true"),
    # depleting entails lowering: a true "depletes" settles "lowers", a false one does not
    ("Lithium lowers sodium.", "true"),
    ("Lithium can drag your sodium down.", "true"),
    ("Lithium does not lower sodium.", "false"),
    ("Licorice lowers potassium.", "no-match"),
    # a denial and "unless" make a requirement, not a condition
    ("Eels cannot spawn unless they have brackish water.", "true"),
    ("Eels can spawn unless they have brackish water.", "no-match"),
    # the claim's subject missing from the statement: not the claim, though every word the
    # statement has is in it
    ("Wounds cannot heal.", "no-match"),
    ("Wounds heal.", "no-match"),
    ("Zinc helps wounds heal quickly.", "true"),
    # a passive agent ends where its own phrase begins
    ("Housing grants are assigned by the council on the basis of income.", "true"),
])
def test_imported_knowledge_base(imported: FactChecker, statement: str, verdict: str) -> None:
    result = imported.check(statement)
    assert result.verdict == verdict, (result.reason, result.claim and result.claim.text)


def test_explain_names_the_link_and_the_refusals(imported: FactChecker) -> None:
    result = imported.check("Melatonin reduces the risk of adult rosacea.", explain=True)
    assert result.explanation is not None
    assert any("more general" in n for n in result.explanation.links), result.explanation.links
    result = imported.check("Zinc treats chronic gout.", explain=True)
    assert result.verdict == "no-match" and result.explanation is not None
    refused = dict(result.explanation.refused)
    assert "natural logic" in refused["c3"], refused
    result = imported.check("Folate causes adult cystitis.", explain=True)
    assert result.explanation is not None
    assert "'adult' stands where the claim has 'childhood'" in dict(result.explanation.refused)["c0"]
    data = result.explanation.to_dict()
    assert data["refused"][0] == {"id": "c0", "why": "'adult' stands where the claim has 'childhood'"}


# --------------------------------------------------------------------------- the quick bound


def test_the_quick_bound_never_rejects_what_the_full_judgement_accepts(monkeypatch) -> None:
    """matching._cannot_accept skips the full judgement of most candidates; it must be an upper
    bound: whatever it skips, the full judgement would not have accepted either."""
    from factcheck.engine import matching
    from factcheck.evaluate import read_cases
    from pathlib import Path

    checker = FactChecker.load()
    here = Path(__file__).parent
    statements = [c.statement for f in ("cases.jsonl", "holdout.jsonl") for c in read_cases(here / f)]
    full = matching._cannot_accept
    skipped = 0
    for text in statements[::3]:
        query = checker.analyzer.analyse(text)
        st = matching.statement(query, checker.index)
        for claim, _ in checker.index.search(query, limit=10):
            for doc_id in checker.index.phrasings[claim]:
                doc = checker.docs[doc_id]
                side = checker.claim_sides(doc)
                if not side.terms or full(st, side, checker.index, doc.analysis.majority) is None:
                    continue
                skipped += 1
                monkeypatch.setattr(matching, "_cannot_accept", lambda *a: None)
                judged = matching.judge(st, doc, checker.index, checker.claim_sides)
                monkeypatch.setattr(matching, "_cannot_accept", full)
                assert not judged.accepted, (text, checker.kb.claims[claim].id, judged)
    assert skipped > 100  # (the bound does skip work)


@pytest.fixture(scope="module")
def flushing() -> FactChecker:
    data = {
        "version": 1,
        "sources": [{"id": "s", "title": "A source", "publisher": "p", "kind": "article", "reliability": "medium"}],
        "concepts": [
            {"id": "facial-flushing", "label": "facial flushing", "kind": "symptom", "terms": ["facial flushing"],
             "broader": ["flushing"]},
            {"id": "flushing", "label": "flushing", "kind": "symptom", "terms": ["flushing"]},
            {"id": "alcohol", "label": "alcohol", "kind": "substance", "terms": ["alcohol"]},
            {"id": "niacin", "label": "niacin", "kind": "substance", "terms": ["niacin"], "broader": ["vitamin"]},
            {"id": "vitamin", "label": "vitamin", "kind": "substance", "terms": ["vitamin", "vitamins"]},
            {"id": "coffee", "label": "coffee", "kind": "substance", "terms": ["coffee"]},
        ],
        "claims": [{"id": i, "text": t, "verdict": v, "summary": "s", "evidence": [], "origin": {"source": "s"}}
                   for i, t, v in (("alcohol-flushing", "Alcohol causes facial flushing.", "true"),
                                   ("niacin-flushing", "Niacin causes facial flushing.", "true"),
                                   ("coffee-flushing", "Coffee causes facial flushing.", "false"))],
    }
    return FactChecker(from_dict(data))


@pytest.mark.parametrize(("statement", "verdict"), [
    ("Alcohol causes flushing in your face.", "true"),  # "in your face": the lexicon's "facial"
    ("Alcohol causes flushing of the face.", "true"),
    ("Alcohol causes flushing in your legs.", "no-match"),  # no "leg" term: another claim
    # a statement more general than a true claim in what the relation acts on is supported by it
    # (facial flushing caused is flushing caused); a false claim does not settle it
    ("Alcohol causes flushing.", "true"),
    ("Alcohol does not cause flushing.", "false"),
    ("Coffee causes flushing.", "no-match"),
    # ... but not in what acts: "vitamins" is not said by "niacin", nor another vitamin
    ("Vitamins cause facial flushing.", "no-match"),
    ("Vitamin K causes facial flushing.", "no-match"),
])
def test_a_prepositional_phrase_reads_as_the_lexicons_adjective(flushing: FactChecker, statement: str,
                                                                verdict: str) -> None:
    result = flushing.check(statement)
    assert result.verdict == verdict, (result.reason, result.claim and result.claim.text)


def test_a_headline_alias_or_one_shared_word_is_too_little_to_match() -> None:
    """Imported fact-checks keep their headline as an alias ("Pink Lady", "He Loves Me, He Loves
    Me Not?"): a post that shares those two words, or one word, makes no claim of theirs."""
    data = {"version": 1, "sources": [{"id": "s", "title": "t", "publisher": "p", "kind": "archive",
                                       "reliability": "medium"}],
            "claims": [{"id": "mural", "text": "An artist secretly painted a huge mural above a tunnel in 1966.",
                        "aliases": ["Pink Lady"], "verdict": "true", "summary": "s", "evidence": [],
                        "origin": {"source": "s"}},
                       {"id": "radio", "text": "A woman learned on a radio show that her boyfriend was married.",
                        "aliases": ["He Loves Me, He Loves Me Not?"], "verdict": "true", "summary": "s",
                        "evidence": [], "origin": {"source": "s"}}]}
    checker = FactChecker(from_dict(data))
    assert checker.check("Pink lady").verdict == "no-match"
    assert checker.check("We love it.").verdict == "no-match"
    # the claims themselves still match
    assert checker.check("An artist secretly painted a huge mural above a tunnel in 1966.").verdict == "true"
    assert checker.check("A woman learned on a radio show that her boyfriend was married.").verdict == "true"


def test_a_headline_alias_settles_no_narrower_statement() -> None:
    """A fact-check kept with its headline as an alias ("Ada Zorn, Invisible Artist") rates the
    story, not every statement that mentions its words: "Ada Zorn is creating invisible art and
    giving it away" is not refuted by it (the full claim is about selling it)."""
    data = {"version": 1, "sources": [{"id": "s", "title": "t", "publisher": "p", "kind": "archive",
                                       "reliability": "medium"}],
            "claims": [{"id": "q", "text": "Artist Ada Zorn is creating invisible art and selling it for millions of dollars.",
                        "aliases": ["Ada Zorn, Invisible Artist"], "verdict": "false", "summary": "s",
                        "evidence": [], "origin": {"source": "s"}}]}
    checker = FactChecker(from_dict(data))
    r = checker.check("Artist Ada Zorn is creating invisible art and giving it away for free.")
    assert r.verdict == "no-match", (r.reason, r.claim and r.claim.text)
    assert checker.check("Artist Ada Zorn is creating invisible art and selling it for millions of dollars.").verdict == "false"


def test_words_that_share_nothing_are_never_linked() -> None:
    """The judge skips a word pair whose reach sets share nothing (wordnet.reach); that must never
    skip a pair wordnet.link relates."""
    words = """cure cures heal treat treatment relieve ease soothe cause causes trigger lead make earn
    keep retain hold find found reveal discover uncover artery vessel vein nerve muscle muscles
    twitch twitching spasm cramp face facial eye eyelid stress tired fatigue fatigued sleep coffee
    caffeine magnesium calcium mineral vitamin deficiency deficient lack low high increase decrease
    reduce lower raise drag worse bad better good child children adult childhood compress
    compression press squeeze pinch salmon fish meat food diet eat take drink absorb absorption
    need require support maintain help prevent stop block""".split()
    for a in words:
        own_a, far_a = wordnet.reach(a)
        for b in words:
            if a == b:
                continue
            own_b, far_b = wordnet.reach(b)
            if own_a.isdisjoint(far_b) and far_a.isdisjoint(own_b):
                assert wordnet.link(a, b) is None, (a, b)


@pytest.mark.parametrize(("statement", "verdict"), [
    # "without X, S can't V" is "S needs X to V" (X a concept of the lexicon: without one, where
    # the noun phrase after "without" ends is not known); "X is required to V" is "V needs X"
    ("Without calcium, your muscles cannot contract.", "true"),
    ("Without vitamin D, the body cannot absorb calcium.", "true"),
    ("Without calcium the body cannot absorb vitamin D.", "no-match"),
    ("Vitamin D is required to absorb calcium.", "true"),
    ("Calcium is required to absorb vitamin D.", "no-match"),
    ("Vitamin D is not needed to absorb calcium.", "false"),
    # ... but "needs to" is the active: what needs comes first
    ("Your body needs to absorb calcium.", "no-match"),
    # a cleft: "X is the N S V" says "S V X"; "X is what V" says "X V"
    ("Vitamin D is the vitamin your body needs to absorb calcium.", "true"),
    ("Calcium is the mineral your body needs to absorb vitamin D.", "no-match"),
    ("Stress is what triggers facial twitching in many people.", "true"),
    ("Stress is one of the most common triggers of facial twitching.", "true"),
    # a modifier of the subject ("from X") narrows it: a refuted claim without it settles the
    # statement, a supported one does not; a claim that says it too is matched with it
    ("Facial twitching from stress is not hemifacial spasm.", "true"),
    ("Facial twitching from stress is hemifacial spasm.", "false"),
    ("Nerve symptoms from low B12 may take months to get better.", "mostly-true"),
    # a relation that only qualifies a noun of the claim ("the compression *that causes* HFS")
    # may be left out by a statement that names what it relates ("the compression in HFS")
    ("Changing your diet does not relieve the nerve compression in hemifacial spasm.", "true"),
    ("Changing your diet does not relieve the nerve compression in migraines.", "no-match"),
    # a contrast is set aside with what it names ("unlike X", "rather than X")
    ("Facial twitching, unlike hemifacial spasm, can be triggered by stress.", "true"),
    # "comes from" after a condition names its cause, after a substance its source
    ("Unlike an everyday eye twitch, hemifacial spasm comes from a blood vessel pressing on the facial nerve.",
     "true"),
    ("Hemifacial spasm comes from magnesium deficiency.", "false"),
    ("Vitamin B12 comes from animal products.", "mostly-true"),
    # ... and "plays a part in" a symptom contributes to it
    ("Low vitamin D can play a part in facial twitching.", "mostly-true"),
    # "your body's X" narrows nothing
    ("Diuretics can drain your body's magnesium.", "mostly-true"),
    # "show up as" names a cause's effect; "Y happens because X" is "X causes Y"
    ("Low magnesium can show up as facial twitching.", "true"),
    ("Hemifacial spasm happens because a blood vessel presses on the facial nerve.", "true"),
    # texting spellings read as the words they stand for ("give u" is "give you": causes)
    ("low magnesium can give u muscle cramps", "true"),
    # ... but what gives you a substance is its source
    ("Eggs and dairy give you vitamin B12.", "true"),
    ("Vitamin B12 gives you eggs.", "no-match"),
    # a verb of aspect before "to" says when ("starts to twitch" is "twitches"), and "one of the
    # reasons" is "a reason"
    ("Lack of sleep is one of the reasons an eyelid starts to twitch.", "true"),
    ("Magnesium deficiency can make your face start to twitch.", "true"),
    ("Magnesium deficiency can make your face start to relax.", "no-match"),
    # "tends to" says how often, not what; a passive with a particle is turned too ("set off by")
    ("Magnesium deficiency tends to cause facial twitching.", "true"),
    ("Facial twitching is often set off by stress.", "true"),
    ("Stress is often set off by facial twitching.", "no-match"),  # (was true: the roles reversed)
    # a verb of the statement's own between two things a phrasing names without a relation
    # ("You can get vitamin D from sunlight") relates them otherwise (was true)
    ("Sunlight is made by vitamin D.", "no-match"),
    # a number inside a range the claim gives meets it; inside another group's range it does not
    ("Men need 410 mg of magnesium a day.", "true"),
    ("Men need 315 mg of magnesium a day.", "no-match"),
    ("Men need 500 mg of magnesium a day.", "no-match"),
    # "rarely" is not what a claim without it says (these were confident wrong verdicts)
    ("Eyelid twitching is rarely harmless.", "no-match"),
    ("Vegans rarely lack vitamin B12.", "no-match"),
    ("Magnesium deficiency can cause facial twitching only in children.", "no-match"),
    ("An adult only needs about 2.4 micrograms of B12 a day.", "true"),  # (was false via vitamin E's dose)
    # a lexicon phrase that opens with one naming its patient first ("essential for") names it first too
    ("Vitamin B12 is essential for maintaining the myelin sheath.", "true"),
    ("The myelin sheath is essential for maintaining vitamin B12.", "no-match"),
    # a relation named as a noun under another verb is that verb's ("can show the cause of")
    ("MRI scans cause hemifacial spasm.", "no-match"),
    # "any" in a plain assertion says "every": more than a claim about recommended doses
    ("Vitamin C supplements are safe at any dose.", "no-match"),
    # "a symptom of" is not "the same thing as" (issue 10's example: it was false)
    ("Facial twitching can be a symptom of hemifacial spasm.", "no-match"),
    ("Facial twitching is a sign of hemifacial spasm.", "no-match"),
    ("Facial twitching is actually hemifacial spasm.", "false"),
    ("Eyelid twitching and hemifacial spasm are one and the same.", "false"),
    # a side of a claim's inner relation that it leaves empty ("neurovascular compression causes
    # HFS") is not filled by another thing ("pressing on the heart"), nor the other side
    ("Hemifacial spasm is usually caused by a blood vessel pressing on the heart.", "no-match"),
    ("Hemifacial spasm is usually caused by a bone pressing on the facial nerve.", "no-match"),
    ("Hemifacial spasm is usually caused by a blood vessel pressing on the facial nerve.", "true"),
    # a claim's amounts for several groups: the statement's must be its own group's
    ("Adult women need 90-120 mg of vitamin C a day.", "no-match"),
    ("Adult women need 75-90 mg of vitamin C a day.", "mostly-true"),
    ("Adult men need 90-120 mg of vitamin C a day.", "mostly-true"),
])
def test_requirements_and_effects_on_the_shipped_knowledge_base(statement: str, verdict: str) -> None:
    result = FactChecker.load().check(statement)
    assert result.verdict == verdict, result.reason


def test_wording_reads_lists_and_qualifying_relations() -> None:
    from factcheck.engine import wording

    checker = FactChecker.load()
    text = "Changing your diet cannot relieve the nerve compression that causes hemifacial spasm."
    said = wording.read(text, checker.analyzer.analyse(text, repair=False), checker.lexicon)
    assert said.qualifying == {"@cause": "@hemifacial-spasm"}
    text = "Diet cannot cause hemifacial spasm."  # the claim's own relation qualifies nothing
    assert wording.read(text, checker.analyzer.analyse(text, repair=False), checker.lexicon).qualifying == {}


SOURCES = [("Kale is rich in folate.", "true"), ("Folate is found in liver.", "true"),
           ("Stress causes eyelid myokymia.", "true")]


@pytest.mark.parametrize(("statement", "verdict"), [
    ("Folate can be found in kale.", "true"),  # "X is found in Y": Y contains X
    ("Liver contains folate.", "true"),
    ("Kale can be found in folate.", "no-match"),
    ("Folate contains liver.", "no-match"),
    ("Eyelid myokymia is often down to stress.", "true"),  # "Y is down to X": X causes Y
    ("Stress is down to eyelid myokymia.", "no-match"),
])
def test_sources_and_causes_named_patient_first(archive, statement: str, verdict: str) -> None:
    assert archive(SOURCES, prefix="s").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # "if A, B": A can cause B, with "don't get enough X" read as a deficiency of X
    ("If you don't get enough iron, your legs might start twitching.", "true"),
    ("If you aren't getting enough iron, your legs can twitch.", "true"),
    ("If you get enough iron, your legs might start twitching.", "no-match"),
    # a verb of aspect says when, not what
    ("Iron deficiency can make your legs start twitching.", "true"),
    ("Iron deficiency made my legs stop twitching.", "no-match"),
    # ... with "to" too ("started to twitch")
    ("Iron deficiency can make your legs start to twitch.", "true"),
    ("If you don't get enough iron, your legs may begin to twitch.", "true"),
    ("Iron deficiency can make your legs start to relax.", "no-match"),
    # "one of the reasons" is "a reason"
    ("Iron deficiency is one of the reasons legs start to twitch.", "true"),
    ("Leg twitching is one of the reasons for iron deficiency.", "no-match"),
])
def test_conditions_and_aspect(archive, statement: str, verdict: str) -> None:
    assert archive([("Iron deficiency can cause leg twitching.", "true")], prefix="i").check(statement).verdict == verdict


@pytest.mark.parametrize("concepts", [(), (("vomiting", "symptom"),)])
@pytest.mark.parametrize(("statement", "verdict"), [
    # a phrasal verb is one word, WordNet's ("threw up": throw_up, a sense of "vomit"), with or
    # without a lexicon (then the claim's "vomiting" is a concept, named by a word WordNet relates)
    ("Ipecac can make you throw up.", "true"),
    ("Ipecac made me throw up.", "true"),
    ("Ipecac stops you from throwing up.", "no-match"),
    ("Ipecac can make you give up.", "no-match"),
])
def test_phrasal_verbs(archive, concepts, statement: str, verdict: str) -> None:
    checker = archive([("Ipecac can cause vomiting.", "true")], concepts, prefix="p")
    assert checker.check(statement).verdict == verdict


def test_phrasal_verb_lemmas() -> None:
    assert wordnet.phrasal("threw", "up") == "throw_up" and wordnet.phrasal("loosening", "up") == "loosen_up"
    assert wordnet.phrasal("magnesium", "up") is None
    assert wordnet.same("throw_up", "vomit") and not wordnet.same("throw_up", "give_up")


@pytest.mark.parametrize(("statement", "verdict"), [
    # idioms said plainly (english.tsv idiom), on both sides alike
    ("Ginger tea is nothing to worry about.", "true"),
    ("Ginger tea is no big deal.", "true"),
    ("Senna can give you the runs.", "true"),
    ("Ginger tea is something to worry about.", "no-match"),
    ("Senna can give you the flu.", "no-match"),
])
def test_idioms(archive, statement: str, verdict: str) -> None:
    checker = archive([("Ginger tea is harmless.", "true"), ("Senna can cause diarrhoea.", "true")], prefix="d")
    assert checker.check(statement).verdict == verdict


def test_idiom_reading() -> None:
    from factcheck.engine.text import tokenise

    assert tokenise("It is nothing to worry about") == ["it", "is", "harmless"]
    assert tokenise("nothing to worry") == ["nothing", "to", "worry"]


@pytest.mark.parametrize(("statement", "verdict"), [
    # a word the claim lacks after a preposition of scope says to whom or where the claim holds:
    # the statement is narrower, and only a refuted claim settles it (natural logic)
    ("Iron deficiency can cause leg twitching in dogs.", "no-match"),
    ("Iron deficiency can cause leg twitching among athletes.", "no-match"),
    ("Iron deficiency can cause leg twitching in horses.", "no-match"),  # (WordNet: an animal)
    ("Iron deficiency can cause leg twitching in newborns.", "no-match"),  # (a person)
    ("Iron deficiency can cause leg twitching in the calves.", "true"),  # (where: a part of the body)
    ("Iron deficiency causes leg twitching in everyone.", "no-match"),  # (every case: stronger)
    ("Iron pills cure restless legs for everybody.", "false"),
    ("Iron pills cure restless legs in children.", "false"),
    # ... not the scope-free words ("in general", "in most cases") nor a purpose ("in order to")
    ("Iron deficiency can cause leg twitching in general.", "true"),
    ("Iron deficiency can cause leg twitching in some people.", "true"),
    ("Your legs need iron in order to stop twitching.", "no-match"),
])
def test_scope_narrows_the_statement(archive, statement: str, verdict: str) -> None:
    claims = [("Iron deficiency can cause leg twitching.", "true"), ("Iron pills cure restless legs.", "false")]
    assert archive(claims, prefix="sc").check(statement).verdict == verdict


FREQUENCY = [("Iron deficiency can cause leg twitching.", "true"), ("Iron deficiency can cause muscle cramps.", "true"),
             ("Benign cysts can occasionally cause leg cramps.", "mostly-true")]


@pytest.mark.parametrize(("statement", "verdict"), [
    # how often: "rarely" is not said by a claim without it, nor "usually" by one that says "occasionally"
    ("Iron deficiency rarely causes leg twitching.", "no-match"),
    ("Leg twitching is seldom caused by iron deficiency.", "no-match"),
    ("Benign cysts usually cause leg cramps.", "no-match"),
    ("Benign cysts often cause leg cramps.", "no-match"),
    ("Benign cysts tend to cause leg cramps.", "no-match"),
    ("Less commonly, benign cysts cause leg cramps.", "mostly-true"),
    ("Benign cysts can cause leg cramps.", "mostly-true"),
    # "only" before an adjunct limits where or when, not what: no other effect refutes it
    ("Iron deficiency can cause leg twitching only in children.", "no-match"),
    ("Iron deficiency causes only leg twitching.", "false"),
])
def test_how_often_and_only_where(archive, statement: str, verdict: str) -> None:
    assert archive(FREQUENCY, prefix="fr").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # "any" before a noun in a plain assertion claims every case: only a refuted claim settles it
    ("Zinc lozenges are safe at any dose.", "no-match"),
    ("Zinc lozenges cure any cold.", "false"),
    ("Zinc lozenges are safe at recommended doses.", "true"),
    # ... and elsewhere it is a stop word
    ("Zinc lozenges don't cure any cold.", "true"),
    # a noun and "of" between two things a claim equates relate them otherwise
    ("Chilblains are a symptom of frostbite.", "no-match"),
    ("Chilblains are actually frostbite.", "false"),
])
def test_any_and_relating_nouns(archive, statement: str, verdict: str) -> None:
    claims = [("Zinc lozenges are safe at recommended doses.", "true"), ("Zinc lozenges cure colds.", "false"),
              ("Chilblains are frostbite.", "false")]
    concepts = [("chilblain", "condition"), ("frostbite", "condition")]
    assert archive(claims, concepts, prefix="an").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # whatever causes, treats or prevents a thing affects it, and is linked to it (relations.tsv
    # entailments): a true claim settles the more general statement, a false one does not
    ("Smoking is linked to lung cancer.", "true"),
    ("Lung cancer is linked to smoking.", "true"),
    ("Smoking affects lung cancer.", "true"),
    ("Smoking can produce lung cancer.", "true"),  # ("produce" is in the cause class)
    ("Garlic is linked to colds.", "no-match"),
    ("Garlic affects colds.", "no-match"),
])
def test_general_relations(archive, statement: str, verdict: str) -> None:
    claims = [("Smoking causes lung cancer.", "true"), ("Garlic cures colds.", "false")]
    assert archive(claims, prefix="gr").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a word for an order of magnitude takes in a number of the claim in its range: more general
    ("Zinc is involved in hundreds of enzymes.", "true"),
    ("Zinc is involved in thousands of enzymes.", "no-match"),
    ("Zinc is involved in dozens of enzymes.", "no-match"),
])
def test_vague_numbers(archive, statement: str, verdict: str) -> None:
    assert archive([("Zinc is involved in over 300 enzymes.", "true")], prefix="vn").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a comparator makes a number a bound: the opposite bound is another claim, the bare number the same amount
    ("Zinc is involved in more than 300 enzymes.", "true"),
    ("Zinc is involved in fewer than 300 enzymes.", "no-match"),  # (was true)
    ("Zinc is involved in at most 300 enzymes.", "no-match"),
    ("Zinc is involved in exactly 300 enzymes.", "no-match"),  # (an exact number meets no bound)
    ("Zinc isn't involved in 300 enzymes.", "false"),
    # a comparison between two things a phrasing equates relates them otherwise
    ("Chilblains are more painful than frostbite.", "no-match"),
])
def test_bounds_and_comparisons(archive, statement: str, verdict: str) -> None:
    claims = [("Zinc is involved in over 300 enzymes.", "true"), ("Chilblains are frostbite.", "false")]
    concepts = [("chilblain", "condition"), ("frostbite", "condition")]
    assert archive(claims, concepts, prefix="bc").check(statement).verdict == verdict


def test_a_phrase_gap_never_crosses_into_another_clause() -> None:
    """"make * [verb]": the gap may not reach past "when", "if", "after" ... into another clause
    ("vitamin D is made in your skin when you're out": no causative "make ... out")."""
    from factcheck.engine import relations
    from factcheck.engine.text import stem

    def classes(text: str) -> list[str]:
        tokens = text.split()
        return [s.cls for s in relations.match([stem(t) for t in tokens], set(), tokens)]

    assert "cause" not in classes("vitamin d gets made in your skin when you are out")
    assert "cause" in classes("stress can make your eyelid twitch")


@pytest.mark.parametrize(("statement", "verdict"), [
    # "to / for people with Y" names those who have Y: what is given to them is given for Y
    ("Psychiatrists prescribe lithium to people with bipolar disorder.", "true"),
    ("Lithium is prescribed to patients with bipolar disorder.", "true"),
    ("Doctors prescribe lithium for bipolar disorder.", "true"),
    # ... but a narrower word for people keeps its scope: only a refuted claim settles it
    ("Lithium is prescribed to children with bipolar disorder.", "no-match"),
    # ... and "without" says Y is absent: the claim does not say that
    ("Lithium is prescribed to people without bipolar disorder.", "no-match"),
    ("Lithium is prescribed for people without bipolar disorder.", "no-match"),
    ("Aspirin relieves headaches without side effects.", "no-match"),
    # a word spelled by ear or by sight: a sound-alike letter is a typo like a neighbouring key
    ("fatique can trigger eyelid twitching", "true"),
    ("an electrolite imbalance can cause leg cramps", "true"),
    # a term that ends in a derived noun needs the noun: "zinc treats" is no "zinc treatment"
    ("Zinc treatment shortens colds.", "true"),
    ("Zinc treats colds.", "no-match"),
    # "prescribed for" treats: a cure or a cause is another claim
    ("Lithium cures bipolar disorder.", "no-match"),
    ("Lithium causes bipolar disorder.", "no-match"),
])
def test_people_with_privatives_spelling_and_derived_nouns(archive, statement: str, verdict: str) -> None:
    claims = [("Lithium is prescribed for bipolar disorder.", "true"), ("Fatigue can trigger eyelid twitching.", "true"),
              ("An electrolyte imbalance can cause leg cramps.", "true"), ("Zinc treatment shortens colds.", "true"),
              ("Aspirin relieves headaches.", "true")]
    checker = archive(claims, [("zinc treatment", "treatment")], prefix="pw")
    assert checker.check(statement).verdict == verdict


def test_a_term_ending_in_a_derived_noun_needs_the_noun() -> None:
    from factcheck.engine.lexicon import Lexicon
    from factcheck.kb.knowledge import Concept

    lexicon = Lexicon([Concept(id="botox", kind="substance", label="Botox", terms=("Botox treatment", "Botox"))])
    for text, want in [("botox treatment works", (0, 2, "botox")), ("botox treats it", (0, 1, "botox"))]:
        words = text.split()
        assert lexicon.match([stem(w) for w in words], words)[0] == want
    again = Lexicon.from_state(lexicon.state())  # (the cached form keeps it)
    assert again.match([stem(w) for w in ["botox", "treats"]], ["botox", "treats"])[0] == (0, 1, "botox")


@pytest.mark.parametrize(("statement", "verdict"), [
    # two things joined by "for" and nothing else relating them: the first is used against the second
    ("Garlic for colds.", "false"),
    ("got some garlic for my cold today", "false"),
    ("Garlic for colds? Total waste of time.", "true"),  # (the answer denies it, as the claim does)
    ("Garlic for colds? Works wonders.", "false"),
    # not a scope ("for children"), not an amount, not inside a subject whose predicate says what
    ("Garlic for children.", "no-match"),
    ("500 mg for colds.", "no-match"),
    ("The effect of garlic for colds is temporary.", "no-match"),
    # a statement that names its own relation keeps it
    ("Garlic for colds causes bad breath.", "no-match"),
    # "for" before a verb gives a reason ("fined for criticizing"), not a use
    ("Garlic for criticizing colds.", "no-match"),
    # an act on the thing is no claim of its use ("gave up X for Y")
    ("I gave up garlic for my cold.", "no-match"),
    # ... and after a word for a message, a reason or a quality it names nothing used
    ("Garlic is another name for colds.", "no-match"),
    # a "X for Y" that a predicate follows is a subject: the predicate says what
    ("Garlic for colds does not stay fresh.", "no-match"),
])
def test_a_bare_for_reads_as_use_against(archive, statement: str, verdict: str) -> None:
    assert archive([("Garlic treats colds.", "false")], prefix="bp").check(statement).verdict == verdict


def test_a_claim_of_several_verbs_or_a_reduced_passive_has_no_verb_pivot(archive) -> None:
    # (a headline's "Numbers Assigned by Race" is a passive: its order is no guide to roles)
    checker = archive([("Social Security Numbers Assigned by Race", "false")], prefix="rp")
    assert checker.check("The government assigns Social Security numbers by race.").verdict == "false"


@pytest.mark.parametrize(("statement", "verdict"), [
    # a closing "from food" says where the thing comes from: a claim about the thing covers it
    ("Vitamin C helps the body absorb iron from food.", "true"),
    ("Vitamin C helps the body absorb iron from your diet.", "true"),
    ("Vitamin C does not help the body absorb iron from food.", "false"),
    # ... not another thing taken, and not a "from" that names what a verb makes or gets from
    ("Vitamin C helps the body absorb zinc from food.", "no-match"),
    ("The body makes vitamin D from food.", "no-match"),
])
def test_a_closing_food_source_is_an_adjunct(archive, statement: str, verdict: str) -> None:
    claims = [("Vitamin C helps the body absorb iron.", "true"), ("The body makes vitamin D from sunlight.", "true")]
    assert archive(claims, prefix="fs").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a passive turned round keeps an opening adjunct first: the subject starts at its determiner
    ("In most cases of gout the joint pain is caused by uric acid crystals.", "true"),
    ("In most cases of gout, uric acid crystals are caused by the joint pain.", "no-match"),
    ("The joint pain is caused by uric acid crystals.", "true"),
])
def test_a_passive_keeps_its_opening_adjunct(archive, statement: str, verdict: str) -> None:
    claims = [("In most cases of gout, uric acid crystals cause the joint pain.", "true")]
    assert archive(claims, prefix="la").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # with no relation class between them, a verb the two share is the pivot of their roles
    ("Dogs chase cats.", "true"),
    ("Cats are chased by dogs.", "true"),
    ("Cats chase dogs.", "no-match"),
    ("Dogs are chased by cats.", "no-match"),
    ("The bill was signed by the senator in 2010.", "true"),
    ("The bill signed the senator in 2010.", "no-match"),
])
def test_a_shared_verb_is_the_pivot_of_roles(archive, statement: str, verdict: str) -> None:
    claims = [("Dogs chase cats.", "true"), ("The senator signed the bill in 2010.", "true")]
    assert archive(claims, prefix="pv").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a belief frame whose subject is nearly empty denies ("few"; not "a few", "quite a few")
    ("Few doctors believe that garlic cures colds.", "true"),
    ("Very few doctors believe garlic cures colds.", "true"),
    ("A few doctors believe that garlic cures colds.", "false"),
    ("Quite a few people think garlic cures colds.", "false"),
    # "Who says X?" answered by nobody denies X
    ("Who says garlic cures colds? Nobody serious.", "true"),
    ("Who says garlic cures colds? Nobody.", "true"),
    ("Who says garlic cures colds? My neighbour.", "false"),
    # an opening time adjunct says when, not who: its thing is no agent of the main clause
    ("Before garlic, nothing cured my colds.", "no-match"),
    ("Until I tried garlic, nothing cured my colds.", "no-match"),
    ("Before winter, garlic cures colds.", "false"),
])
def test_scarce_frames_answers_and_time_adjuncts(archive, statement: str, verdict: str) -> None:
    assert archive([("Garlic cures colds.", "false")], prefix="sf").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # phrases that deny ("far from", "anything but", "a far cry from")
    ("Garlic is far from a cure for colds.", "true"),
    ("Smoking is far from a cause of lung cancer.", "false"),
    ("Garlic is anything but a cure for colds.", "true"),
    ("Garlic is a far cry from a cure for colds.", "true"),
    # "it is doubtful / unlikely / unproven that X", "there is some doubt that X" deny X ...
    ("It is doubtful that smoking causes lung cancer.", "false"),
    ("It's unlikely that garlic cures colds.", "true"),
    ("It remains unproven that smoking causes lung cancer.", "false"),
    ("There is some doubt that smoking causes lung cancer.", "false"),
    ("There is little doubt that smoking causes lung cancer.", "true"),
    ("There is no doubt that smoking causes lung cancer.", "true"),
    ("Fake news: smoking causes lung cancer", "false"),
    ("As if smoking causes lung cancer.", "false"),
    # ... "it is likely that X" and "it's not unlikely that X" assert it
    ("It is likely that smoking causes lung cancer.", "true"),
    ("It's not unlikely that smoking causes lung cancer.", "true"),
    # a sarcasm tag, a symbol for "is not", texting spellings of a denial, "not gonna lie"
    ("smoking causes lung cancer /s", "false"),
    ("garlic cures colds /s", "true"),
    ("garlic != cure for colds", "true"),
    ("garlic \u2260 cure for colds", "true"),
    ("garlic dosnt cure colds", "true"),
    ("Not gonna lie, garlic cured my cold.", "false"),
    # a word that judges a use worthless denies it ("useless for", "a waste of time for")
    ("Aspirin is useless for headaches.", "false"),
    ("Aspirin is a waste of money for headaches.", "false"),
    ("Aspirin is not useless for headaches.", "true"),
    # a belief someone wants you to hold is rejected; a factive verb asserts its clause, denied or not
    ("Sellers want you to believe garlic cures colds.", "true"),
    ("They don't want you to know garlic cures colds!", "false"),
    ("Few people know that smoking causes lung cancer.", "true"),
    ("She doesn't know that smoking causes lung cancer.", "true"),
])
def test_denials_in_many_shapes(archive, statement: str, verdict: str) -> None:
    claims = [("Garlic cures colds.", "false"), ("Smoking causes lung cancer.", "true"),
              ("Aspirin treats headaches.", "true")]
    assert archive(claims, prefix="dn").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # "all Y" claims every case, like "every": another supported cause refutes it
    ("All leg cramps are caused by dehydration.", "false"),
    ("Dehydration causes all leg cramps.", "false"),
    # ... "not all Y" / "not every Y" says others do too: another supported cause supports it
    ("Not all leg cramps are caused by dehydration.", "true"),
    ("Not every leg cramp is caused by dehydration.", "true"),
    # "A, B and C all V" is each of them, not every case
    ("Dehydration and low potassium all cause leg cramps.", "true"),
    # "nothing V Y except X" is "only X V Y"; "not only X V Y" says X does, and others too
    ("Nothing causes leg cramps except dehydration.", "false"),
    ("Nothing causes leg cramps but dehydration.", "false"),
    ("Not only dehydration causes leg cramps.", "true"),
    ("Nothing relieved my cramps, but stretching did.", "no-match"),  # (only stretching: unsettled)
    # "at all" quantifies nothing
    ("Dehydration does not cause leg cramps at all.", "false"),
])
def test_all_nothing_except_and_not_only(archive, statement: str, verdict: str) -> None:
    claims = [("Dehydration causes leg cramps.", "true"), ("Low potassium causes leg cramps.", "true"),
              ("Stretching relieves leg cramps.", "true")]
    assert archive(claims, prefix="q").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a bound of the statement is not the exact amount a claim gives
    ("Adults need 4 grams of fibre a day.", "true"),
    ("Adults need more than 4 grams of fibre a day.", "no-match"),
    ("Adults need less than 4 grams of fibre a day.", "no-match"),
])
def test_a_bound_is_not_an_exact_amount(archive, statement: str, verdict: str) -> None:
    assert archive([("Adults need 4 grams of fibre a day.", "true")], prefix="ex").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # an opening act that undoes the thing makes the subject the act, not the thing
    ("Correcting a magnesium deficiency causes cramps.", "no-match"),
    ("Giving up caffeine causes insomnia.", "no-match"),
    ("Magnesium deficiency causes cramps.", "true"),
    ("Drinking caffeine causes insomnia.", "true"),  # (a light verb restricts nothing)
])
def test_an_act_on_the_subject_is_not_the_subject(archive, statement: str, verdict: str) -> None:
    claims = [("Magnesium deficiency causes cramps.", "true"), ("Caffeine causes insomnia.", "true")]
    assert archive(claims, prefix="ac").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # each member of a list of things in the statement must be met by the claim
    ("Smoking and radon cause lung cancer.", "no-match"),
    ("Smoking causes lung cancer and heart disease.", "no-match"),
    ("Stress, fatigue and noise cause headaches.", "no-match"),
    ("Smoking causes lung cancer.", "true"),
    ("Fatigue and stress cause headaches.", "true"),
    ("Stress causes headaches.", "true"),
])
def test_every_member_of_a_statement_list_must_be_met(archive, statement: str, verdict: str) -> None:
    claims = [("Smoking causes lung cancer.", "true"), ("Stress and fatigue cause headaches.", "true")]
    assert archive(claims, prefix="ls").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a hope asserts nothing; the future is not what a claim rates; a finding that may come neither
    ("Scientists hope garlic will cure colds.", "no-match"),
    ("Garlic will cure colds one day.", "no-match"),
    ("Garlic might one day cure colds.", "no-match"),
    ("Someday we may find that garlic cures colds.", "no-match"),
    ("Researchers might show that garlic cures colds.", "no-match"),
    ("Researchers showed that garlic cures colds.", "false"),
    ("Take garlic once a day.", "no-match"),
])
def test_hopes_futures_and_findings_to_come(archive, statement: str, verdict: str) -> None:
    assert archive([("Garlic cures colds.", "false")], prefix="fu").check(statement).verdict == verdict



@pytest.mark.parametrize(("statement", "verdict"), [
    # a word the claim names on both sides of its relation must be named on both by the statement
    ("Flu vaccines cause colds.", "no-match"),
    ("Flu vaccines cause the flu.", "false"),
    ("Flu vaccines don't cause the flu.", "true"),
    # "less" turns the statement the other way ("more" does not)
    ("Sugar makes children less hyperactive.", "no-match"),
    ("Sugar makes children hyperactive.", "false"),
])
def test_repeated_words_and_less(archive, statement: str, verdict: str) -> None:
    claims = [("Flu vaccines cause the flu.", "false"), ("Sugar makes children hyperactive.", "false")]
    assert archive(claims, prefix="rw").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # words with "no" / "not" that deny nothing
    ("Smoking causes lung cancer no matter what.", "true"),
    ("Garlic cures colds in no time.", "false"),
    ("It is not surprising that smoking causes lung cancer.", "true"),
    ("Garlic does not cure colds no matter how much you eat.", "true"),
    # slips in a denial are still a denial
    ("garlic doesn;t cure colds", "true"),
    ("garlic does mot cure colds", "true"),
    ("Garlic is'nt a cure for colds.", "true"),
    ("garlic doesnot cure colds", "true"),
    ("garlic nver cures colds", "true"),
    # a closing emoji that calls it false; a one-word "no" in another language
    ("smoking causes lung cancer \u274c", "false"),
    ("garlic cures colds \U0001f921", "true"),
    ("Garlic cures colds? Nein.", "true"),
    # "has yet to", "but not anymore", "snake oil", "only in theory"
    ("Garlic has yet to cure a single cold.", "true"),
    ("Smoking used to cause lung cancer, but not anymore.", "false"),
    ("Garlic is snake oil for colds.", "no-match"),
    ("Garlic cures colds only in theory.", "true"),
    # a denial inside an aside is the aside's
    ("Smoking (not diet) causes lung cancer.", "true"),
    ("Colds \u2014 which have no cure \u2014 are cured by garlic.", "false"),
])
def test_no_that_denies_nothing_slips_emoji_and_asides(archive, statement: str, verdict: str) -> None:
    claims = [("Garlic cures colds.", "false"), ("Smoking causes lung cancer.", "true")]
    assert archive(claims, prefix="sl").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a closing aside that denies; the dialect double negative; answers prefixed "A:", "experts say no"
    ("Garlic cures colds (not really).", "true"),
    ("garlic cures colds (not)", "true"),
    ("garlic ain't no cure for colds", "true"),
    ("Q: Does garlic cure colds? A: No.", "true"),
    ("Does Garlic Cure Colds? Experts Say No", "true"),
    ("Smoking causes lung cancer. Just kidding, it doesn't.", "false"),
    # a label after a full stop frames its own sentence
    ("Myth: smoking causes lung cancer. Fact: garlic cures colds.", "false"),
    ("Myth: garlic cures colds. Fact: smoking causes lung cancer.", "true"),
    # a quoted claim judged; "but that claim is false" after a report
    ('The claim "smoking causes lung cancer" is false.', "false"),
    ('The claim \u201cgarlic cures colds\u201d is false.', "true"),
    ("People keep saying that smoking causes lung cancer, but that claim is false.", "false"),
])
def test_closing_asides_answers_and_labels(archive, statement: str, verdict: str) -> None:
    claims = [("Garlic cures colds.", "false"), ("Smoking causes lung cancer.", "true")]
    assert archive(claims, prefix="ca").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # ", but B does" after a denial, ", but B doesn't" after an assertion: B with the predicate
    ("Aspirin doesn't cure colds, but garlic does.", "false"),
    ("Smoking causes lung cancer, but garlic doesn't.", "true"),
    ("Garlic doesn't cure colds, but aspirin does.", "true"),
    # (", but it doesn't" is the same subject denied)
    ("People think garlic cures colds, but it doesn't.", "true"),
])
def test_a_contrast_with_an_elided_predicate(archive, statement: str, verdict: str) -> None:
    claims = [("Garlic cures colds.", "false"), ("Smoking causes lung cancer.", "true")]
    assert archive(claims, prefix="ce").check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a relative clause that relates things of its own, which no claim settles, leaves the whole open
    ("Smoking causes lung cancer, which leads to hair loss.", "no-match"),
    ("Smoking, which is common, causes lung cancer.", "true"),
    ("Smoking causes lung cancer.", "true"),
])
def test_a_chain_is_as_true_as_its_weakest_link(archive, statement: str, verdict: str) -> None:
    assert archive([("Smoking causes lung cancer.", "true")], prefix="ch").check(statement).verdict == verdict


@pytest.fixture(scope="module")
def own_names() -> FactChecker:
    """A curated lexicon that names general classes its own way: "much-zinc" for the excess class,
    and a "soothe" relation that folds in the relieve and reduce classes."""
    data = {
        "version": 1,
        "sources": [{"id": "s", "title": "A source", "publisher": "p", "kind": "article", "reliability": "medium"}],
        "concepts": [
            {"id": "much", "label": "much", "kind": "qualifier",
             "terms": ["too much", "excessive", "overdose", "megadose"]},
            {"id": "soothe", "label": "soothe", "kind": "relation",
             "terms": ["soothe", "relieve", "ease", "alleviate", "reduce", "decrease", "lessen"]},
            {"id": "zinc", "label": "zinc", "kind": "substance", "terms": ["zinc"]},
            {"id": "copper", "label": "copper", "kind": "substance", "terms": ["copper"]},
            {"id": "nausea", "label": "nausea", "kind": "symptom", "terms": ["nausea"]},
            {"id": "itching", "label": "itching", "kind": "symptom", "terms": ["itching", "itch"]},
        ],
        "claims": [{"id": i, "text": t, "verdict": v, "summary": "s", "evidence": [], "origin": {"source": "s"}}
                   for i, t, v in (("much-zinc-nausea", "Too much zinc causes nausea.", "true"),
                                   ("copper-itching", "Copper soothes itching.", "false"))],
    }
    return FactChecker(from_dict(data))


@pytest.mark.parametrize(("statement", "verdict"), [
    # a phrase of the general excess class the lexicon lacks means what its own "too much" means
    ("A large dose of zinc causes nausea.", "true"),
    ("Big doses of zinc cause nausea.", "true"),
    ("Zinc causes nausea.", "no-match"),  # the claim is about too much of it: not said here
    ("A large dose of copper causes nausea.", "no-match"),
    # the relieve and reduce classes read as its "soothe", which holds their plain words
    ("Copper cuts down itching.", "false"),
    ("Copper does not cut down itching.", "true"),
    ("Copper causes itching.", "no-match"),  # another class is another claim
])
def test_a_lexicon_that_names_a_general_class_its_own_way(own_names: FactChecker, statement: str,
                                                         verdict: str) -> None:
    result = own_names.check(statement)
    assert result.verdict == verdict, (result.reason, result.claim and result.claim.text)


def test_a_class_is_read_as_a_concept_only_when_most_of_its_known_phrases_are() -> None:
    from factcheck.engine.lexicon import Lexicon
    from factcheck.kb.knowledge import Concept

    def lexicon(*terms: str) -> Lexicon:
        return Lexicon([Concept(id="k", kind="relation", terms=terms)])
    assert lexicon("relieve", "ease", "soothe").own_class("relieve") == "k"
    assert lexicon("relieve").own_class("relieve") == "relieve"  # one phrase is too little
    assert lexicon("relieve", "ease", "soothe").own_class("cause") == "cause"
    # a narrower class the lexicon keeps ("deplete" within "reduce") stays narrower: "reduce" is
    # not read as the concept that folds it in, only linked to it as the same word
    folding = Lexicon([Concept(id="k", kind="relation", terms=("reduce", "lower", "decrease")),
                       Concept(id="deplete", kind="relation", terms=("deplete",))])
    assert folding.own_class("reduce") == "reduce" and folding.folds("reduce", "k")
    assert not folding.folds("cause", "k")


@pytest.fixture(scope="module")
def plain() -> FactChecker:
    data = {"version": 1, "sources": [{"id": "s", "title": "t", "publisher": "p", "kind": "archive",
                                       "reliability": "medium"}],
            "claims": [{"id": i, "text": t, "verdict": v, "summary": "s", "evidence": [], "origin": {"source": "s"}}
                       for i, t, v in (("walk", "Walking lowers cholesterol.", "true"),
                                       ("sage", "Sage tea calms a cough.", "mostly-true"),
                                       ("oats", "Oats lower cholesterol more than rice does.", "true"))]}
    return FactChecker(from_dict(data))


@pytest.mark.parametrize(("statement", "verdict"), [
    # a comparison with another thing says what a claim without one does not
    ("Walking lowers cholesterol more than swimming does.", "no-match"),
    ("Sage tea calms a cough better than honey.", "no-match"),
    ("Walking lowers cholesterol a lot more than diet pills.", "no-match"),
    # ... but a bound or a norm after "than" is no other thing
    ("Walking lowers cholesterol.", "true"),
    # a claim that compares is met by the same comparison
    ("Oats lower cholesterol more than rice does.", "true"),
])
def test_a_comparison_is_another_claim(plain: FactChecker, statement: str, verdict: str) -> None:
    result = plain.check(statement)
    assert result.verdict == verdict, (result.reason, result.claim and result.claim.text)


def test_than_after_a_comparative_reads_as_a_comparison_only_before_another_thing() -> None:
    from factcheck.engine.analysis import _compared
    assert _compared("smoking causes cancer more than radon does".split())
    assert _compared("it works better than lemon".split())
    assert not _compared("magnesium takes part in more than 300 reactions".split())
    assert not _compared("taking more magnesium than you need causes diarrhoea".split())
    assert not _compared("more magnesium than recommended".split())
    assert not _compared("diet rather than drugs".split())


@pytest.fixture(scope="module")
def placing(archive) -> FactChecker:
    return archive([("Warming up before running prevents cramps.", "true"),
                    ("Rinse your mouth after brushing your teeth.", "true"),
                    ("Ice on a sprain reduces swelling.", "true")])


@pytest.mark.parametrize(("statement", "verdict"), [
    ("Warming up before running prevents cramps.", "true"),
    ("Warming up prior to running prevents cramps.", "true"),  # one meaning, other words
    # the same word placed otherwise is another claim
    ("Warming up after running prevents cramps.", "no-match"),
    ("Warming up during running prevents cramps.", "no-match"),
    ("Warming up instead of running prevents cramps.", "no-match"),
    # a preposition that excludes the claim's wherever it stands
    ("Rinse your mouth before you brush your teeth.", "no-match"),
    # a place the claim does not name is said beside it, not against it
    ("Ice on a sprain reduces swelling in the ankle.", "true"),
])
def test_a_thing_placed_otherwise_is_another_claim(placing: FactChecker, statement: str, verdict: str) -> None:
    result = placing.check(statement)
    assert result.verdict == verdict, (result.reason, result.claim and result.claim.text)


@pytest.mark.parametrize(("statement", "verdict"), [
    ("Teenagers should get 1300 mg of calcium a day.", "true"),  # "should get" says what is needed
    ("Teenagers are supposed to get 1300 mg of calcium a day.", "true"),
    ("Teenagers should get 500 mg of calcium a day.", "no-match"),  # another amount
    ("Teenagers should not get 1300 mg of calcium a day.", "no-match"),  # not the denial of a need
])
def test_what_one_should_get_is_what_one_needs(archive, statement: str, verdict: str) -> None:
    checker = archive([("Teenagers need 1300 mg of calcium a day.", "true")])
    assert checker.check(statement).verdict == verdict


def test_as_well_is_said_plainly(archive) -> None:
    checker = archive([("Sugar makes children hyperactive.", "false"), ("Walking lowers blood pressure.", "true")])
    # (a trailing "as well" is "too", not the verb "well" after a causative "make")
    assert checker.check("Sugar makes children hyperactive as well.").verdict == "false"
    assert checker.check("Walking lowers blood pressure, and sugar makes children hyperactive as well.").verdict \
        == "false"
    assert checker.check("Walking as well as swimming lowers blood pressure.").verdict != "true"


@pytest.mark.parametrize(("statement", "verdict"), [
    # a negative determiner said again for each item of a list is one denial, not two that cancel
    ("No lozenge and no syrup cures a cold.", "true"),
    ("No lozenge or no syrup cures a cold.", "true"),
    ("A lozenge cures a cold.", "false"),
])
def test_no_said_for_each_item_is_one_denial(archive, statement: str, verdict: str) -> None:
    checker = archive([("Lozenges cure a cold.", "false"), ("Syrups cure a cold.", "false")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a curated one-word concept keeps its word's antonyms: "permanent" denies a curated "temporary"
    ("The effect of the nasal spray is permanent.", "false"),
    ("The effect of the nasal spray is not permanent.", "true"),
    ("The nasal spray's effect is temporary.", "true"),
    # a contrary of a curated word is another claim, not its denial
    ("Acupuncture relieves acute back pain.", "no-match"),
])
def test_a_curated_word_keeps_its_antonyms(archive, statement: str, verdict: str) -> None:
    checker = archive([("The nasal spray's effect is temporary.", "true"),
                       ("Acupuncture relieves chronic back pain.", "true")],
                      concepts=[("temporary", "qualifier"), ("chronic", "qualifier")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a verb of aspect moves past its verb's particle: "go away" stays a phrase
    ("Minor leg cramps tend to go away by themselves.", "true"),
    ("Minor leg cramps keep going away by themselves.", "true"),
    # reflexive pronouns are function words, as "itself" is: "by themselves" is "on their own"
    ("Minor leg cramps go away by themselves.", "true"),
    ("Minor leg cramps do not go away by themselves.", "false"),
    ("Minor leg cramps tend to come back by themselves.", "no-match"),
])
def test_aspect_keeps_a_phrasal_verb_whole(archive, statement: str, verdict: str) -> None:
    checker = archive([("Minor leg cramps usually go away on their own.", "true")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a light verb in -ing alone in its place names an act of its own, not the claim's thing
    ("Drinking causes lung cancer.", "no-match"),
    ("Chewing causes lung cancer.", "no-match"),
    # ... where, before a thing, it names that thing
    ("Drinking coffee keeps you awake at night.", "true"),
    ("Smoking causes lung cancer.", "true"),
    # a list member that WordNet does not know may still be a thing the claim does not name
    ("Smoking and vaping cause lung cancer.", "no-match"),
])
def test_an_act_alone_is_a_thing_of_its_own(archive, statement: str, verdict: str) -> None:
    checker = archive([("Smoking causes lung cancer.", "true"), ("Coffee keeps you awake at night.", "true")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # "should not X" is the contrary of "should X", not its denial: a true "should X" refutes it ...
    ("You should not wear a helmet when cycling.", "false"),
    ("You shouldn't wear a helmet when cycling.", "false"),
    # ... a false "should X" settles nothing (X may be merely allowed)
    ("Adults should not drink eight glasses of water a day.", "no-match"),
    ("Adults mustn't drink eight glasses of water a day.", "no-match"),
    # a plain denial of the modal is the denial
    ("It is not true that adults should drink eight glasses of water a day.", "true"),
    # and the other way round: "should X" against a true "should not X" is refuted; against a false one, open
    ("You should stretch before sleeping.", "no-match"),
    ("You should drive after drinking alcohol.", "false"),
])
def test_should_not_is_the_contrary_of_should(archive, statement: str, verdict: str) -> None:
    checker = archive([("You should wear a helmet when cycling.", "true"),
                       ("Adults should drink eight glasses of water a day.", "false"),
                       ("You should not stretch before sleeping.", "false"),
                       ("You should not drive after drinking alcohol.", "true")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # "all", "everyone" against a claim that says "in most cases" or "mostly": the statement claims more
    ("In all cases of shingles the rash clears up within a month.", "no-match"),
    ("Everyone with shingles has the rash clear up within a month.", "no-match"),
    ("Headaches are all caused by dehydration.", "no-match"),
    ("In most cases of shingles the rash clears up within a month.", "true"),
    # a refuted hedged claim still settles the stronger statement
    ("All sore throats are caused by cold drinks.", "false"),
])
def test_all_claims_more_than_most(archive, statement: str, verdict: str) -> None:
    checker = archive([("In most cases of shingles the rash clears up within a month.", "true"),
                       ("Headaches are mostly caused by dehydration.", "true"),
                       ("Sore throats are mostly caused by cold drinks.", "false")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # two things swapped around a shared word that is no relation of the lexicon: another claim
    ("Iron helps carry oxygen around the body.", "true"),
    ("Oxygen helps carry iron around the body.", "no-match"),
    ("Oxygen carries iron around the body.", "no-match"),
])
def test_things_swapped_around_a_word_are_another_claim(archive, statement: str, verdict: str) -> None:
    checker = archive([("Iron helps carry oxygen around the body.", "true")],
                      concepts=[("iron", "substance"), ("oxygen", "substance")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # "mainly", "usually" against a claim that X "can" cause Y: the statement claims more
    ("Migraines are mainly caused by chocolate.", "no-match"),
    ("Chocolate usually triggers migraines.", "no-match"),
    ("Chocolate can trigger migraines.", "true"),
    # ... the claim's other phrasings keep its hedge
    ("Migraines are mostly triggered by chocolate.", "no-match"),
    # words of how often are not of how much ("commonly")
    ("Chocolate commonly triggers migraines.", "true"),
    # a refuted hedged claim still settles the stronger statement
    ("Headaches are mainly caused by cold drinks.", "false"),
])
def test_mainly_claims_more_than_can(archive, statement: str, verdict: str) -> None:
    checker = archive([("Chocolate can trigger migraines.", "true"), ("Cold drinks can cause headaches.", "false")])
    assert checker.check(statement).verdict == verdict


def test_a_claims_modals_come_from_its_own_text() -> None:
    from factcheck.engine import wording
    from factcheck.engine.text import tokenise

    assert wording.modal(tokenise("Adults should not drink eight glasses a day.")) == wording.FORBIDS
    assert wording.modal(tokenise("You mustn't drive after drinking.")) == wording.FORBIDS
    assert wording.modal(tokenise("Stress can trigger twitching.")) == wording.POSSIBLE
    assert wording.modal(tokenise("It can't be true that you should not sleep.")) == wording.FORBIDS | wording.POSSIBLE
    assert wording.modal(tokenise("Stress triggers twitching.")) == 0
    assert wording.modal(tokenise("You should sleep eight hours.")) == 0


def test_a_claims_aliases_keep_its_hedge(checker) -> None:
    # the shipped claim "Stress can trigger facial twitching" has phrasings without "can"
    assert checker.check("Facial twitching is mainly caused by stress.").verdict == "no-match"
    assert checker.check("Stress can trigger facial twitching.").verdict == "true"


@pytest.mark.parametrize(("statement", "verdict"), [
    # two acts that undo a thing, each opening its side, say the same
    ("Stopping smoking lowers the risk of heart disease.", "true"),
    ("Giving up smoking lowers the risk of heart disease.", "true"),
    # the thing without the claim's act is another claim, whichever side has the act
    ("Smoking lowers the risk of heart disease.", "no-match"),
    ("Quitting sugar lowers the risk of heart disease.", "no-match"),
])
def test_acts_that_undo_a_thing(archive, statement: str, verdict: str) -> None:
    checker = archive([("Quitting smoking lowers the risk of heart disease.", "true")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a progressive's "be" does not part a curated phrase from its verb in -ing
    ("My lower back has been aching because of stress.", "true"),
    ("My lower back is aching because of stress.", "true"),
    # "all week" says how long, not every case
    ("My lower back has been aching all week because of stress.", "true"),
    ("Stress triggers lower back ache in all cases.", "no-match"),
])
def test_a_progressive_keeps_a_phrase_whole(archive, statement: str, verdict: str) -> None:
    checker = archive([("Stress can trigger lower back aching.", "true")], concepts=[("lower back aching", "symptom")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a part of the body after "in", "on" that is not in the place the claim names is another claim
    ("Cold weather can cause numbness in the feet.", "no-match"),
    ("Cold weather can cause facial numbness in the hands.", "no-match"),
    # ... a part of that place, or the place itself, is not
    ("Cold weather can cause numbness in the lips.", "true"),
    ("Cold weather can cause numbness in the face.", "true"),
    ("Cold weather can cause facial numbness.", "true"),
    # the tissues found all through the body name no place; nor does the body itself
    ("Cold weather can cause numbness in the skin of the face.", "true"),
])
def test_a_part_of_the_body_elsewhere_is_another_claim(archive, statement: str, verdict: str) -> None:
    checker = archive([("Cold weather can cause facial numbness.", "true")])
    assert checker.check(statement).verdict == verdict


def test_a_claims_place_in_the_body() -> None:
    from factcheck.engine import wording, wordnet

    face = wording.region(["facial", "twitching"])
    assert face and wordnet.part_of("eyelid", face) and wordnet.part_of("cheeks", face)
    assert not wordnet.part_of("legs", face) and not wordnet.part_of("toes", face)
    assert wording.region(["muscle", "twitching"]) == frozenset()  # (a tissue, no place)


def test_per_day_is_a_day() -> None:
    # "per" is a function word: "per day" says what "a day" says, it narrows nothing (the shipped
    # knowledge base without its lexicon, where no concept reads "per day")
    import json
    from pathlib import Path

    from factcheck.kb.knowledge import from_dict

    data = json.loads((Path(__file__).resolve().parent.parent / "knowledge.json").read_text(encoding="utf-8"))
    checker = FactChecker(from_dict({**data, "concepts": []}))
    assert checker.check("Grown-ups need 2.4 mcg of vitamin B12 per day.").verdict == "true"
    assert checker.check("Adults need 2.4 micrograms of vitamin B12 per week.").verdict == "no-match"
