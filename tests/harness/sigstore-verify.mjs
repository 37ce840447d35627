// sigstore-verify: the independent verifier of the bundles signet writes — sigstore-js's
// @sigstore/verify, given the public key (and, when the test ran Rekor/TSA stand-ins, their
// trusted root). @sigstore/verify does not look at the statement's subject, so this script checks
// that the subject digest is the image's. Prints "verified" and exits 0, or names the failure
// and exits 1.
//
// usage: node sigstore-verify.mjs BUNDLE.json PUBLIC.pem sha256:<hex> [TRUSTED_ROOT.json]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');
const { toSignedEntity, toTrustMaterial, Verifier } = require('@sigstore/verify');

const [bundleFile, keyFile, digest, rootFile] = process.argv.slice(2);
try {
    const bundleJson = JSON.parse(fs.readFileSync(bundleFile, 'utf8'));
    const publicKey = crypto.createPublicKey(fs.readFileSync(keyFile, 'utf8'));
    const rootJson = rootFile ? JSON.parse(fs.readFileSync(rootFile, 'utf8'))
        : { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' };
    const material = toTrustMaterial(TrustedRoot.fromJSON(rootJson),
        () => ({ publicKey, validFor: () => true }));
    const witnessed = rootFile ? 1 : 0;
    new Verifier(material, { tlogThreshold: witnessed, ctlogThreshold: 0, timestampThreshold: witnessed })
        .verify(toSignedEntity(bundleFromJSON(bundleJson)));
    const statement = JSON.parse(Buffer.from(bundleJson.dsseEnvelope.payload, 'base64').toString('utf8'));
    const [algorithm, hex] = digest.split(':');
    if (!statement.subject?.some((s) => s.digest?.[algorithm] === hex)) {
        throw new Error(`no statement subject names ${digest}`);
    }
    console.log('verified');
} catch (e) {
    console.error(`sigstore-verify: ${e.message}`);
    process.exit(1);
}
