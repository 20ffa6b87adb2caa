"""The audio-native web page: a Gradio app mounted at "/" beside the API.

``page`` lays it out and wires it; ``actions`` holds what its buttons do; ``webrtc`` plays the
live show over WebRTC and hears the player; ``listen_only`` is the fallback player; ``board``
keeps what the page shows about a live show; ``playout`` times show audio and its captions.
"""
