import type { IDataObject } from 'n8n-workflow';

import type { GroupMember, MembersHandover } from '../handover/group';
import type { WebhookSetting } from './applications';

/**
 * What the first trigger found on the application (and so what the last one puts back): the webhook
 * and the Messages capability before any of our triggers, and the capability as we last wrote it.
 */
export interface OriginalState {
	previous?: WebhookSetting | null;
	previousOurs?: boolean;
	messagesBefore?: IDataObject | null;
	messagesAfter?: IDataObject | null;
}

/** The live production triggers of this n8n on one application's webhook (status or inbound). */
export interface Group {
	/** The trigger whose URL is on the application: it receives every event and hands each on. */
	receiverUrl: string;
	/** Every live trigger, the receiver included, in the order they joined. */
	members: Map<string, GroupMember>;
	version: number;
	original: OriginalState;
}

/**
 * The groups of this n8n's main process (where n8n activates every workflow; after a restart, filled
 * again by n8n's check of every active trigger). Keyed by the Applications API base, the application
 * and the webhook. Filled only by activations, so bounded by the triggers of this n8n.
 */
class Groups {
	private readonly groups = new Map<string, Group>();

	get(key: string): Group | undefined {
		return this.groups.get(key);
	}

	/** The group of a receiver (found or first activated), with that receiver in it. */
	ensure(key: string, receiverUrl: string, original: OriginalState): Group {
		let group = this.groups.get(key);
		if (!group) {
			group = { receiverUrl, members: new Map(), version: 0, original: { ...original } };
			this.groups.set(key, group);
		}
		return group;
	}

	add(key: string, member: GroupMember): void {
		this.groups.get(key)?.members.set(member.url, member);
	}

	/** Takes a trigger out; the group goes with its last member. */
	remove(key: string, url: string): Group | undefined {
		const group = this.groups.get(key);
		if (!group) return undefined;
		group.members.delete(url);
		if (group.members.size === 0) this.groups.delete(key);
		return group;
	}

	/** Takes a trigger out of every group but `except` (its credential changed while it was active). */
	forget(url: string, except: string): void {
		for (const key of [...this.groups.keys()]) if (key !== except) this.remove(key, url);
	}

	drop(key: string): void {
		this.groups.delete(key);
	}

	/** The member list as the receiver is told it, with a version newer than any told before. */
	snapshot(group: Group): MembersHandover {
		group.version = Math.max(Date.now(), group.version + 1);
		return {
			op: 'members',
			version: group.version,
			receiverUrl: group.receiverUrl,
			members: [...group.members.values()],
		};
	}
}

export const groups = new Groups();

/** The first member after `url`'s leaving: who receives next. */
export function nextReceiver(group: Group, leaving: string): GroupMember | undefined {
	for (const member of group.members.values()) if (member.url !== leaving) return member;
	return undefined;
}
