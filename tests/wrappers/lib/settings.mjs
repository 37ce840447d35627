// settings: signet's setting table as `signet settings --json` prints it ($SIGNET_BINARY), so the
// wrapper checks compare the wrappers with the table itself rather than with copied lists.
import { execFileSync } from 'node:child_process';

const binary = process.env.SIGNET_BINARY;
if (!binary) throw new Error('SIGNET_BINARY is not set: the checks read signet settings --json');

export const SETTINGS = JSON.parse(execFileSync(binary, ['settings', '--json'], { encoding: 'utf8' }));

// Every environment variable signet reads as a setting.
export const SETTING_ENV = new Set(SETTINGS.flatMap((s) => s.env));

// The GitHub action input ids, and each input's allowed values (choices; true/false for bools,
// and also "" — unset, as signet reads an empty variable — for a bool whose default is neither,
// such as sigstore.tlog_upload's "true when a Rekor URL … is given").
export const INPUT_IDS = SETTINGS.filter((s) => s.input).map((s) => s.input);
export function choicesOf(setting) {
    if (setting.kind === 'bool') {
        return ['true', 'false'].includes(setting.default) ? ['true', 'false'] : ['true', 'false', ''];
    }
    return setting.choices.length ? setting.choices : undefined;
}
export const INPUT_CHOICES = Object.fromEntries(
    SETTINGS.filter((s) => s.input && choicesOf(s)).map((s) => [s.input, choicesOf(s)]));

// The setting an environment variable belongs to.
export function settingOfEnv(name) {
    return SETTINGS.find((s) => s.env.includes(name));
}
