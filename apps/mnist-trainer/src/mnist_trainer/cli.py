"""mnist-trainer's command line: train, evaluate, predict.

    uv run apps/mnist-trainer train --model mlp --epochs 10 --out runs/mlp
    uv run apps/mnist-trainer train --out runs/mlp --resume --epochs 15
    uv run apps/mnist-trainer evaluate --run runs/mlp
    uv run apps/mnist-trainer predict --run runs/mlp digit.png

Exit status: 0 done, 1 an error (missing data, a broken run folder; the message says which),
2 bad arguments, 130 interrupted by Ctrl-C after saving a checkpoint (resume with --resume).
"""

import argparse
import os
import sys
from pathlib import Path

import numpy as np
from scratch_nn.datasets import CorruptDatasetError, DownloadError

from .checkpoint import METRICS, RunError, load_run, write_json
from .data import DATASETS, load_data
from .evaluation import confusion_table, evaluate_run, load_classifier
from .images import INVERT_CHOICES, load_image
from .models import CLASSIC_MODELS, MODELS, NEURAL_MODELS
from .training import OPTIMIZERS, TrainingInterrupted, new_metrics, train_classic, train_neural

SCHEDULES = ("cosine", "none")
TRAIN_DEFAULTS = {"model": "mlp", "dataset": "mnist", "epochs": 10, "batch_size": 128, "lr": None,
                  "optimizer": "adam", "seed": 0, "hidden": [512, 256], "schedule": "cosine",
                  "weight_decay": 0.0, "limit": None, "val_size": None, "alpha": 1.0, "C": 1.0,
                  "max_iter": 100}
NEURAL_ONLY = ("epochs", "batch_size", "lr", "optimizer", "hidden", "schedule", "weight_decay")
CLASSIC_ONLY = {"ridge": ("alpha",), "logreg": ("C", "max_iter")}
# settings that define a run; a resumed run keeps them (only --epochs may change)
RUN_SETTINGS = ("model", "dataset", "batch_size", "lr", "optimizer", "seed", "hidden", "schedule",
                "weight_decay", "limit", "val_size", "alpha", "C", "max_iter")


class UsageError(Exception):
    """Arguments that parse but do not make sense together (exit status 2)."""


def _positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def _non_negative_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {text}")
    return value


def _positive_float(text):
    value = float(text)
    if not value > 0 or not np.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _non_negative_float(text):
    value = float(text)
    if not value >= 0 or not np.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a number >= 0, got {text}")
    return value


def _hidden(text):
    try:
        widths = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated layer widths like 512,256, got {text!r}") from None
    if not widths or min(widths) < 1:
        raise argparse.ArgumentTypeError(f"layer widths must be positive, got {text!r}")
    return widths


def build_parser():
    parser = argparse.ArgumentParser(prog="mnist-trainer", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="{train,evaluate,predict}")

    train = commands.add_parser("train", help="train a model; checkpoints after every epoch")
    train.add_argument("--model", choices=MODELS, help="mlp, cnn (scratch-nn) or ridge, logreg (scratch-classic); default mlp")
    train.add_argument("--dataset", choices=list(DATASETS), help="default mnist")
    train.add_argument("--epochs", type=_positive_int, help="total epochs (default 10); with --resume, train up to this many")
    train.add_argument("--batch-size", type=_positive_int, help="default 128")
    train.add_argument("--lr", type=_positive_float, help="learning rate (default: sgd 0.05, others 1e-3)")
    train.add_argument("--optimizer", choices=list(OPTIMIZERS), help="default adam (sgd uses momentum 0.9)")
    train.add_argument("--seed", type=int, help="initial weights, validation split, shuffling (default 0)")
    train.add_argument("--hidden", type=_hidden, help="MLP hidden widths, e.g. 512,256 (the default)")
    train.add_argument("--schedule", choices=SCHEDULES, help="learning rate over the epochs (default cosine)")
    train.add_argument("--weight-decay", type=_non_negative_float, help="default 0")
    train.add_argument("--limit", type=_positive_int, help="use only the first N training images")
    train.add_argument("--val-size", type=_non_negative_int,
                       help="training images held out for validation (default 5000, or 10%% with --limit)")
    train.add_argument("--alpha", type=_non_negative_float, help="ridge: L2 strength (default 1.0)")
    train.add_argument("--C", type=_positive_float, help="logreg: inverse L2 strength (default 1.0)")
    train.add_argument("--max-iter", type=_positive_int, help="logreg: L-BFGS iterations (default 100)")
    train.add_argument("--out", type=Path, help="run folder (default runs/<dataset>-<model>)")
    train.add_argument("--resume", action="store_true", help="continue the run saved in --out")
    train.add_argument("--download", action="store_true", help="fetch missing data files (SHA-256 checked)")

    evaluate = commands.add_parser("evaluate", help="accuracy, per-class table, confusion matrix, plots")
    evaluate.add_argument("--run", type=Path, required=True, help="a run folder written by train")
    evaluate.add_argument("--split", choices=("test", "train"), default="test")
    evaluate.add_argument("--limit", type=_positive_int, help="evaluate only the first N images")
    evaluate.add_argument("--plots", type=Path, help="folder for the PNG plots (default <run>/plots)")
    evaluate.add_argument("--no-plots", action="store_true")
    evaluate.add_argument("--download", action="store_true", help="fetch missing data files (SHA-256 checked)")

    predict = commands.add_parser("predict", help="class probabilities for one image file")
    predict.add_argument("--run", type=Path, required=True, help="a run folder written by train")
    predict.add_argument("image", type=Path, help="an image file (PNG, JPEG, ...), any size")
    predict.add_argument("--invert", choices=INVERT_CHOICES, default="auto",
                         help="invert grayscale images (auto: when the background is light)")
    return parser


# -- train ---------------------------------------------------------------------------------------

def _explicit(args):
    return {name: getattr(args, name) for name in TRAIN_DEFAULTS if getattr(args, name) is not None}


def new_config(args):
    given = _explicit(args)
    config = {**TRAIN_DEFAULTS, **given}
    model = config["model"]
    if model in CLASSIC_MODELS:
        wrong = [name for name in NEURAL_ONLY if name in given]
        if wrong:
            raise UsageError(f"--{wrong[0].replace('_', '-')} does not apply to {model} "
                             f"(fit once on all training images, no epochs or optimizer)")
        config.update(epochs=1, batch_size=None, lr=None, optimizer=None, hidden=None, schedule=None,
                      weight_decay=None)
    for other, names in CLASSIC_ONLY.items():
        if other != model:
            for name in names:
                if name in given:
                    raise UsageError(f"--{name.replace('_', '-')} applies to {other}, not to {model}")
                config[name] = None
    if model in NEURAL_MODELS:
        if config["hidden"] is not None and model != "mlp":
            if "hidden" in given:
                raise UsageError("--hidden applies to the mlp only")
            config["hidden"] = None
        if config["lr"] is None:
            config["lr"] = OPTIMIZERS[config["optimizer"]][1]
    if config["val_size"] is None:
        config["val_size"] = 5000 if config["limit"] is None else max(1, config["limit"] // 10)
    return config


def _resumed_config(args, run_dir):
    config, metrics, weights, optimizer_state = load_run(run_dir, with_optimizer=True) \
        if (run_dir / "optimizer.safetensors").exists() else load_run(run_dir)
    given = _explicit(args)
    for name in RUN_SETTINGS:
        if name in given and given[name] != config.get(name):
            raise UsageError(f"--{name.replace('_', '-')} {given[name]} differs from the run's {config.get(name)}; "
                             f"a resumed run keeps its settings (only --epochs may change)")
    if "epochs" in given and given["epochs"] != config["epochs"]:
        if config["model"] in CLASSIC_MODELS:
            raise UsageError(f"--epochs does not apply to {config['model']}")
        if config["schedule"] == "cosine":
            raise UsageError(f"this run's cosine schedule was planned for {config['epochs']} epochs; "
                             f"it can only be resumed to that many (train with --schedule none to extend runs)")
        if given["epochs"] < metrics["position"]["epoch"]:
            raise UsageError(f"the run has already done {metrics['position']['epoch']} epochs; --epochs "
                             f"{given['epochs']} would go back")
        config["epochs"] = given["epochs"]
    return config, metrics, weights, optimizer_state


def data_settings(data):
    """What a run records about its data: the normalization, the class names, the image shape."""
    return {"normalization": {"mean": data.normalization.mean, "std": data.normalization.std},
            "classes": list(data.classes), "image_shape": list(data.train_x.shape[1:])}


def run_train(args):
    model = args.model or TRAIN_DEFAULTS["model"]
    run_dir = args.out or Path("runs") / f"{args.dataset or TRAIN_DEFAULTS['dataset']}-{model}"
    if args.resume:
        config, metrics, weights, optimizer_state = _resumed_config(args, run_dir)
        if metrics["position"]["epoch"] >= config["epochs"]:
            print(f"{run_dir}: already trained for {config['epochs']} epochs; nothing to resume "
                  f"(pass a larger --epochs to go on)")
            return 0
        print(f"resuming {run_dir} at epoch {metrics['position']['epoch'] + 1}, batch {metrics['position']['batch']}")
    else:
        if (run_dir / METRICS).exists():
            raise UsageError(f"{run_dir} already holds a run; pass --resume to continue it or choose another --out")
        config, metrics, weights, optimizer_state = new_config(args), new_metrics(), None, None
    data = load_data(config["dataset"], limit=config["limit"], val_size=config["val_size"], seed=config["seed"],
                     download=args.download)
    if args.resume and data_settings(data)["normalization"] != config["normalization"]:
        raise RunError(f"the {config['dataset']} training images differ from those the run in {run_dir} started "
                       f"with (their statistics changed); start a new run")
    config.update(data_settings(data))
    print(f"{config['model']} on {config['dataset']}: {len(data.train_x)} training, {len(data.val_x)} validation "
          f"images -> {run_dir}")
    try:
        if config["model"] in CLASSIC_MODELS:
            train_classic(config, data, run_dir)
        else:
            train_neural(config, data, run_dir, metrics, weights, optimizer_state)
    except TrainingInterrupted as stop:
        print(f"\n{stop}: checkpoint saved in {run_dir}; continue with "
              f"`mnist-trainer train --out {run_dir} --resume`")
        return 130
    print(f"saved {run_dir}")
    return 0


# -- evaluate and predict ------------------------------------------------------------------------

def run_evaluate(args):
    from . import plots

    evaluation = evaluate_run(args.run, split=args.split, limit=args.limit, download=args.download)
    classes = evaluation.classes
    print(f"{evaluation.config['model']} on {evaluation.config['dataset']} {args.split}: "
          f"accuracy {evaluation.accuracy():.2%} ({len(evaluation.labels)} images)\n")
    print(evaluation.report())
    matrix = evaluation.confusion()
    print("confusion matrix (rows: true, columns: predicted)")
    print(confusion_table(matrix, classes))
    write_json(args.run / f"evaluation-{args.split}.json",
               {"split": args.split, "images": len(evaluation.labels), "accuracy": evaluation.accuracy(),
                "per_class": evaluation.per_class(), "confusion_matrix": matrix.tolist()})
    if not args.no_plots:
        folder = args.plots or args.run / "plots"
        folder.mkdir(parents=True, exist_ok=True)
        written = [
            plots.learning_curves(evaluation.metrics["history"], folder / "learning_curves.png"),
            plots.confusion_matrix_plot(matrix, classes, folder / "confusion_matrix.png"),
            plots.misclassified_grid(evaluation.images, evaluation.labels, evaluation.predictions, classes,
                                     folder / "misclassified.png"),
            plots.first_layer_filters(evaluation.classifier.first_layer(), evaluation.config["image_shape"],
                                      folder / "first_layer_filters.png"),
        ]
        print("\nplots: " + ", ".join(str(path) for path in written))
    return 0


def run_predict(args):
    from .data import Normalization

    config, _, classifier = load_classifier(args.run)
    image = load_image(args.image, tuple(config["image_shape"]), invert=args.invert)   # (1, C, H, W)
    probabilities = classifier.probabilities(Normalization(**config["normalization"]).apply(image))[0]
    order = np.argsort(-probabilities, kind="stable")
    kind = " (softmax of ridge decision values, not calibrated)" if config["model"] == "ridge" else ""
    print(f"{args.image}: {config['classes'][order[0]]}{kind}")
    width = max(len(str(name)) for name in config["classes"])
    for index in order:
        bar = "#" * round(40 * probabilities[index])
        print(f"  {config['classes'][index]!s:>{width}}  {probabilities[index]:7.2%}  {bar}")
    return 0


COMMANDS = {"train": run_train, "evaluate": run_evaluate, "predict": run_predict}


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as error:
        parser.error(str(error))          # exits with status 2
    except (RunError, FileNotFoundError, DownloadError, CorruptDatasetError, ValueError) as error:
        print(f"mnist-trainer: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:               # `... | head`: the reader left; stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (kept open until exit)
        return 0


if __name__ == "__main__":
    sys.exit(main())
