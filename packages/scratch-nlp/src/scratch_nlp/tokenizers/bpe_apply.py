"""Applying learned merges to one word: the lowest-ranked merge first, leftmost first.

merge_ranks maps a pair of ids to (rank, merged id); rank = position in the merges list, so an
earlier-learned merge applies first. Each step merges the leftmost occurrence of the best-ranked
pair among the word's current neighbours, until no neighbouring pair has a merge (HF
tokenizers' Word::merge_all gives the same order with a heap):

    merges [("a", "b") -> 3, ("ab", "c") -> 4];  symbols [a, b, c, a, b]
        -> [ab, c, a, b] -> [ab, c, ab] -> [abc, ab]      (ids [4, 3])

Each symbol keeps its (start, end) byte span in the word, so token offsets come for free.
"""


def apply_merges(symbols, spans, merge_ranks):
    """Merge in place: symbols [id, ...], spans [(start, end), ...] (bytes in the word); returns both."""
    while len(symbols) > 1:
        best_rank, best_index, best_id = None, -1, -1
        for index in range(len(symbols) - 1):
            found = merge_ranks.get((symbols[index], symbols[index + 1]))
            # subtle: strict "<" keeps the LEFTMOST occurrence of the best rank
            if found is not None and (best_rank is None or found[0] < best_rank):
                best_rank, best_index, best_id = found[0], index, found[1]
        if best_rank is None:
            break
        symbols[best_index] = best_id
        spans[best_index] = (spans[best_index][0], spans[best_index + 1][1])
        del symbols[best_index + 1]
        del spans[best_index + 1]
    return symbols, spans
