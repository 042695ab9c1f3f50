# SPDX-License-Identifier: MIT
"""A binding that drifted from the headers, on purpose: check-python-binding.py
must report exactly the 6 mismatches below (tests/abi/meson.build)."""
import ctypes
import os

lib = ctypes.CDLL(os.environ["TRADERULES_LIBRARY"])


def _fn(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


P = ctypes.POINTER
# right
tr_free = _fn("tr_free", None, ctypes.c_void_p)
tr_status_id = _fn("tr_status_id", ctypes.c_char_p, ctypes.c_int)
# 1: argument type, int declared as a 64-bit long
tr_strength_id = _fn("tr_strength_id", ctypes.c_char_p, ctypes.c_long)
# 2: argument count
tr_catalog_free = _fn("tr_catalog_free", None, ctypes.c_void_p, ctypes.c_int)
# 3: return type, size_t declared as int
tr_catalog_agreement_count = _fn("tr_catalog_agreement_count", ctypes.c_int, ctypes.c_void_p)
# 4: pointer to the wrong scalar (size_t * declared as int *)
tr_coding_paragraph_at = _fn("tr_coding_paragraph_at", ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t,
                             P(ctypes.c_size_t), P(ctypes.c_int))
# 5: a string where the header has an unsigned int
tr_version_num = _fn("tr_version_num", ctypes.c_char_p)
# 6: a name the headers do not declare (bound to tr_free's address)
tr_no_such_function = lib["tr_free"]  # a new function object (getattr would share tr_free's)
tr_no_such_function.__name__ = "tr_no_such_function"
tr_no_such_function.restype = None
tr_no_such_function.argtypes = [ctypes.c_void_p]
