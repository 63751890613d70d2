"""Load OpenAI GPT-2 weights, as transformers stores them, into our GPT.

    gpt = gpt_from_transformers(GPT2LMHeadModel(...))                 # an in-memory HF model
    gpt = gpt_from_gpt2_state_dict(state_dict, config)                # any {name: array/tensor} + its config
    gpt = load_gpt2("path/to/gpt2")                                   # a directory with config.json and
                                                                      # model.safetensors (HF's save_pretrained)

The mapping, per block i (transformers' GPT2LMHeadModel names -> ours, which are nanoGPT's):

    transformer.wte/wpe/ln_f.*            -> the same names
    transformer.h.i.ln_1/ln_2.*           -> the same names
    transformer.h.i.attn.c_attn.weight    -> transposed: GPT-2's Conv1D stores (in, out),
    transformer.h.i.attn.c_proj.weight    -> transposed   a Linear (out, in)
    transformer.h.i.mlp.c_fc.weight       -> transposed
    transformer.h.i.mlp.c_proj.weight     -> transposed
    transformer.h.i.attn.bias / masked_bias  (causal-mask buffers of older versions) -> dropped
    lm_head.weight                        -> must equal wte (GPT-2 ties them; so does our GPT)

Checkpoints saved from the base GPT2Model (the hub's gpt2/model.safetensors) lack the
"transformer." prefix and lm_head; both layouts load. Nothing here imports torch or transformers:
torch tensors are read through their .numpy(), and files through scratch_nn.load (safetensors).
"""

from pathlib import Path

import numpy as np
import scratch_nn as snn

from ._json_files import read_json
from .gpt.config import GPTConfig
from .gpt.model import GPT

CONV1D_WEIGHTS = ("attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight")
MASK_BUFFERS = (".attn.bias", ".attn.masked_bias")
ACTIVATIONS = {"gelu_new": "tanh", "gelu_pytorch_tanh": "tanh", "gelu": "none"}


def _config_value(hf_config, name, default=None):
    if isinstance(hf_config, dict):
        return hf_config.get(name, default)
    return getattr(hf_config, name, default)


def gpt_config_from_gpt2(hf_config):
    """Our GPTConfig from a transformers GPT2Config or its config.json dict (dropout 0: inference)."""
    activation = _config_value(hf_config, "activation_function", "gelu_new")
    if activation not in ACTIVATIONS:
        raise ValueError(f"GPT-2 config: activation_function {activation!r} is not supported; "
                         f"known: {sorted(ACTIVATIONS)}")
    unsupported = {"scale_attn_weights": True, "scale_attn_by_inverse_layer_idx": False,
                   "add_cross_attention": False}
    for name, supported in unsupported.items():
        if _config_value(hf_config, name, supported) != supported:
            raise ValueError(f"GPT-2 config: {name}={_config_value(hf_config, name)!r} is not supported "
                             f"(our GPT computes attention as GPT-2 does with {name}={supported})")
    return GPTConfig(vocab_size=int(_config_value(hf_config, "vocab_size")),
                     block_size=int(_config_value(hf_config, "n_positions")),
                     n_layer=int(_config_value(hf_config, "n_layer")),
                     n_head=int(_config_value(hf_config, "n_head")),
                     n_embd=int(_config_value(hf_config, "n_embd")),
                     dropout=0.0, bias=True, gelu_approximate=ACTIVATIONS[activation],
                     layer_norm_eps=float(_config_value(hf_config, "layer_norm_epsilon", 1e-5)))


def _as_float32_array(name, value):
    """A float32 numpy array from a numpy array, a scratch_nn Tensor or a torch tensor (duck-typed)."""
    if isinstance(value, snn.Tensor):
        value = value.data
    elif hasattr(value, "detach"):  # a torch tensor: .float() also covers bfloat16, which numpy lacks
        value = value.detach().cpu().float().numpy()
    array = np.asarray(value)
    if array.dtype.kind != "f":
        raise TypeError(f"GPT-2 state_dict: {name} has dtype {array.dtype}, expected floating point weights")
    return array.astype(np.float32)


def gpt_state_dict_from_gpt2(state_dict):
    """{our name: float32 array} from a GPT-2 state_dict (either layout, see the module doc)."""
    ours = {}
    lm_head = None
    for name, value in state_dict.items():
        if name.endswith(MASK_BUFFERS):
            continue
        if name == "lm_head.weight":
            lm_head = _as_float32_array(name, value)
            continue
        key = name if name.startswith("transformer.") else "transformer." + name
        array = _as_float32_array(name, value)
        ours[key] = array.T.copy() if key.endswith(CONV1D_WEIGHTS) else array
    if "transformer.wte.weight" not in ours:
        raise KeyError("GPT-2 state_dict: no token embedding (transformer.wte.weight or wte.weight) found; "
                       "is this a GPT-2 checkpoint?")
    if lm_head is not None and not np.array_equal(lm_head, ours["transformer.wte.weight"]):
        raise ValueError("GPT-2 state_dict: lm_head.weight differs from the token embedding; our GPT ties "
                         "them (as GPT-2 does) and cannot hold an untied output layer")
    ours["lm_head.weight"] = ours["transformer.wte.weight"]
    return ours


def gpt_from_gpt2_state_dict(state_dict, hf_config):
    """Our GPT (eval mode) holding the weights of a GPT-2 state_dict; hf_config: GPT2Config or dict."""
    config = gpt_config_from_gpt2(hf_config)
    model = GPT(config, seed=0)
    arrays = gpt_state_dict_from_gpt2(state_dict)
    expected = {name: tuple(value.shape) for name, value in model.state_dict().items()}
    missing = sorted(set(expected) - set(arrays))
    unexpected = sorted(set(arrays) - set(expected))
    if missing or unexpected:
        raise KeyError(f"GPT-2 state_dict does not fit a {config.n_layer}-layer GPT: missing {missing[:8]}"
                       f"{' ...' if len(missing) > 8 else ''}, unexpected {unexpected[:8]}"
                       f"{' ...' if len(unexpected) > 8 else ''}")
    for name, shape in expected.items():
        if arrays[name].shape != shape:
            raise ValueError(f"GPT-2 state_dict: {name} has shape {arrays[name].shape} (after mapping), "
                             f"the config says {shape}")
    model.load_state_dict({name: snn.from_numpy(array) for name, array in arrays.items()})
    return model.eval()


def gpt_from_transformers(hf_model):
    """Our GPT with the weights of a transformers GPT2LMHeadModel (or GPT2Model) in memory."""
    return gpt_from_gpt2_state_dict(hf_model.state_dict(), hf_model.config)


def load_gpt2(directory):
    """Our GPT from a directory holding config.json and model.safetensors, as transformers'
    save_pretrained writes them (and as the hub's "gpt2" checkpoint is laid out)."""
    directory = Path(directory)
    config_path, weights_path = directory / "config.json", directory / "model.safetensors"
    for path in (config_path, weights_path):
        if not path.is_file():
            raise FileNotFoundError(f"{path}: missing; a GPT-2 checkpoint directory holds config.json "
                                    f"and model.safetensors")
    return gpt_from_gpt2_state_dict(snn.load(weights_path), read_json(config_path))
