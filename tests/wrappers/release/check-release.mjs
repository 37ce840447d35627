// check-release: the release workflow (.github/workflows/release.yml) does what it says. Its
// "Sign the image and attest its SBOM" step's own script runs, as the runner would run it, against
// a real registry (the signature and the SPDX attestation then verify); task/pin-image.sh pins a
// digest in a copy of the wrappers, which the wrappers' static checks, action-validator, ajv and
// tekton-lint then accept; and it refuses tags, placeholders and malformed references.
import fs from 'node:fs';
import path from 'node:path';
import { check, expect, expectEqual, finish, loadYaml, repoPath } from '../lib/checks.mjs';
import { Registry, run, runWithEnv, signatureTag, tempDir } from '../lib/registry.mjs';

if (!process.env.SIGNET_BINARY) throw new Error('SIGNET_BINARY must name the signet executable CMake built');
const signetBinary = path.resolve(process.env.SIGNET_BINARY);
const workflow = loadYaml(repoPath('.github/workflows/release.yml'));
const work = tempDir('signet-release-test-');
const npmBin = repoPath('node_modules/.bin');

function stepNamed(job, name) {
    const step = workflow.jobs[job].steps.find((s) => s.name === name);
    if (!step) throw new Error(`release.yml job ${job} has no step "${name}"`);
    return step;
}

function fails(argv, pattern) {
    try {
        run(argv);
    } catch (e) {
        expect(pattern.test(e.message), `${argv.join(' ')}: ${e.message} should match ${pattern}`);
        return;
    }
    throw new Error(`${argv.join(' ')} should fail`);
}

try {
    await check('release.yml: on version tags, builds on Debian, pushes, signs, attests, pins', () => {
        expectEqual(workflow.on.push.tags, ['v*'], 'trigger');
        expectEqual(workflow.jobs.image.container, 'debian:bookworm', 'build container');
        expectEqual(workflow.jobs.image.permissions.packages, 'write', 'packages: write');
        const push = stepNamed('image', 'Build the task image and push it').run;
        expect(/task\/build-image\.sh[\s\S]*--push/.test(push), 'pushes with task/build-image.sh');
        const pin = stepNamed('pin', 'Pin the published digest in the action and the Tekton Task').run;
        expect(pin.includes('bash task/pin-image.sh "$IMAGE"'), 'pins with task/pin-image.sh');
        expectEqual(workflow.jobs.pin.needs, 'image', 'pin after the image');
        expect(fs.existsSync(repoPath('task/pin-image.sh')), 'task/pin-image.sh exists');
    });

    await check("the signing step's script signs, attests and verifies a real image", async () => {
        const registry = await Registry.start();
        try {
            const image = registry.pushImage('release/signet', '0.1.0', 'release contents');
            const tagged = `${image.repository}:0.1.0@${image.digest}`;
            const dir = path.join(work, 'runner');
            fs.mkdirSync(path.join(dir, 'build-release'), { recursive: true });
            fs.mkdirSync(path.join(dir, 'build'), { recursive: true });
            fs.symlinkSync(path.resolve(signetBinary), path.join(dir, 'build-release/signet'));
            const keys = path.join(work, 'keys');
            runWithEnv([signetBinary, 'generate-key-pair', '--output-key-prefix', `${keys}`],
                { COSIGN_PASSWORD: 'release-pw', HOME: work, PATH: process.env.PATH }, work);
            const step = stepNamed('image', 'Sign the image and attest its SBOM with signet');
            // The step's env with the secrets and outputs the runner would substitute.
            const env = {
                PATH: process.env.PATH,
                HOME: work,
                COSIGN_PRIVATE_KEY: fs.readFileSync(`${keys}.key`, 'utf8'),
                COSIGN_PASSWORD: 'release-pw',
                SIGNET_REGISTRY_USERNAME: 'github-actor',
                SIGNET_REGISTRY_PASSWORD: 'unused-token',
                IMAGE: tagged,
                SIGNET_INSECURE_REGISTRIES: registry.host,
            };
            expectEqual(Object.keys(step.env).filter((k) => !(k in env)), [], 'every variable of the step is set');
            run(['bash', '-e', '-o', 'pipefail', '-c', step.run], { cwd: dir, env });
            expect(registry.manifest(`${image.repository}:${signatureTag(image.digest)}`) !== null, 'signature stored');
            const attestation = `${image.repository}:${image.digest.replace(':', '-')}.att`;
            expect(registry.manifest(attestation) !== null, 'SBOM attestation stored');
            const sbom = JSON.parse(fs.readFileSync(path.join(dir, 'build/signet.spdx.json'), 'utf8'));
            expectEqual(sbom.spdxVersion, 'SPDX-2.3', 'the SBOM the step wrote');
            expectEqual(fs.readFileSync(path.join(dir, 'build/release.pub'), 'utf8'),
                fs.readFileSync(`${keys}.pub`, 'utf8'), 'the public key the step derived');
            // The step refuses to sign with a key other than the committed cosign.pub.
            const other = path.join(work, 'other');
            runWithEnv([signetBinary, 'generate-key-pair', '--output-key-prefix', other],
                { COSIGN_PASSWORD: 'other-pw', HOME: work, PATH: process.env.PATH }, work);
            fs.copyFileSync(`${other}.pub`, path.join(dir, 'cosign.pub'));
            let refused = '';
            try {
                run(['bash', '-e', '-o', 'pipefail', '-c', step.run], { cwd: dir, env });
            } catch (e) {
                refused = e.message;
            }
            expect(refused.includes('the signing key is not the one cosign.pub publishes'), `refused: ${refused}`);
        } finally {
            registry.stop();
        }
    });

    const pinned = path.join(work, 'pinned');
    const ref = `ghcr.io/signet-dev/signet@sha256:${'3f'.repeat(32)}`;
    await check('pin-image.sh pins the action and both Tekton files, and pins again over a pin', () => {
        for (const dir of ['github-action', 'tekton']) {
            fs.cpSync(repoPath(dir), path.join(pinned, dir), { recursive: true });
        }
        run(['bash', repoPath('task/pin-image.sh'), '--root', pinned, `ghcr.io/old/signet@sha256:${'1a'.repeat(32)}`]);
        const out = run(['bash', repoPath('task/pin-image.sh'), '--root', pinned, ref]);
        expect(out.includes(`pinned ${ref}`), out);
        const action = loadYaml(path.join(pinned, 'github-action/action.yml'));
        expectEqual(action.runs.image, `docker://${ref}`, 'runs.image');
        for (const file of ['tekton/sign-images/0.1/sign-images.yaml', 'tekton/stepaction/sign-images/0.1/sign-images.yaml']) {
            const resource = loadYaml(path.join(pinned, file));
            const params = resource.spec.params.filter((p) => p.name === 'SIGNET_IMAGE');
            expectEqual(params.length, 1, `${file}: one SIGNET_IMAGE param`);
            expectEqual(params[0].default, ref, `${file}: SIGNET_IMAGE default`);
        }
        const original = fs.readFileSync(repoPath('tekton/sign-images/0.1/sign-images.yaml'), 'utf8').split('\n');
        const after = fs.readFileSync(path.join(pinned, 'tekton/sign-images/0.1/sign-images.yaml'), 'utf8').split('\n');
        expectEqual(after.length, original.length + 1, 'one line added to the Task');
    });

    await check('the pinned wrappers pass the static checks, action-validator, ajv and tekton-lint', () => {
        const env = { ...process.env, SIGNET_WRAPPERS_ROOT: pinned, SIGNET_BINARY: signetBinary };
        run(['node', repoPath('tests/wrappers/github/check-action.mjs')], { env });
        run(['node', repoPath('tests/wrappers/tekton/check-tekton.mjs')], { env });
        run([path.join(npmBin, 'action-validator'), path.join(pinned, 'github-action/action.yml')]);
        run([path.join(npmBin, 'ajv'), 'validate', '--spec=draft7', '-s',
            repoPath('tests/wrappers/tekton/task-v1.schema.json'), '-d',
            path.join(pinned, 'tekton/sign-images/0.1/sign-images.yaml')]);
        run([path.join(npmBin, 'tekton-lint'), '--max-warnings', '0',
            path.join(pinned, 'tekton/sign-images/0.1/sign-images.yaml')], { cwd: repoPath('tekton') });
    });

    await check('pin-image.sh refuses tags, placeholders and malformed references', () => {
        const pin = (arg) => ['bash', repoPath('task/pin-image.sh'), '--root', pinned, arg];
        fails(pin('ghcr.io/signet-dev/signet:0.1.0'), /has no digest/);
        fails(pin(`ghcr.io/signet-dev/signet:0.1.0@sha256:${'3f'.repeat(32)}`), /not a repository name/);
        fails(pin(`ghcr.io/signet-dev/signet@sha256:${'0'.repeat(64)}`), /all-zero placeholder/);
        fails(pin('ghcr.io/signet-dev/signet@sha256:abc'), /not a sha256 digest/);
        fails(['bash', repoPath('task/pin-image.sh'), '--root', path.join(work, 'nowhere'), ref], /is missing/);
    });
} finally {
    fs.rmSync(work, { recursive: true, force: true });
}

finish();
