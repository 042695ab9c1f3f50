# SPDX-License-Identifier: MIT
"""Python binding of libtraderules (standard-library ctypes over the stable C ABI).

    import traderules
    with traderules.Catalog.default() as cat:
        for a in cat:                        # Agreement views, in catalog order
            print(a.id, a.family, a.year)
        tpp = cat["TPP"]
        print(tpp.provision("cross_border_data_flows").strength)
        cmp = traderules.compare(cat, "american", "european")
        rows = cat.to_rows()                 # plain dicts, ready for pandas.DataFrame

Every failure raises TradeRulesError (or a subclass per status code) carrying
the library's code, status id, message, file, line, column and field.
Objects that own C memory (Catalog, Comparison, Coder, Corpus, ...) free it in
close(), on leaving a ``with`` block, or when garbage-collected; views borrowed
from them (Agreement, Provision, ...) keep their owner alive.

Pickling: a Catalog is pickled by value (its JSON); views (Agreement,
Provision) and the other handles point into this process's memory and refuse
to be pickled with a TypeError (send an agreement id, or ``to_dict()``, to a
worker process instead). Two views of the same agreement of the same catalog
are equal and hash alike (``cat["TPP"] == cat["TPP"]``).

The library is found through TRADERULES_LIBRARY, then pkg-config, then the
system loader; see ``traderules._ffi``.
"""

from __future__ import annotations

import ctypes
import math
import os
from typing import (Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple,
                    Union)

from . import _ffi as _c

__all__ = [
    "TradeRulesError", "Catalog", "Agreement", "Provision", "Comparison", "Coder", "Coding",
    "Corpus", "categories", "strengths", "compare", "distance_matrix", "classify",
    "common_ground", "text_jaccard",
    "plot_available", "plot_heatmap", "plot_compare", "plot_matrix", "plot_timeline",
    "cluster_order", "version", "__version__", "Membership", "timeline", "coverage", "MinHash",
    "templates", "template", "AnalysisOptions", "CancelledError",
    "version_info", "exceptions", "strength_code", "csv_formats", "parse_years",
    "AgreementCoding", "Audit", "audit", "relations", "wto_avenue", "seed_paper_year",
    "Template", "compare_agreements", "GroundResult", "CoverageResult", "barrier_profile",
    "ShingleSet", "tokenize", "corpus_unicode_version", "PlotOptions", "plot_comparison",
    "panel_measures", "classes",
]

#: A file name: str, bytes or os.PathLike.
PathLike = Union[str, bytes, "os.PathLike[str]"]
#: A category: its id (e.g. "source_code") or its number (1..n).
Category = Union[str, int]

# ---------------------------------------------------------------------------
# Errors


class TradeRulesError(Exception):
    """A libtraderules failure: ``code`` (negative int), ``status`` (e.g. "parse"),
    ``message`` (with location), ``file``, ``line``, ``column``, ``field``."""

    def __init__(self, code: int, message: str, file: Optional[str] = None, line: int = 0,
                 column: int = 0, field: Optional[str] = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = _s(_c.tr_status_id(code))
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.field = field

    def __repr__(self):
        return "%s(%d, %r)" % (type(self).__name__, self.code, self.message)


class InvalidArgumentError(TradeRulesError, ValueError):
    """TR_ERR_INVALID_ARG; also raised by the binding itself for an argument C
    cannot take unchanged (a string with a NUL character, a number with a
    fraction), naming the argument."""


class ArgumentRangeError(InvalidArgumentError, OverflowError):
    """An integer argument outside the range of the C type it is passed as (the
    message names the argument and the range); a ValueError and an OverflowError."""


class IOFailure(TradeRulesError, OSError):
    """TR_ERR_IO: a file could not be read or written."""

    def __init__(self, *args, **kw):  # OSError's constructor has its own signature
        TradeRulesError.__init__(self, *args, **kw)


class ParseError(TradeRulesError):
    """TR_ERR_PARSE."""


class EncodingError(TradeRulesError):
    """TR_ERR_ENCODING."""


class SchemaError(TradeRulesError):
    """TR_ERR_SCHEMA."""


class DuplicateError(TradeRulesError):
    """TR_ERR_DUPLICATE."""


class NotFoundError(TradeRulesError, LookupError):
    """TR_ERR_NOT_FOUND."""


class ReferenceFailure(TradeRulesError):
    """TR_ERR_REFERENCE."""


class LimitError(TradeRulesError):
    """TR_ERR_LIMIT."""


class EmptyError(TradeRulesError):
    """TR_ERR_EMPTY."""


class UnsupportedError(TradeRulesError):
    """TR_ERR_UNSUPPORTED: the build lacks the feature (e.g. charts)."""


class CancelledError(TradeRulesError):
    """TR_ERR_CANCELLED: the analysis was cancelled (AnalysisOptions.cancel() or
    its should_cancel callable); nothing was produced."""


_ERRORS = {-1: InvalidArgumentError, -3: IOFailure, -4: ParseError, -5: EncodingError,
           -6: SchemaError, -7: DuplicateError, -8: NotFoundError, -9: ReferenceFailure,
           -10: LimitError, -11: EmptyError, -12: UnsupportedError,
           -14: CancelledError}


def _s(b):
    return None if b is None else b.decode("utf-8")


def _b(s, what):
    """``s`` as a C string (UTF-8 bytes; None stays None); InvalidArgumentError
    naming ``what`` if it holds a NUL character (see _ffi.to_bytes)."""
    return _c.to_bytes(s, what)


def _buf(data):
    """A buffer passed to C with its length (str as UTF-8): NULs pass through
    (the library reports them with a location)."""
    return bytes(data) if isinstance(data, (bytes, bytearray)) else str(data).encode("utf-8")


def _i(v, what, ctype=ctypes.c_int):
    """``v`` as an int that fits ``ctype``; ArgumentRangeError naming ``what`` and
    the range otherwise (see _ffi.to_int)."""
    return _c.to_int(v, what, ctype)


def _raise(code=None):
    code = _c.tr_error_code() if code is None else code
    msg = _s(_c.tr_error_message()) or _s(_c.tr_status_id(code))
    cls = _ERRORS.get(code, TradeRulesError)
    err = cls(code, msg, _s(_c.tr_error_file()), _c.tr_error_line(), _c.tr_error_column(),
              _s(_c.tr_error_field()))
    _c.tr_error_clear()  # the exception holds it now: a later failure cannot report this one
    raise err


def _argument_error(cls):
    def make(message):
        return cls(-1, message)
    return make


_c.ValueErrorClass = _argument_error(InvalidArgumentError)
_c.RangeErrorClass = _argument_error(ArgumentRangeError)


def _check(rc):
    if rc != 0:
        _raise(rc)
    return rc


def _take_string(ptr):
    """Copy a char* the library allocated, then tr_free() it."""
    try:
        return ctypes.string_at(ptr.value).decode("utf-8")
    finally:
        _c.tr_free(ptr)


def _require(fn, what):
    if fn is None:
        raise UnsupportedError(-12, "this libtraderules has no %s" % what)


def version() -> str:
    """Version string of the loaded library."""
    return _s(_c.tr_version())


#: Version of the loaded C library (the binding has no version of its own).
__version__ = version()


def version_info() -> Tuple[int, int, int]:
    """(major, minor, micro) of the loaded library (tr_version_num())."""
    n = _c.tr_version_num()
    return (n >> 16, (n >> 8) & 0xFF, n & 0xFF)


def _no_pickle(obj, hint):
    raise TypeError("cannot pickle a traderules.%s: it refers to C memory of this process "
                    "and would be invalid in another one; %s"
                    % (type(obj).__name__.lstrip("_"), hint))

# ---------------------------------------------------------------------------
# Enumerations


def _ids(fn, values):
    return [_s(fn(v)) for v in values]


def _enum_ids(fn, limit=64):
    """{value: id} of an enumeration whose id function returns NULL for gaps."""
    return {k: _s(fn(k)) for k in range(limit) if fn(k) is not None}


def categories() -> List[Tuple[str, str]]:
    """[(id, title)] of every provision category, in numeric order (1..n)."""
    n = _c.tr_category_count()
    return [(_s(_c.tr_category_id(k)), _s(_c.tr_category_title(k))) for k in range(1, n + 1)]


def strengths() -> List[str]:
    """Strength ids in bindingness order: unknown, none, soft, mixed, hard."""
    return _ids(_c.tr_strength_id, range(0, 5))


def exceptions() -> List[Tuple[str, str]]:
    """[(id, title)] of every exception flag, in bit order."""
    return [(_s(_c.tr_exception_id(1 << k)), _s(_c.tr_exception_title(1 << k)))
            for k in range(_c.tr_exception_count())]


def strength_code(strength: str) -> Optional[int]:
    """The numeric code of a strength in the wide CSV and the ``strength_code``
    column (none 0, soft 1, mixed 2, hard 3); None for unknown."""
    code = _c.tr_csv_strength_code(_parse(_c.tr_strength_from_id, strength, "strength"))
    return None if code < 0 else code


def csv_formats() -> List[str]:
    """Ids of the table formats of Catalog.to_csv() and to_stata() ("long", "wide")."""
    return list(_enum_ids(_c.tr_csv_format_id, 16).values())


def parse_years(text: str) -> Tuple[Optional[int], Optional[int]]:
    """A year range as the command line writes it ("2010-2015", "2010-", "-2015",
    "2016"; ':' may stand for '-') as (from, to), None for an open side; the
    ``years`` filter of select() and the analyses also takes such a string."""
    a, b = ctypes.c_int(), ctypes.c_int()
    _check(_c.tr_year_range_parse(_b(text, "years"), ctypes.byref(a), ctypes.byref(b)))
    return (a.value or None, b.value or None)


def _parse(fn, s, what):
    out = ctypes.c_int()
    if fn(_b(s, what), ctypes.byref(out)) != 0:
        raise InvalidArgumentError(-1, "unknown %s %r" % (what, s))
    return out.value


def _flag_ids(bits, id_fn, count=32):
    out = []
    for i in range(count):
        if bits & (1 << i):
            s = id_fn(1 << i)
            if s:
                out.append(_s(s))
    return out


def _flags(ids, from_id, what):
    bits = 0
    for s in ids or ():
        out = ctypes.c_uint()
        if from_id(_b(s, what), ctypes.byref(out)) != 0:
            raise InvalidArgumentError(-1, "unknown %s %r" % (what, s))
        bits |= out.value
    return bits


def _category(c):
    return (_i(c, "category") if isinstance(c, int)
            else _parse(_c.tr_category_from_id, c, "category"))

# ---------------------------------------------------------------------------
# Owned handles


class _Owned:
    """Base of objects that own a C handle; freed exactly once."""

    _free = None

    def __init__(self, handle):
        self._h = handle

    def close(self) -> None:
        h, self._h = getattr(self, "_h", None), None
        if h:
            type(self)._free(h)

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __reduce_ex__(self, protocol):
        _no_pickle(self, "recreate it in the other process")

    @property
    def _handle(self):
        if not self._h:
            raise InvalidArgumentError(-1, "%s is closed" % type(self).__name__)
        return self._h

# ---------------------------------------------------------------------------
# Provisions and agreements


_PROVISION_KEYS = ("category", "strength", "citation", "title", "summary", "exceptions",
                   "dispute_settlement", "flags", "source", "note", "basis", "draft", "review",
                   "evidence", "scope")


class Provision:
    """One agreement's position on one category (a view; or owned before it is added)."""

    def __init__(self, handle: int, owner: Any) -> None:
        self._p = handle
        self._owner = owner  # keeps the agreement/catalog alive

    def __eq__(self, other):
        if not isinstance(other, Provision):
            return NotImplemented
        return self._p == other._p and self._owner == other._owner

    def __hash__(self):
        return hash(("traderules.Provision", self._p))

    def __reduce_ex__(self, protocol):
        _no_pickle(self, "pickle provision.to_dict() instead")

    def _ptr(self):
        self._owner._ptr()  # raises if the catalog behind it was closed
        return self._p

    @property
    def category(self) -> str:
        return _s(_c.tr_category_id(_c.tr_provision_get_category(self._ptr())))

    @property
    def category_title(self) -> str:
        return _s(_c.tr_category_title(_c.tr_provision_get_category(self._ptr())))

    @property
    def strength(self) -> str:
        return _s(_c.tr_strength_id(_c.tr_provision_get_strength(self._ptr())))

    @property
    def citation(self) -> Optional[str]:
        return _s(_c.tr_provision_get_citation(self._ptr()))

    @property
    def title(self) -> Optional[str]:
        return _s(_c.tr_provision_get_title(self._ptr()))

    @property
    def summary(self) -> Optional[str]:
        return _s(_c.tr_provision_get_summary(self._ptr()))

    @property
    def source(self) -> Optional[str]:
        return _s(_c.tr_provision_get_source(self._ptr()))

    @property
    def note(self) -> Optional[str]:
        return _s(_c.tr_provision_get_note(self._ptr()))

    @property
    def exceptions(self) -> List[str]:
        return _flag_ids(_c.tr_provision_get_exceptions(self._ptr()), _c.tr_exception_id,
                         _c.tr_exception_count())

    @property
    def dispute_settlement(self) -> Optional[str]:
        return _s(_c.tr_dispute_settlement_id(_c.tr_provision_get_dispute_settlement(self._ptr())))

    @property
    def flags(self) -> List[str]:
        return _flag_ids(_c.tr_provision_get_flags(self._ptr()), _c.tr_provision_flag_id)

    @property
    def basis(self) -> Optional[str]:
        """How the cell was obtained: text, coder_confirmed, official, secondary,
        unknown; None when not recorded."""
        if _c.tr_provision_get_basis is None:
            return None
        return _s(_c.tr_basis_id(_c.tr_provision_get_basis(self._ptr())))

    @property
    def draft(self) -> Optional[str]:
        """The coder's draft strength, or None."""
        if _c.tr_provision_get_draft is None:
            return None
        out = ctypes.c_int()
        if not _c.tr_provision_get_draft(self._ptr(), ctypes.byref(out)):
            return None
        return _s(_c.tr_strength_id(out.value))

    @property
    def review(self) -> Optional[str]:
        """The reader's decision on the draft (confirmed, corrected, rejected, added), or None."""
        if _c.tr_provision_get_review is None:
            return None
        return _s(_c.tr_review_id(_c.tr_provision_get_review(self._ptr())))

    @property
    def evidence(self) -> List[Dict[str, Any]]:
        """The verbatim words that decide the strength: dicts with tota_id,
        article_id, article, paragraph (or None), span, document and url.

        A record from a ToTA text has tota_id and article_id (document and url
        None); a record from an official document outside ToTA has document
        (e.g. "GATS (WTO Agreement Annex 1B)") and url (the copy read, or None),
        and tota_id and article_id None."""
        if _c.tr_provision_evidence_count is None:
            return []
        p = self._ptr()
        out = []
        for i in range(_c.tr_provision_evidence_count(p)):
            e = _c.tr_provision_evidence_at(p, i)
            doc = (_s(_c.tr_cell_evidence_get_document(e))
                   if _c.tr_cell_evidence_get_document is not None else None)
            out.append({"tota_id": None if doc else _c.tr_cell_evidence_get_tota_id(e),
                        "article_id": None if doc else _c.tr_cell_evidence_get_article_id(e),
                        "article": _s(_c.tr_cell_evidence_get_article(e)),
                        "paragraph": _s(_c.tr_cell_evidence_get_paragraph(e)),
                        "span": _s(_c.tr_cell_evidence_get_span(e)),
                        "document": doc,
                        "url": (_s(_c.tr_cell_evidence_get_url(e))
                                if doc and _c.tr_cell_evidence_get_url is not None else None)})
        return out

    @property
    def scope(self) -> Optional[Dict[str, Any]]:
        """The exception's scope: breadth, form, self_judging, incorporates,
        chapters; None if not recorded."""
        if _c.tr_provision_get_exception_scope is None:
            return None
        sc = _c.tr_provision_get_exception_scope(self._ptr())
        if not sc:
            return None
        return {"breadth": _s(_c.tr_scope_breadth_id(_c.tr_exception_scope_get_breadth(sc))),
                "form": _s(_c.tr_scope_form_id(_c.tr_exception_scope_get_form(sc))),
                "self_judging": bool(_c.tr_exception_scope_get_self_judging(sc)),
                "incorporates": [_s(_c.tr_exception_scope_incorporates_at(sc, i))
                                 for i in range(_c.tr_exception_scope_incorporates_count(sc))],
                "chapters": [_s(_c.tr_exception_scope_chapter_at(sc, i))
                             for i in range(_c.tr_exception_scope_chapter_count(sc))]}

    def to_dict(self) -> Dict[str, Any]:
        return {k: getattr(self, k) for k in _PROVISION_KEYS}

    def __repr__(self):
        return "<Provision %s: %s>" % (self.category, self.strength)


class Agreement:
    """An agreement: a view into a catalog, or a new one made with Agreement.new()
    that owns its memory until added to a catalog."""

    def __init__(self, handle: Optional[int], owner: Any, owned: bool = False) -> None:
        self._a = handle
        self._owner = owner
        self._owned = owned

    @classmethod
    def new(cls, id: str, name: str, kind: Optional[str] = None, status: Optional[str] = None,
            family: Optional[str] = None, date_signed: Optional[str] = None,
            date_in_force: Optional[str] = None, parties: Iterable[str] = (),
            sources: Iterable[str] = (), based_on: Optional[str] = None, tota_id: int = 0,
            wto_rta_id: int = 0, note: Optional[str] = None,
            provisions: Iterable[Dict[str, Any]] = ()) -> "Agreement":
        """Create an agreement. ``provisions`` is a list of dicts with the keys of
        Provision.to_dict() (category and strength required)."""
        h = ctypes.c_void_p()
        _check(_c.tr_agreement_new(_b(id, "id"), _b(name, "name"), ctypes.byref(h)))
        a = cls(h.value, None, owned=True)
        try:
            if kind:
                _check(_c.tr_agreement_set_kind(a._a, _parse(_c.tr_kind_from_id, kind, "kind")))
            if status:
                _check(_c.tr_agreement_set_status(a._a, _parse(_c.tr_agreement_status_from_id,
                                                               status, "status")))
            if family:
                _check(_c.tr_agreement_set_family(a._a, _parse(_c.tr_family_from_id, family,
                                                               "family")))
            if date_signed:
                _check(_c.tr_agreement_set_date_signed(a._a, _b(date_signed, "date_signed")))
            if date_in_force:
                _check(_c.tr_agreement_set_date_in_force(a._a, _b(date_in_force, "date_in_force")))
            for p in parties:
                _check(_c.tr_agreement_add_party(a._a, _b(p, "parties")))
            for s in sources:
                _check(_c.tr_agreement_add_source(a._a, _b(s, "sources")))
            if based_on:
                _check(_c.tr_agreement_set_based_on(a._a, _b(based_on, "based_on")))
            if tota_id:
                _check(_c.tr_agreement_set_tota_id(a._a, _i(tota_id, "tota_id")))
            if wto_rta_id:
                _check(_c.tr_agreement_set_wto_rta_id(a._a, _i(wto_rta_id, "wto_rta_id")))
            if note:
                _check(_c.tr_agreement_set_note(a._a, _b(note, "note")))
            for p in provisions:
                a._add_provision(p)
        except BaseException:
            a._release()
            raise
        return a

    def _add_provision(self, d):
        ph = ctypes.c_void_p()
        _check(_c.tr_provision_new(_category(d["category"]),
                                   _parse(_c.tr_strength_from_id, d["strength"], "strength"),
                                   ctypes.byref(ph)))
        try:
            for f, setter in (("citation", _c.tr_provision_set_citation),
                              ("title", _c.tr_provision_set_title),
                              ("summary", _c.tr_provision_set_summary),
                              ("source", _c.tr_provision_set_source),
                              ("note", _c.tr_provision_set_note)):
                if d.get(f):
                    _check(setter(ph, _b(d[f], f)))
            _check(_c.tr_provision_set_exceptions(
                ph, _flags(d.get("exceptions"), _c.tr_exception_from_id, "exception")))
            _check(_c.tr_provision_set_flags(
                ph, _flags(d.get("flags"), _c.tr_provision_flag_from_id, "flag")))
            if d.get("dispute_settlement"):
                _check(_c.tr_provision_set_dispute_settlement(
                    ph, _parse(_c.tr_dispute_settlement_from_id, d["dispute_settlement"],
                               "dispute_settlement")))
            if d.get("basis"):
                _check(_c.tr_provision_set_basis(ph, _parse(_c.tr_basis_from_id, d["basis"],
                                                            "basis")))
            if d.get("draft"):
                _check(_c.tr_provision_set_draft(ph, 1, _parse(_c.tr_strength_from_id, d["draft"],
                                                               "draft strength")))
            if d.get("review"):
                _check(_c.tr_provision_set_review(ph, _parse(_c.tr_review_from_id, d["review"],
                                                             "review")))
            for e in d.get("evidence") or ():
                eh = ctypes.c_void_p()
                if e.get("document") is not None:
                    # an official text outside ToTA: exactly one of tota_id and document
                    if e.get("tota_id") is not None or e.get("article_id") is not None:
                        raise ValueError("evidence: give either tota_id (a ToTA text) or "
                                         "document (a text outside ToTA), not both")
                    if _c.tr_cell_evidence_new_document is None:
                        raise NotImplementedError("this libtraderules has no evidence from "
                                                  "documents outside ToTA")
                    _check(_c.tr_cell_evidence_new_document(
                        _b(e["document"], "evidence document"), _b(e.get("url"), "evidence url"),
                        _b(e["article"], "evidence article"),
                        _b(e.get("paragraph"), "evidence paragraph"),
                        _b(e["span"], "evidence span"), ctypes.byref(eh)))
                else:
                    if e.get("url") is not None:
                        raise ValueError("evidence: url names the copy of a document outside "
                                         "ToTA: give document with it")
                    _check(_c.tr_cell_evidence_new(_i(e["tota_id"], "evidence tota_id"),
                                                   _i(e.get("article_id") or 0, "evidence article_id"),
                                                   _b(e["article"], "evidence article"),
                                                   _b(e.get("paragraph"), "evidence paragraph"),
                                                   _b(e["span"], "evidence span"), ctypes.byref(eh)))
                rc = _c.tr_provision_add_evidence(ph, eh)
                if rc:
                    _c.tr_cell_evidence_free(eh)
                    _raise(rc)
            if d.get("scope"):
                self._set_scope(ph, d["scope"])
            _check(_c.tr_agreement_add_provision(self._a, ph))
        except BaseException:
            _c.tr_provision_free(ph)
            raise

    @staticmethod
    def _set_scope(ph, sc):
        h = ctypes.c_void_p()
        _check(_c.tr_exception_scope_new(_parse(_c.tr_scope_breadth_from_id, sc["breadth"],
                                                "scope breadth"),
                                         _parse(_c.tr_scope_form_from_id, sc["form"], "scope form"),
                                         ctypes.byref(h)))
        try:
            _check(_c.tr_exception_scope_set_self_judging(h, 1 if sc.get("self_judging") else 0))
            for what in sc.get("incorporates") or ():
                _check(_c.tr_exception_scope_add_incorporates(h, _b(what, "scope incorporates")))
            for ch in sc.get("chapters") or ():
                _check(_c.tr_exception_scope_add_chapter(h, _b(ch, "scope chapters")))
            _check(_c.tr_provision_set_exception_scope(ph, h))
        except BaseException:
            _c.tr_exception_scope_free(h)
            raise

    def _ptr(self):
        """The C pointer, after checking that its owner is still open."""
        if not self._a or (isinstance(self._owner, _Owned) and not self._owner._h):
            raise InvalidArgumentError(-1, "agreement used after its catalog was closed")
        return self._a

    def __eq__(self, other):
        """Same agreement of the same catalog (or the very same new agreement)."""
        if not isinstance(other, Agreement):
            return NotImplemented
        if self._owned or other._owned:
            return self is other
        return self._a is not None and self._a == other._a and self._owner is other._owner

    def __hash__(self):
        # The C object does not move when a new agreement is added to a catalog.
        return hash(("traderules.Agreement", self._a))

    def __reduce_ex__(self, protocol):
        _no_pickle(self, "pickle its id (and load the catalog in the worker) or "
                   "agreement.to_dict(), or pickle the whole Catalog (by value)")

    def __copy__(self):
        if self._owned:
            raise TypeError("cannot copy a new traderules.Agreement that owns its memory")
        return Agreement(self._a, self._owner)

    def _release(self):
        if self._owned and self._a:
            _c.tr_agreement_free(self._a)
        self._a = None
        self._owned = False

    def __del__(self):
        try:
            self._release()
        except Exception:
            pass

    @property
    def id(self) -> str:
        return _s(_c.tr_agreement_get_id(self._ptr()))

    @property
    def name(self) -> str:
        return _s(_c.tr_agreement_get_name(self._ptr()))

    @property
    def kind(self) -> Optional[str]:
        return _s(_c.tr_kind_id(_c.tr_agreement_get_kind(self._ptr())))

    @property
    def status(self) -> Optional[str]:
        return _s(_c.tr_agreement_status_id(_c.tr_agreement_get_status(self._ptr())))

    @property
    def family(self) -> Optional[str]:
        return _s(_c.tr_family_id(_c.tr_agreement_get_family(self._ptr())))

    @property
    def date_signed(self) -> Optional[str]:
        return _s(_c.tr_agreement_get_date_signed(self._ptr()))

    @property
    def date_in_force(self) -> Optional[str]:
        return _s(_c.tr_agreement_get_date_in_force(self._ptr()))

    @property
    def year(self) -> Optional[int]:
        return _c.tr_agreement_get_year(self._ptr()) or None

    @property
    def based_on(self) -> Optional[str]:
        return _s(_c.tr_agreement_get_based_on(self._ptr()))

    @property
    def tota_id(self) -> Optional[int]:
        return _c.tr_agreement_get_tota_id(self._ptr()) or None

    @property
    def wto_rta_id(self) -> Optional[int]:
        return _c.tr_agreement_get_wto_rta_id(self._ptr()) or None

    @property
    def note(self) -> Optional[str]:
        return _s(_c.tr_agreement_get_note(self._ptr()))

    @property
    def parties(self) -> List[str]:
        return [_s(_c.tr_agreement_party_at(self._ptr(), i))
                for i in range(_c.tr_agreement_party_count(self._ptr()))]

    @property
    def sources(self) -> List[str]:
        return [_s(_c.tr_agreement_source_at(self._ptr(), i))
                for i in range(_c.tr_agreement_source_count(self._ptr()))]

    def has_party(self, party: str) -> bool:
        """True if ``party`` (ISO alpha-3 or "EU") is a party."""
        return bool(_c.tr_agreement_has_party(self._ptr(), _b(party, "party")))

    def matches(self, party: Optional[str] = None, family: Optional[str] = None,
                kind: Optional[str] = None, status: Optional[str] = None,
                years: Any = None) -> bool:
        """True if the agreement passes the filter select() would build from the
        same arguments (``years``: (from, to) or a string such as "2010-2015")."""
        f = Catalog._filter(None, party=party, family=family, kind=kind, status=status,
                            years=years)
        try:
            return bool(_c.tr_filter_matches(f, self._ptr()))
        finally:
            _c.tr_filter_free(f)

    def __iter__(self) -> Iterator[Provision]:
        """The provisions, in category order."""
        for i in range(_c.tr_agreement_provision_count(self._ptr())):
            yield Provision(_c.tr_agreement_provision_at(self._ptr(), i), self)

    @property
    def provisions(self) -> List[Provision]:
        return list(self)

    def __len__(self) -> int:
        return _c.tr_agreement_provision_count(self._ptr())

    def provision(self, category: Category) -> Optional[Provision]:
        """The provision of a category (id or number), or None if not coded."""
        p = _c.tr_agreement_find_provision(self._ptr(), _category(category))
        return Provision(p, self) if p else None

    def to_dict(self) -> Dict[str, Any]:
        d = {k: getattr(self, k) for k in (
            "id", "name", "kind", "status", "family", "parties", "date_signed",
            "date_in_force", "year", "based_on", "tota_id", "wto_rta_id", "sources", "note")}
        d["provisions"] = [p.to_dict() for p in self]
        return d

    def __repr__(self):
        return "<Agreement %s>" % self.id

# ---------------------------------------------------------------------------
# Catalog


def _barrier_dict(b):
    t = _c.tr_barrier_get_type(b)
    return {"id": _s(_c.tr_barrier_get_id(b)), "type": _s(_c.tr_barrier_type_id(t)),
            "type_title": _s(_c.tr_barrier_type_title(t)),
            "name": _s(_c.tr_barrier_get_name(b)),
            "description": _s(_c.tr_barrier_get_description(b)),
            "source": _s(_c.tr_barrier_get_source(b)),
            "categories": [_s(_c.tr_category_id(_c.tr_barrier_category_at(b, k)))
                           for k in range(_c.tr_barrier_category_count(b))]}


class Catalog(_Owned):
    """A catalog of agreements. ``Catalog()`` is empty; ``Catalog.default()`` holds
    the data embedded in the library."""

    _free = staticmethod(_c.tr_catalog_free)

    def __init__(self, _handle: Optional[int] = None) -> None:
        if _handle is None:
            h = ctypes.c_void_p()
            _check(_c.tr_catalog_new(ctypes.byref(h)))
            _handle = h.value
        super().__init__(_handle)

    @classmethod
    def default(cls) -> "Catalog":
        h = ctypes.c_void_p()
        _check(_c.tr_catalog_new_default(ctypes.byref(h)))
        return cls(h.value)

    @classmethod
    def _from_json(cls, data):
        return cls().load_json(data, name="<pickle>")

    def __reduce_ex__(self, protocol):
        """Pickled by value: the catalog's JSON, loaded into a new Catalog."""
        return (Catalog._from_json, (self.to_json(),))

    # loading and saving
    def load(self, path: PathLike) -> "Catalog":
        """Add the agreements of a JSON catalog file (all or nothing)."""
        _check(_c.tr_catalog_load_file(self._handle, _b(path, "path")))
        return self

    def load_json(self, data: Union[str, bytes], name: Optional[str] = None) -> "Catalog":
        data = _buf(data)
        _check(_c.tr_catalog_load_data(self._handle, data, len(data), _b(name, "name")))
        return self

    def to_json(self) -> str:
        out = ctypes.c_void_p()
        _check(_c.tr_catalog_to_json(self._handle, ctypes.byref(out)))
        return _take_string(out)

    def save(self, path: PathLike) -> None:
        _check(_c.tr_catalog_save_file(self._handle, _b(path, "path")))

    def read_csv(self, path: PathLike) -> "Catalog":
        """Add the agreements of a long-format CSV file (all or nothing)."""
        _check(_c.tr_csv_read_file(self._handle, _b(path, "path")))
        return self

    def read_csv_data(self, data: Union[str, bytes], name: Optional[str] = None) -> "Catalog":
        data = _buf(data)
        _check(_c.tr_csv_read(self._handle, data, len(data), _b(name, "name")))
        return self

    def to_csv(self, format: str = "long", path: Optional[PathLike] = None,
               **filters: Any) -> Optional[str]:
        """The agreements (all, or those matching ``filters`` as in select()) as CSV:
        ``format`` "long" (lossless tidy table) or "wide" (TAPED-style matrix).
        Returns the text, or writes ``path`` and returns None."""
        fmt = _parse(_c.tr_csv_format_from_id, format, "CSV format")
        lst = self._list(**filters) if filters else None
        try:
            if path is not None:
                _check(_c.tr_csv_write_file(self._handle, lst, fmt, _b(path, "path")))
                return None
            out = ctypes.c_void_p()
            _check(_c.tr_csv_write(self._handle, lst, fmt, ctypes.byref(out)))
            return _take_string(out)
        finally:
            if lst:
                _c.tr_agreement_list_free(lst)

    def to_stata(self, path: PathLike, format: str = "long", **filters: Any) -> None:
        """Write the agreements (all, or those matching ``filters``) as a Stata .dta
        file, ``format`` "long" or "wide" as in to_csv()."""
        fmt = _parse(_c.tr_csv_format_from_id, format, "format")
        lst = self._list(**filters) if filters else None
        try:
            _check(_c.tr_stata_write_file(self._handle, lst, fmt, _b(path, "path")))
        finally:
            if lst:
                _c.tr_agreement_list_free(lst)

    def add(self, agreement: Agreement) -> Agreement:
        """Add an Agreement made with Agreement.new(); the catalog takes it over."""
        if not agreement._owned:
            raise InvalidArgumentError(-1, "agreement %s already belongs to a catalog"
                                       % agreement.id)
        _check(_c.tr_catalog_add_agreement(self._handle, agreement._a))
        agreement._owned = False
        agreement._owner = self
        return agreement

    # access
    def __len__(self) -> int:
        return _c.tr_catalog_agreement_count(self._handle)

    def __iter__(self) -> Iterator[Agreement]:
        h = self._handle
        for i in range(_c.tr_catalog_agreement_count(h)):
            yield Agreement(_c.tr_catalog_agreement_at(h, i), self)

    def __getitem__(self, id: str) -> Agreement:
        a = _c.tr_catalog_find_agreement(self._handle, _b(id, "id"))
        if not a:
            raise KeyError(id)
        return Agreement(a, self)

    def __contains__(self, id: object) -> bool:
        return bool(_c.tr_catalog_find_agreement(self._handle, _b(id, "id")))

    def get(self, id: str, default: Any = None) -> Any:
        try:
            return self[id]
        except KeyError:
            return default

    def _filter(self, party=None, family=None, kind=None, status=None, years=None):
        f = ctypes.c_void_p()
        _check(_c.tr_filter_new(ctypes.byref(f)))
        try:
            if party:
                _check(_c.tr_filter_set_party(f, _b(party, "party")))
            if family:
                _check(_c.tr_filter_set_family(f, _parse(_c.tr_family_from_id, family, "family")))
            if kind:
                _check(_c.tr_filter_set_kind(f, _parse(_c.tr_kind_from_id, kind, "kind")))
            if status:
                _check(_c.tr_filter_set_status(f, _parse(_c.tr_agreement_status_from_id, status,
                                                         "status")))
            if isinstance(years, (str, bytes)):
                years = parse_years(years)
            if years:
                _check(_c.tr_filter_set_years(f, _i(years[0] or 0, "years (first)"),
                                              _i(years[1] or 0, "years (last)")))
        except BaseException:
            _c.tr_filter_free(f)
            raise
        return f

    def _list(self, **filters):
        f = self._filter(**filters)
        try:
            lst = ctypes.c_void_p()
            _check(_c.tr_catalog_select(self._handle, f, ctypes.byref(lst)))
            return lst
        finally:
            _c.tr_filter_free(f)

    def select(self, party: Optional[str] = None, family: Optional[str] = None,
               kind: Optional[str] = None, status: Optional[str] = None,
               years: Optional[Tuple[Optional[int], Optional[int]]] = None) -> List[Agreement]:
        """Agreements matching every given condition, in catalog order.
        ``years`` is (from, to) with None for an open side."""
        lst = self._list(party=party, family=family, kind=kind, status=status, years=years)
        try:
            return [Agreement(_c.tr_agreement_list_at(lst, i), self)
                    for i in range(_c.tr_agreement_list_count(lst))]
        finally:
            _c.tr_agreement_list_free(lst)

    def to_rows(self, **filters: Any) -> List[Dict[str, Any]]:
        """One plain dict per agreement × coded category (named as the long CSV's
        columns: the agreement's ``sources`` and ``note`` are ``agreement_sources``
        and ``agreement_note``, ``note`` is the provision's; evidence and scope
        flattened into ``evidence_*`` lists and ``scope_*`` values; lists as
        Python lists): ready for ``pandas.DataFrame(rows)``."""
        rows = []
        for a in (self.select(**filters) if filters else self):
            meta = a.to_dict()
            provisions = meta.pop("provisions")
            meta["agreement"] = meta.pop("id")
            meta["agreement_sources"] = meta.pop("sources")
            meta["agreement_note"] = meta.pop("note")
            for p in provisions or [None]:
                row = dict(meta)
                p = p or {k: None for k in _PROVISION_KEYS}
                evidence = p.pop("evidence") or []
                scope = p.pop("scope") or {}
                row.update(p)
                for k in ("span", "article", "paragraph", "document", "url"):
                    row["evidence_" + k] = [e[k] for e in evidence]
                # as in the long CSV: 0 for a record from a document outside ToTA
                for k in ("tota_id", "article_id"):
                    row["evidence_" + k] = [0 if e[k] is None else e[k] for e in evidence]
                for k in ("breadth", "form", "self_judging", "incorporates", "chapters"):
                    row["scope_" + k] = scope.get(k)
                rows.append(row)
        return rows

    def to_frame(self, **filters: Any) -> Any:
        """to_rows() as a pandas DataFrame (needs pandas): one row per agreement ×
        coded category, list cells as Python lists, ``year``, ``tota_id`` and
        ``wto_rta_id`` as nullable integers."""
        import pandas
        df = pandas.DataFrame.from_records(self.to_rows(**filters))
        for c in ("year", "tota_id", "wto_rta_id"):
            if c in df:
                df[c] = df[c].astype("Int64")
        return df

    # barriers and indicators
    def barriers(self) -> List[Dict[str, Any]]:
        """The catalog's digital trade barriers: dicts with id, type, type_title,
        name, description, source and categories (those that discipline it)."""
        _require(_c.tr_catalog_barrier_count, "barriers")
        h = self._handle
        return [_barrier_dict(_c.tr_catalog_barrier_at(h, i))
                for i in range(_c.tr_catalog_barrier_count(h))]

    def barrier(self, id: str) -> Optional[Dict[str, Any]]:
        """The barrier with ``id`` (a dict as in barriers()), or None."""
        b = _c.tr_catalog_find_barrier(self._handle, _b(id, "id"))
        return _barrier_dict(b) if b else None

    def add_barrier(self, id: str, type: str, name: str, description: Optional[str] = None,
                    source: Optional[str] = None, categories: Iterable[Category] = ()) -> None:
        """Add a barrier subtype (``type``: a barrier type id, e.g. "B1"; ``categories``:
        the provision categories that discipline it). Nothing is added on error."""
        h = self._handle
        b = ctypes.c_void_p()
        _check(_c.tr_barrier_new(_b(id, "id"), _parse(_c.tr_barrier_type_from_id, type,
                                                      "barrier type"),
                                 _b(name, "name"), ctypes.byref(b)))
        try:
            if description is not None:
                _check(_c.tr_barrier_set_description(b, _b(description, "description")))
            if source is not None:
                _check(_c.tr_barrier_set_source(b, _b(source, "source")))
            for c in categories:
                _check(_c.tr_barrier_add_category(b, _category(c)))
            _check(_c.tr_catalog_add_barrier(h, b))
        except BaseException:
            _c.tr_barrier_free(b)
            raise

    def add_indicator(self, economy: str, indicator: str, year: int = 0,
                      value: Optional[float] = None, unit: Optional[str] = None,
                      source: Optional[str] = None, text: Optional[str] = None) -> None:
        """Add an economic indicator record (``value`` None for a textual record,
        ``year`` 0 when not applicable). Nothing is added on error."""
        h = self._handle
        x = ctypes.c_void_p()
        _check(_c.tr_indicator_new(_b(economy, "economy"), _b(indicator, "indicator"),
                                   _i(year, "year"), math.nan if value is None else float(value),
                                   ctypes.byref(x)))
        try:
            for v, setter, what in ((unit, _c.tr_indicator_set_unit, "unit"),
                                    (source, _c.tr_indicator_set_source, "source"),
                                    (text, _c.tr_indicator_set_text, "text")):
                if v is not None:
                    _check(setter(x, _b(v, what)))
            _check(_c.tr_catalog_add_indicator(h, x))
        except BaseException:
            _c.tr_indicator_free(x)
            raise

    def indicators(self, economy: Optional[str] = None, indicator: Optional[str] = None,
                   year: int = 0) -> List[Dict[str, Any]]:
        """The catalog's economic indicators: dicts with economy, indicator, year,
        value, unit, source and text (``pandas.DataFrame(rows)``). ``economy``,
        ``indicator`` and ``year`` (0: any) select records by exact match, as
        ``traderules indicators --economy/--indicator/--year``
        (tr_catalog_select_indicators())."""
        _require(_c.tr_catalog_indicator_count, "indicators")
        h = self._handle
        if economy is None and indicator is None and not year:
            records = [_c.tr_catalog_indicator_at(h, i) for i in range(_c.tr_catalog_indicator_count(h))]
        else:
            _require(_c.tr_catalog_select_indicators, "indicator selection")
            sel = ctypes.c_void_p()
            _check(_c.tr_catalog_select_indicators(h, _b(economy, "economy"), _b(indicator, "indicator"),
                                                   _i(year, "year"), ctypes.byref(sel)))
            try:
                records = [_c.tr_indicator_list_at(sel, i) for i in range(_c.tr_indicator_list_count(sel))]
            finally:
                _c.tr_indicator_list_free(sel)
        out = []
        for x in records:
            out.append({"economy": _s(_c.tr_indicator_get_economy(x)),
                        "indicator": _s(_c.tr_indicator_get_name(x)),
                        "year": _c.tr_indicator_get_year(x),
                        "value": _c.tr_indicator_get_value(x),
                        "unit": _s(_c.tr_indicator_get_unit(x)),
                        "source": _s(_c.tr_indicator_get_source(x)),
                        "text": _s(_c.tr_indicator_get_text(x))})
        return out

    # panels (panel.h)
    def panel(self, years: Union[int, Tuple[int, int]] = (1995, 2024),
              categories: Optional[Sequence[Category]] = None, measure: str = "strength",
              directed: bool = False, economies: Optional[Sequence[str]] = None,
              membership: Union["Membership", PathLike, None] = None,
              as_frame: Optional[bool] = None) -> Any:
        """Country-pair-year panel (one row per economy pair and year) of the
        commitments in force, as computed by the library (tr_panel_run; rules in
        docs/panel.md).

        ``years``: (first, last) inclusive, or one year. ``categories``: ids or
        numbers (default: all). ``measure``: "strength" (none 0, soft 1, mixed 2,
        hard 3), "binary" or "count". ``directed``: both (i, j) and (j, i) rows.
        ``economies``: ISO alpha-3 codes for a balanced panel (every pair, zeros
        included); default: only pairs with an agreement. ``membership``: a
        Membership, a path to a membership JSON file added to the embedded
        table, or None for the embedded table.

        The columns are those of ``traderules panel`` (CSV): iso3_i, iso3_j, year,
        n_agreements, agreements and undated (agreement ids joined with ";"),
        then per category its value (column named as in the CSV; None/<NA> when
        unknown) and ``by_NN`` (the providing agreements). Returns a pandas
        DataFrame when pandas is installed (``as_frame=None``) or asked for
        (``as_frame=True``), else a list of dicts."""
        pandas = None
        if as_frame is None or as_frame:
            try:
                import pandas
            except ImportError:
                if as_frame:
                    raise
        if pandas is None:
            return self._panel_rows(years, categories, measure, directed, economies,
                                    membership)[1]
        return self._panel_frame(pandas, years, categories, measure, directed, economies,
                                 membership)

    def _panel_frame(self, pandas, years, categories, measure, directed, economies, membership):
        """The panel as a DataFrame, through the library's CSV writer (several
        times faster than a Python callback per row for large panels)."""
        import tempfile
        with tempfile.TemporaryDirectory(prefix="traderules-panel-") as d:
            path = os.path.join(d, "panel.csv")
            self.write_panel(path, "csv", years, categories, measure, directed, economies,
                             membership)
            with open(path, encoding="utf-8", newline="") as f:
                header = f.readline().rstrip("\r\n").split(",")
            ints = {"year", "n_agreements"} | {c for c in header[6:] if not c.startswith("by_")}
            # Integers with gaps are read as floats (exact below 2**53), then made
            # nullable integers: parsing straight to Int64 is several times slower.
            dtype = {c: ("float64" if c in ints else str) for c in header}
            df = pandas.read_csv(path, dtype=dtype, keep_default_na=False,
                                 na_values={c: [""] for c in ints}, encoding="utf-8")
        for c in header:
            if c in ints:
                df[c] = df[c].astype("Int64")
        return df

    def panel_economies(self, years: Union[int, Tuple[int, int]] = (1995, 2024),
                        membership: Optional[Union["Membership", PathLike]] = None) -> List[str]:
        """Every economy that takes part in the catalog's agreements in ``years``
        (blocs replaced by their member states then): the economies of the
        balanced panel (``traderules panel --economies all``), in byte order."""
        if isinstance(years, int):
            years = (years, years)
        own = not isinstance(membership, Membership)
        m = Membership(membership) if own else membership
        out = ctypes.POINTER(ctypes.c_char_p)()
        try:
            _check(_c.tr_panel_economies(self._handle, m._handle, _i(years[0], "years (first)"),
                                         _i(years[1], "years (last)"), ctypes.byref(out)))
            try:
                codes, i = [], 0
                while out[i] is not None:
                    codes.append(out[i].decode("utf-8"))
                    i += 1
                return codes
            finally:
                _c.tr_strv_free(out)
        finally:
            if own:
                m.close()

    def write_panel(self, path: PathLike, format: str = "csv",
                    years: Union[int, Tuple[int, int]] = (1995, 2024),
                    categories: Optional[Sequence[Category]] = None, measure: str = "strength",
                    directed: bool = False, economies: Optional[Sequence[str]] = None,
                    membership: Union["Membership", PathLike, None] = None) -> None:
        """Write the panel of panel() to ``path`` as CSV or a Stata .dta file
        (``format`` "csv" or "dta"; "-" is standard output)."""
        with _PanelRun(self, years, categories, measure, directed, economies, membership) as run:
            _check(_c.tr_panel_write_file(self._handle, run.membership._handle, run.options,
                                          _b(format, "format"), _b(path, "path")))

    def _panel_rows(self, years, categories, measure, directed, economies, membership):
        rows = []
        failure = []
        with _PanelRun(self, years, categories, measure, directed, economies, membership) as run:
            cols = ["iso3_i", "iso3_j", "year", "n_agreements", "agreements", "undated"]
            cells = []  # (k, value column, providers column), in the options' order
            for k, c in enumerate(run.categories):
                cells.append((k, _s(_c.tr_csv_category_column(c)), "by_%02d" % c))
                cols += cells[-1][1:]
            # Bound once: about 80 calls per row with every category.
            iso_i, iso_j = _c.tr_panel_row_iso3_i, _c.tr_panel_row_iso3_j
            year = _c.tr_panel_row_year
            count, ags, undated = (_c.tr_panel_row_agreement_count, _c.tr_panel_row_agreements,
                                   _c.tr_panel_row_undated)
            value, providers = _c.tr_panel_row_value, _c.tr_panel_row_providers
            ncat = len(cells)

            def on_row(row, _user):
                try:
                    if _c.tr_panel_row_category_count(row) != ncat:
                        raise TradeRulesError(-2, "panel row has an unexpected number of cells")
                    if not rows and [_c.tr_panel_row_category(row, k)
                                     for k in range(ncat)] != run.categories:
                        raise TradeRulesError(-2, "panel cells are not in the options' order")
                    d = {"iso3_i": iso_i(row).decode(), "iso3_j": iso_j(row).decode(),
                         "year": year(row), "n_agreements": count(row),
                         "agreements": ags(row).decode("utf-8"),
                         "undated": undated(row).decode("utf-8")}
                    for k, col, by in cells:
                        v = value(row, k)
                        d[col] = v if v >= 0 else None
                        d[by] = providers(row, k).decode("utf-8")
                    rows.append(d)
                    return 0
                except BaseException as e:  # never unwind through C
                    failure.append(e)
                    return 1

            cb = _c.PANEL_ROW_FN(on_row)
            rc = _c.tr_panel_run(self._handle, run.membership._handle, run.options, cb, None)
            if failure:
                raise failure[0]
            _check(rc)
        return cols, rows


def panel_measures() -> List[str]:
    """Ids of the panel's cell measures (Catalog.panel(measure=...))."""
    return list(_enum_ids(_c.tr_panel_measure_id, 16).values())


class _PanelRun:
    """Options and membership table of one panel run (freed on exit)."""

    def __init__(self, catalog, years, categories, measure, directed, economies, membership):
        _require(_c.tr_panel_run, "panel module")
        catalog._handle  # raises if closed
        if isinstance(years, int):
            years = (years, years)
        first, last = years
        self.categories = ([_category(c) for c in categories] if categories
                           else list(range(1, _c.tr_category_count() + 1)))
        m = ctypes.c_int()
        if _c.tr_panel_measure_from_id(_b(measure, "measure"), ctypes.byref(m)) != 0:
            raise InvalidArgumentError(-1, "unknown panel measure %r (%s)"
                                       % (measure, ", ".join(panel_measures())))
        if isinstance(economies, str):
            raise InvalidArgumentError(-1, "economies is a list of ISO alpha-3 codes, not a string")
        self._own_membership = not isinstance(membership, Membership)
        self.membership = Membership(membership) if self._own_membership else membership
        h = ctypes.c_void_p()
        try:
            _check(_c.tr_panel_options_new(ctypes.byref(h)))
            self.options = h.value
            _check(_c.tr_panel_options_set_years(h, _i(first, "years (first)"),
                                                 _i(last, "years (last)")))
            _check(_c.tr_panel_options_set_measure(h, m.value))
            _check(_c.tr_panel_options_set_directed(h, 1 if directed else 0))
            if categories:
                arr = (ctypes.c_int * len(self.categories))(*self.categories)
                _check(_c.tr_panel_options_set_categories(h, arr, len(self.categories)))
            if economies:
                econ = [_b(e, "economies") for e in economies]
                arr = (ctypes.c_char_p * len(econ))(*econ)
                _check(_c.tr_panel_options_set_economies(h, arr, len(econ)))
        except BaseException:
            self.__exit__()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if getattr(self, "options", None):
            _c.tr_panel_options_free(self.options)
            self.options = None
        if self._own_membership:
            self.membership.close()


class Membership(_Owned):
    """Blocs (EU, EFTA, ASEAN, ...) with their members by date, and agreement
    application dates: the embedded table (``default=True``), plus the blocs
    and records of a JSON file ``path`` (format in docs/panel.md)."""

    _free = staticmethod(lambda h: _c.tr_membership_free(h))

    def __init__(self, path: Optional[PathLike] = None, default: bool = True) -> None:
        _require(_c.tr_membership_new, "panel module")
        h = ctypes.c_void_p()
        _check((_c.tr_membership_new_default if default else _c.tr_membership_new)(
            ctypes.byref(h)))
        super().__init__(h.value)
        if path is not None:
            _check(_c.tr_membership_load_file(h.value, _b(path, "path")))

    def load_json(self, data: Union[str, bytes], name: Optional[str] = None) -> "Membership":
        data = _buf(data)
        _check(_c.tr_membership_load_data(self._handle, data, len(data), _b(name, "name")))
        return self

    @property
    def blocs(self) -> List[str]:
        h = self._handle
        return [_s(_c.tr_membership_bloc_at(h, i)) for i in range(_c.tr_membership_bloc_count(h))]

    def is_bloc(self, id: str) -> bool:
        return bool(_c.tr_membership_is_bloc(self._handle, _b(id, "id")))

    def is_member(self, bloc: str, state: str, date: str) -> Optional[bool]:
        """True or False, or None when the table does not know (``date`` YYYY-MM-DD)."""
        out = ctypes.c_int()
        _check(_c.tr_membership_is_member(self._handle, _b(bloc, "bloc"), _b(state, "state"),
                                          _b(date, "date"),
                                          ctypes.byref(out)))
        return None if out.value < 0 else bool(out.value)

    def members(self, bloc: str, date: str) -> List[str]:
        """Members of ``bloc`` on ``date`` (YYYY-MM-DD), ISO alpha-3, sorted."""
        out = ctypes.POINTER(ctypes.c_char_p)()
        _check(_c.tr_membership_members(self._handle, _b(bloc, "bloc"), _b(date, "date"),
                                         ctypes.byref(out)))
        try:
            res = []
            i = 0
            while out[i] is not None:
                res.append(_s(out[i]))
                i += 1
            return res
        finally:
            _c.tr_strv_free(out)

# ---------------------------------------------------------------------------
# Comparison (compare.h)


class _Template(_Owned):
    _free = staticmethod(lambda h: _c.tr_template_free(h))


class _Borrowed:
    """A Template given by the caller: used, not freed, by compare() and friends."""

    def __init__(self, t):
        self._t = t

    @property
    def _handle(self):
        return self._t._handle

    def close(self):
        pass


def _template(catalog, side):
    _require(_c.tr_template_resolve, "comparison engine")
    if isinstance(side, Template):
        return _Borrowed(side)
    h = ctypes.c_void_p()
    if isinstance(side, Agreement):
        _check(_c.tr_template_new_from_agreement(side._a, ctypes.byref(h)))
    else:
        _check(_c.tr_template_resolve(catalog._handle, _b(side, "template"), ctypes.byref(h)))
    return _Template(h.value)


class Comparison(_Owned):
    """Category-by-category comparison of two templates or agreements."""

    _free = staticmethod(lambda h: _c.tr_comparison_free(h))

    def __init__(self, handle: int, first: Any, second: Any) -> None:
        super().__init__(handle)
        self._sides = (first, second)  # the comparison references the templates

    @property
    def _handle(self):
        for t in getattr(self, "_sides", ()):
            if isinstance(t, _Borrowed):
                t._handle  # raises if a Template given by the caller was closed
        for a in getattr(self, "_agreements", ()):
            a._ptr()  # raises if the catalog of an agreement compared was closed
        return _Owned._handle.fget(self)

    def __iter__(self) -> Iterator[Tuple[str, str]]:
        """(category id, relation id) for every category."""
        h = self._handle
        for i in range(_c.tr_comparison_count(h)):
            yield (_s(_c.tr_category_id(_c.tr_comparison_category_at(h, i))),
                   _s(_c.tr_relation_id(_c.tr_comparison_relation_at(h, i))))

    def relations(self) -> Dict[str, str]:
        return dict(self)

    def _side(self, which):
        return (_c.tr_comparison_get_first if which == 0 else _c.tr_comparison_get_second)(
            self._handle)

    @property
    def first(self) -> Dict[str, Any]:
        """The first side: dict with name, kind, rule, selection and members
        ([(agreement id, signature year or None)])."""
        return _template_info(self._side(0))

    @property
    def second(self) -> Dict[str, Any]:
        return _template_info(self._side(1))

    def rows(self, as_frame: Optional[bool] = None) -> Any:
        """One row per category, as ``traderules compare`` shows it: category,
        relation, then for each side (``first_``/``second_``) its strength,
        exceptions, flags, coded (members that know the category), support
        (the members holding the position: [(agreement id, citation or None)])
        and citations (one string). A pandas DataFrame when pandas is installed
        (``as_frame=None``) or asked for, else a list of dicts."""
        _require(_c.tr_template_support_count, "comparison rows")
        h = self._handle
        sides = (("first", self._side(0)), ("second", self._side(1)))
        rows = []
        for i in range(_c.tr_comparison_count(h)):
            cat = _c.tr_comparison_category_at(h, i)
            row = {"category": _s(_c.tr_category_id(cat)),
                   "relation": _s(_c.tr_relation_id(_c.tr_comparison_relation_at(h, i)))}
            for prefix, t in sides:
                row.update({prefix + "_" + k: v for k, v in _position(t, cat).items()})
            rows.append(row)
        return _maybe_frame(rows, as_frame)

    def weighted_distance(self, weights: Union[Dict[Category, float], Sequence[float]]) -> float:
        """The distance with one weight per category: a dict {category id or
        number: weight} (missing categories weigh 1) or a sequence indexed by
        category - 1."""
        if isinstance(weights, dict):
            w = [1.0] * _c.tr_category_count()
            for k, v in weights.items():
                w[_category(k) - 1] = float(v)
        else:
            w = [float(v) for v in weights]
        arr = (ctypes.c_double * max(len(w), 1))(*w)
        out = ctypes.c_double()
        _check(_c.tr_comparison_distance_weighted(self._handle, arr, len(w), ctypes.byref(out)))
        return out.value

    def relation(self, category: Category) -> str:
        """The relation id in ``category``."""
        return _s(_c.tr_relation_id(_c.tr_comparison_get_relation(self._handle,
                                                                  _category(category))))

    def differences(self) -> Dict[str, str]:
        """{category: relation} of the categories where the sides differ (every
        relation but same and both_unknown): what ``compare --diff`` keeps."""
        h = self._handle
        out = {}
        for i in range(_c.tr_comparison_count(h)):
            r = _c.tr_comparison_relation_at(h, i)
            if _c.tr_relation_differs(r):
                out[_s(_c.tr_category_id(_c.tr_comparison_category_at(h, i)))] = _s(
                    _c.tr_relation_id(r))
        return out

    def relation_counts(self) -> Dict[str, int]:
        """{relation id: number of categories with it}, every relation included."""
        return {rid: _c.tr_comparison_relation_count(self._handle,
                                                     _parse(_c.tr_relation_from_id, rid,
                                                            "relation"))
                for rid, _title in relations()}

    def carveouts(self) -> Dict[str, Dict[str, Any]]:
        """Where the two sides' carve-outs differ: {category: {"aspects": [aspect
        ids, e.g. "breadth"], "description": words}} for categories with a difference."""
        h = self._handle
        out = {}
        for i in range(_c.tr_comparison_count(h)):
            k = _c.tr_comparison_category_at(h, i)
            bits = _c.tr_comparison_carveout_aspects(h, k)
            if bits:
                out[_s(_c.tr_category_id(k))] = {
                    "aspects": _aspects(bits),
                    "description": _describe(_c.tr_comparison_describe_carveouts, h, k)}
        return out

    @property
    def distance(self) -> float:
        return _c.tr_comparison_distance(self._handle)

    @property
    def similarity(self) -> float:
        return _c.tr_comparison_similarity(self._handle)

    @property
    def agreement_share(self) -> float:
        return _c.tr_comparison_agreement_share(self._handle)

    @property
    def comparable(self) -> int:
        return _c.tr_comparison_comparable_count(self._handle)

    def close(self) -> None:
        super().close()
        for t in getattr(self, "_sides", ()):
            t.close()


def _template_info(t):
    kinds = {0: "agreement", 1: "builtin", 2: "user"}
    return {"name": _s(_c.tr_template_get_name(t)),
            "kind": kinds.get(_c.tr_template_get_kind(t)),
            "rule": _s(_c.tr_template_rule_id(_c.tr_template_get_rule(t))),
            "selection": _s(_c.tr_template_get_selection(t)),
            "members": [(_s(_c.tr_template_member_at(t, i)),
                         _c.tr_template_member_year(t, i) or None)
                        for i in range(_c.tr_template_member_count(t))]}


def relations() -> List[Tuple[str, str]]:
    """[(id, title)] of every relation a Comparison reports, in numeric order."""
    return [(_s(_c.tr_relation_id(k)), _s(_c.tr_relation_title(k)))
            for k in range(_c.tr_relation_count())]


def wto_avenue(category: Category) -> Dict[str, str]:
    """The WTO avenue the seed paper names for ``category``: {"id", "title"}
    (id "none" when it names none; docs/compare.md)."""
    a = _c.tr_category_wto_avenue(_category(category))
    return {"id": _s(_c.tr_wto_avenue_id(a)), "title": _s(_c.tr_wto_avenue_title(a))}


def seed_paper_year() -> int:
    """The year of the seed paper's view of the built-in templates (NAME@YEAR)."""
    return _c.tr_template_seed_paper_year()


def _aspects(bits):
    return [_s(_c.tr_carveout_aspect_id(1 << k)) for k in range(32)
            if bits & (1 << k) and _c.tr_carveout_aspect_id(1 << k) is not None]


def _describe(fn, h, cat):
    out = ctypes.c_void_p()
    _check(fn(h, cat, ctypes.byref(out)))
    return _take_string(out) if out.value else ""


class Template(_Owned):
    """A set of agreements and the positions derived from them (compare.h):
    Template.resolve() takes the full specification grammar (docs/compare.md:
    "american", "european@2016", an agreement id, "ids=A,B+rule=strongest",
    ...); builtin(), from_ids() and from_filter() build one directly. Usable
    as a side of compare() and classify(); ``info()`` and ``positions()`` as
    template(). Keeps its catalog alive."""

    _free = staticmethod(lambda h: _c.tr_template_free(h))

    def __init__(self, handle: int, catalog: Any = None) -> None:
        super().__init__(handle)
        self._catalog = catalog

    @property
    def _handle(self):
        if self._catalog is not None and not self._catalog._h:
            raise InvalidArgumentError(-1, "Template used after its catalog was closed")
        return _Owned._handle.fget(self)

    @classmethod
    def resolve(cls, catalog: "Catalog", spec: str) -> "Template":
        h = ctypes.c_void_p()
        _check(_c.tr_template_resolve(catalog._handle, _b(spec, "template"), ctypes.byref(h)))
        return cls(h.value, catalog)

    @classmethod
    def builtin(cls, catalog: "Catalog", name: str, until: Optional[int] = None) -> "Template":
        """A built-in template ("american", "european") in its current view, or in
        its dated view up to the signature year ``until``."""
        h = ctypes.c_void_p()
        if until is None:
            _check(_c.tr_template_new_builtin(catalog._handle, _b(name, "name"), ctypes.byref(h)))
        else:
            _check(_c.tr_template_new_builtin_until(catalog._handle, _b(name, "name"),
                                                    _i(until, "until"), ctypes.byref(h)))
        return cls(h.value, catalog)

    @classmethod
    def from_ids(cls, catalog: "Catalog", name: str, ids: Sequence[str],
                 rule: str = "majority") -> "Template":
        """A user template of the agreements ``ids`` (``rule``: majority,
        strongest or weakest)."""
        if isinstance(ids, (str, bytes)):
            raise InvalidArgumentError(-1, "ids is a list of agreement ids, not a string")
        ids = [_b(i, "ids") for i in ids]
        arr = (ctypes.c_char_p * max(len(ids), 1))(*ids)
        h = ctypes.c_void_p()
        _check(_c.tr_template_new_from_ids(catalog._handle, _b(name, "name"), arr, len(ids),
                                           _parse(_c.tr_template_rule_from_id, rule, "rule"),
                                           ctypes.byref(h)))
        return cls(h.value, catalog)

    @classmethod
    def from_filter(cls, catalog: "Catalog", name: str, rule: str = "majority",
                    **filters: Any) -> "Template":
        """A user template of the agreements matching ``filters`` (as select())."""
        r = _parse(_c.tr_template_rule_from_id, rule, "rule")
        f = catalog._filter(**filters) if filters else None
        h = ctypes.c_void_p()
        try:
            _check(_c.tr_template_new_from_filter(catalog._handle, _b(name, "name"), f, r,
                                                  ctypes.byref(h)))
        finally:
            if f:
                _c.tr_filter_free(f)
        return cls(h.value, catalog)

    @property
    def name(self) -> str:
        return _s(_c.tr_template_get_name(self._handle))

    @property
    def members(self) -> List[Tuple[str, Optional[int]]]:
        return _template_info(self._handle)["members"]

    def info(self) -> Dict[str, Any]:
        """name, kind, rule, selection and members, as template()."""
        return _template_info(self._handle)

    def positions(self) -> Dict[str, Dict[str, Any]]:
        """{category: {strength, exceptions, flags, coded, support, citations,
        scope}} (``scope``: the carve-out's scope in words, "" if none recorded)."""
        h = self._handle
        out = {}
        for k in range(1, _c.tr_category_count() + 1):
            d = _position(h, k)
            d["scope"] = _describe(_c.tr_template_describe_scope, h, k)
            out[_s(_c.tr_category_id(k))] = d
        return out

    def describe_scope(self, category: Category) -> str:
        """The scope of the template's carve-out in ``category``, in words."""
        return _describe(_c.tr_template_describe_scope, self._handle, _category(category))


def templates() -> List[str]:
    """Names of the built-in templates (e.g. "american", "european")."""
    _require(_c.tr_template_builtin_count, "comparison engine")
    return [_s(_c.tr_template_builtin_name(i)) for i in range(_c.tr_template_builtin_count())]


def template(catalog: Catalog, spec: Union[str, Agreement]) -> Dict[str, Any]:
    """What a template specification resolves to, as compare() would use it:
    name, kind, rule, selection, members [(id, year)] and ``positions``
    {category: {strength, exceptions, flags, coded, support, citations}}.
    ``spec``: a built-in name, NAME@YEAR, an agreement id or Agreement, or
    'ids=A,B+rule=strongest' etc. (docs/compare.md)."""
    t = _template(catalog, spec)
    try:
        info = _template_info(t._handle)
        info["positions"] = {_s(_c.tr_category_id(k)): _position(t._handle, k)
                             for k in range(1, _c.tr_category_count() + 1)}
        return info
    finally:
        t.close()


def _position(t, cat):
    out = ctypes.c_void_p()
    _check(_c.tr_template_citations(t, cat, ctypes.byref(out)))
    citations = _take_string(out) if out.value else ""
    return {"strength": _s(_c.tr_strength_id(_c.tr_template_get_strength(t, cat))),
            "exceptions": _flag_ids(_c.tr_template_get_exceptions(t, cat), _c.tr_exception_id,
                                    _c.tr_exception_count()),
            "flags": _flag_ids(_c.tr_template_get_flags(t, cat), _c.tr_provision_flag_id),
            "coded": _c.tr_template_coded_count(t, cat),
            "support": [(_s(_c.tr_template_support_agreement(t, cat, k)),
                         _s(_c.tr_template_support_citation(t, cat, k)))
                        for k in range(_c.tr_template_support_count(t, cat))],
            "citations": citations}


def _maybe_frame(rows, as_frame):
    if as_frame is None or as_frame:
        try:
            import pandas
        except ImportError:
            if as_frame:
                raise
            return rows
        return pandas.DataFrame.from_records(rows)
    return rows


def compare_agreements(first: Agreement, second: Agreement) -> Comparison:
    """Compare two Agreement objects directly (each a single-agreement template)."""
    h = ctypes.c_void_p()
    _check(_c.tr_comparison_new_agreements(first._ptr(), second._ptr(), ctypes.byref(h)))
    cmp = Comparison(h.value, None, None)
    cmp._sides = ()
    cmp._agreements = (first, second)  # the comparison borrows from them
    return cmp


def compare(catalog: Catalog, first: Union[str, Agreement],
            second: Union[str, Agreement]) -> Comparison:
    """Compare two sides: template names ("american", "european"), agreement ids,
    or Agreement objects. Returns a Comparison (use it in a ``with`` block)."""
    a = _template(catalog, first)
    try:
        b = _template(catalog, second)
    except BaseException:
        a.close()
        raise
    h = ctypes.c_void_p()
    rc = _c.tr_comparison_new(a._handle, b._handle, ctypes.byref(h))
    if rc:
        a.close()
        b.close()
        _raise(rc)
    cmp = Comparison(h.value, a, b)
    cmp._catalog = catalog  # templates may borrow from the catalog: keep it alive
    return cmp


def _square(values, n):
    """An n×n numpy array of @values (row-major) when numpy is installed, else a
    list of n lists."""
    try:
        import numpy
    except ImportError:
        return [list(values[i * n:(i + 1) * n]) for i in range(n)]
    return numpy.array(values[:n * n], dtype=float).reshape(n, n)


class _CallbackState:
    """What the C callbacks of one AnalysisOptions share (not the options object
    itself, so that no reference cycle keeps it alive)."""

    def __init__(self, progress, should_cancel):
        self.progress, self.should_cancel, self.error = progress, should_cancel, None


class AnalysisOptions(_Owned):
    """Settings of an analysis (analysis.h), taken by distance_matrix(), classify(),
    timeline() and Corpus.similarity_matrix(), pairs() and trace():

    - ``threads``: 0 (one per processor, the default) or 1..64;
    - ``ids`` (agreement ids) and/or ``filters`` (party, family, kind, status,
      years, as in Catalog.select()): which agreements; results are in catalog
      order (not for the corpus jobs, which compare units);
    - ``progress``: a callable progress(done, total), called between chunks of
      work, one call at a time (from worker threads too); done rises to total;
    - ``should_cancel``: a callable returning True to stop the analysis.

    cancel() stops every analysis running with these options (from any thread)
    and every later one until reset_cancel(). A cancelled analysis raises
    CancelledError; an exception raised by ``progress`` or ``should_cancel``
    cancels the analysis and is raised again by it."""

    _free = staticmethod(lambda h: _c.tr_analysis_options_free(h))

    def __init__(self, threads: int = 0, ids: Optional[Sequence[str]] = None,
                 progress: Optional[Any] = None, should_cancel: Optional[Any] = None,
                 **filters: Any) -> None:
        _require(_c.tr_analysis_options_new, "analysis options")
        h = ctypes.c_void_p()
        _check(_c.tr_analysis_options_new(ctypes.byref(h)))
        super().__init__(h.value)
        self._state = _CallbackState(progress, should_cancel)
        self._cbs = ()
        self._filters = dict(filters)
        _check(_c.tr_analysis_options_set_threads(h.value, _i(threads, "threads", ctypes.c_uint)))
        if ids is not None:
            if isinstance(ids, (str, bytes)):
                raise InvalidArgumentError(-1, "ids is a list of agreement ids, not a string")
            ids = [_b(i, "ids") for i in ids]
            arr = (ctypes.c_char_p * max(len(ids), 1))(*ids)
            _check(_c.tr_analysis_options_set_ids(h.value, arr, len(ids)))
        if filters:
            f = Catalog._filter(None, **filters)  # builds a tr_filter; reads no catalog
            try:
                _check(_c.tr_analysis_options_set_filter(h.value, f))
            finally:
                _c.tr_filter_free(f)
        if progress is not None or should_cancel is not None:
            self._cbs = self._make_callbacks()  # kept alive as long as the options
            _check(_c.tr_analysis_options_set_progress(h.value, self._cbs[0], None))
            _check(_c.tr_analysis_options_set_cancel(h.value, self._cbs[1], None))

    def _make_callbacks(self):
        st = self._state
        if True:
            def on_progress(done, total, _ud):
                if st.error is None and st.progress is not None:
                    try:
                        st.progress(done, total)
                    except BaseException as e:  # raised again by the analysis
                        st.error = e

            def on_cancel(_ud):
                if st.error is not None:
                    return 1
                if st.should_cancel is None:
                    return 0
                try:
                    return 1 if st.should_cancel() else 0
                except BaseException as e:
                    st.error = e
                    return 1

            return _c.ANALYSIS_PROGRESS_FN(on_progress), _c.ANALYSIS_CANCEL_FN(on_cancel)

    def copy(self) -> "AnalysisOptions":
        """An independent copy: threads, agreement set and callbacks; never
        cancelled, whatever the state of these options."""
        h = ctypes.c_void_p()
        _check(_c.tr_analysis_options_copy(self._handle, ctypes.byref(h)))
        new = AnalysisOptions.__new__(AnalysisOptions)
        _Owned.__init__(new, h.value)
        new._state = _CallbackState(self._state.progress, self._state.should_cancel)
        new._cbs = ()
        new._filters = dict(self._filters)
        if self._cbs:  # point the callbacks at the copy's own state
            new._cbs = new._make_callbacks()
            _check(_c.tr_analysis_options_set_progress(h.value, new._cbs[0], None))
            _check(_c.tr_analysis_options_set_cancel(h.value, new._cbs[1], None))
        return new

    __copy__ = copy

    @property
    def threads(self) -> int:
        return _c.tr_analysis_options_get_threads(self._handle)

    @property
    def ids(self) -> List[str]:
        h = self._handle
        return [_s(_c.tr_analysis_options_id_at(h, i))
                for i in range(_c.tr_analysis_options_id_count(h))]

    def cancel(self) -> None:
        """Stop every analysis running with these options, and every later one."""
        _c.tr_analysis_options_cancel(self._handle)

    def reset_cancel(self) -> None:
        """Clear cancel(): the options can run analyses again."""
        _c.tr_analysis_options_reset_cancel(self._handle)

    @property
    def cancelled(self) -> bool:
        return bool(_c.tr_analysis_options_is_cancelled(self._handle))

    def _selects(self):
        return bool(_c.tr_analysis_options_id_count(self._handle) or self._filters)

    def _done(self, rc):
        """After a call: raise what a callback raised, else check the status."""
        err, self._state.error = self._state.error, None
        if err is not None:
            raise err
        _check(rc)


def _options(options, filters):
    """The AnalysisOptions of a call that takes ``options`` or keyword filters."""
    if options is not None and not isinstance(options, AnalysisOptions):
        raise InvalidArgumentError(-1, "options is an AnalysisOptions, not %r" % (options,))
    if options is not None and filters:
        raise InvalidArgumentError(-1, "give the filters in AnalysisOptions or as keywords, not both")
    return options


def distance_matrix(catalog: Catalog, options: Optional[AnalysisOptions] = None,
                    comparable: bool = False, **filters: Any) -> Tuple[Any, ...]:
    """(ids, matrix): the comparison engine's distance between every two selected
    agreements (NaN where nothing is comparable); the matrix is a numpy array
    when numpy is installed, else a list of lists. Agreements are selected by
    keyword filters (as Catalog.select()) or by ``options`` (AnalysisOptions:
    ids, filters, threads, progress, cancellation). With ``comparable``:
    (ids, matrix, counts), counts[i][j] the number of categories both
    agreements know (the base of the distance; the diagonal: the row's own)."""
    _require(_c.tr_matrix_new, "comparison engine")
    m = ctypes.c_void_p()
    if _options(options, filters) is not None:
        _require(_c.tr_matrix_new_with_options, "analysis options")
        options._done(_c.tr_matrix_new_with_options(catalog._handle, options._handle,
                                                    ctypes.byref(m)))
    else:
        f = catalog._filter(**filters) if filters else None
        try:
            _check(_c.tr_matrix_new(catalog._handle, f, 0, ctypes.byref(m)))
        finally:
            if f:
                _c.tr_filter_free(f)
    try:
        n = _c.tr_matrix_size(m)
        ids = [_s(_c.tr_matrix_id_at(m, i)) for i in range(n)]
        dist = _square([_c.tr_matrix_distance(m, i, j) for i in range(n) for j in range(n)], n)
        if not comparable:
            return ids, dist
        counts = [[_c.tr_matrix_comparable(m, i, j) for j in range(n)] for i in range(n)]
        try:
            import numpy
            counts = numpy.array(counts, dtype=numpy.int64).reshape(n, n)
        except ImportError:
            pass
        return ids, dist, counts
    finally:
        _c.tr_matrix_free(m)

def _templates(catalog, sides):
    ts = []
    try:
        for side in sides:
            ts.append(_template(catalog, side))
    except BaseException:
        for t in ts:
            t.close()
        raise
    return ts


def classes() -> List[Tuple[str, str]]:
    """[(id, title)] of the verdicts of classify()'s ``class`` column."""
    return [(cid, _s(_c.tr_class_title(k))) for k, cid in _enum_ids(_c.tr_class_id, 16).items()]


def classify(catalog: Catalog,
             templates: Sequence[Union[str, Agreement]] = ("american", "european"),
             margin: float = 0.05, options: Optional[AnalysisOptions] = None,
             min_categories: int = 10, only: Optional[Sequence[str]] = None,
             **filters: Any) -> List[Dict[str, Any]]:
    """Each selected agreement's nearest template: a list of dicts with agreement,
    nearest (template name or None), margin, in_between and per template
    ``distance_NAME``, ``comparable_NAME`` (categories both know: the base of the
    distance) and ``member_NAME`` (the agreement is one of the template's members);
    ``class``: the verdict of ``traderules classify`` (classified, in_between,
    too_few_categories when the distance to the nearest template rests on fewer
    than ``min_categories`` categories, unclassified; see classes()). ``only``:
    keep the rows of these classes.
    Agreements are selected by keyword filters or by ``options`` (AnalysisOptions)."""
    _require(_c.tr_classification_new, "classification")
    wanted = None
    if only is not None:
        if isinstance(only, (str, bytes)):
            raise InvalidArgumentError(-1, "only is a list of class ids, not a string")
        wanted = {_parse(_c.tr_class_from_id, x, "class") for x in only}
    minc = _i(min_categories, "min_categories", ctypes.c_size_t)
    opts = _options(options, filters)
    if opts is not None:
        _require(_c.tr_classification_new_with_options, "analysis options")
    ts = _templates(catalog, templates)
    f = catalog._filter(**filters) if filters else None
    h = ctypes.c_void_p()
    try:
        arr = (ctypes.c_void_p * len(ts))(*[t._handle for t in ts])
        if opts is not None:
            opts._done(_c.tr_classification_new_with_options(catalog._handle, arr, len(ts),
                                                             float(margin), opts._handle,
                                                             ctypes.byref(h)))
        else:
            _check(_c.tr_classification_new(catalog._handle, f, arr, len(ts), float(margin),
                                            ctypes.byref(h)))
        names = [_s(_c.tr_template_get_name(_c.tr_classification_template_at(h, j)))
                 for j in range(_c.tr_classification_template_count(h))]
        rows = []
        for i in range(_c.tr_classification_count(h)):
            k = _c.tr_classification_nearest_at(h, i)
            row = {"agreement": _s(_c.tr_classification_agreement_at(h, i)),
                   "nearest": names[k] if k >= 0 else None,
                   "margin": _c.tr_classification_margin_at(h, i),
                   "in_between": bool(_c.tr_classification_in_between_at(h, i))}
            for j, name in enumerate(names):
                row["distance_" + name] = _c.tr_classification_distance_at(h, i, j)
            for j, name in enumerate(names):
                row["comparable_" + name] = _c.tr_classification_comparable_at(h, i, j)
                row["member_" + name] = bool(_c.tr_classification_is_member_at(h, i, j))
            k = _c.tr_classification_class_at(h, i, minc)
            row["class"] = _s(_c.tr_class_id(k))
            if wanted is None or k in wanted:
                rows.append(row)
        return rows
    finally:
        if h:
            _c.tr_classification_free(h)
        if f:
            _c.tr_filter_free(f)
        for t in ts:
            t.close()


class GroundResult(dict):
    """common_ground()'s result: a dict {category: {...}} with ``parties`` (the
    party templates' names) and ``counts`` ({ground: number of categories})."""

    parties: List[str]
    counts: Dict[str, int]


def common_ground(catalog: Catalog,
                  parties: Sequence[Union[str, Agreement, "Template"]] = ("american", "european"),
                  ) -> GroundResult:
    """Per category: {"ground": converge|partial|diverge|absent|unknown, "floor",
    "ceiling", "carveouts_differ" (the holders' exceptions differ), "carveout_aspects"
    (how: aspect ids) and "carveouts" (in words)}; ``.parties`` and ``.counts``
    on the result (GroundResult)."""
    _require(_c.tr_common_ground_new, "common-ground analysis")
    ts = _templates(catalog, parties)
    h = ctypes.c_void_p()
    try:
        arr = (ctypes.c_void_p * len(ts))(*[t._handle for t in ts])
        _check(_c.tr_common_ground_new(arr, len(ts), ctypes.byref(h)))
        out = GroundResult()
        for k in range(1, _c.tr_category_count() + 1):
            out[_s(_c.tr_category_id(k))] = {
                "ground": _s(_c.tr_ground_id(_c.tr_common_ground_get(h, k))),
                "floor": _s(_c.tr_strength_id(_c.tr_common_ground_floor(h, k))),
                "ceiling": _s(_c.tr_strength_id(_c.tr_common_ground_ceiling(h, k))),
                "carveouts_differ": bool(_c.tr_common_ground_carveouts_differ(h, k)),
                "carveout_aspects": _aspects(_c.tr_common_ground_carveout_aspects(h, k)),
                "carveouts": _describe(_c.tr_common_ground_describe_carveouts, h, k)}
        out.parties = [_s(_c.tr_template_get_name(_c.tr_common_ground_party_at(h, i)))
                       for i in range(_c.tr_common_ground_party_count(h))]
        out.counts = {gid: _c.tr_common_ground_count(h, g)
                      for g, gid in _enum_ids(_c.tr_ground_id, 16).items()}
        return out
    finally:
        if h:
            _c.tr_common_ground_free(h)
        for t in ts:
            t.close()

def timeline(catalog: Catalog, min_strength: str = "soft",
             options: Optional[AnalysisOptions] = None, **filters: Any) -> Dict[str, Any]:
    """Adoption of each category over the selected agreements (``filters`` as in
    Catalog.select()), by signature year: a dict with first_year, last_year,
    dated and undated (agreement counts), ``first`` {category: {"year",
    "agreement"}} (first appearance at ``min_strength`` or above; None if
    never) and ``rows``: one dict per year and category with the cumulative
    ``count`` of agreements at ``min_strength`` or above and the cumulative
    ``total`` of agreements (a list; ``pandas.DataFrame(rows)``), and ``spread``
    {category: [{"year", "with_provision", "hard"}, ...]}: the years at which the
    cumulative counts (any provision; hard) change, the 'spread' column of
    ``traderules timeline`` (tr_timeline_change_at()). ``options``
    (AnalysisOptions) may select the agreements instead of keyword filters."""
    _require(_c.tr_timeline_new, "timeline")
    ms = _parse(_c.tr_strength_from_id, min_strength, "strength")
    h = ctypes.c_void_p()
    if _options(options, filters) is not None:
        _require(_c.tr_timeline_new_with_options, "analysis options")
        options._done(_c.tr_timeline_new_with_options(catalog._handle, options._handle,
                                                      ctypes.byref(h)))
    else:
        f = catalog._filter(**filters) if filters else None
        try:
            _check(_c.tr_timeline_new(catalog._handle, f, ctypes.byref(h)))
        finally:
            if f:
                _c.tr_filter_free(f)
    try:
        first_year, last_year = _c.tr_timeline_first_year(h), _c.tr_timeline_last_year(h)
        out = {"first_year": first_year, "last_year": last_year,
               "dated": _c.tr_timeline_dated_count(h), "undated": _c.tr_timeline_undated_count(h),
               "first": {}, "rows": []}
        cats = [(k, _s(_c.tr_category_id(k))) for k in range(1, _c.tr_category_count() + 1)]
        for k, cid in cats:
            ag = ctypes.c_char_p()
            y = _c.tr_timeline_first(h, k, ms, ctypes.byref(ag))
            out["first"][cid] = {"year": y or None, "agreement": _s(ag.value) if y else None}
        if _c.tr_timeline_change_count is not None:
            out["spread"] = {}
            for k, cid in cats:
                changes = []
                for i in range(_c.tr_timeline_change_count(h, k)):
                    a, hard = ctypes.c_size_t(), ctypes.c_size_t()
                    y = _c.tr_timeline_change_at(h, k, i, ctypes.byref(a), ctypes.byref(hard))
                    changes.append({"year": y, "with_provision": a.value, "hard": hard.value})
                out["spread"][cid] = changes
        for year in range(first_year, last_year + 1):
            total = _c.tr_timeline_total(h, year)
            for k, cid in cats:
                out["rows"].append({"year": year, "category": cid,
                                    "count": _c.tr_timeline_count(h, k, year, ms),
                                    "total": total})
        return out
    finally:
        _c.tr_timeline_free(h)

class CoverageResult(list):
    """coverage()'s result: a list of rows with ``subject`` (the template's name)
    and ``levels`` ({level: number of barriers})."""

    subject: str
    levels: Dict[str, int]


def _barrier_set(catalog, profile, profile_data, barriers):
    """A new tr_barrier_set: the catalog's, a profile file's or data's, or the
    catalog barriers ``barriers`` ({id: note} or ids)."""
    given = [x is not None for x in (profile, profile_data, barriers)]
    if sum(given) > 1:
        raise InvalidArgumentError(-1, "give one of profile, profile_data and barriers")
    bs = ctypes.c_void_p()
    try:
        if profile is None and profile_data is None and barriers is None:
            _check(_c.tr_barrier_set_new_from_catalog(catalog._handle, ctypes.byref(bs)))
            return bs
        _check(_c.tr_barrier_set_new(ctypes.byref(bs)))
        if profile is not None:
            _check(_c.tr_barrier_set_load_file(bs, catalog._handle, _b(profile, "profile")))
        elif profile_data is not None:
            data = _buf(profile_data)
            _check(_c.tr_barrier_set_load_data(bs, catalog._handle, data, len(data), None))
        else:
            items = barriers.items() if isinstance(barriers, dict) else ((b, None) for b in barriers)
            for bid, note in items:
                b = _c.tr_catalog_find_barrier(catalog._handle, _b(bid, "barriers"))
                if not b:
                    raise NotFoundError(-8, "barrier %r is not in the catalog" % (bid,))
                _check(_c.tr_barrier_set_add(bs, b, _b(note, "note")))
        return bs
    except BaseException:
        if bs:
            _c.tr_barrier_set_free(bs)
        raise


def barrier_profile(catalog: Catalog, profile: Optional[PathLike] = None,
                    profile_data: Optional[Union[str, bytes]] = None) -> Dict[str, Any]:
    """A barrier profile (file ``profile`` or JSON ``profile_data``; neither: the
    catalog's barriers) as coverage() reads it: {"name", "barriers": [barrier
    dicts as Catalog.barriers(), each with its ``note``]}."""
    bs = _barrier_set(catalog, profile, profile_data, None)
    try:
        rows = []
        for i in range(_c.tr_barrier_set_count(bs)):
            d = _barrier_dict(_c.tr_barrier_set_at(bs, i))
            d["note"] = _s(_c.tr_barrier_set_note_at(bs, i))
            rows.append(d)
        return {"name": _s(_c.tr_barrier_set_get_name(bs)), "barriers": rows}
    finally:
        _c.tr_barrier_set_free(bs)


def coverage(catalog: Catalog, subject: Union[str, Agreement, "Template"],
             profile: Optional[PathLike] = None,
             profile_data: Optional[Union[str, bytes]] = None,
             barriers: Optional[Union[Dict[str, Optional[str]], Sequence[str]]] = None,
             ) -> CoverageResult:
    """Which barriers ``subject`` (a template name, specification or agreement,
    as in compare()) disciplines, and how: one dict per barrier (the catalog's,
    those of a barrier profile file ``profile`` or JSON ``profile_data``, or the
    catalog barriers named in ``barriers`` (ids, or {id: note})) with barrier,
    name, type, level (hard, soft, none, unknown), provisions (the disciplining
    categories with the subject's strength, strongest first: [(category,
    strength)]), decided_by (the categories that make the level: "disciplined
    by" of ``traderules coverage``), binding (how many of the barrier's
    categories the subject holds hard or mixed) and note. The result
    (CoverageResult) also has ``subject`` and
    ``levels`` {level: number of barriers}."""
    _require(_c.tr_coverage_new, "barrier coverage")
    t = _template(catalog, subject)
    bs, cov = ctypes.c_void_p(), ctypes.c_void_p()
    try:
        bs = _barrier_set(catalog, profile, profile_data, barriers)
        _check(_c.tr_coverage_new(t._handle, bs, ctypes.byref(cov)))
        rows = CoverageResult()
        for i in range(_c.tr_coverage_count(cov)):
            b = _c.tr_coverage_barrier_at(cov, i)
            rows.append({
                "barrier": _s(_c.tr_barrier_get_id(b)),
                "name": _s(_c.tr_barrier_get_name(b)),
                "type": _s(_c.tr_barrier_type_id(_c.tr_barrier_get_type(b))),
                "level": _s(_c.tr_coverage_level_id(_c.tr_coverage_level_at(cov, i))),
                "provisions": [(_s(_c.tr_category_id(c)),
                                _s(_c.tr_strength_id(_c.tr_template_get_strength(t._handle, c))))
                               for c in (_c.tr_coverage_provision_at(cov, i, k)
                                         for k in range(_c.tr_coverage_provision_count(cov, i)))],
                "decided_by": [_s(_c.tr_category_id(_c.tr_coverage_provision_at(cov, i, k)))
                               for k in range(_c.tr_coverage_provision_count(cov, i))
                               if _c.tr_coverage_provision_decides(cov, i, k)],
                "binding": _c.tr_coverage_binding_count(cov, i),
                "note": _s(_c.tr_barrier_set_note_at(bs, i))})
        rows.subject = _s(_c.tr_template_get_name(_c.tr_coverage_get_subject(cov)))
        rows.levels = {lid: _c.tr_coverage_level_count(cov, lv)
                       for lv, lid in _enum_ids(_c.tr_coverage_level_id, 16).items()}
        return rows
    finally:
        if cov:
            _c.tr_coverage_free(cov)
        if bs:
            _c.tr_barrier_set_free(bs)
        t.close()

# ---------------------------------------------------------------------------
# Audit (audit.h)


class Audit(_Owned):
    """The audit of a catalog's evidence (audit.h, docs/data-coding.md): how each
    cell was obtained, citations, evidence spans checked against a ToTA corpus
    (when given), inconsistencies between near-identical articles. ``measures``
    names the counts; counts() gives one row per agreement (pandas-ready),
    overall() the catalog's totals, findings() the findings."""

    _free = staticmethod(lambda h: _c.tr_audit_free(h))

    def __init__(self, catalog: Catalog, corpus: Optional["Corpus"] = None) -> None:
        _require(_c.tr_audit_run, "audit")
        h = ctypes.c_void_p()
        _check(_c.tr_audit_run(catalog._handle, corpus._handle if corpus is not None else None,
                               ctypes.byref(h)))
        super().__init__(h.value)
        self.measures = _enum_ids(_c.tr_audit_measure_id)

    @property
    def has_corpus(self) -> bool:
        """True if spans were checked against a corpus."""
        return bool(_c.tr_audit_has_corpus(self._handle))

    @property
    def agreements(self) -> List[str]:
        h = self._handle
        return [_s(_c.tr_audit_agreement_id(h, i)) for i in range(_c.tr_audit_agreement_count(h))]

    def counts(self) -> List[Dict[str, Any]]:
        """One dict per audited agreement: agreement, then one count per measure."""
        h = self._handle
        out = []
        for i in range(_c.tr_audit_agreement_count(h)):
            row = {"agreement": _s(_c.tr_audit_agreement_id(h, i))}
            row.update({mid: _c.tr_audit_count(h, i, m) for m, mid in self.measures.items()})
            out.append(row)
        return out

    def overall(self) -> Dict[str, int]:
        """{measure: count} over the whole catalog."""
        h = self._handle
        overall = ctypes.c_size_t(-1).value  # TR_AUDIT_OVERALL
        return {mid: _c.tr_audit_count(h, overall, m) for m, mid in self.measures.items()}

    def findings(self) -> List[Dict[str, Any]]:
        """Dicts with kind, agreement, category (None for agreement-level
        findings), other and similarity (inconsistencies) and detail."""
        h = self._handle
        kinds = _enum_ids(_c.tr_audit_finding_kind_id)
        out = []
        for i in range(_c.tr_audit_finding_count(h)):
            cat = _c.tr_audit_finding_get_category(h, i)
            out.append({"kind": kinds.get(_c.tr_audit_finding_get_kind(h, i)),
                        "agreement": _s(_c.tr_audit_finding_get_agreement(h, i)),
                        "category": _s(_c.tr_category_id(cat)) if cat > 0 else None,
                        "other": _s(_c.tr_audit_finding_get_other(h, i)),
                        "similarity": _c.tr_audit_finding_get_similarity(h, i),
                        "detail": _s(_c.tr_audit_finding_get_detail(h, i))})
        return out


def audit(catalog: Catalog, corpus: Optional["Corpus"] = None) -> Audit:
    """Audit ``catalog`` (spans checked against ``corpus`` when given)."""
    return Audit(catalog, corpus)

# ---------------------------------------------------------------------------
# Coder (coder.h)


class Coding(_Owned):
    """The coding of one article: ``assignments`` is a list of dicts (category,
    strength, exceptions, hard_paragraphs, soft_paragraphs, evidence=[{kind,
    field, text, rule, offset, length, paragraph, strength, exception,
    sentence}]); categories() maps category to strength."""

    _free = staticmethod(lambda h: _c.tr_coding_free(h))

    def __init__(self, handle: int, owner: Any = None) -> None:
        super().__init__(handle)
        self._owner = owner  # set for the codings an AgreementCoding owns

    def close(self) -> None:
        if getattr(self, "_owner", None) is not None:
            self._h = self._owner = None  # borrowed: the owner frees it
        else:
            super().close()

    @property
    def _handle(self):
        if self._owner is not None and not self._owner._h:
            raise InvalidArgumentError(-1, "Coding used after its AgreementCoding was closed")
        return _Owned._handle.fget(self)

    @staticmethod
    def _evidence(e):
        field = _c.tr_evidence_get_field(e)
        so, sl = ctypes.c_size_t(), ctypes.c_size_t()
        sentence = _c.tr_evidence_get_sentence(e, ctypes.byref(so), ctypes.byref(sl))
        strength = _c.tr_evidence_get_strength(e)
        return {"kind": _s(_c.tr_evidence_kind_id(_c.tr_evidence_get_kind(e))),
                "field": _s(_c.tr_text_field_id(field)),
                "text": _s(_c.tr_evidence_get_text(e)),
                "rule": _s(_c.tr_evidence_get_rule(e)),
                "offset": _c.tr_evidence_get_offset(e),
                "length": _c.tr_evidence_get_length(e),
                "paragraph": _c.tr_evidence_get_paragraph(e),
                "strength": _s(_c.tr_strength_id(strength)) if strength else None,
                "exception": (_s(_c.tr_exception_id(_c.tr_evidence_get_exception(e)))
                              if _c.tr_evidence_get_exception(e) else None),
                "sentence": _s(sentence),
                "sentence_offset": so.value if sentence is not None else None,
                "sentence_length": sl.value if sentence is not None else None}

    @staticmethod
    def _assignment(a):
        return {"category": _s(_c.tr_category_id(_c.tr_assignment_get_category(a))),
                "strength": _s(_c.tr_strength_id(_c.tr_assignment_get_strength(a))),
                "exceptions": _flag_ids(_c.tr_assignment_get_exceptions(a),
                                        _c.tr_exception_id, _c.tr_exception_count()),
                "hard_paragraphs": _c.tr_assignment_hard_count(a),
                "soft_paragraphs": _c.tr_assignment_soft_count(a),
                "evidence": [Coding._evidence(_c.tr_assignment_evidence_at(a, j))
                             for j in range(_c.tr_assignment_evidence_count(a))]}

    @property
    def assignments(self) -> List[Dict[str, Any]]:
        h = self._handle
        return [self._assignment(_c.tr_coding_assignment_at(h, i))
                for i in range(_c.tr_coding_assignment_count(h))]

    def categories(self) -> Dict[str, str]:
        """{category id: strength id} of every category found."""
        h = self._handle
        out = {}
        for i in range(_c.tr_coding_assignment_count(h)):
            a = _c.tr_coding_assignment_at(h, i)
            out[_s(_c.tr_category_id(_c.tr_assignment_get_category(a)))] = _s(
                _c.tr_strength_id(_c.tr_assignment_get_strength(a)))
        return out

    def find(self, category: Category) -> Optional[Dict[str, Any]]:
        """The assignment of ``category`` (a dict as in assignments), or None."""
        a = _c.tr_coding_find(self._handle, _category(category))
        return self._assignment(a) if a else None

    @property
    def exceptions(self) -> List[str]:
        """Exception flags found anywhere in the article."""
        return _flag_ids(_c.tr_coding_get_exceptions(self._handle), _c.tr_exception_id,
                         _c.tr_exception_count())

    @property
    def number(self) -> Optional[str]:
        """The article number (codings of an AgreementCoding), else None."""
        return _s(_c.tr_coding_get_number(self._handle))

    @property
    def paragraphs(self) -> List[Dict[str, Any]]:
        """The paragraphs the text was split into: dicts with offset, length (bytes
        of the text), text and strength (the paragraph's own: none without a cue)."""
        h = self._handle
        src = ctypes.string_at(_c.tr_coding_get_input(h, 0))
        out = []
        for i in range(_c.tr_coding_paragraph_count(h)):
            off, ln = ctypes.c_size_t(), ctypes.c_size_t()
            st = _c.tr_coding_paragraph_at(h, i, ctypes.byref(off), ctypes.byref(ln))
            out.append({"offset": off.value, "length": ln.value,
                        "text": src[off.value:off.value + ln.value].decode("utf-8"),
                        "strength": _s(_c.tr_strength_id(st))})
        return out


class AgreementCoding(_Owned):
    """Articles of one agreement coded one by one (Coder.agreement_coding(),
    Coder.code_corpus_agreement()); ``articles`` are their Codings (valid while
    this object is open); to_agreement() makes the Agreement."""

    _free = staticmethod(lambda h: _c.tr_agreement_coding_free(h))

    def __init__(self, handle: int, coder: "Coder") -> None:
        super().__init__(handle)
        self._coder = coder  # the accumulator uses the coder's rules

    def add_article(self, text: Union[str, bytes], number: Optional[str] = None,
                    title: Optional[str] = None, chapter: Optional[str] = None) -> None:
        _check(_c.tr_agreement_coding_add_article(
            self._handle, _b(number, "article number"), _b(title, "article title"),
            _b(chapter, "article chapter"), _b(text, "article text")))

    def add_corpus(self, corpus: "Corpus", tota_id: Union[int, str]) -> None:
        """Code every article of one treaty of ``corpus`` (by ToTA id), in order."""
        _check(_c.tr_agreement_coding_add_corpus(self._handle, corpus._handle,
                                                 corpus._agreement_index(tota_id)))

    @property
    def articles(self) -> List[Coding]:
        h = self._handle
        return [Coding(_c.tr_agreement_coding_article_at(h, i), owner=self)
                for i in range(_c.tr_agreement_coding_article_count(h))]

    def __len__(self) -> int:
        return _c.tr_agreement_coding_article_count(self._handle)

    def to_agreement(self) -> Agreement:
        """The agreement record coded so far (a new Agreement; add it to a Catalog)."""
        out = ctypes.c_void_p()
        _check(_c.tr_agreement_coding_to_agreement(self._handle, ctypes.byref(out)))
        return Agreement(out.value, None, owned=True)

    def compare(self, catalog: Optional["Catalog"] = None) -> Dict[str, Any]:
        """The record coded so far against the hand coding of ``catalog`` (its first
        agreement with the same ToTA id), as ``traderules code --summary --compare``:
        ``{"agreement": coded id, "hand_coded": catalog id or None, "rows": [...]}``, one
        row per category the coder found or the hand coding commits to, with
        ``strength`` (the coder's, "none" if not found), ``hand_strength`` (None: not
        coded by hand) and ``agree`` ("yes", "no", or "" without a hand-coded agreement)."""
        _require(_c.tr_coding_comparison_new, "coding comparison")
        h = ctypes.c_void_p()
        _check(_c.tr_coding_comparison_new(self._handle, catalog._handle if catalog is not None else None,
                                           ctypes.byref(h)))
        try:
            hand = _c.tr_coding_comparison_get_hand_coded(h)
            rows = []
            for i in range(_c.tr_coding_comparison_count(h)):
                p = _c.tr_coding_comparison_coded_at(h, i)
                q = _c.tr_coding_comparison_hand_at(h, i)
                rows.append({
                    "category": _s(_c.tr_category_id(_c.tr_coding_comparison_category_at(h, i))),
                    "strength": _s(_c.tr_strength_id(_c.tr_provision_get_strength(p))) if p else "none",
                    "hand_strength": _s(_c.tr_strength_id(_c.tr_provision_get_strength(q))) if q else None,
                    "agree": _s(_c.tr_coding_verdict_id(_c.tr_coding_comparison_verdict_at(h, i))),
                })
            return {"agreement": _s(_c.tr_agreement_get_id(_c.tr_coding_comparison_get_coded(h))),
                    "hand_coded": _s(_c.tr_agreement_get_id(hand)) if hand else None,
                    "rows": rows}
        finally:
            _c.tr_coding_comparison_free(h)


class Coder(_Owned):
    """Automatic coding of treaty text with the embedded rules, or a rules file."""

    _free = staticmethod(lambda h: _c.tr_coder_free(h))

    def __init__(self, rules: Optional[PathLike] = None) -> None:
        _require(_c.tr_coder_new, "coder")
        h = ctypes.c_void_p()
        if rules is None:
            _check(_c.tr_coder_new(ctypes.byref(h)))
        else:
            _check(_c.tr_coder_new_from_file(_b(rules, "rules"), ctypes.byref(h)))
        super().__init__(h.value)

    @property
    def name(self) -> str:
        return _s(_c.tr_coder_get_name(self._handle))

    @classmethod
    def from_json(cls, data: Union[str, bytes], name: Optional[str] = None) -> "Coder":
        """A coder from rules held in memory (JSON text); ``name`` appears in errors."""
        _require(_c.tr_coder_new_from_data, "coder")
        data = _buf(data)
        h = ctypes.c_void_p()
        _check(_c.tr_coder_new_from_data(data, len(data), _b(name, "name"), ctypes.byref(h)))
        self = cls.__new__(cls)
        _Owned.__init__(self, h.value)
        return self

    @property
    def rule_count(self) -> int:
        return _c.tr_coder_rule_count(self._handle)

    @property
    def pattern_count(self) -> int:
        """Number of distinct phrases compiled into the coder's automaton."""
        return _c.tr_coder_pattern_count(self._handle)

    def agreement_coding(self, id: str, name: str, tota_id: int = 0) -> AgreementCoding:
        """An empty AgreementCoding for an agreement ``id``/``name``."""
        acc = ctypes.c_void_p()
        _check(_c.tr_agreement_coding_new(self._handle, _b(id, "id"), _b(name, "name"),
                                          _i(tota_id, "tota_id"), ctypes.byref(acc)))
        return AgreementCoding(acc.value, self)

    def code_corpus_agreement(self, corpus: "Corpus", tota_id: Union[int, str]) -> AgreementCoding:
        """Code one treaty of a ToTA corpus: an AgreementCoding with every article
        (record id ``pta_N``, the treaty's name, ToTA id N)."""
        acc = ctypes.c_void_p()
        _check(_c.tr_coder_code_corpus_agreement(self._handle, corpus._handle,
                                                 corpus._agreement_index(tota_id),
                                                 ctypes.byref(acc)))
        return AgreementCoding(acc.value, self)

    def code(self, text: Union[str, bytes], title: Optional[str] = None,
             chapter: Optional[str] = None) -> Coding:
        """Code one article; returns a Coding."""
        h = ctypes.c_void_p()
        _check(_c.tr_coder_code_text(self._handle, _b(title, "title"), _b(chapter, "chapter"),
                                     _b(text, "text"),
                                     ctypes.byref(h)))
        return Coding(h.value)

    def code_agreement(self, id: str, name: str, articles: Iterable[Dict[str, str]],
                       tota_id: int = 0) -> Agreement:
        """Code a whole agreement from ``articles``: dicts with text and optional
        number, title, chapter. Returns a new Agreement (add it to a Catalog)."""
        acc = ctypes.c_void_p()
        _check(_c.tr_agreement_coding_new(self._handle, _b(id, "id"), _b(name, "name"),
                                          _i(tota_id, "tota_id"),
                                          ctypes.byref(acc)))
        try:
            for art in articles:
                _check(_c.tr_agreement_coding_add_article(
                    acc, _b(art.get("number"), "article number"),
                    _b(art.get("title"), "article title"),
                    _b(art.get("chapter"), "article chapter"), _b(art["text"], "article text")))
            out = ctypes.c_void_p()
            _check(_c.tr_agreement_coding_to_agreement(acc, ctypes.byref(out)))
            return Agreement(out.value, None, owned=True)
        finally:
            _c.tr_agreement_coding_free(acc)

# ---------------------------------------------------------------------------
# Corpus similarity (corpus.h)

_SHINGLES = {"word": 0, "word_ascii": 1, "char": 2}
_UNITS = {"agreement": 0, "chapter": 1, "article": 2}


def is_ecommerce_chapter_name(name: Union[str, bytes]) -> bool:
    """True if ``name`` is the name of an e-commerce chapter as the templates see it:
    after lowercasing, exactly "electronic commerce", "e-commerce", "comercio
    electrónico", "commerce électronique" or "electronic commerce chapter"."""
    _require(_c.tr_corpus_is_ecommerce_name, "e-commerce templates")
    return bool(_c.tr_corpus_is_ecommerce_name(_b(name, "name")))


def text_jaccard(a: Union[str, bytes], b: Union[str, bytes], kind: str = "word",
                 n: int = 5) -> float:
    """Exact Jaccard similarity of two texts' shingle sets (kind: word, word_ascii, char)."""
    _require(_c.tr_shingle_set_from_text, "corpus module")
    sa, sb = ctypes.c_void_p(), ctypes.c_void_p()
    try:
        _check(_c.tr_shingle_set_from_text(_b(a, "first text"), -1, _SHINGLES[kind],
                                           _i(n, "n", ctypes.c_uint), ctypes.byref(sa)))
        _check(_c.tr_shingle_set_from_text(_b(b, "second text"), -1, _SHINGLES[kind],
                                           _i(n, "n", ctypes.c_uint), ctypes.byref(sb)))
        return _c.tr_shingle_set_jaccard(sa, sb)
    finally:
        _c.tr_shingle_set_free(sa)
        _c.tr_shingle_set_free(sb)


def _tota_id(s):
    return int(s) if s and s.isdigit() else s


class MinHash(_Owned):
    """MinHash signature of a text's shingle set (for corpora too large to compare
    exactly): ``MinHash(text, k=256, seed=0, kind="word", n=5)``. Signatures
    with the same k and seed compare (``estimate``) and merge (the union's
    signature). Pickled by value (the library's portable serialisation);
    ``to_bytes()``/``MinHash.from_bytes()`` give the same bytes."""

    _free = staticmethod(lambda h: _c.tr_minhash_free(h))

    def __init__(self, text: Union[str, bytes, None] = None, k: int = 256, seed: int = 0,
                 kind: str = "word", n: int = 5, _handle: Optional[int] = None) -> None:
        _require(_c.tr_minhash_new, "MinHash")
        if _handle is None:
            if text is None:
                raise InvalidArgumentError(-1, "MinHash needs a text")
            ss, h = ctypes.c_void_p(), ctypes.c_void_p()
            try:
                _check(_c.tr_shingle_set_from_text(_b(text, "text"), -1, _SHINGLES[kind],
                                                   _i(n, "n", ctypes.c_uint),
                                                   ctypes.byref(ss)))
                _check(_c.tr_minhash_new(ss, _i(k, "k", ctypes.c_uint),
                                          _i(seed, "seed", ctypes.c_uint64), ctypes.byref(h)))
            finally:
                _c.tr_shingle_set_free(ss)
            _handle = h.value
        super().__init__(_handle)

    def estimate(self, other: "MinHash") -> float:
        """Estimated Jaccard similarity of the two sets."""
        out = ctypes.c_double()
        _check(_c.tr_minhash_estimate(self._handle, other._handle, ctypes.byref(out)))
        return out.value

    def merge(self, other: "MinHash") -> "MinHash":
        """Make this the signature of the union of both sets; returns self."""
        _check(_c.tr_minhash_merge(self._handle, other._handle))
        return self

    def to_bytes(self) -> bytes:
        data, n = ctypes.c_void_p(), ctypes.c_size_t()
        _check(_c.tr_minhash_serialize(self._handle, ctypes.byref(data), ctypes.byref(n)))
        try:
            return ctypes.string_at(data.value, n.value)
        finally:
            _c.tr_free(data)

    @classmethod
    def from_bytes(cls, data: bytes) -> "MinHash":
        h = ctypes.c_void_p()
        data = bytes(data)
        _check(_c.tr_minhash_deserialize(data, len(data), ctypes.byref(h)))
        return cls(_handle=h.value)

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (MinHash.from_bytes, (self.to_bytes(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MinHash):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()

    __hash__ = None  # mutable (merge)


class Corpus(_Owned):
    """Treaty texts in ToTA XML: load files or directories, then compare texts."""

    _free = staticmethod(lambda h: _c.tr_corpus_free(h))

    def __init__(self, threads: int = 0, progress: Optional[Any] = None) -> None:
        """``threads``: 0 (one per processor) or 1..64 for loading and indexing;
        ``progress``: a callable progress(stage, done, total) told how loads and
        indexing advance (one call at a time, from worker threads too; an
        exception it raises is raised again by the call that reported it)."""
        _require(_c.tr_corpus_new, "corpus module")
        h = ctypes.c_void_p()
        _check(_c.tr_corpus_new(ctypes.byref(h)))
        super().__init__(h.value)
        self._index = None
        self.load_errors: List[TradeRulesError] = []
        self._progress_error = []
        if threads:
            _check(_c.tr_corpus_set_threads(h.value, _i(threads, "threads", ctypes.c_uint)))
        if progress is not None:
            errors = self._progress_error

            def on_progress(stage, done, total, _ud):
                if not errors:
                    try:
                        progress(_s(stage), done, total)
                    except BaseException as e:  # never unwind through C
                        errors.append(e)

            self._progress_cb = _c.PROGRESS_FN(on_progress)  # alive as long as the corpus
            _c.tr_corpus_set_progress(h.value, self._progress_cb, None)

    def _progress_done(self):
        if self._progress_error:
            raise self._progress_error.pop()

    def close(self) -> None:
        self._drop_index()
        super().close()

    def _drop_index(self):
        if getattr(self, "_index", None):
            _c.tr_shingle_index_free(self._index[2])
            self._index = None

    def load(self, path: PathLike, skip_errors: bool = False) -> "Corpus":
        """Add one ToTA XML file or every *.xml of a directory: all or nothing, or
        with ``skip_errors`` every good file, the bad ones reported in
        ``load_errors`` (a list of TradeRulesError with code, message, file, line
        and column; replaced by each load)."""
        self._drop_index()
        if not skip_errors:
            _check(_c.tr_corpus_load(self._handle, _b(path, "path"), 0, None))
            self.load_errors = []
            self._progress_done()
            return self
        errs = ctypes.c_void_p()
        _check(_c.tr_corpus_load(self._handle, _b(path, "path"), 1, ctypes.byref(errs)))
        try:
            out = []
            for i in range(_c.tr_corpus_errors_count(errs)):
                code = _c.tr_corpus_errors_code(errs, i)
                out.append(_ERRORS.get(code, TradeRulesError)(
                    code, _s(_c.tr_corpus_errors_message(errs, i)),
                    _s(_c.tr_corpus_errors_file(errs, i)), _c.tr_corpus_errors_line(errs, i),
                    _c.tr_corpus_errors_column(errs, i)))
            self.load_errors = out
        finally:
            _c.tr_corpus_errors_free(errs)
        self._progress_done()
        return self

    def load_xml(self, data: Union[str, bytes], name: str = "<memory>") -> "Corpus":
        self._drop_index()
        data = _buf(data)
        _check(_c.tr_corpus_load_memory(self._handle, _b(name, "name"), data, len(data)))
        return self

    def __len__(self) -> int:
        return _c.tr_corpus_agreement_count(self._handle)

    _AGREEMENT_FIELDS = (("name", 0), ("type", 1), ("status", 2), ("notification", 3),
                         ("date_signed", 4), ("date_into_force", 5), ("date_notification", 6),
                         ("end_implementation", 7), ("date_inactive", 8), ("composition", 9),
                         ("region", 10), ("language", 11), ("wto_rta_id", 13), ("file", 14))

    def agreements(self) -> List[Dict[str, Any]]:
        """The loaded treaties in load order: dicts with tota_id (an int, as in
        Catalog), the ToTA metadata (name, type, status, notification,
        date_signed, date_into_force, date_notification, end_implementation,
        date_inactive, composition, region, language; None when absent),
        wto_rta_id (an int), file, parties and parties_original (ISO alpha-3), chapters
        and articles (counts)."""
        h = self._handle
        out = []
        for i in range(_c.tr_corpus_agreement_count(h)):
            d = {"tota_id": _tota_id(_s(_c.tr_corpus_agreement_get(h, i, 12)))}
            for key, field in self._AGREEMENT_FIELDS:
                d[key] = _s(_c.tr_corpus_agreement_get(h, i, field))
            d["wto_rta_id"] = _tota_id(d["wto_rta_id"])  # an int, as in Catalog
            if _c.tr_corpus_agreement_party_count is not None:
                for key, which in (("parties", 0), ("parties_original", 1)):
                    d[key] = [_s(_c.tr_corpus_agreement_party(h, i, which, k))
                              for k in range(_c.tr_corpus_agreement_party_count(h, i, which))]
                d["chapters"] = _c.tr_corpus_agreement_chapters(h, i, None)
                d["articles"] = _c.tr_corpus_agreement_articles(h, i, None)
            out.append(d)
        return out

    def articles(self, tota_id: Optional[Union[int, str]] = None) -> List[Dict[str, Any]]:
        """The articles (of one treaty, or all), in document order: dicts with
        label ("tota_id:article_identifier", as in pairs() and trace()), tota_id,
        chapter (number and name), number, identifier, name and text."""
        _require(_c.tr_corpus_article_chapter, "corpus structure")
        h = self._handle
        if tota_id is None:
            first, n = 0, _c.tr_corpus_article_count(h)
        else:
            idx = ctypes.c_size_t()
            _check(_c.tr_corpus_agreement_find(h, _b(tota_id, "tota_id"), ctypes.byref(idx)))
            f = ctypes.c_size_t()
            n = _c.tr_corpus_agreement_articles(h, idx.value, ctypes.byref(f))
            first = f.value
        out = []
        for i in range(first, first + n):
            ag = _c.tr_corpus_article_agreement(h, i)
            ch = _c.tr_corpus_article_chapter(h, i)
            out.append({"label": self._article_label(i),
                        "tota_id": _tota_id(_s(_c.tr_corpus_agreement_get(h, ag, 12))),
                        "chapter_number": _s(_c.tr_corpus_chapter_get(h, ch, 15)),
                        "chapter_name": _s(_c.tr_corpus_chapter_get(h, ch, 0)),
                        "number": _s(_c.tr_corpus_article_get(h, i, 15)),
                        "identifier": _s(_c.tr_corpus_article_get(h, i, 16)),
                        "name": _s(_c.tr_corpus_article_get(h, i, 0)),
                        "text": _s(_c.tr_corpus_article_get(h, i, 17))})
        return out

    def _agreement_index(self, tota_id):
        """The corpus index of the treaty with ToTA id ``tota_id``; NotFoundError if none."""
        idx = ctypes.c_size_t()
        _check(_c.tr_corpus_agreement_find(self._handle, _b(tota_id, "tota_id"),
                                           ctypes.byref(idx)))
        return idx.value

    def _idx(self, kind, n):
        if not self._index or self._index[:2] != (kind, n):
            self.build_index(kind, n)
        return self._index[2]

    def build_index(self, kind: str = "word", n: int = 5,
                    options: Optional[AnalysisOptions] = None) -> "Corpus":
        """Shingle every article now (the jobs otherwise do it on first use, with
        the corpus's threads): ``options`` (AnalysisOptions) gives the threads, a
        progress callback and cancellation (CancelledError; the previous index
        is then gone too). The jobs of the same ``kind`` and ``n`` reuse it."""
        oh = self._job_options(options)
        self._drop_index()
        ix = ctypes.c_void_p()
        rc = _c.tr_shingle_index_new_with_options(self._handle, _SHINGLES[kind],
                                                  _i(n, "n", ctypes.c_uint), oh, ctypes.byref(ix))
        if options is not None:
            options._done(rc)
        else:
            _check(rc)
        self._index = (kind, n, ix.value)
        self._progress_done()
        return self

    @staticmethod
    def _job_options(options):
        """The handle of the options of a corpus job (None: the corpus's threads)."""
        if options is None:
            return None
        if not isinstance(options, AnalysisOptions):
            raise InvalidArgumentError(-1, "options is an AnalysisOptions, not %r" % (options,))
        _require(_c.tr_shingle_index_pairs_with_options, "analysis options")
        if options._selects():
            raise InvalidArgumentError(-1, "the corpus jobs compare units: AnalysisOptions with "
                                       "ids or filters do not apply")
        return options._handle

    def similarity_matrix(self, unit: str = "agreement", kind: str = "word",
                          n: int = 5, options: Optional[AnalysisOptions] = None
                          ) -> Tuple[List[Any], Any]:
        """(labels, matrix): exact Jaccard between every two agreements (labels are
        ToTA ids, ints) or articles (labels "tota_id:article_identifier"); the
        matrix is a numpy array when numpy is installed, else a list of lists.
        ``options`` (AnalysisOptions): threads, progress, cancellation."""
        oh = self._job_options(options)
        ix = self._idx(kind, n)
        u = _UNITS[unit]
        count = _c.tr_shingle_index_unit_count(ix, u)
        buf = (ctypes.c_double * (count * count))()
        if oh is not None:
            options._done(_c.tr_shingle_index_matrix_with_options(ix, u, None, count, oh, buf, None))
        else:
            _check(_c.tr_shingle_index_matrix(ix, u, None, count, buf, None))
        if unit == "agreement":
            labels = [a["tota_id"] for a in self.agreements()]
        else:
            labels = [self._article_label(i) for i in range(count)]
        self._progress_done()
        return labels, _square(buf, count)

    def _article_label(self, i):
        h = self._handle
        ag = _c.tr_corpus_article_agreement(h, i)
        return "%s:%s" % (_s(_c.tr_corpus_agreement_get(h, ag, 12)),
                          _s(_c.tr_corpus_article_get(h, i, 16)) or i)

    def pairs(self, threshold: float = 0.5, unit: str = "article", kind: str = "word",
              n: int = 5, across_agreements: bool = True,
              options: Optional[AnalysisOptions] = None) -> List[Dict[str, Any]]:
        """Every pair of agreements or articles (``unit``) whose exact Jaccard is
        at least ``threshold``: dicts with first, second (labels as in
        similarity_matrix()), jaccard, intersection and union (shingle counts).
        ``across_agreements``: only articles of two different agreements.
        ``options`` (AnalysisOptions): threads, progress, cancellation."""
        if unit not in ("agreement", "article"):
            raise InvalidArgumentError(-1, "unit is 'agreement' or 'article', not %r" % (unit,))
        oh = self._job_options(options)
        ix = self._idx(kind, n)
        lst = ctypes.c_void_p()
        if oh is not None:
            options._done(_c.tr_shingle_index_pairs_with_options(
                ix, _UNITS[unit], float(threshold), 1 if across_agreements else 0, oh,
                ctypes.byref(lst)))
        else:
            _check(_c.tr_shingle_index_pairs(ix, _UNITS[unit], float(threshold),
                                             1 if across_agreements else 0, ctypes.byref(lst)))
        try:
            if unit == "agreement":
                names = [a["tota_id"] for a in self.agreements()]
                label = names.__getitem__
            else:
                label = self._article_label
            out = []
            a, b, j = ctypes.c_size_t(), ctypes.c_size_t(), ctypes.c_double()
            inter, union = ctypes.c_size_t(), ctypes.c_size_t()
            for i in range(_c.tr_pair_list_count(lst)):
                _check(_c.tr_pair_list_get(lst, i, ctypes.byref(a), ctypes.byref(b),
                                           ctypes.byref(j), ctypes.byref(inter),
                                           ctypes.byref(union)))
                out.append({"first": label(a.value), "second": label(b.value),
                            "jaccard": j.value, "intersection": inter.value,
                            "union": union.value})
            self._progress_done()
            return out
        finally:
            _c.tr_pair_list_free(lst)

    def trace(self, threshold: float = 0.5, kind: str = "word",
              n: int = 5, options: Optional[AnalysisOptions] = None) -> List[Dict[str, Any]]:
        """Clause reuse: for each article, its most similar article in an earlier
        agreement (Jaccard >= threshold). A list of dicts. ``options``
        (AnalysisOptions): threads, progress, cancellation."""
        oh = self._job_options(options)
        ix = self._idx(kind, n)
        lst = ctypes.c_void_p()
        if oh is not None:
            options._done(_c.tr_shingle_index_trace_with_options(ix, float(threshold), oh,
                                                                 ctypes.byref(lst)))
        else:
            _check(_c.tr_shingle_index_trace(ix, float(threshold), ctypes.byref(lst)))
        try:
            out = []
            a, b, j = ctypes.c_size_t(), ctypes.c_size_t(), ctypes.c_double()
            for i in range(_c.tr_pair_list_count(lst)):
                _check(_c.tr_pair_list_get(lst, i, ctypes.byref(a), ctypes.byref(b),
                                           ctypes.byref(j), None, None))
                out.append({"article": self._article_label(a.value),
                            "source": self._article_label(b.value), "jaccard": j.value})
            self._progress_done()
            return out
        finally:
            _c.tr_pair_list_free(lst)

    def select(self, party: Optional[str] = None, years: Any = None) -> List[int]:
        """Indexes (in agreements()) of the treaties a party signed (current
        parties, ASCII case ignored) within ``years`` ((from, to), None open, or
        "2010-2015"; a treaty without a signing date is then left out): the
        selection of ``traderules plot matrix --corpus``."""
        if isinstance(years, (str, bytes)):
            years = parse_years(years)
        y0, y1 = years if years else (None, None)
        out = ctypes.POINTER(ctypes.c_size_t)()
        n = ctypes.c_size_t()
        _check(_c.tr_plot_corpus_agreements(self._handle, _b(party, "party"),
                                            _i(y0 or 0, "years (first)"),
                                            _i(y1 or 0, "years (last)"),
                                            ctypes.byref(out), ctypes.byref(n)))
        try:
            return [out[i] for i in range(n.value)]
        finally:
            _c.tr_free(ctypes.cast(out, ctypes.c_void_p))

    def plot_label(self, tota_id: Union[int, str]) -> str:
        """The treaty's axis label on a matrix chart ("pta_N name", cut to 40
        characters), as ``traderules plot matrix --corpus`` draws it."""
        _require(_c.tr_plot_corpus_label, "corpus chart labels")
        out = ctypes.c_void_p()
        _check(_c.tr_plot_corpus_label(self._handle, self._agreement_index(tota_id), ctypes.byref(out)))
        try:
            return ctypes.string_at(out.value).decode("utf-8")
        finally:
            _c.tr_free(out)

    def chapters(self) -> List[Dict[str, Any]]:
        """The chapters in document order: dicts with tota_id (of the treaty),
        number, name, first_article (global article index, as in articles()) and
        articles (their number)."""
        h = self._handle
        out = []
        for k in range(_c.tr_corpus_chapter_count(h)):
            first = ctypes.c_size_t()
            n = _c.tr_corpus_chapter_articles(h, k, ctypes.byref(first))
            ag = _c.tr_corpus_chapter_agreement(h, k)
            out.append({"tota_id": _tota_id(_s(_c.tr_corpus_agreement_get(h, ag, 12))),
                        "number": _s(_c.tr_corpus_chapter_get(h, k, 15)),
                        "name": _s(_c.tr_corpus_chapter_get(h, k, 0)),
                        "first_article": first.value, "articles": n})
        return out

    def phase_times(self) -> Dict[str, Dict[str, float]]:
        """Time spent so far per phase (ingest, tokenize, intern, sets, join) on this
        corpus and its indexes: {phase: {"wall": seconds, "cpu": seconds}}."""
        out = {}
        for k, name in _enum_ids(_c.tr_corpus_phase_name, 16).items():
            wall, cpu = ctypes.c_double(), ctypes.c_double()
            _check(_c.tr_corpus_phase_time(self._handle, k, ctypes.byref(wall), ctypes.byref(cpu)))
            out[name] = {"wall": wall.value, "cpu": cpu.value}
        return out

    def vocabulary(self, kind: str = "word", n: int = 5) -> int:
        """Number of distinct shingles in the whole corpus."""
        return _c.tr_shingle_index_vocabulary(self._idx(kind, n))

    def unit_size(self, index: int, unit: str = "article", kind: str = "word", n: int = 5) -> int:
        """Number of distinct shingles of one unit (agreement, chapter or article
        by its index in agreements(), chapters() or articles())."""
        ix = self._idx(kind, n)
        u = _UNITS[unit]
        self._check_unit(ix, u, index)
        return _c.tr_shingle_index_unit_size(ix, u, index)

    def unit_shingles(self, index: int, unit: str = "article", kind: str = "word",
                      n: int = 5) -> "ShingleSet":
        """The shingles of one unit as a ShingleSet (to compare with other texts)."""
        ix = self._idx(kind, n)
        u = _UNITS[unit]
        self._check_unit(ix, u, index)
        out = ctypes.c_void_p()
        _check(_c.tr_shingle_index_unit_set(ix, u, index, ctypes.byref(out)))
        return ShingleSet._wrap(out.value)

    def _check_unit(self, ix, u, index):
        count = _c.tr_shingle_index_unit_count(ix, u)
        if _i(index, "index", ctypes.c_size_t) >= count:
            raise InvalidArgumentError(-1, "unit index %d is out of range (%d units)"
                                       % (index, count))

    def jaccard(self, a: int, b: int, unit: str = "article", kind: str = "word", n: int = 5,
                unit_b: Optional[str] = None) -> Dict[str, Any]:
        """Exact Jaccard of two units (indexes; ``unit_b`` defaults to ``unit``):
        a dict with jaccard, intersection and union (shingle counts)."""
        ix = self._idx(kind, n)
        j, inter, union = ctypes.c_double(), ctypes.c_size_t(), ctypes.c_size_t()
        _check(_c.tr_shingle_index_jaccard(ix, _UNITS[unit], _i(a, "a", ctypes.c_size_t),
                                           _UNITS[unit_b or unit], _i(b, "b", ctypes.c_size_t),
                                           ctypes.byref(j), ctypes.byref(inter),
                                           ctypes.byref(union)))
        return {"jaccard": j.value, "intersection": inter.value, "union": union.value}

    def overlaps(self, min_jaccard: float = 0.0, unit: str = "article", kind: str = "word",
                 n: int = 5, options: Optional[AnalysisOptions] = None) -> List[Dict[str, Any]]:
        """Every pair of units sharing at least one shingle with Jaccard >=
        ``min_jaccard``, exactly, sorted: dicts with first, second (unit indexes),
        jaccard, intersection and union. Memory follows the output (suited to many
        small units). ``options`` (AnalysisOptions): threads, progress, cancellation."""
        oh = self._job_options(options)
        ix = self._idx(kind, n)
        return self._pairs_job(lambda cb: _c.tr_shingle_index_overlaps_with_options(
            ix, _UNITS[unit], float(min_jaccard), oh, cb, None), options)

    def _pairs_job(self, call, options):
        """Run a job that streams (a, b, intersection, union) to a callback and finish
        it (errors raised, ``options`` told the outcome): a list of dicts with first,
        second, jaccard, intersection and union."""
        out, failure = [], []

        def on_pair(a, b, inter, union, _ud):
            try:
                out.append({"first": a, "second": b,
                            "jaccard": inter / union if union else 0.0,
                            "intersection": inter, "union": union})
                return 0
            except BaseException as e:  # never unwind through C
                failure.append(e)
                return 1

        cb = _c.PAIR_FN(on_pair)
        rc = call(cb)
        if failure:
            raise failure[0]
        if options is not None:
            options._done(rc)
        else:
            _check(rc)
        self._progress_done()
        return out

    def all_pairs(self, unit: str = "agreement", kind: str = "word", n: int = 5,
                  options: Optional[AnalysisOptions] = None) -> List[Dict[str, Any]]:
        """Every pair of units (those sharing nothing too), exactly, sorted: dicts
        with first, second, jaccard, intersection and union, as ``traderules corpus
        similar`` prints them (computed by blocks of rows: memory follows the number
        of units). ``options``: threads, progress, cancellation."""
        _require(_c.tr_shingle_index_all_pairs, "all_pairs")
        oh = self._job_options(options)
        ix = self._idx(kind, n)
        return self._pairs_job(lambda cb: _c.tr_shingle_index_all_pairs(ix, _UNITS[unit], oh, cb, None),
                               options)

    def most_similar(self, units: Union[int, Sequence[int]], top: int = 10, unit: str = "agreement",
                     kind: str = "word", n: int = 5,
                     options: Optional[AnalysisOptions] = None) -> List[Dict[str, Any]]:
        """The ``top`` units most similar to each of ``units`` (unit indexes), as
        ``traderules corpus similar ID --top N``: for each unit in turn, the other
        units sharing a shingle with it by falling Jaccard, equal Jaccard by rising
        index; dicts with first (the unit), second, jaccard, intersection and union."""
        _require(_c.tr_shingle_index_most_similar, "most_similar")
        if isinstance(units, int):
            units = [units]
        units = list(units)
        arr = (ctypes.c_size_t * max(1, len(units)))(*[_i(u, "units", ctypes.c_size_t) for u in units])
        oh = self._job_options(options)
        ix = self._idx(kind, n)
        top = _i(top, "top", ctypes.c_size_t)
        return self._pairs_job(lambda cb: _c.tr_shingle_index_most_similar(
            ix, _UNITS[unit], arr, len(units), top, oh, cb, None), options)

    def unit_count(self, unit: str = "agreement") -> int:
        """Number of agreements, chapters or articles."""
        _require(_c.tr_corpus_unit_count, "corpus units")
        return _c.tr_corpus_unit_count(self._handle, _UNITS[unit])

    def unit(self, index: int, unit: str = "agreement") -> Dict[str, Any]:
        """A unit as the similarity outputs name it: a dict with identifier (ToTA id
        of an agreement, identifier of a chapter or article), label (an agreement's
        name; a chapter's or article's number label, else its name; None if neither)
        and agreement (the index of its agreement)."""
        _require(_c.tr_corpus_unit_count, "corpus units")
        u = _UNITS[unit]
        if _i(index, "index", ctypes.c_size_t) >= _c.tr_corpus_unit_count(self._handle, u):
            raise InvalidArgumentError(-1, "unit index %d is out of range" % index)
        ident = _c.tr_corpus_unit_identifier(self._handle, u, index)
        label = _c.tr_corpus_unit_label(self._handle, u, index)
        return {"identifier": _s(ident) if ident else None, "label": _s(label) if label else None,
                "agreement": _c.tr_corpus_unit_agreement(self._handle, u, index)}

    def find_unit(self, identifier: str, unit: str = "agreement") -> int:
        """The index of the first unit whose identifier (see unit()) is ``identifier``;
        NotFoundError if there is none."""
        _require(_c.tr_corpus_unit_find, "corpus units")
        out = ctypes.c_size_t()
        _check(_c.tr_corpus_unit_find(self._handle, _UNITS[unit], _b(identifier, "identifier"),
                                      ctypes.byref(out)))
        return out.value

    def is_ecommerce_chapter(self, chapter: int) -> bool:
        """True if chapter ``chapter`` (global index) is named like an e-commerce
        chapter (is_ecommerce_chapter_name())."""
        _require(_c.tr_corpus_chapter_is_ecommerce, "e-commerce templates")
        return bool(_c.tr_corpus_chapter_is_ecommerce(self._handle, _i(chapter, "chapter", ctypes.c_size_t)))

    def ecommerce_templates(self, kind: str = "word", n: int = 5, join_articles: bool = False,
                            options: Optional[AnalysisOptions] = None) -> Dict[str, Any]:
        """The US and EU e-commerce templates (the reference selection of docs/corpus.md), as ``traderules corpus
        templates``: {"groups": [dicts with comparison ("within US", "within EU",
        "US x EU"), pairs, mean, min, max], "units": [dicts with tota_id, agreement
        (index), name, date_signed, unit (label), reference_group ("US", "EU" or None),
        articles (indexes), shingles, mean_us, mean_eu, closest ("US", "EU" or None
        when the means are equal)]}. ``join_articles``: shingle the joined article
        texts instead of the union of the article sets."""
        _require(_c.tr_ecommerce_templates_new, "e-commerce templates")
        oh = self._job_options(options)
        ix = self._idx(kind, n)
        h = ctypes.c_void_p()
        rc = _c.tr_ecommerce_templates_new(ix, 1 if join_articles else 0, oh, ctypes.byref(h))
        if options is not None:
            options._done(rc)
        else:
            _check(rc)
        self._progress_done()
        try:
            def gname(g):
                name = _c.tr_ecommerce_group_name(g)
                return _s(name) if name else None

            groups = []
            for a, b in ((1, 1), (2, 2), (1, 2)):
                pairs, mean, lo, hi = ctypes.c_size_t(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
                _check(_c.tr_ecommerce_templates_compare(h, a, b, ctypes.byref(pairs), ctypes.byref(mean),
                                                         ctypes.byref(lo), ctypes.byref(hi)))
                label = ("within %s" % gname(a)) if a == b else "%s x %s" % (gname(a), gname(b))
                groups.append({"comparison": label, "pairs": pairs.value, "mean": mean.value,
                               "min": lo.value, "max": hi.value})
            units = []
            for i in range(_c.tr_ecommerce_templates_count(h)):
                agr, grp, label = ctypes.c_size_t(), ctypes.c_int(), ctypes.c_char_p()
                _check(_c.tr_ecommerce_templates_unit(h, i, ctypes.byref(agr), ctypes.byref(grp),
                                                      ctypes.byref(label)))
                count = ctypes.c_size_t()
                arts = _c.tr_ecommerce_templates_articles(h, i, ctypes.byref(count))
                means = []
                for g in (1, 2):
                    m = ctypes.c_double()
                    _check(_c.tr_ecommerce_templates_mean(h, i, g, ctypes.byref(m), None))
                    means.append(m.value)
                closest = ctypes.c_int()
                _check(_c.tr_ecommerce_templates_closest(h, i, ctypes.byref(closest)))
                a = agr.value
                units.append({
                    "tota_id": _s(_c.tr_corpus_agreement_get(self._handle, a, 12)),
                    "agreement": a,
                    "name": _s(_c.tr_corpus_agreement_get(self._handle, a, 0)),
                    "date_signed": _s(_c.tr_corpus_agreement_get(self._handle, a, 4)),
                    "unit": _s(label.value), "reference_group": gname(grp.value),
                    "articles": [arts[k] for k in range(count.value)],
                    "shingles": _c.tr_shingle_set_size(_c.tr_ecommerce_templates_set(h, i)),
                    "mean_us": means[0], "mean_eu": means[1], "closest": gname(closest.value)})
            return {"groups": groups, "units": units}
        finally:
            _c.tr_ecommerce_templates_free(h)


class ShingleSet(_Owned):
    """The set of shingles (word or character n-grams) of a text, as the corpus
    jobs see it: ``len()``, ``in``, iteration (byte order), ``|`` (union) and
    jaccard()/intersection() with another set."""

    _free = staticmethod(lambda h: _c.tr_shingle_set_free(h))

    def __init__(self, text: Union[str, bytes], kind: str = "word", n: int = 5) -> None:
        h = ctypes.c_void_p()
        _check(_c.tr_shingle_set_from_text(_b(text, "text"), -1, _SHINGLES[kind],
                                           _i(n, "n", ctypes.c_uint), ctypes.byref(h)))
        super().__init__(h.value)

    @classmethod
    def _wrap(cls, handle):
        self = cls.__new__(cls)
        _Owned.__init__(self, handle)
        return self

    def __len__(self) -> int:
        return _c.tr_shingle_set_size(self._handle)

    def __contains__(self, shingle: object) -> bool:
        return bool(_c.tr_shingle_set_contains(self._handle, _b(shingle, "shingle")))

    def __iter__(self) -> Iterator[str]:
        h = self._handle
        for i in range(_c.tr_shingle_set_size(h)):
            yield _s(_c.tr_shingle_set_at(h, i))

    def __or__(self, other: "ShingleSet") -> "ShingleSet":
        out = ctypes.c_void_p()
        _check(_c.tr_shingle_set_union(self._handle, other._handle, ctypes.byref(out)))
        return ShingleSet._wrap(out.value)

    def intersection(self, other: "ShingleSet") -> int:
        return _c.tr_shingle_set_intersection(self._handle, other._handle)

    def jaccard(self, other: "ShingleSet") -> float:
        return _c.tr_shingle_set_jaccard(self._handle, other._handle)


def tokenize(text: Union[str, bytes], kind: str = "word") -> List[str]:
    """The tokens of ``text`` as the corpus jobs see them (kind "word" or
    "word_ascii"; "char" gives one token, the normalised text)."""
    data = _buf(text)
    toks = ctypes.POINTER(ctypes.c_char_p)()
    n = ctypes.c_size_t()
    _check(_c.tr_text_tokenize(data, len(data), _SHINGLES[kind], ctypes.byref(toks),
                               ctypes.byref(n)))
    try:
        return [toks[i].decode("utf-8") for i in range(n.value)]
    finally:
        _c.tr_free(ctypes.cast(toks, ctypes.c_void_p))


def corpus_unicode_version() -> str:
    """Unicode version of the tokenizer's character tables (e.g. "15.0.0")."""
    return _s(_c.tr_corpus_unicode_version())

# ---------------------------------------------------------------------------
# Charts (plot.h)


def plot_available() -> bool:
    return bool(_c.tr_plot_available())


def _format(path):
    out = ctypes.c_int()
    _check(_c.tr_plot_format_from_path(_b(path, "path"), ctypes.byref(out)))
    return out.value


def _array(agreements):
    agreements = list(agreements)
    return agreements, (ctypes.c_void_p * max(len(agreements), 1))(*[a._a for a in agreements])


class PlotOptions(_Owned):
    """Options of a chart: ``dpi`` (PNG, 36..2400), ``size`` (width, height) in
    points (0 keeps the natural size on that axis), ``title`` (None: the chart's
    own). After drawing, ``missing_glyphs`` tells how many characters no
    installed font could draw."""

    _free = staticmethod(lambda h: _c.tr_plot_options_free(h))

    def __init__(self, dpi: Optional[float] = None,
                 size: Optional[Tuple[float, float]] = None,
                 title: Optional[str] = None) -> None:
        h = ctypes.c_void_p()
        _check(_c.tr_plot_options_new(ctypes.byref(h)))
        super().__init__(h.value)
        if dpi is not None:
            _check(_c.tr_plot_options_set_dpi(h.value, float(dpi)))
        if size is not None:
            _check(_c.tr_plot_options_set_size(h.value, float(size[0]), float(size[1])))
        if title is not None:
            _check(_c.tr_plot_options_set_title(h.value, _b(title, "title")))

    @property
    def missing_glyphs(self) -> int:
        return _c.tr_plot_options_missing_glyphs(self._handle)


def _plot_options(options):
    if options is not None and not isinstance(options, PlotOptions):
        raise InvalidArgumentError(-1, "options is a PlotOptions, not %r" % (options,))
    return options._handle if options is not None else None


def plot_heatmap(agreements: Iterable[Agreement], path: PathLike,
                 options: Optional[PlotOptions] = None) -> None:
    """Heatmap of agreements × categories coloured by strength (SVG, PNG or PDF by
    extension); ``options``: a PlotOptions."""
    keep, arr = _array(agreements)
    if options is None:
        _check(_c.tr_plot_heatmap(arr, len(keep), _b(path, "path"), _format(path)))
    else:
        _check(_c.tr_plot_heatmap_with(arr, len(keep), _b(path, "path"), _format(path),
                                       _plot_options(options)))


def plot_timeline(agreements: Iterable[Agreement], path: PathLike,
                  options: Optional[PlotOptions] = None) -> None:
    """Signature timeline; with ``options`` (PlotOptions) markers are labelled with ids."""
    keep, arr = _array(agreements)
    if options is None:
        _check(_c.tr_plot_timeline(arr, len(keep), _b(path, "path"), _format(path)))
    else:
        _check(_c.tr_plot_timeline_with(arr, len(keep), _b(path, "path"), _format(path),
                                        _plot_options(options)))


def plot_comparison(comparison: "Comparison", path: PathLike,
                    options: Optional[PlotOptions] = None) -> None:
    """A Comparison as a chart: one row per category with each side's strength and
    the relation."""
    _check(_c.tr_plot_comparison(comparison._handle, _b(path, "path"), _format(path),
                                 _plot_options(options)))


def plot_compare(group_a: Iterable[Agreement], group_b: Iterable[Agreement], path: PathLike,
                 label_a: Optional[str] = None, label_b: Optional[str] = None) -> None:
    ka, a = _array(group_a)
    kb, b = _array(group_b)
    _check(_c.tr_plot_compare(a, len(ka), _b(label_a, "label_a"), b, len(kb),
                              _b(label_b, "label_b"), _b(path, "path"),
                              _format(path)))


def _flat(matrix, n):
    flat = (ctypes.c_double * (n * n))()
    for i, row in enumerate(matrix):
        if len(row) != n:
            raise InvalidArgumentError(-1, "row %d has %d values, expected %d" % (i, len(row), n))
        for j, v in enumerate(row):
            flat[i * n + j] = math.nan if v is None else float(v)
    if len(matrix) != n:
        raise InvalidArgumentError(-1, "%d rows, expected %d" % (len(matrix), n))
    return flat


def read_matrix_csv(path: Optional[PathLike] = None, data: Union[str, bytes, None] = None,
                    name: Optional[str] = None) -> Tuple[List[str], List[List[Optional[float]]]]:
    """Read a square labelled matrix in the CSV layout of R's write.csv() (header
    ",label1,label2,...", then "labelI,v1,v2,..."; NA or empty = no value), from
    ``path`` or from ``data``, as ``traderules plot matrix --input`` does
    (tr_plot_matrix_input_read_file() / _read()): (labels, rows), None where there is
    no value; ParseError with the line and field otherwise. The result fits plot_matrix()."""
    _require(_c.tr_plot_matrix_input_read, "matrix input")
    if (path is None) == (data is None):
        raise InvalidArgumentError(-1, "read_matrix_csv: give path or data")
    h = ctypes.c_void_p()
    if path is not None:
        _check(_c.tr_plot_matrix_input_read_file(_b(path, "path"), ctypes.byref(h)))
    else:
        buf = _buf(data)
        _check(_c.tr_plot_matrix_input_read(buf, len(buf), _b(name, "name"), ctypes.byref(h)))
    try:
        n = _c.tr_plot_matrix_input_size(h)
        arr = _c.tr_plot_matrix_input_labels(h)
        labels = [_s(arr[i]) for i in range(n)]
        vals = _c.tr_plot_matrix_input_values(h)
        rows = [[None if math.isnan(vals[i * n + j]) else vals[i * n + j] for j in range(n)]
                for i in range(n)]
        return labels, rows
    finally:
        _c.tr_plot_matrix_input_free(h)


def cluster_order(matrix: Sequence[Sequence[Optional[float]]]) -> List[int]:
    """Leaf order of average-linkage clustering of a similarity matrix (list of indexes)."""
    n = len(matrix)
    out = (ctypes.c_size_t * max(n, 1))()
    _check(_c.tr_plot_cluster_order(_flat(matrix, n), n, out))
    return list(out[:n])


def plot_matrix(labels: Sequence[Any], matrix: Sequence[Sequence[Optional[float]]],
                path: PathLike, title: Optional[str] = None,
                overlap: Optional[Sequence[Sequence[int]]] = None, min_overlap: int = 0,
                options: Optional[PlotOptions] = None) -> None:
    """Similarity matrix (None/NaN = no value), ordered by clustering. With
    ``overlap`` (counts, e.g. distance_matrix(comparable=True)) cells below
    ``min_overlap`` are drawn as "too few categories"; with ``overlap``,
    ``min_overlap`` or ``options`` the diagonal is masked."""
    n = len(labels)
    lab = (ctypes.c_char_p * max(n, 1))(*[_b(s, "labels") for s in labels])
    if overlap is None and not min_overlap and options is None:
        _check(_c.tr_plot_matrix(lab, n, _flat(matrix, n), _b(title, "title"), _b(path, "path"),
                                 _format(path)))
        return
    ov = None
    if overlap is not None:
        if len(overlap) != n or any(len(r) != n for r in overlap):
            raise InvalidArgumentError(-1, "overlap must be %d x %d" % (n, n))
        ov = (ctypes.c_size_t * max(n * n, 1))(
            *[_i(v, "overlap", ctypes.c_size_t) for r in overlap for v in r])
    _check(_c.tr_plot_matrix_with(lab, n, _flat(matrix, n), ov,
                                  _i(min_overlap, "min_overlap", ctypes.c_size_t),
                                  _b(title, "title"), _b(path, "path"), _format(path),
                                  _plot_options(options)))
