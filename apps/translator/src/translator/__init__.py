"""English to Spanish translation from the command line: train, translate and evaluate a scratch-nlp Transformer."""
