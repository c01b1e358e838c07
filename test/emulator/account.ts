/**
 * Where and in which format a real account delivers Messages webhooks, or why it delivers none.
 * Each rule cites its source (the shared README is ../shared/vonage/README.md beside the repository).
 */
import type { Application, AuthKind, EmulatorOptions, WebhookVersion } from './types';

export type Plan =
	| {
			url: string | undefined;
			version: WebhookVersion;
			target: 'application' | 'account';
			missing: string;
	  }
	| { skip: string; version: WebhookVersion; target: 'application' | 'account' };

/**
 * The application's webhook format. Source: shared README "Messages API versions" (Applications API
 * `capabilities.messages.version` is "v1" or "v0.1", and "if not populated will be set to v1").
 */
export function applicationVersion(app: Application): WebhookVersion {
	return app.capabilities?.messages?.version === 'v0.1' ? 'v0.1' : 'v1';
}

/**
 * Source: shared README "Account setup that decides whether webhooks arrive at all": while the
 * Dashboard's "Messaging API type" is SMS API, inbound SMS and delivery receipts go to the SMS API's
 * settings and never reach the application's Messages webhooks.
 */
function smsApiAccount(options: EmulatorOptions): string | undefined {
	return options.messagingApiType === 'sms'
		? "the account's Messaging API type is SMS API (Dashboard > API Settings), so no Messages webhook is sent"
		: undefined;
}

/**
 * A status webhook. Sources: shared README "Authentication of API calls" and "Account setup": with JWT
 * the status goes to the application's Status URL; with Basic auth Vonage uses the account-level URL
 * (its docs: Basic "does not support webhooks"). The format is the application's version, which a v1
 * send may override with `webhook_version` (shared README "Messages API versions"). A Basic send has no
 * application: its account-level status is v1, Vonage's current version (not confirmed by a fixture).
 * A v1 send's own `webhookUrl` takes the place of both URLs (Vonage's node SDK packages/messages
 * MessageParams.webhookUrl: "Specifies the URL to which Status Webhook messages will be sent for this
 * particular message. Over-rides account-level and application-level Status Webhook url settings on a
 * per-message basis"; the shared README lists `webhook_url` among v1's extras), query string and all;
 * the signature stays the application's or the account's.
 */
export function statusPlan(
	options: EmulatorOptions,
	app: Application,
	auth: AuthKind,
	override?: WebhookVersion,
	webhookUrl?: string,
): Plan {
	const skip = smsApiAccount(options);
	if (auth === 'basic') {
		const version = override ?? 'v1';
		if (skip) return { skip, version, target: 'account' };
		return {
			url: webhookUrl ?? options.accountStatusUrl,
			version,
			target: 'account',
			missing:
				'no account-level status URL (Basic-auth sends report there, not to the application)',
		};
	}
	const version = override ?? applicationVersion(app);
	if (skip) return { skip, version, target: 'application' };
	return {
		url: webhookUrl ?? app.capabilities?.messages?.webhooks?.status_url?.address,
		version,
		target: 'application',
		missing: 'no status_url on the application',
	};
}

/** An inbound message: to the application the number is linked to (shared README), in its format. */
export function inboundPlan(options: EmulatorOptions, app: Application): Plan {
	const version = applicationVersion(app);
	const skip = smsApiAccount(options);
	if (skip) return { skip, version, target: 'application' };
	return {
		url: app.capabilities?.messages?.webhooks?.inbound_url?.address,
		version,
		target: 'application',
		missing: 'no inbound_url on the application',
	};
}
