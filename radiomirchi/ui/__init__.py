"""The audio-native web page: a Gradio app mounted at "/" beside the API.

``page`` lays it out and wires it; ``actions`` holds what its buttons do and ``render`` what it
shows (``texts`` every string). The live show: ``show`` runs a mission's ``GameSession`` for the
page, ``webrtc`` plays it over WebRTC and hears the player through ``vad``, ``listen_only`` is
the fallback player; ``board`` keeps what the page shows about a show and ``playout`` times its
audio and captions. ``ice`` picks ICE servers, ``rewrites`` keeps Gradio's responses offline and
its HLS playlist tight, ``share`` asks for a public link.
"""
