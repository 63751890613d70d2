"""Bad arguments (exit 2) and missing or broken inputs (exit 1) get one clear line each."""

import gzip
import shutil

import numpy as np
import pytest
from scratch_nn.datasets import write_idx
from support import needs_mnist


@pytest.mark.parametrize("argv, message", [
    (("train", "--model", "svm"), "invalid choice: 'svm'"),
    (("train", "--dataset", "imagenet"), "invalid choice: 'imagenet'"),
    (("train", "--epochs", "0"), "--epochs: must be a positive integer, got 0"),
    (("train", "--epochs", "two"), "--epochs: invalid _positive_int value"),
    (("train", "--lr", "-0.1"), "--lr: must be a positive number, got -0.1"),
    (("train", "--lr", "nan"), "--lr: must be a positive number, got nan"),
    (("train", "--batch-size", "-5"), "--batch-size: must be a positive integer"),
    (("train", "--hidden", "512,x"), "expected comma-separated layer widths"),
    (("train", "--hidden", "512,0"), "layer widths must be positive"),
    (("train", "--optimizer", "lbfgs"), "invalid choice: 'lbfgs'"),
    (("train", "--model", "ridge", "--epochs", "3"), "--epochs does not apply to ridge"),
    (("train", "--model", "logreg", "--optimizer", "sgd"), "--optimizer does not apply to logreg"),
    (("train", "--model", "mlp", "--alpha", "2"), "--alpha applies to ridge, not to mlp"),
    (("train", "--model", "ridge", "--C", "2"), "--C applies to logreg, not to ridge"),
    (("train", "--model", "cnn", "--hidden", "64"), "--hidden applies to the mlp only"),
    (("evaluate",), "the following arguments are required: --run"),
    (("predict", "--run", "r"), "the following arguments are required: image"),
    (("fit",), "invalid choice: 'fit'"),
])
def test_bad_arguments_exit_2_with_the_reason(argv, message, run_cli):
    code, _, err = run_cli(*argv)
    assert code == 2 and message in err


def test_missing_data_says_where_it_belongs_and_how_to_fetch_it(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SCRATCH_DATA_DIR", str(tmp_path / "empty"))
    code, _, err = run_cli("train", "--out", tmp_path / "run")
    assert code == 1
    assert str(tmp_path / "empty" / "mnist" / "train-images-idx3-ubyte.gz") in err and "--download" in err
    assert not (tmp_path / "run").exists()


def test_a_truncated_data_file_is_named(run_cli, tmp_path, monkeypatch):
    (tmp_path / "mnist").mkdir()
    write_idx(tmp_path / "mnist" / "train-labels-idx1-ubyte.gz", np.zeros(50, np.uint8))
    images = gzip.compress(np.zeros(100, np.uint8).tobytes())             # not even a header
    (tmp_path / "mnist" / "train-images-idx3-ubyte.gz").write_bytes(images)
    monkeypatch.setenv("SCRATCH_DATA_DIR", str(tmp_path))
    code, _, err = run_cli("train", "--out", tmp_path / "run")
    assert code == 1 and "train-images-idx3-ubyte.gz: not an IDX file" in err


def test_a_missing_run_folder_is_named(run_cli, tmp_path):
    code, _, err = run_cli("evaluate", "--run", tmp_path / "nope")
    assert code == 1 and "no such run folder" in err
    code, _, err = run_cli("train", "--out", tmp_path / "nope", "--resume")
    assert code == 1 and "no such run folder" in err


@needs_mnist
def test_incomplete_runs_unreadable_images_and_existing_runs(run_cli, tmp_path):
    run = tmp_path / "r"
    assert run_cli("train", "--limit", "300", "--epochs", "1", "--out", run)[0] == 0
    code, _, err = run_cli("train", "--limit", "300", "--epochs", "1", "--out", run)
    assert code == 2 and "already holds a run; pass --resume" in err
    (tmp_path / "not-an-image.png").write_bytes(b"plain text, not a PNG")
    code, _, err = run_cli("predict", "--run", run, tmp_path / "not-an-image.png")
    assert code == 1 and "not an image Pillow can read" in err
    code, _, err = run_cli("predict", "--run", run, tmp_path / "absent.png")
    assert code == 1 and "no such image file" in err
    broken = tmp_path / "broken"
    shutil.copytree(run, broken)
    (broken / "weights.safetensors").unlink()
    code, _, err = run_cli("evaluate", "--run", broken)
    assert code == 1 and "incomplete run folder, missing weights.safetensors" in err
    (run / "weights.safetensors").write_bytes((run / "weights.safetensors").read_bytes()[:-10])
    code, _, err = run_cli("predict", "--run", run, tmp_path / "absent.png")
    assert code == 1 and "truncated" in err


@needs_mnist
def test_val_size_must_leave_training_images(run_cli, tmp_path):
    code, _, err = run_cli("train", "--limit", "100", "--val-size", "100", "--out", tmp_path / "r")
    assert code == 1 and "--val-size must be between 0 and 99" in err
