// Wires the page: one panel per optimizer, the controls, and the benchmark.
// What the page computed is also published on window.simdOptimDemo, so a test
// can compare it with what Node computes (test/browser/demoPage.test.ts).
import { runBenchmark } from './bench.mjs';
import { SIZE, draw, setUp, toPlot } from './plot.mjs';
import { BOOK, NAMES, Runner, backend, f } from './trajectory.mjs';
import { ParamSet } from 'simd-optim';

const COLORS = { SGD: '#d1495b', Momentum: '#2e86ab', Nesterov: '#7b4fa6', AdaGrad: '#d9820b', RMSProp: '#2f8f4e', Adam: '#b5176a' };

const state = { start: [...BOOK.start], steps: BOOK.steps, lr: { ...BOOK.lr }, shown: new Set(BOOK.shown) };
const panels = {};
const published = { ready: false, backend, crossOriginIsolated: self.crossOriginIsolated, runs: {}, bench: null };
window.simdOptimDemo = published;

const $ = (sel) => document.querySelector(sel);
const fmt = (v) => (Number.isFinite(v) ? v.toFixed(4) : String(v));

function render(name) {
  const p = panels[name];
  let run;
  try {
    run = p.runner.run(state.lr[name], state.start, state.steps);
  } catch (err) {
    // e.g. a learning rate the optimizer rejects: keep the last drawing, say why
    p.lrInput.classList.add('bad');
    p.end.textContent = err.message;
    return;
  }
  p.lrInput.classList.remove('bad');
  const [x, y] = run.points[run.points.length - 1];
  p.end.textContent = `after ${state.steps} steps: (${fmt(x)}, ${fmt(y)}) · f = ${Number.isFinite(f(x, y)) ? f(x, y).toExponential(2) : f(x, y)}`;
  p.el.dataset.end = `${x} ${y}`;
  draw(p.ctx, run.points, COLORS[name]);
  published.runs[name] = { lr: state.lr[name], start: [...state.start], steps: state.steps, end: [x, y], points: run.points, path: run.path };
}

const renderAll = () => NAMES.forEach(render);

function showSettings() {
  $('#steps').value = String(state.steps);
  $('#start').textContent = `(${state.start[0]}, ${state.start[1]})`;
  for (const name of NAMES) {
    panels[name].lrInput.value = String(state.lr[name]);
    panels[name].el.hidden = !state.shown.has(name);
    panels[name].toggle.checked = state.shown.has(name);
  }
}

function buildPanel(name) {
  const el = $('#panel').content.firstElementChild.cloneNode(true);
  el.dataset.optimizer = name;
  el.querySelector('.name').textContent = name;
  el.querySelector('.swatch').style.background = COLORS[name];
  const canvas = el.querySelector('canvas');
  canvas.style.aspectRatio = `${SIZE.width} / ${SIZE.height}`;
  const lrInput = el.querySelector('.lr');
  lrInput.addEventListener('change', () => {
    state.lr[name] = Number(lrInput.value);
    render(name);
  });
  canvas.addEventListener('click', (e) => {
    const box = canvas.getBoundingClientRect();
    const [x, y] = toPlot(((e.clientX - box.left) * SIZE.width) / box.width, ((e.clientY - box.top) * SIZE.height) / box.height);
    state.start = [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
    showSettings();
    renderAll();
  });

  const toggle = document.createElement('input');
  toggle.type = 'checkbox';
  toggle.addEventListener('change', () => {
    if (toggle.checked) state.shown.add(name);
    else state.shown.delete(name);
    el.hidden = !toggle.checked;
  });
  const label = document.createElement('label');
  label.append(toggle, ` ${name}`);
  $('#which').append(label);

  $('#panels').append(el);
  panels[name] = { runner: new Runner(name), el, ctx: setUp(canvas), lrInput, end: el.querySelector('.end'), toggle };
}

function setUpFigure() {
  $('#backend').textContent = backend === 'wasm' ? 'wasm (WebAssembly SIMD)' : 'js (no WebAssembly SIMD here)';
  NAMES.forEach(buildPanel);
  // the controls apply as they change; Enter must not reload the page
  $('#controls').addEventListener('submit', (e) => e.preventDefault());
  $('#steps').addEventListener('change', (e) => {
    const n = Math.round(Number(e.target.value));
    if (!(n >= 1 && n <= 500)) return;
    state.steps = n;
    renderAll();
  });
  $('#book').addEventListener('click', () => {
    Object.assign(state, { start: [...BOOK.start], steps: BOOK.steps, lr: { ...BOOK.lr }, shown: new Set(BOOK.shown) });
    showSettings();
    renderAll();
  });
  showSettings();
  renderAll();
}

function setUpBenchmark() {
  const button = $('#run-bench');
  const status = $('#bench-status');
  // ?rounds=N shortens the run (the page test uses it)
  const rounds = Number(new URLSearchParams(location.search).get('rounds')) || undefined;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const rows = await runBenchmark({ rounds, warmup: rounds ? 1 : undefined, onProgress: (t) => (status.textContent = t) });
    $('#bench-table tbody').replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement('tr');
        for (const [text, cls] of [
          [r.label, ''],
          [`${r.seedUs.toFixed(1)} µs`, ''],
          [`${r.fastUs.toFixed(1)} µs`, ''],
          [String(r.threads), 'threads'],
          [`${r.speedup.toFixed(2)}×`, 'speedup'],
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          if (cls) td.className = cls;
          tr.append(td);
        }
        return tr;
      }),
    );
    $('#bench-table').hidden = false;
    const engine = navigator.userAgent.match(/Chrome\/[\d.]+|Firefox\/[\d.]+|Version\/[\d.]+ Safari/)?.[0] ?? 'this browser';
    status.textContent = `done: ${engine}, simd-optim path ${rows[0].path}`;
    published.bench = rows;
    button.disabled = false;
  });
}

// Threads need memory shared with workers, which a browser gives only to a
// cross-origin isolated page (demo/web/serve.mjs sends the headers for it).
function showSharedMemory() {
  $('#shared-memory').textContent = self.crossOriginIsolated
    ? 'available (crossOriginIsolated)'
    : 'unavailable: this page is not cross-origin isolated (it needs Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
  // What a large ParamSet gets here by default: `set.threads` of one of 65,536 elements.
  const probe = new ParamSet({ w: 1 << 16 });
  const threads = probe.threads;
  published.threads = threads;
  published.threadsError = probe.threadsError?.message ?? null;
  $('#threads').textContent = `· a ParamSet of 65,536 elements updates on ${threads} thread${threads === 1 ? '' : 's'} here`;
}

showSharedMemory();
setUpFigure();
setUpBenchmark();
published.ready = true;
