"""GPT-2's byte level: text -> UTF-8 bytes -> one printable character per byte, and back.

A byte-level BPE never meets an unknown character: every text is a sequence of bytes, and the
256 possible bytes are the starting alphabet. To keep tokens printable (and JSON friendly),
GPT-2 maps each byte to a visible Unicode character: the printable Latin-1 bytes map to
themselves ("!".."~", "¡".."¬", "®".."ÿ"), and the other 68 bytes (controls, space, DEL, NBSP,
soft hyphen) are shifted to code points 256, 257, ... in byte order. So a space (byte 32) is
"Ġ" (U+0120) and a newline (byte 10) is "Ċ" (U+010A):

    to_byte_level(" héllo\n") -> "ĠhÃ©lloĊ"      (é is two bytes: C3 A9 -> "Ã", "©")

Pre-tokenization splits text into "words" before BPE, so merges never cross a word boundary.
GPT-2's pattern keeps a leading space with the word that follows (" hello"), splits English
contractions ("'s", "'ll"), letters, numbers and punctuation runs apart, and leaves a run of
whitespace on its own except for its last space, which goes to the next word:

    pre_tokenize("Hello  world's 42!") -> ["Hello", " ", " world", "'s", " 42", "!"]
"""

import regex

GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
GPT2_REGEX = regex.compile(GPT2_PATTERN)


def bytes_to_unicode():
    """GPT-2's table {byte: printable character} for all 256 bytes (see the module docstring)."""
    printable = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    table = {byte: chr(byte) for byte in printable}
    shifted = 0
    for byte in range(256):
        if byte not in table:  # a control / space / invisible byte: park it above U+00FF
            table[byte] = chr(256 + shifted)
            shifted += 1
    return dict(sorted(table.items()))


BYTE_TO_CHAR = bytes_to_unicode()  # {0..255: str of length 1}
CHAR_TO_BYTE = {char: byte for byte, char in BYTE_TO_CHAR.items()}
BYTE_LEVEL_ALPHABET = frozenset(BYTE_TO_CHAR.values())  # the 256 characters
# subtle: str.translate over the Latin-1 decoding maps each byte (as a code point 0..255) in C.
_LATIN1_TO_BYTE_LEVEL = {byte: char for byte, char in BYTE_TO_CHAR.items()}


def to_byte_level(text):
    """A str -> its UTF-8 bytes written in GPT-2's byte characters: "hi there" -> "hiĠthere"."""
    return text.encode("utf-8").decode("latin-1").translate(_LATIN1_TO_BYTE_LEVEL)


def from_byte_level(token):
    """Byte characters -> the raw bytes they stand for: "hiĠ" -> b"hi ". Raises on a foreign char."""
    try:
        return bytes(CHAR_TO_BYTE[char] for char in token)
    except KeyError as error:
        raise ValueError(
            f"token {token!r} has the character {error.args[0]!r}, which is not one of GPT-2's 256 byte characters"
        ) from None


def pre_tokenize(text):
    """Split text into words with GPT-2's regex (see the module docstring); the words concatenate to text."""
    return GPT2_REGEX.findall(text)
