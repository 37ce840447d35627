// SignResult: the Map signImages() returns, built from signet's exit code and JSON report (pure).
package dev.signet.jenkins

class SignResult implements Serializable {
    private static final long serialVersionUID = 1L

    // What each documented exit code means, for messages.
    static final Map<Integer, String> EXIT_MEANINGS = [
        0: 'all references signed',
        1: 'usage or configuration error (nothing attempted)',
        2: 'some references failed',
        3: 'authentication or authorization failed for every reference',
        4: 'timeout or network failure',
    ].asImmutable()

    // report: the parsed report Map, or null when signet wrote none.
    static Map<String, Object> of(int exitCode, Map report, String reportFile) {
        Map r = report ?: [:]
        Map summary = r.summary instanceof Map ? new LinkedHashMap(r.summary) : [:]
        return [
            exitCode: exitCode,
            summary : summary,
            signed  : listOf(r.signed),
            failed  : listOf(r.failed),
            sboms   : listOf(r.sboms),
            report  : report == null ? null : reportFile,
        ]
    }

    // One line for the build log / error: counts and, for failures, the first failed references.
    static String describe(Map result) {
        Map s = result.summary
        String counts = s ? "signed ${s.signed ?: 0}, skipped ${s.skipped ?: 0}, failed ${s.failed ?: 0}, sboms ${s.sboms ?: 0}" : 'no report'
        String meaning = EXIT_MEANINGS[result.exitCode as Integer] ?: 'unexpected exit code'
        String firstFailures = result.failed.take(3).collect { f -> "${f.ref}: ${f.message}" }.join('; ')
        return "signet exit ${result.exitCode} (${meaning}); ${counts}" + (firstFailures ? "; ${firstFailures}" : '')
    }

    private static List listOf(Object value) {
        return value instanceof List ? new ArrayList(value) : []
    }
}
