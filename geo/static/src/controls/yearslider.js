/* The year slider (bottom right, over the attribution): a slim bar of a play button, a
 * slider over the years the layers name (from 2011 or earlier, to the latest) with "all
 * years" at its right end, and the year shown, large once a year is chosen. Moving it
 * sets the map's `state.year` (main.js), which draws the network as it stood that year
 * (years.js); play steps a year a second and stops at the last. The slider is a native
 * range input: arrow keys, Home and End, and touch work as everywhere; the play button
 * is a button (space or Enter). */

import { el } from "../dom.js";
import { nextYear } from "../years.js";
import { boxControl } from "./panel.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {{first: number, last: number}} YearRange
 * @typedef {L.Control & {show(year: number | null): void, play(): void, pause(): void,
 *   playing(): boolean}} YearControl  `show`: the slider and label at a year (null: all
 *   years), without setting it; `play`, `pause` and `playing`: the play button's
 */

/** Milliseconds between two years while playing. */
export const PLAY_MS = 1000;
/** What the label says of the slider's last position. */
export const ALL_YEARS = "All years";

/**
 * @param {MapState} state
 * @param {YearRange} range  the years offered (years.js sliderYears)
 * @returns {YearControl}
 */
export function yearControl(state, range) {
  const all = range.last + 1; // the slider's position for all years
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  /** @type {HTMLButtonElement | null} */
  let playButton = null;
  /** @type {HTMLInputElement | null} */
  let input = null;
  /** @type {HTMLOutputElement | null} */
  let label = null;
  /** @type {HTMLDivElement | null} */
  let bar = null;

  /** @param {boolean} on */
  const showPlaying = (on) => {
    if (!playButton) return;
    playButton.textContent = on ? "❚❚" : "▶";
    playButton.setAttribute("aria-label", on ? "Pause" : "Play the years");
    playButton.title = on ? "Pause" : `Play the years, ${range.first} to ${range.last}`;
    playButton.setAttribute("aria-pressed", String(on));
  };
  const pause = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    showPlaying(false);
  };
  const step = () => {
    const next = nextYear(state.year, range, false);
    if (next === null) {
      pause();
      return;
    }
    state.year = next;
    if (next >= range.last) pause();
    else timer = setTimeout(step, PLAY_MS);
  };
  const play = () => {
    if (timer !== null) return;
    state.year = nextYear(state.year, range, true);
    showPlaying(true);
    timer = setTimeout(step, PLAY_MS);
  };

  /** @param {number | null} year */
  const show = (year) => {
    if (!input || !label || !bar) return;
    input.value = String(year ?? all);
    const text = year === null ? ALL_YEARS : String(year);
    input.setAttribute("aria-valuetext", text);
    label.textContent = text;
    bar.classList.toggle("bri-year-chosen", year !== null);
    bar.classList.toggle("bri-print", year !== null); // a print at a year says which
  };

  /** @param {HTMLDivElement} box */
  const fill = (box) => {
    bar = box;
    const button = el("button", "bri-play", box);
    button.type = "button";
    button.addEventListener("click", () => (timer === null ? play() : pause()));
    playButton = button;
    showPlaying(false);
    const slider = el("input", "bri-year-range", box);
    slider.type = "range";
    slider.min = String(range.first);
    slider.max = String(all);
    slider.step = "1";
    slider.setAttribute("aria-label", `Year, ${range.first} to ${range.last}, then all years`);
    slider.title = `The network year by year, ${range.first} to ${range.last}; at the right end, all years`;
    slider.addEventListener("input", () => {
      pause();
      const value = Number(slider.value);
      state.year = value >= all ? null : value;
    });
    input = slider;
    label = el("output", "bri-year-value", box);
    label.setAttribute("aria-live", "polite");
    show(state.year);
  };

  return boxControl(
    "bottomright",
    "bri-panel bri-years",
    fill,
    { role: "group", label: "Year shown" },
    { show, play, pause, playing: () => timer !== null },
  );
}
