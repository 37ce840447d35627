// SignetEnvironment: the SIGNET_* variables for `signet run` from a normalized config (pure).
// Only non-secret settings: credentials are bound by withCredentials, never placed here.
package dev.signet.jenkins

class SignetEnvironment implements Serializable {
    private static final long serialVersionUID = 1L

    // KEY=value entries for withEnv, in a fixed order; unset settings are left out.
    static List<String> entries(Map cfg) {
        Map<String, String> env = new LinkedHashMap<String, String>()
        env.SIGNET_WRAPPER = 'jenkins'  // signet's hints then name signImages' arguments
        env.SIGNET_IMAGES = cfg.images.join('\n')
        env.SIGNET_IMAGES_FILE = cfg.imagesFile
        env.SIGNET_TAGS = cfg.tags.join('\n')
        env.SIGNET_DIGEST = cfg.digest
        env.SIGNET_REPOSITORY = cfg.repository
        env.SIGNET_IDENTITY = cfg.identity
        env.SIGNET_RECURSIVE = String.valueOf(cfg.recursive)
        env.SIGNET_ANNOTATIONS = cfg.annotations.collect { k, v -> "${k}=${v}" }.join('\n')
        env.SIGNET_SIGNATURE_FORMAT = cfg.signatureFormat
        env.SIGNET_TLOG_UPLOAD = cfg.tlogUpload
        env.SIGNET_REKOR_URL = cfg.rekorUrl
        env.SIGNET_TSA_URL = cfg.timestampServerUrl
        env.SIGNET_SIGNING_CONFIG = cfg.signingConfig
        env.SIGNET_TRUSTED_ROOT = cfg.trustedRoot
        env.SIGNET_SBOM = cfg.sbom.mode
        env.SIGNET_SBOM_FILE = cfg.sbom.file ?: ''
        env.SIGNET_SBOM_FORMAT = cfg.sbom.format ?: ''
        env.SIGNET_SBOM_ATTACH = cfg.sbom.attach ?: ''
        env.SIGNET_SBOM_PLATFORMS = cfg.sbom.platforms ?: ''
        env.SIGNET_SBOM_DIR = cfg.sbom.dir ?: ''
        env.SIGNET_CACHE_DIR = cfg.sbom.cacheDir ?: ''
        env.SIGNET_RETRIES = String.valueOf(cfg.retries)
        env.SIGNET_FAIL_ON = cfg.failOn
        env.SIGNET_REPORT = cfg.reportFile
        return env.findAll { k, v -> v }.collect { k, v -> "${k}=${v}".toString() }
    }
}
