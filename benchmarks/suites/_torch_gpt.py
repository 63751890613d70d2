"""Our GPT (scratch_nlp.gpt) written in torch: nanoGPT's model.py, trimmed, for the benchmarks.

The parameter names are ours (nanoGPT's and GPT-2's: transformer.wte, transformer.h.0.attn.c_attn,
..., lm_head), so `model.load_state_dict` takes our GPT's state_dict as it is; biases and the GELU
follow the GPTConfig given. `init_like_nanogpt` draws nanoGPT's initial weights from torch's
generator instead, for runs of nanoGPT's own recipe.
"""

import math

import torch


class TorchBlock(torch.nn.Module):
    """nanoGPT's Block: pre-LayerNorm, causal self-attention, then a GELU MLP, both residual."""

    def __init__(self, config):
        super().__init__()
        width, bias = config.n_embd, config.bias
        self.n_head, self.gelu_approximate = config.n_head, config.gelu_approximate
        self.ln_1 = torch.nn.LayerNorm(width, bias=bias)
        self.attn = torch.nn.ModuleDict({"c_attn": torch.nn.Linear(width, 3 * width, bias=bias),
                                         "c_proj": torch.nn.Linear(width, width, bias=bias)})
        self.ln_2 = torch.nn.LayerNorm(width, bias=bias)
        self.mlp = torch.nn.ModuleDict({"c_fc": torch.nn.Linear(width, 4 * width, bias=bias),
                                        "c_proj": torch.nn.Linear(4 * width, width, bias=bias)})

    def forward(self, x):
        batch, time, channels = x.shape
        q, k, v = self.attn["c_attn"](self.ln_1(x)).split(channels, dim=2)
        q, k, v = (t.view(batch, time, self.n_head, channels // self.n_head).transpose(1, 2)
                   for t in (q, k, v))
        y = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.attn["c_proj"](y.transpose(1, 2).reshape(batch, time, channels))
        hidden = torch.nn.functional.gelu(self.mlp["c_fc"](self.ln_2(x)),
                                          approximate=self.gelu_approximate)
        return x + self.mlp["c_proj"](hidden)


class TorchGPT(torch.nn.Module):
    """nanoGPT's GPT: token + position embeddings, blocks, final LayerNorm, output tied to wte."""

    def __init__(self, config):
        super().__init__()
        self.transformer = torch.nn.ModuleDict({
            "wte": torch.nn.Embedding(config.vocab_size, config.n_embd),
            "wpe": torch.nn.Embedding(config.block_size, config.n_embd),
            "h": torch.nn.ModuleList([TorchBlock(config) for _ in range(config.n_layer)]),
            "ln_f": torch.nn.LayerNorm(config.n_embd, bias=config.bias)})
        self.lm_head = torch.nn.Linear(config.n_embd, config.vocab_size, bias=False)
        self.lm_head.weight = self.transformer.wte.weight

    def forward(self, idx, targets):
        """Mean cross-entropy of the next-token logits against targets, both (B, T)."""
        x = self.transformer.wte(idx) + self.transformer.wpe(torch.arange(idx.shape[1]))
        for block in self.transformer.h:
            x = block(x)
        logits = self.lm_head(self.transformer.ln_f(x))
        return torch.nn.functional.cross_entropy(logits.view(-1, logits.shape[-1]),
                                                 targets.view(-1))


def init_like_nanogpt(model):
    """nanoGPT's init from torch's default generator: Linear and Embedding weights N(0, 0.02),
    biases 0, the two projections into the residual stream N(0, 0.02 / sqrt(2 n_layer))."""
    n_layer = len(model.transformer.h)
    for module in model.modules():
        if isinstance(module, (torch.nn.Linear, torch.nn.Embedding)):
            torch.nn.init.normal_(module.weight, 0.0, 0.02)
            if getattr(module, "bias", None) is not None:
                torch.nn.init.zeros_(module.bias)
    for name, param in model.named_parameters():
        if name.endswith("c_proj.weight"):
            torch.nn.init.normal_(param, 0.0, 0.02 / math.sqrt(2 * n_layer))
    return model


def nanogpt_adamw(model, lr, betas, weight_decay):
    """nanoGPT's configure_optimizers: AdamW decaying the matrices, not biases and LayerNorm gains."""
    matrices = [p for p in model.parameters() if p.dim() >= 2]
    vectors = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": matrices, "weight_decay": weight_decay},
                              {"params": vectors, "weight_decay": 0.0}], lr=lr, betas=betas)
