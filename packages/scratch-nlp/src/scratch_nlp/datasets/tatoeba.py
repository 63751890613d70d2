"""Tatoeba sentence pairs in manythings.org/anki's tab-separated format (spa.txt, fra.txt, ...).

    corpus = load_tatoeba("spa")                 # data_dir()/spa-eng/spa.txt and _about.txt
    corpus.pairs[0]                              # SentencePair(source='Go.', target='Ve.', attribution='')
    corpus.attribution                           # the distributor's notice (license CC-BY 2.0 FR)
    pairs = filter_pairs(normalize_pairs(corpus.pairs), max_words=12)
    splits = split_pairs(pairs, validation_size=1000, test_size=2000, seed=0)

Format: UTF-8, one pair per line, `English<TAB>Other`; newer releases add a third column with the
per-sentence attribution ("CC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM) & ..."),
which is kept in SentencePair.attribution. The file's license requires attribution, so the
corpus carries `_about.txt` (or, when it is absent, the short notice below).

Splitting is by SOURCE sentence: Tatoeba often has several translations of one English sentence
("Go." -> "Ve." / "Vete." / "Vaya."); all of them land in the same split, so no test sentence is
seen in training, and `references_by_source` gathers them as multiple BLEU references.
"""

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scratch_nn.datasets import CorruptDatasetError, data_dir, ensure_file, sha256_of_file

ATTRIBUTION = ("Tatoeba Project sentences (https://tatoeba.org), CC-BY 2.0 (FR), "
               "http://creativecommons.org/licenses/by/2.0; distributed by www.manythings.org/anki")
# The 2018-05-13 release that TensorFlow's NMT tutorials use: 118,964 English-Spanish pairs.
SPA_ENG_ZIP_URL = "http://storage.googleapis.com/download.tensorflow.org/data/spa-eng.zip"
SPA_TXT_SHA256 = "6ec60e212f812ee3430f7568ea6f33b6fb080e32193c5952e8da0ee8ba45574c"


@dataclass(frozen=True)
class SentencePair:
    source: str  # English
    target: str  # the other language
    attribution: str = ""  # the third column of newer files, else ""


@dataclass(frozen=True)
class TatoebaCorpus:
    pairs: list
    attribution: str  # keep this with anything built from the pairs (CC-BY)
    path: Path | None = None


@dataclass(frozen=True)
class TranslationSplits:
    train: list
    validation: list
    test: list


def parse_tatoeba_lines(lines, name="<lines>"):
    """SentencePairs from `English<TAB>Other[<TAB>attribution]` lines; a malformed line raises, naming it."""
    pairs = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) not in (2, 3) or not fields[0].strip() or not fields[1].strip():
            raise ValueError(f"{name}:{number}: expected 'English<TAB>translation[<TAB>attribution]', got {line[:80]!r}")
        pairs.append(SentencePair(fields[0], fields[1], fields[2] if len(fields) == 3 else ""))
    if not pairs:
        raise ValueError(f"{name}: no sentence pairs")
    return pairs


def read_tatoeba(path):
    """Every pair of one manythings file, in file order."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not valid UTF-8 at byte {error.start} (a corrupt or truncated file?)") from None
    return parse_tatoeba_lines(text.split("\n"), str(path))


def load_tatoeba(language="spa", root=None, download=False):
    """The English-`language` corpus from data_dir()/<language>-eng/<language>.txt, with its notice.

    download=True (Spanish only) fetches TensorFlow's copy of the 2018 release and checks the
    SHA-256 of spa.txt before it is put in place.
    """
    path = Path(data_dir() if root is None else root) / f"{language}-eng" / f"{language}.txt"
    if not path.is_file() and download:
        if language != "spa":
            raise ValueError(f"download=True knows the Spanish file only; put {path} there yourself")
        _fetch_spanish(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found. Pass download=True to fetch it (Spanish: {SPA_ENG_ZIP_URL}), "
                                f"or put a copy there yourself ($SCRATCH_DATA_DIR sets the data folder).")
    about = path.with_name("_about.txt")
    attribution = about.read_text(encoding="utf-8") if about.is_file() else ATTRIBUTION
    return TatoebaCorpus(read_tatoeba(path), attribution, path)


def _fetch_spanish(path):
    """spa-eng.zip -> spa.txt (SHA-256 checked) and _about.txt beside it, each renamed into place."""
    archive = ensure_file(path.with_name("spa-eng.zip"), [SPA_ENG_ZIP_URL], download=True)
    try:
        with zipfile.ZipFile(archive) as members:
            for member, name in (("spa-eng/spa.txt", "spa.txt"), ("spa-eng/_about.txt", "_about.txt")):
                temporary = path.with_name(f".{name}.part")
                temporary.write_bytes(members.read(member))
                if name == "spa.txt" and sha256_of_file(temporary) != SPA_TXT_SHA256:
                    temporary.unlink()
                    raise CorruptDatasetError(f"{SPA_ENG_ZIP_URL}: its spa.txt has a SHA-256 other than the "
                                              f"published {SPA_TXT_SHA256}")
                temporary.replace(path.with_name(name))
    except (zipfile.BadZipFile, KeyError) as error:
        raise CorruptDatasetError(f"{archive}: not the expected spa-eng.zip ({error})") from error
    finally:
        archive.unlink(missing_ok=True)


_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t\r\n"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)


def normalize_text(text, lowercase=False):
    """Unicode NFC, odd spaces -> ' ', zero-width characters dropped, whitespace collapsed.

    "  Caf\u0065\u0301\u00a0 au lait\u200b " -> "Café au lait"
    """
    text = unicodedata.normalize("NFC", text).translate(_SPACES).translate(_INVISIBLE)
    text = " ".join(text.split())
    return text.lower() if lowercase else text


def normalize_pairs(pairs, lowercase=False):
    """normalize_text on both sides; pairs that become empty and exact duplicates are dropped."""
    seen, kept = set(), []
    for pair in pairs:
        source, target = normalize_text(pair.source, lowercase), normalize_text(pair.target, lowercase)
        if source and target and (source, target) not in seen:
            seen.add((source, target))
            kept.append(SentencePair(source, target, pair.attribution))
    return kept


def filter_pairs(pairs, max_words=None, min_words=1, max_length=None, measure=None):
    """Pairs whose both sides have min_words..max_words whitespace words (and, if given,
    measure(text) <= max_length, e.g. a tokenizer's token count)."""
    if max_words is not None and max_words < min_words:
        raise ValueError(f"max_words ({max_words}) is below min_words ({min_words})")
    if (max_length is None) != (measure is None):
        raise ValueError("give max_length and measure together")
    kept = []
    for pair in pairs:
        lengths = (len(pair.source.split()), len(pair.target.split()))
        if min(lengths) < min_words or (max_words is not None and max(lengths) > max_words):
            continue
        if max_length is not None and max(measure(pair.source), measure(pair.target)) > max_length:
            continue
        kept.append(pair)
    return kept


def _split_size(size, count, name):
    if isinstance(size, float):
        if not 0.0 <= size < 1.0:
            raise ValueError(f"{name} as a fraction must be in [0, 1), got {size}")
        return int(round(size * count))
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise ValueError(f"{name} must be a count >= 0 or a fraction, got {size!r}")
    return size


def split_pairs(pairs, validation_size=0.05, test_size=0.05, seed=0):
    """A seeded train / validation / test split over distinct source sentences (see the module doc).

    Sizes count source sentences (an int) or a fraction of them (a float). Each split keeps the
    pairs in file order. Same pairs and seed, same split.
    """
    groups = {}
    for pair in pairs:
        groups.setdefault(pair.source, []).append(pair)
    sources = list(groups)
    validation_count = _split_size(validation_size, len(sources), "validation_size")
    test_count = _split_size(test_size, len(sources), "test_size")
    if validation_count + test_count >= len(sources):
        raise ValueError(f"validation ({validation_count}) + test ({test_count}) source sentences leave nothing "
                         f"to train on: there are {len(sources)} distinct sources")
    order = np.random.default_rng(seed).permutation(len(sources))
    split_of = np.zeros(len(sources), dtype=np.int8)  # 0 train, 1 validation, 2 test
    split_of[order[:test_count]] = 2
    split_of[order[test_count:test_count + validation_count]] = 1
    parts = ([], [], [])
    for index, source in enumerate(sources):
        parts[split_of[index]].extend(groups[source])
    return TranslationSplits(*parts)


def references_by_source(pairs):
    """(distinct sources in order, their targets): the multi-reference layout for BLEU.

    [("Go.", "Ve."), ("Go.", "Vete."), ("Hi.", "Hola.")] -> (["Go.", "Hi."], [["Ve.", "Vete."], ["Hola."]])
    """
    targets = {}
    for pair in pairs:
        targets.setdefault(pair.source, []).append(pair.target)
    return list(targets), list(targets.values())


def reference_streams(references):
    """Per-sentence reference lists -> sacrebleu's streams (padded with None).

    [["a", "b"], ["c"]] -> [["a", "c"], ["b", None]]
    """
    width = max(len(refs) for refs in references)
    return [[refs[k] if k < len(refs) else None for refs in references] for k in range(width)]
