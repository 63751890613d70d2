"""CharTokenizer: one token per character (nanoGPT's Shakespeare tokenizer), no merges, no bytes.

The vocabulary is the sorted set of characters seen in training, so ids follow code-point order:

    CharTokenizer().train("hello")   vocab {"e": 0, "h": 1, "l": 2, "o": 3}
    encode("hole").ids -> [1, 3, 2, 0];  decode([1, 0, 2, 2, 3]) -> "hello"

It is the byte-level BPE's simpler sibling (bpe.py): the same Encoding result and JSON files, but a
character never seen in training cannot be encoded (a ValueError names it), where byte-level BPE
falls back to bytes. HF tokenizers' BPE trained with no room for merges gives the same ids.
"""

from .bpe_files import read_json, write_json
from .encoding import Encoding

FORMAT = "scratch_nlp.CharTokenizer"


class CharTokenizer:
    """chars: the vocabulary, in id order (default empty until train)."""

    def __init__(self, chars=()):
        chars = list(chars)
        for char in chars:
            if not isinstance(char, str) or len(char) != 1:
                raise ValueError(f"vocabulary entry {char!r} is not a single character")
        if len(set(chars)) != len(chars):
            raise ValueError("vocabulary characters must be distinct")
        self.chars = chars
        self.vocab = {char: index for index, char in enumerate(chars)}

    def train(self, texts):
        """Vocabulary = sorted characters of texts (a str or an iterable of str); returns self."""
        if isinstance(texts, str):
            texts = [texts]
        seen = set()
        for position, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{position}] is a {type(text).__name__}, expected str")
            seen.update(text)
        if not seen:
            raise ValueError("cannot train on an empty corpus: texts hold no characters")
        self.__init__(sorted(seen))
        return self

    @property
    def vocab_size(self):
        return len(self.chars)

    def encode(self, text):
        """text -> Encoding(ids, tokens = the characters, offsets = (i, i + 1))."""
        if not isinstance(text, str):
            raise TypeError(f"encode expects a str, got {type(text).__name__}")
        try:
            ids = [self.vocab[char] for char in text]
        except KeyError as error:
            raise ValueError(f"character {error.args[0]!r} is not in the vocabulary") from None
        return Encoding(ids, list(text), [(index, index + 1) for index in range(len(text))])

    def encode_batch(self, texts):
        if isinstance(texts, str):
            raise TypeError("encode_batch expects a list of str; use encode for a single str")
        return [self.encode(text) for text in texts]

    def decode(self, ids):
        """ids -> text; an id outside [0, vocab_size) is a ValueError."""
        chars = []
        for position, token_id in enumerate(ids):
            if isinstance(token_id, bool) or not hasattr(token_id, "__index__"):
                raise TypeError(f"ids[{position}] = {token_id!r} is not an integer")
            if not 0 <= token_id < len(self.chars):
                raise ValueError(f"ids[{position}] = {token_id} is not in the vocabulary (size {len(self.chars)})")
            chars.append(self.chars[token_id])
        return "".join(chars)

    def save(self, path):
        write_json(path, {"format": FORMAT, "version": 1, "chars": self.chars})

    @classmethod
    def load(cls, path):
        data = read_json(path)
        if data.get("format") != FORMAT or data.get("version") != 1 or not isinstance(data.get("chars"), list):
            raise ValueError(f"{path} is not a scratch_nlp CharTokenizer file (version 1 with a 'chars' list)")
        return cls(data["chars"])
