"""The page stops playing the hosts the moment the player starts talking over them (hands-free).

The server stops the hosts when its speech detector hears the player, but that takes some 100 ms
of speech, and what it had already sent plays on for 200 ms more: about a third of a second in
which the browser's echo canceller hears the hosts and the player at once and takes the player's
opening words for echo ("Here is the truth: bank records..." heard as "Bank records...", "Only 6%"
as "Six percent", in the browser benchmark; docs/PERFORMANCE.md). Muting the hosts at the Break-in
press kept the opening words (press mode: 9 or 10 of 10), so the page does the same on likely
speech: its own microphone, after the browser's processing, loud for ``VOICE_POLLS`` polls in a
row while the hosts play, mutes them at once; a quiet of ``QUIET_MS`` unmutes them (the server's
answer comes later than that, and a false start costs the player under a second of the hosts).

``window.rmHosts`` is the one place the page mutes the hosts: the Break-in control's press and
this watcher each hold a reason, and the hosts play when neither does; Done clears both (the turn
is over). The watcher leaves a pressed turn alone.
"""

from __future__ import annotations

from typing import Final

# The microphone's level (RMS, after echo cancellation and noise suppression) that is taken for
# the player's voice: -36 dBFS, well above what the canceller leaves of the hosts.
VOICE_LEVEL: Final = 0.016
POLL_MS: Final = 10
VOICE_POLLS: Final = 3
QUIET_MS: Final = 700

DUCK_ON_VOICE_JS: Final = f"""<script>
(() => {{
  const reasons = new Set();
  const hosts = () => document.querySelectorAll("#rm-webrtc audio");
  window.rmHosts = {{
    mute(reason, on) {{
      if (on) reasons.add(reason); else reasons.delete(reason);
      for (const el of hosts()) el.muted = reasons.size > 0;
    }},
    has(reason) {{
      return reasons.has(reason);
    }},
    clear() {{
      reasons.clear();
      for (const el of hosts()) el.muted = false;
    }},
    playing() {{
      return [...hosts()].some((el) => !el.paused && el.srcObject);
    }},
  }};
  const watch = (stream) => {{
    const track = stream.getAudioTracks()[0];
    if (!track) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const data = new Float32Array(analyser.fftSize);
    let loud = 0, quietSince = null;
    const rm = window.rmHosts;
    const timer = setInterval(() => {{
      if (track.readyState === "ended") {{ clearInterval(timer); context.close(); return; }}
      if (context.state === "suspended") context.resume();
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const x of data) sum += x * x;
      const level = Math.sqrt(sum / data.length);
      const now = performance.now();
      if (level >= {VOICE_LEVEL}) {{
        loud += 1;
        quietSince = null;
        // A pressed Break-in has muted them already, and Done lets them speak again.
        const free = !rm.has("voice") && !rm.has("press");
        if (free && loud >= {VOICE_POLLS} && rm.playing()) rm.mute("voice", true);
      }} else {{
        loud = 0;
        quietSince = quietSince ?? now;
        if (rm.has("voice") && now - quietSince >= {QUIET_MS}) rm.mute("voice", false);
      }}
    }}, {POLL_MS});
  }};
  const media = navigator.mediaDevices;
  if (!media || !media.getUserMedia) return;
  const original = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints) => {{
    const stream = await original(constraints);
    if (constraints && constraints.audio) {{
      try {{ watch(stream); }} catch (error) {{ console.warn("voice ducking off:", error); }}
    }}
    return stream;
  }};
}})();
</script>"""
