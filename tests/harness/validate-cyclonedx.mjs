// validate-cyclonedx.mjs FILE...: checks each CycloneDX JSON document against the official 1.6
// JSON schema with @cyclonedx/cyclonedx-library's strict validator (the schema it ships, with its
// SPDX-license and JSF sub-schemas). Prints each invalid file and the schema's complaints on
// stderr and exits 1; exits 0 when every file validates.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CDX = require('@cyclonedx/cyclonedx-library');

const files = process.argv.slice(2);
if (files.length === 0) {
    console.error('usage: validate-cyclonedx.mjs FILE...');
    process.exit(2);
}
const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
let failed = false;
for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const declared = JSON.parse(text).specVersion;
    if (declared !== '1.6') {
        failed = true;
        console.error(`${file}: specVersion is ${JSON.stringify(declared)}, not "1.6"`);
        continue;
    }
    const errors = await validator.validate(text);
    if (errors !== null) {
        failed = true;
        const said = errors.slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message}`);
        console.error(`${file}: not valid CycloneDX 1.6 (${errors.length} errors): ${said.join('; ')}`);
    }
}
process.exit(failed ? 1 : 0);
