// SignConfig: validates the Map given to signImages() and fills in defaults (pure, no steps).
package dev.signet.jenkins

class SignConfig implements Serializable {
    private static final long serialVersionUID = 1L

    static final Map<String, Object> DEFAULTS = [
        images: [], tags: [], digest: '', repository: '', imagesFile: '',
        identity: 'tag', recursive: false, annotations: [:],
        keyCredentialsId: '', passwordCredentialsId: '', registryCredentialsId: '',
        signatureFormat: 'legacy', tlogUpload: '', rekorUrl: '', timestampServerUrl: '',
        signingConfig: '', trustedRoot: '', sbom: [:], retries: 3, failOn: 'any',
        unstableOnFailure: false, reportFile: 'signet-report.json', archive: true,
        command: 'signet run',
    ].asImmutable()

    static final Map<String, List<String>> CHOICES = [
        identity: ['tag', 'repo'], signatureFormat: ['legacy', 'bundle', 'legacy-tag', 'referrers'], failOn: ['any', 'all'],
    ].asImmutable()

    static final Map<String, List<String>> SBOM_CHOICES = [
        mode: ['off', 'generate', 'file'], format: ['spdx-json', 'spdx-tag', 'cyclonedx-json'],
        attach: ['attestation', 'attach', 'both'],
    ].asImmutable()

    static final List<String> SBOM_KEYS = ['mode', 'file', 'format', 'attach', 'platforms', 'dir', 'cacheDir'].asImmutable()

    // Returns a new Map with every key of DEFAULTS; throws IllegalArgumentException naming the
    // offending key for unknown keys, wrong types and values outside the allowed choices.
    static Map<String, Object> normalize(Map given) {
        if (given == null) {
            throw new IllegalArgumentException('signImages: expected a Map of settings, got null')
        }
        Map<String, Object> cfg = new LinkedHashMap<String, Object>(DEFAULTS)
        given.each { k, v ->
            String key = String.valueOf(k)
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("signImages: unknown setting '${key}' (known: ${DEFAULTS.keySet().join(', ')})")
            }
            cfg[key] = v
        }
        cfg.images = stringList('images', cfg.images)
        cfg.tags = stringList('tags', cfg.tags)
        ['digest', 'repository', 'imagesFile', 'keyCredentialsId', 'passwordCredentialsId',
         'registryCredentialsId', 'reportFile', 'command', 'rekorUrl', 'timestampServerUrl',
         'signingConfig', 'trustedRoot'].each { cfg[it] = plainString(it, cfg[it]) }
        CHOICES.each { key, allowed -> cfg[key] = choice(key, cfg[key], allowed) }
        ['recursive', 'unstableOnFailure', 'archive'].each { cfg[it] = bool(it, cfg[it]) }
        // Unset (''): signet logs only when a Rekor URL or signing config is given.
        cfg.tlogUpload = cfg.tlogUpload == '' ? '' : String.valueOf(bool('tlogUpload', cfg.tlogUpload))
        cfg.retries = retries(cfg.retries)
        cfg.annotations = annotations(cfg.annotations)
        cfg.sbom = sbom(cfg.sbom)
        requireSomething(cfg)
        return cfg
    }

    private static void requireSomething(Map cfg) {
        if (!cfg.keyCredentialsId) {
            throw new IllegalArgumentException("signImages: keyCredentialsId is required (a 'Secret file' credential holding the cosign key)")
        }
        if (cfg.images.isEmpty() && cfg.tags.isEmpty() && !cfg.imagesFile) {
            throw new IllegalArgumentException('signImages: nothing to sign; give images, imagesFile, or tags with digest')
        }
        if (!cfg.tags.isEmpty() && !cfg.digest) {
            throw new IllegalArgumentException('signImages: tags need digest (the sha256:... they point at)')
        }
        if (cfg.digest && !(cfg.digest ==~ /sha256:[0-9a-f]{64}/)) {
            throw new IllegalArgumentException("signImages: digest must be sha256:<64 hex digits>, got '${cfg.digest}'")
        }
        if (!cfg.reportFile) {
            throw new IllegalArgumentException('signImages: reportFile must not be empty')
        }
        if (!cfg.command) {
            throw new IllegalArgumentException('signImages: command must not be empty')
        }
    }

    private static List<String> stringList(String key, Object value) {
        if (value == null) {
            return []
        }
        if (value instanceof CharSequence) {
            return value.toString().split(/[\s,]+/).findAll { it } as List<String>
        }
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("signImages: ${key} must be a List of strings or a String, got ${value.getClass().simpleName}")
        }
        return value.collect { item ->
            if (!(item instanceof CharSequence) || item.toString().trim().isEmpty() || item.toString() =~ /[\s,]/) {
                throw new IllegalArgumentException("signImages: ${key} must hold non-empty references without spaces or commas, got '${item}'")
            }
            item.toString()
        }
    }

    private static String plainString(String key, Object value) {
        if (value == null) {
            return ''
        }
        if (!(value instanceof CharSequence)) {
            throw new IllegalArgumentException("signImages: ${key} must be a String, got ${value.getClass().simpleName}")
        }
        String s = value.toString()
        if (s.contains('\n') || s.contains('\r') || s.contains('\0')) {
            throw new IllegalArgumentException("signImages: ${key} must be a single line")
        }
        return s
    }

    private static String choice(String key, Object value, List<String> allowed) {
        String s = plainString(key, value)
        if (!allowed.contains(s)) {
            throw new IllegalArgumentException("signImages: ${key} must be one of ${allowed.join(', ')}, got '${s}'")
        }
        return s
    }

    private static boolean bool(String key, Object value) {
        if (value instanceof Boolean) {
            return value
        }
        if (value instanceof CharSequence && ['true', 'false'].contains(value.toString())) {
            return value.toString() == 'true'
        }
        throw new IllegalArgumentException("signImages: ${key} must be true or false, got '${value}'")
    }

    private static int retries(Object value) {
        String s = value instanceof Number || value instanceof CharSequence ? value.toString() : ''
        if (!(s ==~ /\d{1,3}/)) {
            throw new IllegalArgumentException("signImages: retries must be a whole number from 0 to 999, got '${value}'")
        }
        return s as int
    }

    private static Map<String, String> annotations(Object value) {
        if (value == null) {
            return [:]
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("signImages: annotations must be a Map, got ${value.getClass().simpleName}")
        }
        Map<String, String> out = new TreeMap<String, String>()
        value.each { k, v ->
            String key = String.valueOf(k)
            if (key.isEmpty() || key.contains('=') || key =~ /[\r\n]/ || !(v instanceof CharSequence || v instanceof Number || v instanceof Boolean) || String.valueOf(v) =~ /[\r\n]/) {
                throw new IllegalArgumentException("signImages: annotation '${key}' needs a key without '=' and a one-line value")
            }
            out[key] = String.valueOf(v)
        }
        return out
    }

    private static Map<String, String> sbom(Object value) {
        if (value == null) {
            return [mode: 'off']
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("signImages: sbom must be a Map (mode, file, format, attach, platforms, dir, cacheDir), got ${value.getClass().simpleName}")
        }
        Map<String, String> out = new LinkedHashMap<String, String>()
        value.each { k, v ->
            String key = String.valueOf(k)
            if (!SBOM_KEYS.contains(key)) {
                throw new IllegalArgumentException("signImages: unknown sbom setting '${key}' (known: ${SBOM_KEYS.join(', ')})")
            }
            out[key] = plainString("sbom.${key}", v)
        }
        if (!out.mode) {
            out.mode = 'off'
        }
        SBOM_CHOICES.each { key, allowed ->
            if (out.containsKey(key)) {
                out[key] = choice("sbom.${key}", out[key], allowed)
            }
        }
        if (out.mode == 'file' && !out.file) {
            throw new IllegalArgumentException("signImages: sbom.file is required when sbom.mode is 'file'")
        }
        return out
    }
}
