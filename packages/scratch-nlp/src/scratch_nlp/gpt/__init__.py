"""scratch_nlp.gpt: a decoder-only transformer language model on scratch-nn, as nanoGPT's.

    from scratch_nlp.gpt import GPT, GPTConfig, Trainer, TrainConfig, generate

Files, one idea each: config.py (GPTConfig), attention.py (causal self-attention), block.py
(pre-LayerNorm block and MLP), model.py (GPT: embeddings, blocks, tied output, loss),
sampling.py (greedy / temperature / top-k / top-p), generate.py (the decoding loop),
batches.py (random training windows), training.py (AdamW, warmup + cosine lr from
../schedules.py, clipping, evaluation), checkpoint.py (safetensors + JSON, resumable).
"""

from ..schedules import WarmupCosine
from .checkpoint import load_model, read_checkpoint_info, resume_trainer, save_checkpoint
from .config import GPTConfig
from .generate import generate
from .model import GPT
from .sampling import next_tokens, top_k_filter, top_p_filter
from .training import TrainConfig, Trainer, adamw_for, evaluate

__all__ = ["GPT", "GPTConfig", "TrainConfig", "Trainer", "WarmupCosine", "adamw_for", "evaluate", "generate",
           "load_model", "next_tokens", "read_checkpoint_info", "resume_trainer", "save_checkpoint",
           "top_k_filter", "top_p_filter"]
