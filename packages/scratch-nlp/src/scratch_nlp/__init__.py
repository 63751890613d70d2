"""scratch-nlp: tokenizers and language models written over NumPy and scratch-nn.

    scratch_nlp.tokenizers   CharTokenizer and GPT-2's byte-level BPE (train, encode, decode,
                             our JSON / HF tokenizer.json / GPT-2 vocab.json + merges.txt)
"""
