// Pushes COUNT small, distinct images to http://HOST/REPO (tags t0..), one shared gzip layer;
// prints one "HOST/REPO:tag@sha256:digest" line per image. Loopback registry only.
// usage: node push-images.js HOST REPO COUNT LAYER.tar.gz
"use strict";
const http = require("http");
const fs = require("fs");
const crypto = require("crypto");

const [host, repo, countText, layerFile] = process.argv.slice(2);
if (!host || !repo || !countText || !layerFile) {
    console.error("usage: node push-images.js HOST REPO COUNT LAYER.tar.gz");
    process.exit(1);
}
const [hostname, port] = host.split(":");
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function request(method, path, headers = {}, body = null) {
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

const sha256 = (buf) => "sha256:" + crypto.createHash("sha256").update(buf).digest("hex");

async function pushBlob(data) {
    const digest = sha256(data);
    const started = await request("POST", `/v2/${repo}/blobs/uploads/`, { "Content-Length": 0 });
    if (started.status !== 202) throw new Error(`POST upload for ${repo}: HTTP ${started.status}`);
    const location = new URL(started.headers.location, `http://${host}`);
    location.searchParams.set("digest", digest);
    const done = await request("PUT", location.pathname + location.search,
        { "Content-Type": "application/octet-stream", "Content-Length": data.length }, data);
    if (done.status !== 201) throw new Error(`PUT blob ${digest} to ${repo}: HTTP ${done.status}`);
    return { digest, size: data.length };
}

async function pushImage(index, layer, diffId) {
    const config = Buffer.from(JSON.stringify({
        architecture: "amd64", os: "linux",
        config: { Env: [`BENCH_IMAGE=${repo}-${index}-${process.pid}`] },
        rootfs: { type: "layers", diff_ids: [diffId] },
    }));
    const configDesc = await pushBlob(config);
    const manifest = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", ...configDesc },
        layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", ...layer }],
    }));
    const tag = `t${index}`;
    const put = await request("PUT", `/v2/${repo}/manifests/${tag}`,
        { "Content-Type": "application/vnd.oci.image.manifest.v1+json", "Content-Length": manifest.length }, manifest);
    if (put.status !== 201) throw new Error(`PUT manifest ${repo}:${tag}: HTTP ${put.status} ${put.body}`);
    return `${host}/${repo}:${tag}@${sha256(manifest)}`;
}

async function main() {
    const layerBytes = fs.readFileSync(layerFile);
    const diffId = sha256(require("zlib").gunzipSync(layerBytes));
    const layer = await pushBlob(layerBytes);
    const count = Number(countText);
    const refs = [];
    for (let start = 0; start < count; start += 4) {
        const batch = [];
        for (let i = start; i < Math.min(count, start + 4); i++) batch.push(pushImage(i, layer, diffId));
        refs.push(...(await Promise.all(batch)));
    }
    process.stdout.write(refs.join("\n") + "\n");
    agent.destroy();
}

main().catch((e) => { console.error(`push-images: ${e.message}`); process.exit(1); });
