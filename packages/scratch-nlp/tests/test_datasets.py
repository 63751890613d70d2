"""scratch_nlp.datasets: readers of the published files, normalisation, seeded splits.

Real-data tests read scratch_nn.datasets.data_dir() (SCRATCH_DATA_DIR, else the user cache dir) and skip, naming the reason,
when the files are absent. Downloads go through scratch_nn.datasets (tested there); here the
missing-file error and the checksum of a local copy are checked.
"""


import pytest
from data_files import data_root
from scratch_nlp.datasets import (
    SentencePair,
    filter_pairs,
    load_tatoeba,
    load_tiny_shakespeare,
    normalize_pairs,
    normalize_text,
    parse_tatoeba_lines,
    read_tatoeba,
    reference_streams,
    references_by_source,
    split_pairs,
    split_text,
)
from scratch_nn.datasets import CorruptDatasetError


def test_tiny_shakespeare_is_the_published_file():
    text = load_tiny_shakespeare(data_root("tinyshakespeare", "input.txt"))
    assert len(text) == 1_115_394
    assert text.startswith("First Citizen:\nBefore we proceed any further, hear me speak.")
    assert len(set(text)) == 65


def test_tiny_shakespeare_missing_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="tinyshakespeare/input.txt not found.*download=True"):
        load_tiny_shakespeare(tmp_path)


def test_tiny_shakespeare_edited_copy_fails_its_checksum(tmp_path):
    (tmp_path / "tinyshakespeare").mkdir()
    (tmp_path / "tinyshakespeare" / "input.txt").write_text("First Citizen:\n")
    with pytest.raises(CorruptDatasetError, match="SHA-256"):
        load_tiny_shakespeare(tmp_path)
    assert load_tiny_shakespeare(tmp_path, verify=False) == "First Citizen:\n"


def test_split_text_is_contiguous():
    assert split_text("abcdefghij", 0.9) == ("abcdefghi", "j")
    assert split_text("ab", 0.01) == ("a", "b")
    with pytest.raises(ValueError, match="train_fraction"):
        split_text("abc", 1.0)
    with pytest.raises(ValueError, match="at least 2"):
        split_text("a")


def test_tatoeba_spanish_is_the_published_file():
    corpus = load_tatoeba("spa", data_root("spa-eng", "spa.txt"))
    assert len(corpus.pairs) == 118_964
    assert corpus.pairs[0] == SentencePair("Go.", "Ve.")
    assert "creativecommons.org/licenses/by/2.0" in corpus.attribution
    assert "tatoeba.org" in corpus.attribution


def test_tatoeba_reader_keeps_the_attribution_column(tmp_path):
    path = tmp_path / "spa.txt"
    path.write_text("Go.\tVe.\tCC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM)\nHi.\tHola.\n")
    pairs = read_tatoeba(path)
    assert pairs[0].attribution.startswith("CC-BY 2.0")
    assert pairs[1] == SentencePair("Hi.", "Hola.", "")


@pytest.mark.parametrize("text, match", [
    ("Go.\tVe.\nbroken line\n", ":2: expected"),
    ("Go.\t\n", ":1: expected"),
    ("\n\n", "no sentence pairs"),
])
def test_tatoeba_reader_names_the_bad_line(text, match):
    with pytest.raises(ValueError, match=match):
        parse_tatoeba_lines(text.split("\n"), "spa.txt")


def test_tatoeba_reader_refuses_invalid_utf8(tmp_path):
    (tmp_path / "spa.txt").write_bytes(b"Go.\tVe\xff.\n")
    with pytest.raises(ValueError, match="UTF-8 at byte 6"):
        read_tatoeba(tmp_path / "spa.txt")


def test_tatoeba_missing_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="spa-eng/spa.txt not found.*download=True"):
        load_tatoeba("spa", tmp_path)


def test_normalize_text():
    assert normalize_text("  Cafe\u0301\u00a0 au lait\u200b ") == "Caf\u00e9 au lait"
    assert normalize_text("¿Qué  HORA es?", lowercase=True) == "¿qué hora es?"


def test_normalize_pairs_drops_empty_and_duplicate_pairs():
    pairs = [SentencePair("Go.", "Ve."), SentencePair("Go. ", " Ve."), SentencePair("\u200b", "x")]
    assert normalize_pairs(pairs) == [SentencePair("Go.", "Ve.")]


def test_filter_pairs_by_words_and_by_a_measure():
    pairs = [SentencePair("a b c", "x"), SentencePair("a", "x y"), SentencePair("a", "")]
    assert filter_pairs(pairs, max_words=2) == [pairs[1]]
    assert filter_pairs(pairs, max_length=3, measure=len) == [pairs[1]]
    with pytest.raises(ValueError, match="below min_words"):
        filter_pairs(pairs, max_words=0)


def test_split_is_seeded_disjoint_by_source_and_complete():
    pairs = [SentencePair(f"s{i // 3}", f"t{i}") for i in range(300)]  # 100 sources, 3 translations each
    splits = split_pairs(pairs, validation_size=10, test_size=0.2, seed=3)
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (210, 30, 60)
    sources = [{p.source for p in part} for part in (splits.train, splits.validation, splits.test)]
    assert not (sources[0] & sources[1]) and not (sources[0] & sources[2]) and not (sources[1] & sources[2])
    assert sorted(splits.train + splits.validation + splits.test, key=lambda p: int(p.target[1:])) == pairs
    assert split_pairs(pairs, 10, 0.2, seed=3) == splits
    assert split_pairs(pairs, 10, 0.2, seed=4) != splits
    with pytest.raises(ValueError, match="nothing to train on"):
        split_pairs(pairs, validation_size=50, test_size=50)
    with pytest.raises(ValueError, match="fraction"):
        split_pairs(pairs, test_size=1.5)


def test_references_by_source_and_streams():
    pairs = [SentencePair("Go.", "Ve."), SentencePair("Go.", "Vete."), SentencePair("Hi.", "Hola.")]
    sources, references = references_by_source(pairs)
    assert sources == ["Go.", "Hi."] and references == [["Ve.", "Vete."], ["Hola."]]
    assert reference_streams(references) == [["Ve.", "Hola."], ["Vete.", None]]


def _zip_with(path, members):
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def test_tatoeba_download_checks_spa_txt_and_keeps_the_notice(tmp_path, monkeypatch):
    import hashlib

    from scratch_nlp.datasets import tatoeba

    text = "Go.\tVe.\nHi.\tHola.\n"
    archive = _zip_with(tmp_path / "spa-eng.zip", {"spa-eng/spa.txt": text, "spa-eng/_about.txt": "Attribution: x"})
    monkeypatch.setattr(tatoeba, "SPA_ENG_ZIP_URL", archive.as_uri())
    monkeypatch.setattr(tatoeba, "SPA_TXT_SHA256", hashlib.sha256(text.encode()).hexdigest())
    corpus = load_tatoeba("spa", tmp_path / "data", download=True)
    assert corpus.pairs == [SentencePair("Go.", "Ve."), SentencePair("Hi.", "Hola.")]
    assert corpus.attribution == "Attribution: x"
    assert sorted(p.name for p in (tmp_path / "data" / "spa-eng").iterdir()) == ["_about.txt", "spa.txt"]


def test_tatoeba_download_with_the_wrong_content_leaves_nothing(tmp_path, monkeypatch):
    from scratch_nlp.datasets import tatoeba

    archive = _zip_with(tmp_path / "spa-eng.zip", {"spa-eng/spa.txt": "Go.\tVe.\n", "spa-eng/_about.txt": "x"})
    monkeypatch.setattr(tatoeba, "SPA_ENG_ZIP_URL", archive.as_uri())
    with pytest.raises(CorruptDatasetError, match="SHA-256"):
        load_tatoeba("spa", tmp_path / "data", download=True)
    assert list((tmp_path / "data" / "spa-eng").iterdir()) == []


def test_tiny_shakespeare_download_refuses_a_wrong_file(tmp_path, monkeypatch):
    from scratch_nlp.datasets import tiny_shakespeare
    from scratch_nn.datasets import DownloadError

    source = tmp_path / "input.txt"
    source.write_text("not shakespeare")
    monkeypatch.setattr(tiny_shakespeare, "TINY_SHAKESPEARE_URL", source.as_uri())
    with pytest.raises(DownloadError, match="SHA-256"):
        load_tiny_shakespeare(tmp_path / "data", download=True)
    assert not (tmp_path / "data" / "tinyshakespeare" / "input.txt").exists()
