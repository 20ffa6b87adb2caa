"""Speech: PCM audio utilities, text-to-speech engines (tts/) and speech-to-text engines (stt/)."""
