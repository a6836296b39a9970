// The few Node APIs the example uses, typed for `tsc -p examples/mnist`:
// @types/node is not among the project's dependencies.
declare module 'node:fs' {
  export function mkdirSync(path: string, options?: { recursive?: boolean }): void;
  export function writeFileSync(path: string, data: string): void;
}
declare module 'node:module' {
  export function createRequire(url: string): { (id: string): unknown; resolve(id: string): string };
}
declare module 'node:path' {
  export function dirname(path: string): string;
  export function join(...parts: string[]): string;
  export function relative(from: string, to: string): string;
}
interface ProgressStream {
  isTTY?: boolean;
  write(text: string): boolean;
}
declare const process: {
  argv: string[];
  exit(code?: number): never;
  cwd(): string;
  stdout: ProgressStream;
};
