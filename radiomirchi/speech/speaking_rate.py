"""How fast the hosts speak, for every estimate made from a line's words."""

from __future__ import annotations

# Words a second: how much of a cut-off line was heard, how long a line will take, line lengths.
WORDS_PER_SECOND = 2.6
