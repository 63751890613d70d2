"""English -> Spanish (or any pair) translation with a Transformer encoder-decoder on scratch_nn.

    config.py       Seq2SeqConfig: sizes and special ids (config.json)
    positional.py   sinusoidal positional encodings
    masks.py        padding and causal masks
    model.py        Seq2SeqTransformer: shared embeddings, nn.Transformer, tied output projection
    corpus.py       CorpusSettings and prepare_splits: normalise, filter, split (reproducibly)
    vocabulary.py   one byte-level BPE trained on both languages
    batching.py     ids with <s>/</s>, padding, batches of similar length under a token budget
    decoding.py     batched greedy decoding and beam search with a length penalty
    schedule.py     the schedule by name: Noam or warmup-cosine (../schedules.py)
    training.py     Trainer: AdamW, label smoothing, clipping, resumable fit() yielding events
    checkpoint.py   a checkpoint directory: JSON + safetensors, a manifest of hashes, clear errors
    translator.py   Translator (text in, text out) and evaluate_bleu
"""

from .batching import Batch, encode_pairs, encode_source, length_batches, make_batch, pad_sequences
from .checkpoint import CheckpointError, checkpoint_exists, load_model, load_training_state, save_checkpoint, verify_checkpoint
from .config import Seq2SeqConfig
from .corpus import CorpusSettings, prepare_splits
from .decoding import beam_search, greedy_decode, length_normalizer
from .masks import causal_mask, padding_mask
from .model import Seq2SeqTransformer
from .positional import sinusoidal_positional_encoding
from .schedule import make_schedule
from .training import EpochEvent, StepEvent, StopEvent, Trainer, TrainingConfig
from .translator import Translator, evaluate_bleu
from .vocabulary import SPECIAL_TOKENS, special_ids, train_shared_tokenizer

__all__ = ["Batch", "encode_pairs", "encode_source", "length_batches", "make_batch", "pad_sequences",
           "CheckpointError", "checkpoint_exists", "load_model", "load_training_state", "save_checkpoint",
           "verify_checkpoint", "Seq2SeqConfig", "CorpusSettings", "prepare_splits", "beam_search", "greedy_decode", "length_normalizer", "causal_mask",
           "padding_mask", "Seq2SeqTransformer", "sinusoidal_positional_encoding",
           "make_schedule", "EpochEvent", "StepEvent", "StopEvent", "Trainer",
           "TrainingConfig", "Translator", "evaluate_bleu", "SPECIAL_TOKENS", "special_ids", "train_shared_tokenizer"]
