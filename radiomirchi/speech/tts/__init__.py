"""Text-to-speech engines behind one Protocol: offline (Piper, SVOX Pico, Kokoro) and Deepgram Aura-2."""

from radiomirchi.speech.tts.base import SpeechError, TextToSpeech, Voice
from radiomirchi.speech.tts.offline import OfflineTTS

__all__ = ["OfflineTTS", "SpeechError", "TextToSpeech", "Voice"]
