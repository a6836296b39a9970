// Draws one panel: filled contours of f(x, y) = x²/20 + y² and a trajectory.
// The level sets are ellipses with semi-axes √(20c) and √c, so they are drawn
// exactly with ctx.ellipse instead of being traced from a grid.

export const VIEW = { xMin: -10, xMax: 10, yMin: -5, yMax: 5 };
// Same scale on both axes (21 px per unit), so the 20:1 anisotropy looks as it is.
const PAD = { left: 30, right: 10, top: 10, bottom: 24 };
const SCALE = 21;
export const SIZE = {
  width: PAD.left + (VIEW.xMax - VIEW.xMin) * SCALE + PAD.right,
  height: PAD.top + (VIEW.yMax - VIEW.yMin) * SCALE + PAD.bottom,
};

// f = c for c = k²/2: evenly spaced in √f, like distance from the minimum.
const LEVELS = Array.from({ length: 9 }, (_, k) => ((k + 1) * (k + 1)) / 2);

const px = (x) => PAD.left + (x - VIEW.xMin) * SCALE;
const py = (y) => PAD.top + (VIEW.yMax - y) * SCALE;

/** Plot coordinates of a click at canvas pixel (cx, cy), in the canvas's own units. */
export function toPlot(cx, cy) {
  return [VIEW.xMin + (cx - PAD.left) / SCALE, VIEW.yMax - (cy - PAD.top) / SCALE];
}

/** Sizes the canvas backing store for the screen's pixel ratio; returns its 2D context. */
export function setUp(canvas) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(SIZE.width * ratio);
  canvas.height = Math.round(SIZE.height * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** Confines what `paint` draws to the plot area. */
function inPlot(ctx, paint) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top, (VIEW.xMax - VIEW.xMin) * SCALE, (VIEW.yMax - VIEW.yMin) * SCALE);
  ctx.clip();
  paint();
  ctx.restore();
}

function contours(ctx) {
  ctx.fillStyle = '#f3f6fa';
  ctx.fillRect(PAD.left, PAD.top, (VIEW.xMax - VIEW.xMin) * SCALE, (VIEW.yMax - VIEW.yMin) * SCALE);
  // outermost first, each level a shade darker toward the minimum
  for (let i = LEVELS.length - 1; i >= 0; i--) {
    const c = LEVELS[i];
    ctx.beginPath();
    ctx.ellipse(px(0), py(0), Math.sqrt(20 * c) * SCALE, Math.sqrt(c) * SCALE, 0, 0, 2 * Math.PI);
    ctx.fillStyle = `hsl(212 45% ${95 - (LEVELS.length - i) * 2.6}%)`;
    ctx.fill();
    ctx.strokeStyle = 'rgba(40, 70, 110, 0.45)';
    ctx.lineWidth = 1;
    ctx.stroke();
  }
}

function axes(ctx) {
  ctx.strokeStyle = 'rgba(40, 50, 70, 0.35)';
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(px(VIEW.xMin), py(0));
  ctx.lineTo(px(VIEW.xMax), py(0));
  ctx.moveTo(px(0), py(VIEW.yMin));
  ctx.lineTo(px(0), py(VIEW.yMax));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.strokeStyle = '#8a94a6';
  ctx.strokeRect(px(VIEW.xMin), py(VIEW.yMax), (VIEW.xMax - VIEW.xMin) * SCALE, (VIEW.yMax - VIEW.yMin) * SCALE);
  ctx.fillStyle = '#4a5468';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let x = VIEW.xMin; x <= VIEW.xMax; x += 5) ctx.fillText(String(x), px(x), py(VIEW.yMin) + 5);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let y = VIEW.yMin; y <= VIEW.yMax; y += 5) ctx.fillText(String(y), px(VIEW.xMin) - 5, py(y));
}

function trajectory(ctx, points, color) {
  const finite = [];
  for (const p of points) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) break;
    finite.push(p);
  }
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.6;
  ctx.beginPath();
  finite.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(px(x), py(y)) : ctx.lineTo(px(x), py(y))));
  ctx.stroke();
  ctx.fillStyle = color;
  for (const [x, y] of finite) {
    ctx.beginPath();
    ctx.arc(px(x), py(y), 2.6, 0, 2 * Math.PI);
    ctx.fill();
  }
  // start: a ring; the minimum: a cross
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(px(points[0][0]), py(points[0][1]), 6, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.strokeStyle = '#1d2433';
  ctx.beginPath();
  ctx.moveTo(px(0) - 5, py(0));
  ctx.lineTo(px(0) + 5, py(0));
  ctx.moveTo(px(0), py(0) - 5);
  ctx.lineTo(px(0), py(0) + 5);
  ctx.stroke();
}

/** Redraws a panel from scratch. */
export function draw(ctx, points, color) {
  ctx.clearRect(0, 0, SIZE.width, SIZE.height);
  inPlot(ctx, () => contours(ctx));
  axes(ctx);
  inPlot(ctx, () => trajectory(ctx, points, color));
}
