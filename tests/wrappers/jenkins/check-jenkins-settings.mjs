// check-jenkins-settings: the Jenkins library sets each variable from the signImages argument the
// setting table names for it (`jenkins` in signet settings --json), so signet's hints under
// Jenkins (SIGNET_WRAPPER=jenkins) name arguments that exist; and it says it is Jenkins.
import fs from 'node:fs';
import { check, expect, expectEqual, finish, repoPath } from '../lib/checks.mjs';
import { SETTINGS, settingOfEnv } from '../lib/settings.mjs';

const environment = fs.readFileSync(repoPath('jenkins/src/dev/signet/jenkins/SignetEnvironment.groovy'), 'utf8');
const step = fs.readFileSync(repoPath('jenkins/vars/signImages.groovy'), 'utf8');

// variable -> the signImages argument it comes from ("sbom.mode" for cfg.sbom.mode).
const wired = new Map();
for (const m of environment.matchAll(/env\.([A-Z_]+) = [^\n]*?cfg\.([a-zA-Z]+(?:\.(?!join|collect)[a-zA-Z]+)?)/g)) {
    wired.set(m[1], m[2]);
}
for (const m of step.matchAll(/credentialsId: cfg\.([a-zA-Z]+),\s*variable: '([A-Z_]+)'/g)) wired.set(m[2], m[1]);
for (const m of step.matchAll(/credentialsId: cfg\.([a-zA-Z]+),\s*usernameVariable: '([A-Z_]+)', passwordVariable: '([A-Z_]+)'/g)) {
    wired.set(m[2], m[1]);
    wired.set(m[3], m[1]);
}

await check('the library reads its arguments into variables signet has settings for', () => {
    expect(wired.size >= 20, `found only ${wired.size} wired variables`);
    for (const [variable, argument] of wired) {
        const setting = settingOfEnv(variable);
        expect(setting, `${variable} is not a setting`);
        expectEqual(setting.jenkins, argument, `${variable}: the table's jenkins argument`);
    }
});

await check('every argument the table names is wired', () => {
    const argumentsWired = new Set(wired.values());
    for (const s of SETTINGS.filter((s) => s.jenkins)) {
        expect(argumentsWired.has(s.jenkins), `${s.key}: signImages argument ${s.jenkins} is not wired`);
    }
});

await check('the library tells signet it is Jenkins (SIGNET_WRAPPER)', () => {
    expect(/env\.SIGNET_WRAPPER = 'jenkins'/.test(environment), 'SIGNET_WRAPPER is not set');
    expect(settingOfEnv('SIGNET_WRAPPER').choices.includes('jenkins'), 'jenkins is not a wrapper choice');
});

finish();
