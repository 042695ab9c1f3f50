# A deliberately wrong binding for check-python-binding.py's self-test.
