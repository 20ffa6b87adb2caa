"""Sentence encoders for the offline judge: engines behind radiomirchi.game.judge.meaning.SentenceEncoder."""
