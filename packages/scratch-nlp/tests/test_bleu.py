"""scratch_nlp.bleu against sacrebleu (the oracle): corpus and sentence BLEU to 0.01.

Tolerance: |ours - sacrebleu| <= 0.01 BLEU (in practice equal to ~1e-12: the same sums in the
same order); tokenization is compared exactly. Corpora: hypothesis-generated text over a small
vocabulary with punctuation, digits and entities (so n-grams collide), and real Spanish
sentences from the Tatoeba file with corrupted copies as hypotheses.
"""

import random

import pytest
import sacrebleu
from data_files import data_root
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a
from scratch_nlp.bleu import compute_bleu, corpus_bleu, sentence_bleu, tokenize_13a

TOLERANCE = 0.01
WORDS = ["el", "gato", "la", "casa", "es", "roja", "un", "perro", "Tom", "3.14", "1,000", "9-5",
         ",", ".", "!", "?", "¿", "&amp;", "&quot;", "(no)", "mañana", "don't", "e-mail", "<skipped>"]
sentences = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
free_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
any_sentence = st.one_of(sentences, sentences, free_text)  # mostly colliding words, sometimes anything


@settings(max_examples=200, deadline=None)
@given(st.one_of(sentences, free_text))
def test_tokenize_13a_equals_sacrebleu(line):
    assert tokenize_13a(line) == Tokenizer13a()(line)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(any_sentence, any_sentence, any_sentence), min_size=1, max_size=8),
       st.sampled_from(["exp", "none", "floor", "add-k"]), st.booleans(), st.booleans())
def test_corpus_bleu_equals_sacrebleu_on_random_corpora(rows, smooth_method, effective_order, lowercase):
    hypotheses = [row[0] for row in rows]
    streams = [[row[1] for row in rows], [row[2] for row in rows]]
    ours = corpus_bleu(hypotheses, streams, smooth_method=smooth_method, lowercase=lowercase,
                       use_effective_order=effective_order)
    theirs = sacrebleu.corpus_bleu(hypotheses, streams, smooth_method=smooth_method, lowercase=lowercase,
                                   use_effective_order=effective_order)
    assert abs(ours.score - theirs.score) <= TOLERANCE
    assert (ours.sys_len, ours.ref_len) == (theirs.sys_len, theirs.ref_len)
    assert ours.counts[:4] == list(theirs.counts)[:4] or smooth_method == "add-k"


@settings(max_examples=150, deadline=None)
@given(any_sentence, st.lists(any_sentence, min_size=1, max_size=3))
def test_sentence_bleu_equals_sacrebleu_defaults(hypothesis, references):
    ours = sentence_bleu(hypothesis, references)
    theirs = sacrebleu.sentence_bleu(hypothesis, references)
    assert abs(ours.score - theirs.score) <= TOLERANCE


def test_variable_number_of_references_uses_none_like_sacrebleu():
    hypotheses = ["el gato es rojo .", "la casa"]
    streams = [["el gato es rojo .", "la casa es roja"], [None, "una casa"]]
    assert abs(corpus_bleu(hypotheses, streams).score - sacrebleu.corpus_bleu(hypotheses, streams).score) <= TOLERANCE


def test_bleu_equals_sacrebleu_on_real_tatoeba_sentences():
    root = data_root("spa-eng", "spa.txt")
    lines = (root / "spa-eng" / "spa.txt").read_text(encoding="utf-8").splitlines()
    generator = random.Random(7)
    references = [line.split("\t")[1] for line in generator.sample(lines, 1500)]
    hypotheses = []
    for reference in references:  # corrupt: drop, swap and duplicate words
        words = reference.split()
        if len(words) > 2 and generator.random() < 0.5:
            del words[generator.randrange(len(words))]
        if len(words) > 1 and generator.random() < 0.5:
            i = generator.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        if generator.random() < 0.3:
            words.append(generator.choice(words))
        hypotheses.append(" ".join(words))
    ours, theirs = corpus_bleu(hypotheses, [references]), sacrebleu.corpus_bleu(hypotheses, [references])
    assert 20 < theirs.score < 95
    assert abs(ours.score - theirs.score) <= TOLERANCE
    for hypothesis, reference in list(zip(hypotheses, references))[:300]:
        assert abs(sentence_bleu(hypothesis, [reference]).score
                   - sacrebleu.sentence_bleu(hypothesis, [reference]).score) <= TOLERANCE


def test_perfect_and_empty_hypotheses():
    assert corpus_bleu(["a b c d e"], [["a b c d e"]]).score == pytest.approx(100.0)
    assert corpus_bleu([""], [["a b c"]]).score == 0.0
    assert sentence_bleu("x y", ["a b"]).score == 0.0


def test_compute_bleu_matches_sacrebleu_on_statistics():
    ours = compute_bleu([5, 3, 1, 0], [6, 5, 4, 3], 6, 7)
    theirs = sacrebleu.BLEU.compute_bleu([5, 3, 1, 0], [6, 5, 4, 3], 6, 7, smooth_method="exp")
    assert abs(ours.score - theirs.score) <= 1e-9


@pytest.mark.parametrize("call, error, match", [
    (lambda: corpus_bleu([], [[]]), ValueError, "no hypotheses"),
    (lambda: corpus_bleu(["a"], []), ValueError, "no reference streams"),
    (lambda: corpus_bleu(["a", "b"], [["a"]]), ValueError, "1 lines for 2 hypotheses"),
    (lambda: corpus_bleu("a", [["a"]]), TypeError, "not a str"),
    (lambda: corpus_bleu(["a"], ["a"]), TypeError, "streams"),
    (lambda: corpus_bleu([3], [["a"]]), TypeError, "hypotheses\\[0\\]"),
    (lambda: corpus_bleu(["a"], [[None]]), ValueError, "no reference"),
    (lambda: sentence_bleu("a", "a"), TypeError, "list of str"),
    (lambda: corpus_bleu(["a"], [["a"]], smooth_method="magic"), ValueError, "smooth_method"),
])
def test_bad_input_is_refused_with_a_reason(call, error, match):
    with pytest.raises(error, match=match):
        call()
