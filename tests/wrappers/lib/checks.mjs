// checks: a tiny runner for the wrapper checks (named checks, a "N passed, N failed" summary, exit
// code) and the YAML loader they share.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(path.join(sourceDir, 'package.json'));
const jsYaml = require('js-yaml');

export function loadYaml(file) {
    return jsYaml.safeLoad(fs.readFileSync(file, 'utf8'), { filename: file });
}

export function repoPath(...parts) {
    return path.join(sourceDir, ...parts);
}

// The wrapper definitions (github-action/, tekton/) checked: this checkout's, or the copy
// SIGNET_WRAPPERS_ROOT names (the release test checks a pinned copy with the same checks).
export function wrapperPath(...parts) {
    return path.join(process.env.SIGNET_WRAPPERS_ROOT || sourceDir, ...parts);
}

// A published image pinned by digest: REPOSITORY@sha256:<64 hex>, never the all-zero placeholder.
export function isPinnedImage(ref) {
    return typeof ref === 'string' && /^[a-z0-9][a-z0-9.:/_-]*@sha256:[0-9a-f]{64}$/.test(ref) &&
        !/sha256:0{64}$/.test(ref);
}

const results = [];

export async function check(name, fn) {
    try {
        await fn();
        results.push({ name, ok: true });
        console.log(`ok   ${name}`);
    } catch (e) {
        results.push({ name, ok: false });
        console.log(`FAIL ${name}\n     ${String(e && e.message ? e.message : e).replace(/\n/g, '\n     ')}`);
    }
}

export function expect(condition, message) {
    if (!condition) throw new Error(message);
}

export function expectEqual(actual, expected, what) {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

// Prints the summary and sets the exit code; call once at the end.
export function finish() {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    process.exitCode = failed === 0 && results.length > 0 ? 0 : 1;
}
