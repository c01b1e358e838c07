/**
 * A small checker for the JSON-schema subset the Vonage OpenAPI files use, for the emulator's contract
 * tests: type (+ OpenAPI `nullable`), required, properties, additionalProperties, enum, items,
 * min/maxLength, minimum/maximum, pattern, allOf, anyOf, oneOf (exactly one) and `$ref`, local
 * (`#/components/...`) or into a sibling file (`common/x.yml#/...`) through `load`.
 * Keywords apply only to values of their kind, as in JSON Schema (`required` to objects, ...).
 */
export type Schema = Record<string, any>;

export interface SchemaError {
	path: string;
	message: string;
}

/** A document and where its schemas sit; `load(file)` returns a sibling document for external refs. */
export interface SchemaDoc {
	doc: Schema;
	load?: (file: string) => Schema;
}

function pointer(doc: Schema, fragment: string): Schema {
	const parts = fragment
		.replace(/^#?\/?/, '')
		.split('/')
		.filter(Boolean);
	let node: any = doc;
	for (const raw of parts) {
		const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
		if (node === null || typeof node !== 'object' || !(key in node))
			throw new Error(`unresolvable $ref #/${parts.join('/')}`);
		node = node[key];
	}
	return node as Schema;
}

/** Follows `$ref`s (chains included); returns the schema and the document its own refs are relative to. */
export function deref(schema: Schema, ctx: SchemaDoc): { schema: Schema; ctx: SchemaDoc } {
	let current = schema;
	let context = ctx;
	for (let hops = 0; typeof current?.$ref === 'string'; hops++) {
		if (hops > 50) throw new Error(`$ref loop at ${String(current.$ref)}`);
		const [file, fragment = ''] = (current.$ref as string).split('#');
		if (file !== '') {
			if (!context.load) throw new Error(`external $ref ${String(current.$ref)} without a loader`);
			context = { doc: context.load(file), load: context.load };
		}
		current = pointer(context.doc, fragment);
	}
	return { schema: current, ctx: context };
}

const typeOf = (value: unknown): string =>
	value === null
		? 'null'
		: Array.isArray(value)
			? 'array'
			: Number.isInteger(value)
				? 'integer'
				: typeof value;

function typeMatches(value: unknown, schema: Schema): boolean {
	if (value === null && schema.nullable === true) return true;
	const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
	const actual = typeOf(value);
	return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeOf(value) === 'object';

/** Every way `value` breaks `schema`; an empty list means it validates. */
export function check(value: unknown, schema: Schema, ctx: SchemaDoc, path = '$'): SchemaError[] {
	const { schema: s, ctx: c } = deref(schema, ctx);
	const errors: SchemaError[] = [];
	const fail = (message: string) => errors.push({ path, message });

	if (s.type !== undefined && !typeMatches(value, s))
		fail(`expected ${String(s.type)}, got ${typeOf(value)}`);
	if (Array.isArray(s.enum) && !s.enum.some((option: unknown) => option === value))
		fail(`must be one of ${JSON.stringify(s.enum)}`);
	if (typeof value === 'string') {
		const length = Array.from(value).length;
		if (typeof s.minLength === 'number' && length < s.minLength)
			fail(`shorter than ${s.minLength}`);
		if (typeof s.maxLength === 'number' && length > s.maxLength) fail(`longer than ${s.maxLength}`);
		if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value))
			fail(`does not match ${s.pattern}`);
	}
	if (typeof value === 'number') {
		if (typeof s.minimum === 'number' && value < s.minimum) fail(`less than ${s.minimum}`);
		if (typeof s.maximum === 'number' && value > s.maximum) fail(`more than ${s.maximum}`);
	}
	if (isObject(value)) {
		for (const name of (s.required ?? []) as string[])
			if (!(name in value)) errors.push({ path: `${path}.${name}`, message: 'is required' });
		const props = (s.properties ?? {}) as Record<string, Schema>;
		for (const [name, child] of Object.entries(value)) {
			if (name in props) errors.push(...check(child, props[name], c, `${path}.${name}`));
			else if (s.additionalProperties === false)
				errors.push({ path: `${path}.${name}`, message: 'is not allowed' });
			else if (isObject(s.additionalProperties))
				errors.push(...check(child, s.additionalProperties, c, `${path}.${name}`));
		}
	}
	if (Array.isArray(value) && s.items)
		value.forEach((item, i) => errors.push(...check(item, s.items as Schema, c, `${path}[${i}]`)));

	for (const part of (s.allOf ?? []) as Schema[]) errors.push(...check(value, part, c, path));
	if (
		Array.isArray(s.anyOf) &&
		!s.anyOf.some((part: Schema) => check(value, part, c, path).length === 0)
	) {
		fail(`matches none of anyOf (${s.anyOf.length})`);
	}
	if (Array.isArray(s.oneOf)) {
		const matching = s.oneOf.filter(
			(part: Schema) => check(value, part, c, path).length === 0,
		).length;
		if (matching !== 1) fail(`matches ${matching} of oneOf (${s.oneOf.length}), not exactly one`);
	}
	return errors;
}

/** The branch of a oneOf/anyOf titled `title` (Vonage titles them "SMS", "WhatsApp", ...). */
export function variant(schema: Schema, title: string, ctx: SchemaDoc): Schema {
	const { schema: s } = deref(schema, ctx);
	const found = ((s.oneOf ?? s.anyOf ?? []) as Schema[]).find((branch) => branch.title === title);
	if (!found) throw new Error(`no variant titled ${title}`);
	return found;
}

export interface Field {
	/** Dotted path in the payload, e.g. `to.number`. */
	path: string;
	/** Required at its level, and every parent required too. */
	required: boolean;
	/** The field's own (dereferenced) schema: type, enum, ... */
	schema: Schema;
}

/**
 * The leaf fields an object schema describes (allOf merged, refs followed, oneOf/anyOf not entered):
 * for deriving "the emulator must refuse what the schema refuses" cases.
 */
export function fieldsOf(
	schema: Schema,
	ctx: SchemaDoc,
	prefix = '',
	parentRequired = true,
): Field[] {
	const { schema: s, ctx: c } = deref(schema, ctx);
	const flatten = (part: Schema): Schema[] => [
		part,
		...((part.allOf ?? []) as Schema[]).flatMap((sub) => flatten(deref(sub, c).schema)),
	];
	const parts = flatten(s);
	const required = new Set(parts.flatMap((part) => (part.required ?? []) as string[]));
	const fields: Field[] = [];
	for (const part of parts) {
		for (const [name, child] of Object.entries((part.properties ?? {}) as Record<string, Schema>)) {
			const resolved = deref(child, c).schema;
			const path = prefix ? `${prefix}.${name}` : name;
			const isRequired = parentRequired && required.has(name);
			const nested = resolved.properties !== undefined || resolved.allOf !== undefined;
			if (nested) fields.push(...fieldsOf(resolved, c, path, isRequired));
			else fields.push({ path, required: isRequired, schema: resolved });
		}
	}
	return fields;
}
