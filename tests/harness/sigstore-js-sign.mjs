// sigstore-js as the other signer: signs an image digest the way cosign v3 does, with
// @sigstore/sign's DSSE bundle builder over the cosign sign/v1 statement and a PEM EC key, and
// attaches the bundle to the image as an OCI 1.1 referrer with @sigstore/oci (its own registry
// client: the referrers API when the registry has it, else the sha256-<hex> tag index). With
// SIGSTORE_STANDINS=http://127.0.0.1:PORT (tests/harness/sigstore-stand-ins.mjs), its
// RekorWitness (a dsse entry, as cosign v3) and TSAWitness vouch for the signature there.
// Usage: node sigstore-js-sign.mjs 127.0.0.1:PORT/REPO sha256:HEX KEY.pem [key=value …]
// (the pairs become subject annotations); prints the referrer manifest's digest.
import crypto from 'node:crypto';
import fs from 'node:fs';

import { bundleToJSON } from '@sigstore/bundle';
import { attachArtifactToImage } from '@sigstore/oci';
import { DSSEBundleBuilder, RekorWitness, TSAWitness } from '@sigstore/sign';

const [image, digest, keyPath, ...pairs] = process.argv.slice(2);
if (!image || !/^sha256:[0-9a-f]{64}$/.test(digest || '') || !keyPath) {
  console.error('usage: node sigstore-js-sign.mjs REGISTRY/REPO sha256:HEX KEY.pem [k=v …]');
  process.exit(2);
}
const key = crypto.createPrivateKey(fs.readFileSync(keyPath));
const publicKey = crypto.createPublicKey(key);
const hint = crypto.createHash('sha256')
  .update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
const signer = {
  async sign(data) {
    return {
      signature: crypto.sign('sha256', data, key),
      key: { $case: 'publicKey', publicKey: publicKey.export({ type: 'spki', format: 'pem' }), hint },
    };
  },
};
const subject = { digest: { sha256: digest.slice('sha256:'.length) } };
if (pairs.length > 0) {
  subject.annotations = Object.fromEntries(pairs.map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
}
const predicateType = 'https://sigstore.dev/cosign/sign/v1';
const statement = {
  _type: 'https://in-toto.io/Statement/v1', subject: [subject], predicateType, predicate: {},
};
const standIns = process.env.SIGSTORE_STANDINS;
const witnesses = standIns
  ? [new RekorWitness({ rekorBaseURL: standIns, entryType: 'dsse' }), new TSAWitness({ tsaBaseURL: standIns })]
  : [];
const bundle = await new DSSEBundleBuilder({ signer, witnesses }).create({
  data: Buffer.from(JSON.stringify(statement)), type: 'application/vnd.in-toto+json',
});
const json = bundleToJSON(bundle);
const descriptor = await attachArtifactToImage({
  imageName: image,
  imageDigest: digest,
  artifact: Buffer.from(JSON.stringify(json)),
  mediaType: json.mediaType,
  annotations: {
    'dev.sigstore.bundle.content': 'dsse-envelope',
    'dev.sigstore.bundle.predicateType': predicateType,
  },
  credentials: { username: process.env.REGISTRY_USERNAME || '', password: process.env.REGISTRY_PASSWORD || '' },
});
console.log(descriptor.digest);
