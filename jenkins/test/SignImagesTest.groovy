// SignImagesTest: runs vars/signImages.groovy with the Jenkins pipeline steps it calls replaced
// by recording closures. The closures STAND IN FOR JENKINS (sh, withCredentials, withEnv, file,
// string, usernamePassword, readJSON, fileExists, archiveArtifacts, echo, error, unstable): no
// Jenkins runs here. Report files are real files in a temporary workspace. Run with
//   groovy -cp jenkins/src jenkins/test/SignImagesTest.groovy
// It prints one line per test and "N passed, N failed", and exits non-zero on any failure.
import dev.signet.jenkins.SignConfig
import dev.signet.jenkins.SignetEnvironment
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

class StepFailed extends RuntimeException {  // what Jenkins' error step throws (AbortException)
    StepFailed(String message) { super(message) }
}

class FakePipeline {
    File workspace = File.createTempDir('signet-jenkins-', '')
    List<Map> calls = []           // every step call, in order: [step: name, args: ...]
    List<Map> envStack = []        // variables bound by withEnv/withCredentials, innermost last
    Map<String, String> secrets = [:]
    Closure onSh = { Map env -> 0 }  // what "signet run" does: writes files, returns the status

    Map<String, String> currentEnv() {
        Map<String, String> env = [:]
        envStack.each { env.putAll(it) }
        return env
    }

    Binding binding() {
        Binding b = new Binding()
        b.setVariable('file', { Map a -> calls << [step: 'file', args: a]; [kind: 'file'] + a })
        b.setVariable('string', { Map a -> calls << [step: 'string', args: a]; [kind: 'string'] + a })
        b.setVariable('usernamePassword', { Map a -> calls << [step: 'usernamePassword', args: a]; [kind: 'usernamePassword'] + a })
        b.setVariable('withCredentials', { List bindings, Closure body ->
            calls << [step: 'withCredentials', args: bindings]
            Map<String, String> bound = [:]
            bindings.each { c ->
                String id = c.credentialsId
                if (c.kind == 'file') {
                    File f = new File(workspace.path + '@tmp/secretFiles/' + id)
                    f.parentFile.mkdirs()
                    f.text = secrets[id]
                    bound[c.variable] = f.path
                } else if (c.kind == 'string') {
                    bound[c.variable] = secrets[id]
                } else {
                    bound[c.usernameVariable] = 'robot'
                    bound[c.passwordVariable] = secrets[id]
                }
            }
            envStack << bound
            try { body() } finally { envStack.remove(envStack.size() - 1) }
        })
        b.setVariable('withEnv', { List entries, Closure body ->
            calls << [step: 'withEnv', args: entries]
            Map<String, String> bound = [:]
            entries.each { String e -> int i = e.indexOf('='); bound[e.substring(0, i)] = e.substring(i + 1) }
            envStack << bound
            try { body() } finally { envStack.remove(envStack.size() - 1) }
        })
        b.setVariable('sh', { Map a ->
            calls << [step: 'sh', args: a, env: currentEnv()]
            return onSh(currentEnv())
        })
        b.setVariable('fileExists', { String f -> calls << [step: 'fileExists', args: f]; new File(workspace, f).exists() })
        b.setVariable('readJSON', { Map a ->
            calls << [step: 'readJSON', args: a]
            new JsonSlurper().parse(new File(workspace, a.file))
        })
        b.setVariable('archiveArtifacts', { Map a -> calls << [step: 'archiveArtifacts', args: a] })
        b.setVariable('echo', { String m -> calls << [step: 'echo', args: m] })
        b.setVariable('unstable', { String m -> calls << [step: 'unstable', args: m] })
        b.setVariable('error', { String m -> calls << [step: 'error', args: m]; throw new StepFailed(m) })
        return b
    }

    Object signImages(Map settings) {
        Script script = new GroovyShell(this.class.classLoader, binding())
                .parse(new File(System.getProperty('signet.vars') + '/signImages.groovy'))
        return script.invokeMethod('call', [settings] as Object[])
    }

    List<Map> callsOf(String step) { calls.findAll { it.step == step } }

    void writeReport(Map report) {
        new File(workspace, 'signet-report.json').text = JsonOutput.toJson(report)
    }
}

int passed = 0
int failed = 0
def test = { String name, Closure body ->
    try {
        body()
        passed++
        println "ok   ${name}"
    } catch (Throwable t) {
        failed++
        println "FAIL ${name}\n     ${t}"
    }
}
def expectFailure = { Closure body ->
    try {
        body()
    } catch (StepFailed e) {
        return e.message
    }
    throw new AssertionError((Object) 'expected the step to fail')
}

String DIGEST = 'sha256:' + 'a1' * 32
String KEY = '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n'
String PASSWORD = 'pa$$w0rd-"quoted"-${HOME}'
String REGISTRY_PASSWORD = 'ghp_registryTokenValue123'
Map REPORT_OK = [schema: 1, summary: [requested: 2, signed: 2, skipped: 0, failed: 0, sboms: 1],
                 signed: [[ref: "r.example/app:1@${DIGEST}".toString(), digest: DIGEST, attempts: 1]],
                 failed: [], sboms: [[subject: "r.example/app@${DIGEST}".toString(), format: 'spdx-json']]]
Map REPORT_PARTIAL = [schema: 1, summary: [requested: 2, signed: 1, skipped: 0, failed: 1, sboms: 0],
                      signed: [[ref: "r.example/app:1@${DIGEST}".toString()]],
                      failed: [[ref: 'r.example/app:2@sha256:' + 'b2' * 32, category: 'notfound', message: 'manifest unknown']],
                      sboms: []]

def newPipeline = { Map report, int status ->
    FakePipeline p = new FakePipeline()
    p.secrets = ['cosign-key': KEY, 'cosign-password': PASSWORD, 'registry': REGISTRY_PASSWORD]
    p.onSh = { Map env ->
        if (report != null) {
            p.writeReport(report)
        }
        return status
    }
    return p
}

test('minimal call: one sh "signet run" with returnStatus, key bound as a file, result Map from the report') {
    FakePipeline p = newPipeline(REPORT_OK, 0)
    Map result = p.signImages(images: ["r.example/app:1@${DIGEST}".toString()], keyCredentialsId: 'cosign-key')
    assert p.callsOf('sh')*.args == [[script: 'signet run', returnStatus: true, label: 'signet run']]
    assert p.callsOf('withCredentials')[0].args == [[kind: 'file', credentialsId: 'cosign-key', variable: 'SIGNET_KEY']]
    Map env = p.callsOf('sh')[0].env
    assert new File(env.SIGNET_KEY).text == KEY
    assert env.SIGNET_IMAGES == "r.example/app:1@${DIGEST}".toString()
    assert result == [exitCode: 0, summary: REPORT_OK.summary, signed: REPORT_OK.signed, failed: [],
                      sboms: REPORT_OK.sboms, report: 'signet-report.json']
    assert p.callsOf('archiveArtifacts')*.args == [[artifacts: 'signet-report.json', allowEmptyArchive: true, fingerprint: true]]
    assert p.callsOf('echo')*.args == ['signet exit 0 (all references signed); signed 2, skipped 0, failed 0, sboms 1']
    assert p.calls*.step == ['file', 'withCredentials', 'withEnv', 'sh', 'fileExists', 'readJSON',
                             'archiveArtifacts', 'echo']
}

test('the exact environment for tags + digest, annotations and an SBOM') {
    FakePipeline p = newPipeline(REPORT_OK, 0)
    p.signImages(tags: ['1.4.2', 'latest'], digest: DIGEST, repository: 'r.example/team/app',
                 annotations: [ci: 'jenkins', build: 42], identity: 'repo', recursive: true,
                 keyCredentialsId: 'cosign-key', retries: '5', failOn: 'all',
                 sbom: [mode: 'generate', attach: 'both', platforms: 'linux/amd64,linux/arm64', dir: 'sboms',
                        cacheDir: '/var/cache/signet'])
    assert p.callsOf('withEnv')[0].args == [
        'SIGNET_WRAPPER=jenkins', 'SIGNET_TAGS=1.4.2\nlatest', "SIGNET_DIGEST=${DIGEST}".toString(), 'SIGNET_REPOSITORY=r.example/team/app',
        'SIGNET_IDENTITY=repo', 'SIGNET_RECURSIVE=true', 'SIGNET_ANNOTATIONS=build=42\nci=jenkins',
        'SIGNET_SIGNATURE_FORMAT=legacy', 'SIGNET_SBOM=generate', 'SIGNET_SBOM_ATTACH=both',
        'SIGNET_SBOM_PLATFORMS=linux/amd64,linux/arm64', 'SIGNET_SBOM_DIR=sboms',
        'SIGNET_CACHE_DIR=/var/cache/signet', 'SIGNET_RETRIES=5',
        'SIGNET_FAIL_ON=all', 'SIGNET_REPORT=signet-report.json']
    assert p.callsOf('archiveArtifacts')[0].args.artifacts == 'signet-report.json, sboms/**'
}

test('password and registry credentials are bound by withCredentials and never appear in Groovy strings') {
    FakePipeline p = newPipeline(REPORT_OK, 0)
    p.signImages(images: "r.example/app:1@${DIGEST}".toString(), keyCredentialsId: 'cosign-key',
                 passwordCredentialsId: 'cosign-password', registryCredentialsId: 'registry')
    assert p.callsOf('withCredentials')[0].args == [
        [kind: 'file', credentialsId: 'cosign-key', variable: 'SIGNET_KEY'],
        [kind: 'string', credentialsId: 'cosign-password', variable: 'COSIGN_PASSWORD'],
        [kind: 'usernamePassword', credentialsId: 'registry', usernameVariable: 'SIGNET_REGISTRY_USERNAME',
         passwordVariable: 'SIGNET_REGISTRY_PASSWORD']]
    Map env = p.callsOf('sh')[0].env
    assert env.COSIGN_PASSWORD == PASSWORD && env.SIGNET_REGISTRY_PASSWORD == REGISTRY_PASSWORD
    String everythingButBindings = p.calls.findAll { it.step != 'sh' }.collect { String.valueOf(it.args) }.join('\n') +
            p.callsOf('sh').collect { String.valueOf(it.args) }.join('\n')
    [KEY, 'c2VjcmV0LWtleS1ieXRlcw', PASSWORD, REGISTRY_PASSWORD].each { secret ->
        assert !everythingButBindings.contains(secret)
    }
}

test('exit 2 with failOn any: report archived, then the build fails naming the failed reference') {
    FakePipeline p = newPipeline(REPORT_PARTIAL, 2)
    String message = expectFailure { p.signImages(images: ["r.example/app:1@${DIGEST}".toString()], keyCredentialsId: 'cosign-key') }
    assert message == 'signet exit 2 (some references failed); signed 1, skipped 0, failed 1, sboms 0; r.example/app:2@sha256:' +
            'b2' * 32 + ': manifest unknown'
    assert p.callsOf('archiveArtifacts').size() == 1
    assert p.calls*.step.indexOf('archiveArtifacts') < p.calls*.step.indexOf('error')
}

test('exit 2 with unstableOnFailure: build marked unstable, Map returned') {
    FakePipeline p = newPipeline(REPORT_PARTIAL, 2)
    Map result = p.signImages(images: ["r.example/app:1@${DIGEST}".toString()], keyCredentialsId: 'cosign-key',
                              unstableOnFailure: true)
    assert result.exitCode == 2 && result.summary.failed == 1 && result.failed[0].category == 'notfound'
    assert p.callsOf('unstable').size() == 1 && p.callsOf('error').isEmpty()
}

test('exit 1 without a report: fails as a configuration error, no readJSON, empty result parts') {
    FakePipeline p = newPipeline(null, 1)
    String message = expectFailure { p.signImages(images: ["r.example/app:1@${DIGEST}".toString()], keyCredentialsId: 'cosign-key', unstableOnFailure: true) }
    assert message == 'signet exit 1 (usage or configuration error (nothing attempted)); no report'
    assert p.callsOf('readJSON').isEmpty()
}

test('exit 3 and 4 always fail the build, even with unstableOnFailure') {
    [3: 'authentication', 4: 'network'].each { int status, String word ->
        FakePipeline p = newPipeline(REPORT_PARTIAL, status)
        String message = expectFailure { p.signImages(images: ["r.example/app:1@${DIGEST}".toString()], keyCredentialsId: 'cosign-key', unstableOnFailure: true) }
        assert message.startsWith("signet exit ${status} (") && message.contains(word)
        assert p.callsOf('unstable').isEmpty()
    }
}

test('archive: false archives nothing') {
    FakePipeline p = newPipeline(REPORT_OK, 0)
    p.signImages(images: ["r.example/app:1@${DIGEST}".toString()], keyCredentialsId: 'cosign-key', archive: false)
    assert p.callsOf('archiveArtifacts').isEmpty()
}

test('bad settings fail before anything runs, naming the setting') {
    Map base = [images: ["r.example/app:1@${DIGEST}".toString()], keyCredentialsId: 'cosign-key']
    [
        [[:] + base + [imagez: ['x']], "unknown setting 'imagez'"],
        [[images: base.images], 'keyCredentialsId is required'],
        [[keyCredentialsId: 'k'], 'nothing to sign'],
        [[tags: ['1.0'], keyCredentialsId: 'k'], 'tags need digest'],
        [[tags: ['1.0'], digest: 'sha256:xyz', keyCredentialsId: 'k'], 'digest must be sha256:'],
        [[:] + base + [identity: 'user'], "identity must be one of tag, repo, got 'user'"],
        [[:] + base + [failOn: 'some'], "failOn must be one of any, all, got 'some'"],
        [[:] + base + [retries: -1], 'retries must be a whole number'],
        [[:] + base + [recursive: 'yes'], 'recursive must be true or false'],
        [[:] + base + [images: [42]], 'images must hold non-empty references'],
        [[:] + base + [annotations: ['a=b': 'c']], "annotation 'a=b'"],
        [[:] + base + [sbom: [mode: 'file']], 'sbom.file is required'],
        [[:] + base + [sbom: [kind: 'spdx']], "unknown sbom setting 'kind'"],
        [[:] + base + [digest: "${DIGEST}\nSIGNET_KEY=/tmp/x".toString()], 'digest must be a single line'],
    ].each { Map settings, String expected ->
        FakePipeline p = newPipeline(REPORT_OK, 0)
        String message = expectFailure { p.signImages(settings) }
        assert message.startsWith('signImages: ') && message.contains(expected): "${settings} -> ${message}"
        assert p.callsOf('sh').isEmpty() && p.callsOf('withCredentials').isEmpty()
    }
}

test('SignetEnvironment: values never carry credential ids or secrets, entries are KEY=value') {
    Map cfg = SignConfig.normalize([images: 'a@' + DIGEST + ',b@' + DIGEST, keyCredentialsId: 'cosign-key',
                                    passwordCredentialsId: 'cosign-password'])
    List<String> env = SignetEnvironment.entries(cfg)
    assert env.every { it ==~ /(?s)SIGNET_[A-Z_]+=.+/ }
    assert env.contains("SIGNET_IMAGES=a@${DIGEST}\nb@${DIGEST}".toString())
    assert !env.any { it.contains('cosign-key') || it.contains('cosign-password') }
}

test('randomized settings: normalize only returns a Map or throws IllegalArgumentException') {
    Random random = new Random(20261122L)
    List keys = SignConfig.DEFAULTS.keySet() as List
    keys += ['bogus', '', 'sbom.mode']
    List values = [null, '', 'tag', 'any', 'true', 7, -3, 3.5, true, [], ['x'], [1, null], [:],
                   [mode: 'file'], [mode: 'generate', dir: 'd'], 'sha256:' + 'c' * 64, "a\nb", 'r@' + DIGEST,
                   new Object(), [a: [b: 'c']]]
    int accepted = 0
    2000.times {
        Map settings = [:]
        (random.nextInt(6) + 1).times { settings[keys[random.nextInt(keys.size())]] = values[random.nextInt(values.size())] }
        if (random.nextBoolean()) {
            settings.keyCredentialsId = 'k'
            settings.images = ['r@' + DIGEST]
        }
        try {
            assert SignConfig.normalize(settings) instanceof Map
            accepted++
        } catch (IllegalArgumentException e) {
            assert e.message.startsWith('signImages: ')
        }
    }
    assert accepted > 0
}

println "${passed} passed, ${failed} failed"
System.exit(failed == 0 && passed > 0 ? 0 : 1)
