/** What Vonage will do with an SMS text: GSM-7 or unicode (UCS-2), and how many billed parts. */
export interface SmsEncoding {
	encoding: 'GSM-7' | 'unicode';
	characters: number;
	parts: number;
}

// GSM 03.38 basic character set, and the extension table whose characters take two septets.
const GSM7_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '|^€{}[]~\\\f';

const basic = new Set(Array.from(GSM7_BASIC));
const extension = new Set(Array.from(GSM7_EXTENSION));

export function smsEncoding(text: string): SmsEncoding {
	let septets = 0;
	let gsm = true;
	for (const char of text) {
		if (basic.has(char)) septets += 1;
		else if (extension.has(char)) septets += 2;
		else {
			gsm = false;
			break;
		}
	}
	if (gsm) {
		return {
			encoding: 'GSM-7',
			characters: septets,
			parts: septets <= 160 ? 1 : Math.ceil(septets / 153),
		};
	}
	// UCS-2 counts 16-bit code units: a character outside the BMP (most emoji) takes two.
	const units = text.length;
	return { encoding: 'unicode', characters: units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}
