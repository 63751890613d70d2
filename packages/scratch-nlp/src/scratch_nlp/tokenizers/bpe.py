"""ByteLevelBPETokenizer: GPT-2's tokenizer (byte-level BPE) — train, encode, decode, save, load.

    tokenizer = ByteLevelBPETokenizer().train(texts, vocab_size=1000, special_tokens=["<|endoftext|>"])
    encoding = tokenizer.encode("Hello world<|endoftext|>")  # Encoding(ids, tokens, offsets)
    tokenizer.decode(encoding.ids)                            # "Hello world"  (specials skipped)
    tokenizer.save("tokenizer.json")                          # ours; save_huggingface / save_gpt2 too

Encoding a text, step by step:
  1. special tokens are cut out of the raw text first (special_tokens.py); each becomes its id;
  2. the rest is split into words by GPT-2's regex (byte_level.py);
  3. each word becomes UTF-8 bytes, one starting symbol per byte, and the learned merges are
     applied, lowest rank first (bpe_apply.py). Words repeat, so each word's result is cached.
Decoding maps each id back to its bytes, joins them, and decodes UTF-8 (invalid sequences, which
a partial id list can produce, become U+FFFD, like HF's from_utf8_lossy).

Training (bpe_train.py) counts words once and merges pairs incrementally; it gives the same
merges and ids as HF tokenizers' ByteLevelBPETokenizer trained on the same texts. As in HF,
training does not look for special tokens in the texts: they are only reserved ids 0, 1, ...

Sibling: char_level.py (one token per character, no merges, no bytes).
"""

from collections import Counter
from operator import index as as_index

from . import bpe_files
from .bpe_apply import apply_merges
from .bpe_train import train_bpe
from .byte_level import BYTE_LEVEL_ALPHABET, GPT2_REGEX, from_byte_level, to_byte_level
from .encoding import Encoding
from .special_tokens import special_token_regex, split_on_special_tokens, validate_special_tokens


def _validate_texts(texts):
    """str or iterable of str -> list of str (TypeError / ValueError naming the problem)."""
    if isinstance(texts, str):
        texts = [texts]
    try:
        texts = list(texts)
    except TypeError:
        raise TypeError(f"texts must be a str or an iterable of str, got {type(texts).__name__}") from None
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{position}] is a {type(text).__name__}, expected str")
    if not any(texts):
        raise ValueError("cannot train on an empty corpus: texts hold no characters")
    return texts


class ByteLevelBPETokenizer:
    """Byte-level BPE (see the module docstring).

    vocab: {token: id} in GPT-2's byte characters (default: the 256 single bytes, no merges);
    merges: [(left, right), ...] in rank order; special_tokens: strings that map to one id each
    (taken from vocab when there, else appended); ignore_merges: HF's option to emit a whole word
    directly when it is itself in the vocabulary; cache_capacity: words remembered by encode.
    """

    def __init__(self, vocab=None, merges=(), special_tokens=(), ignore_merges=False, cache_capacity=100_000):
        if vocab is None:
            vocab = {char: index for index, char in enumerate(sorted(BYTE_LEVEL_ALPHABET))}
        self.vocab = dict(vocab)
        self.merges = [tuple(pair) for pair in merges]
        self.ignore_merges = bool(ignore_merges)
        self.cache_capacity = int(cache_capacity)
        special_tokens = validate_special_tokens(special_tokens)
        for token in special_tokens:
            if token not in self.vocab:
                self.vocab[token] = max(self.vocab.values(), default=-1) + 1
        self.special_tokens = {token: self.vocab[token] for token in special_tokens}
        self._build_tables()

    def _build_tables(self):
        """Derived lookups: id -> token / bytes, pair of ids -> (rank, merged id), specials regex."""
        bpe_files.validate_vocab(self.vocab)
        self._id_to_token = {token_id: token for token, token_id in self.vocab.items()}
        self._id_to_bytes = {
            token_id: token.encode("utf-8") if token in self.special_tokens else from_byte_level(token)
            for token, token_id in self.vocab.items()
        }
        self._merge_ranks = {}
        for rank, pair in enumerate(self.merges):
            if len(pair) != 2 or not all(isinstance(part, str) for part in pair):
                raise ValueError(f"merge #{rank} {pair!r} is not a pair of strings")
            left, right = pair
            for part in (left, right, left + right):
                if part not in self.vocab:
                    raise ValueError(f"merge #{rank} ({left!r}, {right!r}) needs {part!r}, which is not in the vocab")
            # subtle: a pair listed twice keeps its LAST rank, as HF's merge map does
            self._merge_ranks[(self.vocab[left], self.vocab[right])] = (rank, self.vocab[left + right])
        self._special_regex = special_token_regex(list(self.special_tokens))
        self._cache = {}

    # ---- training -------------------------------------------------------------------------

    def train(self, texts, vocab_size, min_frequency=2, special_tokens=()):
        """Learn vocab and merges from texts (a str or an iterable of str); returns self.

        vocab_size counts special tokens, the 256 bytes and the merged tokens; training stops
        early when no pair occurs at least min_frequency times (HF's default, 2).
        """
        texts = _validate_texts(texts)
        special_tokens = validate_special_tokens(special_tokens)
        if isinstance(vocab_size, bool) or not isinstance(vocab_size, int):
            raise TypeError(f"vocab_size must be an int, got {type(vocab_size).__name__}")
        smallest = len(BYTE_LEVEL_ALPHABET) + len(special_tokens)
        if vocab_size < smallest:
            raise ValueError(
                f"vocab_size={vocab_size} is below the {smallest} tokens it must hold (256 bytes + specials)"
            )
        if isinstance(min_frequency, bool) or not isinstance(min_frequency, int) or min_frequency < 0:
            raise ValueError(f"min_frequency must be a non-negative int, got {min_frequency!r}")
        word_counts = Counter()
        for text in texts:
            word_counts.update(GPT2_REGEX.findall(text))
        # subtle: to_byte_level is one-to-one, so distinct words stay distinct
        byte_word_counts = {to_byte_level(word): count for word, count in word_counts.items()}
        tokens, merges = train_bpe(byte_word_counts, vocab_size, BYTE_LEVEL_ALPHABET, special_tokens, min_frequency)
        self.vocab = {token: token_id for token_id, token in enumerate(tokens)}
        self.merges = merges
        self.special_tokens = {token: self.vocab[token] for token in special_tokens}
        self._build_tables()
        return self

    # ---- encoding -------------------------------------------------------------------------

    def _encode_word(self, word):
        """One pre-tokenized word -> (ids, tokens, (start, end) char spans within the word); cached."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        byte_chars = to_byte_level(word)
        whole = self.vocab.get(byte_chars) if self.ignore_merges else None
        if whole is not None:
            symbols, spans = [whole], [(0, len(byte_chars))]
        else:
            symbols, spans = [], []
            for position, char in enumerate(byte_chars):
                token_id = self.vocab.get(char)
                # subtle: a byte missing from the vocab is dropped, as HF's BPE does with no unk_token
                if token_id is not None:
                    symbols.append(token_id)
                    spans.append((position, position + 1))
            apply_merges(symbols, spans, self._merge_ranks)
        if not word.isascii():  # byte spans -> character spans (a cut character counts whole)
            char_of_byte = [index for index, char in enumerate(word) for _ in range(len(char.encode("utf-8")))]
            spans = [(char_of_byte[start], char_of_byte[end - 1] + 1) for start, end in spans]
        result = (symbols, [self._id_to_token[token_id] for token_id in symbols], spans)
        if len(self._cache) >= self.cache_capacity:
            self._cache.clear()
        self._cache[word] = result
        return result

    def encode(self, text):
        """text -> Encoding(ids, tokens, offsets) (see the module docstring for the steps)."""
        if not isinstance(text, str):
            raise TypeError(f"encode expects a str, got {type(text).__name__}")
        encoding = Encoding()
        ids, tokens, offsets = encoding.ids, encoding.tokens, encoding.offsets
        for start, piece, is_special in split_on_special_tokens(text, self._special_regex):
            if is_special:
                ids.append(self.special_tokens[piece])
                tokens.append(piece)
                offsets.append((start, start + len(piece)))
                continue
            for match in GPT2_REGEX.finditer(piece):
                word_ids, word_tokens, word_spans = self._encode_word(match.group())
                base = start + match.start()
                ids.extend(word_ids)
                tokens.extend(word_tokens)
                offsets.extend([(base + begin, base + end) for begin, end in word_spans])
        return encoding

    def encode_batch(self, texts):
        """[text, ...] -> [Encoding, ...] (the word cache is shared across the batch)."""
        if isinstance(texts, str):
            raise TypeError("encode_batch expects a list of str; use encode for a single str")
        return [self.encode(text) for text in texts]

    # ---- decoding -------------------------------------------------------------------------

    def decode(self, ids, skip_special_tokens=True):
        """ids -> text: join each id's bytes, decode UTF-8 (invalid bytes -> U+FFFD)."""
        pieces = []
        for position, token_id in enumerate(ids):
            try:
                token_id = as_index(token_id)  # int or NumPy integer, not float / bool-like str
            except TypeError:
                raise TypeError(f"ids[{position}] = {token_id!r} is not an integer") from None
            piece = self._id_to_bytes.get(token_id)
            if piece is None:
                raise ValueError(f"ids[{position}] = {token_id} is not in the vocabulary")
            if skip_special_tokens and self._id_to_token[token_id] in self.special_tokens:
                continue
            pieces.append(piece)
        return b"".join(pieces).decode("utf-8", errors="replace")

    # ---- vocabulary ---------------------------------------------------------------------------

    @property
    def vocab_size(self):
        return len(self.vocab)

    def token_to_id(self, token):
        return self.vocab.get(token)

    def id_to_token(self, token_id):
        return self._id_to_token.get(token_id)

    # ---- files (formats in bpe_files.py) ----------------------------------------------------------

    def save(self, path):
        """Write our JSON format (atomically)."""
        bpe_files.write_json(path, bpe_files.to_scratch_json(self))

    def save_huggingface(self, path):
        """Write an HF tokenizers `tokenizer.json` that tokenizers.Tokenizer.from_file loads."""
        bpe_files.write_json(path, bpe_files.to_huggingface_json(self))

    def save_gpt2(self, vocab_path, merges_path):
        """Write GPT-2's `vocab.json` and `merges.txt` (special tokens stay in vocab.json)."""
        bpe_files.write_gpt2_files(self, vocab_path, merges_path)

    @classmethod
    def load(cls, path):
        """Read our JSON or an HF `tokenizer.json` (BPE + ByteLevel); the format is detected."""
        return cls(**bpe_files.read_tokenizer_json(path))

    @classmethod
    def from_gpt2_files(cls, vocab_path, merges_path, special_tokens=()):
        """Read GPT-2's `vocab.json` + `merges.txt`; name the special tokens (e.g. "<|endoftext|>")."""
        vocab, merges = bpe_files.read_gpt2_files(vocab_path, merges_path)
        return cls(vocab, merges, special_tokens)
