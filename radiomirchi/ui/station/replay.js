// The replay page: a finished episode with its captions in time and its verdicts on the timeline.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const missionId = location.pathname.split("/").filter(Boolean).pop();
  const token = new URLSearchParams(location.search).get("token");
  const query = token ? `?token=${encodeURIComponent(token)}` : "";
  // What the page shows against the audio's clock, for anyone measuring it (the browser test reads it).
  const stats = { loaded: false, shown: [] };
  window.replayStats = stats;
  let items = [];
  let length = 1;
  let current = -1;

  function caption(item) {
    if (!item) window.station.caption(null);
    else window.station.caption(item.speaker, item.text, item.kind === "interjection");
  }

  function at(seconds) {
    // The entry whose audio is playing at ``seconds`` (or the last one started, in a gap).
    let found = -1;
    for (let i = 0; i < items.length; i++) if (items[i].start_seconds <= seconds) found = i;
    return found;
  }

  function follow() {
    const audio = $("audio");
    const t = audio.currentTime;
    $("played").style.width = `${Math.min(100, (t / length) * 100)}%`;
    const index = at(t);
    if (index !== current) {
      current = index;
      caption(items[index]);
      if (index >= 0) stats.shown.push({ audioTime: t, index });
    }
    requestAnimationFrame(follow);
  }

  async function load() {
    const response = await fetch(`/api/v1/missions/${missionId}/timeline${query}`);
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      $("outcome").textContent = body.detail || body.error || "This episode cannot be found.";
      return;
    }
    const timeline = await response.json();
    items = timeline.items;
    length = Math.max(timeline.episode_seconds, 0.1);
    $("station").textContent = timeline.station_name;
    $("topic").textContent = `The show: ${timeline.topic}`;
    document.title = `${timeline.station_name} — replay`;
    window.station.showHosts(timeline.hosts);
    const awake = timeline.awakened_listeners.toLocaleString();
    const goal = timeline.target_listeners.toLocaleString();
    if (timeline.result) {
      const won = timeline.result === "won";
      $("outcome").textContent = `${won ? "The listeners woke up" : "The station held"}: ${awake} awake of ${timeline.initial_listeners.toLocaleString()} (goal ${goal}). Score ${timeline.score.toLocaleString()}.`;
      $("outcome").className = `status ending ${won ? "won" : "lost"}`;
    } else {
      $("outcome").textContent = `Still on air: ${awake} awake so far (goal ${goal}).`;
    }
    for (const item of items) {
      if (item.kind !== "interjection") continue;
      const up = (item.change || 0) >= 0;
      const mark = document.createElement("div");
      mark.className = `mark ${up ? "up" : "down"}`;
      mark.style.left = `${(item.start_seconds / length) * 100}%`;
      mark.title = `${up ? "+" : ""}${item.change} pts — ${item.reason}`;
      $("timeline").append(mark);
      const entry = document.createElement("li");
      entry.className = `verdict ${up ? "up" : "down"}`;
      entry.textContent = `${Math.floor(item.start_seconds / 60)}:${String(Math.floor(item.start_seconds % 60)).padStart(2, "0")} — Caller: ${item.text} → ${up ? "+" : ""}${item.change} pts, ${item.reason}`;
      entry.addEventListener("click", () => { $("audio").currentTime = item.start_seconds; });
      $("log").append(entry);
    }
    $("timeline").addEventListener("click", (event) => {
      const box = $("timeline").getBoundingClientRect();
      $("audio").currentTime = ((event.clientX - box.left) / box.width) * length;
    });
    $("audio").src = `/api/v1/missions/${missionId}/replay.wav${query}`;
    stats.loaded = true;
    stats.items = items;
    requestAnimationFrame(follow);
  }
  load();
})();
