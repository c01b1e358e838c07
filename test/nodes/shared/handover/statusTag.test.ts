// The tag that says which workflow a status event is for (Status Events to This Workflow Only).
import { statusTag, tagQuery, taggedWorkflow } from '../../../../nodes/shared/handover/statusTag';

const SECRET = 'signature-secret';
const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const tag = statusTag(SECRET, APP, 'wf-1');

it('is 32 hex characters, its own per secret, application and workflow', () => {
	expect(tag).toMatch(/^[0-9a-f]{32}$/);
	expect(
		new Set([
			tag,
			statusTag('another secret', APP, 'wf-1'),
			statusTag(SECRET, 'another app', 'wf-1'),
			statusTag(SECRET, APP, 'wf-2'),
		]).size,
	).toBe(4);
	expect(tagQuery(SECRET, APP, 'wf 1')).toBe(
		`n8n_workflow=wf+1&n8n_tag=${statusTag(SECRET, APP, 'wf 1')}`,
	);
});

it.each([
	['a valid tag', { n8n_workflow: 'wf-1', n8n_tag: tag }, { workflowId: 'wf-1' }],
	[
		'the query of tagQuery, parsed',
		Object.fromEntries(new URLSearchParams(tagQuery(SECRET, APP, 'wf 1'))),
		{ workflowId: 'wf 1' },
	],
	['no n8n_workflow', { n8n_tag: tag, other: 'x' }, undefined],
	['an empty query', {}, undefined],
	['n8n_workflow only inherited', Object.create({ n8n_workflow: 'wf-1', n8n_tag: tag }), undefined],
	['no tag', { n8n_workflow: 'wf-1' }, 'invalid'],
	['the tag of another workflow', { n8n_workflow: 'wf-2', n8n_tag: tag }, 'invalid'],
	['a tag in capitals', { n8n_workflow: 'wf-1', n8n_tag: tag.toUpperCase() }, 'invalid'],
	['a tag cut short', { n8n_workflow: 'wf-1', n8n_tag: tag.slice(0, 31) }, 'invalid'],
	['a repeated n8n_workflow (a list)', { n8n_workflow: ['wf-1', 'wf-1'], n8n_tag: tag }, 'invalid'],
	['a repeated tag (a list)', { n8n_workflow: 'wf-1', n8n_tag: [tag, tag] }, 'invalid'],
	['an empty workflow', { n8n_workflow: '', n8n_tag: tag }, 'invalid'],
	['an overlong workflow', { n8n_workflow: 'w'.repeat(129), n8n_tag: tag }, 'invalid'],
])('%s', (_, query, expected) => {
	expect(taggedWorkflow(query, SECRET, APP)).toEqual(expected);
});

it('another secret or application does not verify', () => {
	const query = { n8n_workflow: 'wf-1', n8n_tag: tag };
	expect(taggedWorkflow(query, 'another secret', APP)).toBe('invalid');
	expect(taggedWorkflow(query, SECRET, 'another app')).toBe('invalid');
	expect(taggedWorkflow(query, '', APP)).toBe('invalid');
});
