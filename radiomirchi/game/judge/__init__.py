"""The offline judge: how a caller's words are read (lexicon, meaning, claims, quantities), what
they are worth (verdicts), and the ruling a show applies (an LLM's view held to the offline one)."""
