"""Speech-to-text engines: a Protocol, offline Whisper (tiny.en, bundled) and Deepgram Nova-3."""
