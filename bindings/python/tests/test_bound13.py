# SPDX-License-Identifier: MIT
"""Functions bound for issue 13 (binding coverage): each with assertions on the
fixtures under tests/fixtures or the embedded catalog."""

import ctypes
import os
import tempfile
import unittest

import traderules as tr
from traderules import _ffi

SRC = os.environ.get("TR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
FIXTURES = os.path.join(SRC, "tests", "fixtures")


class Errors(unittest.TestCase):
    def test_error_cleared_after_raise(self):
        # the exception carries the library's message; the thread's error is then cleared
        with self.assertRaises(tr.ParseError) as cm:
            tr.Catalog().load_json('{"agreements": [', name="broken.json")
        self.assertIn("broken.json", str(cm.exception))
        self.assertEqual(_ffi.tr_error_code(), 0)
        self.assertEqual(_ffi.tr_error_message(), b"")


if __name__ == "__main__":
    unittest.main()
