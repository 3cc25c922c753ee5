"""The cached attribute ruler and lemmatizer annotate exactly as spaCy's own.

kgextract swaps them in for speed (``kgextract/nlp/speedups.py``); a user must get
the same tags, parts of speech, morphology, lemmas and dependencies as from the
stock pipeline, token for token.
"""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from kgextract.nlp.pipelines import load_pipeline, model_name
from kgextract.nlp.speedups import CachedAttributeRuler, CachedLemmatizer, speed_up

from .conftest import SEEDS, SHARED_DATA

COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]

# The English attribute ruler's longer patterns ("ai n't", "gon na", "y' all",
# "let 's", "c'm on", "there is") and its whitespace rules, in one text.
COLLOQUIAL = (
    "Y'all ain't gonna win, let's face it. C'mon!  \n\n  There are talks, and "
    "there's a deal we gotta sign.\n\n\nThe SEC fined Citigroup."
)


@pytest.fixture(scope="module")
def pipelines():
    """The stock pipeline and a second copy with the cached components."""
    stock = spacy.load(model_name())
    fast = spacy.load(model_name())
    speed_up(fast)
    return stock, fast


def real_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    corpus = SHARED_DATA / "bbc_news"
    for section in ("business", "entertainment", "politics", "sport", "tech"):
        for path in sorted((corpus / section).glob("*.txt"))[:8]:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def differences(stock, fast, texts: list[str]) -> list[tuple[str, str, str]]:
    """(word, stock annotation, fast annotation) wherever the two pipelines differ."""
    found = []
    pairs = zip(stock.pipe(texts), fast.pipe(texts), strict=True)
    for one, other in pairs:
        a, b = one.to_array(COLUMNS), other.to_array(COLUMNS)
        for i in numpy.nonzero((a != b).any(axis=1))[0].tolist():
            x, y = one[i], other[i]
            found.append(
                (
                    x.text,
                    f"{x.tag_} {x.pos_} {x.morph} {x.lemma_} {x.dep_}",
                    f"{y.tag_} {y.pos_} {y.morph} {y.lemma_} {y.dep_}",
                )
            )
    return found


def test_kgextract_loads_the_cached_components():
    nlp = load_pipeline()
    assert isinstance(nlp.get_pipe("attribute_ruler"), CachedAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)


def test_real_articles_are_annotated_as_by_the_stock_pipeline(pipelines):
    stock, fast = pipelines
    texts = real_texts()
    assert len(texts) > 1
    assert differences(stock, fast, texts) == []


def test_colloquial_forms_and_blank_lines_follow_the_multi_word_rules(pipelines):
    stock, fast = pipelines
    assert differences(stock, fast, [COLLOQUIAL, "", " ", "\n\n", "a"]) == []
    doc = fast(COLLOQUIAL)
    assert [t.lemma_ for t in doc if t.lower_ in ("ai", "gon", "fined")] == [
        "be",
        "go",
        "fin",  # the stock lemmatizer's own error, kept: kgextract fixes it apart
    ]
    assert [t.pos_ for t in doc if t.is_space] == ["SPACE"] * len(
        [t for t in doc if t.is_space]
    )


def test_patterns_added_later_take_effect_with_the_stock_order(pipelines):
    """A rule added after loading (as kgextract adds its lemma fixes) overrides the
    earlier ones on the same token; an operator pattern goes to the Matcher."""
    stock, fast = (spacy.load(model_name()) for _ in range(2))
    speed_up(fast)
    for nlp in (stock, fast):
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.add([[{"LOWER": "fined", "TAG": "VBD"}]], {"LEMMA": "fine"})
        ruler.add(
            [[{"LOWER": "prime"}, {"LOWER": "minister", "OP": "?"}]],
            {"POS": "PROPN"},
        )
    text = "The SEC fined Citigroup, the prime minister said. Prime time."
    assert differences(stock, fast, [text]) == []
    doc = fast(text)
    assert [t.lemma_ for t in doc if t.lower_ == "fined"] == ["fine"]
    assert [t.pos_ for t in doc if t.lower_ == "prime"] == ["PROPN", "PROPN"]


def test_a_rule_setting_an_extension_leaves_the_stock_path_in_charge():
    from spacy.tokens import Token

    Token.set_extension("kg_test_flag", default=False, force=True)
    nlp = spacy.load(model_name())
    speed_up(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "sanctions"}]], {"_": {"kg_test_flag": True}})
    doc = nlp("The EU lifted sanctions.")
    assert [t.text for t in doc if t._.kg_test_flag] == ["sanctions"]
