"""Special (added) tokens: whole strings that map to one id and that BPE never splits or merges.

They are matched in the raw text BEFORE pre-tokenization, leftmost first and, where two start at
the same place, longest first (HF tokenizers' "leftmost-longest" rule). The text between them is
encoded normally:

    split_on_special_tokens("a<|end|>b", pattern for ["<|end|>"])
        -> [(0, "a", False), (1, "<|end|>", True), (8, "b", False)]   # (start, piece, is_special)
"""

import regex


def validate_special_tokens(special_tokens):
    """A list of distinct non-empty strings, or a ValueError/TypeError naming the bad entry."""
    if isinstance(special_tokens, str):
        raise TypeError("special_tokens must be a list of strings, not a single string")
    tokens = list(special_tokens)
    for token in tokens:
        if not isinstance(token, str):
            raise TypeError(f"special token {token!r} is a {type(token).__name__}, expected str")
        if not token:
            raise ValueError("special tokens must be non-empty strings")
    duplicates = sorted({token for token in tokens if tokens.count(token) > 1})
    if duplicates:
        raise ValueError(f"special tokens listed more than once: {duplicates}")
    return tokens


def special_token_regex(special_tokens):
    """A compiled alternation that finds the tokens leftmost-longest, or None when there are none."""
    if not special_tokens:
        return None
    # subtle: regex alternation is leftmost-FIRST; listing longer tokens first makes it longest.
    longest_first = sorted(special_tokens, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(token) for token in longest_first))


def split_on_special_tokens(text, pattern):
    """[(start, piece, is_special), ...] covering text in order (empty pieces left out)."""
    if pattern is None:
        return [(0, text, False)] if text else []
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append((position, text[position : match.start()], False))
        pieces.append((match.start(), match.group(), True))
        position = match.end()
    if position < len(text):
        pieces.append((position, text[position:], False))
    return pieces
