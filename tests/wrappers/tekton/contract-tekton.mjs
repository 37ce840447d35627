// contract-tekton: runs the sign-images Task's step and the StepAction the way Tekton would
// (params substituted, arrays spread into args, workspaces as directories, result files under a
// results directory, the image's ENTRYPOINT from task/Containerfile) against a real registry,
// and checks the result files, the report and the signatures in the registry.
// Needs `signet run`; CMake registers it only with -DSIGNET_CONTRACT_TESTS=ON.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { check, expect, expectEqual, finish, loadYaml, repoPath } from '../lib/checks.mjs';
import { keyDirectory, Registry, runWithEnv, signatureTag, tempDir } from '../lib/registry.mjs';
import { resolveStep } from './tekton-step.mjs';

const signetBinary = process.env.SIGNET_BINARY;
const sharedDir = process.env.SIGNET_SHARED_DIR;
if (!signetBinary || !sharedDir) throw new Error('SIGNET_BINARY and SIGNET_SHARED_DIR must be set');

const task = loadYaml(repoPath('tekton/sign-images/0.1/sign-images.yaml'));
const stepAction = loadYaml(repoPath('tekton/stepaction/sign-images/0.1/sign-images.yaml'));
const RESULTS = task.spec.results.map((r) => r.name);
const TERMINATION_MESSAGE_LIMIT = 4096;

function imageEntrypoint() {
    const containerfile = fs.readFileSync(repoPath('task/Containerfile'), 'utf8');
    const entrypoint = JSON.parse(/^ENTRYPOINT (.*)$/m.exec(containerfile)[1]);
    expectEqual(entrypoint[0], 'signet', 'entrypoint program');
    return [signetBinary, ...entrypoint.slice(1)];
}

// Runs one resolved step: the image's ENTRYPOINT + args, the step env plus what the container
// runtime adds, in workingDir (or the image's WORKDIR, Tekton's /workspace emptyDir, when empty).
function runStep(resolved, scratch) {
    const env = {
        ...resolved.env,
        PATH: `${path.dirname(signetBinary)}:/usr/bin:/bin`,
        HOME: path.join(scratch, 'home'),
    };
    fs.mkdirSync(env.HOME, { recursive: true });
    const cwd = resolved.workingDir || path.join(scratch, 'image-workdir');
    fs.mkdirSync(cwd, { recursive: true });
    return { ...runWithEnv([...imageEntrypoint(), ...resolved.args], env, cwd), cwd };
}

function resultFiles(dir) {
    fs.mkdirSync(dir, { recursive: true });
    return Object.fromEntries(RESULTS.map((r) => [r, path.join(dir, r)]));
}

function readResults(paths) {
    const out = {};
    let total = 0;
    for (const [name, file] of Object.entries(paths)) {
        expect(fs.existsSync(file), `result ${name} was not written`);
        out[name] = fs.readFileSync(file, 'utf8');
        total += name.length + out[name].length;
        expect(!out[name].endsWith('\n'), `result ${name} ends with a newline`);
    }
    expect(total < TERMINATION_MESSAGE_LIMIT - 512, `results take ${total} bytes of the 4 KB message`);
    return out;
}

function expectSigned(registry, image) {
    const sig = registry.manifest(`${image.repository}:${signatureTag(image.digest)}`);
    expect(sig && Array.isArray(sig.layers) && sig.layers.length >= 1, `no signature for ${image.digest}`);
    return sig;
}

const registry = await Registry.start();
const scratch = tempDir('signet-tekton-contract-');
const keyDir = keyDirectory(sharedDir);
try {
    const app = registry.pushImage('team/app', '1.0', 'tekton contract app');
    registry.addTag(app.repository, '1.0', 'latest');
    const tool = registry.pushImage('team/tool', '2.0', 'tekton contract tool');
    // SIGNET_IMAGE is required; the contract runs the signet binary itself, so any pinned image
    // stands in for the task image.
    const taskImage = `${tool.repository}@${tool.digest}`;

    await check('Task: a run that does not name the task image is refused', () => {
        let refused = '';
        try {
            resolveStep(task, task.spec.steps[0], { params: { IMAGES: [taskImage] }, workspaces: {} },
                'results');
        } catch (e) {
            refused = e.message;
        }
        expect(refused.includes('SIGNET_IMAGE'), `resolving without SIGNET_IMAGE: ${refused || 'accepted'}`);
    });

    await check('Task: TAGS + DIGEST with the source workspace bound', () => {
        const source = path.join(scratch, 'source');
        fs.mkdirSync(source);
        const paths = resultFiles(path.join(scratch, 'results1'));
        const resolved = resolveStep(task, task.spec.steps[0], {
            params: {
                TAGS: [`${app.repository}:1.0`, `${app.repository}:latest`],
                DIGEST: app.digest,
                ANNOTATIONS: ['ci=tekton', 'pipeline=contract'],
                INSECURE_REGISTRIES: registry.host, SIGNET_IMAGE: taskImage,
            },
            workspaces: { 'signing-key': keyDir, source },
            resultPaths: paths,
        }, 'results');
        // What Tekton hands the container: the empty IMAGES array contributes no element.
        expectEqual(resolved.args, ['--image', '--tag', `${app.repository}:1.0`, `${app.repository}:latest`,
            '--annotation', 'ci=tekton', 'pipeline=contract'], 'args');
        expectEqual(resolved.env.DOCKER_CONFIG, '', 'unbound dockerconfig path');
        const { status, stdout, stderr } = runStep(resolved, scratch);
        expectEqual(status, 0, `exit status (stderr: ${stderr})`);
        const results = readResults(paths);
        expectEqual([results.SIGNED_COUNT, results.FAILED_COUNT, results.SKIPPED_COUNT], ['2', '0', '0'], 'counts');
        const sigRefs = JSON.parse(results.SIGNATURE_REFS);
        expect(Array.isArray(sigRefs) && sigRefs.length >= 1, 'SIGNATURE_REFS is a non-empty JSON array');
        expect(sigRefs.every((r) => r.includes(signatureTag(app.digest))), `signature refs: ${results.SIGNATURE_REFS}`);
        expect(Array.isArray(JSON.parse(results.SBOM_REFS)), 'SBOM_REFS is a JSON array');
        const report = fs.readFileSync(path.join(source, 'signet-report.json'));
        expectEqual(results.REPORT_SHA256, crypto.createHash('sha256').update(report).digest('hex'), 'REPORT_SHA256');
        const parsed = JSON.parse(report);
        expectEqual(parsed.summary.signed, 2, 'report summary.signed');
        const sig = expectSigned(registry, app);
        expectEqual(sig.layers.length, 2, 'one signature per tag (identity tag)');
        const leaked = fs.readFileSync(path.join(keyDir, 'cosign.key'), 'utf8').split('\n')[1];
        expect(!stdout.includes(leaked) && !stderr.includes(leaked), 'key material in the log');
    });

    await check('Task: re-run is idempotent (already signed = skipped, nothing added)', () => {
        const source = path.join(scratch, 'source');
        const paths = resultFiles(path.join(scratch, 'results2'));
        const resolved = resolveStep(task, task.spec.steps[0], {
            params: { TAGS: [`${app.repository}:1.0`, `${app.repository}:latest`], DIGEST: app.digest,
                ANNOTATIONS: ['ci=tekton', 'pipeline=contract'], INSECURE_REGISTRIES: registry.host, SIGNET_IMAGE: taskImage },
            workspaces: { 'signing-key': keyDir, source },
            resultPaths: paths,
        }, 'results');
        const { status, stderr } = runStep(resolved, scratch);
        expectEqual(status, 0, `exit status (stderr: ${stderr})`);
        const results = readResults(paths);
        expectEqual([results.FAILED_COUNT, results.SKIPPED_COUNT], ['0', '2'], 'failed, skipped');
        expectEqual(expectSigned(registry, app).layers.length, 2, 'signature layers after re-run');
    });

    await check('Task: IMAGES array, source workspace unbound (report in the image WORKDIR)', () => {
        const paths = resultFiles(path.join(scratch, 'results3'));
        const resolved = resolveStep(task, task.spec.steps[0], {
            params: { IMAGES: [`${tool.repository}:2.0@${tool.digest}`], IDENTITY: 'repo',
                INSECURE_REGISTRIES: registry.host, SIGNET_IMAGE: taskImage },
            workspaces: { 'signing-key': keyDir },
            resultPaths: paths,
        }, 'results');
        expectEqual(resolved.workingDir, '', 'workingDir of an unbound workspace');
        expectEqual(resolved.args, ['--image', `${tool.repository}:2.0@${tool.digest}`, '--tag', '--annotation'], 'args');
        const { status, cwd, stderr } = runStep(resolved, scratch);
        expectEqual(status, 0, `exit status (stderr: ${stderr})`);
        expectEqual(readResults(paths).SIGNED_COUNT, '1', 'SIGNED_COUNT');
        expect(fs.existsSync(path.join(cwd, 'signet-report.json')), 'report in the working directory');
        expectSigned(registry, tool);
    });

    await check('Task: a digest that does not exist fails the step (exit 2) with FAILED_COUNT', () => {
        const paths = resultFiles(path.join(scratch, 'results4'));
        const missing = `sha256:${'ab'.repeat(32)}`;
        const resolved = resolveStep(task, task.spec.steps[0], {
            params: { IMAGES: [`${tool.repository}:2.0@${tool.digest}`, `${tool.repository}@${missing}`],
                INSECURE_REGISTRIES: registry.host, SIGNET_IMAGE: taskImage },
            workspaces: { 'signing-key': keyDir },
            resultPaths: paths,
        }, 'results');
        const { status } = runStep(resolved, scratch);
        expectEqual(status, 2, 'exit status');
        expectEqual(readResults(paths).FAILED_COUNT, '1', 'FAILED_COUNT');
    });

    await check('StepAction: step results at the paths Tekton gives, params as directories', () => {
        const source = path.join(scratch, 'sa-source');
        fs.mkdirSync(source);
        fs.writeFileSync(path.join(source, 'images.txt'), `${app.repository}:1.0@${app.digest}\n`);
        const paths = resultFiles(path.join(scratch, 'steps/step-sign/results'));
        const resolved = resolveStep(stepAction, stepAction.spec, {
            params: { KEY_DIR: keyDir, SOURCE_DIR: source, IMAGES_FILE: 'images.txt', IDENTITY: 'repo',
                INSECURE_REGISTRIES: registry.host, SIGNET_IMAGE: taskImage },
            resultPaths: paths,
        }, 'step.results');
        const { status, stderr } = runStep(resolved, scratch);
        expectEqual(status, 0, `exit status (stderr: ${stderr})`);
        const results = readResults(paths);
        expectEqual(results.FAILED_COUNT, '0', 'FAILED_COUNT');
        expect(fs.existsSync(path.join(source, 'signet-report.json')), 'report in SOURCE_DIR');
    });
} finally {
    registry.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(keyDir, { recursive: true, force: true });
}

finish();
