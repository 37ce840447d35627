// check-action: static contract checks of github-action/action.yml beyond action-validator's
// schema: the exact input/output ids signet reads and writes (config brief), a docker image built
// from the repository's task/Containerfile (never a placeholder digest), no inputs the runner reserves, and an example workflow wired to it.
import fs from 'node:fs';
import { check, expect, expectEqual, finish, loadYaml, repoPath, isPinnedImage, wrapperPath } from '../lib/checks.mjs';
import { INPUT_CHOICES, INPUT_IDS } from '../lib/settings.mjs';

const action = loadYaml(wrapperPath('github-action/action.yml'));
// The input ids and their allowed values come from signet's setting table (signet settings --json).
const INPUTS = INPUT_IDS;
const OUTPUTS = ['signed-count', 'failed-count', 'skipped-count', 'signature-refs', 'sbom-refs', 'tlog-entries', 'report'];
const CHOICES = INPUT_CHOICES;

await check('inputs are exactly the ids signet reads as INPUT_<ID>', () => {
    expectEqual(Object.keys(action.inputs).slice().sort(), INPUTS.slice().sort(), 'input ids');
    for (const [id, input] of Object.entries(action.inputs)) {
        expect(/^[a-z][a-z0-9-]*$/.test(id), `${id}: lower-case id`);
        expect(typeof input.description === 'string' && input.description.length > 0, `${id}: description`);
        if (CHOICES[id]) expect(CHOICES[id].includes(input.default), `${id}: default ${input.default}`);
        expect(input.default === undefined || typeof input.default === 'string', `${id}: default is a string`);
    }
    for (const reserved of ['args', 'entrypoint']) {
        expect(!Object.keys(action.inputs).some((id) => id.toLowerCase() === reserved), `input ${reserved} is reserved`);
    }
});

await check('outputs are exactly the names signet writes to GITHUB_OUTPUT', () => {
    expectEqual(Object.keys(action.outputs), OUTPUTS, 'output ids');
    for (const [id, output] of Object.entries(action.outputs)) {
        expect(typeof output.description === 'string', `${id}: description`);
        expect(output.value === undefined, `${id}: docker action outputs have no value`);
    }
});

await check('docker action built from the task Containerfile, no args, no env mapping', () => {
    expectEqual(action.runs.using, 'docker', 'runs.using');
    // Unreleased: the runner builds a Dockerfile path relative to action.yml, with its directory
    // as context. Released: task/pin-image.sh names the published, signed image by digest.
    const pinned = action.runs.image.startsWith('docker://');
    expect(pinned ? isPinnedImage(action.runs.image.slice('docker://'.length)) : action.runs.image === '../Dockerfile',
        `runs.image is ../Dockerfile or docker://REPOSITORY@sha256:<digest>, got ${action.runs.image}`);
    const dockerfile = repoPath('Dockerfile');
    expectEqual(fs.realpathSync(dockerfile), fs.realpathSync(repoPath('task/Containerfile')),
        'the root Dockerfile is task/Containerfile');
    const text = fs.readFileSync(dockerfile, 'utf8');
    expect(/COPY \. \/src/.test(text) && /cmake --build/.test(text), 'the image builds signet from the sources');
    expect(/ENTRYPOINT \["signet", "run"\]/.test(text), 'entrypoint signet run');
    expect(!/sha256:0{64}/.test(fs.readFileSync(wrapperPath('github-action/action.yml'), 'utf8')),
        'no placeholder digest');
    expect(action.runs.args === undefined && action.runs.entrypoint === undefined, 'image entrypoint used as is');
    // runs.env is added only when the workflow has not set the same key, so inputs must not be
    // mapped through it (signet reads INPUT_* itself).
    for (const key of Object.keys(action.runs.env || {})) {
        expect(!key.startsWith('SIGNET_') && !key.startsWith('INPUT_'), `runs.env ${key} would shadow inputs`);
    }
    expect(action.branding && action.branding.icon && action.branding.color, 'branding');
});

await check('example workflow feeds metadata-action tags and build-push-action digest', () => {
    const workflow = loadYaml(repoPath('github-action/examples/build-sign.yml'));
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const meta = steps.find((s) => String(s.uses).startsWith('docker/metadata-action@'));
    const build = steps.find((s) => String(s.uses).startsWith('docker/build-push-action@'));
    const sign = steps.find((s) => /\/github-action@/.test(String(s.uses)));
    expect(meta && build && sign, 'metadata-action, build-push-action and the signet action');
    expectEqual(sign.with.tags, `\${{ steps.${meta.id}.outputs.tags }}`, 'tags input');
    expectEqual(sign.with.digest, `\${{ steps.${build.id}.outputs.digest }}`, 'digest input');
    for (const id of Object.keys(sign.with)) expect(INPUTS.includes(id), `unknown input ${id}`);
    expect(/^\$\{\{ secrets\./.test(sign.with['key-password']), 'key-password comes from a secret');
    expect(workflow.permissions && workflow.permissions.packages === 'write', 'permissions: packages: write');
    expect(fs.existsSync(repoPath('github-action/README.md')), 'README present');
});

finish();
