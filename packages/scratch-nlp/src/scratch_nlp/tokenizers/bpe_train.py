"""Training byte-level BPE with INCREMENTAL pair counts (HF tokenizers' BpeTrainer, step for step).

BPE training repeats: find the most frequent adjacent pair of symbols in the corpus, give it a new
id, replace it everywhere. Re-counting every pair after every merge (minbpe's way) costs
O(corpus) per merge. Here the corpus is first reduced to a {word: count} table (pre-tokenized
words repeat a lot), and after each merge only the words that contain the merged pair are
touched; the pair counts change by what those words gained and lost:

    word "abab" (count 3), merge (a, b) -> X:   "abab" -> "XX"
        (a, b): stays stale (never needed again),  (b, a): -3,  (X, X): +3

The best pair comes from a max-heap keyed on (count, pair) with LAZY invalidation: an entry whose
count is out of date is not removed when its pair's count changes; when it reaches the top, it is
pushed back with the current count instead of being used. Each entry also carries the set of
words where its pair was created, so a merge visits only those words.

Tie-breaking (what makes the merges equal to HF's): among pairs of equal count the one with the
SMALLER (left id, right id) wins. Ids are given in HF's order: special tokens first, then the
alphabet sorted by code point, then merged tokens in the order they are made. A merge whose
string already exists (from another pair, "a"+"bc" == "ab"+"c") reuses that token's id.

    train_bpe({"ab": 3, "abc": 1}, vocab_size=..., alphabet=["a", "b", "c"])
        -> tokens ["a", "b", "c", "ab", "abc"], merges [("a", "b"), ("ab", "c")]
"""

import heapq
import itertools
from collections import defaultdict


def merge_pair_in_word(symbols, first, second, new_id, changes):
    """Replace each (first, second) in `symbols` (in place, left to right) by new_id.

    Appends the ((left, right), +1 / -1) changes of the word's neighbouring pairs to `changes`,
    exactly as HF's Word::merge: [a, b, c] with (a, b) -> X gives (b, c) -1 and (X, c) +1.
    subtle: the merged pair itself is not decremented (its count is never consulted again), and
    in [a, a, a] merging (a, a) takes the LEFT pair first: [aa, a].
    """
    i = 0
    while i < len(symbols) - 1:
        if symbols[i] == first and symbols[i + 1] == second:
            if i > 0:
                previous = symbols[i - 1]
                changes.append(((previous, first), -1))
                changes.append(((previous, new_id), 1))
            symbols[i] = new_id
            del symbols[i + 1]
            if i < len(symbols) - 1:
                following = symbols[i + 1]
                changes.append(((second, following), -1))
                changes.append(((new_id, following), 1))
        i += 1


def _count_pairs(words, counts):
    """{pair: occurrences weighted by word count}, {pair: set of word indices}."""
    pair_counts = defaultdict(int)
    where = defaultdict(set)
    for index, symbols in enumerate(words):
        count = counts[index]
        for pair in itertools.pairwise(symbols):
            pair_counts[pair] += count
            where[pair].add(index)
    return pair_counts, where


def train_bpe(word_counts, vocab_size, alphabet=(), special_tokens=(), min_frequency=0):
    """Learn merges from {word: count}; returns (tokens in id order, merges as (left, right) strings).

    word_counts: {str: int}, words already in their final alphabet (byte characters for
    byte-level BPE); alphabet: characters to include even if unseen; stops when the vocabulary
    (special tokens + alphabet + merged tokens) reaches vocab_size, when no pair is left, or when
    the best pair occurs fewer than min_frequency times.
    """
    id_to_token = list(special_tokens)
    token_to_id = {token: index for index, token in enumerate(id_to_token)}
    characters = set(alphabet)
    for word in word_counts:
        characters.update(word)
    for character in sorted(characters):  # HF: alphabet ids in code-point order
        if character not in token_to_id:
            token_to_id[character] = len(id_to_token)
            id_to_token.append(character)

    words = [[token_to_id[character] for character in word] for word in word_counts]
    counts = list(word_counts.values())
    pair_counts, where = _count_pairs(words, counts)
    # heap entries: (-count, left id, right id, tie counter, word indices); heapq is a min-heap.
    tie = itertools.count()
    heap = [(-pair_counts[pair], *pair, next(tie), positions) for pair, positions in where.items()]
    heapq.heapify(heap)

    merges = []
    while len(id_to_token) < vocab_size and heap:
        negative_count, first, second, _, positions = heapq.heappop(heap)
        current = pair_counts[(first, second)]
        if -negative_count != current:  # stale entry: back in with today's count
            heapq.heappush(heap, (-current, first, second, next(tie), positions))
            continue
        if current < 1 or current < min_frequency:
            break
        new_token = id_to_token[first] + id_to_token[second]
        new_id = token_to_id.get(new_token)
        if new_id is None:
            new_id = len(id_to_token)
            token_to_id[new_token] = new_id
            id_to_token.append(new_token)
        merges.append((id_to_token[first], id_to_token[second]))

        created = defaultdict(set)  # pair -> words where this merge made new occurrences
        for index in positions:
            changes = []
            merge_pair_in_word(words[index], first, second, new_id, changes)
            count = counts[index]
            for pair, change in changes:
                pair_counts[pair] += change * count
                if change > 0:
                    created[pair].add(index)
        for pair, indices in created.items():
            if pair_counts[pair] > 0:
                heapq.heappush(heap, (-pair_counts[pair], *pair, next(tie), indices))
    return id_to_token, merges
