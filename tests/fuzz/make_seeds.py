#!/usr/bin/env python3
"""Writes the seed corpora in tests/fuzz/corpus/<Target>/: small valid and near-valid inputs.

Run from anywhere: python3 tests/fuzz/make_seeds.py [--signet PATH]. Deterministic except the
key seeds, which are fresh throwaway keys (openssl; the encrypted one needs a signet binary and
is kept when no --signet is given). Crash inputs the fuzzers found are committed next to these
as crash-*/timeout-*/oom-* and are not touched here.
"""
import argparse
import base64
import gzip
import io
import os
import struct
import subprocess
import tarfile
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
DIGEST = "sha256:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def seed(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(CORPUS, target, name), "wb") as out:
        out.write(data)


def references():
    for i, text in enumerate([
        "busybox", "docker.io/library/busybox:1.36", "localhost:5000/a/b/c:tag@" + DIGEST,
        "quay.io/team/app@" + DIGEST, "[::1]:5000/x:y", "UPPER/case", "a/b:@" + DIGEST,
        "registry.io:99999/x", "x@sha256:abc", "index.docker.io/x:" + "t" * 130]):
        seed("ReferenceFuzzer", f"ref-{i}", text)


def challenges():
    for i, text in enumerate([
        'Bearer realm="https://auth.io/token",service="registry.io",scope="repository:a/b:pull"',
        'Basic realm="x", Bearer realm="y\\"z",error="invalid_token"',
        'Bearer realm=unquoted,service=', 'Bearer realm="unterminated', ',,, ,Bearer', 'Digest a=b c=d']):
        seed("AuthChallengeFuzzer", f"challenge-{i}", text)


def docker_configs():
    auth = "dXNlcjpwYXNz"  # user:pass
    for i, text in enumerate([
        '{"auths":{"https://index.docker.io/v1/":{"auth":"%s"},"quay.io/team":{"identitytoken":"t"}}}' % auth,
        '{"auths":{"localhost:5000":{"username":"u","password":"p"}},"credHelpers":{"quay.io":"gcr"},'
        '"credsStore":"desktop"}',
        '{"auths":{"quay.io":{"auth":"bm9jb2xvbg=="}}}', '{"auths":{"quay.io":{"auth":"!!"}}}',
        '{"auths":[]}', '[]', '{"auths":{"quay.io":{"auth":"%s"}},' % auth]):
        seed("DockerConfigFuzzer", f"config-{i}", text)


def task_yaml():
    full = """images:
  - registry.example.com/team/app:1.2.0@%s
tags: ["1.2", latest]
digest: %s
repository: registry.example.com/team/app
allow_tag_only: false
verify_tags: true
recursive: no
identity: tag
annotations: {pipeline: release, git-sha: 0123abc}
key: /keys/cosign.key
signature_format: legacy-tag
fail_on: any
registry: {insecure: [localhost:5000], retries: 3, timeout: 3m, concurrency: 4}
outputs: {report: r.json, results_dir: /tekton/results}
sbom: {mode: generate, format: spdx-json, attach: both, platforms: [linux/amd64], max_bytes: 16MiB}
""" % (DIGEST, DIGEST)
    for i, text in enumerate([
        full, "images: a@%s, b@%s\nimages_file: refs.txt\n" % (DIGEST, DIGEST),
        "registry:\n  timeout: 99999999999h\n  retries: -1\n", "images: [a\n", "a: &x [*x]\n",
        "images: 1\nimages: 2\n", "sbom: {max_bytes: 18446744073709551616GiB}\n", "? [a]\n: b\n"]):
        seed("TaskYamlFuzzer", f"task-{i}.yaml", text)


def oci_json():
    desc = '{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":12}' % DIGEST
    manifests = [
        '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":%s,'
        '"layers":[%s],"annotations":{"a":"b"},"subject":%s,"artifactType":"x/y"}' % (desc, desc, desc),
        '{"schemaVersion":2,"config":{"digest":"x","size":-1},"layers":null}',
        '{"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00Z","config":{"Env":["A=1"]},'
        '"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"x","empty_layer":true}]}' % DIGEST,
        '{"rootfs":{"diff_ids":[1]},"history":[{}]}', '{"schemaVersion":2,"layers":[{"size":1e999}]}']
    for i, text in enumerate(manifests):
        seed("ImageManifestFuzzer", f"manifest-{i}.json", text)
    entry = ('{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,'
             '"platform":{"os":"linux","architecture":"arm64","variant":"v8"}}' % DIGEST)
    att = ('{"digest":"%s","annotations":{"vnd.docker.reference.type":"attestation-manifest"}}' % DIGEST)
    for i, text in enumerate([
        '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s,%s]}' % (entry, att),
        '{"manifests":[{"digest":"sha256:zz"},{"platform":"linux"},7]}', '{"manifests":{}}']):
        seed("ImageIndexFuzzer", f"index-{i}.json", text)


def dpkg():
    for i, text in enumerate([
        "Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\nArchitecture: amd64\n"
        "Maintainer: Matthias Klose <doko@debian.org>\nSource: bash (5.2.15-2)\nDepends: base-files (>= 2.1.12), libc6\n"
        "Provides: sh\nDescription: GNU Bourne Again SHell\n Bash is an sh-compatible shell.\n .\n more\n\n"
        "Package: zlib1g\nStatus: deinstall ok config-files\nVersion: 1:1.2.13\n",
        "Package: a\nVersion: 1\n Continuation\n\n\n\nPackage: b\nSource: b-src\nPre-Depends: a | c\n",
        "Package:\n: x\nVersion 1\n\n\n"]):
        seed("DpkgStatusFuzzer", f"status-{i}", text)
    for i, text in enumerate([
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\n"
        "Copyright: 2024 X\nLicense: GPL-3+\n\nFiles: lib/*\nLicense: MIT or Apache-2.0\n\nLicense: GPL-3+\n text\n"
        " /usr/share/common-licenses/GPL-3\n",
        "Format: x\nLicense: BSD-3-clause and (LGPL-2.1+ with OpenSSL-exception)\n",
        "This is not DEP-5.\n/usr/share/common-licenses/GPL-2\n", "Format: x\nLicense:\n\nLicense: (\n"]):
        seed("Dep5CopyrightFuzzer", f"copyright-{i}", text)


def apk():
    for i, text in enumerate([
        "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nS:383152\nI:622592\nT:the musl c library\n"
        "U:https://musl.libc.org/\nL:MIT\no:musl\nm:Natanael Copa <ncopa@alpinelinux.org>\n"
        "t:1697000000\nc:abc\nD:so:libc.musl-x86_64.so.1 !conflict\np:so:libc.musl-x86_64.so.1=1\nF:lib\nR:ld-musl.so\n\n"
        "P:busybox\nV:1.36\nL:GPL-2.0-only AND MIT\n",
        "P:a\nV:1\nD:b>=2 c<3 d~4\n\n\nP:\nV\n:x\n", "P:x\nL:MIT OR (Apache-2.0\n"]):
        seed("ApkInstalledFuzzer", f"installed-{i}", text)


def python_metadata():
    for i, text in enumerate([
        "Metadata-Version: 2.1\nName: Requests_OAuth.lib\nVersion: 2.31.0\nSummary: HTTP\n"
        "Author: Kenneth Reitz\nAuthor-email: me@kennethreitz.org\nLicense: Apache 2.0\n"
        "Classifier: License :: OSI Approved :: Apache Software License\nRequires-Dist: idna (<4,>=2.5)\n"
        "Home-page: https://requests.readthedocs.io\nLicense-Expression: Apache-2.0\n\nlong description\n",
        "Name: x\nVersion: 1\nAuthor-email: \"A, B\" <a@b>, c@d\nLicense: UNKNOWN\n",
        "Name: Python\n\n", "Name:\n Version\n: 1\n"]):
        seed("PythonMetadataFuzzer", f"metadata-{i}", text)


def npm():
    for i, text in enumerate([
        '{"name":"@scope/app","version":"1.0.0","license":"MIT","author":"A B <a@b.c> (https://x)",'
        '"homepage":"https://x","description":"d","repository":{"type":"git","url":"git+https://github.com/a/b.git"},'
        '"dependencies":{"x":"^1"}}',
        '{"name":"x","version":"2","licenses":[{"type":"MIT"},{"type":"ISC"}],"author":{"name":"n","email":"e"},'
        '"repository":"github:a/b"}',
        '{"name":"x","license":{"type":7},"author":[1]}', '[]', '{"name":"x","version":1e999}']):
        seed("NpmPackageJsonFuzzer", f"package-{i}.json", text)


def rpm_header(entries):
    """entries: (tag, type, bytes-or-int list). Builds index + store like an rpmdb blob."""
    index, store = b"", b""
    for tag, typ, value in entries:
        if typ == 4:
            while len(store) % 4:
                store += b"\0"
            data, count = struct.pack(">i", value), 1
        elif typ == 8:
            data, count = b"".join(v + b"\0" for v in value), len(value)
        else:
            data, count = value + b"\0", 1
        index += struct.pack(">IIII", tag, typ, len(store), count)
        store += data
    return struct.pack(">II", len(entries), len(store)) + index + store


def rpm():
    full = rpm_header([(1000, 6, b"bash"), (1001, 6, b"5.1.8"), (1002, 6, b"6.el9"), (1003, 4, 2),
                       (1022, 6, b"x86_64"), (1044, 6, b"bash-5.1.8-6.el9.src.rpm"),
                       (1014, 6, b"GPLv3+"), (1011, 9, b"Red Hat, Inc."), (1027, 8, [b"/bin/bash", b"/etc"])])
    seed("RpmHeaderFuzzer", "header-full", full)
    seed("RpmHeaderFuzzer", "header-none", rpm_header([(1000, 6, b"x"), (1011, 6, b"(none)")]))
    seed("RpmHeaderFuzzer", "header-bad-offset", full[:8] + struct.pack(">IIII", 1000, 6, 0xFFFFFF00, 1) + full[24:])
    seed("RpmHeaderFuzzer", "header-truncated", full[:40])
    rpm_databases(full)


def rpm_databases(header):
    """A Berkeley DB hash Packages written by Berkeley DB (db5.3_load; skipped when missing) on
    512-byte pages, so one header spans an overflow chain, and a one-blob ndb Packages.db."""
    le = lambda value: struct.pack("<I", value)
    big = header + b"\0" * 1500
    records = [(le(0), le(3)), (le(1), header), (le(2), big)]
    with tempfile.TemporaryDirectory() as scratch:
        dump = os.path.join(scratch, "dump")
        with open(dump, "w") as out:
            out.write("VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=512\nHEADER=END\n")
            for key, value in records:
                out.write(f" {key.hex()}\n {value.hex()}\n")
            out.write("DATA=END\n")
        try:
            subprocess.run(["db5.3_load", "-f", dump, os.path.join(scratch, "db")], check=True)
            with open(os.path.join(scratch, "db"), "rb") as db:
                seed("RpmDatabaseFuzzer", "bdb-overflow-chain", db.read())
        except FileNotFoundError:
            print("db5.3_load missing: the Berkeley DB seed is kept as it is")
    blocks = (16 + len(header) + 12 + 15) // 16
    block = b"BlbS" + le(1) + le(0) + le(len(header)) + header
    block += b"\0" * (blocks * 16 - 12 - len(block))
    block += le(zlib.adler32(block)) + le(len(header)) + b"BlbE"
    head = b"RpmP" + le(0) + le(1) + le(1) + le(2) + b"\0" * 12
    slots = b"Slot" + le(1) + le(256) + le(blocks)
    slots += (b"Slot" + b"\0" * 12) * ((4096 - len(head) - len(slots)) // 16)
    seed("RpmDatabaseFuzzer", "ndb-one-blob", head + slots + block)


def jar_bytes(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def java():
    manifest = ("Manifest-Version: 1.0\r\nImplementation-Title: app\r\nImplementation-Version: 1.0\r\n"
                "Implementation-Vendor: Example Corp\r\nSpecification-Vendor: X\r\nBundle-SymbolicName: org.example.app\r\n"
                " continued\r\nMain-Class: org.example.Main\r\n\r\nName: section\r\nX: y\r\n")
    pom = "#Generated\ngroupId=org.example\nartifactId=app\nversion=1.0\n"
    inner = jar_bytes([("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Version: 2\n"),
                       ("META-INF/maven/com.x/lib/pom.properties", "groupId=com.x\nartifactId=lib\nversion=2.0\n")])
    seed("JavaArchiveFuzzer", "app.jar", jar_bytes([
        ("META-INF/MANIFEST.MF", manifest), ("META-INF/maven/org.example/app/pom.properties", pom),
        ("META-INF/maven/org.shaded/dep/pom.properties", "groupId=org.shaded\nartifactId=dep\nversion=3\n"),
        ("BOOT-INF/lib/lib-2.0.jar", inner), ("org/example/Main.class", b"\xca\xfe\xba\xbe")]))
    seed("JavaArchiveFuzzer", "manifest-only.jar", jar_bytes([("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")]))
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as z:
        z.writestr(zipfile.ZipInfo("META-INF/MANIFEST.MF", (2024, 1, 1, 0, 0, 0)), "Implementation-Version: 9\n")
    seed("JavaArchiveFuzzer", "stored.jar", stored.getvalue())
    seed("JavaArchiveFuzzer", "truncated.jar", jar_bytes([("META-INF/MANIFEST.MF", manifest)])[:60])


def uvarint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


MODINFO = ("path\texample.com/app\nmod\texample.com/app\t(devel)\t\n"
           "dep\tgolang.org/x/sys\tv0.1.0\th1:abc=\ndep\tgithub.com/a/b\tv1.2.3\t\n=>\tgithub.com/c/d\tv1.0.0\th1:x=\n"
           "build\t-ldflags=\"-X main.version=1.2.3\"\nbuild\tvcs.revision=0123456789abcdef\nbuild\tGOOS=linux\n")


def sentinel_mod(text):
    return b"0\x77\xaf\x0c\x92\x74\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6" + text.encode() + \
        b"\xf92C1\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2"


def elf64(buildinfo, with_section=True):
    """A minimal little-endian ELF64: one writable PT_LOAD holding `buildinfo`, optional sections."""
    ehsize, phentsize, shentsize = 64, 56, 64
    data_off = ehsize + phentsize
    vaddr = 0x500000
    shstrtab = b"\0.go.buildinfo\0.shstrtab\0"
    shstr_off = data_off + len(buildinfo)
    shoff = shstr_off + len(shstrtab)
    shoff += (-shoff) % 8
    shnum = 3 if with_section else 0
    header = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + struct.pack(
        "<HHIQQQIHHHHHH", 2, 62, 1, vaddr, ehsize, shoff if with_section else 0, 0, ehsize,
        phentsize, 1, shentsize, shnum, 2 if with_section else 0)
    phdr = struct.pack("<IIQQQQQQ", 1, 6, data_off, vaddr, vaddr, len(buildinfo), len(buildinfo), 0x1000)
    body = header + phdr + buildinfo + shstrtab
    body += b"\0" * (shoff - len(body))
    if with_section:
        body += b"\0" * shentsize
        body += struct.pack("<IIQQQQIIQQ", 1, 1, 3, vaddr, data_off, len(buildinfo), 0, 0, 16, 0)
        body += struct.pack("<IIQQQQIIQQ", 15, 3, 0, 0, shstr_off, len(shstrtab), 0, 0, 1, 0)
    return body


def go():
    version = b"go1.21.5"
    inline = b"\xff Go buildinf:" + bytes([8, 2]) + b"\0" * 16
    inline += uvarint(len(version)) + version
    mod = sentinel_mod(MODINFO)
    inline += uvarint(len(mod)) + mod
    seed("GoBuildInfoFuzzer", "inline.elf", elf64(inline))
    seed("GoBuildInfoFuzzer", "inline-no-sections.elf", elf64(inline, with_section=False))
    # Pointer form (Go < 1.18): the header holds addresses of Go string headers {ptr, len}.
    vaddr = 0x500000 + 64 + 56
    strings_at = 48
    vhdr_at, mhdr_at = 32, 32 + 16
    body = bytearray(b"\xff Go buildinf:" + bytes([8, 0]))
    body += struct.pack("<QQ", vaddr + vhdr_at, vaddr + mhdr_at)
    body += struct.pack("<QQ", vaddr + strings_at, len(version))
    body += struct.pack("<QQ", vaddr + strings_at + len(version), len(mod))
    body += version + mod
    seed("GoBuildInfoFuzzer", "pointer.elf", elf64(bytes(body)))
    seed("GoBuildInfoFuzzer", "modinfo.txt", MODINFO)
    seed("GoBuildInfoFuzzer", "not-go.elf", elf64(b"\0" * 64))


def tar_bytes(members):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, kind, data in members:
            info = tarfile.TarInfo(name)
            info.mtime = 1700000000
            if kind == "file":
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
            elif kind == "dir":
                info.type = tarfile.DIRTYPE
                t.addfile(info)
            elif kind == "symlink":
                info.type, info.linkname = tarfile.SYMTYPE, data
                t.addfile(info)
            elif kind == "hardlink":
                info.type, info.linkname = tarfile.LNKTYPE, data
                t.addfile(info)
    return out.getvalue()


def layers():
    members = [
        ("etc/", "dir", None), ("etc/os-release", "file", b"ID=debian\nVERSION_ID=12\nNAME=\"Debian\"\n"),
        ("var/lib/dpkg/status", "file", b"Package: bash\nVersion: 5.2\nArchitecture: amd64\n"),
        ("usr/share/doc/bash/copyright", "file", b"Format: x\n\nFiles: *\nLicense: GPL-3+\n"),
        ("lib/apk/db/installed", "file", b"P:musl\nV:1.2\nL:MIT\n"),
        ("app/package.json", "file", b'{"name":"a","version":"1"}'),
        ("site/x-1.0.dist-info/METADATA", "file", b"Name: x\nVersion: 1.0\n"),
        ("etc/link", "symlink", "../var/lib/dpkg/status"), ("etc/hard", "hardlink", "etc/os-release"),
        ("opt/.wh.gone", "file", b""), ("srv/.wh..wh..opq", "file", b""),
        ("../escape", "file", b"x"), ("/abs/path", "file", b"y")]
    plain = tar_bytes(members)
    seed("LayerReaderFuzzer", "layer.tar", plain)
    seed("LayerReaderFuzzer", "layer.tar.gz", gzip.compress(plain, mtime=0))
    zst = subprocess.run(["zstd", "-q", "-c", "-3"], input=plain, stdout=subprocess.PIPE, check=True).stdout
    seed("LayerReaderFuzzer", "layer.tar.zst", zst)
    with open(os.path.join(CORPUS, "GoBuildInfoFuzzer", "inline.elf"), "rb") as f:
        elf = f.read()
    with open(os.path.join(CORPUS, "JavaArchiveFuzzer", "manifest-only.jar"), "rb") as f:
        jar = f.read()
    seed("LayerReaderFuzzer", "binaries.tar", tar_bytes([("usr/bin/app", "file", elf), ("opt/a-1.jar", "file", jar)]))
    seed("LayerReaderFuzzer", "loop.tar", tar_bytes([("a", "symlink", "b"), ("b", "symlink", "a"),
                                                      ("var/lib/dpkg", "symlink", "/a")]))
    seed("LayerReaderFuzzer", "truncated.tar.gz", gzip.compress(plain, mtime=0)[:200])


def keys(signet):
    pem_target, enc_target = "KeyPemFuzzer", "EncryptedKeyFileFuzzer"
    with tempfile.TemporaryDirectory() as tmp:
        def openssl(*args):
            subprocess.run(["openssl", *args], cwd=tmp, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec-pkcs8.pem")
        openssl("ec", "-in", "ec-pkcs8.pem", "-out", "ec-sec1.pem")
        openssl("pkey", "-in", "ec-pkcs8.pem", "-pubout", "-out", "ec.pub")
        openssl("genpkey", "-algorithm", "ed25519", "-out", "ed25519.pem")
        openssl("pkey", "-in", "ed25519.pem", "-pubout", "-out", "ed25519.pub")
        openssl("genrsa", "-traditional", "-out", "rsa-pkcs1.pem", "1024")
        openssl("rsa", "-in", "rsa-pkcs1.pem", "-RSAPublicKey_out", "-out", "rsa-pkcs1.pub")
        openssl("pkey", "-in", "ec-pkcs8.pem", "-outform", "DER", "-out", "ec-pkcs8.der")
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as f:
                seed(pem_target, name, f.read())
        if signet:
            with open(os.path.join(tmp, "pw"), "w") as f:
                f.write("fuzz-password")
            env = dict(os.environ, SIGNET_PASSWORD_FILE=os.path.join(tmp, "pw"))
            subprocess.run([signet, "generate-key-pair"], cwd=tmp, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(os.path.join(tmp, "cosign.key"), "rb") as f:
                key = f.read()
            seed(enc_target, "sigstore.key", key)
            seed(enc_target, "cosign-type.key", key.replace(b"SIGSTORE", b"COSIGN"))
    seed(pem_target, "not-base64.pem", "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n")
    seed(pem_target, "unterminated.pem", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n")
    body = ('{"kdf":{"name":"scrypt","params":{"N":1024,"r":8,"p":1},"salt":"AAAA"},'
            '"cipher":{"name":"nacl/secretbox","nonce":"AAAA"},"ciphertext":"AAAA"}')
    import base64
    pem = "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n%s\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n"
    seed(enc_target, "small-n.key", pem % base64.b64encode(body.encode()).decode())
    seed(enc_target, "short-nonce.key", pem % base64.b64encode(body.replace('1024', '32768').encode()).decode())
    seed(enc_target, "not-json.key", pem % base64.b64encode(b"{nope").decode())


def sigstore():
    """Seeds for SigstoreDocumentsFuzzer: a selector byte, then the document."""
    logid = "ab" * 32
    body = base64.b64encode(b'{"apiVersion":"0.0.1","kind":"hashedrekord","spec":{}}').decode()
    docs = {
        0: ['{"24296fb24b8ad77a%s":{"body":"%s","integratedTime":1700000000,"logID":"%s","logIndex":3,'
            '"verification":{"signedEntryTimestamp":"MEUCIQ==","inclusionProof":{"logIndex":3,'
            '"rootHash":"%s","treeSize":4,"hashes":["%s"],"checkpoint":"o - 1\\n4\\nAA==\\n\\n"}}}}'
            % (logid, body, logid, logid, logid), '{"x":{}}'],
        1: ['{"SignedEntryTimestamp":"MEUCIQ==","Payload":{"body":"%s","integratedTime":1,"logIndex":0,'
            '"logID":"%s"}}' % (body, logid), '{"Payload":[]}'],
        2: ['{"verificationMaterial":{"tlogEntries":[{"logIndex":"7","logId":{"keyId":"AAAA"},'
            '"integratedTime":"1","inclusionPromise":{"signedEntryTimestamp":"AAAA"},"inclusionProof":'
            '{"logIndex":"7","rootHash":"AAAA","treeSize":"8","hashes":["AAAA"],"checkpoint":{"envelope":"x"}},'
            '"canonicalizedBody":"%s"}],"timestampVerificationData":{"rfc3161Timestamps":'
            '[{"signedTimestamp":"MAA="}]}}}' % body, '{"verificationMaterial":{"tlogEntries":[{}]}}'],
        3: ['{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[{"baseUrl":'
            '"https://r","publicKey":{"rawBytes":"MFkw","validFor":{"start":"2021-01-01T00:00:00Z"}},'
            '"logId":{"keyId":"AAAA"}}],"timestampAuthorities":[{"uri":"u","certChain":{"certificates":'
            '[{"rawBytes":"MAA="}]},"validFor":{"start":"2021-01-01T00:00:00.123Z","end":"x"}}]}'],
        4: ['{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","rekorTlogUrls":[{"url":'
            '"https://r","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],"tsaUrls":[],'
            '"caUrls":[]}'],
        5: [b"\x30\x03\x02\x01\x00", b"\x30\x82\xff\xff"],
    }
    for selector, texts in docs.items():
        for i, text in enumerate(texts):
            data = text if isinstance(text, bytes) else text.encode()
            seed("SigstoreDocumentsFuzzer", f"doc-{selector}-{i}", bytes([selector]) + data)


def cached_layers():
    """Bodies of layer cache entries (the fuzzer seals them with a valid checksum)."""
    n = lambda v: struct.pack("<Q", v)
    text = lambda s: n(len(s)) + s
    hashes = lambda *vs: n(len(vs)) + b"".join(n(v) for v in sorted(vs))
    empty = n(0) + n(0) + hashes() + hashes() + n(0) + n(0) + n(0)
    entry = (text(b"/var/lib/dpkg/status") + n(0) + text(b"") + n(1) + n(1) +
             text(b"Package: a\nVersion: 1\n") + n(22))
    link = text(b"/lib") + n(2) + text(b"usr/lib") + n(0) + n(0)
    full = (n(1) + text(b"layer #1: a warning") + n(2) + entry + link +
            hashes(0x9e3779b97f4a7c15, 17, 1 << 63) + hashes(17) + n(1) + text(b"/gone") +
            n(1) + text(b"/opaque") + n(9))
    seed("CachedLayerFuzzer", "empty", empty)
    seed("CachedLayerFuzzer", "entries", full)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--signet", help="a signet binary, to make the encrypted key seeds")
    args = parser.parse_args()
    for make in (references, challenges, docker_configs, task_yaml, oci_json, dpkg, apk,
                 python_metadata, npm, rpm, java, go, layers, sigstore, cached_layers):
        make()
    keys(args.signet)


if __name__ == "__main__":
    main()
