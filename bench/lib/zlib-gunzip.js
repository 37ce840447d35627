// Decompresses gzip from standard input with zlib (the inflate libarchive also uses) and discards
// it, printing the decompressed byte count: a second decompression floor next to GNU `gzip -dc`.
"use strict";
const zlib = require("zlib");
let bytes = 0;
process.stdin
    .pipe(zlib.createGunzip({ chunkSize: 1 << 20 }))
    .on("data", (chunk) => { bytes += chunk.length; })
    .on("end", () => console.log(bytes))
    .on("error", (e) => { console.error(`zlib-gunzip: ${e.message}`); process.exit(1); });
