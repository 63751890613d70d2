"""scratch-nlp: tokenizers and language models written over NumPy and scratch-nn.

    scratch_nlp.tokenizers   CharTokenizer and GPT-2's byte-level BPE (train, encode, decode,
                             our JSON / HF tokenizer.json / GPT-2 vocab.json + merges.txt)
    scratch_nlp.gpt          GPT (nanoGPT's decoder-only transformer), training (AdamW, warmup +
                             cosine, clipping), sampling (greedy / temperature / top-k / top-p),
                             checkpoints (safetensors + JSON)
    scratch_nlp.gpt2_import  transformers' GPT-2 weights (in memory or save_pretrained files) into our GPT
    scratch_nlp.datasets     Tiny Shakespeare; Tatoeba sentence pairs (normalise, filter, seeded split)
    scratch_nlp.translation  a Transformer encoder-decoder for translation: batching by length,
                             greedy and beam search, resumable training, checkpoint directories
    scratch_nlp.schedules    warmup + cosine (nanoGPT) and Noam learning-rate multipliers
    scratch_nlp.bleu         corpus and sentence BLEU equal to sacrebleu's (13a, exp smoothing)
"""
