// contract-action: runs signet the way the GitHub runner starts this docker action
// (actions/runner ContainerActionHandler: every declared input as INPUT_<ID> upper-cased with
// hyphens kept, defaults merged in, runs.env only where unset, GITHUB_OUTPUT /
// GITHUB_STEP_SUMMARY files, GITHUB_ACTIONS=true, the workspace as working directory, the image
// ENTRYPOINT with no args) against a real registry, and checks outputs, summary and signatures.
// Needs `signet run`; CMake registers it only with -DSIGNET_CONTRACT_TESTS=ON.
import fs from 'node:fs';
import path from 'node:path';
import { check, expect, expectEqual, finish, loadYaml, repoPath } from '../lib/checks.mjs';
import { Registry, runWithEnv, signatureTag, tempDir } from '../lib/registry.mjs';

const signetBinary = process.env.SIGNET_BINARY;
const sharedDir = process.env.SIGNET_SHARED_DIR;
if (!signetBinary || !sharedDir) throw new Error('SIGNET_BINARY and SIGNET_SHARED_DIR must be set');

const action = loadYaml(repoPath('github-action/action.yml'));
const keyPem = fs.readFileSync(path.join(sharedDir, 'fixtures/interop/cosign-keys/pemsigstorekey.pem'), 'utf8');
const KEY_PASSWORD = 'hello'; // the interop fixtures' password (their PROVENANCE.md)

function entrypoint() {
    const containerfile = fs.readFileSync(repoPath('task/Containerfile'), 'utf8');
    const argv = JSON.parse(/^ENTRYPOINT (.*)$/m.exec(containerfile)[1]);
    return [signetBinary, ...argv.slice(1)];
}

// with: the step's `with:` map; stepEnv: the workflow/job/step `env:` merged.
function runAction(scratch, withInputs, stepEnv) {
    const workspace = path.join(scratch, 'workspace');
    const fileCommands = path.join(scratch, 'file_commands');
    for (const dir of [workspace, fileCommands, path.join(scratch, 'home')]) fs.mkdirSync(dir, { recursive: true });
    const env = {
        ...stepEnv,
        HOME: path.join(scratch, 'home'),
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: path.join(fileCommands, 'set_output'),
        GITHUB_STEP_SUMMARY: path.join(fileCommands, 'step_summary'),
        GITHUB_ENV: path.join(fileCommands, 'set_env'),
        RUNNER_OS: 'Linux',
        RUNNER_TEMP: path.join(scratch, 'home'),
        PATH: `${path.dirname(signetBinary)}:/usr/bin:/bin`,
    };
    for (const [id, input] of Object.entries(action.inputs)) {
        const value = Object.prototype.hasOwnProperty.call(withInputs, id) ? withInputs[id] : (input.default ?? '');
        env[`INPUT_${id.replace(/ /g, '_').toUpperCase()}`] = value;
    }
    for (const [key, value] of Object.entries(action.runs.env || {})) if (!(key in env)) env[key] = value;
    for (const f of [env.GITHUB_OUTPUT, env.GITHUB_STEP_SUMMARY, env.GITHUB_ENV]) fs.writeFileSync(f, '');
    const result = runWithEnv(entrypoint(), env, workspace);
    return {
        ...result,
        workspace,
        outputs: parseOutputs(fs.readFileSync(env.GITHUB_OUTPUT, 'utf8')),
        summary: fs.readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'),
    };
}

// GITHUB_OUTPUT: name=value lines and name<<DELIM ... DELIM blocks (github/docs workflow-commands).
function parseOutputs(text) {
    const outputs = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line === '') continue;
        const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
        if (heredoc) {
            const end = lines.indexOf(heredoc[2], i + 1);
            expect(end > i, `unterminated ${heredoc[1]}<<${heredoc[2]}`);
            outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
            i = end;
        } else {
            const eq = line.indexOf('=');
            expect(eq > 0, `malformed output line: ${line}`);
            outputs[line.slice(0, eq)] = line.slice(eq + 1);
        }
    }
    return outputs;
}

const registry = await Registry.start();
const scratch = tempDir('signet-action-contract-');
try {
    const app = registry.pushImage('owner/app', '1.0', 'github contract app');
    registry.addTag(app.repository, '1.0', 'latest');

    // docker/metadata-action's tags output: full references, one per line.
    const metadataTags = `${app.repository}:1.0\n${app.repository}:latest`;
    const stepEnv = {
        COSIGN_PRIVATE_KEY: keyPem,
        SIGNET_INSECURE_REGISTRIES: registry.host,
        // A workflow env that must not override the action's `with:` inputs.
        SIGNET_TAGS: `${app.repository}:decoy`,
        SIGNET_FAIL_ON: 'all',
    };

    await check('tags + digest inputs: outputs, summary, signatures; workflow env does not win', () => {
        const run = runAction(path.join(scratch, 'first'), {
            tags: metadataTags, digest: app.digest, key: 'env://COSIGN_PRIVATE_KEY',
            'key-password': KEY_PASSWORD, annotations: 'ci=github\nrun=contract',
        }, stepEnv);
        expectEqual(run.status, 0, `exit status (stdout: ${run.stdout} stderr: ${run.stderr})`);
        expectEqual([run.outputs['signed-count'], run.outputs['failed-count'], run.outputs['skipped-count']],
            ['2', '0', '0'], 'counts');
        expect(run.outputs['signature-refs'].split('\n').every((r) => r.includes(signatureTag(app.digest))),
            `signature-refs: ${run.outputs['signature-refs']}`);
        expect('sbom-refs' in run.outputs, 'sbom-refs output');
        const report = path.resolve(run.workspace, run.outputs.report);
        expect(fs.existsSync(report), `report ${run.outputs.report} in the workspace`);
        expectEqual(JSON.parse(fs.readFileSync(report, 'utf8')).summary.signed, 2, 'report summary.signed');
        for (const tag of ['1.0', 'latest']) {
            expect(run.summary.includes(`${app.repository}:${tag}`), `summary row for ${tag}`);
        }
        expect(/^\|.*\|\s*$/m.test(run.summary) && /\|\s*-{3,}/.test(run.summary), 'summary has a Markdown table');
        expect(run.summary.includes(app.digest), 'summary shows the digest');
        expect(!run.summary.includes('decoy') && !run.stdout.includes('decoy'), 'workflow env overrode tags');
        const sig = registry.manifest(`${app.repository}:${signatureTag(app.digest)}`);
        expectEqual(sig && sig.layers.length, 2, 'signature layers (one per tag)');
        const keyLine = keyPem.split('\n')[1];
        for (const [name, text] of [['stdout', run.stdout], ['stderr', run.stderr], ['summary', run.summary],
            ['outputs', JSON.stringify(run.outputs)]]) {
            expect(!text.includes(keyLine), `key material in ${name}`);
        }
    });

    await check('a missing digest: exit 2, failed-count, ::error workflow command', () => {
        const missing = `sha256:${'cd'.repeat(32)}`;
        // An input left empty falls back to the environment (so `env: COSIGN_PASSWORD` works as
        // it does with cosign); this step gives images only, so the tags decoy must go.
        const { SIGNET_TAGS: _decoy, ...envWithoutDecoy } = stepEnv;
        const run = runAction(path.join(scratch, 'second'), {
            images: `${app.repository}:1.0@${app.digest}, ${app.repository}@${missing}`,
            key: 'env://COSIGN_PRIVATE_KEY', 'key-password': KEY_PASSWORD,
        }, envWithoutDecoy);
        expectEqual(run.status, 2, 'exit status (fail-on any from the input default, not SIGNET_FAIL_ON=all)');
        expectEqual(run.outputs['failed-count'], '1', 'failed-count');
        expect(/^::error[^:]*::.*sha256:cdcd/m.test(run.stdout), `::error line in stdout: ${run.stdout}`);
    });

    await check('no key: a usage error naming the input (exit 1), nothing written', () => {
        const run = runAction(path.join(scratch, 'third'), { tags: metadataTags, digest: app.digest },
            { SIGNET_INSECURE_REGISTRIES: registry.host });
        expectEqual(run.status, 1, 'exit status');
        expect(/key/i.test(run.stdout + run.stderr), 'message names the key');
    });
} finally {
    registry.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
}

finish();
