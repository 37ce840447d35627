// tekton-step: resolves one step of a Task or StepAction the way Tekton's reconciler does before
// it creates the container: param defaults merged with the run's values, $(params.X) string
// replacement, an isolated "$(params.X[*])" in args replaced by all the array's elements (none for
// an empty array; tektoncd/pipeline pkg/substitution ApplyArrayReplacements), workspace paths
// ("" when an optional workspace is unbound), and result paths.

function paramValues(declared, given) {
    const values = {};
    for (const p of declared || []) {
        if (Object.prototype.hasOwnProperty.call(given, p.name)) {
            values[p.name] = given[p.name];
        } else if (p.default !== undefined) {
            values[p.name] = p.default;
        } else {
            throw new Error(`param ${p.name} has no default and was not given`);
        }
        const isArray = (p.type || 'string') === 'array';
        if (isArray !== Array.isArray(values[p.name])) {
            throw new Error(`param ${p.name}: ${p.type || 'string'} expected`);
        }
    }
    for (const name of Object.keys(given)) {
        if (!(declared || []).some((p) => p.name === name)) throw new Error(`unknown param ${name}`);
    }
    return values;
}

// bindings: { params: {NAME: string|string[]}, workspaces: {name: dir}, resultPaths: {NAME: file} }
// resultVariable: 'results' for a Task step, 'step.results' for a StepAction.
export function resolveStep(resource, container, bindings, resultVariable) {
    const params = paramValues(resource.spec.params, bindings.params || {});
    const strings = {};
    const arrays = {};
    for (const [name, value] of Object.entries(params)) {
        if (Array.isArray(value)) arrays[`params.${name}`] = value;
        else strings[`params.${name}`] = value;
    }
    for (const ws of resource.spec.workspaces || []) {
        const bound = Object.prototype.hasOwnProperty.call(bindings.workspaces || {}, ws.name);
        if (!bound && !ws.optional) throw new Error(`workspace ${ws.name} is required`);
        strings[`workspaces.${ws.name}.path`] = bound ? bindings.workspaces[ws.name] : '';
        strings[`workspaces.${ws.name}.bound`] = bound ? 'true' : 'false';
    }
    for (const r of resource.spec.results || []) {
        strings[`${resultVariable}.${r.name}.path`] = bindings.resultPaths[r.name];
    }
    const replace = (s) => String(s).replace(/\$\(([^)]*)\)/g, (whole, key) => {
        if (!(key in strings)) throw new Error(`no value for ${whole}`);
        return strings[key];
    });
    const spread = (s) => {
        const m = /^\$\(([^)]*?)(\[\*\])?\)$/.exec(s);
        if (m && m[1] in arrays) return arrays[m[1]];
        return [replace(s)];
    };
    return {
        image: replace(container.image),
        command: container.command ? container.command.flatMap(spread) : undefined,
        args: (container.args || []).flatMap(spread),
        workingDir: container.workingDir === undefined ? '' : replace(container.workingDir),
        env: Object.fromEntries((container.env || []).map((e) => [e.name, replace(e.value)])),
    };
}
