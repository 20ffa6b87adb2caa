// The listen page: the live show over the read-only listen socket, played as it arrives.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const missionId = location.pathname.split("/").filter(Boolean).pop();
  const token = new URLSearchParams(location.search).get("token");
  const query = token ? `?token=${encodeURIComponent(token)}` : "";
  const SAMPLE_RATE = 24000;
  // What the page has heard, for anyone measuring it (the browser test reads this).
  const stats = { transport: "websocket", audioSeconds: 0, audibleFrames: 0, captions: [], callers: [], verdicts: [], ended: null, closeCode: null };
  window.listenStats = stats;

  let context = null;
  let socket = null;
  let peer = null;
  let output = null;
  let analyser = null;
  let playAt = 0;
  let playing = [];
  let target = 0;
  let initial = 0;

  const setStatus = (text) => { $("status").textContent = text; };
  const setLive = (live) => {
    $("light").textContent = live ? "ON AIR" : "OFF AIR";
    $("light").classList.toggle("live", live);
  };

  const caption = window.station.caption;

  function logItem(kind, text) {
    const item = document.createElement("li");
    item.className = kind;
    item.textContent = text;
    $("log").prepend(item);
    return item;
  }


  function meter(awake, initialListeners, goal, secondsLeft) {
    initial = initialListeners; target = goal;
    const share = initial ? awake / initial : 0;
    $("fill").style.width = `${Math.min(100, share * 100)}%`;
    $("goal").style.left = `${initial ? (target / initial) * 100 : 50}%`;
    $("awake").textContent = `Awake listeners: ${awake.toLocaleString()} of ${initial.toLocaleString()} (goal ${target.toLocaleString()})`;
    if (secondsLeft !== undefined) {
      const s = Math.max(0, Math.round(secondsLeft));
      $("left").textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} left`;
    }
  }

  function play(buffer) {
    if (stats.transport !== "websocket") return;
    const samples = new Int16Array(buffer.slice(0, buffer.byteLength - (buffer.byteLength % 2)));
    stats.audioSeconds += samples.length / SAMPLE_RATE;
    if (!context) return;
    const audio = context.createBuffer(1, samples.length, SAMPLE_RATE);
    const channel = audio.getChannelData(0);
    for (let i = 0; i < samples.length; i++) channel[i] = samples[i] / 32768;
    const source = context.createBufferSource();
    source.buffer = audio;
    source.connect(output);
    playAt = Math.max(playAt, context.currentTime + 0.05);
    source.start(playAt);
    playAt += audio.duration;
    playing.push(source);
    source.onended = () => { playing = playing.filter((s) => s !== source); };
  }

  function stopPlaying() {
    for (const source of playing) { try { source.stop(); } catch (e) { /* already stopped */ } }
    playing = [];
    if (context) playAt = context.currentTime;
  }

  function watchLevel() {
    // Counts 20 ms frames the page really played above -40 dBFS: "hears audio", measured at the page.
    const data = new Float32Array(analyser.fftSize);
    setInterval(() => {
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const x of data) sum += x * x;
      if (Math.sqrt(sum / data.length) > 0.01) stats.audibleFrames += 1;
    }, 20);
  }

  function handle(message) {
    if (message.error) {
      setStatus(message.error);
      return;
    }
    const status = message.status;
    if (status === undefined && message.awakened_listeners !== undefined) {
      meter(message.awakened_listeners, message.initial_listeners, message.target, message.seconds_left);
    } else if (status === "listening") {
      $("station").textContent = message.station_name;
      $("topic").textContent = `Tonight: ${message.topic}`;
      document.title = `${message.station_name} — listening in`;
      setStatus("Waiting for the show to go on air…");
    } else if (status === "preparing") {
      setStatus("The hosts are being briefed; the show starts soon.");
    } else if (status === "live") {
      window.station.showHosts(message.speakers);
      setLive(true);
      setStatus(context ? "On air. You are listening live." : "On air. Press Listen in to hear it.");
    } else if (status === "dialogue_start") {
      caption(message.speaker, message.text, false);
      stats.captions.push({ speaker: message.speaker, text: message.text });
    } else if (status === "interrupted") {
      stopPlaying();
    } else if (status === "caller_start") {
      const text = message.text || "(speaking…)";
      caption("Caller", text, true);
      stats.callers.push({ text: message.text, source: message.source });
      logItem("caller", `Caller: ${text}`);
    } else if (status === "transcript") {
      caption("Caller", message.text, true);
      stats.callers.push({ text: message.text, source: "voice" });
      logItem("caller", `Caller: ${message.text}`);
    } else if (status === "verdict") {
      const sign = message.change >= 0 ? "+" : "";
      const item = logItem(`verdict ${message.change >= 0 ? "up" : "down"}`, `${sign}${message.change} pts — ${message.reason}`);
      stats.verdicts.push({ change: message.change, reason: message.reason });
      item.title = message.strike ? "A strike" : "";
      meter(message.awakened_listeners, initial, message.target);
    } else if (status === "off_air") {
      setLive(false);
      setStatus("The caller's line dropped. The show resumes if they come back.");
    } else if (status === "mission_end") {
      setLive(false);
      stats.ended = message;
      meter(message.awakened_listeners, initial, target, 0);
      $("start").classList.add("hidden");
      const won = message.result === "won";
      setStatus(won ? `The listeners woke up. Score ${message.score.toLocaleString()}.` : `The station held. Score ${message.score.toLocaleString()}. (${message.reason})`);
      $("status").className = `status ending ${won ? "won" : "lost"}`;
      $("replay-link").href = `/replay/${missionId}${query}`;
      $("replay").classList.remove("hidden");
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/api/v1/ws/${missionId}/listen${query}`);
    socket.binaryType = "arraybuffer";
    socket.onmessage = (event) => {
      if (stats.transport !== "websocket") return;
      if (typeof event.data === "string") handle(JSON.parse(event.data));
      else play(event.data);
    };
    socket.onclose = (event) => {
      if (stats.transport !== "websocket") return;  // replaced by the WebRTC call
      stats.closeCode = event.code;
      if (!stats.ended) setStatus(event.reason ? `The broadcast closed: ${event.reason}.` : "The broadcast closed.");
      setLive(false);
    };
  }

  const within = (promise, ms, what) => Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took too long`)), ms)),
  ]);

  async function listenOverWebRtc() {
    // Receive-only WebRTC: the audio as a track, the events on a data channel. Any failure leaves
    // the page on the listen socket, which carries both.
    const ice = await (await fetch("/api/v1/listen/ice")).json();
    peer = new RTCPeerConnection(ice);
    peer.addTransceiver("audio", { direction: "recvonly" });
    const channel = peer.createDataChannel("show");
    channel.onmessage = (event) => { if (stats.transport === "webrtc") handle(JSON.parse(event.data)); };
    const track = new Promise((resolve) => {
      peer.ontrack = (event) => resolve(event.streams[0] || new MediaStream([event.track]));
    });
    const opened = new Promise((resolve) => { channel.onopen = resolve; });
    await peer.setLocalDescription(await peer.createOffer());
    await within(new Promise((resolve) => {
      if (peer.iceGatheringState === "complete") resolve();
      peer.onicegatheringstatechange = () => { if (peer.iceGatheringState === "complete") resolve(); };
    }), 3000, "finding a network path").catch(() => undefined);  // send what was gathered
    const response = await fetch(`/api/v1/missions/${missionId}/listen/rtc${query}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sdp: peer.localDescription.sdp, type: "offer" }),
    });
    if (!response.ok) throw new Error(`the server refused the call (${response.status})`);
    await peer.setRemoteDescription(await response.json());
    const stream = await within(track, 8000, "the audio track");
    await within(opened, 8000, "the data channel");
    const player = $("player");
    player.srcObject = stream;
    await player.play();
    context.createMediaStreamSource(stream).connect(analyser);  // measured, played by the element
    stats.transport = "webrtc";
    stopPlaying();
    socket.close();
    peer.onconnectionstatechange = () => {
      if (["failed", "closed"].includes(peer.connectionState) && !stats.ended) {
        stats.transport = "websocket";
        connect();
      }
    };
  }

  $("start").addEventListener("click", async () => {
    context = new AudioContext({ sampleRate: SAMPLE_RATE });
    await context.resume();
    output = context.createGain();
    analyser = context.createAnalyser();
    analyser.fftSize = 512;
    output.connect(analyser);
    output.connect(context.destination);
    watchLevel();
    const forced = new URLSearchParams(location.search).get("transport");
    if (forced !== "websocket" && window.RTCPeerConnection) {
      try {
        await listenOverWebRtc();
      } catch (error) {
        console.warn("WebRTC listening failed; staying on the listen socket:", error);
        if (peer) peer.close();
        stats.transport = "websocket";
      }
    }
    $("start").disabled = true;
    $("start").textContent = "Listening";
    if ($("light").classList.contains("live")) setStatus("On air. You are listening live.");
  });
  connect();
})();
