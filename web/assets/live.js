// Live changes: asks the server every 2 s whether the account's data changed (any device's
// push or a web edit) and, when the version grew, reloads what the screen shows.
import {api} from './api.js';

const kIntervalMs = 2000;
let known = -1;
let timer = 0;
let running = false;
let onChange = () => {};

async function poll() {
  if (!running) return;
  try {
    const answer = await api.changes(known < 0 ? 0 : known);
    const version = Number(answer.version);
    if (known >= 0 && version > known) {
      known = version;
      await onChange();
    } else if (version > known) {
      known = version;
    }
  } catch (e) {
    // Offline for a moment or signed out: the next poll tries again (sign-out stops us).
  }
  if (running) timer = setTimeout(poll, kIntervalMs);
}

// Starts polling; `handler` runs when the data changed.
export async function startLive(handler) {
  onChange = handler;
  if (running) return;
  running = true;
  known = -1;
  try {
    known = Number((await api.changes(0)).version);
  } catch (e) { /* the first poll sets it */ }
  timer = setTimeout(poll, kIntervalMs);
}

// A screen loaded data at `version`: no reload is needed for changes up to it.
export function seen(version) {
  if (Number.isFinite(Number(version)) && Number(version) > known) known = Number(version);
}

export function stopLive() {
  running = false;
  clearTimeout(timer);
}
