"""Translator: text in, text out, with a trained Seq2SeqTransformer and its tokenizer.

    translator = Translator.from_checkpoint("runs/en-es")
    translator.translate(["I love you.", "Where is the station?"], beam_size=4)
    score, hypotheses = evaluate_bleu(translator, sources, references)   # corpus BLEU (sacrebleu's)

Sentences are decoded in batches of similar length (sorted by token count, then put back in
the caller's order); beam_size=1 is greedy decoding.
"""

from ..bleu import corpus_bleu
from ..datasets.tatoeba import normalize_text, reference_streams
from .batching import encode_source
from .checkpoint import load_model
from .decoding import beam_search, greedy_decode


class Translator:
    def __init__(self, model, tokenizer):
        self.model, self.tokenizer = model, tokenizer

    @classmethod
    def from_checkpoint(cls, directory):
        model, tokenizer, _ = load_model(directory)
        return cls(model, tokenizer)

    def translate(self, texts, beam_size=4, length_penalty=0.6, batch_size=64, max_new_tokens=None):
        """Translations of `texts` (a list of str, or one str -> one str)."""
        single = isinstance(texts, str)
        texts = [texts] if single else list(texts)
        for index, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{index}] must be a str, got {type(text).__name__}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        config = self.model.config
        sources = [encode_source(self.tokenizer, normalize_text(text), config.eos_id, config.max_length)
                   for text in texts]
        order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
        outputs = [None] * len(sources)
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            batch = [sources[i] for i in chunk]
            if beam_size == 1:
                decoded = greedy_decode(self.model, batch, max_new_tokens)
            else:
                decoded = beam_search(self.model, batch, beam_size, length_penalty, max_new_tokens)
            for i, ids in zip(chunk, decoded):
                outputs[i] = self.tokenizer.decode(ids).strip()
        return outputs[0] if single else outputs


def evaluate_bleu(translator, sources, references, beam_size=4, length_penalty=0.6, batch_size=64):
    """(BLEUScore, hypotheses): corpus BLEU of the translations of `sources` against
    `references` (one list of reference strings per source, any number each)."""
    if len(sources) != len(references):
        raise ValueError(f"{len(sources)} sources but {len(references)} reference lists")
    hypotheses = translator.translate(sources, beam_size, length_penalty, batch_size)
    return corpus_bleu(hypotheses, reference_streams(references)), hypotheses
