"""scratch_nlp.tokenizers against HF tokenizers (the oracle) and transformers' GPT-2 byte table.

Tolerance: none — tokenization is discrete, so ids, tokens, offsets, merges and vocabularies
must be EXACTLY equal to HF's. Real-data tests read Tiny Shakespeare from SCRATCH_DATA_DIR
(scratch_nn.datasets.data_dir(): SCRATCH_DATA_DIR, else the user cache dir) and skip with the reason when it is absent;
the built-in text below keeps a parity test always on.
"""

import json
import time

import pytest
import tokenizers
from data_files import data_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scratch_nlp.tokenizers import (
    ByteLevelBPETokenizer,
    CharTokenizer,
    bytes_to_unicode,
    pre_tokenize,
)
from scratch_nlp.tokenizers.bpe_train import train_bpe
from scratch_nlp.tokenizers.byte_level import BYTE_LEVEL_ALPHABET, to_byte_level
from transformers.convert_slow_tokenizer import bytes_to_unicode as gpt2_bytes_to_unicode

SPECIALS = ["<|endoftext|>", "<pad>"]
BUILTIN_TEXT = """First Citizen:
Before we proceed any further, hear me speak.

All:
Speak, speak.  It's 1,024 o'clock -- we'll see; they'd've gone!!
Caf\u00e9 na\u00efve r\u00e9sum\u00e9 — stra\u00dfe Gr\u00fc\u00dfe, \u0416\u0438\u0437\u043d\u044c,
\u6771\u4eac 2024, emoji \U0001f600\U0001f680 ok?
	tabs	and   spaces   \u00a0nbsp
You are all resolved rather to die than to famish?<|endoftext|>Resolved. resolved.
numbers 3.14159 and 42nd; URLs http://example.com/a_b?c=d&e=f
""" * 3
BUILTIN_LINES = BUILTIN_TEXT.splitlines()


def hf_train(texts, vocab_size, min_frequency=2, special_tokens=()):
    hf = tokenizers.ByteLevelBPETokenizer()  # add_prefix_space=False
    hf.train_from_iterator(texts, vocab_size=vocab_size, min_frequency=min_frequency,
                           special_tokens=list(special_tokens), show_progress=False)
    return hf


def hf_merges(hf):
    merges = json.loads(hf.to_str())["model"]["merges"]
    return [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in merges]


def assert_same_encoding(ours, theirs, text):
    """ids, tokens and offsets exactly equal (HF's offsets are Python str indices too)."""
    a, b = ours.encode(text), theirs.encode(text)
    assert a.ids == b.ids, text
    assert a.tokens == b.tokens, text
    assert a.offsets == b.offsets, text


@pytest.fixture(scope="module")
def hf_builtin():
    return hf_train(BUILTIN_LINES, 600, special_tokens=SPECIALS)


@pytest.fixture(scope="module")
def ours_builtin():
    return ByteLevelBPETokenizer().train(BUILTIN_LINES, 600, special_tokens=SPECIALS)


@pytest.fixture(scope="module")
def hf_builtin_file(hf_builtin, tmp_path_factory):
    path = tmp_path_factory.mktemp("hf") / "tokenizer.json"
    hf_builtin.save(str(path))
    return path


# ---- byte level ---------------------------------------------------------------------------------

def test_byte_table_equals_gpt2s():
    assert bytes_to_unicode() == gpt2_bytes_to_unicode()
    assert set(BYTE_LEVEL_ALPHABET) == set(tokenizers.pre_tokenizers.ByteLevel.alphabet())


@pytest.mark.parametrize("text", BUILTIN_LINES[:9] + ["", "   ", "a\n\n\nb  ", "x's 'S 've'll"])
def test_pre_tokenize_equals_hf_byte_level(text):
    theirs = tokenizers.pre_tokenizers.ByteLevel(add_prefix_space=False).pre_tokenize_str(text)
    words = pre_tokenize(text)
    assert [to_byte_level(word) for word in words] == [piece for piece, _ in theirs]
    assert "".join(words) == text


# ---- training ---------------------------------------------------------------------------------

@pytest.mark.parametrize("vocab_size, min_frequency", [(300, 2), (600, 2), (2000, 0), (2000, 3)])
def test_training_gives_hf_merges_and_vocab(vocab_size, min_frequency):
    hf = hf_train(BUILTIN_LINES, vocab_size, min_frequency, SPECIALS)
    ours = ByteLevelBPETokenizer().train(BUILTIN_LINES, vocab_size, min_frequency, SPECIALS)
    assert ours.merges == hf_merges(hf)
    assert ours.vocab == hf.get_vocab()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.text(alphabet="abc ", max_size=30), min_size=1, max_size=8).filter(lambda t: any(t)),
       vocab_size=st.integers(257, 300))
def test_training_on_random_small_corpora_matches_hf(texts, vocab_size):
    """Tiny alphabets make ties and duplicate tokens ("a"+"bc" == "ab"+"c") frequent."""
    hf = hf_train(texts, vocab_size, 0)
    ours = ByteLevelBPETokenizer().train(texts, vocab_size, 0)
    assert ours.merges == hf_merges(hf)
    assert ours.vocab == hf.get_vocab()


def test_train_bpe_worked_example():
    tokens, merges = train_bpe({"ab": 3, "abc": 1}, vocab_size=5, alphabet=["a", "b", "c"])
    assert tokens == ["a", "b", "c", "ab", "abc"]
    assert merges == [("a", "b"), ("ab", "c")]


def test_training_tinyshakespeare_to_10000_matches_hf_and_is_fast():
    text = data_file("tinyshakespeare", "input.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    ours = ByteLevelBPETokenizer().train([text], 10_000, special_tokens=["<|endoftext|>"])
    ours_seconds = time.perf_counter() - start
    hf = hf_train([text], 10_000, special_tokens=["<|endoftext|>"])
    assert ours_seconds < 30, f"training took {ours_seconds:.1f} s (limit 30 s)"
    assert ours.merges == hf_merges(hf)  # all 9743 merges, in order
    assert ours.vocab == hf.get_vocab()


# ---- encoding parity ------------------------------------------------------------------------------

def test_hf_tokenizer_json_encodes_tinyshakespeare_identically(tmp_path):
    lines = data_file("tinyshakespeare", "input.txt").read_text(encoding="utf-8").splitlines()
    hf = hf_train(lines[:4000], 3000, special_tokens=SPECIALS)
    hf.save(str(tmp_path / "tokenizer.json"))
    ours = ByteLevelBPETokenizer.load(tmp_path / "tokenizer.json")
    theirs = hf.encode_batch(lines)
    mine = ours.encode_batch(lines)
    for line, a, b in zip(lines, mine, theirs):
        assert (a.ids, a.tokens, a.offsets) == (b.ids, b.tokens, b.offsets), line


def test_hf_tokenizer_json_encodes_builtin_text_identically(hf_builtin, hf_builtin_file):
    ours = ByteLevelBPETokenizer.load(hf_builtin_file)
    for line in BUILTIN_LINES + [BUILTIN_TEXT, "<pad><|endoftext|><pad>", "unseen: \u00d8\u00ff\U0001f9ea\u0000"]:
        assert_same_encoding(ours, hf_builtin, line)
    # and the ids are the ones our own training gives on the same text
    assert ours.vocab == ByteLevelBPETokenizer().train(BUILTIN_LINES, 600, special_tokens=SPECIALS).vocab


# subtle: the `regex` package and HF's Oniguruma ship different Unicode versions, so a code point
# unassigned in one may be a letter in the other (U+3F07C splits differently). Parity is asked on
# characters assigned as of Python's unicodedata (Unicode 14), where the two agree.
ASSIGNED_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=60)


@settings(max_examples=150, deadline=None)
@given(text=ASSIGNED_TEXT)
def test_arbitrary_unicode_encodes_like_hf(hf_builtin, ours_builtin, text):
    assert_same_encoding(ours_builtin, hf_builtin, text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80))
def test_decode_encode_round_trip(ours_builtin, text):
    assert ours_builtin.decode(ours_builtin.encode(text).ids) == text


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=60))
def test_offsets_point_at_the_token_text(ours_builtin, text):
    encoding = ours_builtin.encode(text)
    previous_end = 0
    for token, (start, end) in zip(encoding.tokens, encoding.offsets):
        assert 0 <= start < end <= len(text) and start >= previous_end - 1
        # a token's bytes lie inside the characters its offsets cover (whole when not cut)
        assert bytes(ours_builtin._id_to_bytes[ours_builtin.vocab[token]]) in text[start:end].encode("utf-8")
        previous_end = end


def test_decode_matches_hf_with_and_without_specials(hf_builtin, ours_builtin):
    ids = ours_builtin.encode("Speak<|endoftext|> caf\u00e9<pad>!").ids
    assert ours_builtin.decode(ids) == hf_builtin.decode(ids)
    assert ours_builtin.decode(ids, skip_special_tokens=False) == hf_builtin.decode(ids, skip_special_tokens=False)
    two_bytes = ours_builtin.encode("\u00d8").ids  # a character unseen in training: two byte tokens
    assert len(two_bytes) == 2
    partial = two_bytes[:1]  # half of a two-byte character
    assert ours_builtin.decode(partial) == hf_builtin.decode(partial) == "\ufffd"


def test_special_tokens_are_whole_and_longest_first():
    specials = ["<a>", "<a><b>", "<|endoftext|>"]
    hf = hf_train(BUILTIN_LINES, 400, special_tokens=specials)
    ours = ByteLevelBPETokenizer().train(BUILTIN_LINES, 400, special_tokens=specials)
    text = "x<a><b>y<a> <|endoftext|><|endoftext|>z<a"
    assert_same_encoding(ours, hf, text)
    encoding = ours.encode(text)
    assert encoding.ids[1] == ours.special_tokens["<a><b>"]
    assert [ours.vocab[t] for t in specials] == [0, 1, 2]


def test_encode_batch_equals_hf(hf_builtin, hf_builtin_file):
    ours = ByteLevelBPETokenizer.load(hf_builtin_file)
    for a, b in zip(ours.encode_batch(BUILTIN_LINES), hf_builtin.encode_batch(BUILTIN_LINES)):
        assert (a.ids, a.offsets) == (b.ids, b.offsets)


# ---- files ------------------------------------------------------------------------------------

def test_own_json_round_trip(ours_builtin, tmp_path):
    ours_builtin.save(tmp_path / "ours.json")
    loaded = ByteLevelBPETokenizer.load(tmp_path / "ours.json")
    assert (loaded.vocab, loaded.merges, loaded.special_tokens) == (
        ours_builtin.vocab, ours_builtin.merges, ours_builtin.special_tokens)
    assert loaded.encode(BUILTIN_TEXT).ids == ours_builtin.encode(BUILTIN_TEXT).ids


def test_saved_huggingface_json_loads_in_hf(ours_builtin, hf_builtin, tmp_path):
    ours_builtin.save_huggingface(tmp_path / "tokenizer.json")
    theirs = tokenizers.Tokenizer.from_file(str(tmp_path / "tokenizer.json"))
    for line in BUILTIN_LINES:
        assert_same_encoding(ours_builtin, theirs, line)
        assert theirs.encode(line).ids == hf_builtin.encode(line).ids


def test_merges_as_space_separated_strings_load(hf_builtin_file, hf_builtin, tmp_path):
    data = json.loads(hf_builtin_file.read_text(encoding="utf-8"))
    data["model"]["merges"] = [" ".join(pair) for pair in data["model"]["merges"]]
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    old_style = ByteLevelBPETokenizer.load(tmp_path / "old.json")
    assert_same_encoding(old_style, hf_builtin, BUILTIN_TEXT)


def test_gpt2_files_written_by_hf_load_and_encode_identically(hf_builtin, tmp_path):
    vocab_path, merges_path = hf_builtin.save_model(str(tmp_path))
    ours = ByteLevelBPETokenizer.from_gpt2_files(vocab_path, merges_path, special_tokens=SPECIALS)
    assert_same_encoding(ours, hf_builtin, BUILTIN_TEXT)


def test_gpt2_files_written_by_us_load_in_hf(ours_builtin, tmp_path):
    ours_builtin.save_gpt2(tmp_path / "vocab.json", tmp_path / "merges.txt")
    theirs = tokenizers.ByteLevelBPETokenizer(str(tmp_path / "vocab.json"), str(tmp_path / "merges.txt"))
    theirs.add_special_tokens(SPECIALS)
    assert_same_encoding(ours_builtin, theirs, BUILTIN_TEXT)
    again = ByteLevelBPETokenizer.from_gpt2_files(tmp_path / "vocab.json", tmp_path / "merges.txt", SPECIALS)
    assert again.encode(BUILTIN_TEXT).ids == ours_builtin.encode(BUILTIN_TEXT).ids


# ---- bad input --------------------------------------------------------------------------------

def test_bad_files_raise_clear_errors(hf_builtin_file, tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        ByteLevelBPETokenizer.load(tmp_path / "missing.json")
    truncated = tmp_path / "truncated.json"
    truncated.write_text(hf_builtin_file.read_text(encoding="utf-8")[:500], encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        ByteLevelBPETokenizer.load(truncated)
    data = json.loads(hf_builtin_file.read_text(encoding="utf-8"))
    cases = {
        "model is not BPE": lambda d: d["model"].update(type="WordPiece"),
        "add_prefix_space": lambda d: d["pre_tokenizer"].update(add_prefix_space=True),
        "not in the vocab": lambda d: d["model"]["merges"].append(["zzz", "q"]),
        "neither": lambda d: d["model"]["merges"].append("a b c"),
        "share the id": lambda d: d["model"]["vocab"].update({"Ġzz": 0}),
        "lstrip": lambda d: d["added_tokens"][0].update(lstrip=True),
    }
    for message, corrupt in cases.items():
        broken = json.loads(json.dumps(data))
        corrupt(broken)
        (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            ByteLevelBPETokenizer.load(tmp_path / "broken.json")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="expected an object"):
        ByteLevelBPETokenizer.load(tmp_path / "list.json")
    (tmp_path / "merges.txt").write_text("#version: 0.2\na b c\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        ByteLevelBPETokenizer.from_gpt2_files(hf_builtin_file, tmp_path / "merges.txt")


def test_bad_arguments_raise_clear_errors(ours_builtin):
    tokenizer = ByteLevelBPETokenizer()
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        tokenizer.train(["ok", 3], 300)
    with pytest.raises(ValueError, match="empty corpus"):
        tokenizer.train(["", ""], 300)
    with pytest.raises(ValueError, match="vocab_size=100"):
        tokenizer.train("text", 100)
    with pytest.raises(TypeError, match="vocab_size must be an int"):
        tokenizer.train("text", 300.0)
    with pytest.raises(ValueError, match="min_frequency"):
        tokenizer.train("text", 300, min_frequency=-1)
    with pytest.raises(ValueError, match="more than once"):
        tokenizer.train("text", 300, special_tokens=["<s>", "<s>"])
    with pytest.raises(ValueError, match="non-empty"):
        tokenizer.train("text", 300, special_tokens=[""])
    with pytest.raises(TypeError, match="single string"):
        tokenizer.train("text", 300, special_tokens="<s>")
    with pytest.raises(TypeError, match="expects a str"):
        ours_builtin.encode(b"bytes")
    with pytest.raises(TypeError, match="list of str"):
        ours_builtin.encode_batch("one string")
    with pytest.raises(ValueError, match="not in the vocabulary"):
        ours_builtin.decode([1, 10**6])
    with pytest.raises(TypeError, match="not an integer"):
        ours_builtin.decode([1.5])
    with pytest.raises(ValueError, match="not one of GPT-2's 256 byte characters"):
        ByteLevelBPETokenizer({"a": 0, "b": 1, "a b": 2})


# ---- character tokenizer ------------------------------------------------------------------------

def test_char_tokenizer_ids_equal_hf_bpe_without_merges():
    """HF's BPE trained with room for the alphabet only is a character tokenizer, ids in code-point order."""
    alphabet = sorted(set("".join(BUILTIN_LINES)))
    hf = tokenizers.Tokenizer(tokenizers.models.BPE())
    hf.train_from_iterator(BUILTIN_LINES, tokenizers.trainers.BpeTrainer(vocab_size=len(alphabet), show_progress=False))
    ours = CharTokenizer().train(BUILTIN_LINES)
    assert ours.vocab == hf.get_vocab()
    for line in BUILTIN_LINES:
        encoding = ours.encode(line)
        assert (encoding.ids, encoding.tokens, encoding.offsets) == (
            hf.encode(line).ids, hf.encode(line).tokens, hf.encode(line).offsets)
        assert ours.decode(encoding.ids) == line


def test_char_tokenizer_round_trip_save_load_and_errors(tmp_path):
    ours = CharTokenizer().train("hello")
    assert ours.encode("hole").ids == [1, 3, 2, 0] and ours.decode([1, 0, 2, 2, 3]) == "hello"
    ours.save(tmp_path / "chars.json")
    assert CharTokenizer.load(tmp_path / "chars.json").chars == ours.chars
    with pytest.raises(ValueError, match="'z' is not in the vocabulary"):
        ours.encode("hez")
    with pytest.raises(ValueError, match="not in the vocabulary"):
        ours.decode([4])
    with pytest.raises(TypeError, match="not an integer"):
        ours.decode(["a"])
    with pytest.raises(ValueError, match="empty corpus"):
        CharTokenizer().train([""])
    with pytest.raises(ValueError, match="not a single character"):
        CharTokenizer(["ab"])
    (tmp_path / "other.json").write_text('{"format": "x"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a scratch_nlp CharTokenizer"):
        CharTokenizer.load(tmp_path / "other.json")
