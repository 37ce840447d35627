// registry: a real Debian docker-registry on 127.0.0.1 (free port, temporary storage) and small
// real images built with umoci and pushed with skopeo, for the wrapper contract tests.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'signet-wrappers-') {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function run(argv, options = {}) {
    try {
        return execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
    } catch (e) {
        throw new Error(`${argv.join(' ')} failed: ${e.stderr || e.message}`);
    }
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

async function waitForRegistry(host, child, deadlineMs) {
    const deadline = Date.now() + deadlineMs;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}`);
        try {
            const response = await fetch(`http://${host}/v2/`);
            if (response.status === 200 || response.status === 401) return;
        } catch {
            // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`docker-registry on ${host} did not answer within ${deadlineMs} ms`);
}

export class Registry {
    // options.credentials: { username, password } to require htpasswd basic auth.
    static async start(options = {}) {
        const dir = tempDir('signet-registry-');
        const port = await freePort();
        const host = `127.0.0.1:${port}`;
        const auth = [];
        if (options.credentials) {
            const { username, password } = options.credentials;
            fs.writeFileSync(path.join(dir, 'htpasswd'), run(['htpasswd', '-Bbn', username, password]));
            auth.push(`auth: {htpasswd: {realm: signet-test, path: ${dir}/htpasswd}}`);
        }
        fs.writeFileSync(path.join(dir, 'config.yml'), [
            'version: 0.1',
            'log: {level: error}',
            `storage: {filesystem: {rootdirectory: ${dir}/storage}, delete: {enabled: true}}`,
            `http: {addr: "${host}"}`,
            ...auth,
            '',
        ].join('\n'));
        const child = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], {
            stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, 'registry.log'), 'w')],
        });
        const registry = new Registry(host, dir, child);
        try {
            await waitForRegistry(host, child, 15000);
        } catch (e) {
            registry.stop();
            throw e;
        }
        return registry;
    }

    constructor(host, dir, child) {
        this.host = host;
        this.dir = dir;
        this.child = child;
    }

    stop() {
        if (this.child.exitCode === null) this.child.kill('SIGTERM');
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    // Builds a one-layer image whose /content.txt holds `content`, pushes it as name:tag and
    // returns { repository, tag, digest }.
    pushImage(name, tag, content) {
        const work = tempDir('signet-image-');
        try {
            const layout = path.join(work, 'layout');
            run(['umoci', 'init', '--layout', layout]);
            run(['umoci', 'new', '--image', `${layout}:${tag}`]);
            // The layer is GNU tar's: umoci 0.4.7's `insert` writes a tar without its padding and
            // end-of-archive blocks, which tar, Go's archive/tar and signet refuse as truncated.
            fs.mkdirSync(path.join(work, 'root'));
            fs.writeFileSync(path.join(work, 'root/content.txt'), content);
            run(['tar', '--create', '--file', path.join(work, 'layer.tar'), '--directory', path.join(work, 'root'),
                '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', 'content.txt']);
            run(['umoci', 'raw', 'add-layer', '--image', `${layout}:${tag}`, path.join(work, 'layer.tar')]);
            const repository = `${this.host}/${name}`;
            run(['skopeo', 'copy', '--quiet', '--dest-tls-verify=false', `oci:${layout}:${tag}`,
                `docker://${repository}:${tag}`]);
            return { repository, tag, digest: this.digestOf(`${repository}:${tag}`) };
        } finally {
            fs.rmSync(work, { recursive: true, force: true });
        }
    }

    addTag(repository, fromTag, toTag) {
        run(['skopeo', 'copy', '--quiet', '--src-tls-verify=false', '--dest-tls-verify=false',
            `docker://${repository}:${fromTag}`, `docker://${repository}:${toTag}`]);
    }

    // creds: "user:password" when the registry requires authentication.
    digestOf(reference, creds) {
        const auth = creds ? ['--creds', creds] : [];
        return JSON.parse(run(['skopeo', 'inspect', '--tls-verify=false', ...auth, `docker://${reference}`])).Digest;
    }

    // The raw manifest at reference, or null when the registry does not have it.
    manifest(reference) {
        try {
            return JSON.parse(run(['skopeo', 'inspect', '--tls-verify=false', '--raw', `docker://${reference}`]));
        } catch {
            return null;
        }
    }
}

// The cosign legacy signature tag for a digest: sha256:abc -> sha256-abc.sig.
export function signatureTag(digest) {
    return `${digest.replace(':', '-')}.sig`;
}

// A Secret-like key directory: cosign.key (encrypted cosign key from the shared interop fixtures,
// password "hello" per their PROVENANCE) and cosign.password without a trailing newline.
export function keyDirectory(sharedDir) {
    const dir = tempDir('signet-key-');
    fs.copyFileSync(path.join(sharedDir, 'fixtures/interop/cosign-keys/pemsigstorekey.pem'),
        path.join(dir, 'cosign.key'));
    fs.writeFileSync(path.join(dir, 'cosign.password'), 'hello');
    return dir;
}

// Runs a process with exactly `env` (nothing inherited) and returns { status, stdout, stderr }.
export function runWithEnv(argv, env, cwd) {
    const result = spawnSync(argv[0], argv.slice(1), { env, cwd, encoding: 'utf8', timeout: 120000 });
    if (result.error) throw new Error(`${argv[0]}: ${result.error.message}`);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
