"""khmercut's word segmentation with offsets, its features made once per character cluster.

khmercut (python-crfsuite, its model shipped in the wheel) cuts a text into Khmer character
clusters (KCC), describes each cluster by itself and its neighbours, and tags where a word
starts. Its own ``tokenize`` recomputes each neighbour's type for every cluster (about 13
times each); :func:`khmercut_spans` computes the types once and gives the tagger the same
features, so its words are khmercut's words, as offsets.

Examples
--------
>>> t = "ភាគីទាំងពីរបានឯកភាព"
>>> [t[s:e] for s, e in khmercut_spans(t, 0, len(t))] == __import__("khmercut").tokenize(t)
True
"""

from __future__ import annotations

import threading

__all__ = ["khmercut_spans", "kcc_features"]

_LOCK = threading.Lock()



def kcc_features(kccs: list[str]) -> list[dict]:
    """khmercut's features of each cluster of ``kccs`` (those of its ``kcc_to_features``)."""
    from khmercut import is_no_space, kcc_type  # the model's own definitions

    n = len(kccs)
    t = [kcc_type(k) for k in kccs]
    ns = [is_no_space(k) for k in kccs]
    out = []
    for i, k in enumerate(kccs):
        f = {"kcc": k, "t": t[i], "ns": ns[i]}
        if i >= 1:
            f.update({"kcc[-1]": kccs[i - 1], "kcc[-1]t": t[i - 1],
                      "kcc[-1:0]": kccs[i - 1] + k, "ns-1": ns[i - 1]})
        else:
            f["BOS"] = True
        if i >= 2:
            f.update({"kcc[-2]": kccs[i - 2], "kcc[-2]t": t[i - 2],
                      "kcc[-2:-1]": kccs[i - 2] + kccs[i - 1],
                      "kcc[-2:0]": kccs[i - 2] + kccs[i - 1] + k})
        if i >= 3:
            f.update({"kcc[-3]": kccs[i - 3], "kcc[-3]t": t[i - 3],
                      "kcc[-3:0]": kccs[i - 3] + kccs[i - 2] + kccs[i - 1] + k,
                      "kcc[-3:-1]": kccs[i - 3] + kccs[i - 2] + kccs[i - 1],
                      "kcc[-3:-2]": kccs[i - 3] + kccs[i - 2]})
        if i < n - 1:
            f.update({"kcc[+1]": kccs[i + 1], "kcc[+1]t": t[i + 1],
                      "kcc[+1:0]": k + kccs[i + 1], "ns+1": ns[i + 1]})
        else:
            f["EOS"] = True
        if i < n - 2:
            f.update({"kcc[+2]": kccs[i + 2], "kcc[+2]t": t[i + 2],
                      "kcc[+1:+2]": kccs[i + 1] + kccs[i + 2],
                      "kcc[0:+2]": k + kccs[i + 1] + kccs[i + 2], "ns+2": ns[i + 2]})
        if i < n - 3:
            f.update({"kcc[+3]": kccs[i + 3], "kcc[+3]t": t[i + 3],
                      "kcc[+2:+3]": kccs[i + 2] + kccs[i + 3],
                      "kcc[+1:+3]": kccs[i + 1] + kccs[i + 2] + kccs[i + 3],
                      "kcc[0:+3]": k + kccs[i + 1] + kccs[i + 2] + kccs[i + 3]})
        out.append(f)
    return out


def khmercut_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """khmercut's words of ``text[s:e]`` as offsets into ``text`` (its clusters keep every
    character, so the words tile the piece)."""
    from khmercut import load, seg_kcc  # the model loads on first use

    piece = text[s:e]
    kccs = seg_kcc(piece)
    if sum(map(len, kccs)) != len(piece):     # never expected: stay exact
        raise ValueError(f"khmercut lost characters of {piece!r}")
    if not kccs:
        return []
    with _LOCK:
        tags = load().tag(kcc_features(kccs))
    out, pos = [], s
    for i, (k, tag) in enumerate(zip(kccs, tags)):
        if tag == "1" or i == 0:
            out.append([pos, pos + len(k)])
        else:
            out[-1][1] += len(k)
        pos += len(k)
    return [(a, b) for a, b in out]
