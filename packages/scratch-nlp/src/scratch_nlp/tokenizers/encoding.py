"""Encoding: what a tokenizer returns for one text (HF tokenizers' `Encoding`, the essentials).

    ids      [15496, 995]              the token ids, what a model consumes
    tokens   ["Hello", "Ġworld"]       the tokens as the vocabulary spells them
    offsets  [(0, 5), (5, 11)]         (start, end) of each token in the ORIGINAL text, in
                                       characters (Python str indices), so text[start:end]
                                       is the piece of text the token came from

subtle: a byte-level token can hold part of a multi-byte character (one byte of "é"); its
offsets then cover the whole character, as HF tokenizers reports them.
"""

from dataclasses import dataclass, field


@dataclass
class Encoding:
    ids: list[int] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    offsets: list[tuple[int, int]] = field(default_factory=list)

    def __len__(self):
        return len(self.ids)
