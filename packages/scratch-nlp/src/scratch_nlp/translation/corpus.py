"""From a Tatoeba file to the three splits a translation run uses, reproducibly.

    settings = CorpusSettings(max_words=16, validation_size=1000, test_size=2000, seed=0)
    splits = prepare_splits(load_tatoeba("spa").pairs, settings)

Steps: normalise (NFC, whitespace) and drop duplicate pairs; optionally keep only the first
`limit` pairs (small runs); keep pairs of 1..max_words words per side; split by source sentence
with `seed` (datasets.split_pairs). The same pairs and settings always give the same splits, so
a checkpoint records its settings (and the corpus hash) instead of the split itself.
"""

from dataclasses import asdict, dataclass

from .._json_files import dataclass_from_dict
from ..datasets.tatoeba import filter_pairs, normalize_pairs, split_pairs


@dataclass(frozen=True)
class CorpusSettings:
    max_words: int = 16  # per side; Tatoeba's 99th percentile is 15
    validation_size: int | float = 1000  # source sentences (int) or a fraction (float)
    test_size: int | float = 2000
    seed: int = 0
    limit: int | None = None  # keep the first `limit` normalised pairs (None: all)
    lowercase: bool = False

    @classmethod
    def from_dict(cls, values):
        return dataclass_from_dict(cls, values)

    def to_dict(self):
        return asdict(self)


def prepare_splits(pairs, settings):
    """TranslationSplits (train, validation, test) of `pairs` under `settings`."""
    pairs = normalize_pairs(pairs, lowercase=settings.lowercase)
    if settings.limit is not None:
        if settings.limit < 3:
            raise ValueError(f"limit must be at least 3 pairs, got {settings.limit}")
        pairs = pairs[: settings.limit]
    pairs = filter_pairs(pairs, max_words=settings.max_words)
    if not pairs:
        raise ValueError(f"no sentence pairs of at most {settings.max_words} words")
    return split_pairs(pairs, settings.validation_size, settings.test_size, settings.seed)
