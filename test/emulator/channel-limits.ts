/**
 * What the emulator's channel rules (channels.ts) add on top of messages-v0.1.yml, each with its source.
 *
 * - A WhatsApp recipient in v1 may be a business-scoped user ID (BSUID) instead of a phone number when
 *   the user hides their number: Vonage's Java SDK 9.13.0 (`Bsuid`, `WhatsappUser` and their tests):
 *   an ISO 3166 alpha-2 country code, a period, an optional `ENT.` (a parent BSUID), then 1 to 128
 *   letters and digits, e.g. US.13491208655302741918 or US.ENT.11815799212886844830. Inbound v1 events
 *   carry it in `whatsapp.sender.user_id` (shared README). v0.1 addresses WhatsApp by `to.number` only.
 * - Caption lengths, from the Python SDK's models (shared README "Recipients, captions and options"):
 *   MMS (`MmsResource.caption`: image, vcard, audio, video) 1 to 2000 characters; WhatsApp image (`WhatsappImageResource.caption`)
 *   1 to 3000. The WhatsApp limit is the channel's, so it holds for v0.1 bodies too. Other captions
 *   have no known limit.
 */
export const BSUID = /^[A-Za-z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** Caption length per channel and media type: [min, max] in code points. */
export const CAPTION_LIMITS: Partial<Record<string, Partial<Record<string, [number, number]>>>> = {
	mms: { image: [1, 2000], vcard: [1, 2000], audio: [1, 2000], video: [1, 2000] },
	whatsapp: { image: [1, 3000] },
};
