# SPDX-License-Identifier: MIT
"""Low-level ctypes declarations of the libtraderules C ABI (private).

Only the standard library is used. The shared library is looked for, in order:

1. at the path in the environment variable TRADERULES_LIBRARY (if it is set
   and cannot be loaded, that is an error: nothing else is tried);
2. in the libdir reported by ``pkg-config --variable=libdir traderules``;
3. by the system loader: ``ctypes.util.find_library("traderules")``, then the
   soname ``libtraderules.so.0`` (LD_LIBRARY_PATH, the ld.so cache).

When nothing is found, importing raises ImportError saying what was tried and
how to fix it.
"""

import ctypes
import ctypes.util
import os
import subprocess

SONAME = "libtraderules.so.0"

_HELP = ("set TRADERULES_LIBRARY to the library's path (e.g. "
         "TRADERULES_LIBRARY=$PWD/build/lib/libtraderules.so.0 in a build tree), "
         "or install libtraderules (meson install) where pkg-config finds traderules.pc "
         "(PKG_CONFIG_PATH) or where the system loader finds it (ldconfig, LD_LIBRARY_PATH)")


def _pkg_config_libdir():
    """The libdir pkg-config reports for traderules, or None (no pkg-config, no .pc)."""
    try:
        r = subprocess.run(["pkg-config", "--variable=libdir", "traderules"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    libdir = r.stdout.decode("utf-8", "replace").strip()
    return libdir if r.returncode == 0 and libdir else None


def _load():
    """(CDLL, path, how) or raise ImportError."""
    tried = []
    env = os.environ.get("TRADERULES_LIBRARY")
    if env:
        try:
            return ctypes.CDLL(env), env, "TRADERULES_LIBRARY"
        except OSError as e:
            raise ImportError("traderules: cannot load the library named by TRADERULES_LIBRARY "
                              "(%s): %s; point it at libtraderules.so.0 or unset it to search "
                              "pkg-config and the system" % (env, e)) from None
    tried.append("TRADERULES_LIBRARY (not set)")
    libdir = _pkg_config_libdir()
    if libdir:
        for name in (SONAME, "libtraderules.so"):
            path = os.path.join(libdir, name)
            if os.path.exists(path):
                try:
                    return ctypes.CDLL(path), path, "pkg-config"
                except OSError as e:
                    tried.append("pkg-config libdir %s: %s" % (path, e))
                    break
        else:
            tried.append("pkg-config libdir %s (no %s there)" % (libdir, SONAME))
    else:
        tried.append("pkg-config --variable=libdir traderules (no pkg-config or no traderules.pc)")
    found = ctypes.util.find_library("traderules")
    if found:
        try:
            return ctypes.CDLL(found), found, "find_library"
        except OSError as e:
            tried.append("ctypes.util.find_library: %s: %s" % (found, e))
    else:
        tried.append("ctypes.util.find_library('traderules') (nothing)")
    try:
        return ctypes.CDLL(SONAME), SONAME, "soname"
    except OSError as e:
        tried.append("%s through the system loader: %s" % (SONAME, e))
    raise ImportError("traderules: libtraderules was not found; tried " + "; ".join(tried)
                      + ". To fix: " + _HELP, name="traderules")


lib, path, found_by = _load()

c_int = ctypes.c_int
c_uint = ctypes.c_uint
c_long = ctypes.c_long
c_size = ctypes.c_size_t
c_double = ctypes.c_double
c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p
c_u64 = ctypes.c_uint64
P = ctypes.POINTER


# ---------------------------------------------------------------------------
# Argument checks. ctypes silently truncates an int to the C type (2**32 + 7
# becomes 7 in a C int) and a C string ends at its first NUL ('A\x00B' becomes
# 'A'). Every value the binding passes to C goes through to_int() / to_bytes()
# (which name the argument), and every function declared below checks its
# integer and string arguments again before C is entered (naming the function
# and the argument's position), so that no call site can slip past.

#: Raised for a string with a NUL and for a non-integral number; the package
#: replaces these with its own classes (InvalidArgumentError and a subclass that
#: is also an OverflowError) once they are defined.
ValueErrorClass = ValueError
RangeErrorClass = OverflowError


def _int_range(t):
    bits = 8 * ctypes.sizeof(t)
    if t(-1).value == -1:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


_INT_TYPES = {t: _int_range(t) for t in (ctypes.c_int, ctypes.c_uint, ctypes.c_long,
                                          ctypes.c_ulong, ctypes.c_size_t, ctypes.c_int64,
                                          ctypes.c_uint64, ctypes.c_int32, ctypes.c_uint32)}
# (c_int is c_int32 and c_size_t is c_ulong in ctypes: name the size, not the C spelling)
_C_NAMES = {t: "%s %d-bit integer" % ("a signed" if lo < 0 else "an unsigned", 8 * ctypes.sizeof(t))
            for t, (lo, hi) in _INT_TYPES.items()}


def to_int(value, what, ctype=ctypes.c_int):
    """``value`` as a Python int that fits the C type ``ctype``, or raise.

    Accepts ints (bool too), integral floats (7.0) and anything int() takes
    (e.g. "7"); refuses a float with a fraction (ValueErrorClass) and a number
    outside the C type's range (RangeErrorClass, naming ``what`` and the range)."""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            raise ValueErrorClass("%s = %r is not a whole number" % (what, value))
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValueErrorClass("%s = %r is not an integer" % (what, value)) from None
    lo, hi = _INT_TYPES[ctype]
    if n < lo or n > hi:
        raise RangeErrorClass("%s = %d is out of range: it is passed to C as %s, which holds "
                              "%d..%d" % (what, n, _C_NAMES[ctype], lo, hi))
    return n


def to_bytes(value, what):
    """``value`` (str, bytes, os.PathLike or anything str() takes; None stays
    None) as UTF-8 bytes for a C string, or raise ValueErrorClass naming ``what``
    if it holds a NUL character (C would drop everything from there on)."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        b = bytes(value)
    else:
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
            if isinstance(value, bytes):
                return to_bytes(value, what)
        b = str(value).encode("utf-8")
    k = b.find(b"\0")
    if k >= 0:
        raise ValueErrorClass("%s contains a NUL character at index %d: a C string ends there, "
                              "so the rest would be lost; remove it" % (what, k))
    return b


def _guard(name, f, argtypes):
    """``f`` with its integer and C-string arguments checked before the call.
    A c_char_p followed by a size_t is a buffer with its length: NULs in it are
    the library's to judge (it reports them with a location)."""
    checks = []
    for i, t in enumerate(argtypes):
        if t in _INT_TYPES:
            checks.append((i, t))
        elif t is ctypes.c_char_p and not (i + 1 < len(argtypes)
                                           and argtypes[i + 1] is ctypes.c_size_t):
            checks.append((i, None))
    if not checks:
        return f

    def call(*args):
        for i, t in checks:
            if i >= len(args):
                break
            v = args[i]
            if t is None:
                if isinstance(v, bytes) and b"\0" in v:
                    to_bytes(v, "%s(): argument %d" % (name, i + 1))
            elif isinstance(v, int):
                to_int(v, "%s(): argument %d" % (name, i + 1), t)
        return f(*args)

    call.__name__ = name
    call.__wrapped__ = f
    call.argtypes = tuple(argtypes)
    call.restype = f.restype
    return call


def _fn(name, restype, *argtypes, optional=False):
    try:
        f = getattr(lib, name)
    except AttributeError:
        if optional:
            return None
        raise
    f.restype = restype
    f.argtypes = list(argtypes)
    return _guard(name, f, argtypes)


def has(name):
    """True if the loaded library exports @name (parts land at different times)."""
    return hasattr(lib, name)


# common.h, error.h, version.h
tr_status_id = _fn("tr_status_id", c_char_p, c_int)
tr_free = _fn("tr_free", None, c_void_p)
tr_error_code = _fn("tr_error_code", c_int)
tr_error_message = _fn("tr_error_message", c_char_p)
tr_error_file = _fn("tr_error_file", c_char_p)
tr_error_line = _fn("tr_error_line", c_long)
tr_error_column = _fn("tr_error_column", c_long)
tr_error_field = _fn("tr_error_field", c_char_p)
tr_error_clear = _fn("tr_error_clear", None)
tr_version = _fn("tr_version", c_char_p)

# model.h: enums
tr_category_count = _fn("tr_category_count", c_int)
tr_category_id = _fn("tr_category_id", c_char_p, c_int)
tr_category_title = _fn("tr_category_title", c_char_p, c_int)
tr_category_from_id = _fn("tr_category_from_id", c_int, c_char_p, P(c_int))
tr_strength_id = _fn("tr_strength_id", c_char_p, c_int)
tr_strength_from_id = _fn("tr_strength_from_id", c_int, c_char_p, P(c_int))
tr_exception_count = _fn("tr_exception_count", c_int)
tr_exception_id = _fn("tr_exception_id", c_char_p, c_uint)
tr_exception_from_id = _fn("tr_exception_from_id", c_int, c_char_p, P(c_uint))
tr_provision_flag_id = _fn("tr_provision_flag_id", c_char_p, c_uint)
tr_provision_flag_from_id = _fn("tr_provision_flag_from_id", c_int, c_char_p, P(c_uint))
tr_kind_id = _fn("tr_kind_id", c_char_p, c_int)
tr_kind_from_id = _fn("tr_kind_from_id", c_int, c_char_p, P(c_int))
tr_agreement_status_id = _fn("tr_agreement_status_id", c_char_p, c_int)
tr_agreement_status_from_id = _fn("tr_agreement_status_from_id", c_int, c_char_p, P(c_int))
tr_family_id = _fn("tr_family_id", c_char_p, c_int)
tr_family_from_id = _fn("tr_family_from_id", c_int, c_char_p, P(c_int))
tr_dispute_settlement_id = _fn("tr_dispute_settlement_id", c_char_p, c_int)
tr_dispute_settlement_from_id = _fn("tr_dispute_settlement_from_id", c_int, c_char_p, P(c_int))

# model.h: provisions
tr_provision_new = _fn("tr_provision_new", c_int, c_int, c_int, P(c_void_p))
tr_provision_free = _fn("tr_provision_free", None, c_void_p)
tr_provision_set_citation = _fn("tr_provision_set_citation", c_int, c_void_p, c_char_p)
tr_provision_get_citation = _fn("tr_provision_get_citation", c_char_p, c_void_p)
tr_provision_set_title = _fn("tr_provision_set_title", c_int, c_void_p, c_char_p)
tr_provision_get_title = _fn("tr_provision_get_title", c_char_p, c_void_p)
tr_provision_set_summary = _fn("tr_provision_set_summary", c_int, c_void_p, c_char_p)
tr_provision_get_summary = _fn("tr_provision_get_summary", c_char_p, c_void_p)
tr_provision_set_source = _fn("tr_provision_set_source", c_int, c_void_p, c_char_p)
tr_provision_get_source = _fn("tr_provision_get_source", c_char_p, c_void_p)
tr_provision_set_note = _fn("tr_provision_set_note", c_int, c_void_p, c_char_p)
tr_provision_get_note = _fn("tr_provision_get_note", c_char_p, c_void_p)
tr_provision_set_strength = _fn("tr_provision_set_strength", c_int, c_void_p, c_int)
tr_provision_set_exceptions = _fn("tr_provision_set_exceptions", c_int, c_void_p, c_uint)
tr_provision_set_dispute_settlement = _fn("tr_provision_set_dispute_settlement", c_int, c_void_p, c_int)
tr_provision_set_flags = _fn("tr_provision_set_flags", c_int, c_void_p, c_uint)
tr_provision_get_category = _fn("tr_provision_get_category", c_int, c_void_p)
tr_provision_get_strength = _fn("tr_provision_get_strength", c_int, c_void_p)
tr_provision_get_exceptions = _fn("tr_provision_get_exceptions", c_uint, c_void_p)
tr_provision_get_dispute_settlement = _fn("tr_provision_get_dispute_settlement", c_int, c_void_p)
tr_provision_get_flags = _fn("tr_provision_get_flags", c_uint, c_void_p)

# model.h: agreements
tr_agreement_new = _fn("tr_agreement_new", c_int, c_char_p, c_char_p, P(c_void_p))
tr_agreement_free = _fn("tr_agreement_free", None, c_void_p)
tr_agreement_set_kind = _fn("tr_agreement_set_kind", c_int, c_void_p, c_int)
tr_agreement_set_status = _fn("tr_agreement_set_status", c_int, c_void_p, c_int)
tr_agreement_set_family = _fn("tr_agreement_set_family", c_int, c_void_p, c_int)
tr_agreement_set_date_signed = _fn("tr_agreement_set_date_signed", c_int, c_void_p, c_char_p)
tr_agreement_set_date_in_force = _fn("tr_agreement_set_date_in_force", c_int, c_void_p, c_char_p)
tr_agreement_add_party = _fn("tr_agreement_add_party", c_int, c_void_p, c_char_p)
tr_agreement_add_source = _fn("tr_agreement_add_source", c_int, c_void_p, c_char_p)
tr_agreement_set_based_on = _fn("tr_agreement_set_based_on", c_int, c_void_p, c_char_p)
tr_agreement_set_tota_id = _fn("tr_agreement_set_tota_id", c_int, c_void_p, c_int)
tr_agreement_set_wto_rta_id = _fn("tr_agreement_set_wto_rta_id", c_int, c_void_p, c_int)
tr_agreement_set_note = _fn("tr_agreement_set_note", c_int, c_void_p, c_char_p)
tr_agreement_add_provision = _fn("tr_agreement_add_provision", c_int, c_void_p, c_void_p)
tr_agreement_get_id = _fn("tr_agreement_get_id", c_char_p, c_void_p)
tr_agreement_get_name = _fn("tr_agreement_get_name", c_char_p, c_void_p)
tr_agreement_get_kind = _fn("tr_agreement_get_kind", c_int, c_void_p)
tr_agreement_get_status = _fn("tr_agreement_get_status", c_int, c_void_p)
tr_agreement_get_family = _fn("tr_agreement_get_family", c_int, c_void_p)
tr_agreement_get_date_signed = _fn("tr_agreement_get_date_signed", c_char_p, c_void_p)
tr_agreement_get_date_in_force = _fn("tr_agreement_get_date_in_force", c_char_p, c_void_p)
tr_agreement_get_year = _fn("tr_agreement_get_year", c_int, c_void_p)
tr_agreement_party_count = _fn("tr_agreement_party_count", c_size, c_void_p)
tr_agreement_party_at = _fn("tr_agreement_party_at", c_char_p, c_void_p, c_size)
tr_agreement_source_count = _fn("tr_agreement_source_count", c_size, c_void_p)
tr_agreement_source_at = _fn("tr_agreement_source_at", c_char_p, c_void_p, c_size)
tr_agreement_get_based_on = _fn("tr_agreement_get_based_on", c_char_p, c_void_p)
tr_agreement_get_tota_id = _fn("tr_agreement_get_tota_id", c_int, c_void_p)
tr_agreement_get_wto_rta_id = _fn("tr_agreement_get_wto_rta_id", c_int, c_void_p)
tr_agreement_get_note = _fn("tr_agreement_get_note", c_char_p, c_void_p)
tr_agreement_provision_count = _fn("tr_agreement_provision_count", c_size, c_void_p)
tr_agreement_provision_at = _fn("tr_agreement_provision_at", c_void_p, c_void_p, c_size)
tr_agreement_find_provision = _fn("tr_agreement_find_provision", c_void_p, c_void_p, c_int)

# catalog.h
tr_catalog_new = _fn("tr_catalog_new", c_int, P(c_void_p))
tr_catalog_new_default = _fn("tr_catalog_new_default", c_int, P(c_void_p))
tr_catalog_free = _fn("tr_catalog_free", None, c_void_p)
tr_catalog_load_file = _fn("tr_catalog_load_file", c_int, c_void_p, c_char_p)
tr_catalog_load_data = _fn("tr_catalog_load_data", c_int, c_void_p, c_char_p, c_size, c_char_p)
tr_catalog_to_json = _fn("tr_catalog_to_json", c_int, c_void_p, P(c_void_p))
tr_catalog_save_file = _fn("tr_catalog_save_file", c_int, c_void_p, c_char_p)
tr_catalog_add_agreement = _fn("tr_catalog_add_agreement", c_int, c_void_p, c_void_p)
tr_catalog_agreement_count = _fn("tr_catalog_agreement_count", c_size, c_void_p)
tr_catalog_agreement_at = _fn("tr_catalog_agreement_at", c_void_p, c_void_p, c_size)
tr_catalog_find_agreement = _fn("tr_catalog_find_agreement", c_void_p, c_void_p, c_char_p)
tr_filter_new = _fn("tr_filter_new", c_int, P(c_void_p))
tr_filter_free = _fn("tr_filter_free", None, c_void_p)
tr_filter_set_party = _fn("tr_filter_set_party", c_int, c_void_p, c_char_p)
tr_filter_set_family = _fn("tr_filter_set_family", c_int, c_void_p, c_int)
tr_filter_set_kind = _fn("tr_filter_set_kind", c_int, c_void_p, c_int)
tr_filter_set_status = _fn("tr_filter_set_status", c_int, c_void_p, c_int)
tr_filter_set_years = _fn("tr_filter_set_years", c_int, c_void_p, c_int, c_int)
tr_catalog_select = _fn("tr_catalog_select", c_int, c_void_p, c_void_p, P(c_void_p))
tr_agreement_list_count = _fn("tr_agreement_list_count", c_size, c_void_p)
tr_agreement_list_at = _fn("tr_agreement_list_at", c_void_p, c_void_p, c_size)
tr_agreement_list_free = _fn("tr_agreement_list_free", None, c_void_p)

# csv.h
tr_csv_format_from_id = _fn("tr_csv_format_from_id", c_int, c_char_p, P(c_int))
tr_csv_write = _fn("tr_csv_write", c_int, c_void_p, c_void_p, c_int, P(c_void_p))
tr_csv_write_file = _fn("tr_csv_write_file", c_int, c_void_p, c_void_p, c_int, c_char_p)
tr_csv_read = _fn("tr_csv_read", c_int, c_void_p, c_char_p, c_size, c_char_p)
tr_csv_read_file = _fn("tr_csv_read_file", c_int, c_void_p, c_char_p)

# plot.h
tr_plot_available = _fn("tr_plot_available", c_int)
tr_plot_format_from_path = _fn("tr_plot_format_from_path", c_int, c_char_p, P(c_int))
tr_plot_heatmap = _fn("tr_plot_heatmap", c_int, P(c_void_p), c_size, c_char_p, c_int)
tr_plot_compare = _fn("tr_plot_compare", c_int, P(c_void_p), c_size, c_char_p, P(c_void_p), c_size,
                      c_char_p, c_char_p, c_int)
tr_plot_cluster_order = _fn("tr_plot_cluster_order", c_int, P(c_double), c_size, P(c_size))
tr_plot_matrix = _fn("tr_plot_matrix", c_int, P(c_char_p), c_size, P(c_double), c_char_p, c_char_p,
                     c_int)
tr_plot_timeline = _fn("tr_plot_timeline", c_int, P(c_void_p), c_size, c_char_p, c_int)

# compare.h (optional: parts of the library land at different times)
tr_template_resolve = _fn("tr_template_resolve", c_int, c_void_p, c_char_p, P(c_void_p), optional=True)
tr_template_new_from_agreement = _fn("tr_template_new_from_agreement", c_int, c_void_p, P(c_void_p),
                                     optional=True)
tr_template_free = _fn("tr_template_free", None, c_void_p, optional=True)
tr_template_get_name = _fn("tr_template_get_name", c_char_p, c_void_p, optional=True)
tr_template_member_count = _fn("tr_template_member_count", c_size, c_void_p, optional=True)
tr_template_member_at = _fn("tr_template_member_at", c_char_p, c_void_p, c_size, optional=True)
tr_template_get_strength = _fn("tr_template_get_strength", c_int, c_void_p, c_int, optional=True)
tr_template_builtin_count = _fn("tr_template_builtin_count", c_size, optional=True)
tr_template_builtin_name = _fn("tr_template_builtin_name", c_char_p, c_size, optional=True)
tr_relation_id = _fn("tr_relation_id", c_char_p, c_int, optional=True)
tr_comparison_new = _fn("tr_comparison_new", c_int, c_void_p, c_void_p, P(c_void_p), optional=True)
tr_comparison_free = _fn("tr_comparison_free", None, c_void_p, optional=True)
tr_comparison_count = _fn("tr_comparison_count", c_size, c_void_p, optional=True)
tr_comparison_category_at = _fn("tr_comparison_category_at", c_int, c_void_p, c_size, optional=True)
tr_comparison_relation_at = _fn("tr_comparison_relation_at", c_int, c_void_p, c_size, optional=True)
tr_comparison_comparable_count = _fn("tr_comparison_comparable_count", c_size, c_void_p, optional=True)
tr_comparison_agreement_share = _fn("tr_comparison_agreement_share", c_double, c_void_p, optional=True)
tr_comparison_distance = _fn("tr_comparison_distance", c_double, c_void_p, optional=True)
tr_comparison_similarity = _fn("tr_comparison_similarity", c_double, c_void_p, optional=True)
tr_matrix_new = _fn("tr_matrix_new", c_int, c_void_p, c_void_p, c_uint, P(c_void_p), optional=True)
tr_matrix_free = _fn("tr_matrix_free", None, c_void_p, optional=True)
tr_matrix_size = _fn("tr_matrix_size", c_size, c_void_p, optional=True)
tr_matrix_id_at = _fn("tr_matrix_id_at", c_char_p, c_void_p, c_size, optional=True)
tr_matrix_distance = _fn("tr_matrix_distance", c_double, c_void_p, c_size, c_size, optional=True)

tr_classification_new = _fn("tr_classification_new", c_int, c_void_p, c_void_p, P(c_void_p), c_size,
                            c_double, P(c_void_p), optional=True)
tr_classification_free = _fn("tr_classification_free", None, c_void_p, optional=True)
tr_classification_count = _fn("tr_classification_count", c_size, c_void_p, optional=True)
tr_classification_agreement_at = _fn("tr_classification_agreement_at", c_char_p, c_void_p, c_size,
                                     optional=True)
tr_classification_nearest_at = _fn("tr_classification_nearest_at", c_int, c_void_p, c_size,
                                   optional=True)
tr_classification_distance_at = _fn("tr_classification_distance_at", c_double, c_void_p, c_size,
                                    c_size, optional=True)
tr_classification_margin_at = _fn("tr_classification_margin_at", c_double, c_void_p, c_size,
                                  optional=True)
tr_classification_in_between_at = _fn("tr_classification_in_between_at", c_int, c_void_p, c_size,
                                      optional=True)
tr_common_ground_new = _fn("tr_common_ground_new", c_int, P(c_void_p), c_size, P(c_void_p),
                           optional=True)
tr_common_ground_free = _fn("tr_common_ground_free", None, c_void_p, optional=True)
tr_common_ground_get = _fn("tr_common_ground_get", c_int, c_void_p, c_int, optional=True)
tr_common_ground_floor = _fn("tr_common_ground_floor", c_int, c_void_p, c_int, optional=True)
tr_common_ground_ceiling = _fn("tr_common_ground_ceiling", c_int, c_void_p, c_int, optional=True)
tr_ground_id = _fn("tr_ground_id", c_char_p, c_int, optional=True)

# coder.h
tr_coder_new = _fn("tr_coder_new", c_int, P(c_void_p), optional=True)
tr_coder_new_from_file = _fn("tr_coder_new_from_file", c_int, c_char_p, P(c_void_p), optional=True)
tr_coder_free = _fn("tr_coder_free", None, c_void_p, optional=True)
tr_coder_get_name = _fn("tr_coder_get_name", c_char_p, c_void_p, optional=True)
tr_coder_rule_count = _fn("tr_coder_rule_count", c_size, c_void_p, optional=True)
tr_coder_code_text = _fn("tr_coder_code_text", c_int, c_void_p, c_char_p, c_char_p, c_char_p,
                         P(c_void_p), optional=True)
tr_coding_free = _fn("tr_coding_free", None, c_void_p, optional=True)
tr_coding_get_input = _fn("tr_coding_get_input", c_void_p, c_void_p, c_int, optional=True)
tr_coding_assignment_count = _fn("tr_coding_assignment_count", c_size, c_void_p, optional=True)
tr_coding_assignment_at = _fn("tr_coding_assignment_at", c_void_p, c_void_p, c_size, optional=True)
tr_coding_get_exceptions = _fn("tr_coding_get_exceptions", c_uint, c_void_p, optional=True)
tr_assignment_get_category = _fn("tr_assignment_get_category", c_int, c_void_p, optional=True)
tr_assignment_get_strength = _fn("tr_assignment_get_strength", c_int, c_void_p, optional=True)
tr_assignment_get_exceptions = _fn("tr_assignment_get_exceptions", c_uint, c_void_p, optional=True)
tr_assignment_evidence_count = _fn("tr_assignment_evidence_count", c_size, c_void_p, optional=True)
tr_assignment_evidence_at = _fn("tr_assignment_evidence_at", c_void_p, c_void_p, c_size, optional=True)
tr_evidence_get_kind = _fn("tr_evidence_get_kind", c_int, c_void_p, optional=True)
tr_evidence_kind_id = _fn("tr_evidence_kind_id", c_char_p, c_int, optional=True)
tr_evidence_get_field = _fn("tr_evidence_get_field", c_int, c_void_p, optional=True)
tr_text_field_id = _fn("tr_text_field_id", c_char_p, c_int, optional=True)
tr_evidence_get_offset = _fn("tr_evidence_get_offset", c_size, c_void_p, optional=True)
tr_evidence_get_length = _fn("tr_evidence_get_length", c_size, c_void_p, optional=True)
tr_evidence_get_rule = _fn("tr_evidence_get_rule", c_char_p, c_void_p, optional=True)
tr_agreement_coding_new = _fn("tr_agreement_coding_new", c_int, c_void_p, c_char_p, c_char_p, c_int,
                              P(c_void_p), optional=True)
tr_agreement_coding_free = _fn("tr_agreement_coding_free", None, c_void_p, optional=True)
tr_agreement_coding_add_article = _fn("tr_agreement_coding_add_article", c_int, c_void_p, c_char_p,
                                      c_char_p, c_char_p, c_char_p, optional=True)
tr_agreement_coding_to_agreement = _fn("tr_agreement_coding_to_agreement", c_int, c_void_p,
                                       P(c_void_p), optional=True)
tr_coding_comparison_new = _fn("tr_coding_comparison_new", c_int, c_void_p, c_void_p, P(c_void_p),
                               optional=True)
tr_coding_comparison_free = _fn("tr_coding_comparison_free", None, c_void_p, optional=True)
tr_coding_comparison_get_coded = _fn("tr_coding_comparison_get_coded", c_void_p, c_void_p, optional=True)
tr_coding_comparison_get_hand_coded = _fn("tr_coding_comparison_get_hand_coded", c_void_p, c_void_p,
                                          optional=True)
tr_coding_comparison_count = _fn("tr_coding_comparison_count", c_size, c_void_p, optional=True)
tr_coding_comparison_category_at = _fn("tr_coding_comparison_category_at", c_int, c_void_p, c_size,
                                       optional=True)
tr_coding_comparison_coded_at = _fn("tr_coding_comparison_coded_at", c_void_p, c_void_p, c_size,
                                    optional=True)
tr_coding_comparison_hand_at = _fn("tr_coding_comparison_hand_at", c_void_p, c_void_p, c_size,
                                   optional=True)
tr_coding_comparison_verdict_at = _fn("tr_coding_comparison_verdict_at", c_int, c_void_p, c_size,
                                      optional=True)
tr_coding_verdict_id = _fn("tr_coding_verdict_id", c_char_p, c_int, optional=True)

# corpus.h
tr_corpus_new = _fn("tr_corpus_new", c_int, P(c_void_p), optional=True)
tr_corpus_free = _fn("tr_corpus_free", None, c_void_p, optional=True)
tr_corpus_set_threads = _fn("tr_corpus_set_threads", c_int, c_void_p, c_uint, optional=True)
tr_corpus_load = _fn("tr_corpus_load", c_int, c_void_p, c_char_p, c_int, P(c_void_p), optional=True)
tr_corpus_load_memory = _fn("tr_corpus_load_memory", c_int, c_void_p, c_char_p, c_char_p, c_size,
                            optional=True)
tr_corpus_agreement_count = _fn("tr_corpus_agreement_count", c_size, c_void_p, optional=True)
tr_corpus_article_count = _fn("tr_corpus_article_count", c_size, c_void_p, optional=True)
tr_corpus_agreement_get = _fn("tr_corpus_agreement_get", c_char_p, c_void_p, c_size, c_int,
                              optional=True)
tr_corpus_article_get = _fn("tr_corpus_article_get", c_char_p, c_void_p, c_size, c_int, optional=True)
tr_corpus_article_agreement = _fn("tr_corpus_article_agreement", c_size, c_void_p, c_size,
                                  optional=True)
tr_shingle_set_from_text = _fn("tr_shingle_set_from_text", c_int, c_char_p, c_long, c_int, c_uint,
                               P(c_void_p), optional=True)
tr_shingle_set_jaccard = _fn("tr_shingle_set_jaccard", c_double, c_void_p, c_void_p, optional=True)
tr_shingle_set_free = _fn("tr_shingle_set_free", None, c_void_p, optional=True)
tr_shingle_index_new = _fn("tr_shingle_index_new", c_int, c_void_p, c_int, c_uint, P(c_void_p),
                           optional=True)
tr_shingle_index_free = _fn("tr_shingle_index_free", None, c_void_p, optional=True)
tr_shingle_index_unit_count = _fn("tr_shingle_index_unit_count", c_size, c_void_p, c_int,
                                  optional=True)
tr_shingle_index_matrix = _fn("tr_shingle_index_matrix", c_int, c_void_p, c_int, P(c_size), c_size,
                              P(c_double), P(c_u64), optional=True)
tr_shingle_index_trace = _fn("tr_shingle_index_trace", c_int, c_void_p, c_double, P(c_void_p),
                             optional=True)
tr_shingle_index_pairs = _fn("tr_shingle_index_pairs", c_int, c_void_p, c_int, c_double, c_uint,
                             P(c_void_p), optional=True)
tr_pair_list_count = _fn("tr_pair_list_count", c_size, c_void_p, optional=True)
tr_pair_list_get = _fn("tr_pair_list_get", c_int, c_void_p, c_size, P(c_size), P(c_size), P(c_double),
                       P(c_size), P(c_size), optional=True)
tr_pair_list_free = _fn("tr_pair_list_free", None, c_void_p, optional=True)

# csv.h (column names shared with the panel)
tr_csv_category_column = _fn("tr_csv_category_column", c_char_p, c_int, optional=True)

# panel.h
tr_membership_new_default = _fn("tr_membership_new_default", c_int, P(c_void_p), optional=True)
tr_membership_new = _fn("tr_membership_new", c_int, P(c_void_p), optional=True)
tr_membership_load_file = _fn("tr_membership_load_file", c_int, c_void_p, c_char_p, optional=True)
tr_membership_load_data = _fn("tr_membership_load_data", c_int, c_void_p, c_char_p, c_size, c_char_p,
                              optional=True)
tr_membership_free = _fn("tr_membership_free", None, c_void_p, optional=True)
tr_membership_bloc_count = _fn("tr_membership_bloc_count", c_size, c_void_p, optional=True)
tr_membership_bloc_at = _fn("tr_membership_bloc_at", c_char_p, c_void_p, c_size, optional=True)
tr_membership_is_bloc = _fn("tr_membership_is_bloc", c_int, c_void_p, c_char_p, optional=True)
tr_membership_is_member = _fn("tr_membership_is_member", c_int, c_void_p, c_char_p, c_char_p, c_char_p,
                              P(c_int), optional=True)
tr_membership_members = _fn("tr_membership_members", c_int, c_void_p, c_char_p, c_char_p,
                            P(P(c_char_p)), optional=True)
tr_strv_free = _fn("tr_strv_free", None, P(c_char_p), optional=True)
tr_panel_measure_id = _fn("tr_panel_measure_id", c_char_p, c_int, optional=True)
tr_panel_measure_from_id = _fn("tr_panel_measure_from_id", c_int, c_char_p, P(c_int), optional=True)
tr_panel_options_new = _fn("tr_panel_options_new", c_int, P(c_void_p), optional=True)
tr_panel_options_free = _fn("tr_panel_options_free", None, c_void_p, optional=True)
tr_panel_options_set_years = _fn("tr_panel_options_set_years", c_int, c_void_p, c_int, c_int,
                                 optional=True)
tr_panel_options_set_measure = _fn("tr_panel_options_set_measure", c_int, c_void_p, c_int,
                                   optional=True)
tr_panel_options_set_directed = _fn("tr_panel_options_set_directed", c_int, c_void_p, c_int,
                                    optional=True)
tr_panel_options_set_categories = _fn("tr_panel_options_set_categories", c_int, c_void_p, P(c_int),
                                      c_size, optional=True)
tr_panel_options_set_economies = _fn("tr_panel_options_set_economies", c_int, c_void_p, P(c_char_p),
                                     c_size, optional=True)
tr_panel_row_iso3_i = _fn("tr_panel_row_iso3_i", c_char_p, c_void_p, optional=True)
tr_panel_row_iso3_j = _fn("tr_panel_row_iso3_j", c_char_p, c_void_p, optional=True)
tr_panel_row_year = _fn("tr_panel_row_year", c_int, c_void_p, optional=True)
tr_panel_row_category_count = _fn("tr_panel_row_category_count", c_size, c_void_p, optional=True)
tr_panel_row_category = _fn("tr_panel_row_category", c_int, c_void_p, c_size, optional=True)
tr_panel_row_value = _fn("tr_panel_row_value", c_int, c_void_p, c_size, optional=True)
tr_panel_row_providers = _fn("tr_panel_row_providers", c_char_p, c_void_p, c_size, optional=True)
tr_panel_row_agreements = _fn("tr_panel_row_agreements", c_char_p, c_void_p, optional=True)
tr_panel_row_agreement_count = _fn("tr_panel_row_agreement_count", c_size, c_void_p, optional=True)
tr_panel_row_undated = _fn("tr_panel_row_undated", c_char_p, c_void_p, optional=True)
PANEL_ROW_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p)
tr_panel_run = _fn("tr_panel_run", c_int, c_void_p, c_void_p, c_void_p, PANEL_ROW_FN, c_void_p,
                   optional=True)
tr_panel_write_file = _fn("tr_panel_write_file", c_int, c_void_p, c_void_p, c_void_p, c_char_p,
                          c_char_p, optional=True)

# compare.h: templates' positions and comparison rows
tr_template_get_selection = _fn("tr_template_get_selection", c_char_p, c_void_p, optional=True)
tr_template_get_rule = _fn("tr_template_get_rule", c_int, c_void_p, optional=True)
tr_template_rule_id = _fn("tr_template_rule_id", c_char_p, c_int, optional=True)
tr_template_get_kind = _fn("tr_template_get_kind", c_int, c_void_p, optional=True)
tr_template_member_year = _fn("tr_template_member_year", c_int, c_void_p, c_size, optional=True)
tr_template_get_exceptions = _fn("tr_template_get_exceptions", c_uint, c_void_p, c_int, optional=True)
tr_template_get_flags = _fn("tr_template_get_flags", c_uint, c_void_p, c_int, optional=True)
tr_template_coded_count = _fn("tr_template_coded_count", c_size, c_void_p, c_int, optional=True)
tr_template_support_count = _fn("tr_template_support_count", c_size, c_void_p, c_int, optional=True)
tr_template_support_agreement = _fn("tr_template_support_agreement", c_char_p, c_void_p, c_int, c_size,
                                    optional=True)
tr_template_support_citation = _fn("tr_template_support_citation", c_char_p, c_void_p, c_int, c_size,
                                   optional=True)
tr_template_citations = _fn("tr_template_citations", c_int, c_void_p, c_int, P(c_void_p), optional=True)
tr_comparison_get_first = _fn("tr_comparison_get_first", c_void_p, c_void_p, optional=True)
tr_comparison_get_second = _fn("tr_comparison_get_second", c_void_p, c_void_p, optional=True)
tr_comparison_distance_weighted = _fn("tr_comparison_distance_weighted", c_int, c_void_p, P(c_double),
                                      c_size, P(c_double), optional=True)

# compare.h: timeline
tr_timeline_new = _fn("tr_timeline_new", c_int, c_void_p, c_void_p, P(c_void_p), optional=True)

# analysis.h: the options of analyses, and the entry points that take them
ANALYSIS_PROGRESS_FN = ctypes.CFUNCTYPE(None, c_size, c_size, c_void_p)
ANALYSIS_CANCEL_FN = ctypes.CFUNCTYPE(c_int, c_void_p)
tr_analysis_options_new = _fn("tr_analysis_options_new", c_int, P(c_void_p), optional=True)
tr_analysis_options_free = _fn("tr_analysis_options_free", None, c_void_p, optional=True)
tr_analysis_options_copy = _fn("tr_analysis_options_copy", c_int, c_void_p, P(c_void_p), optional=True)
tr_analysis_options_set_threads = _fn("tr_analysis_options_set_threads", c_int, c_void_p, c_uint,
                                      optional=True)
tr_analysis_options_get_threads = _fn("tr_analysis_options_get_threads", c_uint, c_void_p,
                                      optional=True)
tr_analysis_options_set_filter = _fn("tr_analysis_options_set_filter", c_int, c_void_p, c_void_p,
                                     optional=True)
tr_analysis_options_set_ids = _fn("tr_analysis_options_set_ids", c_int, c_void_p, P(c_char_p), c_size,
                                  optional=True)
tr_analysis_options_id_count = _fn("tr_analysis_options_id_count", c_size, c_void_p, optional=True)
tr_analysis_options_id_at = _fn("tr_analysis_options_id_at", c_char_p, c_void_p, c_size,
                                optional=True)
tr_analysis_options_set_progress = _fn("tr_analysis_options_set_progress", c_int, c_void_p,
                                       ANALYSIS_PROGRESS_FN, c_void_p, optional=True)
tr_analysis_options_set_cancel = _fn("tr_analysis_options_set_cancel", c_int, c_void_p,
                                     ANALYSIS_CANCEL_FN, c_void_p, optional=True)
tr_analysis_options_cancel = _fn("tr_analysis_options_cancel", None, c_void_p, optional=True)
tr_analysis_options_reset_cancel = _fn("tr_analysis_options_reset_cancel", None, c_void_p,
                                       optional=True)
tr_analysis_options_is_cancelled = _fn("tr_analysis_options_is_cancelled", c_int, c_void_p,
                                       optional=True)
tr_matrix_new_with_options = _fn("tr_matrix_new_with_options", c_int, c_void_p, c_void_p,
                                 P(c_void_p), optional=True)
tr_classification_new_with_options = _fn("tr_classification_new_with_options", c_int, c_void_p,
                                         P(c_void_p), c_size, c_double, c_void_p, P(c_void_p),
                                         optional=True)
tr_timeline_new_with_options = _fn("tr_timeline_new_with_options", c_int, c_void_p, c_void_p,
                                   P(c_void_p), optional=True)
tr_shingle_index_matrix_with_options = _fn("tr_shingle_index_matrix_with_options", c_int, c_void_p,
                                           c_int, P(c_size), c_size, c_void_p, P(c_double), P(c_u64),
                                           optional=True)
tr_shingle_index_pairs_with_options = _fn("tr_shingle_index_pairs_with_options", c_int, c_void_p,
                                          c_int, c_double, c_uint, c_void_p, P(c_void_p),
                                          optional=True)
tr_shingle_index_trace_with_options = _fn("tr_shingle_index_trace_with_options", c_int, c_void_p,
                                          c_double, c_void_p, P(c_void_p), optional=True)
tr_timeline_free = _fn("tr_timeline_free", None, c_void_p, optional=True)
tr_timeline_first_year = _fn("tr_timeline_first_year", c_int, c_void_p, optional=True)
tr_timeline_last_year = _fn("tr_timeline_last_year", c_int, c_void_p, optional=True)
tr_timeline_dated_count = _fn("tr_timeline_dated_count", c_size, c_void_p, optional=True)
tr_timeline_undated_count = _fn("tr_timeline_undated_count", c_size, c_void_p, optional=True)
tr_timeline_first = _fn("tr_timeline_first", c_int, c_void_p, c_int, c_int, P(c_char_p), optional=True)
tr_timeline_count = _fn("tr_timeline_count", c_size, c_void_p, c_int, c_int, c_int, optional=True)
tr_timeline_change_count = _fn("tr_timeline_change_count", c_size, c_void_p, c_int, optional=True)
tr_timeline_change_at = _fn("tr_timeline_change_at", c_int, c_void_p, c_int, c_size, P(c_size),
                            P(c_size), optional=True)
tr_timeline_total = _fn("tr_timeline_total", c_size, c_void_p, c_int, optional=True)

# compare.h: barriers and coverage; model.h: barriers
tr_barrier_set_new = _fn("tr_barrier_set_new", c_int, P(c_void_p), optional=True)
tr_barrier_set_new_from_catalog = _fn("tr_barrier_set_new_from_catalog", c_int, c_void_p, P(c_void_p),
                                      optional=True)
tr_barrier_set_free = _fn("tr_barrier_set_free", None, c_void_p, optional=True)
tr_barrier_set_load_file = _fn("tr_barrier_set_load_file", c_int, c_void_p, c_void_p, c_char_p,
                               optional=True)
tr_barrier_set_get_name = _fn("tr_barrier_set_get_name", c_char_p, c_void_p, optional=True)
tr_barrier_set_note_at = _fn("tr_barrier_set_note_at", c_char_p, c_void_p, c_size, optional=True)
tr_barrier_get_id = _fn("tr_barrier_get_id", c_char_p, c_void_p, optional=True)
tr_barrier_get_type = _fn("tr_barrier_get_type", c_int, c_void_p, optional=True)
tr_barrier_type_id = _fn("tr_barrier_type_id", c_char_p, c_int, optional=True)
tr_barrier_get_name = _fn("tr_barrier_get_name", c_char_p, c_void_p, optional=True)
tr_coverage_new = _fn("tr_coverage_new", c_int, c_void_p, c_void_p, P(c_void_p), optional=True)
tr_coverage_free = _fn("tr_coverage_free", None, c_void_p, optional=True)
tr_coverage_count = _fn("tr_coverage_count", c_size, c_void_p, optional=True)
tr_coverage_barrier_at = _fn("tr_coverage_barrier_at", c_void_p, c_void_p, c_size, optional=True)
tr_coverage_level_at = _fn("tr_coverage_level_at", c_int, c_void_p, c_size, optional=True)
tr_coverage_level_id = _fn("tr_coverage_level_id", c_char_p, c_int, optional=True)
tr_coverage_provision_count = _fn("tr_coverage_provision_count", c_size, c_void_p, c_size,
                                  optional=True)
tr_coverage_provision_at = _fn("tr_coverage_provision_at", c_int, c_void_p, c_size, c_size,
                               optional=True)

# corpus.h: MinHash
tr_minhash_new = _fn("tr_minhash_new", c_int, c_void_p, c_uint, c_u64, P(c_void_p), optional=True)
tr_minhash_merge = _fn("tr_minhash_merge", c_int, c_void_p, c_void_p, optional=True)
tr_minhash_estimate = _fn("tr_minhash_estimate", c_int, c_void_p, c_void_p, P(c_double), optional=True)
tr_minhash_serialize = _fn("tr_minhash_serialize", c_int, c_void_p, P(c_void_p), P(c_size),
                           optional=True)
tr_minhash_deserialize = _fn("tr_minhash_deserialize", c_int, c_char_p, c_size, P(c_void_p),
                             optional=True)
tr_minhash_free = _fn("tr_minhash_free", None, c_void_p, optional=True)
tr_minhash_text = _fn("tr_minhash_text", c_int, c_char_p, c_long, c_int, c_uint, c_uint, c_u64,
                      P(c_u64), P(c_size), optional=True)
tr_minhash_band_keys = _fn("tr_minhash_band_keys", c_int, P(c_u64), c_uint, c_uint, c_uint, P(c_u64),
                           optional=True)
tr_shingle_set_size = _fn("tr_shingle_set_size", c_size, c_void_p, optional=True)
tr_shingle_set_intersection = _fn("tr_shingle_set_intersection", c_size, c_void_p, c_void_p,
                                  optional=True)

# model.h: how a cell was obtained, its evidence and exception scope
tr_basis_id = _fn("tr_basis_id", c_char_p, c_int, optional=True)
tr_basis_from_id = _fn("tr_basis_from_id", c_int, c_char_p, P(c_int), optional=True)
tr_review_id = _fn("tr_review_id", c_char_p, c_int, optional=True)
tr_review_from_id = _fn("tr_review_from_id", c_int, c_char_p, P(c_int), optional=True)
tr_provision_set_basis = _fn("tr_provision_set_basis", c_int, c_void_p, c_int, optional=True)
tr_provision_get_basis = _fn("tr_provision_get_basis", c_int, c_void_p, optional=True)
tr_provision_set_draft = _fn("tr_provision_set_draft", c_int, c_void_p, c_int, c_int, optional=True)
tr_provision_get_draft = _fn("tr_provision_get_draft", c_int, c_void_p, P(c_int), optional=True)
tr_provision_set_review = _fn("tr_provision_set_review", c_int, c_void_p, c_int, optional=True)
tr_provision_get_review = _fn("tr_provision_get_review", c_int, c_void_p, optional=True)
tr_cell_evidence_new = _fn("tr_cell_evidence_new", c_int, c_int, c_int, c_char_p, c_char_p, c_char_p,
                           P(c_void_p), optional=True)
tr_cell_evidence_free = _fn("tr_cell_evidence_free", None, c_void_p, optional=True)
tr_cell_evidence_get_tota_id = _fn("tr_cell_evidence_get_tota_id", c_int, c_void_p, optional=True)
tr_cell_evidence_get_article_id = _fn("tr_cell_evidence_get_article_id", c_int, c_void_p,
                                      optional=True)
tr_cell_evidence_get_article = _fn("tr_cell_evidence_get_article", c_char_p, c_void_p, optional=True)
tr_cell_evidence_get_paragraph = _fn("tr_cell_evidence_get_paragraph", c_char_p, c_void_p,
                                     optional=True)
tr_cell_evidence_get_span = _fn("tr_cell_evidence_get_span", c_char_p, c_void_p, optional=True)
tr_cell_evidence_new_document = _fn("tr_cell_evidence_new_document", c_int, c_char_p, c_char_p,
                                    c_char_p, c_char_p, c_char_p, P(c_void_p), optional=True)
tr_cell_evidence_get_document = _fn("tr_cell_evidence_get_document", c_char_p, c_void_p,
                                    optional=True)
tr_cell_evidence_get_url = _fn("tr_cell_evidence_get_url", c_char_p, c_void_p, optional=True)
tr_provision_add_evidence = _fn("tr_provision_add_evidence", c_int, c_void_p, c_void_p, optional=True)
tr_provision_evidence_count = _fn("tr_provision_evidence_count", c_size, c_void_p, optional=True)
tr_provision_evidence_at = _fn("tr_provision_evidence_at", c_void_p, c_void_p, c_size, optional=True)
tr_scope_breadth_id = _fn("tr_scope_breadth_id", c_char_p, c_int, optional=True)
tr_scope_breadth_from_id = _fn("tr_scope_breadth_from_id", c_int, c_char_p, P(c_int), optional=True)
tr_scope_form_id = _fn("tr_scope_form_id", c_char_p, c_int, optional=True)
tr_scope_form_from_id = _fn("tr_scope_form_from_id", c_int, c_char_p, P(c_int), optional=True)
tr_exception_scope_new = _fn("tr_exception_scope_new", c_int, c_int, c_int, P(c_void_p), optional=True)
tr_exception_scope_free = _fn("tr_exception_scope_free", None, c_void_p, optional=True)
tr_exception_scope_set_self_judging = _fn("tr_exception_scope_set_self_judging", c_int, c_void_p, c_int,
                                          optional=True)
tr_exception_scope_add_incorporates = _fn("tr_exception_scope_add_incorporates", c_int, c_void_p,
                                          c_char_p, optional=True)
tr_exception_scope_add_chapter = _fn("tr_exception_scope_add_chapter", c_int, c_void_p, c_char_p,
                                     optional=True)
tr_exception_scope_get_breadth = _fn("tr_exception_scope_get_breadth", c_int, c_void_p, optional=True)
tr_exception_scope_get_form = _fn("tr_exception_scope_get_form", c_int, c_void_p, optional=True)
tr_exception_scope_get_self_judging = _fn("tr_exception_scope_get_self_judging", c_int, c_void_p,
                                          optional=True)
tr_exception_scope_incorporates_count = _fn("tr_exception_scope_incorporates_count", c_size, c_void_p,
                                            optional=True)
tr_exception_scope_incorporates_at = _fn("tr_exception_scope_incorporates_at", c_char_p, c_void_p,
                                         c_size, optional=True)
tr_exception_scope_chapter_count = _fn("tr_exception_scope_chapter_count", c_size, c_void_p,
                                       optional=True)
tr_exception_scope_chapter_at = _fn("tr_exception_scope_chapter_at", c_char_p, c_void_p, c_size,
                                    optional=True)
tr_provision_set_exception_scope = _fn("tr_provision_set_exception_scope", c_int, c_void_p, c_void_p,
                                       optional=True)
tr_provision_get_exception_scope = _fn("tr_provision_get_exception_scope", c_void_p, c_void_p,
                                       optional=True)

# catalog.h / model.h: barriers and indicators of a catalog
tr_catalog_barrier_count = _fn("tr_catalog_barrier_count", c_size, c_void_p, optional=True)
tr_catalog_barrier_at = _fn("tr_catalog_barrier_at", c_void_p, c_void_p, c_size, optional=True)
tr_barrier_type_title = _fn("tr_barrier_type_title", c_char_p, c_int, optional=True)
tr_barrier_get_description = _fn("tr_barrier_get_description", c_char_p, c_void_p, optional=True)
tr_barrier_get_source = _fn("tr_barrier_get_source", c_char_p, c_void_p, optional=True)
tr_barrier_category_count = _fn("tr_barrier_category_count", c_size, c_void_p, optional=True)
tr_barrier_category_at = _fn("tr_barrier_category_at", c_int, c_void_p, c_size, optional=True)
tr_catalog_indicator_count = _fn("tr_catalog_indicator_count", c_size, c_void_p, optional=True)
tr_catalog_indicator_at = _fn("tr_catalog_indicator_at", c_void_p, c_void_p, c_size, optional=True)
tr_catalog_select_indicators = _fn("tr_catalog_select_indicators", c_int, c_void_p, c_char_p, c_char_p,
                                   c_int, P(c_void_p), optional=True)
tr_indicator_list_count = _fn("tr_indicator_list_count", c_size, c_void_p, optional=True)
tr_indicator_list_at = _fn("tr_indicator_list_at", c_void_p, c_void_p, c_size, optional=True)
tr_indicator_list_free = _fn("tr_indicator_list_free", None, c_void_p, optional=True)
tr_indicator_get_economy = _fn("tr_indicator_get_economy", c_char_p, c_void_p, optional=True)
tr_indicator_get_name = _fn("tr_indicator_get_name", c_char_p, c_void_p, optional=True)
tr_indicator_get_year = _fn("tr_indicator_get_year", c_int, c_void_p, optional=True)
tr_indicator_get_value = _fn("tr_indicator_get_value", c_double, c_void_p, optional=True)
tr_indicator_get_unit = _fn("tr_indicator_get_unit", c_char_p, c_void_p, optional=True)
tr_indicator_get_source = _fn("tr_indicator_get_source", c_char_p, c_void_p, optional=True)
tr_indicator_get_text = _fn("tr_indicator_get_text", c_char_p, c_void_p, optional=True)

# corpus.h: structure and metadata
tr_corpus_chapter_count = _fn("tr_corpus_chapter_count", c_size, c_void_p, optional=True)
tr_corpus_agreement_party_count = _fn("tr_corpus_agreement_party_count", c_size, c_void_p, c_size, c_int,
                                      optional=True)
tr_corpus_agreement_party = _fn("tr_corpus_agreement_party", c_char_p, c_void_p, c_size, c_int, c_size,
                                optional=True)
tr_corpus_agreement_chapters = _fn("tr_corpus_agreement_chapters", c_size, c_void_p, c_size, P(c_size),
                                   optional=True)
tr_corpus_agreement_articles = _fn("tr_corpus_agreement_articles", c_size, c_void_p, c_size, P(c_size),
                                   optional=True)
tr_corpus_chapter_get = _fn("tr_corpus_chapter_get", c_char_p, c_void_p, c_size, c_int, optional=True)
tr_corpus_article_chapter = _fn("tr_corpus_article_chapter", c_size, c_void_p, c_size, optional=True)
tr_corpus_agreement_find = _fn("tr_corpus_agreement_find", c_int, c_void_p, c_char_p, P(c_size),
                               optional=True)

# ---------------------------------------------------------------------------
# Issue 13: the rest of the public API (bindings/python/unbound.txt lists what
# is deliberately not bound, with the reason).

# version.h, csv.h, stata.h
tr_version_num = _fn("tr_version_num", c_uint)
tr_csv_format_id = _fn("tr_csv_format_id", c_char_p, c_int, optional=True)
tr_csv_strength_code = _fn("tr_csv_strength_code", c_int, c_int, optional=True)
tr_stata_write_file = _fn("tr_stata_write_file", c_int, c_void_p, c_void_p, c_int, c_char_p,
                          optional=True)

# catalog.h, model.h: queries and records
tr_filter_matches = _fn("tr_filter_matches", c_int, c_void_p, c_void_p, optional=True)
tr_year_range_parse = _fn("tr_year_range_parse", c_int, c_char_p, P(c_int), P(c_int), optional=True)
tr_catalog_find_barrier = _fn("tr_catalog_find_barrier", c_void_p, c_void_p, c_char_p, optional=True)
tr_catalog_add_barrier = _fn("tr_catalog_add_barrier", c_int, c_void_p, c_void_p, optional=True)
tr_catalog_add_indicator = _fn("tr_catalog_add_indicator", c_int, c_void_p, c_void_p, optional=True)
tr_agreement_has_party = _fn("tr_agreement_has_party", c_int, c_void_p, c_char_p, optional=True)
tr_exception_title = _fn("tr_exception_title", c_char_p, c_uint, optional=True)
tr_barrier_type_from_id = _fn("tr_barrier_type_from_id", c_int, c_char_p, P(c_int), optional=True)
tr_barrier_new = _fn("tr_barrier_new", c_int, c_char_p, c_int, c_char_p, P(c_void_p), optional=True)
tr_barrier_free = _fn("tr_barrier_free", None, c_void_p, optional=True)
tr_barrier_set_description = _fn("tr_barrier_set_description", c_int, c_void_p, c_char_p,
                                 optional=True)
tr_barrier_set_source = _fn("tr_barrier_set_source", c_int, c_void_p, c_char_p, optional=True)
tr_barrier_add_category = _fn("tr_barrier_add_category", c_int, c_void_p, c_int, optional=True)
tr_indicator_new = _fn("tr_indicator_new", c_int, c_char_p, c_char_p, c_int, c_double, P(c_void_p),
                       optional=True)
tr_indicator_free = _fn("tr_indicator_free", None, c_void_p, optional=True)
tr_indicator_set_source = _fn("tr_indicator_set_source", c_int, c_void_p, c_char_p, optional=True)
tr_indicator_set_text = _fn("tr_indicator_set_text", c_int, c_void_p, c_char_p, optional=True)
tr_indicator_set_unit = _fn("tr_indicator_set_unit", c_int, c_void_p, c_char_p, optional=True)

# coder.h
tr_coder_new_from_data = _fn("tr_coder_new_from_data", c_int, c_char_p, c_size, c_char_p, P(c_void_p),
                             optional=True)
tr_coder_pattern_count = _fn("tr_coder_pattern_count", c_size, c_void_p, optional=True)
tr_coding_find = _fn("tr_coding_find", c_void_p, c_void_p, c_int, optional=True)
tr_coding_get_number = _fn("tr_coding_get_number", c_char_p, c_void_p, optional=True)
tr_coding_paragraph_count = _fn("tr_coding_paragraph_count", c_size, c_void_p, optional=True)
tr_coding_paragraph_at = _fn("tr_coding_paragraph_at", c_int, c_void_p, c_size, P(c_size), P(c_size),
                             optional=True)
tr_assignment_hard_count = _fn("tr_assignment_hard_count", c_size, c_void_p, optional=True)
tr_assignment_soft_count = _fn("tr_assignment_soft_count", c_size, c_void_p, optional=True)
tr_evidence_get_exception = _fn("tr_evidence_get_exception", c_uint, c_void_p, optional=True)
tr_evidence_get_paragraph = _fn("tr_evidence_get_paragraph", c_size, c_void_p, optional=True)
tr_evidence_get_sentence = _fn("tr_evidence_get_sentence", c_char_p, c_void_p, P(c_size), P(c_size),
                               optional=True)
tr_evidence_get_strength = _fn("tr_evidence_get_strength", c_int, c_void_p, optional=True)
tr_evidence_get_text = _fn("tr_evidence_get_text", c_char_p, c_void_p, optional=True)
tr_agreement_coding_article_count = _fn("tr_agreement_coding_article_count", c_size, c_void_p,
                                        optional=True)
tr_agreement_coding_article_at = _fn("tr_agreement_coding_article_at", c_void_p, c_void_p, c_size,
                                     optional=True)
tr_agreement_coding_add_corpus = _fn("tr_agreement_coding_add_corpus", c_int, c_void_p, c_void_p,
                                     c_size, optional=True)
tr_coder_code_corpus_agreement = _fn("tr_coder_code_corpus_agreement", c_int, c_void_p, c_void_p,
                                     c_size, P(c_void_p), optional=True)

# audit.h
tr_audit_measure_id = _fn("tr_audit_measure_id", c_char_p, c_int, optional=True)
tr_audit_finding_kind_id = _fn("tr_audit_finding_kind_id", c_char_p, c_int, optional=True)
tr_audit_run = _fn("tr_audit_run", c_int, c_void_p, c_void_p, P(c_void_p), optional=True)
tr_audit_free = _fn("tr_audit_free", None, c_void_p, optional=True)
tr_audit_has_corpus = _fn("tr_audit_has_corpus", c_int, c_void_p, optional=True)
tr_audit_agreement_count = _fn("tr_audit_agreement_count", c_size, c_void_p, optional=True)
tr_audit_agreement_id = _fn("tr_audit_agreement_id", c_char_p, c_void_p, c_size, optional=True)
tr_audit_count = _fn("tr_audit_count", c_size, c_void_p, c_size, c_int, optional=True)
tr_audit_finding_count = _fn("tr_audit_finding_count", c_size, c_void_p, optional=True)
tr_audit_finding_get_kind = _fn("tr_audit_finding_get_kind", c_int, c_void_p, c_size, optional=True)
tr_audit_finding_get_agreement = _fn("tr_audit_finding_get_agreement", c_char_p, c_void_p, c_size,
                                     optional=True)
tr_audit_finding_get_category = _fn("tr_audit_finding_get_category", c_int, c_void_p, c_size,
                                    optional=True)
tr_audit_finding_get_other = _fn("tr_audit_finding_get_other", c_char_p, c_void_p, c_size,
                                 optional=True)
tr_audit_finding_get_similarity = _fn("tr_audit_finding_get_similarity", c_double, c_void_p, c_size,
                                      optional=True)
tr_audit_finding_get_detail = _fn("tr_audit_finding_get_detail", c_char_p, c_void_p, c_size,
                                  optional=True)

# compare.h
tr_relation_count = _fn("tr_relation_count", c_int, optional=True)
tr_relation_title = _fn("tr_relation_title", c_char_p, c_int, optional=True)
tr_relation_from_id = _fn("tr_relation_from_id", c_int, c_char_p, P(c_int), optional=True)
tr_comparison_get_relation = _fn("tr_comparison_get_relation", c_int, c_void_p, c_int, optional=True)
tr_comparison_relation_count = _fn("tr_comparison_relation_count", c_size, c_void_p, c_int,
                                   optional=True)
tr_comparison_new_agreements = _fn("tr_comparison_new_agreements", c_int, c_void_p, c_void_p,
                                   P(c_void_p), optional=True)
tr_comparison_carveout_aspects = _fn("tr_comparison_carveout_aspects", c_uint, c_void_p, c_int,
                                     optional=True)
tr_comparison_describe_carveouts = _fn("tr_comparison_describe_carveouts", c_int, c_void_p, c_int,
                                       P(c_void_p), optional=True)
tr_carveout_aspect_id = _fn("tr_carveout_aspect_id", c_char_p, c_int, optional=True)
tr_category_wto_avenue = _fn("tr_category_wto_avenue", c_int, c_int, optional=True)
tr_wto_avenue_id = _fn("tr_wto_avenue_id", c_char_p, c_int, optional=True)
tr_wto_avenue_title = _fn("tr_wto_avenue_title", c_char_p, c_int, optional=True)
tr_template_new_builtin = _fn("tr_template_new_builtin", c_int, c_void_p, c_char_p, P(c_void_p),
                              optional=True)
tr_template_new_builtin_until = _fn("tr_template_new_builtin_until", c_int, c_void_p, c_char_p, c_int,
                                    P(c_void_p), optional=True)
tr_template_new_from_filter = _fn("tr_template_new_from_filter", c_int, c_void_p, c_char_p, c_void_p,
                                  c_int, P(c_void_p), optional=True)
tr_template_new_from_ids = _fn("tr_template_new_from_ids", c_int, c_void_p, c_char_p, P(c_char_p),
                               c_size, c_int, P(c_void_p), optional=True)
tr_template_rule_from_id = _fn("tr_template_rule_from_id", c_int, c_char_p, P(c_int), optional=True)
tr_template_seed_paper_year = _fn("tr_template_seed_paper_year", c_int, optional=True)
tr_template_describe_scope = _fn("tr_template_describe_scope", c_int, c_void_p, c_int, P(c_void_p),
                                 optional=True)
tr_classification_template_count = _fn("tr_classification_template_count", c_size, c_void_p,
                                       optional=True)
tr_classification_template_at = _fn("tr_classification_template_at", c_void_p, c_void_p, c_size,
                                    optional=True)
tr_classification_comparable_at = _fn("tr_classification_comparable_at", c_size, c_void_p, c_size,
                                      c_size, optional=True)
tr_classification_is_member_at = _fn("tr_classification_is_member_at", c_int, c_void_p, c_size,
                                     c_size, optional=True)
tr_common_ground_count = _fn("tr_common_ground_count", c_size, c_void_p, c_int, optional=True)
tr_common_ground_party_count = _fn("tr_common_ground_party_count", c_size, c_void_p, optional=True)
tr_common_ground_party_at = _fn("tr_common_ground_party_at", c_void_p, c_void_p, c_size,
                                optional=True)
tr_common_ground_carveouts_differ = _fn("tr_common_ground_carveouts_differ", c_int, c_void_p, c_int,
                                        optional=True)
tr_common_ground_carveout_aspects = _fn("tr_common_ground_carveout_aspects", c_uint, c_void_p, c_int,
                                        optional=True)
tr_common_ground_describe_carveouts = _fn("tr_common_ground_describe_carveouts", c_int, c_void_p,
                                          c_int, P(c_void_p), optional=True)
tr_matrix_comparable = _fn("tr_matrix_comparable", c_size, c_void_p, c_size, c_size, optional=True)
tr_coverage_get_subject = _fn("tr_coverage_get_subject", c_void_p, c_void_p, optional=True)
tr_coverage_level_count = _fn("tr_coverage_level_count", c_size, c_void_p, c_int, optional=True)
tr_barrier_set_add = _fn("tr_barrier_set_add", c_int, c_void_p, c_void_p, c_char_p, optional=True)
tr_barrier_set_count = _fn("tr_barrier_set_count", c_size, c_void_p, optional=True)
tr_barrier_set_at = _fn("tr_barrier_set_at", c_void_p, c_void_p, c_size, optional=True)
tr_barrier_set_load_data = _fn("tr_barrier_set_load_data", c_int, c_void_p, c_void_p, c_char_p, c_size,
                               c_char_p, optional=True)

# corpus.h
PROGRESS_FN = ctypes.CFUNCTYPE(None, c_char_p, c_size, c_size, c_void_p)
PAIR_FN = ctypes.CFUNCTYPE(c_int, c_size, c_size, c_size, c_size, c_void_p)
tr_corpus_set_progress = _fn("tr_corpus_set_progress", None, c_void_p, PROGRESS_FN, c_void_p,
                             optional=True)
tr_corpus_errors_count = _fn("tr_corpus_errors_count", c_size, c_void_p, optional=True)
tr_corpus_errors_code = _fn("tr_corpus_errors_code", c_int, c_void_p, c_size, optional=True)
tr_corpus_errors_message = _fn("tr_corpus_errors_message", c_char_p, c_void_p, c_size, optional=True)
tr_corpus_errors_file = _fn("tr_corpus_errors_file", c_char_p, c_void_p, c_size, optional=True)
tr_corpus_errors_line = _fn("tr_corpus_errors_line", c_long, c_void_p, c_size, optional=True)
tr_corpus_errors_column = _fn("tr_corpus_errors_column", c_long, c_void_p, c_size, optional=True)
tr_corpus_errors_free = _fn("tr_corpus_errors_free", None, c_void_p, optional=True)
tr_corpus_phase_name = _fn("tr_corpus_phase_name", c_char_p, c_int, optional=True)
tr_corpus_phase_time = _fn("tr_corpus_phase_time", c_int, c_void_p, c_int, P(c_double), P(c_double),
                           optional=True)
tr_corpus_unicode_version = _fn("tr_corpus_unicode_version", c_char_p, optional=True)
tr_corpus_chapter_agreement = _fn("tr_corpus_chapter_agreement", c_size, c_void_p, c_size,
                                  optional=True)
tr_corpus_chapter_articles = _fn("tr_corpus_chapter_articles", c_size, c_void_p, c_size, P(c_size),
                                 optional=True)
tr_shingle_index_jaccard = _fn("tr_shingle_index_jaccard", c_int, c_void_p, c_int, c_size, c_int,
                               c_size, P(c_double), P(c_size), P(c_size), optional=True)
tr_shingle_index_overlaps_with_options = _fn("tr_shingle_index_overlaps_with_options", c_int, c_void_p,
                                             c_int, c_double, c_void_p, PAIR_FN, c_void_p,
                                             optional=True)
tr_shingle_index_all_pairs = _fn("tr_shingle_index_all_pairs", c_int, c_void_p, c_int, c_void_p,
                                 PAIR_FN, c_void_p, optional=True)
tr_shingle_index_most_similar = _fn("tr_shingle_index_most_similar", c_int, c_void_p, c_int, P(c_size),
                                    c_size, c_size, c_void_p, PAIR_FN, c_void_p, optional=True)
tr_corpus_unit_count = _fn("tr_corpus_unit_count", c_size, c_void_p, c_int, optional=True)
tr_corpus_unit_identifier = _fn("tr_corpus_unit_identifier", c_char_p, c_void_p, c_int, c_size,
                                optional=True)
tr_corpus_unit_label = _fn("tr_corpus_unit_label", c_char_p, c_void_p, c_int, c_size, optional=True)
tr_corpus_unit_agreement = _fn("tr_corpus_unit_agreement", c_size, c_void_p, c_int, c_size,
                               optional=True)
tr_corpus_unit_find = _fn("tr_corpus_unit_find", c_int, c_void_p, c_int, c_char_p, P(c_size),
                          optional=True)
tr_corpus_is_ecommerce_name = _fn("tr_corpus_is_ecommerce_name", c_int, c_char_p, optional=True)
tr_corpus_chapter_is_ecommerce = _fn("tr_corpus_chapter_is_ecommerce", c_int, c_void_p, c_size,
                                     optional=True)
tr_ecommerce_group_name = _fn("tr_ecommerce_group_name", c_char_p, c_int, optional=True)
tr_ecommerce_templates_new = _fn("tr_ecommerce_templates_new", c_int, c_void_p, c_uint, c_void_p,
                                 P(c_void_p), optional=True)
tr_ecommerce_templates_free = _fn("tr_ecommerce_templates_free", None, c_void_p, optional=True)
tr_ecommerce_templates_count = _fn("tr_ecommerce_templates_count", c_size, c_void_p, optional=True)
tr_ecommerce_templates_unit = _fn("tr_ecommerce_templates_unit", c_int, c_void_p, c_size, P(c_size),
                                  P(c_int), P(c_char_p), optional=True)
tr_ecommerce_templates_articles = _fn("tr_ecommerce_templates_articles", P(c_size), c_void_p, c_size,
                                      P(c_size), optional=True)
tr_ecommerce_templates_set = _fn("tr_ecommerce_templates_set", c_void_p, c_void_p, c_size,
                                 optional=True)
tr_ecommerce_templates_mean = _fn("tr_ecommerce_templates_mean", c_int, c_void_p, c_size, c_int,
                                  P(c_double), P(c_size), optional=True)
tr_ecommerce_templates_closest = _fn("tr_ecommerce_templates_closest", c_int, c_void_p, c_size,
                                     P(c_int), optional=True)
tr_ecommerce_templates_compare = _fn("tr_ecommerce_templates_compare", c_int, c_void_p, c_int, c_int,
                                     P(c_size), P(c_double), P(c_double), P(c_double),
                                     optional=True)
tr_shingle_index_unit_set = _fn("tr_shingle_index_unit_set", c_int, c_void_p, c_int, c_size,
                                P(c_void_p), optional=True)
tr_shingle_index_unit_size = _fn("tr_shingle_index_unit_size", c_size, c_void_p, c_int, c_size,
                                 optional=True)
tr_shingle_index_vocabulary = _fn("tr_shingle_index_vocabulary", c_size, c_void_p, optional=True)
tr_shingle_set_at = _fn("tr_shingle_set_at", c_char_p, c_void_p, c_size, optional=True)
tr_shingle_set_contains = _fn("tr_shingle_set_contains", c_int, c_void_p, c_char_p, optional=True)
tr_shingle_set_union = _fn("tr_shingle_set_union", c_int, c_void_p, c_void_p, P(c_void_p),
                           optional=True)
tr_text_tokenize = _fn("tr_text_tokenize", c_int, c_char_p, c_long, c_int, P(P(c_char_p)), P(c_size),
                       optional=True)

# plot.h
tr_plot_options_new = _fn("tr_plot_options_new", c_int, P(c_void_p), optional=True)
tr_plot_options_free = _fn("tr_plot_options_free", None, c_void_p, optional=True)
tr_plot_options_set_dpi = _fn("tr_plot_options_set_dpi", c_int, c_void_p, c_double, optional=True)
tr_plot_options_set_size = _fn("tr_plot_options_set_size", c_int, c_void_p, c_double, c_double,
                               optional=True)
tr_plot_options_set_title = _fn("tr_plot_options_set_title", c_int, c_void_p, c_char_p, optional=True)
tr_plot_options_missing_glyphs = _fn("tr_plot_options_missing_glyphs", c_size, c_void_p,
                                     optional=True)
tr_plot_heatmap_with = _fn("tr_plot_heatmap_with", c_int, P(c_void_p), c_size, c_char_p, c_int,
                           c_void_p, optional=True)
tr_plot_timeline_with = _fn("tr_plot_timeline_with", c_int, P(c_void_p), c_size, c_char_p, c_int,
                            c_void_p, optional=True)
tr_plot_matrix_with = _fn("tr_plot_matrix_with", c_int, P(c_char_p), c_size, P(c_double), P(c_size),
                          c_size, c_char_p, c_char_p, c_int, c_void_p, optional=True)
tr_plot_comparison = _fn("tr_plot_comparison", c_int, c_void_p, c_char_p, c_int, c_void_p,
                         optional=True)
tr_shingle_index_new_with_options = _fn("tr_shingle_index_new_with_options", c_int, c_void_p, c_int,
                                        c_uint, c_void_p, P(c_void_p), optional=True)

# compare.h, panel.h, plot.h: added with the command's last domain decisions (issue 13)
tr_classification_class_at = _fn("tr_classification_class_at", c_int, c_void_p, c_size, c_size,
                                 optional=True)
tr_class_id = _fn("tr_class_id", c_char_p, c_int, optional=True)
tr_class_title = _fn("tr_class_title", c_char_p, c_int, optional=True)
tr_class_from_id = _fn("tr_class_from_id", c_int, c_char_p, P(c_int), optional=True)
tr_panel_economies = _fn("tr_panel_economies", c_int, c_void_p, c_void_p, c_int, c_int,
                         P(P(c_char_p)), optional=True)
tr_plot_corpus_agreements = _fn("tr_plot_corpus_agreements", c_int, c_void_p, c_char_p, c_int, c_int,
                                P(P(c_size)), P(c_size), optional=True)
tr_plot_corpus_label = _fn("tr_plot_corpus_label", c_int, c_void_p, c_size, P(c_void_p), optional=True)
tr_plot_matrix_input_read = _fn("tr_plot_matrix_input_read", c_int, c_char_p, c_size, c_char_p,
                                P(c_void_p), optional=True)
tr_plot_matrix_input_read_file = _fn("tr_plot_matrix_input_read_file", c_int, c_char_p, P(c_void_p),
                                     optional=True)
tr_plot_matrix_input_free = _fn("tr_plot_matrix_input_free", None, c_void_p, optional=True)
tr_plot_matrix_input_size = _fn("tr_plot_matrix_input_size", c_size, c_void_p, optional=True)
tr_plot_matrix_input_labels = _fn("tr_plot_matrix_input_labels", P(c_char_p), c_void_p, optional=True)
tr_plot_matrix_input_values = _fn("tr_plot_matrix_input_values", P(c_double), c_void_p, optional=True)
tr_relation_differs = _fn("tr_relation_differs", c_int, c_int, optional=True)
tr_coverage_provision_decides = _fn("tr_coverage_provision_decides", c_int, c_void_p, c_size, c_size,
                                    optional=True)
tr_coverage_binding_count = _fn("tr_coverage_binding_count", c_size, c_void_p, c_size, optional=True)
