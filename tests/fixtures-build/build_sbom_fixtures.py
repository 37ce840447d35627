#!/usr/bin/python3
"""Builds the SBOM test images (OCI layouts) and their ground truth, once per cache directory.

Usage: build_sbom_fixtures.py CACHE_DIR

A Debian minbase bookworm rootfs (debootstrap, through the Debian mirror) is built once and kept
in CACHE_DIR/rootfs-<ROOTFS_VERSION>; the images are assembled with umoci / hand-written layers
into CACHE_DIR/images-<IMAGES_VERSION>/layout (tags below) and layout-zstd (tag base), and the
ground truth each test compares with is written to .../truth/<tag>.json, derived from the fixture
itself (dpkg-query, rpm -qa, go version -m, the npm / apk / python metadata this script wrote).
Concurrent callers (ctest runs test processes in parallel) serialise on CACHE_DIR/.lock; the
result directory appears atomically (rename) only when complete. Prints the images directory.
Bump IMAGES_VERSION (or ROOTFS_VERSION) whenever what an image contains changes.
"""

import contextlib
import fcntl
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import textwrap
import zlib

ROOTFS_VERSION = "bookworm-minbase-1"
IMAGES_VERSION = "12"
MIRROR = "http://deb.debian.org/debian"


# What the images are built from, and the Debian package each comes from (.ci/install-deps installs
# them all). Checked before anything starts, so a missing one is one line, not a traceback.
REQUIRED_PROGRAMS = {
    "debootstrap": "debootstrap", "chroot": "coreutils", "dpkg": "dpkg", "dpkg-query": "dpkg",
    "umoci": "umoci", "skopeo": "skopeo", "tar": "tar", "rpm": "rpm", "rpmbuild": "rpm",
    "db5.3_load": "db5.3-util",
    "go": "golang-go", "npm": "npm",
}
REQUIRED_GO_MODULES = {
    "github.com/google/uuid": "golang-github-google-uuid-dev",
    "github.com/pkg/errors": "golang-github-pkg-errors-dev",
}
GOCODE = "/usr/share/gocode/src"


def missing_prerequisites():
    """One line per missing program or Go module source, naming its Debian package."""
    missing = [f"{program} not found on PATH: install the Debian package {package}"
               for program, package in REQUIRED_PROGRAMS.items() if shutil.which(program) is None]
    missing += [f"{GOCODE}/{module} is missing: install the Debian package {package}"
                for module, package in REQUIRED_GO_MODULES.items()
                if not os.path.isdir(os.path.join(GOCODE, module))]
    return missing


def run(argv, **kwargs):
    """Runs argv; on failure raises with the command and the tail of its output."""
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)
    if result.returncode != 0:
        tail = result.stdout.decode(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}:\n{tail}")
    return result.stdout.decode(errors="replace")


def write(path, content, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w" if isinstance(content, str) else "wb") as out:
        out.write(content)
    os.chmod(path, mode)


# ---------------------------------------------------------------------------------------------
# Debian base rootfs


def build_rootfs(cache):
    rootfs = os.path.join(cache, "rootfs-" + ROOTFS_VERSION)
    if os.path.exists(os.path.join(rootfs, ".complete")):
        return rootfs
    staging = rootfs + ".tmp"
    shutil.rmtree(staging, ignore_errors=True)
    run(["debootstrap", "--variant=minbase", "bookworm", staging, MIRROR])
    archives = os.path.join(staging, "var/cache/apt/archives")
    for name in os.listdir(archives):
        if name.endswith(".deb"):
            os.remove(os.path.join(archives, name))
    write(os.path.join(staging, ".complete"), "")
    os.rename(staging, rootfs)
    return rootfs


def dpkg_truth(root):
    """(name, version, status) of every package dpkg knows in ROOT (dpkg-query, not our parser)."""
    out = run(["dpkg-query", "--admindir=" + os.path.join(root, "var/lib/dpkg"), "-W", "-f",
               "${Package}\t${Version}\t${db:Status-Status}\n"])
    rows = []
    for line in out.splitlines():
        name, version, status = line.split("\t")
        rows.append({"name": name, "version": version, "status": status})
    return rows


def debian_release(root):
    with open(os.path.join(root, "etc/debian_version")) as release:
        return release.read().strip()


# ---------------------------------------------------------------------------------------------
# OCI layout helpers


def umoci(*args):
    return run(["umoci", *args])


def tar_directory(source, tar_path):
    """An uncompressed tar of SOURCE's contents (paths relative, numeric root owner)."""
    run(["tar", "--numeric-owner", "--owner=0", "--group=0", "--sort=name", "-C", source, "-cf",
         tar_path, "."])


def add_layer_from_directory(layout, base_tag, new_tag, source, scratch):
    tar_path = os.path.join(scratch, new_tag + ".tar")
    tar_directory(source, tar_path)
    umoci("raw", "add-layer", "--image", f"{layout}:{base_tag}", "--tag", new_tag, tar_path)
    os.remove(tar_path)


def scratch_image(layout, tag, source, scratch, architecture=None):
    umoci("new", "--image", f"{layout}:{tag}")
    if architecture:
        umoci("config", "--image", f"{layout}:{tag}", "--architecture", architecture)
    add_layer_from_directory(layout, tag, tag, source, scratch)


def tagged_descriptor(layout, tag):
    with open(os.path.join(layout, "index.json")) as index_file:
        index = json.load(index_file)
    for descriptor in index["manifests"]:
        if descriptor.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag:
            return descriptor
    raise RuntimeError(f"{layout} has no tag {tag}")


def write_blob(layout, data):
    digest = hashlib.sha256(data).hexdigest()
    write(os.path.join(layout, "blobs/sha256", digest), data)
    return "sha256:" + digest


def add_tag(layout, descriptor, tag):
    index_path = os.path.join(layout, "index.json")
    with open(index_path) as index_file:
        index = json.load(index_file)
    descriptor = dict(descriptor)
    descriptor["annotations"] = {"org.opencontainers.image.ref.name": tag}
    index["manifests"].append(descriptor)
    write(index_path, json.dumps(index))


def write_index(layout, tag, entries):
    """An OCI image index over (manifest tag, os, architecture, variant) entries, tagged TAG."""
    manifests = []
    for image_tag, os_name, architecture, variant in entries:
        source = tagged_descriptor(layout, image_tag)
        platform = {"architecture": architecture, "os": os_name}
        if variant:
            platform["variant"] = variant
        manifests.append({"mediaType": source["mediaType"], "digest": source["digest"],
                          "size": source["size"], "platform": platform})
    index = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                        "manifests": manifests}).encode()
    add_tag(layout, {"mediaType": "application/vnd.oci.image.index.v1+json",
                     "digest": write_blob(layout, index), "size": len(index)}, tag)


class HashingWriter:
    """A file object that hashes and counts what passes through to `target`."""

    def __init__(self, target):
        self.target, self.sha = target, hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.sha.update(data)
        self.size += len(data)
        return self.target.write(data) if self.target else len(data)

    def flush(self):
        if self.target:
            self.target.flush()


def raw_gzip_image(layout, tag, fill_tar, scratch):
    """A one-layer image whose gzip layer blob is written here directly (tarfile streams into
    gzip, so a layer far larger than the disk space it takes can be built), with correct diff_id."""
    blob_path = os.path.join(scratch, tag + ".tar.gz")
    with open(blob_path, "wb") as raw:
        compressed = HashingWriter(raw)
        with gzip.GzipFile(fileobj=compressed, mode="wb", compresslevel=6, mtime=0) as gz:
            uncompressed = HashingWriter(gz)
            with tarfile.open(fileobj=uncompressed, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                fill_tar(tar)
    layer_digest = "sha256:" + compressed.sha.hexdigest()
    shutil.move(blob_path, os.path.join(layout, "blobs/sha256", layer_digest[7:]))
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "rootfs": {"type": "layers",
                                    "diff_ids": ["sha256:" + uncompressed.sha.hexdigest()]}})
    config = config.encode()
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": write_blob(layout, config), "size": len(config)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": layer_digest, "size": compressed.size}]}).encode()
    add_tag(layout, {"mediaType": "application/vnd.oci.image.manifest.v1+json",
                     "digest": write_blob(layout, manifest), "size": len(manifest)}, tag)


def tar_add_bytes(tar, name, data, mode=0o644):
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), mode
    tar.addfile(info, io.BytesIO(data))


def tar_add_symlink(tar, name, target):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = tarfile.SYMTYPE, target
    tar.addfile(info)


def tar_add_hardlink(tar, name, target):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = tarfile.LNKTYPE, target
    tar.addfile(info)


def tar_add_stream(tar, name, size, chunks):
    """A regular file of SIZE bytes whose content comes from the CHUNKS iterator (never all in
    memory)."""

    class ChunkReader:
        def __init__(self):
            self.iterator, self.chunk, self.offset = iter(chunks), b"", 0

        def read(self, n):
            parts = []
            while n > 0:
                if self.offset == len(self.chunk):
                    self.chunk, self.offset = next(self.iterator, None), 0
                    if self.chunk is None:
                        break
                part = self.chunk[self.offset:self.offset + n]
                self.offset += len(part)
                n -= len(part)
                parts.append(part)
            return b"".join(parts)

    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o644
    tar.addfile(info, ChunkReader())


# ---------------------------------------------------------------------------------------------
# The images


def python_truth(root):
    """Name/version of every dist-info METADATA and egg-info PKG-INFO under ROOT."""
    found = []
    for directory, subdirs, files in os.walk(root):
        for entry in subdirs + files:
            path = os.path.join(directory, entry)
            if entry.endswith(".dist-info"):
                metadata = os.path.join(path, "METADATA")
            elif entry.endswith(".egg-info"):
                metadata = os.path.join(path, "PKG-INFO") if os.path.isdir(path) else path
            else:
                continue
            if os.path.islink(path) or not os.path.isfile(metadata):
                continue
            fields = {}
            with open(metadata, errors="replace") as meta:
                for line in meta:
                    if not line.strip():
                        break
                    key, _, value = line.partition(":")
                    fields.setdefault(key.strip(), value.strip())
            found.append({"name": fields.get("Name", ""), "version": fields.get("Version", ""),
                          "path": "/" + os.path.relpath(metadata, root)})
    return found


def build_python_image(layout, scratch):
    bundle = os.path.join(scratch, "python-bundle")
    umoci("unpack", "--image", f"{layout}:base", bundle)
    root = os.path.join(bundle, "rootfs")
    shutil.copy("/etc/resolv.conf", os.path.join(root, "etc/resolv.conf"))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["chroot", root, "apt-get", "-q", "update"], env=env)
    run(["chroot", root, "apt-get", "-q", "install", "-y", "--no-install-recommends",
         "python3-minimal"], env=env)
    run(["chroot", root, "apt-get", "clean"], env=env)
    shutil.rmtree(os.path.join(root, "var/lib/apt/lists"))
    os.makedirs(os.path.join(root, "var/lib/apt/lists/partial"))
    os.remove(os.path.join(root, "etc/resolv.conf"))
    # A virtual environment written by hand: one dist-info and one egg-info package.
    venv = os.path.join(root, "opt/venv")
    python = next(n for n in os.listdir(os.path.join(root, "usr/lib")) if n.startswith("python3."))
    site = os.path.join(venv, "lib", python, "site-packages")
    write(os.path.join(venv, "pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = "
          "false\nversion = 3\n")
    os.makedirs(os.path.join(venv, "bin"))
    os.symlink("/usr/bin/python3", os.path.join(venv, "bin/python3"))
    dist = os.path.join(site, "signet_fixture_pkg-1.2.3.dist-info")
    write(os.path.join(dist, "METADATA"), "Metadata-Version: 2.1\nName: signet-fixture-pkg\n"
          "Version: 1.2.3\nSummary: written by the signet SBOM tests\nLicense: MIT\n\nBody.\n")
    write(os.path.join(site, "signet_fixture_pkg/__init__.py"), "")
    write(os.path.join(dist, "RECORD"), "signet_fixture_pkg/__init__.py,,\n"
          "signet_fixture_pkg-1.2.3.dist-info/METADATA,,\n")
    write(os.path.join(dist, "INSTALLER"), "pip\n")
    write(os.path.join(site, "Legacy_Egg-0.9.egg-info/PKG-INFO"),
          "Metadata-Version: 1.1\nName: Legacy_Egg\nVersion: 0.9\nLicense: BSD\n")
    umoci("repack", "--image", f"{layout}:python", bundle)
    truth = {"deb": dpkg_truth(root), "python": python_truth(root)}
    shutil.rmtree(bundle)
    return truth


NPM_TREE = [
    # (path under /app, package.json content); the unnamed one is only a module-type marker.
    ("package.json", {"name": "sbom-test-app", "version": "1.0.0", "private": True,
                      "dependencies": {"left-pad": "1.3.0", "@scope/util": "^2.0.0",
                                       "send": "0.19.0", "ms": "2.0.0"}}),
    ("node_modules/left-pad/package.json", {"name": "left-pad", "version": "1.3.0",
                                            "license": "WTFPL"}),
    ("node_modules/@scope/util/package.json", {"name": "@scope/util", "version": "2.0.1",
                                               "license": "MIT"}),
    ("node_modules/send/package.json", {"name": "send", "version": "0.19.0", "license": "MIT",
                                        "dependencies": {"ms": "2.1.3"}}),
    ("node_modules/send/node_modules/ms/package.json", {"name": "ms", "version": "2.1.3",
                                                        "license": "MIT"}),
    ("node_modules/ms/package.json", {"name": "ms", "version": "2.0.0", "license": "MIT"}),
    ("node_modules/@scope/util/esm/package.json", {"type": "module"}),
]


def build_node_image(layout, scratch):
    layer = os.path.join(scratch, "node-layer")
    truth = []
    for path, manifest in NPM_TREE:
        write(os.path.join(layer, "app", path), json.dumps(manifest, indent=2) + "\n")
        if "name" in manifest and "version" in manifest:
            truth.append({"name": manifest["name"], "version": manifest["version"],
                          "path": "/app/" + path})
    write(os.path.join(layer, "app/index.js"), "console.log('hello');\n")
    # npm itself, offline, writes the lock files of the tree it finds installed
    # (app/package-lock.json and the hidden app/node_modules/.package-lock.json), and `npm ls`
    # says which package each one's require() reaches: the dependency graph's ground truth.
    npm = ["npm", "--offline", "--ignore-scripts", "--no-audit", "--no-fund",
           "--no-update-notifier", "--cache", os.path.join(scratch, "npm-cache")]
    app = os.path.join(layer, "app")
    run(npm + ["install"], cwd=app)
    tree = json.loads(run(npm + ["ls", "--all", "--json"], cwd=app))
    edges = set()

    def walk(name, node):
        for child, info in node.get("dependencies", {}).items():
            edges.add((f"{name}@{node['version']}", f"{child}@{info['version']}"))
            walk(child, info)
    walk(tree["name"], tree)
    add_layer_from_directory(layout, "base", "node", layer, scratch)
    return {"npm": truth, "npm_edges": sorted([list(e) for e in edges])}


def build_go_image(layout, scratch, cache):
    module = os.path.join(scratch, "go-module")
    write(os.path.join(module, "go.mod"), textwrap.dedent("""\
        module example.com/hello

        go 1.19

        require (
        \tgithub.com/google/uuid v1.3.0
        \tgithub.com/pkg/errors v0.9.1
        )
        """))
    write(os.path.join(module, "main.go"), textwrap.dedent("""\
        package main

        import (
        \t"fmt"

        \t"github.com/google/uuid"
        \t"github.com/pkg/errors"
        )

        var version = "dev"

        func main() {
        \tfmt.Println(version, uuid.NewString(), errors.New("x"))
        }
        """))
    vendor = os.path.join(module, "vendor")
    modules_txt = ""
    for path, version in (("github.com/google/uuid", "v1.3.0"), ("github.com/pkg/errors",
                                                                  "v0.9.1")):
        shutil.copytree(os.path.join(GOCODE, path), os.path.join(vendor, path),
                        ignore=shutil.ignore_patterns("*_test.go", "testdata"))
        modules_txt += f"# {path} {version}\n## explicit\n{path}\n"
    write(os.path.join(vendor, "modules.txt"), modules_txt)
    layer = os.path.join(scratch, "go-layer")
    binary = os.path.join(layer, "usr/local/bin/hello")
    os.makedirs(os.path.dirname(binary))
    env = dict(os.environ, GOFLAGS="-mod=vendor", GOPROXY="off", GO111MODULE="on",
               CGO_ENABLED="0", GOCACHE=os.path.join(cache, "gocache"), GOPATH=os.path.join(
                   scratch, "gopath"))
    run(["go", "build", "-buildvcs=false", "-ldflags", "-X main.version=1.2.3", "-o", binary,
         "."], cwd=module, env=env)
    truth = go_version_truth(binary, env)
    add_layer_from_directory(layout, "base", "go", layer, scratch)
    return {"go": truth}


def go_version_truth(binary, env):
    """Modules from `go version -m`: the go version line, `mod` and `dep` rows."""
    out = run(["go", "version", "-m", binary], env=env)
    modules = []
    for line in out.splitlines():
        fields = line.split()
        if line.startswith(binary):
            modules.append({"name": "stdlib", "version": fields[1]})
        elif fields and fields[0] == "build" and "=" in fields[1]:
            key, _, value = line.split("\t", 2)[2].partition("=")
            modules.append({"name": key, "version": value, "kind": "build"})
        elif fields and fields[0] in ("mod", "dep"):
            modules.append({"name": fields[1], "version": fields[2] if len(fields) > 2 else "",
                            "kind": fields[0]})
    return modules


RPM_SPECS = [  # name, epoch, version, release, license, extra preamble lines
    ("hello-sbom", "2", "1.0", "1", "MIT", ["Requires: tiny-cli", "Requires: /bin/sh"]),
    ("tiny-tools", "", "0.3", "7", "GPL-2.0-or-later", ["Provides: tiny-cli"]),
]
RPM_QUERY = "row:%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t[%{REQUIRENAME},]\t[%{PROVIDENAME},]\n"


def rpm_query(root, *options):
    """rpm -qa of the database under root, one dict per package (rpm's warnings dropped)."""
    out = run(["rpm", "--root", root, "--dbpath", "/var/lib/rpm", *options, "-qa", "--qf",
               RPM_QUERY])
    rows = []
    for line in out.splitlines():
        if not line.startswith("row:"):
            continue
        name, epoch, version, release, arch, requires, provides = line[4:].split("\t")
        rows.append({"name": name, "epoch": "" if epoch == "(none)" else epoch,
                     "version": version, "release": release, "arch": arch,
                     "requires": [r for r in requires.split(",") if r],
                     "provides": [p for p in provides.split(",") if p]})
    return rows


def rpm_header_blobs(sqlite_path):
    with contextlib.closing(sqlite3.connect(sqlite_path)) as db:
        return db.execute("SELECT hnum, blob FROM Packages ORDER BY hnum").fetchall()


def write_berkeley_db(path, blobs):
    """rpm's legacy Packages: a Berkeley DB hash keyed by header number, written by Berkeley DB
    itself (db5.3_load) on 1 KiB pages so headers span overflow-page chains."""
    lines = ["VERSION=3", "format=bytevalue", "type=hash", "db_pagesize=1024", "HEADER=END",
             " " + (0).to_bytes(4, "little").hex(), " " + (len(blobs) + 1).to_bytes(4, "little").hex()]
    for number, blob in blobs:
        lines += [" " + number.to_bytes(4, "little").hex(), " " + blob.hex()]
    dump = path + ".dump"
    write(dump, "\n".join(lines + ["DATA=END", ""]))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    run(["db5.3_load", "-f", dump, path])
    os.remove(dump)


def write_ndb(path, blobs):
    """rpm's ndb Packages.db (SUSE) as lib/backend/ndb/rpmpkg.c lays it out: a 32-byte header,
    4 KiB slot pages of 16-byte slots, then each blob in 16-byte blocks between a "BlbS" head and
    a "BlbE" tail carrying the Adler-32 of head, blob and padding. Debian's rpm is built without
    ndb, so no rpm here can write or read this file; the unit tests read a real SUSE one too."""
    le = lambda value: value.to_bytes(4, "little")
    slots, data = b"", b""
    next_block = 4096 // 16
    for number, blob in blobs:
        blocks = (16 + len(blob) + 12 + 15) // 16
        block = b"BlbS" + le(number) + le(0) + le(len(blob)) + blob
        block += b"\0" * (blocks * 16 - 12 - len(block))
        block += le(zlib.adler32(block)) + le(len(blob)) + b"BlbE"
        slots += b"Slot" + le(number) + le(next_block) + le(blocks)
        next_block += blocks
        data += block
    header = b"RpmP" + le(0) + le(1) + le(1) + le(len(blobs) + 1) + b"\0" * 12
    slots += (b"Slot" + b"\0" * 12) * ((4096 - len(header) - len(slots)) // 16)
    write(path, header + slots + data)


def build_rpm_image(layout, scratch):
    topdir = os.path.join(scratch, "rpmbuild")
    root = os.path.join(scratch, "rpm-root")
    run(["rpm", "--root", root, "--dbpath", "/var/lib/rpm", "--initdb"])
    for name, epoch, version, release, license_id, preamble in RPM_SPECS:
        extra_preamble = ("\n" + " " * 12).join(preamble)
        spec = os.path.join(topdir, name + ".spec")
        write(spec, textwrap.dedent(f"""\
            Name: {name}
            {"Epoch: " + epoch if epoch else ""}
            Version: {version}
            Release: {release}
            Summary: signet SBOM test package
            License: {license_id}
            {extra_preamble}
            BuildArch: noarch
            %description
            A package built by the signet SBOM tests.
            %install
            mkdir -p %{{buildroot}}/usr/share/{name}
            echo {name} > %{{buildroot}}/usr/share/{name}/README
            %files
            /usr/share/{name}/README
            """))
        run(["rpmbuild", "--define", "_topdir " + topdir, "-bb", spec])
    rpms = []
    for directory, _, files in os.walk(os.path.join(topdir, "RPMS")):
        rpms += [os.path.join(directory, f) for f in files if f.endswith(".rpm")]
    run(["rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--noscripts",
         *rpms])
    truth = rpm_query(root)
    write(os.path.join(root, "etc/os-release"), 'NAME="Fedora Linux"\nID=fedora\n'
          'VERSION_ID=40\nPRETTY_NAME="Fedora Linux 40"\n')
    write(os.path.join(root, "etc/fedora-release"), "Fedora release 40 (Forty)\n")
    scratch_image(layout, "rpm", root, scratch)
    # The same content labelled arm64, for the two-platform index.
    umoci("config", "--image", f"{layout}:rpm", "--architecture", "arm64", "--tag", "rpm-arm64")
    return {"rpm": truth, "os": {"id": "fedora", "version": "40"}}, root


def build_legacy_rpm_images(layout, scratch, rpm_root):
    """The same packages in rpm's two other backends: Berkeley DB (CentOS 7, RHEL/UBI 8, Amazon
    Linux 2) with rpm's own bdb_ro reader as the ground truth, and SUSE's ndb."""
    blobs = rpm_header_blobs(os.path.join(rpm_root, "var/lib/rpm/rpmdb.sqlite"))
    bdb_root = os.path.join(scratch, "rpm-bdb-root")
    write_berkeley_db(os.path.join(bdb_root, "var/lib/rpm/Packages"), blobs)
    bdb_truth = rpm_query(bdb_root, "--define", "_db_backend bdb_ro")
    if len(bdb_truth) != len(blobs):
        raise RuntimeError(f"rpm's bdb_ro reads {len(bdb_truth)} of {len(blobs)} packages")
    write(os.path.join(bdb_root, "etc/os-release"),
          'NAME="CentOS Linux"\nID="centos"\nVERSION_ID="7"\n')
    scratch_image(layout, "rpm-bdb", bdb_root, scratch)
    ndb_root = os.path.join(scratch, "rpm-ndb-root")
    write_ndb(os.path.join(ndb_root, "usr/lib/sysimage/rpm/Packages.db"), blobs)
    write(os.path.join(ndb_root, "etc/os-release"),
          'NAME="SLES"\nID="sles"\nVERSION_ID="15.5"\n')
    scratch_image(layout, "rpm-ndb", ndb_root, scratch)
    return ({"rpm": bdb_truth, "os": {"id": "centos", "version": "7"}},
            {"rpm": rpm_query(rpm_root), "os": {"id": "sles", "version": "15.5"}})


APK_ENTRIES = [
    {"P": "musl", "V": "1.2.5-r0", "A": "x86_64", "o": "musl", "L": "MIT",
     "T": "the musl c library", "F": [("lib", ["ld-musl-x86_64.so.1"])]},
    {"P": "busybox-binsh", "V": "1.36.1-r29", "A": "x86_64", "o": "busybox", "L": "GPL-2.0-only",
     "T": "busybox ash /bin/sh", "F": [("bin", ["sh"])]},
    {"P": "ca-certificates-bundle", "V": "20240705-r0", "A": "x86_64", "o": "ca-certificates",
     "L": "MPL-2.0 AND MIT", "T": "Pre generated bundle of CA certificates",
     "F": [("etc/ssl/certs", ["ca-certificates.crt"])]},
]


def build_apk_image(layout, scratch):
    root = os.path.join(scratch, "apk-root")
    paragraphs = []
    for entry in APK_ENTRIES:
        lines = [f"C:Q1{hashlib.sha1(entry['P'].encode()).hexdigest()[:27]}=",
                 f"P:{entry['P']}", f"V:{entry['V']}", f"A:{entry['A']}", "S:1000", "I:4096",
                 f"T:{entry['T']}", "U:https://alpinelinux.org", f"L:{entry['L']}",
                 f"o:{entry['o']}", "m:Test Maintainer <test@example.org>", "t:1720000000"]
        for directory, files in entry["F"]:
            lines.append(f"F:{directory}")
            for name in files:
                lines += [f"R:{name}", "Z:Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA="]
                write(os.path.join(root, directory, name), entry["P"] + "\n")
        paragraphs.append("\n".join(lines) + "\n")
    # Paragraphs separated by a blank line; the last one has no trailing blank line.
    write(os.path.join(root, "lib/apk/db/installed"), "\n".join(paragraphs))
    write(os.path.join(root, "etc/os-release"), 'NAME="Alpine Linux"\nID=alpine\n'
          'VERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n')
    write(os.path.join(root, "etc/alpine-release"), "3.20.3\n")
    scratch_image(layout, "apk", root, scratch)
    return {"apk": [{"name": e["P"], "version": e["V"], "arch": e["A"], "origin": e["o"]}
                    for e in APK_ENTRIES], "os": {"id": "alpine", "version": "3.20.3"}}


def removable_package(root):
    """A non-essential, non-required package of the base to purge in the whiteout layer."""
    out = run(["dpkg-query", "--admindir=" + os.path.join(root, "var/lib/dpkg"), "-W", "-f",
               "${Package}\t${Essential}\t${Priority}\n"])
    candidates = sorted(line.split("\t")[0] for line in out.splitlines()
                        if line.split("\t")[1] != "yes" and line.split("\t")[2] != "required")
    for preferred in ("sensible-utils", "debian-archive-keyring", "libsemanage-common"):
        if preferred in candidates:
            return preferred
    return candidates[0]


def build_whiteout_image(layout, scratch):
    bundle = os.path.join(scratch, "whiteout-bundle")
    umoci("unpack", "--image", f"{layout}:base", bundle)
    root = os.path.join(bundle, "rootfs")
    removed = removable_package(root)
    # Upper layer 1: explicit file deletions plus a purged package (its files are whited out and
    # var/lib/dpkg/status is rewritten without its paragraph).
    os.remove(os.path.join(root, "usr/share/doc/adduser/copyright"))
    shutil.rmtree(os.path.join(root, "usr/share/doc/apt"))
    run(["dpkg", "--root=" + root, "--force-all", "--purge", removed])
    umoci("repack", "--image", f"{layout}:whiteouts", bundle)
    truth = dpkg_truth(root)
    shutil.rmtree(bundle)
    # Upper layer 2: usr/share/doc/ made opaque (hides every lower copyright file) with one new
    # file, written by hand since umoci repack only emits per-file whiteouts.
    opaque = os.path.join(scratch, "opaque-layer")
    write(os.path.join(opaque, "usr/share/doc/.wh..wh..opq"), "")
    write(os.path.join(opaque, "usr/share/doc/README.opaque"), "lower docs are hidden\n")
    add_layer_from_directory(layout, "whiteouts", "whiteouts", opaque, scratch)
    return {"deb": truth, "removed": removed}


HOSTILE_STATUS = (b"Package: hostile-pkg\nStatus: install ok installed\nPriority: optional\n"
                  b"Version: 1.0-1\nArchitecture: amd64\nMaintainer: Test <t@example.org>\n"
                  b"Description: a package in a hostile layer\n")
OS_RELEASE = b'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'


HARDLINKED = {
    # pnpm: the content-addressed store first, the package's files hard links into it.
    "npm": ("root/.local/share/pnpm/store/v3/files/5e/9c0d1f2a3b4c5d6e7f80910a1b2c3d4e5f60718",
            "app/node_modules/.pnpm/linked-dep@3.1.4/node_modules/linked-dep/package.json",
            b'{"name": "linked-dep", "version": "3.1.4", "license": "ISC"}\n'),
    # uv (with its cache in the image): a cache entry first, site-packages linking to it.
    "pypi": ("root/.cache/uv/wheels-v1/objects/7a31c9d0",
             "usr/lib/python3/dist-packages/hardlinked_pkg-2.0.0.dist-info/METADATA",
             b"Metadata-Version: 2.1\nName: hardlinked-pkg\nVersion: 2.0.0\nLicense: MIT\n"),
}


def build_hardlink_image(layout, scratch):
    """Packages whose metadata files are hard links to files no rule selects (pnpm and uv
    trees), plus a link to a file the layer does not have."""
    def fill(tar):
        tar_add_bytes(tar, "etc/os-release", OS_RELEASE)
        for target, link, content in HARDLINKED.values():
            tar_add_bytes(tar, target, content)
            tar_add_hardlink(tar, link, target)
        tar_add_hardlink(tar, "app/node_modules/dangling/package.json", "nowhere/package.json")

    raw_gzip_image(layout, "hardlinks", fill, scratch)
    return {"purls": ["pkg:npm/linked-dep@3.1.4", "pkg:pypi/hardlinked-pkg@2.0.0"],
            "dangling": "/app/node_modules/dangling/package.json"}


def build_hostile_images(layout, scratch):
    def traversal(tar):
        tar_add_bytes(tar, "etc/os-release", OS_RELEASE)
        tar_add_bytes(tar, "../../../../../tmp/signet-sbom-escape-marker", b"escaped\n")
        tar_add_bytes(tar, "/etc/absolute-entry", b"absolute\n")
        tar_add_bytes(tar, "var/lib/dpkg/../../../../../var/lib/dpkg/status", HOSTILE_STATUS)
        tar_add_bytes(tar, "usr/lib/python3/dist-packages/../../../../../opt/x-1.0.dist-info/"
                      "METADATA", b"Name: x\nVersion: 1.0\n")

    def symlinks(tar):
        tar_add_bytes(tar, "etc/os-release", OS_RELEASE)
        tar_add_bytes(tar, "real/status", HOSTILE_STATUS)
        tar_add_symlink(tar, "var/lib/dpkg", "/real")
        tar_add_symlink(tar, "loop/a", "b")
        tar_add_symlink(tar, "loop/b", "a")
        tar_add_symlink(tar, "loop/self", "self")
        tar_add_symlink(tar, "usr/lib/python3/dist-packages/y-1.0.dist-info", "/usr/lib/python3/"
                        "dist-packages/y-1.0.dist-info")
        tar_add_symlink(tar, "app/node_modules/z/package.json", "/app/node_modules/z/package.json")
        tar_add_symlink(tar, "etc/passwd-link", "/../../../../etc/passwd")

    def bomb(tar):
        tar_add_bytes(tar, "etc/os-release", OS_RELEASE)
        tar_add_stream(tar, "var/lib/zeros.bin", 1 << 30, (bytes(1 << 20) for _ in range(1024)))
        tar_add_stream(tar, "usr/local/bin/zeros-exe", 64 << 20,
                       (b"\x7fELF" + bytes((1 << 20) - 4) if i == 0 else bytes(1 << 20)
                        for i in range(64)))

    def huge_metadata(tar):
        tar_add_bytes(tar, "etc/os-release", OS_RELEASE)
        header = b"Metadata-Version: 2.1\nName: huge-metadata\nVersion: 1.0\n"
        block = (b"Description-line: " + b"x" * 109 + b"\n") * 1024  # 128 KiB
        blocks = 2048  # 256 MiB of header lines
        tar_add_stream(tar, "usr/lib/python3/dist-packages/huge_metadata-1.0.dist-info/METADATA",
                       len(header) + blocks * len(block),
                       [header] + [block] * blocks)
        prefix, suffix = b'{"name":"huge","version":"1.0.0","description":"', b'"}\n'
        filler = b"y" * (1 << 20)
        tar_add_stream(tar, "app/node_modules/huge/package.json",
                       len(prefix) + 64 * len(filler) + len(suffix),
                       [prefix] + [filler] * 64 + [suffix])

    for tag, fill in (("hostile-traversal", traversal), ("hostile-symlinks", symlinks),
                      ("hostile-bomb", bomb), ("hostile-metadata", huge_metadata)):
        raw_gzip_image(layout, tag, fill, scratch)


def build_images(cache, rootfs):
    images = os.path.join(cache, "images-" + IMAGES_VERSION)
    if os.path.exists(os.path.join(images, ".complete")):
        return images
    staging = images + ".tmp"
    shutil.rmtree(staging, ignore_errors=True)
    layout = os.path.join(staging, "layout")
    scratch = os.path.join(staging, "scratch")
    os.makedirs(scratch)
    truth = {}
    umoci("init", "--layout", layout)
    umoci("new", "--image", f"{layout}:base")
    umoci("insert", "--image", f"{layout}:base", rootfs, "/")
    truth["base"] = {"deb": dpkg_truth(rootfs), "debian_version": debian_release(rootfs)}
    truth["python"] = build_python_image(layout, scratch)
    truth["node"] = build_node_image(layout, scratch)
    truth["go"] = build_go_image(layout, scratch, cache)
    truth["rpm"], rpm_root = build_rpm_image(layout, scratch)
    truth["rpm-bdb"], truth["rpm-ndb"] = build_legacy_rpm_images(layout, scratch, rpm_root)
    truth["apk"] = build_apk_image(layout, scratch)
    truth["whiteouts"] = build_whiteout_image(layout, scratch)
    truth["hardlinks"] = build_hardlink_image(layout, scratch)
    write_index(layout, "multi", [("apk", "linux", "amd64", ""),
                                  ("rpm-arm64", "linux", "arm64", "v8")])
    build_hostile_images(layout, scratch)
    run(["skopeo", "copy", "--insecure-policy", "--dest-compress-format", "zstd",
         f"oci:{layout}:base", f"oci:{os.path.join(staging, 'layout-zstd')}:base"])
    umoci("gc", "--layout", layout)
    shutil.rmtree(scratch)
    for tag, facts in truth.items():
        write(os.path.join(staging, "truth", tag + ".json"), json.dumps(facts, indent=1))
    write(os.path.join(staging, ".complete"), "")
    os.rename(staging, images)
    return images


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: build_sbom_fixtures.py CACHE_DIR")
    missing = missing_prerequisites()
    if missing:
        sys.exit("build_sbom_fixtures: " + "; ".join(missing) +
                 " (bash .ci/install-deps installs everything the tests use)")
    cache = os.path.abspath(sys.argv[1])
    os.makedirs(cache, exist_ok=True)
    with open(os.path.join(cache, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            images = build_images(cache, build_rootfs(cache))
        except (RuntimeError, OSError) as failure:
            sys.exit(f"build_sbom_fixtures: {failure}")
    print(images)


if __name__ == "__main__":
    main()
