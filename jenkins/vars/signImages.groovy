// signImages: sign repository:tag@sha256 references with signet from a Jenkins pipeline.
// Usage: def result = signImages(images: [...], keyCredentialsId: 'cosign-key', ...) — see
// signImages.txt. Secrets come in through withCredentials as environment variables and are only
// ever expanded by signet itself: no secret is interpolated into a Groovy string.
import dev.signet.jenkins.SignConfig
import dev.signet.jenkins.SignResult
import dev.signet.jenkins.SignetEnvironment

def call(Map settings = [:]) {
    Map cfg
    try {
        cfg = SignConfig.normalize(settings)
    } catch (IllegalArgumentException e) {
        error(e.message)
    }
    int status = runSignet(cfg)
    Map report = readReport(cfg.reportFile)
    if (cfg.archive) {
        archive(cfg)
    }
    Map result = SignResult.of(status, report, cfg.reportFile)
    String line = SignResult.describe(result)
    if (status == 0) {
        echo(line)
    } else if (status == 2 && cfg.unstableOnFailure) {
        unstable(line)
    } else {
        error(line)
    }
    return result
}

private int runSignet(Map cfg) {
    List bindings = [file(credentialsId: cfg.keyCredentialsId, variable: 'SIGNET_KEY')]
    if (cfg.passwordCredentialsId) {
        bindings << string(credentialsId: cfg.passwordCredentialsId, variable: 'COSIGN_PASSWORD')
    }
    if (cfg.registryCredentialsId) {
        bindings << usernamePassword(credentialsId: cfg.registryCredentialsId,
                usernameVariable: 'SIGNET_REGISTRY_USERNAME', passwordVariable: 'SIGNET_REGISTRY_PASSWORD')
    }
    int status = -1
    withCredentials(bindings) {
        withEnv(SignetEnvironment.entries(cfg)) {
            status = sh(script: cfg.command, returnStatus: true, label: 'signet run')
        }
    }
    return status
}

private Map readReport(String reportFile) {
    if (!fileExists(reportFile)) {
        return null
    }
    return readJSON(file: reportFile, returnPojo: true)
}

private void archive(Map cfg) {
    List<String> patterns = [cfg.reportFile]
    if (cfg.sbom.dir) {
        patterns << "${cfg.sbom.dir}/**".toString()
    }
    archiveArtifacts(artifacts: patterns.join(', '), allowEmptyArchive: true, fingerprint: true)
}
