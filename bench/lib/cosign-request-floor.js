// The request floor for cosign-style signing: for each "host/repo:tag@sha256:…" line of REFS_FILE,
// issue only the HTTP requests a legacy .sig signature needs, over keep-alive connections, with
// CONCURRENCY images in flight, and print "COUNT SECONDS" for the timed images. The first WARMUP
// images (default 2) warm up node's JIT and connections and are not timed. No signing crypto: the
// signature annotation is random bytes, so this measures the registry + loopback HTTP cost alone.
// MODE (default "cosign") chooses the sequence per image:
//   cosign  10 requests, what cosign does: HEAD the tag, GET the .sig tag (404), HEAD + POST + PUT
//           the payload blob, HEAD + POST + PUT the config blob, PUT the .sig manifest, GET it back.
//   lean     6 requests, the least a new signature can cost: GET the .sig tag (404), POST + PUT the
//           payload blob, POST + PUT the config blob, PUT the .sig manifest. No blob HEAD (both
//           blobs are new for a fresh digest), no HEAD of the image, no read-back.
// usage: node cosign-request-floor.js CONCURRENCY REFS_FILE [cosign|lean]
"use strict";
const http = require("http");
const fs = require("fs");
const crypto = require("crypto");

const [concurrencyText, refsFile, mode = "cosign"] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
if (!(concurrency > 0) || !refsFile || !["cosign", "lean"].includes(mode)) {
    console.error("usage: node cosign-request-floor.js CONCURRENCY REFS_FILE [cosign|lean]");
    process.exit(1);
}
const lean = mode === "lean";
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

function request(host, method, path, headers = {}, body = null) {
    const [hostname, port] = host.split(":");
    return new Promise((resolve, reject) => {
        const req = http.request({ hostname, port, method, path, headers, agent }, (res) => {
            const chunks = [];
            res.on("data", (c) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on("error", reject);
        if (body) req.end(body); else req.end();
    });
}

function expect(response, statuses, what) {
    if (!statuses.includes(response.status)) throw new Error(`${what}: HTTP ${response.status}`);
    return response;
}

const sha256 = (buf) => "sha256:" + crypto.createHash("sha256").update(buf).digest("hex");

function parseRef(line) {
    const match = /^([^/]+)\/(.+):([^:@/]+)@(sha256:[0-9a-f]{64})$/.exec(line.trim());
    if (!match) throw new Error(`not a host/repo:tag@digest reference: ${line}`);
    const [, host, repo, tag, digest] = match;
    return { host, repo, tag, digest };
}

// [HEAD blob (absent), cosign mode only] + POST upload + PUT upload?digest=: the registry's
// minimal blob upload.
async function uploadBlob(ref, data) {
    const digest = sha256(data);
    if (!lean) {
        const head = await request(ref.host, "HEAD", `/v2/${ref.repo}/blobs/${digest}`);
        if (head.status === 200) return digest;
    }
    const started = expect(await request(ref.host, "POST", `/v2/${ref.repo}/blobs/uploads/`,
        { "Content-Length": 0 }), [202], "POST blob upload");
    const target = new URL(started.headers.location, `http://${ref.host}`);
    target.searchParams.set("digest", digest);
    expect(await request(ref.host, "PUT", target.pathname + target.search,
        { "Content-Type": "application/octet-stream", "Content-Length": data.length }, data),
        [201], "PUT blob");
    return digest;
}

async function signOne(ref) {
    const sigTag = ref.digest.replace(":", "-") + ".sig";
    if (!lean) {
        expect(await request(ref.host, "HEAD", `/v2/${ref.repo}/manifests/${ref.tag}`,
            { Accept: OCI_MANIFEST }), [200], "HEAD tag");
    }
    expect(await request(ref.host, "GET", `/v2/${ref.repo}/manifests/${sigTag}`,
        { Accept: OCI_MANIFEST }), [404], "GET .sig tag");
    const payload = Buffer.from(JSON.stringify({
        critical: {
            identity: { "docker-reference": `${ref.host}/${ref.repo}:${ref.tag}` },
            image: { "docker-manifest-digest": ref.digest },
            type: "cosign container image signature",
        },
        optional: null,
    }));
    const payloadDigest = await uploadBlob(ref, payload);
    const config = Buffer.from(JSON.stringify({
        architecture: "", created: "0001-01-01T00:00:00Z", history: [{ created: "0001-01-01T00:00:00Z" }],
        os: "", rootfs: { type: "layers", diff_ids: [payloadDigest] }, config: {},
    }));
    const configDigest = await uploadBlob(ref, config);
    const manifest = Buffer.from(JSON.stringify({
        schemaVersion: 2, mediaType: OCI_MANIFEST,
        config: { mediaType: "application/vnd.oci.image.config.v1+json", size: config.length, digest: configDigest },
        layers: [{
            mediaType: "application/vnd.dev.cosign.simplesigning.v1+json", size: payload.length, digest: payloadDigest,
            annotations: { "dev.cosignproject.cosign/signature": crypto.randomBytes(71).toString("base64") },
        }],
    }));
    expect(await request(ref.host, "PUT", `/v2/${ref.repo}/manifests/${sigTag}`,
        { "Content-Type": OCI_MANIFEST, "Content-Length": manifest.length }, manifest), [201], "PUT .sig manifest");
    if (!lean) {
        expect(await request(ref.host, "GET", `/v2/${ref.repo}/manifests/${sigTag}`,
            { Accept: OCI_MANIFEST }), [200], "GET .sig manifest back");
    }
}

async function main() {
    const refs = fs.readFileSync(refsFile, "utf8").split("\n").filter((l) => l.trim()).map(parseRef);
    const warmup = Math.min(Number(process.env.WARMUP ?? 2), refs.length - 1);
    for (let i = 0; i < warmup; i++) await signOne(refs[i]);
    const started = process.hrtime.bigint();
    let next = warmup;
    const worker = async () => { while (next < refs.length) await signOne(refs[next++]); };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`${refs.length - warmup} ${seconds.toFixed(4)}`);
    agent.destroy();
}

main().catch((e) => { console.error(`cosign-request-floor: ${e.message}`); process.exit(1); });
