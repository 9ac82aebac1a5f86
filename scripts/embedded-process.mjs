// Plain JavaScript, like start.mjs and cli.mjs, which load it before anything else.
import { spawn } from 'node:child_process';

/**
 * `--liftoff-only`: PostgreSQL's WebAssembly (PGlite) stays in V8's baseline code (Liftoff) and is
 * never recompiled by the optimizing compiler. That recompilation of one function, 105 kB of
 * WebAssembly that queries run through, took ~500 ms of a core and ~600 MB of memory in V8's
 * compiler a moment after PGlite opened (`--trace-wasm-compilation-times`): the embedded server's peak
 * went to 770–840 MB (290–385 MB without it), an operator command's that opened PGlite itself to
 * ~810 MB (~240 MB without it). Start-up takes as long and public searches run
 * at the same rate; SQL that computes over 10⁵–10⁶ rows runs ~2× slower, which a town's data does not
 * reach (docs/benchmarks.md, "Embedded start-up and memory"; decision 0022).
 *
 * V8 reads it only at process start (`v8.setFlagsFromString` later was measured to change nothing),
 * so a process that will open PGlite is started with it. `--no-liftoff-only` (the later flag wins)
 * turns it off.
 */
export const WASM_BASELINE_FLAGS = ['--liftoff-only'];

/** Whether this process was started with an explicit choice about `--liftoff-only` (either way). */
export const chosenWasmTier = () => process.execArgv.some((flag) => /^--(no-)?liftoff-only$/.test(flag));

/**
 * Runs `node <args>` in a child process that takes this one's place: it shares the terminal, is sent
 * the signals a service manager sends this process (a terminal's Ctrl-C reaches both), and this
 * process exits with its exit code.
 *
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
export function runInChildProcess(args, env) {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
    process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
