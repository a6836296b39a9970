// A progress bar per training run: one line redrawn with \r on a terminal,
// a few plain lines elsewhere (CI logs keep every \r frame otherwise).

export interface Progress {
  tick(done: number, loss: number): void;
  finish(summary: string): void;
}

const WIDTH = 30;

export function progressBar(label: string, total: number, out: ProgressStream = process.stdout): Progress {
  const tty = out.isTTY === true;
  let lastDraw = 0;
  let nextQuarter = 1;
  const line = (done: number, loss: number): string => {
    const filled = Math.round((WIDTH * done) / total);
    const bar = '#'.repeat(filled) + '.'.repeat(WIDTH - filled);
    return `${label} [${bar}] ${String(done).padStart(String(total).length)}/${total}  batch loss ${loss.toFixed(4)}`;
  };
  return {
    tick(done, loss) {
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        out.write(`\r${line(done, loss)}\x1b[K`);
      } else if (done * 4 >= nextQuarter * total) {
        while (done * 4 >= nextQuarter * total) nextQuarter++;
        out.write(`${line(done, loss)}\n`);
      }
    },
    finish(summary) {
      out.write(tty ? `\r${label} ${summary}\x1b[K\n` : `${label} ${summary}\n`);
    },
  };
}
