"""BLEU (Papineni et al. 2002) exactly as sacrebleu computes it: 13a tokenization, exp smoothing.

For hypotheses h_i with references R_i (one or more strings each), after tokenizing every
string with mteval-v13a's rules (`tokenize_13a`):

    c_n  = sum_i sum_{g in ngrams_n(h_i)} min(count_h(g), max_{r in R_i} count_r(g))   clipped matches
    t_n  = sum_i |ngrams_n(h_i)|                                                          proposed n-grams
    p_n  = c_n / t_n                       n = 1..4
    len_h = sum_i |h_i|,   len_r = sum_i |r*_i|   where r*_i is the reference length closest to
                                            |h_i| (ties: the shorter one)
    BP   = 1 if len_h >= len_r else exp(1 - len_r / len_h)      (0 when len_h = 0)
    BLEU = 100 * BP * exp( (1/N) sum_n log p_n )

Smoothing of a zero c_n: "exp" (sacrebleu's default, NIST's method 3): the k-th order with no
match gets p_n = 1 / (2^k t_n); "floor": p_n = value / t_n; "add-k": c_n, t_n += value for n > 1;
"none": log 0 floored to -9999999999, as sacrebleu. Orders with t_n = 0 stop the loop; with
effective_order they are left out of the mean (N = the last order with t_n > 0), which
sentence_bleu does by default, as sacrebleu.sentence_bleu. No match at all gives 0.

    corpus_bleu(["the cat sat"], [["the cat sat down"]]).score   # one reference stream
    sentence_bleu("the cat", ["the cat sat", "a cat"]).score      # references of one sentence

`references` for corpus_bleu is a list of reference streams, each as long as the hypotheses
(sacrebleu's layout); a None entry means that sentence has fewer references.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field

MAX_NGRAM_ORDER = 4
SMOOTH_DEFAULTS = {"none": None, "floor": 0.1, "add-k": 1, "exp": None}
_LOG_ZERO = -9999999999  # sacrebleu's floor for log(0)

# mteval-v13a's language-dependent rules, in order (Western languages).
_13A_RULES = [
    (re.compile(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])"), r" \1 "),  # punctuation and symbols apart
    (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),  # period and comma, unless after a digit
    (re.compile(r"([\.,])([^0-9])"), r" \1 \2"),  # ... unless before a digit
    (re.compile(r"([0-9])(-)"), r"\1 \2 "),  # dash after a digit
]


def tokenize_13a(line):
    """mteval-v13a's tokenization: "Hello, world." -> "Hello , world ."

    Drops "<skipped>" and hyphenated line breaks, unescapes &quot; &amp; &lt; &gt;, splits off
    punctuation (keeping 3.14 and 1,000 whole), collapses whitespace.
    """
    line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    line = f" {line} "
    for pattern, replacement in _13A_RULES:
        line = pattern.sub(replacement, line)
    return " ".join(line.split())


def ngram_counts(tokens, max_order=MAX_NGRAM_ORDER):
    """Counts of every n-gram, 1 <= n <= max_order: ["a", "b"] -> {("a",): 1, ("b",): 1, ("a", "b"): 1}."""
    return Counter(tuple(tokens[i:i + n]) for n in range(1, max_order + 1) for i in range(len(tokens) - n + 1))


@dataclass
class BLEUScore:
    """A BLEU result: score in [0, 100] and the statistics it came from (sacrebleu's fields)."""

    score: float
    counts: list = field(default_factory=list)  # c_n, clipped n-gram matches
    totals: list = field(default_factory=list)  # t_n, hypothesis n-grams
    precisions: list = field(default_factory=list)  # 100 * p_n after smoothing
    bp: float = 1.0
    sys_len: int = 0
    ref_len: int = 0

    def __str__(self):
        precisions = "/".join(f"{p:.1f}" for p in self.precisions)
        return (f"BLEU = {self.score:.2f} {precisions} (BP = {self.bp:.3f} ratio = "
                f"{self.sys_len / max(self.ref_len, 1):.3f} hyp_len = {self.sys_len} ref_len = {self.ref_len})")


def _closest_reference_length(hypothesis_length, reference_lengths):
    """The reference length nearest the hypothesis length; ties go to the shorter reference."""
    return min(reference_lengths, key=lambda length: (abs(length - hypothesis_length), length))


def _segment_statistics(hypothesis, references, lowercase, max_order):
    """[len_h, len_r*, c_1..c_N, t_1..t_N] for one sentence."""
    prepare = (lambda s: tokenize_13a(s.rstrip().lower())) if lowercase else (lambda s: tokenize_13a(s.rstrip()))
    reference_ngrams = Counter()
    reference_lengths = []
    for reference in references:
        tokens = prepare(reference).split()
        reference_lengths.append(len(tokens))
        for gram, count in ngram_counts(tokens, max_order).items():
            reference_ngrams[gram] = max(reference_ngrams[gram], count)
    tokens = prepare(hypothesis).split()
    correct, total = [0] * max_order, [0] * max_order
    for gram, count in ngram_counts(tokens, max_order).items():
        total[len(gram) - 1] += count
        correct[len(gram) - 1] += min(count, reference_ngrams.get(gram, 0))
    return [len(tokens), _closest_reference_length(len(tokens), reference_lengths)] + correct + total


def compute_bleu(correct, total, sys_len, ref_len, smooth_method="exp", smooth_value=None,
                 effective_order=False, max_order=MAX_NGRAM_ORDER):
    """BLEU from its sufficient statistics (see the module docstring for the formula)."""
    if smooth_method not in SMOOTH_DEFAULTS:
        raise ValueError(f"unknown smooth_method {smooth_method!r}; expected one of {sorted(SMOOTH_DEFAULTS)}")
    if smooth_value is None:
        smooth_value = SMOOTH_DEFAULTS[smooth_method]
    correct, total = list(correct), list(total)
    bp = 1.0
    if sys_len < ref_len:
        bp = math.exp(1 - ref_len / sys_len) if sys_len > 0 else 0.0
    precisions = [0.0] * max_order
    if not any(correct):
        return BLEUScore(0.0, correct, total, precisions, bp, sys_len, ref_len)
    halvings, orders = 1.0, max_order
    for n in range(1, max_order + 1):
        if smooth_method == "add-k" and n > 1:
            correct[n - 1] += smooth_value
            total[n - 1] += smooth_value
        if total[n - 1] == 0:
            break
        if effective_order:
            orders = n
        if correct[n - 1] == 0:
            if smooth_method == "exp":
                halvings *= 2
                precisions[n - 1] = 100.0 / (halvings * total[n - 1])
            elif smooth_method == "floor":
                precisions[n - 1] = 100.0 * smooth_value / total[n - 1]
        else:
            precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1]
    log_mean = sum(math.log(p) if p > 0 else _LOG_ZERO for p in precisions[:orders]) / orders
    return BLEUScore(bp * math.exp(log_mean), correct, total, precisions, bp, sys_len, ref_len)


def _check_strings(values, what):
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise TypeError(f"{what}[{index}] must be a str, got {type(value).__name__}")


def corpus_bleu(hypotheses, references, smooth_method="exp", smooth_value=None, lowercase=False,
                use_effective_order=False):
    """Corpus BLEU of `hypotheses` (list of str) against reference streams (list of lists of str).

    Defaults are sacrebleu.corpus_bleu's: 13a tokenization, exp smoothing, no effective order.
    """
    if isinstance(hypotheses, str) or isinstance(references, str):
        raise TypeError("corpus_bleu takes a list of hypotheses and a list of reference streams, not a str")
    if any(isinstance(stream, str) for stream in references):
        raise TypeError("corpus_bleu: references must be a list of streams (lists of str), e.g. [refs]")
    hypotheses, streams = list(hypotheses), [list(stream) for stream in references]
    if not hypotheses:
        raise ValueError("corpus_bleu: no hypotheses")
    if not streams:
        raise ValueError("corpus_bleu: no reference streams")
    _check_strings(hypotheses, "hypotheses")
    for number, stream in enumerate(streams):
        if len(stream) != len(hypotheses):
            raise ValueError(f"corpus_bleu: reference stream {number} has {len(stream)} lines for "
                             f"{len(hypotheses)} hypotheses")
    totals = [0] * (2 + 2 * MAX_NGRAM_ORDER)
    for index, hypothesis in enumerate(hypotheses):
        sentence_references = [stream[index] for stream in streams if stream[index] is not None]
        if not sentence_references:
            raise ValueError(f"corpus_bleu: hypothesis {index} has no reference (every stream holds None)")
        _check_strings(sentence_references, f"references of hypothesis {index}")
        statistics = _segment_statistics(hypothesis, sentence_references, lowercase, MAX_NGRAM_ORDER)
        totals = [a + b for a, b in zip(totals, statistics)]
    return compute_bleu(totals[2:2 + MAX_NGRAM_ORDER], totals[2 + MAX_NGRAM_ORDER:], totals[0], totals[1],
                        smooth_method, smooth_value, use_effective_order)


def sentence_bleu(hypothesis, references, smooth_method="exp", smooth_value=None, lowercase=False,
                  use_effective_order=True):
    """BLEU of one hypothesis (str) against its references (list of str), as sacrebleu.sentence_bleu."""
    if not isinstance(hypothesis, str):
        raise TypeError(f"sentence_bleu: hypothesis must be a str, got {type(hypothesis).__name__}")
    if isinstance(references, str):
        raise TypeError("sentence_bleu: references must be a list of str, e.g. [reference]")
    return corpus_bleu([hypothesis], [[reference] for reference in references], smooth_method, smooth_value,
                       lowercase, use_effective_order)
