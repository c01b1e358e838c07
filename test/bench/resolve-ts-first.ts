// Imported first by run.ts. Each node has a codex file beside it (Foo.node.json), and Node's resolver
// tries .json before ts-node's .ts, so `import ... from './Foo.node'` would load the codex. Moving the
// .json handler after .ts makes the bench (run with ts-node, not jest) load the node's source.
const extensions: Record<string, unknown> = require.extensions;
const json = extensions['.json'];
delete extensions['.json'];
extensions['.json'] = json;

export {};
