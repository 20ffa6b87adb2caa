// What the listen and replay pages both draw: the host cards and the caption of who speaks now.
"use strict";
window.station = (() => {
  const $ = (id) => document.getElementById(id);

  function showHosts(hosts) {
    $("hosts").replaceChildren(...hosts.map((host) => {
      const card = document.createElement("div");
      card.className = "host";
      card.dataset.name = host.name;
      card.innerHTML = '<div class="name"></div><div class="role"></div>';
      card.querySelector(".name").textContent = host.name;
      card.querySelector(".role").textContent = host.role;
      return card;
    }));
  }

  function caption(who, text, caller) {
    const box = $("caption");
    box.className = caller ? "caption caller" : "caption";
    box.replaceChildren();
    if (who === null) return;
    const name = document.createElement("span");
    name.className = "who";
    name.textContent = `${who}:`;
    box.append(name, document.createTextNode(` ${text}`));
    for (const card of $("hosts").children) card.classList.toggle("speaking", card.dataset.name === who);
  }

  return { showHosts, caption };
})();
