"""Radio Mirchi: an audio-native game about breaking into a propaganda radio station."""

__version__ = "0.1.0"
