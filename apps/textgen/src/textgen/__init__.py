"""Train a character-level or BPE GPT on a text file, sample from it and report perplexity."""
