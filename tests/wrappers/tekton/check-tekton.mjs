// check-tekton: static contract checks of the sign-images Task and StepAction that neither
// tekton-lint (ignores StepActions) nor the CRD schema cover: variable references, array
// spreading, Chains-safe result names, Task/StepAction agreement, catalog metadata, and that
// every env name is one `signet run` reads (docs: /work/briefs/config.md, the final names).
import fs from 'node:fs';
import path from 'node:path';
import { check, expect, expectEqual, finish, loadYaml, repoPath, isPinnedImage, wrapperPath } from '../lib/checks.mjs';
import { choicesOf, SETTING_ENV, SETTINGS, settingOfEnv } from '../lib/settings.mjs';

const taskFile = wrapperPath('tekton/sign-images/0.1/sign-images.yaml');
const stepActionFile = wrapperPath('tekton/stepaction/sign-images/0.1/sign-images.yaml');
const task = loadYaml(taskFile);
const stepAction = loadYaml(stepActionFile);
const step = task.spec.steps[0];

// Every variable the task may set: signet's settings (signet settings --json) and DOCKER_CONFIG.
const SIGNET_ENV = new Set([...SETTING_ENV, 'DOCKER_CONFIG']);
const RESULT_NAMES = ['SIGNED_COUNT', 'FAILED_COUNT', 'SKIPPED_COUNT', 'SIGNATURE_REFS',
    'SBOM_REFS', 'TLOG_ENTRIES', 'REPORT_SHA256'];
// Allowed values of the params that select a mode, checked on defaults: the choices of the
// setting each param's env variable sets.
const CHOICES = {};
for (const e of step.env || []) {
    const param = /^\$\(params\.([A-Z_]+)\)$/.exec(String(e.value));
    const setting = param && settingOfEnv(e.name);
    if (setting && choicesOf(setting)) CHOICES[param[1]] = choicesOf(setting);
}

function variables(value) {
    return [...String(value).matchAll(/\$\(([^)]*)\)/g)].map((m) => m[1]);
}

function names(list) {
    return (list || []).map((x) => x.name);
}

// Every $(...) in image/args/workingDir/env values, with where it was found.
function references(container) {
    const found = [];
    const add = (where, v) => variables(v).forEach((ref) => found.push({ where, ref, value: v }));
    add('image', container.image);
    (container.args || []).forEach((a, i) => add(`args[${i}]`, a));
    (container.command || []).forEach((a, i) => add(`command[${i}]`, a));
    if (container.workingDir !== undefined) add('workingDir', container.workingDir);
    (container.env || []).forEach((e) => add(`env ${e.name}`, e.value));
    return found;
}

function checkReferences(resource, container, resultPrefix) {
    const params = new Map(resource.spec.params.map((p) => [p.name, p.type || 'string']));
    const workspaces = new Set(names(resource.spec.workspaces));
    const results = new Set(names(resource.spec.results));
    const used = new Set();
    for (const { where, ref, value } of references(container)) {
        let m;
        if ((m = /^params\.([A-Za-z0-9_.-]+?)(\[\*\])?$/.exec(ref))) {
            expect(params.has(m[1]), `${where}: undeclared param ${m[1]}`);
            used.add(m[1]);
            if (params.get(m[1]) === 'array') {
                expect(m[2] && where.startsWith('args') && value === `$(${ref})`,
                    `${where}: array param ${m[1]} must be an isolated "$(params.${m[1]}[*])" in args`);
            }
        } else if ((m = /^workspaces\.([a-z0-9-]+)\.(path|bound)$/.exec(ref))) {
            expect(workspaces.has(m[1]), `${where}: undeclared workspace ${m[1]}`);
        } else if ((m = new RegExp(`^${resultPrefix.replace('.', '\\.')}\\.([A-Z0-9_]+)\\.path$`).exec(ref))) {
            expect(results.has(m[1]), `${where}: undeclared result ${m[1]}`);
        } else {
            throw new Error(`${where}: unexpected variable $(${ref})`);
        }
    }
    for (const name of params.keys()) expect(used.has(name), `param ${name} is declared but never used`);
}

function checkResults(resource) {
    const hint = /(IMAGE_URL|IMAGE_DIGEST|ARTIFACT_URI|ARTIFACT_DIGEST|ARTIFACT_OUTPUTS|ARTIFACT_INPUTS)$/;
    for (const name of names(resource.spec.results)) {
        expect(!hint.test(name) && name !== 'IMAGES', `result ${name} looks like a Tekton Chains type hint`);
    }
    expectEqual(names(resource.spec.results).slice().sort(), RESULT_NAMES.slice().sort(), 'result names');
    const types = Object.fromEntries(resource.spec.results.map((r) => [r.name, r.type || 'string']));
    expectEqual([types.SIGNATURE_REFS, types.SBOM_REFS, types.TLOG_ENTRIES], ['array', 'array', 'array'],
        'array results');
}

function checkEnv(container, resultVariable) {
    for (const e of container.env) {
        const perResult = /^SIGNET_RESULT_([A-Z0-9_]+)_PATH$/.exec(e.name);
        if (perResult) {
            expect(RESULT_NAMES.includes(perResult[1]), `${e.name}: no such result`);
            expectEqual(e.value, `$(${resultVariable}.${perResult[1]}.path)`, e.name);
        } else {
            expect(SIGNET_ENV.has(e.name), `env ${e.name} is not a variable signet run reads`);
        }
        expect(e.valueFrom === undefined, `env ${e.name}: valueFrom not expected`);
    }
    for (const r of RESULT_NAMES) {
        expect(container.env.some((e) => e.name === `SIGNET_RESULT_${r}_PATH`), `no path env for result ${r}`);
    }
    const dup = names(container.env).filter((n, i, a) => a.indexOf(n) !== i);
    expectEqual(dup, [], 'duplicate env names');
}

function checkSecurityContext(sc) {
    expect(sc && sc.runAsNonRoot === true, 'runAsNonRoot must be true');
    expect(Number.isInteger(sc.runAsUser) && sc.runAsUser !== 0, 'runAsUser must be a non-zero UID');
    expect(sc.allowPrivilegeEscalation === false, 'allowPrivilegeEscalation must be false');
    expectEqual(sc.capabilities && sc.capabilities.drop, ['ALL'], 'capabilities.drop');
    expect(!sc.capabilities.add, 'no capabilities may be added');
}

function checkMetadata(resource, file) {
    const md = resource.metadata;
    const version = path.basename(path.dirname(file));
    expectEqual(md.labels['app.kubernetes.io/version'], version, 'app.kubernetes.io/version label');
    for (const a of ['tekton.dev/pipelines.minVersion', 'tekton.dev/categories', 'tekton.dev/tags',
        'tekton.dev/displayName', 'tekton.dev/platforms']) {
        expect(typeof md.annotations[a] === 'string' && md.annotations[a].length > 0, `annotation ${a}`);
    }
    expect(/^\d+\.\d+\.\d+$/.test(md.annotations['tekton.dev/pipelines.minVersion']), 'minVersion x.y.z');
    expectEqual(md.name, path.basename(file, '.yaml'), 'metadata.name = file name');
    expect(typeof resource.spec.description === 'string', 'spec.description');
    const files = fs.readdirSync(path.dirname(file)).filter((f) => /\.ya?ml$/.test(f));
    expectEqual(files, [path.basename(file)], 'exactly one resource YAML in the version directory');
}

function checkParams(resource) {
    for (const p of resource.spec.params) {
        expect(['string', 'array', undefined].includes(p.type), `param ${p.name}: only string/array`);
        expect(typeof p.description === 'string' && p.description.length > 0, `param ${p.name}: description`);
        if (CHOICES[p.name]) {
            expect(CHOICES[p.name].includes(p.default), `param ${p.name}: default ${p.default} not allowed`);
        }
    }
    const lower = resource.spec.params.map((p) => p.name.toLowerCase());
    expectEqual(lower.filter((n, i) => lower.indexOf(n) !== i), [], 'case-insensitive duplicate params');
    const image = resource.spec.params.find((p) => p.name === 'SIGNET_IMAGE');
    // Unreleased, no default: a digest nobody published would be a stub and every run names the
    // real one. Released, task/pin-image.sh sets it to the published, signed image's digest.
    expect(image && (image.default === undefined || isPinnedImage(image.default)),
        `SIGNET_IMAGE has no default or a pinned digest, got ${image && image.default}`);
}

await check('Task and StepAction name the same SIGNET_IMAGE default (both unpinned or one digest)', () => {
    const defaultOf = (r) => r.spec.params.find((p) => p.name === 'SIGNET_IMAGE').default;
    expectEqual(defaultOf(stepAction), defaultOf(task), 'SIGNET_IMAGE default');
});

await check('Task: one step, args-and-env only (no script, no command)', () => {
    expectEqual(task.spec.steps.length, 1, 'step count');
    expect(step.script === undefined && step.command === undefined, 'the image entrypoint is used');
    expectEqual(step.image, '$(params.SIGNET_IMAGE)', 'step image');
});
await check('Task: variable references are declared and arrays are isolated in args', () =>
    checkReferences(task, step, 'results'));
await check('Task: results are small, Chains-safe, and written through SIGNET_RESULT_*_PATH', () => {
    checkResults(task);
    checkEnv(step, 'results');
});
await check('Task: workspaces signing-key (read-only), optional dockerconfig, source and sbom-cache', () => {
    const ws = Object.fromEntries(task.spec.workspaces.map((w) => [w.name, w]));
    expectEqual(Object.keys(ws).sort(), ['dockerconfig', 'sbom-cache', 'signing-key', 'source'], 'workspaces');
    expect(ws['signing-key'].readOnly === true && !ws['signing-key'].optional, 'signing-key');
    expect(ws.dockerconfig.optional === true && ws.dockerconfig.readOnly === true, 'dockerconfig');
    expect(ws.source.optional === true, 'source optional');
    const env = Object.fromEntries(step.env.map((e) => [e.name, e.value]));
    expectEqual(env.SIGNET_KEY_DIR, '$(workspaces.signing-key.path)', 'SIGNET_KEY_DIR');
    expectEqual(env.DOCKER_CONFIG, '$(workspaces.dockerconfig.path)', 'DOCKER_CONFIG');
    expectEqual(step.workingDir, '$(workspaces.source.path)', 'workingDir');
});
await check('Task: non-root, no privilege escalation, all capabilities dropped', () =>
    checkSecurityContext(step.securityContext));
await check('Task: params string/array only, valid defaults, image pinned by digest', () =>
    checkParams(task));
await check('Task: catalog metadata', () => checkMetadata(task, taskFile));

await check('StepAction: tekton.dev/v1beta1, args-and-env only', () => {
    expectEqual(stepAction.apiVersion, 'tekton.dev/v1beta1', 'apiVersion (StepAction is not served as v1)');
    expect(stepAction.spec.script === undefined && stepAction.spec.command === undefined, 'no script/command');
});
await check('StepAction: variable references are declared and arrays are isolated in args', () =>
    checkReferences(stepAction, stepAction.spec, 'step.results'));
await check('StepAction: step results Chains-safe and written through SIGNET_RESULT_*_PATH', () => {
    checkResults(stepAction);
    checkEnv(stepAction.spec, 'step.results');
});
await check('StepAction: security context, params, metadata', () => {
    checkSecurityContext(stepAction.spec.securityContext);
    checkParams(stepAction);
    checkMetadata(stepAction, stepActionFile);
});
await check('StepAction and Task agree on params, args, results and env', () => {
    // The StepAction's own params stand for the Task's workspaces.
    const own = ['KEY_DIR', 'DOCKER_CONFIG', 'SOURCE_DIR', 'SBOM_CACHE_DIR'];
    expectEqual(stepAction.spec.params.filter((p) => !own.includes(p.name)), task.spec.params, 'params');
    expectEqual(stepAction.spec.args, step.args, 'args');
    expectEqual(names(stepAction.spec.env), names(step.env), 'env names');
    expectEqual(stepAction.spec.results.map((r) => [r.name, r.type || 'string']),
        task.spec.results.map((r) => [r.name, r.type || 'string']), 'results');
    expectEqual(stepAction.spec.securityContext, step.securityContext, 'securityContext');
});

// Samples: every TaskRun/PipelineRun/Pipeline passes only declared params and workspaces.
function checkTaskUse(where, params, workspaces, declared) {
    const pn = new Set(names(declared.spec.params));
    for (const p of params || []) expect(pn.has(p.name), `${where}: unknown param ${p.name}`);
    const required = declared.spec.params.filter((p) => p.default === undefined).map((p) => p.name);
    for (const r of required) expect((params || []).some((p) => p.name === r), `${where}: missing param ${r}`);
    if (workspaces) {
        const wn = new Set(names(declared.spec.workspaces));
        for (const w of workspaces) expect(wn.has(w.name), `${where}: unknown workspace ${w.name}`);
        for (const w of declared.spec.workspaces || []) {
            expect(w.optional || workspaces.some((x) => x.name === w.name), `${where}: missing workspace ${w.name}`);
        }
    }
}

for (const [dir, declared] of [['tekton/sign-images/0.1/samples', task],
    ['tekton/stepaction/sign-images/0.1/samples', stepAction]]) {
    const sampleDir = wrapperPath(dir);
    const samples = fs.existsSync(sampleDir) ? fs.readdirSync(sampleDir).filter((f) => f.endsWith('.yaml')) : [];
    await check(`${dir}: samples exist`, () => expect(samples.length > 0, 'no samples'));
    for (const f of samples) {
        await check(`${dir}/${f}: names no made-up image digest`, () => {
            const text = fs.readFileSync(path.join(sampleDir, f), 'utf8');
            expect(!/sha256:0{64}/.test(text), 'an all-zero placeholder digest');
        });
        await check(`${dir}/${f}: uses only declared params/workspaces`, () => {
            const doc = loadYaml(path.join(sampleDir, f));
            const kind = doc.kind;
            if (kind === 'TaskRun') {
                checkTaskUse(f, doc.spec.params, doc.spec.workspaces, declared);
            } else if (kind === 'Pipeline' || kind === 'PipelineRun') {
                const spec = kind === 'Pipeline' ? doc.spec : doc.spec.pipelineSpec;
                const uses = spec.tasks.filter((t) => t.taskRef && t.taskRef.name === 'sign-images');
                expect(uses.length === 1, 'the pipeline runs sign-images once');
                checkTaskUse(f, uses[0].params, uses[0].workspaces, declared);
            } else if (kind === 'Task') {
                const uses = doc.spec.steps.filter((s) => s.ref && s.ref.name === 'sign-images');
                expect(uses.length === 1, 'the Task has a step referencing the StepAction');
                checkTaskUse(f, uses[0].params, undefined, declared);
                for (const r of doc.spec.results || []) {
                    expect(/^\$\(steps\.[a-z0-9-]+\.results\.[A-Z0-9_]+(\[\*\])?\)$/.test(r.value),
                        `result ${r.name} maps a step result`);
                }
            } else {
                throw new Error(`unexpected kind ${kind}`);
            }
        });
    }
}

await check('each param and workspace a variable comes from is the table\'s tekton name for it', () => {
    const wired = new Set();
    for (const e of step.env || []) {
        const setting = settingOfEnv(e.name);
        const param = /^\$\(params\.([A-Z_]+)\)$/.exec(String(e.value));
        const workspace = /^\$\(workspaces\.([a-z-]+)\.path\)$/.exec(String(e.value));
        if (!setting || !(param || workspace)) continue;
        const name = param ? param[1] : `workspace:${workspace[1]}`;
        expectEqual(setting.tekton, name, `${e.name}: the table's tekton name`);
        wired.add(name);
    }
    const args = step.args || [];
    for (let i = 1; i < args.length; i++) {
        const spread = /^\$\(params\.([A-Z_]+)\[\*\]\)$/.exec(String(args[i]));
        if (!spread) continue;
        const setting = SETTINGS.find((s) => s.flags.includes(args[i - 1]));
        expect(setting, `${args[i - 1]} is not a signet run flag`);
        expectEqual(setting.tekton, spread[1], `${args[i - 1]}: the table's tekton name`);
        wired.add(spread[1]);
    }
    for (const s of SETTINGS.filter((s) => s.tekton)) {
        expect(wired.has(s.tekton), `${s.key}: tekton ${s.tekton} is not wired in the Task`);
    }
    expect((step.env || []).some((e) => e.name === 'SIGNET_WRAPPER' && e.value === 'tekton'),
        'the Task does not set SIGNET_WRAPPER=tekton');
    expect((stepAction.spec.env || []).some((e) => e.name === 'SIGNET_WRAPPER' && e.value === 'tekton'),
        'the StepAction does not set SIGNET_WRAPPER=tekton');
});

finish();
