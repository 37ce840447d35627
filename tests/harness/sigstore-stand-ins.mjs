// Stand-ins for Sigstore's Rekor (API v1) and an RFC 3161 timestamp authority, built on @sigstore/mock; binds 127.0.0.1 only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const { initializeTLog, initializeTSA } = require('@sigstore/mock');
const fromMock = createRequire(require.resolve('@sigstore/mock'));  // the copies the mock itself uses
const asn1js = fromMock('asn1js');
const pkijs = fromMock('pkijs');
const canonicalize = fromMock('canonicalize');

const USAGE = `usage: node sigstore-stand-ins.mjs DIR
  writes DIR/trusted_root.json, DIR/url and DIR/pid, prints "ready URL", serves until killed.
  STANDIN_FAIL=N: the first N POSTs to /api/v1/log/entries answer 503.
  STANDIN_LOG=FILE: appends "METHOD PATH STATUS" to FILE for every request.`;

const dir = process.argv[2];
if (!dir || process.argv.length > 3) {
  console.error(USAGE);
  process.exit(2);
}
let failuresLeft = Number(process.env.STANDIN_FAIL || 0);
const requestLog = process.env.STANDIN_LOG;

const ENTRIES = '/api/v1/log/entries';
const TSA_POLICY = '1.3.6.1.4.1.57264.2';  // the mock's default policy
const JSON_DEFAULT_NONCE = 1234567890n;     // the mock's nonce for a JSON request that names none
const HASH_OIDS = {
  sha256: ['2.16.840.1.101.3.4.2.1', 32],
  sha384: ['2.16.840.1.101.3.4.2.2', 48],
  sha512: ['2.16.840.1.101.3.4.2.3', 64],
};

class HttpError extends Error {
  constructor(status, message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256')).digest();
const pemOf = (der) => new crypto.X509Certificate(der).toString();

const server = http.createServer((req, res) => {
  if (requestLog) {
    res.on('finish', () => fs.appendFileSync(requestLog, `${req.method} ${req.url.split('?')[0]} ${res.statusCode}\n`));
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    route(req, Buffer.concat(chunks))
      .then(({ status, type, body, headers = {} }) => {
        res.writeHead(status, { 'Content-Type': type, ...headers }).end(body);
      })
      .catch((e) => {
        const status = e instanceof HttpError ? e.status : 500;
        res.writeHead(status, { 'Content-Type': 'application/json', ...(e.headers || {}) })
          .end(JSON.stringify({ code: status, message: e.message }));
      });
  });
});
await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const host = new URL(url).host;

// Rekor: the mock's transparency log supplies the key and the SET (ECDSA P-256/SHA-256 over the
// RFC 8785 JSON of body, integratedTime, logID, logIndex); the log itself is an RFC 6962 Merkle
// tree of every entry this process accepted, proved against signed checkpoints as Rekor does.
const logKey = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const tlog = await initializeTLog(url, logKey);
const logID = sha256(tlog.publicKey);
const treeID = crypto.randomInt(2 ** 48 - 1);
const treeIDHex = treeID.toString(16).padStart(16, '0');
const leaves = [];          // leaf hashes, by log index
const entries = new Map();  // hex leaf hash -> { body, integratedTime, logIndex, set }
const checkpoints = new Map();

const nodeHash = (left, right) => sha256(Buffer.from([1]), left, right);
const split = (n) => { let k = 1; while (k * 2 < n) k *= 2; return k; };
const rootOf = (lo, hi) => {
  if (hi - lo === 1) return leaves[lo];
  const k = split(hi - lo);
  return nodeHash(rootOf(lo, lo + k), rootOf(lo + k, hi));
};
const auditPath = (m, lo, hi) => {  // RFC 6962 PATH(m, D[lo:hi]), lowest level first
  if (hi - lo === 1) return [];
  const k = split(hi - lo);
  return m - lo < k ? [...auditPath(m, lo, lo + k), rootOf(lo + k, hi)]
    : [...auditPath(m, lo + k, hi), rootOf(lo, lo + k)];
};
const checkpoint = (size, root) => {
  if (!checkpoints.has(size)) {
    const note = `${host} - ${treeID}\n${size}\n${root.toString('base64')}\n`;
    const signature = crypto.sign('sha256', Buffer.from(note), logKey.privateKey);
    const hintAndSig = Buffer.concat([logID.subarray(0, 4), signature]).toString('base64');
    checkpoints.set(size, `${note}\n\u2014 ${host} ${hintAndSig}\n`);
  }
  return checkpoints.get(size);
};
const entryID = (leafHex) => treeIDHex + leafHex;
const entryPath = (leafHex) => `${ENTRIES}/${entryID(leafHex)}`;
const entryJSON = (leafHex) => {
  const { body, integratedTime, logIndex, set } = entries.get(leafHex);
  const treeSize = leaves.length;
  const rootHash = rootOf(0, treeSize);
  return JSON.stringify({
    [entryID(leafHex)]: {
      body: body.toString('base64'),
      integratedTime,
      logID: logID.toString('hex'),
      logIndex,
      verification: {
        inclusionProof: {
          checkpoint: checkpoint(treeSize, rootHash),
          hashes: auditPath(logIndex, 0, treeSize).map((h) => h.toString('hex')),
          logIndex,
          rootHash: rootHash.toString('hex'),
          treeSize,
        },
        signedEntryTimestamp: set,
      },
    },
  });
};

// Rekor's dsse v0.0.1 type: every envelope signature must verify under one of the verifiers; the
// log keeps the hashes of the envelope string and of the payload, and the signature/verifier pairs
// (verifier = base64 of the key's or certificate's canonical PEM), sorted by signature.
const dsseStored = (spec) => {
  const proposed = spec?.proposedContent;
  if (!proposed) {
    if (spec?.envelopeHash && spec?.payloadHash && spec?.signatures?.length) return spec;
    throw new HttpError(400, 'either proposedContent or envelopeHash, payloadHash, and signatures must be present');
  }
  if (typeof proposed.envelope !== 'string' || !Array.isArray(proposed.verifiers) || !proposed.verifiers.length) {
    throw new HttpError(400, 'proposedContent needs an envelope string and verifiers');
  }
  let envelope;
  try {
    envelope = JSON.parse(proposed.envelope);
  } catch (e) {
    throw new HttpError(400, `envelope is not JSON: ${e.message}`);
  }
  const payload = Buffer.from(envelope.payload || '', 'base64');
  const type = envelope.payloadType || '';
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload]);
  const verifiers = proposed.verifiers.map((b64) => {
    const pem = Buffer.from(b64, 'base64').toString('utf8');
    try {
      if (pem.includes('CERTIFICATE')) {
        const cert = new crypto.X509Certificate(pem);
        return { key: cert.publicKey, canonical: cert.toString() };
      }
      const key = crypto.createPublicKey(pem);
      return { key, canonical: key.export({ type: 'spki', format: 'pem' }) };
    } catch (e) {
      throw new HttpError(400, `could not parse public key as x509: ${e.message}`);
    }
  });
  const signatures = (envelope.signatures || []).map(({ sig }) => {
    const verifier = verifiers.find(({ key }) => {
      try {
        return crypto.verify(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', pae, key,
          Buffer.from(sig || '', 'base64'));
      } catch {
        return false;
      }
    });
    if (!verifier) throw new HttpError(400, 'all signatures must have a key that verifies it');
    return { signature: sig, verifier: Buffer.from(verifier.canonical).toString('base64') };
  });
  if (!signatures.length) throw new HttpError(400, 'the envelope has no signatures');
  signatures.sort((a, b) => (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));
  return {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256(proposed.envelope).toString('hex') },
      payloadHash: { algorithm: 'sha256', value: sha256(payload).toString('hex') },
      signatures,
    },
  };
};

const createEntry = (raw) => {
  if (failuresLeft > 0) {
    failuresLeft -= 1;
    throw new HttpError(503, 'stand-in: deliberately unavailable (STANDIN_FAIL)');
  }
  let proposed;
  try {
    proposed = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new HttpError(400, `the proposed entry is not JSON: ${e.message}`);
  }
  let stored;
  if (proposed?.kind === 'dsse' && proposed.apiVersion === '0.0.1') {
    stored = dsseStored(proposed.spec);
  } else if (proposed?.kind === 'hashedrekord' && proposed.apiVersion === '0.0.1') {
    const spec = proposed.spec;
    if (!spec?.data?.hash?.value || !spec?.signature?.content || !spec?.signature?.publicKey?.content) {
      throw new HttpError(400, 'hashedrekord needs spec.data.hash, spec.signature.content and spec.signature.publicKey.content');
    }
    stored = proposed;
  } else {
    throw new HttpError(400, `unsupported entry kind/apiVersion: ${proposed?.kind}/${proposed?.apiVersion}`);
  }
  const body = Buffer.from(canonicalize(stored));
  const leaf = sha256(Buffer.from([0]), body);
  const leafHex = leaf.toString('hex');
  const location = entryPath(leafHex);
  if (entries.has(leafHex)) {
    throw new HttpError(409, `An equivalent entry already exists in the transparency log with UUID ${entryID(leafHex)}`,
      { Location: location });
  }
  const logIndex = leaves.length;
  const integratedTime = Math.floor(Date.now() / 1000);
  const set = tlog.calculateSET({ body, timestamp: integratedTime, logIndex, logID }).toString('base64');
  leaves.push(leaf);
  entries.set(leafHex, { body, integratedTime, logIndex, set });
  return {
    status: 201, type: 'application/json', body: entryJSON(leafHex),
    headers: { Location: location, ETag: entryID(leafHex) },
  };
};

const getEntry = (id) => {
  const leafHex = id.length === 80 && id.startsWith(treeIDHex) ? id.slice(16) : id;
  if (!entries.has(leafHex)) throw new HttpError(404, `entry ${id} was not found`);
  return { status: 200, type: 'application/json', body: entryJSON(leafHex) };
};

// TSA: the mock's (a P-256 key behind a root and a timeStamping leaf certificate), with genTime in
// whole seconds, the request's own nonce (any size), and a fresh serial number per token.
const tsa = await initializeTSA(crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }));
tsa.getCurrentTime = () => new Date(Math.floor(Date.now() / 1000) * 1000);
const mockTstInfo = tsa.tstInfo.bind(tsa);
tsa.tstInfo = (request) => {
  const info = mockTstInfo({ ...request, nonce: 0 });
  info.nonce = request.nonce === undefined ? undefined : asn1js.Integer.fromBigInt(request.nonce);
  info.serialNumber = asn1js.Integer.fromBigInt(BigInt(`0x${crypto.randomBytes(16).toString('hex')}`) >> 1n);
  return info;
};
const tsaChain = [tsa.intCertificate, tsa.rootCertificate];

const hashFor = (oid, digest) => {
  const known = Object.values(HASH_OIDS).find(([o]) => o === oid);
  if (!known) throw new HttpError(400, `unsupported hash algorithm ${oid}`);
  if (digest.length !== known[1]) throw new HttpError(400, `a ${known[1]}-byte digest was expected`);
  return { hashAlgorithmOID: oid, artifactHash: digest };
};
const timestampRequest = (raw, contentType) => {
  if (/json/.test(contentType || '')) {  // sigstore-js: {artifactHash, hashAlgorithm, nonce?, tsaPolicyOID?, certificates?}
    const text = raw.toString('utf8');
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new HttpError(400, `the timestamp request is not JSON: ${e.message}`);
    }
    const [oid] = HASH_OIDS[String(json.hashAlgorithm).toLowerCase()] || [];
    const nonce = /"nonce"\s*:\s*"?(-?\d+)/.exec(text)?.[1];  // read as text: JSON numbers lose 64-bit nonces
    return {
      ...hashFor(oid, Buffer.from(json.artifactHash || '', 'base64')),
      nonce: nonce === undefined ? JSON_DEFAULT_NONCE : BigInt(nonce),
      policyOID: json.tsaPolicyOID || TSA_POLICY,
      certReq: json.certificates ?? false,
    };
  }
  let tsq;
  try {
    tsq = pkijs.TimeStampReq.fromBER(new Uint8Array(raw));
  } catch (e) {
    throw new HttpError(400, `the body is not a DER TimeStampReq: ${e.message}`);
  }
  return {
    ...hashFor(tsq.messageImprint.hashAlgorithm.algorithmId,
      Buffer.from(tsq.messageImprint.hashedMessage.valueBlock.valueHexView)),
    nonce: tsq.nonce ? tsq.nonce.toBigInt() : undefined,
    policyOID: tsq.reqPolicy || TSA_POLICY,
    certReq: tsq.certReq ?? false,
  };
};

const route = async (req, raw) => {
  const pathname = req.url.split('?')[0];
  if (req.method === 'POST' && pathname === ENTRIES) return createEntry(raw);
  if (req.method === 'GET' && pathname.startsWith(`${ENTRIES}/`)) return getEntry(pathname.slice(ENTRIES.length + 1));
  if (req.method === 'GET' && pathname === '/api/v1/log/publicKey') {
    return { status: 200, type: 'application/x-pem-file', body: logKey.publicKey.export({ type: 'spki', format: 'pem' }) };
  }
  if (req.method === 'POST' && pathname === '/api/v1/timestamp') {
    const response = await tsa.timestamp(timestampRequest(raw, req.headers['content-type']));
    return { status: 201, type: 'application/timestamp-reply', body: response };
  }
  if (req.method === 'GET' && pathname === '/api/v1/timestamp/certchain') {
    return { status: 200, type: 'application/pem-certificate-chain', body: tsaChain.map(pemOf).join('') };
  }
  throw new HttpError(404, `path ${pathname} was not found`);
};

const validFor = { start: new Date(Date.now() - 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z') };
const trustedRoot = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [{
    baseUrl: url,
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: tlog.publicKey.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor },
    logId: { keyId: logID.toString('base64') },
  }],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: [{
    subject: { organization: 'sigstore.mock', commonName: 'tsa' },
    uri: `${url}/api/v1/timestamp`,
    certChain: { certificates: tsaChain.map((der) => ({ rawBytes: der.toString('base64') })) },
    validFor,
  }],
};
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'trusted_root.json'), `${JSON.stringify(trustedRoot, null, 2)}\n`);
fs.writeFileSync(path.join(dir, 'url'), url);
fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
console.log(`ready ${url}`);
