/**
 * The Vonage emulator: Messages API v0.1 (send SMS), Applications API v2 (GET/PUT), signed status and
 * inbound webhooks with Vonage's retries, faults and records for tests, /_emulator control endpoints.
 * Behaviour and rules: README.md beside this file.
 */
import { Emulator } from './emulator';
import type { EmulatorOptions } from './types';

export { Emulator } from './emulator';
export { outcomeFor, smsParts } from './events';
export { signWebhook } from './webhooks';
export type {
	AcceptedMessage,
	Application,
	AuthKind,
	DeliveryRecord,
	EmulatorCredentials,
	EmulatorOptions,
	Fault,
	RequestRecord,
} from './types';

/** Starts an emulator on 127.0.0.1 (a random port unless `options.port`) and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return await new Emulator(options).listen();
}
