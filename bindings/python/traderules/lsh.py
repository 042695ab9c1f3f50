# SPDX-License-Identifier: MIT
"""Similar texts beyond one machine: MinHash LSH on one machine or on a Dask cluster.

Exact all-pairs (``Corpus.pairs()``, ``traderules corpus pairs``) holds the whole
corpus in one process. For corpora that outgrow it (legislation, case law) this
module finds the pairs with Jaccard >= t in three steps, each a function on one
partition of texts that runs on any worker:

1. **Signatures and band keys** (:func:`partition_band_keys`): every text gets a
   MinHash signature of k = bands x rows slots (``tr_minhash_text()``), cut into
   bands whose keys are 64-bit hashes (``tr_minhash_band_keys()``). Both depend
   only on the text, the shingle definition (kind, n), the seed and
   bands x rows: signatures computed on different workers or machines compare
   and merge (slot-wise minimum, :func:`merge_signatures`) without any shared
   state. Texts without shingles get no keys (they pair with nothing, as in the
   exact join).
2. **Candidates** (:func:`bucket_pairs`): two texts that share a band key are a
   candidate pair. A pair with Jaccard J becomes a candidate with probability
   ``s_curve(J, bands, rows) = 1 - (1 - J**rows)**bands``; :func:`choose_bands`
   picks bands and rows for a threshold and a wanted recall.
3. **Exact verification** (:func:`verify_pairs`): each candidate's Jaccard is
   computed exactly from the two texts' shingle sets (the library's
   ``tr_shingle_set_*``: shingle strings compared in full, no hashing), and kept
   when ``intersection / union >= t`` as in the exact join. Verified pairs are
   therefore a subset of the exact pair list, with identical values; LSH can
   only miss pairs (recall), never add one.

:func:`lsh_pairs` runs the three steps in this process (plain Python, no pandas,
no Dask). :func:`dask_candidates`, :func:`dask_verify` and :func:`dask_lsh_pairs`
run them on a ``dask.dataframe`` (columns ``id``, ``text`` and optionally
``group``): band keys per partition, candidates by a shuffle on the band key,
deduplication by a shuffle on the pair, texts joined to candidates by hash
joins, verification per partition. Both give the same pairs for the same
parameters (tested on a ``distributed.LocalCluster``). Dask and pandas are
imported only by the ``dask_*`` functions and :func:`partition_band_keys`,
:func:`bucket_pairs` and :func:`verify_pairs` (which work on pandas DataFrames).

Ids are integers (int64) chosen by the caller, unique over the corpus; a pair is
reported once, as (a, b) with a < b. ``group`` (e.g. the agreement of an
article) restricts pairs to texts of different groups when ``across=True``.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from . import _ffi as _c
from . import (_SHINGLES, InvalidArgumentError, _check, _require)

__all__ = ["LSHParams", "s_curve", "choose_bands", "signature", "merge_signatures",
           "band_keys", "text_band_keys", "exact_jaccard", "lsh_pairs", "partition_band_keys",
           "bucket_pairs", "verify_pairs", "dask_candidates", "dask_verify", "dask_lsh_pairs",
           "DEFAULT_SEED"]

#: The default hash seed ("TRLSH" in ASCII). Any fixed value works; all workers
#: must use the same one.
DEFAULT_SEED = 0x54524C5348

_U64 = ctypes.c_uint64
_INT64_WRAP = 1 << 64


class LSHParams:
    """What every worker must agree on: threshold, bands, rows, seed, kind, n.

    ``threshold`` in (0, 1]; ``bands`` x ``rows`` = k, the signature length
    (1..65536); ``kind`` is "word" (scikit-learn tokens, as ``traderules corpus
    pairs``), "word_ascii" or "char"; ``n`` the shingle length. Picklable (plain
    attributes), so it travels to workers."""

    __slots__ = ("threshold", "bands", "rows", "seed", "kind", "n")

    def __init__(self, threshold: float = 0.5, bands: Optional[int] = None,
                 rows: Optional[int] = None, seed: int = DEFAULT_SEED, kind: str = "word",
                 n: int = 5, recall: float = 0.99, max_k: int = 256) -> None:
        threshold = float(threshold)
        if not 0.0 < threshold <= 1.0:
            raise InvalidArgumentError(-1, "threshold %r is outside (0, 1]" % (threshold,))
        if (bands is None) != (rows is None):
            raise InvalidArgumentError(-1, "give both bands and rows, or neither")
        if bands is None:
            bands, rows = choose_bands(threshold, recall, max_k)
        if int(bands) < 1 or int(rows) < 1 or int(bands) * int(rows) > 65536:
            raise InvalidArgumentError(-1, "bands (%r) x rows (%r) must be in 1..65536"
                                       % (bands, rows))
        if kind not in _SHINGLES:
            raise InvalidArgumentError(-1, "kind %r is not one of %s" % (kind, sorted(_SHINGLES)))
        if not 1 <= int(n) <= 64:
            raise InvalidArgumentError(-1, "n = %r is outside 1..64" % (n,))
        self.threshold = threshold
        self.bands = int(bands)
        self.rows = int(rows)
        self.seed = int(seed) % _INT64_WRAP
        self.kind = kind
        self.n = int(n)

    @property
    def k(self) -> int:
        """Signature length, bands x rows."""
        return self.bands * self.rows

    def expected_recall(self, jaccard: float) -> float:
        """Probability that a pair with this Jaccard becomes a candidate."""
        return s_curve(jaccard, self.bands, self.rows)

    def __getstate__(self):
        return {k: getattr(self, k) for k in self.__slots__}

    def __setstate__(self, state):
        for k in self.__slots__:
            setattr(self, k, state[k])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LSHParams):
            return NotImplemented
        return self.__getstate__() == other.__getstate__()

    def __repr__(self) -> str:
        return ("LSHParams(threshold=%r, bands=%d, rows=%d, seed=%#x, kind=%r, n=%d)"
                % (self.threshold, self.bands, self.rows, self.seed, self.kind, self.n))


def s_curve(jaccard: float, bands: int, rows: int) -> float:
    """P(a pair with this Jaccard shares at least one of ``bands`` band keys of
    ``rows`` slots) = 1 - (1 - J**rows)**bands, for ideal min-wise hashing."""
    return 1.0 - (1.0 - float(jaccard) ** rows) ** bands


def choose_bands(threshold: float, recall: float = 0.99, max_k: int = 256) -> Tuple[int, int]:
    """(bands, rows) for a threshold: the most rows per band (the steepest S-curve,
    so the fewest candidates below the threshold) such that some bands x rows <=
    ``max_k`` reaches ``s_curve(threshold) >= recall``, with the fewest bands for
    those rows. Every pair at or above the threshold is then a candidate with
    probability >= ``recall`` (the expected recall is at least that).

    >>> choose_bands(0.5)
    (35, 3)
    >>> choose_bands(0.8)
    (26, 8)
    """
    threshold, recall = float(threshold), float(recall)
    if not 0.0 < threshold <= 1.0 or not 0.0 < recall < 1.0 or int(max_k) < 1:
        raise InvalidArgumentError(-1, "need threshold in (0, 1], recall in (0, 1), max_k >= 1")
    best = (int(max_k), 1)
    for rows in range(1, int(max_k) + 1):
        p = threshold ** rows
        if p <= 0.0:
            break
        bands = 1 if p >= 1.0 else max(1, math.ceil(math.log1p(-recall) / math.log1p(-p)))
        if (bands - 1) * rows > max_k:  # more rows need even more bands
            break
        # correct the float rounding of the closed form by one band either way
        if bands > 1 and s_curve(threshold, bands - 1, rows) >= recall:
            bands -= 1
        elif s_curve(threshold, bands, rows) < recall:
            bands += 1
        if bands * rows <= max_k:
            best = (bands, rows)
    return best


def _text(text):
    """A text as UTF-8 bytes (passed with its length: NUL characters are data)."""
    if isinstance(text, (bytes, bytearray)):
        return bytes(text)
    if isinstance(text, str):
        return text.encode("utf-8")
    raise InvalidArgumentError(-1, "a text must be str or bytes, not %s" % type(text).__name__)


def _kind(kind):
    try:
        return _SHINGLES[kind]
    except KeyError:
        raise InvalidArgumentError(-1, "kind %r is not one of %s"
                                   % (kind, sorted(_SHINGLES))) from None


def signature(text: Any, k: int = 128, seed: int = DEFAULT_SEED, kind: str = "word",
              n: int = 5) -> Tuple[List[int], int]:
    """(slots, shingles): the MinHash signature of a text (k unsigned 64-bit ints)
    and its number of shingles counted with repeats (0: no shingles, and all
    slots are 2**64 - 1).

    The slots are those of ``MinHash(text, k, seed, kind, n)`` (the
    ``tr_minhash_text()`` C function), on any machine."""
    _require(_c.tr_minhash_text, "tr_minhash_text")
    if not 1 <= int(k) <= 65536 or not 1 <= int(n) <= 64:
        raise InvalidArgumentError(-1, "k = %r must be in 1..65536 and n = %r in 1..64" % (k, n))
    buf = (_U64 * int(k))()
    count = ctypes.c_size_t()
    data = _text(text)
    _check(_c.tr_minhash_text(data, len(data), _kind(kind), int(n), int(k),
                              int(seed) % _INT64_WRAP, buf, ctypes.byref(count)))
    return list(buf), count.value


def merge_signatures(a: Sequence[int], b: Sequence[int]) -> List[int]:
    """The signature of the union of two sets: the slot-wise minimum (signatures
    of the same k and seed, e.g. computed on two workers)."""
    if len(a) != len(b):
        raise InvalidArgumentError(-1, "signatures differ in length (%d, %d)" % (len(a), len(b)))
    return [x if x < y else y for x, y in zip(a, b)]


def _band_keys_into(slots_buf, k, bands, rows, out):
    _check(_c.tr_minhash_band_keys(slots_buf, k, bands, rows, out))


def band_keys(slots: Sequence[int], bands: int, rows: int) -> List[int]:
    """The ``bands`` LSH band keys (unsigned 64-bit) of a signature
    (``tr_minhash_band_keys()``): key b hashes the band index and slots
    b*rows .. b*rows+rows-1, so two signatures share it exactly when that band
    is equal (barring a 64-bit collision)."""
    _require(_c.tr_minhash_band_keys, "tr_minhash_band_keys")
    k = len(slots)
    buf = (_U64 * k)(*slots)
    out = (_U64 * max(int(bands), 1))()
    _band_keys_into(buf, k, int(bands), int(rows), out)
    return list(out)


class _KeyMaker:
    """Reusable buffers: signature then band keys of one text after another."""

    def __init__(self, params):
        _require(_c.tr_minhash_text, "tr_minhash_text")
        self.p = params
        self.kind = _kind(params.kind)
        self.slots = (_U64 * params.k)()
        self.keys = (_U64 * params.bands)()
        self.count = ctypes.c_size_t()

    def __call__(self, text):
        p = self.p
        data = _text(text)
        _check(_c.tr_minhash_text(data, len(data), self.kind, p.n, p.k, p.seed, self.slots,
                                  ctypes.byref(self.count)))
        if self.count.value == 0:
            return None
        _check(_c.tr_minhash_band_keys(self.slots, p.k, p.bands, p.rows, self.keys))
        return list(self.keys)


def text_band_keys(text: Any, params: LSHParams) -> Optional[List[int]]:
    """The band keys of one text under ``params`` (unsigned 64-bit), or None when
    the text has no shingles."""
    return _KeyMaker(params)(text)


class _SetCache:
    """Shingle sets of texts by id, freed by close()."""

    def __init__(self, kind, n):
        _require(_c.tr_shingle_set_intersection, "tr_shingle_set_intersection")
        self.kind, self.n = _kind(kind), int(n)
        self.sets: Dict[Any, Tuple[int, int]] = {}

    def get(self, key, text):
        got = self.sets.get(key)
        if got is None:
            h = ctypes.c_void_p()
            data = _text(text)
            _check(_c.tr_shingle_set_from_text(data, len(data), self.kind, self.n,
                                               ctypes.byref(h)))
            got = (h.value, _c.tr_shingle_set_size(h.value))
            self.sets[key] = got
        return got

    def close(self):
        for h, _ in self.sets.values():
            _c.tr_shingle_set_free(h)
        self.sets.clear()


def _exact(cache, a, text_a, b, text_b):
    ha, na = cache.get(a, text_a)
    hb, nb = cache.get(b, text_b)
    inter = _c.tr_shingle_set_intersection(ha, hb)
    union = na + nb - inter
    return (float(inter) / float(union) if union else 0.0), inter, union


def exact_jaccard(text_a: Any, text_b: Any, kind: str = "word", n: int = 5) -> Tuple[float, int, int]:
    """(jaccard, intersection, union) of two texts' shingle sets, exactly (shingle
    strings compared in full); jaccard is intersection / union, 0 when both are empty."""
    cache = _SetCache(kind, n)
    try:
        return _exact(cache, 0, text_a, 1, text_b)
    finally:
        cache.close()


def _pairs_of_bucket(ids, groups, across):
    out = []
    m = len(ids)
    for i in range(m):
        for j in range(i + 1, m):
            if across and groups[i] == groups[j]:
                continue
            a, b = ids[i], ids[j]
            if a != b:
                out.append((a, b) if a < b else (b, a))
    return out


def lsh_pairs(texts: Iterable[Tuple[int, Any]], params: LSHParams,
              groups: Optional[Dict[int, Any]] = None, across: bool = False,
              candidates: Optional[set] = None) -> List[Tuple[int, int, float, int, int]]:
    """The single-machine path: every pair (a, b, jaccard, intersection, union),
    a < b, sorted, among the LSH candidates of ``texts`` (an iterable of (id,
    text)) whose exact Jaccard is >= ``params.threshold``.

    ``groups`` maps ids to groups (needed with ``across=True``: only pairs of
    different groups). When ``candidates`` is a set, the candidate pairs (a, b)
    are added to it (to measure how many were verified)."""
    if across and groups is None:
        raise InvalidArgumentError(-1, "across=True needs groups")
    keys_of = _KeyMaker(params)
    texts = dict(texts)
    buckets: Dict[int, List[int]] = {}
    for i, text in texts.items():
        keys = keys_of(text)
        if keys is None:
            continue
        for key in keys:
            buckets.setdefault(key, []).append(i)
    cand = set()
    seen = set()  # identical texts share every band: the same bucket, many times
    for ids in buckets.values():
        if len(ids) > 1:
            members = tuple(ids)
            if members in seen:
                continue
            seen.add(members)
            g = [groups[i] for i in ids] if across else None
            cand.update(_pairs_of_bucket(ids, g, across))
    if candidates is not None:
        candidates.update(cand)
    cache = _SetCache(params.kind, params.n)
    out = []
    try:
        for a, b in sorted(cand):
            j, inter, union = _exact(cache, a, texts[a], b, texts[b])
            if j >= params.threshold:
                out.append((a, b, j, inter, union))
    finally:
        cache.close()
    return out

# ---------------------------------------------------------------------------
# Partition functions (pandas DataFrames) and the Dask graph


def _signed(u):
    """An unsigned 64-bit key as the int64 with the same bits (pandas columns)."""
    return u - _INT64_WRAP if u >= 1 << 63 else u


def _keys_meta():
    import pandas as pd
    return pd.DataFrame({"key": pd.Series([], dtype="int64"), "id": pd.Series([], dtype="int64"),
                         "group": pd.Series([], dtype="int64")})


def _pairs_meta():
    import pandas as pd
    return pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype="int64")})


def _verified_meta():
    import pandas as pd
    return pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype="int64"),
                         "jaccard": pd.Series([], dtype="float64"),
                         "intersection": pd.Series([], dtype="int64"),
                         "union": pd.Series([], dtype="int64")})


def partition_band_keys(frame: Any, params: LSHParams) -> Any:
    """Step 1 on one partition: a pandas DataFrame with columns ``id`` (int),
    ``text`` (str) and optionally ``group`` (int) becomes one row per band key:
    ``key`` (the unsigned key's bits as int64), ``id``, ``group`` (``id`` when
    there is no group column). Texts without shingles give no rows."""
    import pandas as pd
    make = _KeyMaker(params)
    ids = frame["id"].tolist()
    groups = frame["group"].tolist() if "group" in frame.columns else ids
    key_col, id_col, group_col = [], [], []
    for i, g, text in zip(ids, groups, frame["text"].tolist()):
        keys = make(text)
        if keys is None:
            continue
        key_col.extend(_signed(k) for k in keys)
        id_col.extend([int(i)] * len(keys))
        group_col.extend([int(g)] * len(keys))
    return pd.DataFrame({"key": pd.Series(key_col, dtype="int64"),
                         "id": pd.Series(id_col, dtype="int64"),
                         "group": pd.Series(group_col, dtype="int64")})


def bucket_pairs(keys: Any, across: bool = False) -> Any:
    """Step 2 on one partition of band keys in which every row of a given key
    is present (e.g. after a shuffle on ``key``): the distinct pairs (a, b),
    a < b, of texts sharing a key (of different groups when ``across``)."""
    import numpy as np
    import pandas as pd
    keys = keys[keys.duplicated("key", keep=False)]
    if len(keys) == 0:
        return _pairs_meta()
    keys = keys.drop_duplicates(["key", "id"]).sort_values(["key", "id"], kind="mergesort")
    k = keys["key"].to_numpy()
    ids = keys["id"].to_numpy()
    grp = keys["group"].to_numpy()
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    ends = np.r_[starts[1:], len(k)]
    a_parts, b_parts = [], []
    for s, e in zip(starts.tolist(), ends.tolist()):
        if e - s < 2:
            continue
        i, j = np.triu_indices(e - s, 1)
        if across:
            keep = grp[s + i] != grp[s + j]
            i, j = i[keep], j[keep]
        a_parts.append(ids[s + i])  # ids are sorted within a bucket: a < b
        b_parts.append(ids[s + j])
    if not a_parts:
        return _pairs_meta()
    out = pd.DataFrame({"a": np.concatenate(a_parts).astype("int64"),
                        "b": np.concatenate(b_parts).astype("int64")})
    return out.drop_duplicates(ignore_index=True)


def verify_pairs(frame: Any, params: LSHParams) -> Any:
    """Step 3 on one partition: rows ``a``, ``b``, ``text_a``, ``text_b`` become
    ``a``, ``b``, ``jaccard``, ``intersection``, ``union`` for the pairs whose
    exact Jaccard (intersection / union of the shingle sets) is >= the
    threshold. Each text is shingled once per partition."""
    import pandas as pd
    cache = _SetCache(params.kind, params.n)
    rows = []
    try:
        for a, b, ta, tb in zip(frame["a"].tolist(), frame["b"].tolist(),
                                frame["text_a"].tolist(), frame["text_b"].tolist()):
            j, inter, union = _exact(cache, a, ta, b, tb)
            if j >= params.threshold:
                rows.append((a, b, j, inter, union))
    finally:
        cache.close()
    if not rows:
        return _verified_meta()
    out = pd.DataFrame(rows, columns=["a", "b", "jaccard", "intersection", "union"])
    return out.astype({"a": "int64", "b": "int64", "jaccard": "float64",
                       "intersection": "int64", "union": "int64"})


def _dedupe(frame):
    return frame.drop_duplicates(["a", "b"], ignore_index=True)


def dask_candidates(texts: Any, params: LSHParams, across: bool = False,
                    npartitions: Optional[int] = None) -> Any:
    """The candidate pairs of a ``dask.dataframe`` of texts (``id``, ``text``,
    optional ``group``) as a lazy dask DataFrame (``a``, ``b``), each pair once:
    band keys per partition, a shuffle on the key, pairs per bucket, a shuffle
    on ``a`` to drop pairs found in several bands."""
    nparts = npartitions or texts.npartitions
    cols = ["id", "text"] + (["group"] if "group" in texts.columns else [])
    keys = texts[cols].map_partitions(partition_band_keys, params, meta=_keys_meta())
    keys = keys.shuffle("key", npartitions=nparts)
    pairs = keys.map_partitions(bucket_pairs, across, meta=_pairs_meta())
    pairs = pairs.shuffle("a", npartitions=nparts)
    return pairs.map_partitions(_dedupe, meta=_pairs_meta())


def dask_verify(candidates: Any, texts: Any, params: LSHParams) -> Any:
    """Exact verification of candidate pairs (``a``, ``b``) against the texts
    (``id``, ``text``): hash joins bring both texts to each pair, then
    :func:`verify_pairs` runs per partition. A lazy dask DataFrame (``a``,
    ``b``, ``jaccard``, ``intersection``, ``union``); order is unspecified."""
    t = texts[["id", "text"]]
    with_a = candidates.merge(t.rename(columns={"id": "a", "text": "text_a"}), on="a",
                              how="inner")
    both = with_a.merge(t.rename(columns={"id": "b", "text": "text_b"}), on="b", how="inner")
    return both.map_partitions(verify_pairs, params, meta=_verified_meta())


def dask_lsh_pairs(texts: Any, params: LSHParams, across: bool = False,
                   npartitions: Optional[int] = None) -> Any:
    """:func:`dask_candidates` then :func:`dask_verify`: the verified pairs as a
    lazy dask DataFrame. ``.compute()`` then ``sort_values(["a", "b"])`` gives
    the rows of :func:`lsh_pairs` for the same texts and parameters."""
    return dask_verify(dask_candidates(texts, params, across, npartitions), texts, params)
